"""Permanent links, embeds, oEmbed, citations and wording history."""

import json
import re

import pytest

from principles.models import PrinciplePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def adaptation(db):
    """The demo's principle 1, in English."""
    return PrinciplePage.objects.get(slug="adaptation")


def test_keys_are_shared_by_language_versions_and_unique_between_principles():
    keys = dict(PrinciplePage.objects.filter(locale__language_code="en").values_list("slug", "key"))
    assert len(set(keys.values())) == 9 and keys["adaptation"] == "hc01"
    spanish = PrinciplePage.objects.get(slug="adaptacion")
    alias = PrinciplePage.objects.get(slug="community-led", locale__language_code="es")
    assert spanish.key == "hc01" and alias.key == keys["community-led"]


def test_permanent_link_redirects_to_the_current_url_in_the_visitors_language(client, adaptation):
    response = client.get("/p/hc01/", headers={"accept-language": "es-MX,es;q=0.9"})
    assert response.status_code == 302 and response["Location"] == "/es/principios/adaptacion/"
    assert "Accept-Language" in response["Vary"]
    response = client.get("/p/hc01/", headers={"accept-language": "fr"})
    assert response["Location"] == "/en/principles/adaptation/"
    assert client.get("/en/p/hc01/")["Location"] == "/en/principles/adaptation/"
    assert client.get("/es/p/hc01/")["Location"] == "/es/principios/adaptacion/"
    assert client.get("/es/p/hc09/")["Location"] == "/es/principios/community-led/"  # untranslated
    adaptation.slug = "adapting"
    adaptation.save_revision().publish()
    assert client.get("/p/hc01/")["Location"] == "/en/principles/adapting/"


ODD_KEY_URLS = [
    "/p/zzzzzz/",
    "/p/",
    "/p/HC01/",
    "/p/hc01%00/",
    "/p/" + "a" * 500 + "/",
    "/p/%3Cscript%3E/",
    "/en/p/nope/",
    "/xx/p/hc01/",
    "/en/p/nope/embed/",
]


def test_unknown_or_odd_keys_get_404(client):
    for url in ODD_KEY_URLS:
        assert client.get(url).status_code == 404, url


def test_principle_page_shows_its_permanent_link_with_a_copy_button(client):
    html = client.get("/en/principles/adaptation/").content.decode()
    assert 'value="http://testserver/p/hc01/"' in html and "readonly" in html
    assert 'data-copy-target="permalink"' in html and " hidden>" in html  # the script reveals it
    assert '<script src="/static/js/copy-link.js" defer>' in html


def test_staff_cannot_change_the_key_after_publication(admin_client_logged_in, adaptation):
    html = admin_client_logged_in.get(f"/admin/pages/{adaptation.pk}/edit/").content.decode()
    assert not re.search(r'name="key"', html)  # shown, never a box to type in
    assert "Fixed since this principle was first published" in html and "/p/hc01/" in html


def test_embed_card_may_be_framed_and_nothing_else_may(client, adaptation):
    response = client.get("/en/p/hc01/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "Adaptation" in html and adaptation.statement in html
    assert 'href="http://testserver/en/principles/adaptation/"' in html
    assert re.findall(r'(?:src|href)="(/[^"]+\.css)"', html) == ["/static/css/embed.css"]
    assert client.get("/en/principles/adaptation/")["X-Frame-Options"] == "DENY"


def test_oembed_returns_the_card_for_any_principle_url(client):
    for url in (
        "http://testserver/en/principles/adaptation/",
        "http://testserver/p/hc01/",
        "http://testserver/es/principios/adaptacion/",
    ):
        response = client.get("/oembed", {"url": url, "format": "json"})
        assert response.status_code == 200, url
        data = response.json()
        assert data["type"] == "rich" and data["version"] == "1.0"
        assert "/p/hc01/embed/" in data["html"] and data["width"] <= 480
    assert (
        client.get("/oembed", {"url": "http://testserver/p/hc01/", "maxwidth": "9" * 50}).json()[
            "width"
        ]
        == 480
    )
    assert (
        client.get("/oembed", {"url": "http://testserver/p/hc01/", "maxwidth": "300"}).json()[
            "width"
        ]
        == 300
    )


OEMBED_BAD_INPUT = [
    ({"url": "https://elsewhere.example/en/principles/adaptation/"}, 404),
    ({"url": "http://testserver/en/about/"}, 404),
    ({"url": "http://testserver/en/nothing/"}, 404),
    ({"url": "javascript:alert(1)"}, 404),
    ({}, 400),
    ({"url": "http://testserver/p/hc01/", "format": "xml"}, 501),
    ({"url": "http://testserver/p/hc01/", "maxwidth": "abc"}, 200),
]


def test_oembed_bad_input_gets_clear_answers(client):
    for params, status in OEMBED_BAD_INPUT:
        assert client.get("/oembed", params).status_code == status, params


def test_citations_name_the_wording_date_and_permanent_url(client, adaptation):
    html = client.get("/en/principles/adaptation/").content.decode()
    year = adaptation.last_published_at.year
    # The publisher is the author; the library, by its English name, is where it appeared.
    assert f"Threadwork Healing Justice Collective. ({year}," in html
    assert (
        "Adaptation (Principle 1). Healing-Centered Harm Reduction. http://testserver/p/hc01/"
        in html
    )
    bib = client.get("/en/principles/adaptation/cite/bibtex/")
    assert bib["Content-Type"].startswith("application/x-bibtex")
    body = bib.content.decode()
    assert "@misc{principle-hc01," in body and "url = {http://testserver/p/hc01/}" in body
    assert "author = {{Threadwork Healing Justice Collective}}" in body
    assert "howpublished = {Healing-Centered Harm Reduction}" in body
    csl = json.loads(client.get("/es/principios/adaptacion/cite/csl-json/").content)
    assert csl[0]["title"] == "Adaptación" and csl[0]["URL"] == "http://testserver/p/hc01/"
    assert csl[0]["issued"]["date-parts"][0][0] == year
    assert csl[0]["author"] == [{"literal": "Threadwork Healing Justice Collective"}]
    assert csl[0]["container-title"] == "Reducción de daños centrada en la sanación"
    assert csl[0]["note"] == "Principio 1" and csl[0]["language"] == "es"


def test_history_lists_only_revisions_that_changed_the_wording(client, adaptation):
    old_statement = adaptation.statement
    adaptation.statement = "Care bends with people's lives."
    adaptation.save_revision().publish()
    adaptation.search_description = "Only a metadata change."
    adaptation.save_revision().publish()  # nothing visitors read changed: not listed
    html = client.get("/en/principles/adaptation/history/").content.decode()
    entries = re.findall(r'<li class="history__item">', html)
    assert len(entries) == 2
    assert html.index("Care bends with people") < html.index(old_statement)
    page = client.get("/en/principles/adaptation/").content.decode()
    assert "First published" in page and 'href="/en/principles/adaptation/history/"' in page
