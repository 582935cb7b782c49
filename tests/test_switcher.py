"""The language switcher keeps the reader's place, on every kind of page.

A reader who switches language lands on the same thing in the other language: the
same principle, reflection, theme, person, list page, wording history or search
(with its words and filters, each theme as its translation), and never on the
other language's home page unless that is where they were. The pages come from
the session's demo (read, never changed) and, where a list needs a second page,
from pages a test adds.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page

from principles.models import PrinciplePage, Theme
from reflections.models import ReflectionPage
from site_core.models import ContactPage, Contributor, StandardPage
from tests import factories
from tests.bilingual import publish, translate

pytestmark = pytest.mark.django_db

SWITCHER_LINK = re.compile(r'<a\b[^>]*\bhref="(?P<href>[^"]*)"[^>]*\bhreflang="(?P<code>[a-z]+)"')


def switch(client, url, code):
    """Where the switcher on ``url`` leads for ``code``'s language."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    start = html.index('class="language-switcher"')
    nav = html[start : html.index("</nav>", start)]
    links = {
        match["code"]: match["href"].replace("&amp;", "&") for match in SWITCHER_LINK.finditer(nav)
    }
    assert code in links, f"{url}: no link to {code} in the switcher"
    return links[code]


def assert_round_trip(client, english, spanish):
    assert switch(client, english, "es") == spanish
    assert switch(client, spanish, "en") == english


def pair(model, translated=True):
    """An English page of ``model`` and its Spanish version (a translation, or a copy)."""
    for page in model.objects.filter(locale__language_code="en", live=True).order_by("pk"):
        version = Page.objects.filter(
            translation_key=page.translation_key, locale__language_code="es", live=True
        ).first()
        if version is not None and (version.alias_of_id is None) == translated:
            return page, version
    pytest.skip(f"the demo has no {'translated' if translated else 'untranslated'} {model}")


def test_home_about_and_contact(client, tree, spanish_tree):
    assert_round_trip(client, tree.home.url, spanish_tree.home.url)
    english, spanish = pair(StandardPage)
    assert_round_trip(client, english.url, spanish.url)
    english = ContactPage.objects.filter(locale=tree.locale, live=True).first()
    spanish = Page.objects.get(translation_key=english.translation_key, locale=spanish_tree.locale)
    assert_round_trip(client, english.url, spanish.url)


def test_principles_translated_and_untranslated_and_their_wording_history(client):
    english, spanish = pair(PrinciplePage)
    assert_round_trip(client, english.url, spanish.url)
    assert_round_trip(client, english.url + "history/", spanish.url + "history/")
    english, copy = pair(PrinciplePage, translated=False)
    assert_round_trip(client, english.url, copy.url)
    assert_round_trip(client, english.url + "history/", copy.url + "history/")


def test_reflections(client):
    english, spanish = pair(ReflectionPage)
    assert_round_trip(client, english.url, spanish.url)


def test_theme_and_contributor_pages_lead_to_their_counterparts(client, spanish_tree):
    for model, index in ((Theme, "themes"), (Contributor, "contributors")):
        english = model.objects.filter(locale__language_code="en", live=True).order_by("pk")
        for item in english:
            version = model.objects.filter(
                translation_key=item.translation_key, locale=spanish_tree.locale, live=True
            ).first()
            if version is not None:
                break
        else:
            pytest.fail(f"the demo has no translated {model.__name__}")
        spanish_index = getattr(spanish_tree, index)
        assert_round_trip(
            client, f"/en/{index}/{item.slug}/", f"{spanish_index.url}{version.slug}/"
        )
        # The index pages themselves.
        assert_round_trip(client, f"/en/{index}/", spanish_index.url)


def test_lists_keep_their_page(client, tree, spanish_tree):
    for n in range(11):  # past one page of ten reflections in English
        publish(factories.ReflectionPageFactory(parent=tree.reflections, title=f"Extra {n}"))
    assert switch(client, tree.reflections.url + "?page=2", "es") == (
        spanish_tree.reflections.url + "?page=2"
    )
    assert switch(client, spanish_tree.reflections.url + "?page=2", "en") == (
        tree.reflections.url + "?page=2"
    )
    assert switch(client, tree.contributors.url + "?page=2", "es") == (
        spanish_tree.contributors.url + "?page=2"
    )
    # Page 1 and nonsense add nothing.
    assert switch(client, tree.reflections.url + "?page=1", "es") == spanish_tree.reflections.url
    assert switch(client, tree.reflections.url + "?page=" + "9" * 3000, "es") == (
        spanish_tree.reflections.url
    )


def test_a_theme_page_keeps_its_page_of_reflections(client, tree, spanish_tree):
    theme = factories.ThemeFactory(name="Trevolant care")
    tema = translate(theme, spanish_tree.locale, name="Cuidado trevolante", slug="trevolante")
    for n in range(11):
        reflection = factories.ReflectionPageFactory(parent=tree.reflections, title=f"Trev {n}")
        reflection.themes.set([theme])
        publish(reflection)
    assert switch(client, f"/en/themes/{theme.slug}/?page=2", "es") == (
        f"{spanish_tree.themes.url}{tema.slug}/?page=2"
    )


def search_params(url):
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)


def test_search_keeps_words_type_themes_and_page(client, tree, spanish_tree):
    theme = factories.ThemeFactory(name="Trevolant care")
    tema = translate(theme, spanish_tree.locale, name="Cuidado trevolante", slug="trevolante")
    lonely = factories.ThemeFactory(name="Trevolant joy")  # no Spanish version
    for n in range(12):  # two pages of results
        principle = factories.PrinciplePageFactory(
            parent=tree.principles, title=f"Trevolant {n}", statement="Trevolant ways."
        )
        principle.themes.set([theme, lonely])
        publish(principle)

    url = f"/en/search/?q=trevolant&type=principle&theme={theme.slug}&page=2"
    assert search_params(switch(client, url, "es")) == (
        "/es/search/",
        {"q": ["trevolant"], "type": ["principle"], "theme": [tema.slug], "page": ["2"]},
    )
    url = f"/es/search/?q=trevolant&theme={tema.slug}"
    assert search_params(switch(client, url, "en")) == (
        "/en/search/",
        {"q": ["trevolant"], "theme": [theme.slug]},
    )
    # A theme with no Spanish version is left out rather than lead to a missing page.
    url = f"/en/search/?q=trevolant&theme={theme.slug}&theme={lonely.slug}"
    spanish = switch(client, url, "es")
    assert search_params(spanish) == ("/es/search/", {"q": ["trevolant"], "theme": [tema.slug]})
    assert client.get(spanish).status_code == 200
    # An empty search leads to the other empty search, not to the home page.
    assert switch(client, "/en/search/", "es") == "/es/search/"


def test_other_views_under_a_language_prefix_lead_to_the_same_view(client):
    """A view that is not a page ("Use and share") switches to itself in the other language."""
    try:
        with translation.override("en"):
            english = reverse("use_and_share")
        with translation.override("es"):
            spanish = reverse("use_and_share")
    except NoReverseMatch:
        pytest.skip("no 'Use and share' view in this build")
    assert_round_trip(client, english, spanish)
    # An error page leads to the other language's home page, not to its error page.
    assert switch_404(client, "/en/no-such-page/", "es") == "/es/"


def switch_404(client, url, code):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    start = html.index('class="language-switcher"')
    nav = html[start : html.index("</nav>", start)]
    return {match["code"]: match["href"] for match in SWITCHER_LINK.finditer(nav)}[code]
