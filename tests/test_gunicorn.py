"""The production stack: collectstatic, gunicorn with production settings, whitenoise."""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from principles.models import PrinciplePage
from tests.story_site import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.status, dict(response.headers), response.read()


@pytest.mark.postgres
# gunicorn has its own connection to the test database: it serves the demo the session
# committed, and this test changes nothing.
@pytest.mark.django_db
def test_gunicorn_serves_pages_and_static_files_with_production_settings(
    postgres_only, tree, tmp_path
):
    principle = PrinciplePage.objects.get(locale=tree.locale, slug="adaptation")

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
        "SECRET_KEY": "gunicorn-smoke-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "site_core.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, _headers, body = fetch(base + "/en/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
        assert status == 200 and f"<h1>{tree.home.title}</h1>".encode() in body

        status, _headers, body = fetch(base + principle.url)
        assert status == 200 and f"<h1>{principle.title}</h1>".encode() in body

        css = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', body).group(1).decode()
        status, headers, body = fetch(base + css)
        assert status == 200 and b"--accent" in body
        assert "max-age=315360000" in headers["Cache-Control"]  # hashed name, cached forever
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert server.returncode == 0, output
    assert "Traceback" not in output
