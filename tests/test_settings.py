"""Settings behave as the README promises."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def import_settings(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import {module} as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "library.example.org"}
    del env[missing]
    result = import_settings("site_core.settings.production", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_starts_with_its_secrets_and_debug_off():
    result = import_settings(
        "site_core.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="library.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_database_comes_from_database_url_with_sqlite_default():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    sqlite = subprocess.run(
        [
            sys.executable,
            "-c",
            "import site_core.settings.base as s; d=s.DATABASES['default']; "
            "print(d['ENGINE'], d['NAME'], d['CONN_HEALTH_CHECKS'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert sqlite == ["django.db.backends.sqlite3", str(ROOT / "db.sqlite3"), "True"]
    env["DATABASE_URL"] = "postgres://lib@db.internal:5432/library"
    pg = subprocess.run(
        [
            sys.executable,
            "-c",
            "import site_core.settings.base as s; d=s.DATABASES['default']; "
            "print(d['ENGINE'], d['NAME'], d['HOST'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert pg == ["django.db.backends.postgresql", "library", "db.internal"]
