"""The contact form: stored submissions, email to the site's address, kind errors."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Site

from site_core.models import SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(tree):
    """A contact page of the test's own, beside the demo's /en/contact/."""
    page = factories.ContactPageFactory(parent=tree.home)
    factories.ContactFormFieldFactory(
        page=page, label="Your name", field_type="singleline", required=False
    )
    factories.ContactFormFieldFactory(page=page, label="Your email", field_type="email")
    factories.ContactFormFieldFactory(page=page, label="Message", field_type="multiline")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "team@example.org"
    settings.save()
    return page


def test_submission_is_stored_and_emailed_to_the_site_address(client, contact):
    response = client.post(
        contact.url,
        {
            "your_name": "Sam",
            "your_email": "sam@example.net",
            "message": "Can we use the principles?",
        },
    )
    assert response.status_code == 200
    assert "Thank you, we read every message." in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["message"] == "Can we use the principles?"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@example.org"]
    assert message.reply_to == ["sam@example.net"]
    assert "Can we use the principles?" in message.body


def test_invalid_email_shows_a_field_error_and_keeps_what_was_typed(client, contact):
    response = client.post(
        contact.url,
        {"your_name": "Sam", "your_email": "not-an-email", "message": "My long message stays."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in html
    assert 'class="field__error"' in html
    assert "My long message stays." in html and 'value="not-an-email"' in html
    assert not FormSubmission.objects.exists() and not mail.outbox


def test_malformed_posts_never_error(client, contact):
    for data in (
        {},
        {"your_email": "a@b.co", "message": "x" * 100_000},
        {"your_email": "a@b.co\x00", "message": "nul\x00byte"},
    ):
        response = client.post(contact.url, data)
        assert response.status_code == 200


def test_without_a_site_address_submissions_are_only_stored(client, contact):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = ""
    settings.save()
    client.post(contact.url, {"your_email": "sam@example.net", "message": "Hello"})
    assert FormSubmission.objects.count() == 1 and not mail.outbox
