"""Shared fixtures.

The demo library (both languages) is built once per test session, committed, in
the test database. Every ordinary test runs inside a transaction on top of it
and is rolled back, so tests add to the demo and never see each other's changes.
Browser and gunicorn tests read the committed demo through servers of their own
(``demo_server``, or a gunicorn process); they change nothing.
"""

import os
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Locale, Site

from principles.models import PrincipleIndexPage
from reflections.models import ContributorIndexPage, ReflectionIndexPage, ThemeIndexPage

# Browser tests run Playwright's sync API inside pytest's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the demo library in it: built once."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with an empty page cache and memo.

    Tests roll their changes back, which no publish signal announces: what one test
    kept (a page, a menu) must not leak into the next.
    """
    from django.core.cache import caches

    from site_core import memo, shared_cache

    caches["pages"].clear()
    memo.forget_here()
    shared_cache._health.down = False
    yield


def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def postgres_only():
    if not on_postgres():
        pytest.skip("needs PostgreSQL; CI runs the suite on PostgreSQL too")


@dataclass
class Tree:
    """The demo site's pages in one language: home and the four index pages."""

    locale: object
    home: object
    principles: object
    themes: object
    reflections: object
    contributors: object


def tree_in(language):
    locale = Locale.objects.get(language_code=language)
    home = Site.objects.get(is_default_site=True).root_page.get_translation(locale).specific

    def index(model):
        return model.objects.child_of(home).get()

    return Tree(
        locale=locale,
        home=home,
        principles=index(PrincipleIndexPage),
        themes=index(ThemeIndexPage),
        reflections=index(ReflectionIndexPage),
        contributors=index(ContributorIndexPage),
    )


@pytest.fixture
def tree(db):
    """The demo's English tree: tests add their own pages under it."""
    return tree_in("en")


@pytest.fixture
def spanish_tree(db):
    return tree_in("es")


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """A live server over the committed demo, for the whole session.

    Tests that use it are ordinary ``django_db`` tests: they read what the demo
    committed and leave it as it was, so no test has to rebuild it.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        yield server
        server._live_server_modified_settings.disable()
        server.stop()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, launched once per test module.

    Skips where /usr/bin/chromium is missing (CI installs it). Module-scoped, not
    session-scoped: Playwright's sync API keeps an event loop running in this thread
    while the browser is open, which would break ``async_to_sync`` in later tests.
    """
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Debian's chromium (CI installs it)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # While that loop runs, asgiref keeps this thread's database connections per
        # context, so the tests here opened connections of their own: close them before
        # the loop stops, or they outlive the session and block dropping the test database.
        connections.close_all()
