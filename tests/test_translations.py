"""Interface strings in Spanish, and the staff translation workflow through wagtail-localize."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core import mail
from django.utils import translation
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource

from principles.models import PrinciplePage
from site_core.blocks import stream_data
from tests import factories
from tests.contact_helpers import filled_in

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


def test_spanish_catalogue_has_no_missing_or_fuzzy_messages():
    po = polib.pofile(str(PO))
    assert po.metadata["Language"] == "es"
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    for entry in po.translated_entries():  # placeholders survive translation
        for placeholder in ("%(number)s", "%(title)s", "%(language)s", "%(counter)s"):
            if placeholder in entry.msgid:
                translated = entry.msgstr or " ".join(entry.msgstr_plural.values())
                assert placeholder in translated, entry.msgid


def test_compiled_catalogue_is_what_the_site_uses():
    with translation.override("es"):
        assert translation.gettext("Skip to main content") != "Skip to main content"
        assert translation.gettext("Page not found") == "Página no encontrada"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (CI installs it)")
def test_catalogue_covers_every_string_in_the_code(tmp_path):
    """Re-extract the strings from a copy of the project: none may be new."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "*.sqlite3", "static_collected"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--ignore",
            "tests/*",
            "--ignore",
            "bench/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "site_core.settings.test",
            "PYTHONPATH": str(copy),
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / PO.relative_to(ROOT))) if not e.obsolete}
    known = {e.msgid for e in polib.pofile(str(PO)) if not e.obsolete}
    assert sorted(fresh - known) == [], "run `make messages` and translate the new strings"


def test_every_plural_has_all_the_forms_spanish_needs():
    """The catalogue's header asks for three plural forms (gettext's rule for Spanish, with
    a form for millions); an entry with two is silently left in English for n > 1."""
    from django.utils import translation

    catalogue = polib.pofile(str(PO))
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    short = [
        e.msgid[:60]
        for e in catalogue
        if e.msgid_plural and not e.obsolete and len(e.msgstr_plural) < forms
    ]
    assert short == []
    with translation.override("es"):
        assert "15 minutos" in translation.ngettext(
            "Too many wrong passwords. For your safety this form is closed for %(minutes)d "
            "minute; please try again after that.",
            "Too many wrong passwords. For your safety this form is closed for %(minutes)d "
            "minutes; please try again after that.",
            15,
        ) % {"minutes": 15}


@pytest.mark.django_db
def test_forms_errors_and_email_speak_spanish(client, django_capture_on_commit_callbacks):
    wrong = filled_in("/es/contacto/", {"your_email": "no-es-correo", "message": ""}, client)
    response = client.post("/es/contacto/", wrong)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tu correo electrónico" in html and "Mensaje" in html  # the demo's Spanish labels
    assert "Introduzca una dirección de correo electrónico válida" in html
    # Django's own message, in the wording of our catalogue rather than Wagtail's "necesario".
    assert "Este campo es obligatorio." in html and "necesario" not in html
    assert "Revisa" in html or "revisa" in html  # the form summary, from our catalogue
    right = filled_in("/es/contacto/", {"your_email": "ana@example.net", "message": "Hola"}, client)
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes after the commit
        sent = client.post("/es/contacto/", right)
    assert "Recibimos tu mensaje" in sent.content.decode()
    assert mail.outbox[-1].subject == "Nuevo mensaje desde el formulario de contacto"


@pytest.mark.django_db
def test_sync_keeps_translated_text_and_shows_new_text_in_english(
    client, tree, spanish_tree, django_capture_on_commit_callbacks
):
    es = spanish_tree.locale
    principle = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Honor the knowledge",
        slug="honor-the-knowledge",
        statement="We honor the knowledge people carry.",
        body=stream_data(("paragraph", "<p>Respect comes first.</p>")),
    )

    # Staff submit the page for translation and translate every segment.
    source, _ = TranslationSource.get_or_create_from_instance(principle)
    job = Translation.objects.create(source=source, target_locale=es)
    spanish = {
        "Honor the knowledge": "Honrar el saber",
        "honor-the-knowledge": "honrar-el-saber",
        "We honor the knowledge people carry.": "Honramos el saber que cada persona lleva.",
        "Respect comes first.": "El respeto va primero.",
    }
    po = job.export_po()
    for entry in po:
        entry.msgstr = spanish[entry.msgid]
    job.import_po(po)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        job.save_target(publish=True)
    html = client.get("/es/principios/honrar-el-saber/").content.decode()
    assert "Honramos el saber" in html and "El respeto va primero." in html

    # The English original changes and is published again.
    # As in the editor, the existing paragraph keeps its block id and a new one is added.
    principle = PrinciplePage.objects.get(pk=principle.pk)
    principle.body.append(("paragraph", RichText("<p>Ask before you share a story.</p>")))
    principle.save_revision().publish()

    # "Sync translated pages": refresh the source, then update the translation.
    source.refresh_from_db()
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        job.save_target(publish=True)
    html = client.get("/es/principios/honrar-el-saber/").content.decode()
    assert "El respeto va primero." in html  # kept
    assert "Ask before you share a story." in html  # new, in English until translated
    assert "Honramos el saber" in html
