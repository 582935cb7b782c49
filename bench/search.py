"""Search and theme-page latency on PostgreSQL at 10,000 pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/principles_bench \
        .venv/bin/python -m bench.search [--pages 10000] [--repeat 10]

Builds (once; reused while it has enough pages; drop the database to rebuild) a database with principles and
reflections in English and Spanish, realistic text and themes, then requests the
search view in-process for 20 varied queries with and without a theme filter,
and every theme page. Prints p50/p95 latency and SQL queries per request.
Budget: p95 <= 50 ms per search request.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_core.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from principles.models import PrincipleIndexPage, PrinciplePage, Theme  # noqa: E402
from reflections.models import ReflectionIndexPage, ReflectionPage  # noqa: E402
from site_core.blocks import stream_data  # noqa: E402
from site_core.demo import content  # noqa: E402


def demo_vocabulary():
    """Every word of the demo content, per language: real prose, not a short word list."""
    words = {"en": [], "es": []}

    def walk(value, language=None):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, key if key in words else language)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, language)
        elif isinstance(value, str) and language:
            words[language].extend(
                re.findall(r"[^\W\d_]{3,}", re.sub(r"<[^>]+>", " ", value).lower())
            )

    for path in content.files():
        walk(content.read(path))
    # Most frequent first, so a Zipf-like draw makes common words common and most words rare.
    return {
        language: [w for w, _n in Counter(found).most_common()] for language, found in words.items()
    }


WORDS = demo_vocabulary()
ZIPF = {
    language: [1 / rank for rank in range(1, len(found) + 1)] for language, found in WORDS.items()
}


QUERIES = [
    ("en", "healing", None),
    ("en", "harm reduction", None),
    ("en", "ancestors", None),
    ("en", "trauma", "trauma"),
    ("en", "community care", None),
    ("en", "sex work", None),
    ("en", "naloxone", None),
    ("en", "housing justice", "care"),
    ("en", "healng", None),
    ("en", "rest and joy", None),
    ("en", "", "trauma"),
    ("en", "mutual aid", "care"),
    ("es", "sanación", None),
    ("es", "reducción de daños", None),
    ("es", "daños", "trauma"),
    ("es", "comunidad", None),
    ("es", "sanacion", None),
    ("es", "comunidda", None),
    ("es", "ancestros", "cuidado"),
    ("es", "", "cuidado"),
]
THEMES = {
    "en": ["trauma", "care", "rights", "joy"],
    "es": ["trauma", "cuidado", "derechos", "alegria"],
}


def sentence(rng, language, n):
    return " ".join(rng.choices(WORDS[language], weights=ZIPF[language], k=n)).capitalize() + "."


def build(total, rng):
    call_command("migrate", verbosity=0)
    if not PrinciplePage.objects.exists():
        call_command("load_demo_content", verbosity=0)
    existing = PrinciplePage.objects.count() + ReflectionPage.objects.count()
    if existing >= total:
        return existing
    per_kind = (total - existing) // 4
    for language in ("en", "es"):
        locale = Locale.objects.get(language_code=language)
        themes = []
        for slug in THEMES[language]:
            theme = Theme.objects.filter(locale=locale, slug=slug).first()
            themes.append(
                theme or Theme.objects.create(locale=locale, slug=slug, name=slug.title())
            )
        principle_index = PrincipleIndexPage.objects.get(locale=locale)
        reflection_index = ReflectionIndexPage.objects.get(locale=locale)
        for kind, parent in (("principle", principle_index), ("reflection", reflection_index)):
            for start in range(0, per_kind, 250):
                with transaction.atomic():
                    for i in range(start, min(per_kind, start + 250)):
                        body = stream_data(("paragraph", f"<p>{sentence(rng, language, 60)}</p>"))
                        title = sentence(rng, language, 3)[:-1]
                        if kind == "principle":
                            page = PrinciplePage(
                                title=title,
                                slug=f"bench-{language}-{i}",
                                number=100 + i,
                                statement=sentence(rng, language, 14),
                                body=body,
                            )
                        else:
                            page = ReflectionPage(
                                title=title,
                                slug=f"bench-{language}-{i}",
                                intro=sentence(rng, language, 20),
                                body=body,
                                date=f"20{rng.randint(10, 26)}-{rng.randint(1, 12):02d}-01",
                            )
                        page.themes = rng.sample(themes, rng.randint(1, 2))
                        parent.add_child(instance=page)
                print(f"  {language} {kind}s: {min(per_kind, start + 250)}/{per_kind}", flush=True)
    connection.cursor().execute("ANALYZE")
    return PrinciplePage.objects.count() + ReflectionPage.objects.count()


def measure(client, url, repeat):
    client.get(url)  # warm up
    timings, queries = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured))
    return timings, queries, len(response.content)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(title, rows):
    print(f"\n{title}")
    print(f"{'request':58} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5} {'KB':>6}")
    everything = []
    for url, (timings, queries, size) in rows:
        everything.extend(timings)
        print(
            f"{url[:58]:58} {statistics.median(timings):8.1f} {percentile(timings, 95):8.1f} "
            f"{max(queries):5d} {size / 1024:6.1f}"
        )
    print(f"{'all':58} {statistics.median(everything):8.1f} {percentile(everything, 95):8.1f}")
    return percentile(everything, 95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is built on first use).")
    rng = random.Random(2026)
    print(f"Database: {connection.settings_dict['NAME']}")
    pages = build(args.pages, rng)
    print(f"Principles and reflections: {pages}")
    client = Client()
    from urllib.parse import urlencode

    rows = []
    for language, query, theme in QUERIES:
        params = {"q": query} | ({"theme": theme} if theme else {})
        url = f"/{language}/search/?{urlencode(params)}"
        rows.append((url, measure(client, url, args.repeat)))
    p95 = report("Search view", rows)
    theme_rows = []
    for language in ("en", "es"):
        base = "/en/themes/" if language == "en" else "/es/temas/"
        for slug in THEMES[language]:
            theme_rows.append((base + slug + "/", measure(client, base + slug + "/", args.repeat)))
    report("Theme pages", theme_rows)
    print(f"\nSearch p95 {p95:.1f} ms (budget 50 ms): {'OK' if p95 <= 50 else 'OVER BUDGET'}")


if __name__ == "__main__":
    main()
