"""Print and PDF: the print stylesheet and /<lang>/principles/download.pdf.

Tests that render a PDF skip only where WeasyPrint cannot load the system pango
library (CI installs it); the cache, 503 and 404 paths run everywhere.
"""

import builtins
import io
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from principles import pdf as pdf_module
from principles.models import PrinciplePage
from site_core.blocks import stream_data
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/en/principles/download.pdf"


def weasyprint_problem():
    try:
        pdf_module.load_weasyprint()
    except pdf_module.PdfUnavailable as error:
        return str(error)
    return ""


needs_pango = pytest.mark.skipif(
    bool(weasyprint_problem()),
    reason=f"WeasyPrint cannot load the system pango library ({weasyprint_problem()}); "
    "install libpango-1.0-0 libpangoft2-1.0-0 (CI does)",
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def live(language):
    return list(
        PrinciplePage.objects.live().filter(locale__language_code=language).order_by("number")
    )


def read_pdf(content):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text):
    """Text with line breaks, hyphenation and spacing removed, for substring checks."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[\s\-‐]+", "", text).casefold()


# --- the PDF itself ---------------------------------------------------------------------


@needs_pango
def test_whole_library_as_one_pdf(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="principles-en.pdf"'
    assert not response.cookies, "a download sets no cookies"
    assert response.content.startswith(b"%PDF-")

    principles = live("en")
    assert len(principles) >= 5
    reader, text = read_pdf(response.content)
    assert len(reader.pages) >= len(principles) + 1  # a title page, then one or more each
    everything = flat(text)
    assert flat("Healing-Centered Harm Reduction") in everything  # the site settings' name
    for page in principles:
        assert flat(page.title) in everything, page.title
        assert flat(page.statement) in everything, page.statement
        assert flat(f"http://testserver{page.permanent_path}") in everything, page.key
    # In number order.
    positions = [everything.index(flat(page.statement)) for page in principles]
    assert positions == sorted(positions)
    # Page numbers in the footer: "3 / 11" on the third page.
    pages = len(reader.pages)
    assert f"3 / {pages}" in reader.pages[2].extract_text()
    # The permanent links are real links, not just text.
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert f"http://testserver{principles[0].permanent_path}" in links


@needs_pango
def test_spanish_pdf_has_spanish_titles(client):
    response = client.get("/es/principles/download.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="principles-es.pdf"'
    reader, text = read_pdf(response.content)
    spanish = live("es")
    assert len(reader.pages) >= len(spanish)
    everything = flat(text)
    assert flat("Adaptación") in everything
    assert "Principios" in reader.pages[0].extract_text()  # the Spanish index's title
    for page in spanish:
        assert flat(page.title) in everything, page.title
    assert reader.metadata.title.startswith("Principios")
    english_only = {page.title for page in live("en")} - {page.title for page in spanish}
    assert english_only, "demo content translates some titles"
    assert not any(flat(title) in everything for title in english_only - {"Holistic"})


@needs_pango
def test_body_blocks_and_images_are_typeset(client, tree):
    image = factories.wagtail_factories.ImageFactory(title="Outreach van", description="A van")
    factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Pictured",
        statement="A statement with a picture.",
        body=stream_data(
            ("paragraph", '<p>See <a href="https://example.org/guide">the guide</a>.</p>'),
            ("in_practice", {"heading": "In practice", "items": ["Ask first."]}),
            ("quote", {"text": "Nothing about us without us.", "attribution": "A saying"}),
            ("image", {"image": image.pk, "caption": "Our van", "credit": "Staff"}),
        ),
    )
    response = client.get(URL)
    reader, text = read_pdf(response.content)
    everything = flat(text)
    for words in ("See the guide", "https://example.org/guide", "Ask first.", "Our van"):
        assert flat(words) in everything, words
    assert flat("Nothing about us without us.") in everything
    assert any(page.images for page in reader.pages), "the image is embedded"


@needs_pango
@pytest.mark.parametrize("url", ["http://example.org/x.png", "file:///etc/passwd", "/media/x.png"])
def test_building_the_pdf_fetches_nothing(url):
    fetcher = pdf_module.offline_fetcher(pdf_module.load_weasyprint())
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_builds_in_a_fixed_number_of_queries(rf, django_assert_max_num_queries):
    request = rf.get(URL)
    locale = Locale.objects.get(language_code="en")
    newest, _count = pdf_module.library_version(locale)
    with django_assert_max_num_queries(12):
        context = pdf_module.build_context(request, locale, newest)
    assert len(context["principles"]) == len(live("en"))


# --- cache --------------------------------------------------------------------------------


@pytest.fixture
def renders(monkeypatch):
    """Replace the renderer with a stand-in that counts calls and names the titles."""
    calls = []

    def fake_render(request, context):
        calls.append(context)
        titles = ",".join(principle.page.title for principle in context["principles"])
        return b"%PDF-fake " + titles.encode()

    monkeypatch.setattr(pdf_module, "render_pdf", fake_render)
    return calls


def test_second_request_is_served_from_cache(client, renders):
    first = client.get(URL)
    second = client.get(URL)
    assert first.status_code == second.status_code == 200
    assert len(renders) == 1, "the second request did not render again"
    assert first.content == second.content
    # Spanish has its own entry.
    assert client.get("/es/principles/download.pdf").status_code == 200
    assert len(renders) == 2
    # A browser that has it already gets 304.
    again = client.get(URL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert "public" in first["Cache-Control"] and "Last-Modified" in first


def test_publishing_a_principle_rebuilds_the_pdf(client, renders):
    before = client.get(URL).content
    page = PrinciplePage.objects.get(locale__language_code="en", slug="adaptation")
    page.title = "Adaptation, revised"
    page.save_revision().publish()
    after = client.get(URL).content
    assert len(renders) == 2
    assert b"Adaptation, revised" in after and b"Adaptation, revised" not in before
    # Unpublishing one changes it again (fewer principles).
    page.unpublish()
    client.get(URL)
    assert len(renders) == 3
    assert "Adaptation, revised" not in [p.page.title for p in renders[-1]["principles"]]


@needs_pango
def test_publishing_changes_the_real_pdf(client):
    before = read_pdf(client.get(URL).content)[1]
    page = PrinciplePage.objects.get(locale__language_code="en", slug="holistic")
    page.statement = "A freshly published statement about the whole person."
    page.save_revision().publish()
    after = read_pdf(client.get(URL).content)[1]
    assert flat(page.statement) in flat(after) and flat(page.statement) not in flat(before)


# --- when the PDF cannot be built, and where there is none ------------------------------


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert "principles/pdf_unavailable.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert 'id="main"' in html and 'class="site-header"' in html  # the site's layout
    assert "temporarily unavailable" in html
    assert 'href="/en/principles/download.json"' in html
    assert 'href="/en/principles/"' in html  # the web version
    assert "no-store" in response["Cache-Control"]
    assert response["Retry-After"]


def test_503_page_when_weasyprint_is_not_installed(client, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` -> ImportError
    assert_unavailable_page(client.get(URL))
    assert client.get("/en/principles/").status_code == 200, "the rest of the site runs"


def test_503_page_when_pango_is_missing(client, monkeypatch):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    assert_unavailable_page(client.get(URL))


def test_cached_pdf_is_still_served_when_weasyprint_breaks(client, renders, monkeypatch):
    assert client.get(URL).status_code == 200
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("path", ["/xx/principles/download.pdf", "/fr/principles/download.pdf"])
def test_unknown_language_is_404(client, path):
    assert client.get(path).status_code == 404


def test_only_get_and_head(client, renders):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


# --- print stylesheet ---------------------------------------------------------------------

PRINT_LINK = '<link rel="stylesheet" href="/static/css/print.css" media="print">'


@pytest.mark.parametrize("path", ["/en/principles/adaptation/", "/en/principles/"])
def test_pages_link_the_print_stylesheet(client, path):
    html = client.get(path).content.decode()
    assert PRINT_LINK in html
    assert html.index("css/site.css") < html.index("css/print.css"), "print rules come last"


def test_print_stylesheet_hides_the_chrome_and_spells_out_links():
    css = (Path(__file__).resolve().parent.parent / "static/css/print.css").read_text()
    for selector in (".skip-link", ".site-header", ".site-nav", ".site-search",
                     ".language-switcher", ".site-footer"):  # fmt: skip
        assert selector in css.split("display: none")[0], selector
    assert "@page" in css
    assert 'main a[href^="/"]::after' in css and "attr(href)" in css
    assert "break-inside: avoid" in css and "break-after: avoid" in css
    site_css = (Path(__file__).resolve().parent.parent / "static/css/site.css").read_text()
    assert ".site-search, .facets, .search-form { display: none" not in site_css


def test_principle_and_index_print_cleanly_in_a_browser(browser, demo_server):
    page = browser.new_page()
    for path in ("/en/principles/adaptation/", "/en/principles/"):
        page.goto(demo_server.url + path)
        page.emulate_media(media="print")
        for chrome in (".skip-link", ".site-header", ".site-footer", ".language-switcher"):
            assert not page.locator(chrome).first.is_visible(), (path, chrome)
        assert page.locator("h1").is_visible()
        colours = page.evaluate(
            """() => [getComputedStyle(document.body).backgroundColor,
                      getComputedStyle(document.querySelector('h1')).color,
                      getComputedStyle(document.querySelector('main a[href^="/"]'), '::after').content]"""
        )
        assert colours[:2] == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"], (path, colours)
        assert colours[2].startswith('" (/en/'), colours  # a link's path printed after it
        printed = read_pdf(page.pdf(format="A4"))[1]
        assert "Skip to main content" not in printed
        assert "sets no tracking cookies" not in printed
        assert "(/en/principles/" in printed.replace("\n", ""), path
    page.close()
