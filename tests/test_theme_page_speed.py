"""Theme and contributor pages stay cheap: cards read what they show, one query per list page.

What the pages show is covered by test_listings_and_queries.py; these tests pin the
shortcuts that keep them fast at 10,000 pages (``python -m bench.search``) and check
that the pages still split, count and link as before.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from principles.models import PrincipleContributor, PrinciplePage
from reflections.models import ReflectionContributor, ReflectionPage, ThemeIndexPage
from site_core.blocks import stream_data
from tests import factories

pytestmark = pytest.mark.django_db


def titles(html, kind):
    """The titles of the cards of ``kind`` ("principle" or "reflection"), in order."""
    cards = re.findall(rf'<article class="card card--{kind}".*?</article>', html, re.DOTALL)
    return [
        re.search(r'<a href="[^"]*">(?:<span[^>]*>\d+</span> )?([^<]*)</a>', card)[1]
        for card in cards
    ]


def reflections_with(theme, tree, n):
    """``n`` reflections carrying ``theme``, dated a day apart: "R00" is the newest."""
    pages = []
    for i in range(n):
        page = factories.ReflectionPageFactory(
            parent=tree.reflections, title=f"R{i:02d}", date=f"2026-01-{28 - i:02d}"
        )
        page.themes.add(theme)
        page.save()
        pages.append(page)
    return pages


def test_cards_are_read_without_the_bodies_they_never_show(tree):
    theme = factories.ThemeFactory()
    principle = factories.PrinciplePageFactory(
        parent=tree.principles,
        summary="Plain words.",
        body=stream_data(("paragraph", "<p>A long body.</p>")),
    )
    principle.themes.add(theme)
    principle.save()
    reflections_with(theme, tree, 1)

    [card_page] = PrinciplePage.for_theme(theme, tree.locale)
    assert {"body", "summary"} <= card_page.get_deferred_fields()
    [reflection] = ReflectionPage.objects.for_cards().filter(locale=tree.locale).with_theme(theme)
    assert "body" in reflection.get_deferred_fields()


def test_a_theme_page_counts_its_reflections_in_the_query_that_reads_them(client, tree):
    theme = factories.ThemeFactory()
    reflections_with(theme, tree, 12)
    url = f"/en/themes/{theme.slug}/"
    client.get(url)  # the per-process memo first

    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    on_reflections = [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "reflections_reflectionpage"' in query["sql"]
    ]
    assert len(on_reflections) == 1, on_reflections  # no COUNT query of its own
    assert "OVER ()" in on_reflections[0]
    assert titles(html, "reflection") == [f"R{i:02d}" for i in range(10)]
    assert "Page 1 of 2" in html and 'rel="next" href="?page=2"' in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?page=2", ["R10", "R11"]),
        ("?page=3", ["R10", "R11"]),  # past the end: the last page
        ("?page=99999999999999999999", ["R10", "R11"]),
        ("?page=0", [f"R{i:02d}" for i in range(10)]),  # before the start: the first
        ("?page=two", [f"R{i:02d}" for i in range(10)]),
    ],
)
def test_a_theme_page_lands_on_the_nearest_real_page(client, tree, query, shown):
    theme = factories.ThemeFactory()
    reflections_with(theme, tree, 12)
    response = client.get(f"/en/themes/{theme.slug}/{query}")
    assert response.status_code == 200
    assert titles(response.content.decode(), "reflection") == shown


def test_a_theme_without_reflections_says_so(client, tree):
    theme = factories.ThemeFactory()
    html = client.get(f"/en/themes/{theme.slug}/").content.decode()
    assert "No reflections with this theme yet." in html
    assert 'class="pagination"' not in html


def test_past_the_cap_a_theme_page_links_to_the_search(client, tree, monkeypatch):
    monkeypatch.setattr(ThemeIndexPage, "max_principles", 2)
    theme = factories.ThemeFactory()
    for number in (903, 901, 902):
        page = factories.PrinciplePageFactory(
            parent=tree.principles, title=f"P{number}", number=number
        )
        page.themes.add(theme)
        page.save()
    search_link = f"?theme={theme.slug}&amp;type=principle"

    html = client.get(f"/en/themes/{theme.slug}/").content.decode()
    assert titles(html, "principle") == ["P901", "P902"]
    assert search_link in html

    PrinciplePage.objects.get(number=903).unpublish()
    html = client.get(f"/en/themes/{theme.slug}/").content.decode()
    assert titles(html, "principle") == ["P901", "P902"]
    assert search_link not in html


def test_a_person_credited_twice_is_counted_once_on_their_page(client, tree):
    person = factories.ContributorFactory()
    for i in range(11):
        page = factories.ReflectionPageFactory(
            parent=tree.reflections, title=f"R{i:02d}", date=f"2026-01-{28 - i:02d}"
        )
        ReflectionContributor.objects.create(page=page, contributor=person)
        ReflectionContributor.objects.create(page=page, contributor=person)
    principle = factories.PrinciplePageFactory(parent=tree.principles, title="Shaped twice")
    PrincipleContributor.objects.create(page=principle, contributor=person)
    PrincipleContributor.objects.create(page=principle, contributor=person)

    html = client.get(f"/en/contributors/{person.slug}/").content.decode()
    assert titles(html, "principle") == ["Shaped twice"]
    assert titles(html, "reflection") == [f"R{i:02d}" for i in range(10)]
    assert "Page 1 of 2" in html
    html = client.get(f"/en/contributors/{person.slug}/?page=2").content.decode()
    assert titles(html, "reflection") == ["R10"]
