"""Visitors find principles and reflections by words and by theme, in their own language.

The search covers every live page of the reader's language, so it also finds the
session's demo library. The pages and themes added here use invented words
("zorblats", "mendle", "kindrel", "quillon") that no demo page contains, so a
search for them finds exactly what the test added.
"""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page

from principles.models import PrinciplePage
from site_core.blocks import stream_data
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(tree):
    """Two principles and a reflection in English, with two new themes, on top of the demo."""
    trauma = factories.ThemeFactory(name="Trauma and frimbling")
    care = factories.ThemeFactory(name="Quillon care")
    healing = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Frimble cycles",
        statement="We help families mendle what was handed down.",
        body=stream_data(("paragraph", "<p>Every ancestor left us something.</p>")),
    )
    healing.themes.add(trauma)
    healing.save()
    other = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Quillon-Led",
        statement="People most affected lead the work.",
        body=stream_data(("paragraph", "<p>Zorblats are shared openly.</p>")),
    )
    other.themes.add(care)
    other.save()
    note = factories.ReflectionPageFactory(
        parent=tree.reflections,
        title="Outreach notes",
        intro="What a night shift taught us about kindrel.",
        body=stream_data(("paragraph", "<p>We mendle slowly, together, with our community.</p>")),
    )
    note.themes.add(trauma, care)
    note.save()
    return {"healing": healing, "other": other, "note": note, "trauma": trauma, "care": care}


def search(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def titles(html):
    return re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', html)


def test_results_show_title_type_themes_and_a_marked_extract(client, library):
    html = search(client, "/en/search/?q=zorblats")
    assert titles(html) == ["Quillon-Led"]
    assert f'<p class="result__type">Principle {library["other"].number}</p>' in html
    assert "<mark>Zorblats</mark>" in html
    assert "<li>Quillon care</li>" in html
    assert "1 result<" in html


def test_type_and_theme_filters_narrow_the_results(client, library):
    trauma, care = library["trauma"].slug, library["care"].slug
    assert set(titles(search(client, "/en/search/?q=kindrel"))) == {"Outreach notes"}
    html = search(client, f"/en/search/?theme={trauma}")
    assert set(titles(html)) == {"Frimble cycles", "Outreach notes"}
    html = search(client, f"/en/search/?theme={trauma}&type=principle")
    assert titles(html) == ["Frimble cycles"]
    html = search(client, f"/en/search/?theme={trauma}&theme={care}")
    assert titles(html) == ["Outreach notes"]


def test_facet_counts_are_links_that_narrow(client, library):
    trauma, care = library["trauma"].slug, library["care"].slug
    html = search(client, "/en/search/?q=mendle")
    facets = html[html.index('class="facets"') :]
    counts = dict(re.findall(r'href="([^"]+)">([^<]+) <span class="facet-count">', facets))
    assert f"?q=mendle&amp;theme={trauma}" in counts and f"?q=mendle&amp;theme={care}" in counts
    narrowed = search(client, f"/en/search/?q=mendle&theme={trauma}")
    assert "Quillon-Led" not in titles(narrowed)
    assert re.search(r"Trauma and frimbling <a href=\"\?q=mendle\">", narrowed)  # remove it


def test_empty_query_shows_every_theme_to_browse(client, library):
    html = search(client, "/en/search/")
    trauma, care = library["trauma"].slug, library["care"].slug
    assert f'href="?theme={trauma}"' in html and f'href="?theme={care}"' in html
    assert "result__title" not in html


def test_results_are_limited_to_the_readers_language(client, library, spanish_tree):
    spanish_theme = factories.ThemeFactory(name="Cuidado quillon", locale=spanish_tree.locale)
    # The English pages above have no Spanish version: nothing in Spanish matches.
    assert titles(search(client, "/en/search/?q=zorblats")) == ["Quillon-Led"]
    html = search(client, "/es/search/?q=zorblats")
    assert titles(html) == []
    assert '<html lang="es">' in html
    html = search(client, "/es/search/")
    assert "Cuidado quillon" in html and "Quillon care" not in html.split("browse-heading")[1]
    assert spanish_theme.slug in html


def test_highlighting_never_injects_html(client, library):
    page = library["other"]
    page.statement = 'Say <script>alert("x")</script> & <b>bold</b> zorblats.'
    page.save()
    html = search(client, "/en/search/?q=" + "zorblats%20%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html or "Quillon-Led" not in html


def test_results_are_paginated(client, tree):
    for n in range(1, 24):
        factories.PrinciplePageFactory(
            parent=tree.principles,
            title=f"Principle about rivers {n}",
            statement="Rivers.",
        )
    first = search(client, "/en/search/?q=rivers")
    second = search(client, "/en/search/?q=rivers&page=2")
    assert len(titles(first)) == 10 and len(titles(second)) == 10
    assert not set(titles(first)) & set(titles(second))
    assert 'rel="next" href="?q=rivers&amp;page=2"' in first
    last = search(client, "/en/search/?q=rivers&page=99999")
    assert len(titles(last)) == 3


BAD_QUERIES = [
    "",
    "a" * 1500,
    "heal\x00ing\x01\x1f",
    "& | ! : * ( ) ' \" \\ %",
    "heal & care | !x :* (",
    "'; DROP TABLE wagtailcore_page; --",
    "%%%%",
    "\u202e\u200b",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_odd_queries_get_a_page_not_an_error(client, library, query):
    pages = Page.objects.count()
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Search the library</h1>" in html
    value = re.search(r'id="search-q" name="q" value="([^"]*)"', html).group(1)
    assert len(value) <= 200 and "\x00" not in value
    assert Page.objects.count() == pages  # nothing lost
    assert PrinciplePage.objects.filter(pk=library["healing"].pk).exists()


@pytest.mark.parametrize("page", ["abc", "-1", "99999", "1.5", "9" * 5000, "\x00"])
def test_odd_page_numbers_give_a_sensible_page(client, library, page):
    assert client.get("/en/search/", {"q": "care", "page": page}).status_code == 200


def test_unknown_theme_gives_404(client, library):
    trauma = library["trauma"].slug
    assert client.get("/en/search/?theme=no-such-theme").status_code == 404
    assert client.get(f"/en/search/?q=kindrel&theme={trauma}&theme=nope").status_code == 404
    assert client.get("/en/search/?type=unknown").status_code == 200  # ignored, not an error


def test_promoted_pages_come_first_and_are_not_repeated(client, library):
    # Both the note and "Frimble cycles" match "mendle"; staff pin the note.
    SearchPromotion.objects.create(query=Query.get("mendle"), page=library["note"], sort_order=0)
    html = search(client, "/en/search/?q=mendle")
    promoted = html[html.index("results--promoted") :]
    assert promoted.index("Outreach notes") < promoted.index("Frimble cycles")
    assert html.count(">Outreach notes</a>") == 1


def test_queries_are_counted_without_personal_data(client, library):
    client.get("/en/search/?q=Kindrel", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Phone")
    client.get("/en/search/?q=kindrel")
    hits = QueryDailyHits.objects.get(query__query_string="kindrel")
    assert hits.hits == 2
    stored = json.dumps(list(QueryDailyHits.objects.values()), default=str) + json.dumps(
        list(Query.objects.values()), default=str
    )
    assert "203.0.113.7" not in stored and "Phone" not in stored


def test_suggestions_by_prefix_as_json(client, library):
    response = client.get("/en/search/suggest?q=quil")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert {
        "title": "Quillon-Led",
        "url": f"/en/principles/{library['other'].slug}/",
        "type": "Principle",
    } in data["suggestions"]
    assert {
        "title": "Quillon care",
        "url": f"/en/themes/{library['care'].slug}/",
        "type": "Theme",
    } in data["suggestions"]
    assert client.get("/en/search/suggest?q=zzzz").json()["suggestions"] == []
    assert client.get("/en/search/suggest?q=%00%00").status_code == 200
    assert not client.get("/en/search/suggest?q=co").cookies


def test_search_costs_a_fixed_number_of_queries(client, tree):
    theme = factories.ThemeFactory()

    def make(n, word):
        for _i in range(n):
            page = factories.PrinciplePageFactory(
                parent=tree.principles, statement=f"The {word} grows."
            )
            page.themes.add(theme)
            page.save()

    make(3, "willow")  # few results (but enough that no "did you mean" is looked up)
    make(20, "cedar")  # many

    def cost(url):
        with CaptureQueriesContext(connection) as queries:
            html = search(client, url)
        return len(queries), len(titles(html))

    for url in ("/en/search/?q=willow", "/en/search/?q=cedar"):
        cost(url)  # warm caches; the first search for a word also records the word
    few, many = cost("/en/search/?q=willow"), cost("/en/search/?q=cedar")
    assert (few[1], many[1]) == (3, 10)  # the searches really found few and many
    assert few[0] == many[0]
    few = cost(f"/en/search/?q=willow&theme={theme.slug}")
    many = cost(f"/en/search/?q=cedar&theme={theme.slug}")
    assert (few[1], many[1]) == (3, 10)
    assert few[0] == many[0]


def test_search_page_works_without_javascript_and_loads_only_our_script(client, library):
    html = search(client, "/en/search/?q=kindrel")
    assert '<form class="search-form" action="" method="get" role="search">' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/js/search-suggest.js" defer>']
