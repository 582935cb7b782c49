"""The search answers from a catalogue each process keeps (site_core/search/catalogue.py).

Visitors must never see the difference: a page published, unpublished, restricted or
given a theme between two searches shows (or stops showing) in the very next search,
and a page whose expiry time passes leaves the results at that moment, before
``publish_scheduled`` has run and without anything being saved.
"""

import datetime
import re
import time

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from site_core.blocks import stream_data
from site_core.search import catalogue
from site_core.visibility import visible
from tests import factories

pytestmark = pytest.mark.django_db


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(
        r'class="result__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def new_principle(tree, title, **fields):
    return publish(
        factories.PrinciplePageFactory(
            parent=tree.principles,
            title=title,
            statement="We keep a glimmering ledger of what we learn.",
            body=stream_data(("paragraph", "<p>Glimmering notes, kept together.</p>")),
            **fields,
        )
    )


def test_publishing_and_unpublishing_between_two_searches_shows_at_once(client, tree):
    assert titles(client, "/en/search/?q=glimmering") == []  # the catalogue is built here
    page = new_principle(tree, "Glimmering ledgers")
    assert titles(client, "/en/search/?q=glimmering") == ["Glimmering ledgers"]
    page.unpublish()
    assert titles(client, "/en/search/?q=glimmering") == []


def test_a_restriction_added_between_two_searches_hides_the_page_at_once(client, tree):
    page = new_principle(tree, "Glimmering ledgers")
    assert titles(client, "/en/search/?q=glimmering") == ["Glimmering ledgers"]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert titles(client, "/en/search/?q=glimmering") == []
    assert "Glimmering" not in client.get("/en/search/?q=ledger").content.decode()


def test_a_theme_given_between_two_searches_counts_and_filters_at_once(client, tree):
    theme = factories.ThemeFactory(name="Lanternwork")
    page = new_principle(tree, "Glimmering ledgers")
    assert titles(client, f"/en/search/?theme={theme.slug}") == []
    page.themes.add(theme)
    publish(page)
    assert titles(client, f"/en/search/?theme={theme.slug}") == ["Glimmering ledgers"]
    body = client.get("/en/search/?q=glimmering").content.decode()
    assert 'Lanternwork <span class="facet-count">(1)</span>' in body


def test_a_page_leaves_the_results_when_its_expiry_time_passes(client, tree, monkeypatch):
    soon = timezone.now() + datetime.timedelta(hours=1)
    new_principle(tree, "Glimmering ledgers", expire_at=soon)
    assert titles(client, "/en/search/?q=glimmering") == ["Glimmering ledgers"]
    # An hour later, with nothing saved and publish_scheduled not yet run:
    later = soon + datetime.timedelta(minutes=1)
    monkeypatch.setattr(catalogue.timezone, "now", lambda: later)
    assert titles(client, "/en/search/?q=glimmering") == []
    assert titles(client, "/en/search/?type=principle&q=ledger") == []


def test_the_catalogue_holds_what_the_visibility_rule_allows_and_nothing_else(tree):
    shown = new_principle(tree, "Glimmering ledgers")
    hidden = new_principle(tree, "Glimmering secrets")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    draft = factories.PrinciplePageFactory(parent=tree.principles, title="Draft", live=False)
    english = Locale.objects.get(language_code="en")
    built = catalogue.build(english)
    expected = set(
        visible(Page.objects.filter(locale=english))
        .type(*[kind.model for kind in catalogue.KINDS.values()])
        .values_list("pk", flat=True)
    )
    assert set(built.entries) == expected
    assert shown.pk in built.entries
    assert hidden.pk not in built.entries and draft.pk not in built.entries


def test_a_theme_leaves_the_browse_list_when_its_expiry_time_passes(client, tree):
    soon = timezone.now() + datetime.timedelta(seconds=1.5)
    factories.ThemeFactory(name="Lanternwork", expire_at=soon)
    assert "Lanternwork" in client.get("/en/search/").content.decode()  # kept from here on
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.2)
    assert "Lanternwork" not in client.get("/en/search/").content.decode()
