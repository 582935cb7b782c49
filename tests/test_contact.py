"""The contact form never fails a visitor: stored first, mailed after, refused kindly.

Mail goes over real SMTP to a server on loopback (``tests/smtp_sink.py``), or to a
port where no mail server answers.
"""

import csv
import io
import logging
import time

import pytest
from django.core import mail, signing
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Site

from site_core import contact_form
from site_core.models import ContactPage, ContactSubmission, SiteSettings
from tests import factories
from tests.contact_helpers import aged, filled_in, rendered_token
from tests.smtp_sink import SmtpSink, refusing_port, silent_port

pytestmark = pytest.mark.django_db

MESSAGE = {"your_name": "Sam", "your_email": "sam@example.net", "message": "Can we use them?"}
THANKS = "Thank you, we read every message."


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


def smtp_at(port, timeout=5):
    """Django's own SMTP backend, pointed at ``port`` on loopback."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=timeout,
    )


@pytest.fixture
def send(client, contact, django_capture_on_commit_callbacks):
    """Post ``data`` to the contact form, running what waits for the commit (the mail)."""

    def send(data, page=contact, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(page.url, data, **extra)
        assert response.status_code == 200
        return response.content.decode()

    return send


def retry_contact_mail():
    """``manage.py retry_contact_mail`` as the timer runs it: its exit status.

    Run in this process (a subprocess could not see the test's uncommitted rows);
    ``manage.py`` exits with a CommandError's ``returncode``.
    """
    try:
        call_command("retry_contact_mail")
    except CommandError as error:
        return error.returncode
    return 0


# Stored first, mailed after ------------------------------------------------------------


def test_a_message_is_stored_and_mailed_to_the_site_address(client, contact, send):
    with SmtpSink() as sink, smtp_at(sink.port):
        html = send(filled_in(contact, MESSAGE, client))
    assert THANKS in html
    submission = ContactSubmission.objects.get(page=contact)
    assert submission.get_data()["message"] == "Can we use them?"
    assert set(submission.form_data) == {"your_name", "your_email", "message", "form_language"}
    assert submission.mailed_at is not None and submission.mail_attempts == 1
    [received] = sink.messages
    assert received.recipients == ["team@example.org"]
    assert received.message["To"] == "team@example.org"
    assert received.message["Reply-To"] == "sam@example.net"
    assert "Message: Can we use them?" in received.message.get_content()


def test_mail_server_down_the_visitor_is_thanked_and_the_retry_sends_it(
    client, contact, send, admin_client_logged_in, caplog, capsys
):
    with refusing_port() as port, smtp_at(port), caplog.at_level(logging.INFO, "site_core"):
        html = send(filled_in(contact, MESSAGE, client))
        assert THANKS in html
        submission = ContactSubmission.objects.get(page=contact)
        assert submission.mailed_at is None and submission.mail_attempts == 1
        assert "ConnectionRefusedError" in submission.mail_error
        [logged] = [r for r in caplog.records if r.name == "site_core.contact"]
        assert str(submission.pk) in logged.getMessage()
        for private in MESSAGE.values():
            assert private not in logged.getMessage()

        # Staff see it on the dashboard, marked, with what to do.
        panel = admin_client_logged_in.get("/admin/").content.decode()
        assert "Can we use them?" in panel and "Not mailed yet" in panel
        assert "One message has not reached the team" in panel and "retry_contact_mail" in panel

        # The timer's retry while the server is still down: status 1, nothing lost.
        assert retry_contact_mail() == 1
        assert "Still waiting: 1." in capsys.readouterr().out
        submission.refresh_from_db()
        assert submission.mailed_at is None and submission.mail_attempts == 2

    with SmtpSink() as sink, smtp_at(sink.port):
        assert retry_contact_mail() == 0
        assert "mailed: 1. Still waiting: 0." in capsys.readouterr().out
        assert retry_contact_mail() == 0  # and never twice
    [received] = sink.messages
    assert received.message["Reply-To"] == "sam@example.net"
    submission.refresh_from_db()
    assert submission.mailed_at is not None and submission.mail_error == ""
    assert "Not mailed yet" not in admin_client_logged_in.get("/admin/").content.decode()


def test_a_mail_server_that_hangs_costs_the_visitor_seconds_not_the_message(client, contact, send):
    data = filled_in(contact, MESSAGE, client)
    with silent_port() as port, smtp_at(port, timeout=1):
        started = time.monotonic()
        html = send(data)
        waited = time.monotonic() - started
    assert THANKS in html and waited < 5
    submission = ContactSubmission.objects.get(page=contact)
    assert submission.mailed_at is None and "timed out" in submission.mail_error


def test_forms_lists_and_exports_whether_each_message_was_mailed(
    client, contact, send, admin_client_logged_in
):
    with refusing_port() as port, smtp_at(port):
        send(filled_in(contact, {**MESSAGE, "message": "First"}, client))
    send(filled_in(contact, {**MESSAGE, "message": "Second"}, client))  # the test outbox
    url = f"/admin/forms/submissions/{contact.pk}/"
    html = admin_client_logged_in.get(url).content.decode()
    assert "Emailed to the team" in html and "Not mailed yet" in html and "Mailed" in html
    export = admin_client_logged_in.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    column = rows[0].index("Emailed to the team")
    status = {row[rows[0].index("Message")]: row[column] for row in rows[1:]}
    assert status == {"First": "Not mailed yet", "Second": "Mailed"}


def test_without_a_site_address_messages_are_stored_and_wait(client, contact, send):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = ""
    settings.save()
    assert THANKS in send(filled_in(contact, MESSAGE, client))
    submission = ContactSubmission.objects.get()
    assert submission.mailed_at is None and "NoAddress" in submission.mail_error
    assert not mail.outbox


# The form as rendered ----------------------------------------------------------------


def test_the_form_carries_a_token_and_a_field_only_bots_fill(client, contact):
    response = client.get(contact.url)
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]  # each rendering has its own token
    nonce, shown = contact_form.read_token(rendered_token(html))
    assert nonce and abs(time.time() - shown) < 60
    assert '<div class="form__trap" aria-hidden="true">' in html
    assert '<label for="id_your_website">' in html
    trap = html[html.index('name="your_website"') - 200 : html.index('name="your_website"') + 200]
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap
    # A second visitor gets a form of their own.
    assert rendered_token(client.get(contact.url).content.decode()) != rendered_token(html)


def test_invalid_email_shows_a_field_error_and_keeps_what_was_typed(client, contact, send):
    html = send(
        filled_in(
            contact,
            {"your_name": "Sam", "your_email": "not-an-email", "message": "My long message."},
            client,
        )
    )
    assert "Enter a valid email address." in html
    assert 'class="field__error"' in html and "Please check the fields marked below" in html
    assert "My long message." in html and 'value="not-an-email"' in html
    assert not ContactSubmission.objects.exists() and not mail.outbox


def test_malformed_posts_never_error(client, contact):
    token = aged(rendered_token(client.get(contact.url).content.decode()))
    for data in (
        {},
        {"contact_token": "", "your_website": ["a", "b"]},
        {"contact_token": token, "your_email": "a@b.co", "message": "x" * 100_000},
        {"contact_token": token, "your_email": "a@b.co\x00", "message": "nul\x00byte"},
        {"contact_token": "x" * 5000, "your_email": "a@b.co", "message": "Hello"},
    ):
        assert client.post(contact.url, data).status_code == 200


# Spam defences -----------------------------------------------------------------------


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(client, contact, send):
    html = send({**filled_in(contact, MESSAGE, client), "your_website": "http://spam.example"})
    assert THANKS in html
    assert not ContactSubmission.objects.exists() and not mail.outbox


def test_a_form_sent_quicker_than_a_person_types_is_refused_kindly(client, contact, send):
    token = rendered_token(client.get(contact.url).content.decode())
    html = send({**MESSAGE, "contact_token": token})
    assert 'class="form__errors" role="alert"' in html
    assert escape(str(contact_form.TOO_QUICK)) in html
    assert "Can we use them?" in html and 'value="sam@example.net"' in html
    # The form keeps its token, so sending it again after a few seconds goes through.
    assert rendered_token(html) == token
    assert "Please check the fields marked below" not in html  # no field is wrong
    assert not ContactSubmission.objects.exists() and not mail.outbox
    assert THANKS in send({**MESSAGE, "contact_token": aged(token)})  # a few seconds later
    assert ContactSubmission.objects.count() == 1


@pytest.mark.parametrize(
    "token, reason",
    [
        ("", contact_form.NO_TOKEN),
        ("forged", contact_form.NO_TOKEN),
        ("other salt", contact_form.NO_TOKEN),
        ("from the future", contact_form.NO_TOKEN),
        ("two days old", contact_form.TOO_OLD),
    ],
)
def test_a_missing_forged_or_expired_token_is_refused(client, contact, send, token, reason):
    good = filled_in(contact, MESSAGE, client)["contact_token"]
    posted = {
        "": "",
        "forged": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        "other salt": signing.dumps({"n": "x", "t": 1}, salt="elsewhere"),
        "from the future": aged(good, seconds=-60 * 60),
        "two days old": aged(good, seconds=2 * 24 * 60 * 60),
    }[token]
    html = send({**MESSAGE, "contact_token": posted})
    assert escape(str(reason)) in html and 'role="alert"' in html
    assert "Can we use them?" in html
    assert not ContactSubmission.objects.exists() and not mail.outbox
    # The form comes back with a good token of its own, ready to send again.
    contact_form.read_token(rendered_token(html))


def test_sending_the_same_form_twice_stores_and_mails_one_message(client, contact, send):
    data = filled_in(contact, MESSAGE, client)
    first, second = send(data), send(data)  # a double click, or a refresh after sending
    assert THANKS in first and THANKS in second
    assert ContactSubmission.objects.count() == 1 and len(mail.outbox) == 1
    # Another form, even with the same words, is another message.
    send(filled_in(contact, MESSAGE, client))
    assert ContactSubmission.objects.count() == 2 and len(mail.outbox) == 2


def test_the_sixth_message_in_an_hour_is_refused_and_its_text_kept(client, contact, send):
    sent = [filled_in(contact, {**MESSAGE, "message": f"Note {n}"}, client) for n in range(6)]
    for data in sent[:5]:
        assert THANKS in send(data)
    html = send(sent[5])
    assert escape(str(contact_form.TOO_MANY)) in html and 'role="alert"' in html
    assert "Note 5" in html
    assert ContactSubmission.objects.count() == 5 and len(mail.outbox) == 5
    assert THANKS in send(sent[4])  # a resend of a stored one is still answered kindly
    # Someone else is not held back by it.
    other = filled_in(contact, MESSAGE, client, REMOTE_ADDR="203.0.113.9")
    assert THANKS in send(other, REMOTE_ADDR="203.0.113.9")
    assert ContactSubmission.objects.count() == 6


WINDOW = 3  # seconds: room for three posts on a busy machine, and a short wait after


@override_settings(CONTACT_RATE_LIMIT=2, CONTACT_RATE_WINDOW_SECONDS=WINDOW)
def test_the_limit_ends_with_its_window(client, contact, send):
    sent = [filled_in(contact, {**MESSAGE, "message": f"Note {n}"}, client) for n in range(4)]
    started = time.monotonic()  # just before the window opens with the first message
    assert THANKS in send(sent[0]) and THANKS in send(sent[1])
    assert escape(str(contact_form.TOO_MANY)) in send(sent[2])
    time.sleep(max(0, started + WINDOW + 0.3 - time.monotonic()))
    assert THANKS in send(sent[3])


def test_the_limit_is_explained_in_spanish_on_the_spanish_form(client, spanish_tree, send):
    spanish = ContactPage.objects.get(locale=spanish_tree.locale)
    sent = [
        filled_in(spanish, {"your_email": "ana@example.net", "message": f"Nota {n}"}, client)
        for n in range(6)
    ]
    for data in sent[:5]:
        send(data, page=spanish)
    html = send(sent[5], page=spanish)
    with translation.override("es"):
        assert escape(translation.gettext(str(contact_form.TOO_MANY))) in html
    assert "Nota 5" in html


# Messages from before ----------------------------------------------------------------


def test_messages_stored_before_move_into_contact_submissions(contact):
    import importlib

    from django.apps import apps
    from wagtail.contrib.forms.models import FormSubmission

    migration = importlib.import_module("site_core.migrations.0013_contact_submissions")
    old = FormSubmission.objects.create(page=contact, form_data={"message": "Antes"})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time="2024-05-01T10:00:00Z")
    migration.move_to_contact_submissions(apps, None)
    moved = ContactSubmission.objects.get(page=contact)
    assert moved.get_data()["message"] == "Antes"
    assert moved.submit_time.isoformat().startswith("2024-05-01T10:00")
    assert moved.mailed_at is not None  # the old form mailed before it answered
    assert not FormSubmission.objects.filter(page=contact).exists()
    migration.move_back_to_form_submissions(apps, None)  # and it can be undone
    back = FormSubmission.objects.get(page=contact)
    assert back.submit_time.isoformat().startswith("2024-05-01T10:00")
    assert not ContactSubmission.objects.exists()
