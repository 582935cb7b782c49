"""Forms shows one contact form per language pair, with every message in one place."""

import importlib

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.forms.models import FormSubmission
from wagtail_localize.models import Translation, TranslationSource

from site_core.models import ContactPage, ContactSubmission
from tests.contact_helpers import filled_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(tree, spanish_tree):
    """The demo's contact page in English and its Spanish translation."""
    english = ContactPage.objects.child_of(tree.home).get()
    return english, english.get_translation(spanish_tree.locale).specific


MESSAGE = {"your_name": "Sam", "your_email": "sam@example.net", "message": "Hola, ¿podemos?"}


def test_a_message_sent_in_spanish_is_stored_with_the_english_ones(client, contact):
    english, spanish = contact
    assert client.post(spanish.url, filled_in(spanish, MESSAGE, client)).status_code == 200
    submission = ContactSubmission.objects.get()
    assert submission.page_id == english.pk
    assert submission.get_data()["message"] == "Hola, ¿podemos?"
    assert submission.get_data()["form_language"] == "Español"
    client.post(english.url, filled_in(english, {**MESSAGE, "message": "Hello"}, client))
    assert (
        ContactSubmission.objects.get(page=english, form_data__message="Hello").get_data()[
            "form_language"
        ]
        == "English"
    )


def test_forms_lists_each_contact_form_once_with_all_its_messages(
    admin_client_logged_in, client, contact
):
    english, spanish = contact
    client.post(spanish.url, filled_in(spanish, MESSAGE, client))
    html = admin_client_logged_in.get("/admin/forms/").content.decode()
    links = BeautifulSoup(html, "html.parser").select("table tbody a[href*='/submissions/']")
    assert [link["href"] for link in links] == [f"/admin/forms/submissions/{english.pk}/"]
    html = admin_client_logged_in.get(f"/admin/forms/submissions/{english.pk}/").content.decode()
    assert "Hola, ¿podemos?" in html and "Español" in html
    assert "Language" in html  # the column that says which form it came through
    # The Spanish page's own list is not offered any more: its messages live above.
    response = admin_client_logged_in.get(f"/admin/forms/submissions/{spanish.pk}/")
    assert response.status_code in (302, 403)


def test_a_translated_form_keeps_the_field_names(contact, spanish_tree):
    english, _ = contact
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=spanish_tree.locale
    )
    offered = [entry.msgid for entry in translation.export_po()]
    assert "Your email" in offered  # labels are translated...
    assert "your_email" not in offered  # ...the names answers are filed under are not
    translation.save_target(publish=True)
    spanish = english.get_translation(spanish_tree.locale).specific
    assert not spanish.alias_of_id
    fields = {field.clean_name: field for field in spanish.form_fields.all()}
    assert set(fields) == {field.clean_name for field in english.form_fields.all()}
    assert {field.locale_id for field in fields.values()} == {spanish_tree.locale.pk}


def test_messages_stored_on_a_translation_before_move_to_the_main_page(contact):
    # Migration 0006 ran before contact messages had a model of their own (0013): it
    # moves Wagtail's FormSubmission rows, so this test keeps using that model.
    from django.apps import apps

    migration = importlib.import_module("site_core.migrations.0006_contact_fields_translated")
    english, spanish = contact
    old = FormSubmission.objects.create(page=spanish, form_data={"message": "Antes"})
    for _ in range(2):  # a second run changes nothing
        migration.move_submissions_to_main_page(apps, None)
        old.refresh_from_db()
        assert old.page_id == english.pk and old.get_data()["form_language"] == "Español"
    migration.move_submissions_back(apps, None)  # and the migration can be undone
    old.refresh_from_db()
    assert old.page_id == spanish.pk
