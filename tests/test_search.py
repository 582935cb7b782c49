"""Visitors find principles and reflections by words and by theme, in their own language."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale

from principles.models import PrinciplePage
from site_core.blocks import stream_data
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(tree):
    """A few principles and reflections in English, with themes."""
    trauma = factories.ThemeFactory(name="Trauma and healing", slug="trauma")
    care = factories.ThemeFactory(name="Community care", slug="care")
    healing = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Cycles",
        slug="cycles",
        number=4,
        statement="We help families heal what was handed down.",
        body=stream_data(("paragraph", "<p>Every ancestor left us something.</p>")),
    )
    healing.themes.add(trauma)
    healing.save()
    other = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Community-Led",
        slug="community-led",
        number=9,
        statement="People most affected lead the work.",
        body=stream_data(("paragraph", "<p>Budgets are shared openly.</p>")),
    )
    other.themes.add(care)
    other.save()
    note = factories.ReflectionPageFactory(
        parent=tree.reflections,
        title="Outreach notes",
        slug="outreach-notes",
        intro="What a night shift taught us about care.",
        body=stream_data(("paragraph", "<p>We heal slowly, together, with our community.</p>")),
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
    html = search(client, "/en/search/?q=budgets")
    assert titles(html) == ["Community-Led"]
    assert '<p class="result__type">Principle 9</p>' in html
    assert "<mark>Budgets</mark>" in html
    assert "<li>Community care</li>" in html
    assert "1 result<" in html


def test_type_and_theme_filters_narrow_the_results(client, library):
    assert set(titles(search(client, "/en/search/?q=care"))) == {"Outreach notes"}
    html = search(client, "/en/search/?theme=trauma")
    assert set(titles(html)) == {"Cycles", "Outreach notes"}
    html = search(client, "/en/search/?theme=trauma&type=principle")
    assert titles(html) == ["Cycles"]
    html = search(client, "/en/search/?theme=trauma&theme=care")
    assert titles(html) == ["Outreach notes"]


def test_facet_counts_are_links_that_narrow(client, library):
    html = search(client, "/en/search/?q=heal")
    facets = html[html.index('class="facets"') :]
    counts = dict(re.findall(r'href="([^"]+)">([^<]+) <span class="facet-count">', facets))
    assert "?q=heal&amp;theme=trauma" in counts and "?q=heal&amp;theme=care" in counts
    narrowed = search(client, "/en/search/?q=heal&theme=trauma")
    assert "Community-Led" not in titles(narrowed)
    assert re.search(r"Trauma and healing <a href=\"\?q=heal\">", narrowed)  # remove the filter


def test_empty_query_shows_every_theme_to_browse(client, library):
    html = search(client, "/en/search/")
    assert 'href="?theme=trauma"' in html and 'href="?theme=care"' in html
    assert "result__title" not in html


def test_results_are_limited_to_the_readers_language(client, library):
    es = Locale.objects.create(language_code="es")
    spanish_theme = factories.ThemeFactory(name="Cuidado", slug="cuidado", locale=es)
    spanish_home = library["healing"].get_parent().get_parent()
    assert spanish_home  # English tree only: nothing in Spanish matches
    html = search(client, "/es/search/?q=budgets")
    assert titles(html) == []
    assert '<html lang="es">' in html
    html = search(client, "/es/search/")
    assert "Cuidado" in html and "Community care" not in html.split("browse-heading")[1]
    assert spanish_theme.slug in html


def test_highlighting_never_injects_html(client, library):
    page = library["other"]
    page.statement = 'Say <script>alert("x")</script> & <b>bold</b> budgets.'
    page.save()
    html = search(client, "/en/search/?q=" + "budgets%20%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html or "Community-Led" not in html


def test_results_are_paginated(client, tree):
    for n in range(1, 24):
        factories.PrinciplePageFactory(
            parent=tree.principles,
            number=n,
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
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Search the library</h1>" in html
    value = re.search(r'id="search-q" name="q" value="([^"]*)"', html).group(1)
    assert len(value) <= 200 and "\x00" not in value
    assert PrinciplePage.objects.filter(slug="cycles").exists()  # nothing lost


@pytest.mark.parametrize("page", ["abc", "-1", "99999", "1.5", "9" * 5000, "\x00"])
def test_odd_page_numbers_give_a_sensible_page(client, library, page):
    assert client.get("/en/search/", {"q": "care", "page": page}).status_code == 200


def test_unknown_theme_gives_404(client, library):
    assert client.get("/en/search/?theme=no-such-theme").status_code == 404
    assert client.get("/en/search/?q=care&theme=trauma&theme=nope").status_code == 404
    assert client.get("/en/search/?type=unknown").status_code == 200  # ignored, not an error


def test_promoted_pages_come_first_and_are_not_repeated(client, library):
    query = Query.get("care")
    SearchPromotion.objects.create(query=query, page=library["other"], sort_order=0)
    html = search(client, "/en/search/?q=care")
    promoted = html[html.index("results--promoted") :]
    assert promoted.index("Community-Led") < promoted.index("Outreach notes")
    assert html.count(">Community-Led</a>") == 1


def test_queries_are_counted_without_personal_data(client, library):
    client.get("/en/search/?q=Care", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Phone")
    client.get("/en/search/?q=care")
    hits = QueryDailyHits.objects.get(query__query_string="care")
    assert hits.hits == 2
    stored = json.dumps(list(QueryDailyHits.objects.values()), default=str) + json.dumps(
        list(Query.objects.values()), default=str
    )
    assert "203.0.113.7" not in stored and "Phone" not in stored


def test_suggestions_by_prefix_as_json(client, library):
    response = client.get("/en/search/suggest?q=comm")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert {
        "title": "Community-Led",
        "url": "/en/principles/community-led/",
        "type": "Principle",
    } in data["suggestions"]
    assert {"title": "Community care", "url": "/en/themes/care/", "type": "Theme"} in data[
        "suggestions"
    ]
    assert client.get("/en/search/suggest?q=zzzz").json()["suggestions"] == []
    assert client.get("/en/search/suggest?q=%00%00").status_code == 200
    assert not client.get("/en/search/suggest?q=co").cookies


def test_search_costs_a_fixed_number_of_queries(client, tree):
    theme = factories.ThemeFactory(slug="t")

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
            assert client.get(url).status_code == 200
        return len(queries)

    for url in ("/en/search/?q=willow", "/en/search/?q=cedar"):
        cost(url)  # warm caches; the first search for a word also records the word
    assert cost("/en/search/?q=willow") == cost("/en/search/?q=cedar")
    assert cost("/en/search/?q=willow&theme=t") == cost("/en/search/?q=cedar&theme=t")


def test_search_page_works_without_javascript_and_loads_only_our_script(client, library):
    html = search(client, "/en/search/?q=care")
    assert '<form class="search-form" action="" method="get" role="search">' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/js/search-suggest.js" defer>']
