"""Full-text search with per-language stemming: PostgreSQL only (CI runs it there)."""

import re

import pytest
from wagtail.models import Locale

from site_core.blocks import stream_data
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def spanish(tree):
    """A Spanish home and principle index, translations of the English ones."""
    es = Locale.objects.create(language_code="es")
    home = tree.home.copy_for_translation(es)
    home.save_revision().publish()
    index = tree.principles.copy_for_translation(es)
    index.slug = "principios"
    index.save_revision().publish()
    return {"locale": es, "index": index}


def publish(page):
    page.save_revision().publish()  # as staff do: indexes the page and records its words
    return page


def test_english_stemming(postgres_only, client, tree):
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Cycles", statement="Families heal together."
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Honor", statement="Each ancestor is remembered."
        )
    )
    assert titles(client, "/en/search/?q=healing") == ["Cycles"]
    assert titles(client, "/en/search/?q=ancestors") == ["Honor"]


def test_spanish_stemming_and_accents(postgres_only, client, tree, spanish):
    publish(
        factories.PrinciplePageFactory(
            parent=spanish["index"],
            locale=spanish["locale"],
            title="Ciclos",
            statement="Reconocemos cada daño que cargamos.",
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=spanish["index"],
            locale=spanish["locale"],
            title="Integral",
            statement="La sanación es colectiva.",
        )
    )
    assert titles(client, "/es/search/?q=da%C3%B1os") == ["Ciclos"]
    assert titles(client, "/es/search/?q=sanacion") == ["Integral"]
    assert titles(client, "/es/search/?q=SANACIÓN") == ["Integral"]


def test_spanish_search_never_returns_english_pages_that_are_translated(
    postgres_only, client, tree, spanish
):
    english = publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Community-Led", statement="Community members decide."
        )
    )
    translation = english.copy_for_translation(spanish["locale"])
    translation.title, translation.slug = "Liderazgo comunitario", "liderazgo-comunitario"
    translation.statement = "La comunidad decide."
    publish(translation)
    assert titles(client, "/es/search/?q=comunidad") == ["Liderazgo comunitario"]
    assert titles(client, "/es/search/?q=community") == []
    assert titles(client, "/en/search/?q=community") == ["Community-Led"]


def test_did_you_mean_offers_a_word_from_the_index(postgres_only, client, tree, spanish):
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Cycles", statement="Healing happens in community."
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=spanish["index"],
            locale=spanish["locale"],
            title="Comunidad",
            statement="La comunidad sostiene la sanación.",
        )
    )
    html = client.get("/en/search/?q=healng").content.decode()
    assert 'Did you mean: <a href="?q=healing">healing</a>' in html
    assert 'href="?theme=' in html or "Browse by theme" in html  # no results: themes offered
    html = client.get("/es/search/?q=comunidda").content.decode()
    assert '<a href="?q=comunidad">comunidad</a>' in html
    html = client.get("/en/search/?q=healing").content.decode()
    assert "Did you mean" not in html


def test_title_and_statement_weigh_more_than_body(postgres_only, client, tree):
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles,
            title="Notes",
            number=1,
            statement="Nothing special here.",
            body=stream_data(("paragraph", "<p>" + "Some words about the river. " * 3 + "</p>")),
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="River", number=2, statement="A short line."
        )
    )
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Flow", number=3, statement="The river carries us."
        )
    )
    found = titles(client, "/en/search/?q=river")
    assert found.index("River") < found.index("Notes")
    assert found.index("Flow") < found.index("Notes")
