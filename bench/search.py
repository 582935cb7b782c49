"""Search and theme-page latency on PostgreSQL at 10,000 pages.

    createdb -h 127.0.0.1 -U postgres principles_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/principles_bench \
        .venv/bin/python -m bench.search [--pages 10000] [--repeat 20] [--runs 1]

Builds the library once (``bench.seed``: the demo plus 10,000 pages in English and
Spanish, 40 themes, 300 contributors; about a minute; reused while it is there, drop the
database to rebuild), runs VACUUM ANALYZE, warms every URL up, then requests in-process
the search view for 20 varied queries (with and without a theme filter, misspellings for
"did you mean", accents) and the theme pages (small, ordinary, 1,000 items). Prints the
machine's load, the number of pages, then per request p50/p95 latency, SQL queries and
KB, and for all of them together; ``--runs 2`` repeats the whole measure and prints each
run's summary, to show that the figures hold from run to run.
Budgets: search p95 <= 50 ms; theme pages p95 <= 60 ms.

Why the figures once differed (42.9 ms against 100.7 ms): see ``bench/inprocess.py``.
"""

import argparse
import sys
from urllib.parse import urlencode

from bench.inprocess import machine, measure, setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.seed import BIG_THEME, SMALL_THEME, analyze, seed, theme_slug  # noqa: E402
from principles.models import PrinciplePage  # noqa: E402
from reflections.models import ReflectionPage  # noqa: E402

QUERIES = [
    ("en", "healing", None),
    ("en", "harm reduction", None),
    ("en", "ancestors", None),
    ("en", "trauma", "trauma-and-healing"),
    ("en", "community care", None),
    ("en", "sex work", None),
    ("en", "naloxone", None),
    ("en", "housing justice", "mutual-aid"),
    ("en", "healng", None),
    ("en", "rest and joy", None),
    ("en", "", "trauma-and-healing"),
    ("en", "mutual aid", BIG_THEME),
    ("es", "sanación", None),
    ("es", "reducción de daños", None),
    ("es", "daños", "trauma-y-sanacion"),
    ("es", "comunidad", None),
    ("es", "sanacion", None),
    ("es", "comunidda", None),
    ("es", "ancestros", "cuidado-comunitario"),
    ("es", "", theme_slug(0, "es")),
]
THEME_PAGES = {
    "en": ["/en/themes/", [BIG_THEME, theme_slug(1), SMALL_THEME, "trauma-and-healing"]],
    "es": ["/es/temas/", [theme_slug(0, "es"), theme_slug(1, "es"), theme_slug(39, "es")]],
}
SEARCH_BUDGET, THEME_BUDGET = 50, 60


def search_urls():
    urls = []
    for language, query, theme in QUERIES:
        params = {"q": query} | ({"theme": theme} if theme else {})
        urls.append(f"/{language}/search/?{urlencode(params)}")
    return urls


def theme_urls():
    return [base + slug + "/" for base, slugs in THEME_PAGES.values() for slug in slugs]


def report(title, rows):
    print(f"\n{title}")
    print(f"{'request':58} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5} {'KB':>6}")
    everything = []
    for row in rows:
        everything.extend(row.timings)
        print(
            f"{row.url[:58]:58} {row.p50:8.1f} {row.p95:8.1f} {row.queries:5d} {row.size / 1024:6.1f}"
        )
    from bench.inprocess import percentile

    p50, p95 = percentile(everything, 50), percentile(everything, 95)
    print(f"{'all':58} {p50:8.1f} {p95:8.1f}")
    return p50, p95


def run(client, repeat):
    searches = [measure(client, url, repeat) for url in search_urls()]
    themes = [measure(client, url, repeat) for url in theme_urls()]
    for row in searches + themes:
        if row.status != 200:
            sys.exit(f"{row.url} answered {row.status}")
    return report("Search view", searches), report("Theme pages", themes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is built on first use).")
    print(f"Database: {connection.settings_dict['NAME']}")
    seed(args.pages)
    analyze()
    pages = PrinciplePage.objects.count() + ReflectionPage.objects.count()
    print(f"Principles and reflections: {pages} (both languages)")
    client = Client()
    summaries = []
    for number in range(1, args.runs + 1):
        print(f"\nRun {number}: {machine()}")
        summaries.append(run(client, args.repeat))
    print(f"\nAfter: {machine()}")
    for number, ((s50, s95), (t50, t95)) in enumerate(summaries, start=1):
        print(
            f"run {number}: search p50 {s50:.1f} p95 {s95:.1f} ms "
            f"({'PASS' if s95 <= SEARCH_BUDGET else 'FAIL'} <= {SEARCH_BUDGET}); "
            f"theme pages p50 {t50:.1f} p95 {t95:.1f} ms "
            f"({'PASS' if t95 <= THEME_BUDGET else 'FAIL'} <= {THEME_BUDGET})"
        )


if __name__ == "__main__":
    main()
