"""Roundtable respondents are entered once: the byline is the authors, then each respondent."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from site_core.blocks import stream_data
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def roundtable(tree, authors, respondents, title="Who answers"):
    """A published roundtable by ``authors``, answered by ``respondents`` in that order."""
    body = [("question", {"question": "What does care ask of us?"})] + [
        ("response", {"contributor": person.pk, "answer": "<p>Demo answer.</p>"})
        for person in respondents
    ]
    page = factories.ReflectionPageFactory(
        parent=tree.reflections, title=title, date="2030-01-01", body=stream_data(*body)
    )
    for person in authors:
        page.contributor_credits.create(contributor=person)
    page.save_revision().publish()
    return page


@pytest.fixture
def people(db):
    return [factories.ContributorFactory(name=name) for name in ("Ana", "Bea", "Cris")]


def byline_on_page(client, page):
    html = client.get(page.url).content.decode()
    meta = BeautifulSoup(html, "html.parser").select_one("header .card__meta")
    return [link.get_text(strip=True) for link in meta.find_all("a")]


def byline_on_card(client, tree, page):
    html = client.get(tree.reflections.url).content.decode()
    for card in BeautifulSoup(html, "html.parser").select(".card--reflection"):
        if card.find("a").get_text(strip=True) == page.title:
            names = card.select_one(".card__meta").get_text(strip=True).split("·", 1)[1]
            return [name.strip() for name in names.split(",")]
    raise AssertionError(f"no card for {page.title}")


def byline_in_feed(client, tree, page):
    feed = ET.fromstring(client.get(tree.reflections.url + "feed/").content)
    for entry in feed.iter(f"{ATOM}entry"):
        if entry.find(f"{ATOM}title").text == page.title:
            return [author.find(f"{ATOM}name").text for author in entry.iter(f"{ATOM}author")]
    raise AssertionError(f"no feed entry for {page.title}")


def test_byline_is_authors_then_each_respondent_once(client, tree, people):
    ana, bea, cris = people
    page = roundtable(tree, authors=[ana], respondents=[bea, ana, cris, bea])
    expected = ["Ana", "Bea", "Cris"]
    assert byline_on_page(client, page) == expected
    assert byline_on_card(client, tree, page) == expected
    assert byline_in_feed(client, tree, page) == expected


def test_a_respondent_entered_only_in_the_body_is_in_the_byline(client, tree, people):
    page = roundtable(tree, authors=[], respondents=people, title="Only answers")
    assert byline_on_page(client, page) == ["Ana", "Bea", "Cris"]
    assert byline_on_card(client, tree, page) == ["Ana", "Bea", "Cris"]


def test_bylines_on_cards_cost_no_query_per_respondent(client, tree, people):
    page = roundtable(tree, authors=[], respondents=people[:1], title="Growing")
    client.get(tree.reflections.url)
    with CaptureQueriesContext(connection) as before:
        client.get(tree.reflections.url)
    page.body = stream_data(
        ("question", {"question": "And now?"}),
        *[("response", {"contributor": p.pk, "answer": "<p>Demo.</p>"}) for p in people],
    )
    page.save_revision().publish()
    client.get(tree.reflections.url)  # the publish renewed the per-process memo
    with CaptureQueriesContext(connection) as after:
        client.get(tree.reflections.url)
    assert len(after) == len(before)
    assert byline_on_card(client, tree, page) == ["Ana", "Bea", "Cris"]


def test_the_authors_panel_says_respondents_need_not_be_added(admin_client_logged_in, tree):
    url = f"/admin/pages/add/reflections/reflectionpage/{tree.reflections.pk}/"
    html = admin_client_logged_in.get(url).content.decode()
    assert "each &#x27;Response&#x27; block already names them" in html
