"""A Spanish reader's search covers the whole Spanish site: untranslated pages and theme names.

Under /es/ every English page has a Spanish place: a translation, or an untranslated
copy (an alias) showing the English text. The search finds both; a copy's English
words are matched with English stemming (PostgreSQL) and its result says, visibly
and to screen readers, that it is in English. Words that name a theme in the
reader's language find every page carrying it. Extracts come from the running text
only, never from headings or boxes set apart.

The pages added here use invented words ("quorbling", "zentrico", "plimsoux", …) that
no demo page contains, so each search finds exactly what the test added; the demo
itself is only read.
"""

import re

import pytest
from wagtail.models import PageViewRestriction

from principles.models import PrinciplePage, Theme
from site_core.blocks import stream_data
from tests import factories
from tests.bilingual import publish, translate

pytestmark = pytest.mark.django_db

RESULT = re.compile(
    r'<h3 class="result__title"><a href="(?P<url>[^"]+)"(?: lang="(?P<lang>\w+)")?>'
    r"(?P<title>[^<]+)</a>(?: <span class=\"result__language\">(?P<note>[^<]+)</span>)?</h3>"
    r'\s*(?:<p class="result__extract"(?: lang="(?P<extract_lang>\w+)")?>(?P<extract>.*?)</p>)?',
    re.S,
)


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [match.groupdict() for match in RESULT.finditer(response.content.decode())]


def titles(client, url):
    return [result["title"] for result in results(client, url)]


@pytest.fixture
def library(tree, spanish_tree):
    """An English theme translated into Spanish, a translated principle and an untranslated one."""
    es = spanish_tree.locale
    theme = factories.ThemeFactory(name="Quorbling care")
    tema = translate(theme, es, name="Cuidado zentrico", slug="cuidado-zentrico", description="D.")
    translated = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Gardens",
        statement="Neighbours keep gardens together.",
        body=stream_data(("paragraph", "<p>Plimsoux gardening happens in community.</p>")),
    )
    translated.themes.set([theme])
    publish(translated)
    # wagtail-localize copies the links as they are: the translation carries the English theme.
    traducido = translate(
        translated,
        es,
        title="Huertos",
        slug="huertos-de-prueba",
        statement="Los vecinos cuidan los huertos juntos.",
        body=stream_data(("paragraph", "<p>Cultivamos en comunidad.</p>")),
    )
    untranslated = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Plimsoux rivers",
        statement="Plimsoux gardening keeps rivers clean.",
    )
    untranslated.themes.set([theme])
    publish(untranslated)
    copy = untranslated.copy_for_translation(es, alias=True)
    return {
        "theme": theme,
        "tema": tema,
        "traducido": traducido,
        "untranslated": untranslated,
        "copy": copy,
    }


def test_spanish_search_finds_untranslated_pages_marked_as_english(client, library):
    found = results(client, "/es/search/?q=plimsoux")
    copy = library["copy"]
    assert [result["url"] for result in found] == [copy.url]
    result = found[0]
    assert result["title"] == "Plimsoux rivers"
    # Its title and extract are English to screen readers, and say so in words to everyone.
    assert result["lang"] == "en" and result["extract_lang"] == "en"
    assert result["note"] in ("(in English)", "(en inglés)")
    assert "<mark>Plimsoux</mark>" in result["extract"]
    # A Spanish page is not marked; the English search is unchanged.
    assert results(client, "/es/search/?q=huertos")[0]["lang"] is None
    assert "Plimsoux rivers" in titles(client, "/en/search/?q=plimsoux")


def test_theme_names_in_the_readers_language_find_every_page_carrying_the_theme(client, library):
    # Neither page says "zentrico"; both carry the theme whose Spanish name does.
    found = titles(client, "/es/search/?q=zentrico")
    assert sorted(found) == ["Huertos", "Plimsoux rivers"]
    assert sorted(titles(client, "/es/search/?q=cuidado%20zentrico")) == sorted(found)
    # The English name finds them in English, and the Spanish name finds nothing there.
    assert sorted(titles(client, "/en/search/?q=quorbling")) == ["Gardens", "Plimsoux rivers"]
    assert titles(client, "/en/search/?q=zentrico") == []
    # Only published themes count.
    Theme.objects.filter(pk=library["tema"].pk).update(live=False)
    assert titles(client, "/es/search/?q=zentrico") == []


def test_pages_whose_words_match_come_before_those_found_by_a_theme(client, library, spanish_tree):
    publish(
        factories.PrinciplePageFactory(
            parent=spanish_tree.principles,
            locale=spanish_tree.locale,
            title="Zentrico",
            statement="Zentrico, dicho con claridad.",
        )
    )
    found = titles(client, "/es/search/?q=zentrico")
    assert found[0] == "Zentrico" and set(found[1:]) == {"Huertos", "Plimsoux rivers"}


def test_hidden_sources_keep_their_copies_out_of_the_results(client, library):
    source = library["untranslated"]
    PageViewRestriction.objects.create(page=source, restriction_type="password", password="x")
    assert titles(client, "/es/search/?q=plimsoux") == []
    assert titles(client, "/es/search/?q=zentrico") == ["Huertos"]


def test_the_api_searches_the_same_way(client, library):
    data = client.get("/api/v2/principles/?locale=es&search=zentrico").json()
    assert sorted(item["title"] for item in data["items"]) == ["Huertos", "Plimsoux rivers"]
    data = client.get("/api/v2/principles/?locale=es&search=plimsoux").json()
    assert [item["id"] for item in data["items"]] == [library["copy"].pk]
    data = client.get("/api/v2/principles/?locale=es&search=zentrico&order=-number").json()
    numbers = [item["number"] for item in data["items"]]
    assert len(numbers) == 2 and numbers == sorted(numbers, reverse=True)


def test_the_demo_spanish_search_finds_every_page_of_a_matching_theme(client, spanish_tree):
    """The finding that opened this work: "sanación" found 2 pages, "trabajo sexual" 1."""
    es = spanish_tree.locale
    for words in ("sanación", "trabajo sexual"):
        themes = [
            theme
            for theme in Theme.objects.filter(locale=es, live=True)
            if all(word in theme.name.lower() for word in words.split())
        ]
        assert themes, f"the demo has a Spanish theme named with {words!r}"
        keys = [theme.translation_key for theme in themes]
        tagged = {
            page.title
            for page in PrinciplePage.objects.filter(locale=es, live=True).filter(
                themes__translation_key__in=keys
            )
        }
        found = set(titles(client, f"/es/search/?q={words}&type=principle"))
        assert tagged and tagged <= found, (words, tagged - found)


def test_extracts_come_from_running_text_only(client, tree):
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles,
            title="Wexlor",
            statement="The wexlor grows slowly.",
            body=stream_data(
                (
                    "callout",
                    {"tone": "note", "title": "Demo text", "text": "<p>Demo quelmor text.</p>"},
                ),
                ("heading", {"text": "Where quelmor starts", "level": "h2"}),
                (
                    "paragraph",
                    "<p>First comes quelmor.</p><p>Then a wexlor needs water &amp; light.</p>",
                ),
                ("in_practice", {"heading": "In practice", "items": ["Quelmor the wexlor."]}),
            ),
        )
    )
    (result,) = results(client, "/en/search/?q=quelmor")
    # Headings, boxes and lists stay out, though they hold the word too; the extract starts
    # at the sentence with the first match in the running text and ends with a sentence.
    assert result["extract"] == (
        "… First comes <mark>quelmor</mark>. Then a wexlor needs water &amp; light."
    )


def test_a_long_text_is_cut_between_words_at_the_sentence_with_the_match(client, tree):
    filler = " ".join(f"word{n}" for n in range(60))
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles,
            title="Long",
            statement="A short opening line.",
            body=stream_data(
                ("paragraph", f"<p>{filler}.</p><p>Here the yorvane appears. {filler}.</p>")
            ),
        )
    )
    (result,) = results(client, "/en/search/?q=yorvane")
    extract = result["extract"]
    assert extract.startswith("… Here the <mark>yorvane</mark> appears.")
    assert extract.endswith(" …") and re.search(r"word\d+ …$", extract)


def test_the_tab_title_never_holds_the_words_searched_for(client, library):
    for url in ("/en/search/?q=plimsoux+secret", "/es/search/?q=plimsoux+secret"):
        html = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "plimsoux" not in title.lower() and "secret" not in title
        assert "plimsoux secret" in html  # the words are still in the box


def test_suggestions_mark_untranslated_titles(client, library):
    data = client.get("/es/search/suggest?q=plims").json()
    (suggestion,) = [each for each in data["suggestions"] if each["title"] == "Plimsoux rivers"]
    assert suggestion["url"] == library["copy"].url and suggestion["lang"] == "en"
    assert data["status"]  # what a screen reader announces when the list opens
    data = client.get("/es/search/suggest?q=huertos").json()
    assert [each.get("lang") for each in data["suggestions"] if each["title"] == "Huertos"] == [
        None
    ]


def test_english_stemming_for_untranslated_copies(postgres_only, client, library):
    # "gardens" and "gardening" share an English stem; the Spanish stemmer keeps them apart.
    assert titles(client, "/es/search/?q=gardens") == ["Plimsoux rivers"]
    assert titles(client, "/es/search/?q=river") == ["Plimsoux rivers"]
    # The theme's Spanish name, stemmed in Spanish: "zentricos" finds "zentrico".
    assert sorted(titles(client, "/es/search/?q=zentricos")) == ["Huertos", "Plimsoux rivers"]


def test_the_type_filter_reads_in_the_plural_in_both_languages(client, db):
    """ "Mostrar: Todo / Principios / Reflexiones", as a native reader expects."""
    for language, words in (
        ("en", ("Principles", "Reflections")),
        ("es", ("Principios", "Reflexiones")),
    ):
        html = client.get(f"/{language}/search/?q=cuidado").content.decode()
        fieldset = html.split("<legend>", 1)[1].split("</fieldset>", 1)[0]
        for word in words:
            assert f"> {word}</label>" in fieldset
