"""Print and PDF: the print stylesheet and /<lang>/principles/download.pdf.

Tests that render a PDF skip only where WeasyPrint cannot load the system pango
library (CI installs it); the cache, 503 and 404 paths run everywhere.
"""

import builtins
import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from wagtail.models import Locale

from principles import pdf as pdf_module
from principles import pdf_builds
from principles.models import PrinciplePage
from site_core.blocks import stream_data
from tests import factories
from tests.story_site import free_port

pytestmark = pytest.mark.django_db

URL = "/en/principles/download.pdf"
ROOT = Path(__file__).resolve().parent.parent


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
    """No edition built before the test: neither in this worker's cache nor in storage."""
    cache.clear()
    pdf_module.delete_stored()
    yield
    cache.clear()
    pdf_module.delete_stored()


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
    assert flat("Threadwork Healing Justice Collective") in everything  # and its publisher
    assert reader.metadata.author == "Threadwork Healing Justice Collective"
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


# --- built when a principle is published, stored where every worker finds it -------------


def stored_editions():
    """(language, file name) of every stored edition."""
    found = []
    for language in default_storage.listdir(pdf_module.STORE_FOLDER)[0]:
        for host in default_storage.listdir(f"{pdf_module.STORE_FOLDER}/{language}")[0]:
            folder = f"{pdf_module.STORE_FOLDER}/{language}/{host}"
            found.extend((language, name) for name in default_storage.listdir(folder)[1])
    return sorted(found)


def test_editions_built_ahead_are_served_without_building(client, renders, monkeypatch):
    addresses = len(pdf_builds.site_requests())
    assert addresses >= 1
    pdf_builds.build_all()  # what the thread does after a publication
    assert len(renders) == 2 * addresses  # each language, for each address of the site
    assert [language for language, _ in stored_editions()] == ["en"] * addresses + [
        "es"
    ] * addresses
    first = client.get(URL)
    assert first.status_code == 200 and first.content.startswith(b"%PDF-fake")
    assert client.get("/es/principles/download.pdf").status_code == 200
    assert len(renders) == 2 * addresses, "a visitor never waits for a build"
    # Another worker (an empty cache of its own) reads the stored edition, even with
    # WeasyPrint broken there.
    cache.clear()
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    assert client.get(URL).content == first.content
    pdf_builds.build_all()
    assert len(renders) == 2 * addresses, "current editions are not built again"


def test_a_new_edition_replaces_the_stored_one(client, renders):
    pdf_builds.build_all()
    before = stored_editions()
    page = PrinciplePage.objects.get(locale__language_code="en", slug="adaptation")
    page.title = "Adaptation, again"
    page.save_revision().publish()
    pdf_builds.build_all()
    after = stored_editions()
    assert len(after) == len(before), "the old edition of each host is deleted"
    assert set(after) != set(before)
    assert b"Adaptation, again" in client.get(URL).content


def test_publishing_or_unpublishing_a_principle_asks_for_a_build_after_the_commit(
    django_capture_on_commit_callbacks,
):
    page = PrinciplePage.objects.get(locale__language_code="en", slug="holistic")
    with django_capture_on_commit_callbacks() as callbacks:
        page.save_revision().publish()
    assert pdf_builds.builder.start in callbacks
    with django_capture_on_commit_callbacks() as callbacks:
        page.unpublish()
    assert pdf_builds.builder.start in callbacks
    # Run inside a transaction still open (as here), a thread could not see the
    # publication: none is started.
    pdf_builds.builder.start()
    assert pdf_builds.builder.thread is None


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


# --- end to end: a publication in one process, the download from a server ---------------

PUBLISH_COMMUNITY_LED = """
from wagtail.models import Site
from principles.models import PrinciplePage
# One address for the site, the one the settings name too: one edition per language.
Site.objects.filter(is_default_site=True).update(hostname="testserver")
page = PrinciplePage.objects.get(locale__language_code="en", slug="community-led")
page.statement = "Communities who use drugs or trade sex lead what is done about their lives."
page.save_revision().publish()
"""  # the process waits for the PDFs it starts building before it exits


def copy_database(folder):
    """A copy of the session's committed demo, for processes of their own to change."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / "site.sqlite3")
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{folder / 'site.sqlite3'}", lambda: None
    if not (shutil.which("pg_dump") and shutil.which("psql")):
        pytest.skip("needs pg_dump and psql (Debian's postgresql-client; CI installs it)")
    name = f"{db['NAME']}_pdf"
    host, port, user = db["HOST"] or "127.0.0.1", str(db["PORT"] or 5432), db["USER"]
    server = ["-h", host, "-p", port, "-U", user]
    subprocess.run(["dropdb", *server, "--if-exists", "--force", name], check=True)
    subprocess.run(["createdb", *server, name], check=True)
    dump = subprocess.Popen(["pg_dump", *server, "--no-owner", db["NAME"]], stdout=subprocess.PIPE)
    subprocess.run(
        ["psql", *server, "-q", "-v", "ON_ERROR_STOP=1", name],
        stdin=dump.stdout, stdout=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    assert dump.wait() == 0
    return (
        f"postgres://{user}@{host}:{port}/{name}",
        lambda: subprocess.run(["dropdb", *server, "--if-exists", "--force", name], check=False),
    )


@needs_pango
def test_a_publication_builds_the_pdfs_before_anyone_asks(tmp_path, django_db_blocker):
    """Staff publish (here as scheduled publishing does, in a process of its own); the
    Spanish reader who downloads the PDF next gets the new wording, built already."""
    with django_db_blocker.unblock():
        database_url, drop = copy_database(tmp_path)
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="site_core.settings.test",
        DATABASE_URL=database_url,
        TEST_SERVER_FILES=str(tmp_path),  # media (the stored PDFs) in files, shared
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", PUBLISH_COMMUNITY_LED],
            cwd=ROOT, env=env, check=True, timeout=120,
        )  # fmt: skip
        stored = sorted((tmp_path / "media" / pdf_module.STORE_FOLDER).rglob("*.pdf"))
        languages = sorted(path.relative_to(tmp_path / "media").parts[1] for path in stored)
        assert languages == ["en", "es"], languages

        started = time.monotonic()
        body = fetch_when_up(f"http://127.0.0.1:{port}/es/principles/download.pdf", "testserver")
        served_in = time.monotonic() - started
        assert body in [path.read_bytes() for path in stored], "served the stored edition"
        assert sorted((tmp_path / "media" / pdf_module.STORE_FOLDER).rglob("*.pdf")) == stored
        text = flat(read_pdf(body)[1])
        assert flat("Communities who use drugs or trade sex lead") in text
        assert flat("Community-Led (en inglés)") in text
        print(f"Spanish PDF served in {served_in:.2f} s after the publication built it")
    finally:
        server.terminate()
        server.wait(timeout=20)
        drop()


def fetch_when_up(url, host, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        request = urllib.request.Request(url, headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
                return response.read()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
