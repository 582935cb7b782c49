"""A CDN or Varnish in front is purged too (wagtail.contrib.frontend_cache, from the environment).

A small HTTP server on loopback stands in for Varnish: it records every request it
gets. Publishing must send it a PURGE for each place that shows the change, with
the site's host, and a CDN that cannot be reached must not fail the publish.
"""

import logging
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from principles.models import PrinciplePage
from site_core.models import SiteSettings
from tests.story_site import free_port

ROOT = Path(__file__).resolve().parent.parent


class PurgeReceiver(ThreadingHTTPServer):
    def __init__(self):
        self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(handler):  # noqa: N802 - the HTTP method's name
                self.received.append((handler.command, handler.headers["Host"], handler.path))
                handler.send_response(200)
                handler.end_headers()

            def log_message(handler, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def receiver(settings):
    server = PurgeReceiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def test_publishing_purges_each_place_that_shows_the_page_in_front(
    receiver, tree, django_capture_on_commit_callbacks
):
    principle = PrinciplePage.objects.get(locale=tree.locale, slug="adaptation")
    site = principle.get_site()
    principle.title = "Adaptation, revised"
    with django_capture_on_commit_callbacks(execute=True):
        principle.save_revision().publish()
    paths = {path for _method, _host, path in receiver.received}
    assert {method for method, _host, _path in receiver.received} == {"PURGE"}
    assert {host for _method, host, _path in receiver.received} == {site.hostname}
    for shown_on in (
        principle.url,  # the page
        tree.principles.url,  # its list
        tree.home.url,  # the home page lists every principle
        "/sitemap.xml",
        "/en/principles/download.json",
        "/api/",
    ):
        assert shown_on in paths, shown_on
    spanish = principle.get_translation(tree_locale("es"))
    assert spanish.url in paths  # the untranslated copy shows the same words


def tree_locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def test_a_change_every_page_shows_purges_every_live_page_in_front(
    receiver, tree, django_capture_on_commit_callbacks
):
    settings = SiteSettings.for_site(tree.home.get_site())
    settings.footer_text = "A new footer"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    paths = {path for _method, _host, path in receiver.received}
    live = {page.url for page in PrinciplePage.objects.live()}
    assert live <= paths
    assert tree.themes.url in paths and tree.contributors.url in paths


def test_an_unreachable_cdn_does_not_fail_the_publish(
    settings, tree, django_capture_on_commit_callbacks, caplog
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",  # nothing listens
        }
    }
    principle = PrinciplePage.objects.get(locale=tree.locale, slug="adaptation")
    principle.title = "Adaptation, published while the CDN is down"
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        principle.save_revision().publish()
    principle.refresh_from_db()
    assert principle.title == "Adaptation, published while the CDN is down" and principle.live


def test_the_cdn_is_configured_from_the_environment():
    code = (
        "from django.conf import settings;"
        "print(sorted((k, v['BACKEND'].rsplit('.', 1)[1], v.get('LOCATION', v.get('ZONEID')))"
        " for k, v in settings.WAGTAILFRONTENDCACHE.items()))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "site_core.settings.base",
        "DATABASE_URL": "sqlite://:memory:",
        "FRONTEND_CACHE_PURGE_URL": "http://10.0.0.5:6081",
        "CLOUDFLARE_ZONEID": "zone123",
        "CLOUDFLARE_BEARER_TOKEN": "token",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == (
        "[('cloudflare', 'CloudflareBackend', 'zone123'), "
        "('http', 'HTTPBackend', 'http://10.0.0.5:6081')]"
    )
    env.pop("FRONTEND_CACHE_PURGE_URL"), env.pop("CLOUDFLARE_ZONEID")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == "[]"
