"""Every page type at 10,000 pages: SQL queries, HTML bytes and in-process latency.

    createdb -h 127.0.0.1 -U postgres principles_bench      # or leave DATABASE_URL unset
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/principles_bench \
        .venv/bin/python -m bench.pages [--pages 10000] [--repeat 10] [--strict]

Without DATABASE_URL it builds a SQLite file, ``bench/pages.sqlite3`` (slower to fill).
Builds the library once (``bench.seed``: the demo plus 10,000 pages in English and
Spanish, 40 themes, 300 contributors; one theme and one contributor carry 1,000 items
each, others 10 or about 100; reused while it is there), runs VACUUM ANALYZE (ANALYZE on
SQLite), warms each URL up and requests it ``--repeat`` times in-process (Django's test
client, anonymous, page cache off: ``PAGE_CACHE_SECONDS=0``, so it measures the real
work; a response still marked ``X-Cache: hit`` is flagged).

Prints the machine's load, then one line per request: every page type in both
languages (home, principle index, principle, its history, reflection index, reflection,
roundtable, theme index, theme page, contributor index, contributor page, search, the
standard page, sitemap, feed, API listing, JSON download), each paginated index on
page 1 and page 500 (a page past the end shows the last page: the line says which it
showed), theme and contributor pages with 10 items and with 1,000: status, SQL queries,
KB of HTML, p50 and p95 in ms. Then the budget report, one PASS/FAIL line per budget:

- an uncached principle page takes <= 12 queries;
- index, theme and contributor pages take as many queries on page 500 as on page 1, and
  with 1,000 items as with 10, and weigh <= 60 KB at 10,000 pages;
- search p95 <= 50 ms; theme pages p95 <= 60 ms.

Exit code 0 whatever the budgets say; 1 on any FAIL with ``--strict``.
"""

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(__file__).with_name('pages.sqlite3')}"

from bench.inprocess import machine, measure, percentile, setup  # noqa: E402

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from bench import seed as library  # noqa: E402
from principles.models import PrincipleIndexPage, PrinciplePage  # noqa: E402
from reflections.models import (  # noqa: E402
    ContributorIndexPage,
    HomePage,
    ReflectionIndexPage,
    ReflectionPage,
    ThemeIndexPage,
)
from site_core.models import StandardPage  # noqa: E402

LANGUAGES = ("en", "es")
SEARCHES = {"en": ["healing", "harm reduction", "healng"], "es": ["sanación", "comunidad"]}
PRINCIPLE_QUERIES = 12
INDEX_KB = 60
SEARCH_P95, THEME_P95 = 50, 60


def one(model, locale, **filters):
    return model.objects.filter(locale=locale, **filters).first()


def targets(language):
    """``[(label, url)]`` for every page type in ``language``."""
    locale = Locale.objects.get(language_code=language)
    url = lambda page: page.get_url() if page else None  # noqa: E731
    principle = one(PrinciplePage, locale, slug="bench-00042")
    reflection = one(ReflectionPage, locale, slug="bench-00042")
    roundtable = next(
        (page for page in ReflectionPage.objects.filter(locale=locale).exclude(
            slug__startswith="bench-") if any(block["type"] == "question" for block in
            page.body.raw_data)), None,
    )  # fmt: skip
    themes = url(one(ThemeIndexPage, locale))
    people = url(one(ContributorIndexPage, locale))
    reflections = url(one(ReflectionIndexPage, locale))
    with translation.override(language):
        search = reverse("search")
        download = (
            reverse("principles_download_json") if has_route("principles_download_json") else None
        )
    rows = [
        ("home", url(one(HomePage, locale))),
        ("principle index", url(one(PrincipleIndexPage, locale))),
        ("principle", url(principle)),
        ("principle history", url(principle) + "history/"),
        ("reflection index p1", reflections),
        ("reflection index p500", reflections + "?page=500"),
        ("reflection", url(reflection)),
        ("roundtable reflection", url(roundtable)),
        ("reflection feed", reflections + "feed/"),
        ("theme index", themes),
        ("theme page, 10 items", themes + library.theme_slug(39, language) + "/"),
        ("theme page, 1,000 items p1", themes + library.theme_slug(0, language) + "/"),
        ("theme page, 1,000 items p500", themes + library.theme_slug(0, language) + "/?page=500"),
        ("contributor index p1", people),
        ("contributor index p500", people + "?page=500"),
        ("contributor page, 10 items", people + library.SMALL_CONTRIBUTOR + "/"),
        ("contributor page, 1,000 items", people + library.BIG_CONTRIBUTOR + "/"),
        ("standard page", url(one(StandardPage, locale))),
        ("API listing", f"/api/v2/principles/?locale={language}"),
        ("JSON download", download),
    ]
    rows += [("search", f"{search}?{urlencode({'q': words})}") for words in SEARCHES[language]]
    return [(label, link) for label, link in rows if link]


def has_route(name):
    try:
        reverse(name)
    except Exception:  # noqa: BLE001 (the route's name is the project's; absent is fine)
        return False
    return True


def shown_page(response):
    """Which page of a list a response shows ("Page 250 of 250"), or ''."""
    found = re.search(r"(?:Page|Página) (\d+) (?:of|de) (\d+)", response.content.decode())
    return f"{found[1]} of {found[2]}" if found else ""


def measure_all(client, repeat):
    rows = []
    for language in LANGUAGES:
        for label, url in targets(language):
            rows.append((f"{label} ({language})", measure(client, url, repeat)))
    rows.append(("sitemap", measure(client, "/sitemap.xml", repeat)))
    return rows


def print_rows(client, rows):
    print(f"\n{'page':36} {'status':>6} {'SQL':>5} {'KB':>8} {'p50 ms':>8} {'p95 ms':>8}  url")
    for label, row in rows:
        note = ""
        if "p500" in label:
            note = f"  (showed page {shown_page(client.get(row.url)) or '?'})"
        if row.cache == "hit":
            note += "  X-Cache: hit (NOT uncached)"
        print(
            f"{label[:36]:36} {row.status:>6} {row.queries:5d} {row.size / 1024:8.1f} "
            f"{row.p50:8.1f} {row.p95:8.1f}  {row.url}{note}"
        )


def budgets(rows):
    """``[(passed, line)]``, one per budget."""
    by = dict(rows)
    checks = []
    for language in LANGUAGES:
        principle = by[f"principle ({language})"]
        checks.append((
            principle.queries <= PRINCIPLE_QUERIES,
            f"principle page ({language}): {principle.queries} queries (<= {PRINCIPLE_QUERIES})",
        ))  # fmt: skip
        pairs = [
            ("reflection index", "reflection index p1", "reflection index p500"),
            ("contributor index", "contributor index p1", "contributor index p500"),
            ("theme page", "theme page, 10 items", "theme page, 1,000 items p1"),
            ("theme page p500", "theme page, 1,000 items p1", "theme page, 1,000 items p500"),
            ("contributor page", "contributor page, 10 items", "contributor page, 1,000 items"),
        ]
        for name, small, large in pairs:
            a, b = by[f"{small} ({language})"], by[f"{large} ({language})"]
            checks.append((
                a.queries == b.queries,
                f"{name} ({language}): {a.queries} queries ({small}) vs {b.queries} ({large}), constant",
            ))  # fmt: skip
        for name in ("principle index", "reflection index p1", "theme index",
                     "theme page, 1,000 items p1", "contributor index p1",
                     "contributor page, 1,000 items"):  # fmt: skip
            row = by[f"{name} ({language})"]
            checks.append((
                row.size <= INDEX_KB * 1024,
                f"{name} ({language}): {row.size / 1024:.1f} KB of HTML (<= {INDEX_KB} KB)",
            ))  # fmt: skip
    search = [t for label, row in rows if label.startswith("search") for t in row.timings]
    p95 = percentile(search, 95)
    checks.append(
        (p95 <= SEARCH_P95, f"search: p95 {p95:.1f} ms over every search (<= {SEARCH_P95} ms)")
    )
    theme = [t for label, row in rows if label.startswith("theme page") for t in row.timings]
    p95 = percentile(theme, 95)
    checks.append((p95 <= THEME_P95, f"theme pages: p95 {p95:.1f} ms (<= {THEME_P95} ms)"))
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--strict", action="store_true", help="exit 1 on any FAIL")
    args = parser.parse_args()
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    library.seed(args.pages)
    library.analyze()
    pages = PrinciplePage.objects.count() + ReflectionPage.objects.count()
    print(f"Principles and reflections: {pages} (both languages)")
    print(f"Before: {machine()}")
    client = Client()
    rows = measure_all(client, args.repeat)
    print(f"After: {machine()}")
    print_rows(client, rows)
    bad = [row for _label, row in rows if row.status != 200]
    print("\nBudgets")
    checks = budgets(rows)
    for passed, line in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {line}")
    failed = sum(not passed for passed, _line in checks)
    print(f"{len(checks) - failed} PASS, {failed} FAIL" + (f"; {len(bad)} non-200" if bad else ""))
    sys.exit(1 if args.strict and (failed or bad) else 0)


if __name__ == "__main__":
    main()
