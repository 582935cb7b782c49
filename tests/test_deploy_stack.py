"""The production stack as deploy/ sets it up: nginx in front of gunicorn, on loopback.

nginx (Debian's /usr/sbin/nginx) runs deploy/nginx/principles.conf as rendered by
deploy/nginx/render.sh, with a self-signed certificate and free high ports. gunicorn
runs deploy/gunicorn.conf.py with production settings on a unix socket handed over
the way systemd does it (systemd-socket-activate, LISTEN_FDS; deploy/systemd/
principles.socket), on the demo the session committed (so PostgreSQL only: gunicorn
needs a database another process can open). Nothing is mocked: every check is a real
request over TLS, and the last one is Chromium reading each kind of public page.
"""

import gzip
import http.client
import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import on_postgres
from tests.story_site import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGINX = "/usr/sbin/nginx"
SOCKET_ACTIVATE = shutil.which("systemd-socket-activate")
AGENT = "deploy-stack-test-agent/1.0"

# django_db: pytest-django builds the test database only for modules that ask for it.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# What the test adds around the site file: Debian's nginx.conf does the same for
# /etc/nginx/sites-enabled/*, with the paths of a real server.
MAIN_CONF = """\
{user}
daemon off; worker_processes 1; pid {tmp}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types; default_type application/octet-stream;
    sendfile on; access_log off;
    client_body_temp_path {tmp}/nginx-body; proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fcgi; uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    include {tmp}/principles.conf;
}}
"""


@dataclass
class Stack:
    https_port: int
    http_port: int
    tmp: Path
    tls: ssl.SSLContext
    gunicorn: subprocess.Popen

    @property
    def url(self):
        return f"https://127.0.0.1:{self.https_port}"

    def get(self, path, headers=None, method="GET", client="127.0.0.1", plain=False):
        """(status, headers, body) of one request from ``client`` (any loopback address:
        another address is another visitor); redirects are not followed."""
        options = {"source_address": (client, 0), "timeout": 20}
        if plain:
            conn = http.client.HTTPConnection("127.0.0.1", self.http_port, **options)
        else:
            options["context"] = self.tls
            conn = http.client.HTTPSConnection("127.0.0.1", self.https_port, **options)
        try:
            body = b"" if method == "POST" else None
            conn.request(method, path, body, {"User-Agent": AGENT, **(headers or {})})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def log(self, name):
        path = self.tmp / name
        return path.read_text() if path.exists() else ""


GUNICORN = ["-c", "deploy/gunicorn.conf.py", "--no-control-socket", "site_core.wsgi"]


def start_gunicorn(tmp, env):
    """gunicorn on a unix socket that another process opened, as under systemd."""
    command = [BIN / "gunicorn", *GUNICORN]
    sock = str(tmp / "gunicorn.sock")
    if SOCKET_ACTIVATE:
        # Like principles.socket: the socket exists first, gunicorn starts on the first
        # request and gets it in LISTEN_FDS, with nothing but the listed environment.
        flags = [f"--setenv={key}={value}" for key, value in env.items()]
        command = [SOCKET_ACTIVATE, "--listen", sock, *flags, *command]
    else:
        command += ["--bind", f"unix:{sock}"]
    with (tmp / "gunicorn.log").open("wb") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def answers(site):
    try:
        return site.get("/robots.txt")[0] == 200
    except (OSError, http.client.HTTPException):
        return False


@pytest.fixture(scope="module")
def stack(request, tmp_path_factory):
    if not on_postgres():
        pytest.skip("needs PostgreSQL: gunicorn serves the demo the session committed")
    if not os.path.exists(NGINX):
        pytest.skip("needs Debian's nginx (apt-get install nginx); CI installs it")
    request.getfixturevalue("django_db_setup")  # the demo, committed; only now it is needed
    tmp = tmp_path_factory.mktemp("stack")
    db = connection.settings_dict
    # What /etc/principles/env holds on a server (deploy/env.example), for this machine.
    env = {
        "PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
        "SECRET_KEY": "deploy-stack-test-" + "k" * 40, "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "STATIC_ROOT": str(tmp / "static"), "MEDIA_ROOT": str(tmp / "media"),
        "GUNICORN_WORKERS": "2", "GUNICORN_ACCESSLOG": str(tmp / "gunicorn-access.log"),
        "LOG_FORMAT": "json", "LOG_LEVEL": "INFO",
    }  # fmt: skip
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    for folder in ("media/images", "media/documents", "acme/.well-known/acme-challenge"):
        (tmp / folder).mkdir(parents=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "1",
         "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    https_port, http_port = free_port(), free_port()
    rendering = {
        "PATH": os.environ["PATH"], "SERVER_NAME": "localhost", "LISTEN_ADDRESS": "127.0.0.1",
        "HTTP_PORT": str(http_port), "HTTPS_PORT": str(https_port),
        "APP_SOCKET": str(tmp / "gunicorn.sock"), "ACME_ROOT": str(tmp / "acme"),
        "STATIC_ROOT": env["STATIC_ROOT"], "MEDIA_ROOT": env["MEDIA_ROOT"],
        "ACCESS_LOG": str(tmp / "nginx-access.log"),
        "CERT": str(tmp / "cert.pem"), "KEY": str(tmp / "key.pem"),
    }  # fmt: skip
    rendered = subprocess.run(
        [str(ROOT / "deploy/nginx/render.sh")], env=rendering, check=True, capture_output=True,
        text=True,
    ).stdout  # fmt: skip
    (tmp / "principles.conf").write_text(rendered)
    # As root, nginx's workers would drop to "nobody", who cannot read pytest's tmp folder.
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp, user=user))

    gunicorn = start_gunicorn(tmp, env)
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "nginx-error.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    tls = ssl.create_default_context(cafile=str(tmp / "cert.pem"))
    site = Stack(https_port, http_port, tmp, tls, gunicorn)
    try:
        deadline = time.monotonic() + 60
        while not answers(site):
            if time.monotonic() > deadline or any(p.poll() is not None for p in (nginx, gunicorn)):
                logs = site.log("nginx-error.log") + site.log("gunicorn.log")
                pytest.fail("the stack did not start:\n" + logs)
            time.sleep(0.2)
        yield site
    finally:
        nginx.send_signal(signal.SIGQUIT)  # graceful: finish what is under way
        gunicorn.send_signal(signal.SIGINT)  # quick: nothing is under way any more
        nginx.wait(timeout=20)
        gunicorn.wait(timeout=30)
    assert "Traceback" not in site.log("gunicorn.log"), site.log("gunicorn.log")


def test_plain_http_moves_to_https_except_the_certificate_challenge(stack):
    status, headers, _ = stack.get("/en/principles/?page=2", plain=True)
    assert status == 301
    assert headers["Location"] == f"https://localhost:{stack.https_port}/en/principles/?page=2"

    (stack.tmp / "acme/.well-known/acme-challenge/token123").write_text("proof")
    status, _, body = stack.get("/.well-known/acme-challenge/token123", plain=True)
    assert (status, body) == (200, b"proof")


def test_tls_offers_http2_and_only_modern_protocols(stack):
    context = ssl.create_default_context(cafile=str(stack.tmp / "cert.pem"))
    context.set_alpn_protocols(["h2", "http/1.1"])
    with (
        socket.create_connection(("127.0.0.1", stack.https_port)) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        assert tls.selected_alpn_protocol() == "h2"
        assert tls.version() in {"TLSv1.2", "TLSv1.3"}


def once(headers, name):
    values = headers.get_all(name) or []
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def csp_directives(value):
    return {d.split()[0]: " ".join(d.split()[1:]) for d in value.split(";") if d.strip()}


def test_public_page_carries_each_security_header_once(stack):
    status, headers, body = stack.get("/en/", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert b"<h1>" in gzip.decompress(body)
    assert once(headers, "Content-Encoding") == "gzip"
    assert "Accept-Encoding" in once(headers, "Vary")
    assert once(headers, "Strict-Transport-Security").startswith("max-age=31536000")
    assert csp_directives(once(headers, "Content-Security-Policy")) == csp_directives(PUBLIC_CSP)
    assert "camera=()" in once(headers, "Permissions-Policy")
    assert once(headers, "X-Content-Type-Options") == "nosniff"
    assert once(headers, "Referrer-Policy") == "same-origin"
    assert once(headers, "X-Frame-Options") == "DENY"
    assert once(headers, "Server") == "nginx"  # no version for scanners
    assert "Set-Cookie" not in headers
    for name in set(headers.keys()):
        once(headers, name)

    # The embed card alone may be framed, by anyone.
    status, headers, _ = stack.get("/en/p/hc01/embed/")
    assert status == 200
    assert csp_directives(once(headers, "Content-Security-Policy"))["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in headers


def test_request_id_made_by_nginx_is_logged_by_django_and_nginx_keeps_no_address(stack):
    status, headers, _ = stack.get("/en/no-such-page/", {"X-Request-ID": "f" * 32})
    assert status == 404
    request_id = once(headers, "X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert request_id != "f" * 32, "a visitor cannot choose the id"

    # nginx writes its line once the response is sent: give it a moment, as for gunicorn.
    line = f'{request_id} "GET /en/no-such-page/ HTTP/1.1" 404'
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and line not in stack.log("nginx-access.log"):
        time.sleep(0.05)
    nginx_log = stack.log("nginx-access.log")
    assert line in nginx_log
    assert "127.0.0.1" not in nginx_log and AGENT not in nginx_log
    # Django's JSON line for the 404 ("Not Found: /en/no-such-page/") carries the id;
    # gunicorn writes its logs after the response, so give them a moment.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and request_id not in stack.log("gunicorn-access.log"):
        time.sleep(0.1)
    assert f'"request_id": "{request_id}"' in stack.log("gunicorn.log"), stack.log("gunicorn.log")
    assert request_id in stack.log("gunicorn-access.log")


def test_static_files_come_from_nginx_hashed_ones_cached_for_a_year(stack):
    html = gzip.decompress(stack.get("/en/", {"Accept-Encoding": "gzip"})[2]).decode()
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, body = stack.get(css, {"Accept-Encoding": "gzip"})
    assert status == 200 and b"--accent" in gzip.decompress(body)
    assert once(headers, "Content-Encoding") == "gzip"
    assert once(headers, "Cache-Control") == "public, max-age=31536000, immutable"
    assert once(headers, "X-Content-Type-Options") == "nosniff"
    assert once(headers, "Content-Type").startswith("text/css")

    status, headers, _ = stack.get("/static/css/site.css")
    assert status == 200
    assert once(headers, "Cache-Control") == "public, max-age=3600"

    served_by_gunicorn = stack.log("gunicorn-access.log")
    assert "GET /en/ " in served_by_gunicorn and "/static/" not in served_by_gunicorn


def test_media_is_served_inert_and_documents_only_through_wagtail(stack):
    (stack.tmp / "media/images/picture.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    (stack.tmp / "media/documents/private.pdf").write_bytes(b"%PDF-1.4 private")
    status, headers, _ = stack.get("/media/images/picture.svg")
    assert status == 200
    assert "sandbox" in csp_directives(once(headers, "Content-Security-Policy"))
    assert once(headers, "X-Content-Type-Options") == "nosniff"
    assert "max-age=86400" in once(headers, "Cache-Control")
    assert stack.get("/media/documents/private.pdf")[0] == 404


def test_health_check_answers_through_the_proxy(stack):
    status, headers, body = stack.get("/healthz")
    assert (status, body) == (200, b"ok\n")
    assert "no-cache" in headers["Cache-Control"] or "max-age=0" in headers["Cache-Control"]


@pytest.mark.parametrize(
    ("client", "method", "path", "allowed"),
    [
        ("127.0.0.2", "GET", "/admin/login/", 6),  # burst 5 at 10 a minute
        ("127.0.0.3", "GET", "/en/search/suggest?q=ho", 21),  # burst 20 at 2 a second
        ("127.0.0.4", "POST", "/en/contact/", 6),  # burst 5 at 6 a minute, posts only
    ],
)
def test_bursts_are_answered_429_for_that_client_only(stack, client, method, path, allowed):
    # More than the limit refills while the allowed ones are answered, even on a slow machine.
    statuses = [stack.get(path, method=method, client=client)[0] for _ in range(allowed + 15)]
    assert 429 not in statuses[: allowed - 1], statuses
    assert statuses[-1] == 429, statuses
    assert stack.get(path, method=method, client="127.0.0.5")[0] != 429  # another visitor
    if method == "POST":
        assert stack.get(path, client=client)[0] == 200  # reading is never limited


def test_reload_replaces_workers_without_failing_a_request(stack):
    statuses, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            statuses.append(stack.get("/en/principles/")[0])

    def replaced():
        log = stack.log("gunicorn.log").split("Handling signal: hup", 1)[-1]
        return log.count("Booting worker") >= 2 and log.count("Worker exiting") >= 2

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + 60  # generous: CI machines can be busy
    while len(statuses) < 3 and time.monotonic() < deadline:  # the old workers are serving
        time.sleep(0.05)
    stack.gunicorn.send_signal(signal.SIGHUP)  # what `systemctl reload principles` sends
    answered_before = len(statuses)
    while not replaced() and time.monotonic() < deadline:
        time.sleep(0.1)
    answered_by_old_workers = len(statuses)
    # Then the new workers (all that is left) answer each reader at least once.
    while len(statuses) < answered_by_old_workers + 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    for reader in readers:
        reader.join()
    assert replaced(), stack.log("gunicorn.log")
    assert stack.gunicorn.poll() is None
    assert answered_before >= 1 and len(statuses) >= answered_by_old_workers + 3, statuses
    assert set(statuses) == {200}, statuses


# One of each kind of public page, both languages for home and a principle.
PAGES = [
    "/en/", "/es/", "/en/principles/", "/en/principles/adaptation/",
    "/es/principios/adaptacion/", "/en/reflections/",
    "/en/reflections/healing-justice-and-harm-reduction-roundtable/",
    "/en/themes/", "/en/themes/sex-work/", "/en/contributors/", "/en/contributors/kate/",
    "/en/search/?q=healing", "/en/contact/", "/en/p/hc01/embed/", "/en/no-such-page/",
]  # fmt: skip


def test_every_kind_of_public_page_loads_in_chromium_without_a_csp_refusal(stack, browser):
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    refusals, failures = [], []

    def on_console(message):  # Chromium reports each CSP violation on the console
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refusals.append(f"{page.url}: {message.text}")

    def on_response(response):  # a stylesheet, script or image that did not load
        if response.status >= 400 and response.request.resource_type != "document":
            failures.append(f"{response.url} {response.status}")

    page.on("console", on_console)
    page.on("response", on_response)
    # Chromium fetches the favicon after the load event, so moving on to the next page
    # can cancel it (net::ERR_ABORTED, a cancellation, not a refusal). Such a resource is
    # fetched again below and must load.
    cancelled = set()

    def on_failed(request):
        if request.failure == "net::ERR_ABORTED":
            cancelled.add(request.url)
        else:
            failures.append(f"{request.url} {request.failure}")

    page.on("requestfailed", on_failed)
    for path in PAGES:
        response = page.goto(stack.url + path)
        assert response.status == (404 if "no-such" in path else 200), path
        if path == "/en/":
            protocol = page.evaluate(
                "performance.getEntriesByType('navigation')[0].nextHopProtocol"
            )
            assert protocol == "h2"
        if path.startswith("/en/search/"):
            assert page.locator(".result__title").count() >= 1
    for url in sorted(cancelled):
        again = context.request.get(url)
        if again.status >= 400:
            failures.append(f"{url} {again.status}")
    context.close()
    assert refusals == []
    assert failures == []
