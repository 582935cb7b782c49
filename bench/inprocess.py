"""In-process measuring for the benchmarks: the same conditions every run.

What made two runs of ``bench.search`` differ (42.9 ms against 100.7 ms at p95), and what
this module fixes:

- **A new database connection per request.** The test settings set ``CONN_MAX_AGE = 0``
  (for the live-server threads), so Django's ``request_finished`` closed the connection
  after every request and the next one paid a PostgreSQL connection (a backend fork,
  authentication, then the health check) inside its timing. Production keeps
  connections (``DB_CONN_MAX_AGE``, 60 s), so the benchmarks do too: ``setup()``.
- **SQL recorded while timing.** ``CaptureQueriesContext`` keeps every statement with its
  SQL text; timed requests now run without it, and one more request counts the queries.
- **No warm-up.** One request per URL warmed the template and translation caches but the
  pages' rows and the indexes came cold from disk; ``measure()`` warms every URL
  ``WARM_UP`` times, and ``seed.analyze()`` runs VACUUM ANALYZE before anything is timed.
- **The machine's load.** The 2-core machine is shared; ``machine()`` prints the load
  average and core count at the start and at the end, so a noisy run shows as one, and
  a CPU reference (a fixed loop's CPU time), so runs on faster or slower machines can
  be compared.
"""

import os
import statistics
import time

WARM_UP = 3


def setup(settings_module="site_core.settings.test"):
    """Django with the page cache off and persistent database connections, as production."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # measure the real work, never a cached copy
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if not hasattr(settings, "PAGE_CACHE_SECONDS"):  # settings from before the page cache
        settings.PAGE_CACHE_SECONDS = 0
    settings.DATABASES["default"]["CONN_MAX_AGE"] = None
    connection.settings_dict["CONN_MAX_AGE"] = None


def machine():
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"load average {load} (1, 5, 15 min) on {os.cpu_count()} CPUs;"
        f" CPU reference {cpu_reference():.0f} ms"
    )


def cpu_reference():
    """CPU milliseconds of a fixed pure-Python loop (best of 5): how fast this machine is.

    Budgets in milliseconds were set on one machine; this figure lets a reader compare
    runs on machines of different speeds (twice the reference, about twice the times).
    """
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        sum(range(10**7))
        best = min(best, time.process_time() - start)
    return best * 1000


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Measured:
    """One URL's figures: timings in ms, SQL queries, HTML bytes, the X-Cache it got."""

    def __init__(self, url, timings, queries, size, status, cache):
        self.url, self.timings, self.queries = url, timings, queries
        self.size, self.status, self.cache = size, status, cache

    @property
    def p50(self):
        return statistics.median(self.timings)

    @property
    def p95(self):
        return percentile(self.timings, 95)


def measure(client, url, repeat):
    """Warm ``url`` up, time ``repeat`` requests, then count one request's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        client.get(url)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    body = response.getvalue() if response.streaming else response.content
    return Measured(
        url, timings, len(captured), len(body), response.status_code,
        response.headers.get("X-Cache", ""),
    )  # fmt: skip
