"""The "Use and share" page: partners find every tool on one page, and every example works."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.cache import cache
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.models import PageViewRestriction

from principles import pdf as pdf_module
from principles.models import PrinciplePage
from tests import factories
from tests.bilingual import publish

pytestmark = pytest.mark.django_db

SECTIONS = ("downloads", "links", "citing", "embedding", "api", "privacy")
API_DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"


@pytest.fixture(autouse=True)
def empty_cache():
    """No PDF or measured size left over from another test."""
    cache.clear()
    pdf_module.delete_stored()
    yield
    cache.clear()
    pdf_module.delete_stored()


def page(client, language="en"):
    response = client.get(f"/{language}/use-and-share/")
    assert response.status_code == 200
    return response, response.content.decode()


def section(html, name):
    found = re.search(rf'<section id="{name}"[^>]*>(.*?)</section>', html, re.S)
    assert found, f"no section #{name}"
    return found.group(1)


def shown_size(html, extension):
    """The size the page gives for the file ending in ``extension``."""
    found = re.search(
        rf'download\.{extension}"[^>]*>[^<]*</a>,\s*<span class="downloads__size">([^<]*)</span>',
        html,
    )
    assert found, f"no size for the {extension} download"
    return unescape(found.group(1)).replace("\xa0", " ")


def size_text(size, language):
    with translation.override(language):
        return str(filesizeformat(size)).replace("\xa0", " ")


def first_principle(language):
    return PrinciplePage.objects.live().filter(locale__language_code=language).order_by("number")[0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_language_has_the_page_with_every_section(client, language):
    response, html = page(client, language)
    assert f'<html lang="{language}">' in html
    for name in SECTIONS:
        section(html, name)
        assert f'href="#{name}"' in html, f"the contents link to #{name}"
    assert response.cookies == {}, "no cookie for a visitor"
    assert "public" in response["Cache-Control"]
    downloads = section(html, "downloads")
    for name in ("download.pdf", "download.csv", "download.json"):
        assert f'href="/{language}/principles/{name}"' in downloads


@pytest.mark.parametrize("language", ["en", "es"])
def test_sizes_are_those_of_the_real_files(client, language):
    _response, html = page(client, language)
    for extension in ("csv", "json"):
        file = client.get(f"/{language}/principles/download.{extension}")
        assert file.status_code == 200
        assert shown_size(html, extension) == size_text(len(file.content), language)
    with translation.override(language):
        assert shown_size(html, "pdf") == translation.gettext("built on request")


def test_a_publication_changes_the_sizes_shown(client, tree):
    _response, html = page(client)
    before = shown_size(html, "csv")
    publish(
        factories.PrinciplePageFactory(
            parent=tree.principles, title="Longer library", statement="Demo text. " * 25
        )
    )
    _response, html = page(client)
    csv = client.get("/en/principles/download.csv").content
    assert shown_size(html, "csv") == size_text(len(csv), "en") != before


def test_the_pdf_size_is_shown_once_the_pdf_is_built(client):
    try:
        pdf_module.load_weasyprint()
    except pdf_module.PdfUnavailable as error:
        pytest.skip(f"WeasyPrint cannot load pango ({error}); CI installs it")
    built = client.get("/en/principles/download.pdf")
    assert built.status_code == 200
    _response, html = page(client)
    assert shown_size(html, "pdf") == size_text(len(built.content), "en")


def test_every_example_is_the_first_principle_and_works(client):
    principle = first_principle("en")
    _response, html = page(client)
    links = section(html, "links")
    assert principle.title in links
    permanent = f"http://testserver/p/{principle.key}/"
    assert f'href="{permanent}"' in links
    assert client.get(permanent)["Location"] == principle.url
    assert client.get(f"/en/p/{principle.key}/")["Location"] == principle.url

    citing = section(html, "citing")
    principle_page = client.get(principle.url).content.decode()
    apa = re.search(r'<p class="cite__apa"[^>]*>(.*?)</p>', citing, re.S).group(1)
    assert apa in principle_page, "the same citation as on the principle's page"
    bibtex = re.search(r'href="([^"]+)" download>BibTeX', citing).group(1)
    assert client.get(bibtex)["Content-Disposition"].endswith(f'principle-{principle.key}.bib"')

    embedding = section(html, "embedding")
    preview = re.search(r'<iframe src="([^"]+)"[^>]* title="[^"]+"', embedding).group(1)
    card = client.get(preview)
    assert card.status_code == 200 and "frame-ancestors *" in card["Content-Security-Policy"]
    assert principle.title in card.content.decode()
    code = unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", embedding, re.S).group(1))
    oembed = unescape(re.search(r'<a href="([^"]+)"><code>/oembed', embedding).group(1))
    assert json.loads(client.get(oembed).content)["html"] == code, "the code oEmbed gives"

    api = section(html, "api")
    example = unescape(
        re.search(r'<a href="(http://testserver/api/v2/principles/\?key=[^"]+)"', api).group(1)
    )
    items = client.get(example).json()["items"]
    assert [(item["key"], item["title"]) for item in items] == [(principle.key, principle.title)]


def test_spanish_examples_are_spanish_pages(client):
    principle = first_principle("es")
    _response, html = page(client, "es")
    assert f'href="http://testserver{principle.url}"' in section(html, "links")
    assert f'src="/es/p/{principle.key}/embed/"' in section(html, "embedding")


def test_a_principle_the_public_may_not_see_is_never_the_example(client):
    hidden = first_principle("en")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    _response, html = page(client)
    assert hidden.title not in html and f"/p/{hidden.key}/" not in html
    shown = PrinciplePage.objects.live().filter(
        locale__language_code="en", number__gt=hidden.number
    )
    assert shown.order_by("number")[0].title in section(html, "links")


def test_without_visible_principles_the_page_still_serves_the_downloads(client, tree):
    PageViewRestriction.objects.create(page=tree.principles, restriction_type="login")
    _response, html = page(client)
    assert "download.csv" in section(html, "downloads")
    assert "<iframe" not in html and "/p/" not in section(html, "links").replace("/p/&lt;", "")


def test_privacy_gives_how_long_search_counts_are_kept(client, settings):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 30
    _response, html = page(client)
    privacy = section(html, "privacy")
    assert "30 days" in privacy
    assert "cookie" in privacy and "contact form" in privacy


def test_the_api_section_names_every_endpoint_and_parameter_of_the_api_docs(client):
    docs = API_DOCS.read_text()
    parameters = docs.split("### Query parameters", 1)[1].split("###", 1)[0]
    names = re.findall(r"^\| `([a-z_]+)=", parameters, re.M)
    endpoints = re.findall(r"^\| `(/api/v2/[a-z]+/)` \|", docs, re.M)
    assert len(names) >= 10 and len(endpoints) == 4
    _response, html = page(client)
    api = section(html, "api")
    missing = [name for name in names if f"<code>{name}=" not in api]
    assert not missing, f"parameters in docs/api.md but not on the page: {missing}"
    assert all(f"<code>{endpoint}</code>" in api for endpoint in endpoints)
    for endpoint in endpoints:
        assert client.get(endpoint + "?locale=en").status_code == 200


@pytest.fixture
def site(demo_server):
    return demo_server.url


def test_the_card_preview_shows_and_the_code_copies(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page_ = context.new_page()
    refused = []
    page_.on(
        "console",
        lambda message: "Content-Security-Policy" in message.text and refused.append(message.text),
    )
    page_.goto(site + "/en/use-and-share/")
    card = page_.frame_locator("#embedding iframe").locator(".embed__title")
    assert card.inner_text() == first_principle("en").title
    page_.get_by_role("button", name="Copy code").click()
    page_.locator("#embedding [role=status]").filter(has_text="Copied").wait_for(timeout=5000)
    copied = page_.evaluate("navigator.clipboard.readText()")
    assert copied == page_.input_value("#embed-code")
    assert copied.startswith(f'<iframe src="{site}/en/p/')
    assert not refused, refused
    context.close()
