"""Settings behave as the README promises."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DB = "d = s.DATABASES['default']; "


def run_settings(module, code, drop=(), **env):
    """Import a settings module in a fresh interpreter with a given environment."""
    clean = {k: v for k, v in os.environ.items() if k not in {*drop, *env}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import {module} as s; {code}"],
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
    result = run_settings("site_core.settings.production", "print(s.DEBUG)", drop=[missing], **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_starts_with_its_secrets_and_debug_off():
    result = run_settings(
        "site_core.settings.production",
        "print(s.DEBUG)",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="library.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]


def test_database_comes_from_database_url_with_sqlite_default():
    code = DB + "print(d['ENGINE'], d['NAME'], d['CONN_HEALTH_CHECKS'])"
    sqlite = run_settings("site_core.settings.base", code, drop=["DATABASE_URL"]).stdout.split()
    assert sqlite == ["django.db.backends.sqlite3", str(ROOT / "db.sqlite3"), "True"]
    pg = run_settings(
        "site_core.settings.base",
        DB + "print(d['ENGINE'], d['NAME'], d['HOST'])",
        DATABASE_URL="postgres://lib@db.internal:5432/library",
    ).stdout.split()
    assert pg == ["django.db.backends.postgresql", "library", "db.internal"]
