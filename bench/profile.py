"""Profile a warm, uncached request in process, and print where its CPU time goes.

    DATABASE_URL=... .venv/bin/python -m bench.profile [URL] [--requests 200] [--code DIR]

Serves ``URL`` (default: the first English principle) through Django's WSGI handler,
as gunicorn would, with the page cache off and persistent database connections: 30
requests to warm up, then five timed batches (CPU time of this process, so other load
on the machine barely shows), then ``--requests`` more under pyinstrument. Prints the
load, CPU ms per request (the median batch), the SQL queries of one request, and
pyinstrument's tree (wall time: run it on a quiet machine), trimmed to frames that cost
2 % or more.

``--code DIR`` profiles another checkout (the code before a change) with the same
database and this environment: ``git clone -q . /tmp/base && git -C /tmp/base checkout
-q <commit>`` then ``--code /tmp/base``.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--code", type=Path, help="another checkout to profile instead")
    args = parser.parse_args()
    if args.code:
        code = args.code.resolve()
        env = {**os.environ, "PYTHONPATH": str(code)}
        argv = [args.url] if args.url else []
        argv += ["--requests", str(args.requests)]
        # run_path, not "python this_file": bench/ must not come first on sys.path
        # (bench/http.py would stand in for the standard library's http).
        runner = (
            "import runpy, sys; sys.argv = ['bench.profile', *sys.argv[1:]]; "
            f"runpy.run_path({str(Path(__file__).resolve())!r}, run_name='__main__')"
        )
        command = [sys.executable, "-c", runner, *argv]
        raise SystemExit(subprocess.run(command, cwd=code, env=env).returncode)
    profile(args.url, args.requests)


def profile(url, requests):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_core.settings.test")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from principles.models import PrinciplePage

    settings.ALLOWED_HOSTS = ["*"]
    for each in connections.all():
        each.settings_dict["CONN_MAX_AGE"] = 600  # as production: one connection per worker
    if url is None:
        first = PrinciplePage.objects.filter(locale__language_code="en").live()
        url = first.order_by("number").first().url
    handler = WSGIHandler()
    statuses = []
    path, _, query = url.partition("?")

    def call():
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http",
        }  # fmt: skip
        body = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
        return body

    for _ in range(30):
        call()
    assert statuses[-1].startswith("200"), f"{url} answered {statuses[-1]}"
    batches = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(max(requests // 5, 1)):
            call()
        batches.append((time.process_time() - start) * 1000 / max(requests // 5, 1))
    with CaptureQueriesContext(connection) as queries:
        call()
    print(f"code: {Path.cwd()}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"database: {connection.vendor}")
    print(f"{url}: CPU per request {statistics.median(batches):.2f} ms (median of 5 batches)")
    print(f"SQL queries per request: {len(queries)}")
    profiler = Profiler(interval=0.0002, async_mode="disabled")
    profiler.start()
    for _ in range(requests):
        call()
    profiler.stop()
    print(
        profiler.output_text(
            unicode=False, color=False, show_all=False, processor_options={"filter_threshold": 0.02}
        )
    )


if __name__ == "__main__":
    main()
