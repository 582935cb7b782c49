"""Shared fixtures: a small site tree like the real one, built with factories."""

import os
from dataclasses import dataclass

import pytest
from django.db import connection
from wagtail.models import Page, Site

from tests import factories

# Browser tests run Playwright's sync API inside pytest's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def postgres_only():
    if not on_postgres():
        pytest.skip("needs PostgreSQL; CI runs the suite on PostgreSQL too")


@dataclass
class Tree:
    home: object
    principles: object
    themes: object
    reflections: object
    contributors: object


@pytest.fixture
def tree(db):
    """Home with the four index pages, served as the default site."""
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return Tree(
        home=home,
        principles=factories.PrincipleIndexPageFactory(parent=home),
        themes=factories.ThemeIndexPageFactory(parent=home),
        reflections=factories.ReflectionIndexPageFactory(parent=home),
        contributors=factories.ContributorIndexPageFactory(parent=home),
    )


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "pw")
    client.force_login(user)
    return client
