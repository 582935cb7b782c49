"""A soak: gunicorn with production settings under steady load, counting errors and memory.

    .venv/bin/python -m bench.soak [--seconds 60] [--clients 64] [--workers N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/principles_bench_soak   (the default)

Builds the database on first use (migrate, the demo content) and runs ANALYZE, collects
static files into a temporary folder, starts gunicorn from deploy/gunicorn.conf.py on a
free loopback port, finds the public URLs through the API, warms every worker up, then
runs N keep-alive clients (threads with http.client) over a fixed mix of pages in both
languages, searches and API calls for the given seconds. Prints the load, requests, req/s,
latency percentiles, errors by status and each worker's memory (VmRSS) after the warm-up
and at the end. Exits 1 on any error or on a worker growing more than 20 %.

Workers: the configuration's own default (2 x cores + 1) unless --workers is given, so
the soak runs what production runs. Recycling (max_requests) is turned off: it would
replace a leaking worker before the leak showed.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/principles_bench_soak"
GROWTH_LIMIT = 20.0  # per cent of a worker's memory after the warm-up

# Searches in both languages: common words, phrases, accents, a misspelling ("did you mean").
SEARCHES = [
    "/en/search/?q=healing",
    "/en/search/?q=harm+reduction",
    "/en/search/?q=community+care",
    "/en/search/?q=healng",
    "/es/search/?q=" + quote("sanación"),
    "/es/search/?q=comunidad",
    "/es/search/?q=" + quote("reducción de daños"),
]
API = [
    "/api/v2/principles/?locale=en",
    "/api/v2/principles/?type=principles.PrinciplePage&locale=es&fields=*",
    "/api/v2/reflections/?locale=en",
    "/api/v2/reflections/?locale=es&search=cuidado",
    "/api/v2/themes/?locale=es",
    "/api/v2/contributors/",
]
# Share of requests per kind of URL: what readers mostly open, with search and the API.
WEIGHTS = {"home": 5, "principle": 25, "reflection": 15, "theme": 10, "contributor": 10,
           "search": 15, "api": 20}  # fmt: skip


def production_env(database_url, static_root, **extra):
    """The environment production settings need, for plain HTTP on loopback."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="site_core.settings.production",
        SECRET_KEY="soak-and-fault-tests-only-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        **extra,
    )
    return env


def manage(env, *args):
    # Warnings only: production logs every step of loading the demo at INFO.
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**env, "LOG_LEVEL": "WARNING"},
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def collect_static(env):
    manage(env, "collectstatic", "--noinput", "-v0")


def _connect(database_url, dbname=None):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(database_url) | ({"dbname": dbname} if dbname else {})
    return psycopg.connect(**params, autocommit=True)


def prepare_database(database_url, env):
    """Create, migrate and fill the database with the demo where that is not done yet."""
    import psycopg

    try:
        _connect(database_url).close()
    except psycopg.OperationalError:
        name = urlsplit(database_url).path.lstrip("/")
        with _connect(database_url, "postgres") as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "--if-empty", "-v0")


def analyze(database_url):  # fresh planner statistics, as after a night of autovacuum
    with _connect(database_url) as connection:
        connection.execute("ANALYZE")


class Gunicorn:
    """gunicorn from deploy/gunicorn.conf.py on a loopback port, its log in a file."""

    def __init__(self, env, port, log_path, workers=None, extra_args=()):
        self.port = port
        self.log_path = Path(log_path)
        self._log = self.log_path.open("ab")
        args = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "site_core.wsgi"]
        args += ["--bind", f"127.0.0.1:{port}", "--no-control-socket", *extra_args]
        if workers:
            args += ["--workers", str(workers)]
        env = {**env, "GUNICORN_ACCESSLOG": str(self.log_path.with_suffix(".access.log"))}
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self.master_pid = self.process.pid

    def wait_until_serving(self, workers, path="/en/", timeout=60):
        """Until every worker has started and the site answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log_tail())
            if len(self.worker_pids()) == workers and get(self.port, path)[0] == 200:
                return
            time.sleep(0.1)
        raise RuntimeError("gunicorn did not answer:\n" + self.log_tail())

    def log_tail(self, characters=3000):
        return self.log_path.read_text(errors="replace")[-characters:]

    def worker_pids(self):
        return children(self.master_pid)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode


def children(pid):
    """The PIDs whose parent is ``pid``, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # exited meanwhile
                continue
            # The command name is in parentheses and may hold spaces: read after it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def get(port, path, timeout=10):
    """(status, body) of one request on a new connection; status is the error's name."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__, b""
    finally:
        connection.close()


def discover(port):
    """Public URLs by kind, found through the API as a partner would find them."""
    paths = {"home": ["/en/", "/es/"], "search": list(SEARCHES), "api": list(API)}
    for kind in ("principle", "reflection", "theme", "contributor"):
        endpoint = kind + "s"
        status, body = get(port, f"/api/v2/{endpoint}/?limit=100")
        if status != 200:
            raise RuntimeError(f"/api/v2/{endpoint}/ answered {status}")
        items = json.loads(body)["items"]
        paths[kind] = sorted({urlsplit(item["meta"]["html_url"]).path for item in items})
        if items and kind == "principle":
            paths["api"].append(f"/api/v2/principles/{items[0]['id']}/")
    return paths


def schedule(paths):
    """One round of the mix: each kind's URLs repeated to its weight, shuffled."""
    rounds = []
    for kind, weight in WEIGHTS.items():
        if paths[kind]:
            rounds += [(kind, paths[kind][i % len(paths[kind])]) for i in range(weight * 4)]
    random.Random(2026).shuffle(rounds)
    return rounds


class Load:
    """``clients`` threads, each with one keep-alive connection, requesting until stopped.

    ``rows`` holds every request made: (start, seconds, status), the status an int or the
    name of the error that stopped the request.
    """

    def __init__(self, port, mix, clients):
        self.port, self.mix = port, mix
        self.rows = []  # appended to by every thread: list.append is atomic
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(clients)
        ]

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _client(self, number):
        position, connection = number * 7, None
        while not self._stop.is_set():
            _kind, path = self.mix[position % len(self.mix)]
            position += 1
            connection = connection or http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=30
            )
            start = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.will_close:  # the server asked for a new connection
                    connection = connection.close()
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection = connection.close()
            self.rows.append((start, time.monotonic() - start, status))
        if connection is not None:
            connection.close()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0


@dataclass
class SoakResult:
    requests: int
    seconds: float
    errors: Counter
    memory: dict  # worker pid → (kB after warm-up, kB at the end)
    replaced_workers: bool

    @property
    def growth(self):
        return {pid: (end - start) * 100 / start for pid, (start, end) in self.memory.items()}

    @property
    def ok(self):
        worst = max(self.growth.values(), default=0)
        return not self.errors and not self.replaced_workers and worst <= GROWTH_LIMIT


def soak(database_url, seconds, clients, workers=None, static_root=None, warm_rounds=None,
         out=print):  # fmt: skip
    """Run the soak against a database that already holds the site; returns a SoakResult.

    The warm-up requests every URL ``warm_rounds`` times (default: once per worker).
    """
    with tempfile.TemporaryDirectory(prefix="principles-soak-") as folder:
        static = Path(static_root or Path(folder) / "static")
        env = production_env(database_url, static)
        if not (static / "staticfiles.json").exists():
            collect_static(env)
        analyze(database_url)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        # As deploy/gunicorn.conf.py counts them when --workers is not given.
        expected = workers or int(env.get("GUNICORN_WORKERS", os.cpu_count() * 2 + 1))
        server = Gunicorn(env, port, Path(folder) / "gunicorn.log", workers,
                          extra_args=("--max-requests", "0"))  # fmt: skip
        try:
            server.wait_until_serving(expected)
            result = _drive(server, port, seconds, clients, expected, warm_rounds, out)
        finally:
            server.stop()
        if not result.ok:  # what the workers logged about it
            logged = server.log_path.read_text(errors="replace").splitlines()
            for line in [line for line in logged if "ERROR" in line or "Traceback" in line][-20:]:
                out("  log: " + line[:300])
        return result


def _drive(server, port, seconds, clients, workers, warm_rounds, out):
    paths = discover(port)
    mix = schedule(paths)
    threads = os.environ.get("GUNICORN_THREADS", "2")
    out(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the soak")
    out(
        f"gunicorn: deploy/gunicorn.conf.py, {workers} workers x {threads} threads (gthread), "
        "production settings, max_requests off"
    )
    out(f"load: {clients} keep-alive clients for {seconds} s over this mix:")
    for kind, weight in WEIGHTS.items():
        example = paths[kind][0] if paths[kind] else "-"
        out(f"  {kind:12} {weight:3d} %  {len(paths[kind]):3d} URLs  e.g. {example}")
    # Warm-up: every URL of the mix once per worker, each on a new connection so that the
    # workers share them out, so caches and lazy imports are in place before memory is read.
    warm_rounds = warm_rounds or workers
    warm_paths = sorted({path for _kind, path in mix}) * warm_rounds
    warm_began = time.monotonic()
    with ThreadPoolExecutor(min(clients, 4 * workers)) as pool:
        warm = [status for status, _body in pool.map(lambda path: get(port, path), warm_paths)]
    warm_seconds = time.monotonic() - warm_began
    warm_errors = Counter(status for status in warm if status != 200)
    pids = server.worker_pids()
    start_rss = {pid: rss_kb(pid) for pid in pids}
    began = time.monotonic()
    with Load(port, mix, clients) as load:
        time.sleep(seconds)
    elapsed = time.monotonic() - began
    end_pids = server.worker_pids()
    memory = {pid: (start_rss[pid], rss_kb(pid)) for pid in pids & end_pids}
    rows = load.rows
    latencies = [t * 1000 for _s, t, status in rows if status == 200]
    errors = Counter(str(status) for _s, _t, status in rows if status != 200)
    errors.update({f"{status} (warm-up)": n for status, n in warm_errors.items()})
    result = SoakResult(len(rows), elapsed, errors, memory, replaced_workers=pids != end_pids)
    out(f"warm-up: {len(warm)} requests (every URL x {warm_rounds}) in {warm_seconds:.1f} s")
    out(f"requests: {len(rows)} in {elapsed:.1f} s = {len(rows) / elapsed:.1f} req/s")
    out(
        f"latency ms: p50 {percentile(latencies, 50):.1f}  p95 {percentile(latencies, 95):.1f}"
        f"  p99 {percentile(latencies, 99):.1f}  max {max(latencies, default=0):.1f}"
    )
    out("errors: " + (", ".join(f"{k}: {n}" for k, n in sorted(errors.items())) or "none"))
    for pid, (before, after) in sorted(memory.items()):
        out(
            f"worker {pid}: VmRSS {before / 1024:.1f} MB -> {after / 1024:.1f} MB "
            f"({result.growth[pid]:+.1f} %)"
        )
    if result.replaced_workers:
        out(f"workers replaced during the soak: {sorted(pids)} -> {sorted(end_pids)}")
    out("OK" if result.ok else f"FAILED (errors, or a worker grew more than {GROWTH_LIMIT:.0f} %)")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE)
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is built on first use).")
    print(f"database: {urlsplit(database_url).path.lstrip('/')}")
    with tempfile.TemporaryDirectory(prefix="principles-soak-static-") as static:
        prepare_database(database_url, production_env(database_url, static))
        result = soak(database_url, args.seconds, args.clients, args.workers, static)
    sys.exit(0 if result.ok else 1)


if __name__ == "__main__":
    main()
