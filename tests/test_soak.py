"""A short soak through bench/soak.py's own code: no error, no worker growing past 20 %.

The full run (60 s, 64 clients) is ``python -m bench.soak``; this one keeps CI quick
(8 s, 16 clients, 2 workers, a shorter warm-up) on a copy of the demo in a database of
its own.
"""

import os

import pytest

from bench.soak import GROWTH_LIMIT, soak
from tests.ops_servers import (
    clone_session_database,
    drop_database,
    session_database_url,
    shared_static_root,
    url_for,
)

# django_db: the session's test database is set up, with the demo that the soak copies.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def soak_database(postgres_only):
    database = url_for(session_database_url(), f"principles_ops_soak_{os.getpid()}")
    clone_session_database(database)
    yield database
    drop_database(database)


def test_a_short_soak_has_no_errors_and_no_worker_grows(soak_database):
    lines = []

    def out(line):
        print(line)
        lines.append(line)

    # One warm-up round (not one per worker) keeps it short; the limit leaves room for it.
    result = soak(soak_database, seconds=8, clients=16, workers=2,
                  static_root=shared_static_root(), warm_rounds=1, out=out)  # fmt: skip
    assert result.requests > 50, "\n".join(lines)
    assert not result.errors, "\n".join(lines)
    assert not result.replaced_workers, "\n".join(lines)
    assert len(result.memory) == 2
    assert max(result.growth.values()) <= GROWTH_LIMIT, "\n".join(lines)
    assert result.ok
