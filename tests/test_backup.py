"""deploy/backup.sh and deploy/restore.sh: a backup that restores, and restores that refuse
to overwrite.

The round trip runs as production would: the library (a copy of the demo, plus an
uploaded photo and its rendition) is backed up, its database dropped and its media
folder deleted, then restored into a new empty database owned by an ordinary user (not
a superuser), and everything a visitor or an editor sees is compared.
"""

import hashlib
import os
import re
import shutil
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ops_servers import (
    clone_session_database,
    create_database,
    drop_database,
    require,
    session_database_url,
    sql,
    url_for,
)
from tests.ops_snapshot import ADD_IMAGE, snapshot

# django_db: the session's test database is set up, with the demo that these tests copy.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
ROOT = Path(__file__).resolve().parent.parent
PAIR = re.compile(r"^(principles-(\d{8}T\d{6}Z)\.dump|media-(\d{8}T\d{6}Z)\.tar\.gz)$")


@dataclass
class Site:
    database: str
    files: Path  # uploads are in files / "media"

    @property
    def media(self):
        return self.files / "media"


def run(script, *args, **env):
    """Runs deploy/<script> with ``env`` added to this environment."""
    return subprocess.run(
        [str(ROOT / "deploy" / script), *map(str, args)],
        env={**os.environ, **{key: str(value) for key, value in env.items()}},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def media_digest(folder):
    """Every file under ``folder``: its path and a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def table_count(database_url):
    name = database_url.rsplit("/", 1)[1]
    query = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    return sql(database_url, query, dbname=name)[0][0]


@pytest.fixture
def site(postgres_only, tmp_path):
    """A library of the test's own: a copy of the demo, with an empty media folder."""
    require("pg_dump", "pg_restore", "psql")
    database = url_for(session_database_url(), f"principles_ops_backup_{os.getpid()}")
    clone_session_database(database)
    (tmp_path / "files" / "media").mkdir(parents=True)
    yield Site(database, tmp_path / "files")
    drop_database(database)


@pytest.fixture
def site_user(postgres_only):
    """A PostgreSQL role such as the site runs as (no superuser), and a database name for it.

    Yields the role and its URL for that database, which the test creates.
    """
    role, name = f"principles_ops_site_{os.getpid()}", f"principles_ops_restored_{os.getpid()}"
    admin = session_database_url()
    drop_database(url_for(admin, name))
    sql(admin, f'DROP ROLE IF EXISTS "{role}"')
    sql(admin, f'CREATE ROLE "{role}" LOGIN')
    yield role, url_for(admin, name, user=role)
    drop_database(url_for(admin, name))
    sql(admin, f'DROP ROLE IF EXISTS "{role}"')


def test_a_backup_restores_every_page_snippet_and_image(site, site_user, tmp_path):
    before = snapshot(site.database, site.files, setup=ADD_IMAGE)
    media_before = media_digest(site.media)
    # What the comparison rests on is really there: an image with its file and a
    # rendition, and the pages of both languages.
    assert len(before["images"]) == 1 and len(before["renditions"]) >= 1
    assert any(path.startswith("original_images/") for path in media_before)
    assert len(before["rendered"]) > 40
    assert {status for status, _body in before["rendered"].values()} == {200}

    backups = tmp_path / "backups"
    backup = run("backup.sh", DATABASE_URL=site.database, MEDIA_ROOT=site.media,
                 BACKUP_DIR=backups)  # fmt: skip
    assert backup.returncode == 0, backup.stderr
    written = sorted(path.name for path in backups.iterdir())
    assert [bool(PAIR.match(name)) for name in written] == [True, True], written
    dump, media = backups / written[1], backups / written[0]  # "media-…" sorts first
    for path in (dump, media):
        assert f"wrote {path}" in backup.stdout
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # staff accounts, messages

    # The disaster: the database and the uploads are gone.
    drop_database(site.database)
    shutil.rmtree(site.media)

    role, restored = site_user
    create_database(url_for(session_database_url(), restored.rsplit("/", 1)[1]), owner=role)
    restore = run("restore.sh", dump, media, DATABASE_URL=restored, MEDIA_ROOT=site.media)
    assert restore.returncode == 0, restore.stderr
    assert "Next steps" in restore.stdout

    after = snapshot(restored, site.files)
    for key in before:
        assert after[key] == before[key], f"{key} differs after the restore"
    assert media_digest(site.media) == media_before
    # Everything belongs to the site's own user, not to whoever owned it before.
    owners = sql(restored, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'",
                 dbname=restored.rsplit("/", 1)[1])  # fmt: skip
    assert owners == [(role,)]


def test_restore_refuses_a_database_or_media_folder_that_is_not_empty(site, tmp_path):
    backups = tmp_path / "backups"
    backup = run("backup.sh", DATABASE_URL=site.database, MEDIA_ROOT=site.media,
                 BACKUP_DIR=backups)  # fmt: skip
    assert backup.returncode == 0, backup.stderr
    media, dump = sorted(backups.iterdir())
    tables = table_count(site.database)

    refused = run("restore.sh", dump, media, DATABASE_URL=site.database, MEDIA_ROOT=site.media)
    assert refused.returncode == 1
    assert f"{tables} tables in schema public" in refused.stderr
    assert "nothing changed" in refused.stderr
    assert table_count(site.database) == tables

    # An empty database, but uploads already in the media folder: refused too, before the
    # database is touched, unless --force says to unpack over them.
    empty = url_for(site.database, f"principles_ops_empty_{os.getpid()}")
    create_database(empty)
    try:
        (site.media / "someone-elses.png").write_bytes(b"not ours")
        refused = run("restore.sh", dump, media, DATABASE_URL=empty, MEDIA_ROOT=site.media)
        assert refused.returncode == 1
        assert f"MEDIA_ROOT {site.media} is not empty" in refused.stderr
        assert table_count(empty) == 0

        forced = run("restore.sh", "--force", dump, media, DATABASE_URL=empty,
                     MEDIA_ROOT=site.media)  # fmt: skip
        assert forced.returncode == 0, forced.stderr
        assert table_count(empty) == tables
        assert (site.media / "someone-elses.png").read_bytes() == b"not ours"
    finally:
        drop_database(empty)


def test_backup_keeps_the_newest_pairs_and_only_those(postgres_only, tmp_path):
    require("pg_dump")
    database = url_for(session_database_url(), f"principles_ops_rotate_{os.getpid()}")
    create_database(database)
    media_root = tmp_path / "media"
    media_root.mkdir()
    (media_root / "photo.png").write_bytes(b"png")
    backups = tmp_path / "backups"
    backups.mkdir()
    # Three older pairs, one missing its media archive, and a file that is no backup.
    for stamp in ("20250101T023000Z", "20250102T023000Z", "20250103T023000Z"):
        (backups / f"principles-{stamp}.dump").write_bytes(b"old")
        if stamp != "20250102T023000Z":
            (backups / f"media-{stamp}.tar.gz").write_bytes(b"old")
    (backups / "README.txt").write_text("copied off-site every Sunday")

    settings = {"DATABASE_URL": database, "MEDIA_ROOT": media_root, "BACKUP_DIR": backups,
                "BACKUP_KEEP": 2}  # fmt: skip

    def backup(*args, **env):
        # Names are to the second: start each run in a second of its own.
        time.sleep(1 - time.time() % 1)
        done = run("backup.sh", *args, **env)
        assert done.returncode == 0, done.stderr
        return done, sorted(path.name for path in backups.iterdir())

    try:
        first, names = backup(**settings)
        stamp1 = PAIR.match(names[-1]).group(2)
        assert names == [
            "README.txt",
            "media-20250103T023000Z.tar.gz",
            f"media-{stamp1}.tar.gz",
            "principles-20250103T023000Z.dump",
            f"principles-{stamp1}.dump",
        ]
        assert "deleted" in first.stdout and "principles-20250101T023000Z.dump" in first.stdout

        # The second run reads its settings from a file, as systemd's EnvironmentFile= does.
        env_file = tmp_path / "env"
        env_file.write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
        _second, names = backup("--env-file", env_file)
        stamp2 = PAIR.match(names[-1]).group(2)
        assert stamp2 > stamp1
        assert names == [
            "README.txt",
            f"media-{stamp1}.tar.gz",
            f"media-{stamp2}.tar.gz",
            f"principles-{stamp1}.dump",
            f"principles-{stamp2}.dump",
        ]
    finally:
        drop_database(database)
