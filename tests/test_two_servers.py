"""Two app servers, one PostgreSQL and one Redis: what a visitor of either one sees.

Two gunicorn instances (production settings, 2 workers each) serve a copy of the demo
from the machine's PostgreSQL and keep their page cache in a Redis of the test's own:

- a publish through instance A purges instance B's cached copy of the page: B shows the
  new title within a second of A's answer, and never the old one after that;
- while that Redis is down both instances serve every page, uncached, and each worker
  logs the outage once; when it is back the pages are cached again.

Each test prints what it measured (``pytest -s``).
"""

import contextlib
import os
import secrets
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import requests

from bench.soak import Gunicorn, production_env
from tests.ops_servers import (
    clone_session_database,
    drop_database,
    session_database_url,
    shared_static_root,
    url_for,
)
from tests.servers_admin import StaffSession, prepare_draft
from tests.servers_redis import RedisServer
from tests.story_site import free_port

# django_db: the session's test database is set up, with the demo that the servers copy.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
WORKERS = 2
STAFF = "two-servers-staff"
TITLE_SUFFIX = "revised through server A"  # plain words: the page shows them unescaped
OUTAGE_LOGGED = "The shared cache is unreachable"
BACK_LOGGED = "The shared cache is reachable again"


@dataclass
class Instance:
    name: str
    server: Gunicorn

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server.port}"

    def get(self, path):
        """An anonymous visitor's request, on a connection of its own."""
        return requests.get(self.base + path, timeout=10, allow_redirects=False)

    def log_size(self):
        return self.server.log_path.stat().st_size

    def log_since(self, offset):
        with self.server.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")


@dataclass
class Pair:
    a: Instance
    b: Instance
    redis: RedisServer
    principle: dict  # pk, path, old_title, new_title (the draft waiting to be published)
    password: str


@pytest.fixture(scope="module")
def pair(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL; CI runs the suite on PostgreSQL too")
    folder = tmp_path_factory.mktemp("two_servers")
    # Named after the session's database, so that runs side by side never share one.
    database = url_for(session_database_url(), f"{connection.settings_dict['NAME']}_two_servers")
    with django_db_blocker.unblock():
        clone_session_database(database)
    redis_server, servers = None, []
    try:
        redis_server = RedisServer(folder / "redis.log")
        env = production_env(
            database, shared_static_root(), REDIS_URL=redis_server.url, PAGE_CACHE_SECONDS="600"
        )
        password = secrets.token_urlsafe(16)
        principle = prepare_draft(env, STAFF, password, TITLE_SUFFIX)
        for name in ("a", "b"):  # both start at once; recycling off: one log line per worker
            servers.append(Gunicorn(env, free_port(), folder / f"{name}.log", WORKERS,
                                    extra_args=("--max-requests", "0")))  # fmt: skip
        for server in servers:
            server.wait_until_serving(WORKERS)
        a, b = (Instance(name, server) for name, server in zip("AB", servers, strict=True))
        yield Pair(a, b, redis_server, principle, password)
    finally:
        stop_without_waiting_for_pdfs(servers)
        if redis_server:
            redis_server.stop()
        drop_database(database)


def stop_without_waiting_for_pdfs(servers, grace=3.0):
    """Stop the gunicorns; a worker still building the PDFs a publish asked for is killed.

    Those builds run in a thread the worker waits for before it exits (about 10 s of CPU
    here); the database they would store into is dropped next.
    """
    for server in servers:
        server.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    while any(server.worker_pids() for server in servers) and time.monotonic() < deadline:
        time.sleep(0.1)
    for server in servers:
        for pid in server.worker_pids():
            with contextlib.suppress(ProcessLookupError):  # it exited meanwhile
                os.kill(pid, signal.SIGKILL)
        server.stop()


def test_a_publish_through_one_server_shows_on_the_other_within_a_second(postgres_only, pair):
    path, new_title = pair.principle["path"], pair.principle["new_title"]
    # B's workers render the page first, as workers that have served a while have: the
    # first principle page a worker renders also compiles its templates, which is not what
    # this measures. Each query string is a page of its own to the cache, so each misses;
    # four at a time, so that every worker gets some.
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(pair.b.get, [f"{path}?warm={number}" for number in range(8)]))
    pair.b.get(path)
    warm = pair.b.get(path)
    assert warm.status_code == 200 and warm.headers["X-Cache"] == "hit"
    assert pair.principle["old_title"] in warm.text and TITLE_SUFFIX not in warm.text

    staff = StaffSession(pair.a.base, STAFF, pair.password)
    try:
        staff.publish(pair.principle["pk"])
        published = time.monotonic()
    finally:
        staff.close()

    # B, asked again and again from A's answer on, until it shows the new title.
    polled = 0
    while True:
        answer = pair.b.get(path)
        polled += 1
        assert answer.status_code == 200
        if TITLE_SUFFIX in answer.text:
            delay = time.monotonic() - published
            first_cache = answer.headers["X-Cache"]
            break
        assert time.monotonic() - published < 10, "B still shows the old title after 10 s"
    # From then on, for 3 s, every answer of B is the new page.
    after = []
    until = time.monotonic() + 3.0
    while time.monotonic() < until:
        answer = pair.b.get(path)
        after.append((answer.status_code, TITLE_SUFFIX in answer.text, answer.headers["X-Cache"]))
        time.sleep(0.05)
    print(
        f"\npublished {new_title!r} through A; B showed it {delay * 1000:.0f} ms after A's answer "
        f"(request {polled} to B, X-Cache: {first_cache}); then {len(after)} requests over 3 s: "
        f"{sum(new for _s, new, _c in after)} with the new title, "
        f"{sum(cache == 'hit' for _s, _n, cache in after)} from B's cache"
    )
    assert delay <= 1.0
    assert after and all(status == 200 and new for status, new, _cache in after)
    assert after[-1][2] == "hit"  # and B caches the new page again


def test_pages_are_served_while_redis_is_down_and_cached_again_after(postgres_only, pair):
    principle = pair.principle["path"]
    index = principle.rstrip("/").rsplit("/", 1)[0] + "/"
    paths = ["/en/", "/es/", index, principle]
    both = (pair.a, pair.b)
    for path in paths:  # warm: every page cached
        pair.b.get(path)
    assert pair.b.get(principle).headers["X-Cache"] == "hit"
    offsets = {instance.name: instance.log_size() for instance in both}

    pair.redis.stop()
    answers = []
    began = time.monotonic()
    for number in range(30):
        instance, path = both[number % 2], paths[(number // 2) % len(paths)]
        start = time.monotonic()
        answer = instance.get(path)
        answers.append((instance.name, path, answer.status_code, answer.headers.get("X-Cache"),
                        time.monotonic() - start))  # fmt: skip
    during = time.monotonic() - began
    outage_lines = {i.name: i.log_since(offsets[i.name]).count(OUTAGE_LOGGED) for i in both}
    print(
        f"\nRedis stopped: {len(answers)} requests in {during:.2f} s, slowest "
        f"{max(row[4] for row in answers) * 1000:.0f} ms; statuses "
        f"{sorted({row[2] for row in answers})}, X-Cache {sorted({str(row[3]) for row in answers})}; "
        f"outage logged {outage_lines} times ({WORKERS} workers each)"
    )
    assert [row for row in answers if row[2] != 200 or row[3] != "miss"] == []
    for name, count in outage_lines.items():
        assert 1 <= count <= WORKERS, f"instance {name} logged the outage {count} times"

    pair.redis.start()  # the same port, empty
    restarted = time.monotonic()
    cached_again, back_lines = {}, {}
    while time.monotonic() - restarted < 5.0:
        for instance in both:
            # A few pages at once, so that every worker gets some: each worker that logged
            # the outage logs its end at its first request once Redis answers again.
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(instance.get, paths))
            if instance.name not in cached_again:
                instance.get(principle)
                if instance.get(principle).headers["X-Cache"] == "hit":
                    cached_again[instance.name] = time.monotonic() - restarted
        back_lines = {i.name: i.log_since(offsets[i.name]).count(BACK_LOGGED) for i in both}
        if len(cached_again) == 2 and back_lines == outage_lines:
            break
        time.sleep(0.1)
    print(
        f"Redis started again: pages cached again after "
        f"{ {name: f'{seconds:.2f} s' for name, seconds in cached_again.items()} }; "
        f"recovery logged {back_lines} times"
    )
    assert set(cached_again) == {"A", "B"}, "a page was not cached again within 5 s"
    # Every worker that logged the outage has logged its end, once.
    assert back_lines == outage_lines
