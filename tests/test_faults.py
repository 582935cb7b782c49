"""Faults the production stack must ride out without an operator.

gunicorn with production settings (deploy/gunicorn.conf.py, 2 workers) serves a copy of
the demo from a PostgreSQL cluster of the test's own, under steady load from keep-alive
clients over pages, searches and the API:

- PostgreSQL restarts, under load or while the site is quiet: the site answers again
  within seconds, without a gunicorn restart, and no request made once PostgreSQL is back
  fails (Django's ``conn_health_checks`` replace the dead connections before use);
- a worker is killed with SIGKILL: the master starts a new one, and nothing fails after;
- the master gets SIGHUP (reload): new workers take over and no request fails.

The cluster is the test's own (``PrivateCluster``): restarting the machine's cluster
would break the tests running beside this one. Each test prints its timings (``pytest -s``).
"""

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.soak import Gunicorn, Load, discover, get, production_env, schedule
from tests.ops_servers import PrivateCluster, clone_session_database, shared_static_root
from tests.story_site import free_port

# django_db: the session's test database is set up, with the demo that the stack copies.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
WORKERS = 2


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL; CI runs the suite on PostgreSQL too")
    cluster = PrivateCluster()
    server = None
    try:
        database = cluster.url("principles_ops_faults")
        with django_db_blocker.unblock():
            clone_session_database(database)
        env = production_env(database, shared_static_root())
        port = free_port()
        log = tmp_path_factory.mktemp("faults") / "gunicorn.log"
        server = Gunicorn(env, port, log, WORKERS)
        server.wait_until_serving(WORKERS)
        mix = schedule(discover(port))
        yield cluster, server, port, mix
    finally:
        if server:
            server.stop()
        cluster.destroy()


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"not within {timeout} s")


def new_workers(server, before, all_new=False):
    """The workers started since ``before`` once there are WORKERS of them, else nothing."""
    pids = server.worker_pids()
    if len(pids) != WORKERS or (all_new and pids & before):
        return set()
    return pids - before


def failures(rows):
    return [row for row in rows if row[2] != 200]


def last_failure(rows, since, default):
    """When the last request that failed after ``since`` ended (``default`` if none did)."""
    ends = [start + took for start, took, status in list(rows) if status != 200]
    return max([end for end in ends if end >= since], default=default)


def burst(port, mix, total, concurrency=4):
    """``total`` requests of the mix, ``concurrency`` at a time, each on a new connection."""
    paths = [mix[i % len(mix)][1] for i in range(total)]
    with ThreadPoolExecutor(concurrency) as pool:
        return [status for status, _body in pool.map(lambda path: get(port, path), paths)]


def test_postgresql_restart_is_survived_without_restarting_gunicorn(postgres_only, stack):
    cluster, server, port, mix = stack
    workers = server.worker_pids()
    with Load(port, mix, clients=8) as load:
        time.sleep(1.0)  # steady load first
        began = time.monotonic()
        cluster.restart()
        restarted = time.monotonic()
        # Watched for the 5 s budget and a little more, or until 20 requests have
        # succeeded, over a second at least, since the last failure.
        while time.monotonic() < restarted + 6.0:
            time.sleep(0.2)
            rows = list(load.rows)
            last_failure_end = last_failure(rows, began, restarted)
            good = [row for row in rows if row[0] > last_failure_end and row[2] == 200]
            if time.monotonic() - last_failure_end > 1.0 and len(good) >= 20:
                break
    rows = load.rows
    during = [row for row in rows if row[0] + row[1] >= began]
    failed = failures(during)
    # Recovered once the last failed request has ended; nothing fails after that.
    last_failure_end = last_failure(rows, began, restarted)
    recovery = max(0.0, last_failure_end - restarted)
    after = [row for row in rows if row[0] > last_failure_end]
    # No visitor who arrives once PostgreSQL is back sees an error.
    failed_once_back = failures(row for row in rows if row[0] >= restarted)
    print(
        f"\nPostgreSQL restart took {restarted - began:.2f} s; site answering again "
        f"{recovery:.2f} s after it; failed requests: {len(failed)} of {len(during)} "
        f"({sorted({str(row[2]) for row in failed})}), of which started after the restart: "
        f"{len(failed_once_back)}; {len(after)} succeeded after the last failure"
    )
    assert recovery < 5.0
    assert len(after) >= 20 and not failures(after)
    assert failed_once_back == []

    # Restarted while the site is quiet: no request fails and closes its dead connection,
    # so each worker thread still holds one. conn_health_checks find it dead before it is
    # used; without them the first request on every thread would fail.
    cluster.restart()
    statuses = burst(port, mix, 20, concurrency=2)
    print(f"quiet restart: the next 20 requests answered {sorted(set(statuses), key=str)}")
    assert statuses == [200] * 20
    # The same master and the same workers: nothing was restarted to recover.
    assert server.process.poll() is None
    assert server.worker_pids() == workers


def test_a_killed_worker_is_replaced_and_nothing_fails_after(postgres_only, stack):
    _cluster, server, port, mix = stack
    before = server.worker_pids()
    victim = min(before)
    with Load(port, mix, clients=8) as load:
        time.sleep(1.0)
        killed = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        new = wait_for(lambda: new_workers(server, before), 15)
        replaced = time.monotonic()
    lost = failures(load.rows)
    statuses = burst(port, mix, 100)
    print(
        f"\nworker {victim} killed; new worker {sorted(new)} after {replaced - killed:.2f} s; "
        f"requests lost with the killed worker: {len(lost)}; "
        f"after replacement {statuses.count(200)}/100 answered 200"
    )
    assert victim not in server.worker_pids()
    assert server.process.poll() is None
    assert statuses == [200] * 100


def test_reload_with_sighup_fails_no_request(postgres_only, stack):
    _cluster, server, port, mix = stack
    before = server.worker_pids()
    with Load(port, mix, clients=8) as load:
        time.sleep(1.0)
        signalled = time.monotonic()
        server.process.send_signal(signal.SIGHUP)
        # Reloaded when every worker is a new one.
        after = wait_for(lambda: new_workers(server, before, all_new=True), 30)
        reloaded = time.monotonic()
        time.sleep(0.5)  # the new workers serve
    rows = load.rows
    during = [row for row in rows if row[0] + row[1] >= signalled]
    print(
        f"\nreload: workers {sorted(before)} -> {sorted(after)} in {reloaded - signalled:.2f} s; "
        f"{len(during)} requests during it, failed: {len(failures(during))}"
    )
    assert server.process.poll() is None
    assert len(during) > 0
    assert failures(rows) == []
