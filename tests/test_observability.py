"""What an operator sees: the health check, request ids, JSON logs, error reports.

Logs and error reports are checked in processes of their own, configured from the
environment as production is, so that the real logging setup and a real Sentry
client (sending to a receiver on loopback) are what is tested.
"""

import gzip
import json
import os
import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest

from tests.story_site import free_port

ROOT = Path(__file__).resolve().parent.parent
CLIENT_IP = "203.0.113.9"
BROWSER = "SecretBrowser/9.9 (the visitor's own)"


def test_health_check_answers_ok_with_no_detail(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def run_python(script, **env):
    """Runs a script in a fresh process with the test settings and the given environment."""
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("SENTRY_DSN", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "site_core.settings.test",
        # A database of its own, never the project's db.sqlite3 (absent on a clean clone).
        "DATABASE_URL": "sqlite://:memory:",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_health_check_answers_503_when_the_database_is_down():
    result = run_python(
        """
        import django; django.setup()
        from django.test import Client
        response = Client().get("/healthz")
        print(response.status_code, response.content.decode().strip())
        """,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/nowhere",
    )
    assert result.stdout.splitlines()[-1] == "503 unavailable", result.stderr
    assert "Health check failed" in result.stderr


def test_every_response_has_a_request_id_and_a_proxys_id_is_kept(client, db):
    first, second = client.get("/robots.txt"), client.get("/robots.txt")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    offered = "0123456789abcdef0123456789abcdef"
    assert client.get("/robots.txt", headers={"x-request-id": offered})["X-Request-ID"] == offered
    forged = client.get("/robots.txt", headers={"x-request-id": "evil\u2028id; drop"})
    assert forged["X-Request-ID"] != "evil\u2028id; drop" and len(forged["X-Request-ID"]) == 32


def test_json_log_lines_carry_the_request_id_and_nothing_about_the_visitor():
    request_id = "feedfacefeedfacefeedfacefeedface"
    result = run_python(
        f"""
        import django; django.setup()
        from django.test import Client
        Client().post(
            "/robots.txt",
            headers={{"x-request-id": "{request_id}", "user-agent": "{BROWSER}"}},
            REMOTE_ADDR="{CLIENT_IP}",
        )
        """,
        LOG_FORMAT="json",
        LOG_LEVEL="INFO",
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    refused = [line for line in lines if line["logger"] == "django.request"]
    assert refused, result.stderr
    assert refused[0]["request_id"] == request_id
    assert refused[0]["status"] == 405 and "/robots.txt" in refused[0]["message"]
    assert CLIENT_IP not in result.stderr and "SecretBrowser" not in result.stderr


class SentryReceiver(BaseHTTPRequestHandler):
    """Stands in for sentry.io on loopback: keeps every envelope it is sent."""

    received = []

    def do_POST(self):  # noqa: N802 (the standard library's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.received.append(body.decode())
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_receiver():
    SentryReceiver.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), SentryReceiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def test_errors_reach_sentry_without_personal_data(sentry_receiver):
    port = sentry_receiver.server_address[1]
    result = run_python(
        f"""
        import django; django.setup()
        import sentry_sdk
        import site_core.views

        def broken(request):
            raise RuntimeError("a fault for the error report")

        site_core.views.robots_txt = broken  # before the URLs are first loaded
        from django.test import Client
        response = Client(raise_request_exception=False).get(
            "/robots.txt",
            headers={{"user-agent": "{BROWSER}", "cookie": "preference=secret-cookie"}},
            REMOTE_ADDR="{CLIENT_IP}",
        )
        print(response.status_code)
        sentry_sdk.flush(timeout=5)
        """,
        SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/1",
    )
    assert result.stdout.splitlines()[-1] == "500", result.stderr
    reports = "\n".join(SentryReceiver.received)
    assert "a fault for the error report" in reports
    for personal in (CLIENT_IP, "SecretBrowser", "secret-cookie"):
        assert personal not in reports


def test_without_a_dsn_nothing_is_reported(sentry_receiver):
    import sentry_sdk

    assert not sentry_sdk.get_client().is_active()
    assert SentryReceiver.received == []
