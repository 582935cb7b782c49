"""Databases, a private PostgreSQL cluster and static files for the operations tests.

The backup, fault and soak tests each need a library of their own that a real process
serves. Building one with ``migrate`` and ``load_demo_content`` takes half a minute, so
they copy the session's test database instead (migrated, with the demo committed by
``tests/conftest.py``): ``pg_dump`` of it into a new database takes about a second.
"""

import fcntl
import hashlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

from bench.soak import collect_static, production_env
from tests.story_site import free_port

ROOT = Path(__file__).resolve().parent.parent


def require(*commands):
    for command in commands:
        if not shutil.which(command):
            pytest.skip(f"needs {command} (Debian package postgresql-client; CI has it)")


def session_database_url():
    """The session's test database (PostgreSQL), with the demo committed."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def url_for(database_url, name, user=None):
    """The same server as ``database_url``, another database (and user)."""
    parts = urlsplit(database_url)
    return f"postgres://{user or parts.username}@{parts.hostname}:{parts.port or 5432}/{name}"


def sql(database_url, statement, dbname="postgres"):
    """Runs one statement on the server of ``database_url``, in ``dbname``; returns its rows."""
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname=dbname,
        autocommit=True,
    ) as conn:  # fmt: skip
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def create_database(database_url, owner=None):
    name = urlsplit(database_url).path.lstrip("/")
    sql(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    sql(database_url, f'CREATE DATABASE "{name}"' + (f' OWNER "{owner}"' if owner else ""))


def drop_database(database_url):
    name = urlsplit(database_url).path.lstrip("/")
    sql(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def clone_session_database(target_url):
    """A new database at ``target_url`` holding what the session's test database holds."""
    require("pg_dump", "pg_restore")
    create_database(target_url)
    dump = subprocess.Popen(
        ["pg_dump", "--format=custom", f"--dbname={session_database_url()}"],
        stdout=subprocess.PIPE,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={target_url}"],
        stdin=dump.stdout, check=True,
    )  # fmt: skip
    dump.stdout.close()
    assert dump.wait() == 0
    sql(target_url, "ANALYZE", dbname=urlsplit(target_url).path.lstrip("/"))


def shared_static_root():
    """Static files collected for production settings, once for every test that needs them.

    collectstatic compresses every file and takes ~10 s; the folder is keyed by the
    sources' content and built under a lock, so test files in other xdist workers reuse it.
    """
    digest = hashlib.sha256()
    for folder in sorted([ROOT / "static", *ROOT.glob("*/static")]):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    target = Path(tempfile.gettempdir()) / f"principles_ops_static_{digest.hexdigest()[:16]}"
    with open(f"{target}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "staticfiles.json").exists():
            building = Path(f"{target}.building")
            shutil.rmtree(building, ignore_errors=True)
            collect_static(production_env("postgres://unused@127.0.0.1/unused", building))
            shutil.rmtree(target, ignore_errors=True)
            building.rename(target)
    return target


class PrivateCluster:
    """A PostgreSQL cluster of the test's own, on a free loopback port, restartable at will.

    Restarting the machine's cluster would break every other test running against it in
    parallel; this one serves nobody else. initdb refuses to run as root, so as root the
    cluster runs as the ``postgres`` user.
    """

    def __init__(self):
        binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not binaries:
            pytest.skip("needs the PostgreSQL server binaries (Debian package postgresql)")
        self.bin = binaries[-1].parent
        self.port = free_port()
        # As root the cluster runs as postgres, who must reach the folder: /tmp, not a
        # temporary folder that may sit under root's home.
        as_root = os.geteuid() == 0
        self.folder = Path(
            tempfile.mkdtemp(prefix="principles_ops_pg_", dir="/tmp" if as_root else None)
        )
        self.data = self.folder / "data"
        self.log = self.folder / "postgresql.log"
        self.run_as = []
        if as_root:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.run_as = ["runuser", "-u", "postgres", "--"]
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=40 -c shared_buffers=32MB"
        )
        try:
            self._pg(
                "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                "--locale=C.UTF-8", "--no-sync", "--no-instructions",
            )  # fmt: skip
            self._pg("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")
        except Exception:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def _pg(self, program, *args):
        done = subprocess.run(
            [*self.run_as, self.bin / program, *map(str, args)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        if done.returncode:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{program} failed: {done.stderr}\n{log[-2000:]}")

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def restart(self):
        """A fast restart, as ``pg_ctlcluster ... restart`` does: sessions are cut off."""
        self._pg("pg_ctl", "-D", self.data, "-m", "fast", "-w", "restart")

    def destroy(self):
        try:
            self._pg("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
