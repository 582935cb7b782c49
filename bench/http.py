"""Throughput and CPU per request through gunicorn and wrk, against the static-file ceiling.

    .venv/bin/python -m bench.http [--rounds 5] [--seconds 10] [--connections 16]
        [--baseline DIR] [--seeded] [--soak] [--stop-redis-halfway]

Needs PostgreSQL at 127.0.0.1:5432 and wrk (``apt-get install -y wrk``). Builds the
database ``principles_bench_http`` on first use (migrate, demo content), or with
``--seeded`` serves ``principles_bench``, the 10,000-page library of ``bench.pages``.
Starts its own redis-server on port 6390 (``--save "" --appendonly no``; never the
shared one) and two gunicorn servers of this checkout, production settings, 2 workers,
``--no-control-socket``, worker recycling off: one with the page cache off
(``PAGE_CACHE_SECONDS=0``), one with it on and ``REDIS_URL`` on that Redis. With
``--baseline DIR`` (another checkout, e.g.
``git clone -q /work/main /tmp/base && git -C /tmp/base checkout -q a6c905e``) a third
gunicorn serves DIR's code (this venv's python, DIR as cwd and PYTHONPATH) from a
database of its own, ``principles_bench_http_base``, built the same way.

Targets: a static file (whitenoise), a principle page uncached and cached (the cached one
must answer ``X-Cache: hit``; the line says what it got), the home page cached and
uncached, a search (uncached), and the baseline's principle page. They run in interleaved
rounds: each round runs every target once for ``--seconds`` with wrk (``--connections``
keep-alive connections, 2 threads), the order rotated by one each round. CPU per request
is the utime+stime gained by the gunicorn master and its workers (``/proc/<pid>/stat``)
during a run, divided by the requests wrk counted. Prints each run, then per target the
median over rounds of requests/s, p99 latency and CPU ms per request, each with its
ratio to the static file's, and a budget report (PASS/FAIL, not asserted):

- cached principle and cached home pages >= 50 % of the static-file rate;
- CPU per uncached principle request <= 1/3 of the baseline's (with ``--baseline``).

``--soak``: then 64 keep-alive clients for 60 s (``--soak-seconds``) over the cached
pages (``bench.soak.Load``), printing requests, errors and p50/p99. With
``--stop-redis-halfway`` the Redis started here is stopped halfway through the soak and
errors are counted before and after. Everything started here is stopped at the end.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench.soak import (
    ROOT,
    Load,
    children,
    discover,
    percentile,
    prepare_database,
    production_env,
)

PG = "postgres://postgres@127.0.0.1:5432/"
REDIS_PORT = 6390
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CACHED_SHARE = 0.5  # of the static-file rate
BASELINE_SHARE = 1 / 3


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path):
    """(status, headers, body) of one GET on a new connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Server:
    """gunicorn (2 workers, production settings) for one checkout, on a loopback port."""

    def __init__(self, name, checkout, env, log_folder):
        self.name, self.port = name, free_port()
        self.log = open(Path(log_folder) / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop)
        args = [
            str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py",
            "site_core.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
            "--no-control-socket", "--max-requests", "0", "--access-logfile", "/dev/null",
        ]  # fmt: skip
        env = {**env, "PYTHONPATH": str(checkout), "GUNICORN_ACCESSLOG": "/dev/null"}
        self.process = subprocess.Popen(
            args, cwd=checkout, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait(self, path="/en/", timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited; see {self.log.name}")
            if len(children(self.process.pid)) == 2:
                try:
                    if fetch(self.port, path)[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not answer; see {self.log.name}")

    def cpu_seconds(self):
        """utime + stime of the master and its workers so far."""
        total = 0
        for pid in [self.process.pid, *children(self.process.pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)
        return total / CLOCK_TICKS

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def wrk(port, path, seconds, connections):
    """(requests, requests/s, p99 ms, errors) from one wrk run."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    requests = int(re.search(r"(\d+) requests in", out)[1])
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99_ms = float(p99[1]) * {"us": 0.001, "ms": 1, "s": 1000}[p99[2]]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return requests, rate, p99_ms, errors + (int(bad[1]) if bad else 0)


def build(database_url, checkout, static):
    """Migrate and load the demo with ``checkout``'s code, collect its static files."""
    env = production_env(database_url, static, LOG_LEVEL="WARNING")
    env["PYTHONPATH"] = str(checkout)
    if Path(checkout).resolve() == ROOT:
        prepare_database(database_url, env)
    else:  # the other checkout's own manage.py, so its migrations match its code
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres",
                        urlsplit(database_url).path.lstrip("/")], capture_output=True)  # fmt: skip
        for args in (["migrate", "--noinput", "-v0"], ["load_demo_content", "--if-empty", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *args], cwd=checkout, env=env,
                           check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", "VACUUM ANALYZE",
                    urlsplit(database_url).path.lstrip("/")], check=True)  # fmt: skip


def static_path(static):
    manifest = json.loads((Path(static) / "staticfiles.json").read_text())["paths"]
    css = sorted(key for key in manifest if key.endswith(".css"))
    name = next((key for key in css if "admin" not in key), css[0])  # the site's own style
    return "/static/" + manifest[name]


def start_redis(folder):
    process = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(50):
        if subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"],
                          capture_output=True, text=True).stdout.strip() == "PONG":  # fmt: skip
            return process
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"redis-server did not start on port {REDIS_PORT}")


def run_rounds(targets, rounds, seconds, connections):
    """``{target name: [(rate, p99, cpu ms per request, errors), …]}``, rounds interleaved."""
    results = {name: [] for name, _server, _path in targets}
    for number in range(rounds):
        order = targets[number % len(targets) :] + targets[: number % len(targets)]
        print(f"round {number + 1}/{rounds}, load average {os.getloadavg()[0]:.2f}")
        for name, server, path in order:
            before = server.cpu_seconds()
            requests, rate, p99, errors = wrk(server.port, path, seconds, connections)
            cpu_ms = (server.cpu_seconds() - before) * 1000 / max(requests, 1)
            results[name].append((rate, p99, cpu_ms, errors))
            print(f"  {name:24} {rate:8.1f} req/s  p99 {p99:8.1f} ms  CPU {cpu_ms:6.2f} ms/req"
                  + (f"  errors {errors}" if errors else ""))  # fmt: skip
    return results


def summary(results, cache_seen, baseline):
    median = {
        name: tuple(statistics.median(run[i] for run in runs) for i in range(3))
        for name, runs in results.items()
    }
    static_rate, static_p99, static_cpu = median["static file"]
    print("\nMedians over rounds (ratios to the static file)")
    print(
        f"{'target':24} {'req/s':>8} {'ratio':>7} {'p99 ms':>8} {'ratio':>7} {'CPU ms':>7} {'ratio':>7}  X-Cache"
    )
    for name, (rate, p99, cpu) in median.items():
        print(
            f"{name:24} {rate:8.1f} {rate / static_rate:7.3f} {p99:8.1f} {p99 / static_p99:7.1f} "
            f"{cpu:7.2f} {cpu / static_cpu if static_cpu else 0:7.1f}  {cache_seen.get(name, '')}"
        )
    checks = []
    for name in ("principle, cached", "home, cached"):
        rate = median[name][0]
        checks.append((
            rate >= CACHED_SHARE * static_rate and cache_seen.get(name) == "hit",
            f"{name}: {rate:.0f} req/s = {rate / static_rate:.0%} of the static file's "
            f"{static_rate:.0f} (>= {CACHED_SHARE:.0%}; X-Cache: {cache_seen.get(name) or 'absent'})",
        ))  # fmt: skip
    if baseline:
        ours, theirs = median["principle, uncached"][2], median["baseline principle"][2]
        checks.append((
            ours <= BASELINE_SHARE * theirs,
            f"uncached principle CPU: {ours:.1f} ms/req vs baseline {theirs:.1f} ms/req "
            f"= {ours / theirs:.2f} (<= 0.33)",
        ))  # fmt: skip
    print("\nBudgets")
    for passed, line in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {line}")


def soak(server, paths, seconds, clients, redis=None):
    """Keep-alive clients over cached pages; stops ``redis`` halfway when given."""
    mix = [("page", path) for path in paths]
    halfway = {}

    def stop_redis():
        time.sleep(seconds / 2)
        halfway["at"] = time.monotonic()
        redis.terminate()
        redis.wait()

    stopper = threading.Thread(target=stop_redis, daemon=True) if redis else None
    print(f"\nSoak: {clients} clients for {seconds:.0f} s over {len(paths)} cached pages"
          + (", stopping Redis halfway" if redis else ""))  # fmt: skip
    began = time.monotonic()
    with Load(server.port, mix, clients) as load:
        if stopper:
            stopper.start()
        time.sleep(seconds)
    elapsed = time.monotonic() - began
    rows = load.rows

    def describe(part, label):
        latencies = [t * 1000 for _s, t, status in part if status == 200]
        errors = Counter(str(status) for _s, _t, status in part if status != 200)
        print(f"  {label}: {len(part)} requests, errors "
              f"{dict(errors) or 0}, p50 {percentile(latencies, 50):.1f} ms, "
              f"p99 {percentile(latencies, 99):.1f} ms")  # fmt: skip

    print(f"  {len(rows)} requests in {elapsed:.1f} s = {len(rows) / elapsed:.0f} req/s")
    describe(rows, "all")
    if "at" in halfway:
        describe([r for r in rows if r[0] < halfway["at"]], "before Redis stopped")
        describe([r for r in rows if r[0] >= halfway["at"]], "after Redis stopped")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--seeded", action="store_true",
                        help="serve principles_bench (bench.pages' library)")  # fmt: skip
    parser.add_argument("--soak", action="store_true")
    parser.add_argument("--soak-seconds", type=float, default=60)
    parser.add_argument("--soak-clients", type=int, default=64)
    parser.add_argument("--stop-redis-halfway", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("needs wrk: apt-get install -y wrk")
    database = PG + ("principles_bench" if args.seeded else "principles_bench_http")
    started = []
    with tempfile.TemporaryDirectory(prefix="principles-http-") as folder:
        folder = Path(folder)
        try:
            measure(args, database, folder, started)
        finally:
            for process in reversed(started):
                if isinstance(process, Server):
                    process.stop()
                elif process.poll() is None:
                    process.terminate()
                    process.wait()


def measure(args, database, folder, started):
    static = folder / "static"
    print(f"database: {urlsplit(database).path[1:]}; building if needed, collecting static files")
    build(database, ROOT, static)
    redis = start_redis(folder)
    started.append(redis)
    common = {"PAGE_CACHE_DIR": str(folder / "pages"), "LOG_LEVEL": "WARNING"}
    uncached = Server("uncached", ROOT, production_env(
        database, static, PAGE_CACHE_SECONDS="0", **common), folder)  # fmt: skip
    cached = Server("cached", ROOT, production_env(
        database, static, PAGE_CACHE_SECONDS="300", REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        **common), folder)  # fmt: skip
    started += [uncached, cached]
    baseline = None
    if args.baseline:
        base_db, base_static = PG + "principles_bench_http_base", folder / "base-static"
        print(
            f"baseline: {args.baseline} (git {git_head(args.baseline)}), database principles_bench_http_base"
        )
        build(base_db, args.baseline.resolve(), base_static)
        baseline = Server("baseline", args.baseline.resolve(), production_env(
            base_db, base_static, **common), folder)  # fmt: skip
        started.append(baseline)
    for server in started[1:]:
        server.wait()
    paths = discover(uncached.port)
    principle = paths["principle"][0]
    search = "/en/search/?q=" + quote("harm reduction")
    targets = [
        ("static file", uncached, static_path(static)),
        ("principle, uncached", uncached, principle),
        ("principle, cached", cached, principle),
        ("home, cached", cached, "/en/"),
        ("home, uncached", uncached, "/en/"),
        ("search, uncached", uncached, search),
    ]
    if baseline:
        base_principle = discover(baseline.port)["principle"][0]
        targets.append(("baseline principle", baseline, base_principle))
    cache_seen = {}
    for name, server, path in targets:  # warm up, and see what the cache says
        for _ in range(4):
            status, headers, _body = fetch(server.port, path)
        if status != 200:
            sys.exit(f"{name}: {path} answered {status}")
        cache_seen[name] = headers.get("X-Cache", "")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"wrk: {args.connections} connections, 2 threads, {args.seconds} s per run, "
          f"{args.rounds} rounds; gunicorn: 2 workers each")  # fmt: skip
    for name, server, path in targets:
        print(f"  {name:24} {server.name:9} {path}")
    results = run_rounds(targets, args.rounds, args.seconds, args.connections)
    summary(results, cache_seen, baseline)
    if args.soak:
        cached_paths = ["/en/", "/es/"] + [p for kind in ("principle", "reflection", "theme",
                        "contributor") for p in paths[kind][:6]]  # fmt: skip
        for path in cached_paths:
            fetch(cached.port, path)
        soak(cached, cached_paths, args.soak_seconds, args.soak_clients,
             redis if args.stop_redis_halfway else None)  # fmt: skip


def git_head(checkout):
    found = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True)  # fmt: skip
    return found.stdout.strip() or "?"


if __name__ == "__main__":
    main()
