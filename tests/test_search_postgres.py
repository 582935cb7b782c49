"""Full-text search with per-language stemming: PostgreSQL only (CI runs it there).

The search covers every live page of the reader's language, the session's demo
library included (its Spanish home and principle index are ``spanish_tree``).
The pages added here use words no demo page contains ("gardening", "montaña",
"migración", "neighbours", "cosechas", "river"), so each search finds exactly
what the test added, and "did you mean" can only offer a word they brought.
"""

import re

import pytest

from site_core.blocks import stream_data
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def publish(page):
    page.save_revision().publish()  # as staff do: indexes the page and records its words
    return page


def spanish_principle(spanish_tree, **fields):
    return publish(
        factories.PrinciplePageFactory(
            parent=spanish_tree.principles, locale=spanish_tree.locale, **fields
        )
    )


def test_english_stemming(postgres_only, client, tree):
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Tending", statement="Families garden together."
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Keeping", statement="Each beekeeper is remembered."
        )
    )
    assert titles(client, "/en/search/?q=gardening") == ["Tending"]
    assert titles(client, "/en/search/?q=beekeepers") == ["Keeping"]


def test_spanish_stemming_and_accents(postgres_only, client, spanish_tree):
    spanish_principle(
        spanish_tree,
        title="Ciclos",
        slug="ciclos-de-montana",  # the demo's own "Ciclos" has the slug "ciclos"
        statement="Reconocemos cada montaña que subimos.",
    )
    spanish_principle(spanish_tree, title="Caminos", statement="La migración es colectiva.")
    assert titles(client, "/es/search/?q=monta%C3%B1as") == ["Ciclos"]
    assert titles(client, "/es/search/?q=migracion") == ["Caminos"]
    assert titles(client, "/es/search/?q=MIGRACIÓN") == ["Caminos"]


def test_spanish_search_never_returns_english_pages_that_are_translated(
    postgres_only, client, tree, spanish_tree
):
    english = publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Neighbours decide", statement="Neighbours decide."
        )
    )
    translation = english.copy_for_translation(spanish_tree.locale)
    translation.title, translation.slug = "Los vecinos deciden", "los-vecinos-deciden"
    translation.statement = "Los vecinos deciden."
    publish(translation)
    assert titles(client, "/es/search/?q=vecinos") == ["Los vecinos deciden"]
    assert titles(client, "/es/search/?q=neighbours") == []
    assert titles(client, "/en/search/?q=neighbours") == ["Neighbours decide"]


def test_did_you_mean_offers_a_word_from_the_index(postgres_only, client, tree, spanish_tree):
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Tending", statement="Gardening happens in community."
        )
    )
    spanish_principle(
        spanish_tree, title="Siembra", statement="Las cosechas sostienen la sanación."
    )
    html = client.get("/en/search/?q=gardenng").content.decode()
    assert 'Did you mean: <a href="?q=gardening">gardening</a>' in html
    assert 'href="?theme=' in html or "Browse by theme" in html  # no results: themes offered
    html = client.get("/es/search/?q=cosecas").content.decode()
    assert '<a href="?q=cosechas">cosechas</a>' in html
    html = client.get("/en/search/?q=gardening").content.decode()
    assert "Did you mean" not in html


def test_title_and_statement_weigh_more_than_body(postgres_only, client, tree):
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles,
            title="Notes",
            statement="Nothing special here.",
            body=stream_data(("paragraph", "<p>" + "Some words about the river. " * 3 + "</p>")),
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="River", statement="A short line."
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Flow", statement="The river carries us."
        )
    )
    found = titles(client, "/en/search/?q=river")
    assert sorted(found) == ["Flow", "Notes", "River"]
    assert found.index("River") < found.index("Notes")
    assert found.index("Flow") < found.index("Notes")
