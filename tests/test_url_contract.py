"""No published link ever breaks: rename and move everything, every old URL still works."""

import re
from pathlib import Path

import pytest
from wagtail.models import Page

from principles.models import PrincipleIndexPage, PrinciplePage, Theme
from reflections.models import HomePage, ReflectionIndexPage, ReflectionPage
from site_core.models import Contributor, StandardPage

pytestmark = pytest.mark.django_db

CONTRACT = Path(__file__).with_name("url_contract.txt")


def contract_urls():
    lines = CONTRACT.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def landing(client, url):
    """Follow redirects like a browser; return (status, final path, <h1> text, redirect codes)."""
    response = client.get(url, follow=True)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    text = re.sub(r"<[^>]+>", "", h1.group(1)).split("(")[0].strip() if h1 else ""
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    return response.status_code, final, text, [code for _url, code in response.redirect_chain]


def rename_and_move_everything():
    for model in (
        PrinciplePage,
        ReflectionPage,
        PrincipleIndexPage,
        ReflectionIndexPage,
        StandardPage,
    ):
        for page in model.objects.filter(alias_of__isnull=True):
            page.slug = f"{page.slug}-v2"
            page.save_revision().publish()
    for model in (Theme, Contributor):
        for item in model.objects.all():
            item.slug = f"{item.slug}-v2"
            item.save()
    # Move "About" under a new section page, in English (its Spanish copy is a translation).
    for home in HomePage.objects.all():
        section = StandardPage(title="Library", slug="library", locale=home.locale)
        home.add_child(instance=section)
        section.save_revision().publish()
        about = StandardPage.objects.child_of(home).filter(title__in=["About", "Acerca de"]).first()
        if about:
            about.move(section, pos="last-child")


def test_every_contract_url_survives_renames_and_moves(client, django_capture_on_commit_callbacks):
    urls = contract_urls()
    assert len(urls) > 60
    before = {}
    for url in urls:
        status, _final, h1, _codes = landing(client, url)
        assert status == 200, f"{url} is in the contract but does not work: {status}"
        before[url] = h1

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail acts on commit
        rename_and_move_everything()
    assert not Page.objects.filter(slug="adaptation").exists()

    broken = []
    for url in urls:
        status, final, h1, codes = landing(client, url)
        if status != 200 or h1 != before[url]:
            broken.append((url, status, final, h1, before[url]))
        elif final != url and not url.startswith(("/p/", "/en/p/", "/es/p/")):
            # A renamed page answers with a permanent redirect, so links and search
            # engines update; permanent links keep their temporary redirect.
            assert codes[0] == 301, (url, codes)
    assert broken == []


def test_slug_changed_in_the_translation_editor_leaves_a_redirect(
    client, tree, spanish_tree, django_capture_on_commit_callbacks
):
    """Wagtail issue 9833: a translated slug changed through wagtail-localize."""
    from wagtail_localize.models import Translation, TranslationSource

    from tests import factories

    es = spanish_tree.locale
    principle = factories.PrinciplePageFactory(
        parent=tree.principles, title="Remember", slug="remember", statement="We remember."
    )
    source, _ = TranslationSource.get_or_create_from_instance(principle)
    job = Translation.objects.create(source=source, target_locale=es)

    def translate(slug):
        po = job.export_po()
        for entry in po:
            entry.msgstr = {"Remember": "Recordar", "remember": slug}.get(entry.msgid, entry.msgid)
        job.import_po(po)
        with django_capture_on_commit_callbacks(execute=True):
            job.save_target(publish=True)

    translate("recordar")
    assert client.get("/es/principios/recordar/").status_code == 200
    translate("recordar-juntos")
    response = client.get("/es/principios/recordar/")
    assert response.status_code == 301
    assert response["Location"] == "/es/principios/recordar-juntos/"
