"""What keeps the contact form working for people and closed to bots, and mails what it receives.

A message is stored first and mailed after the transaction commits
(``send_contact_mail``); a mail server that is down or slow never costs the visitor
their message, and ``manage.py retry_contact_mail`` sends what is left.

Before anything is stored, a post must pass:

- **where it comes from**: a post that the browser says was made on another
  site's page (``Origin``, ``Sec-Fetch-Site``, else ``Referer``) is refused
  (``from_another_site``). This replaces Django's CSRF check, which needs a
  csrftoken cookie: anonymous visitors get no cookie on any page, this one
  included. Every current browser sends ``Origin`` with a form post, so another
  site cannot make a visitor's browser send a message in their name; a client
  that sends none of these headers is no browser on another site's page, and
  meets the checks below like any robot;
- **the honeypot**: a field people never see (hidden, skipped by the keyboard and by
  screen readers) and bots fill in;
- **the token**: a signed note of a random nonce and the time the form was shown.
  A post without one, with a forged one, with one over a day old or with one younger
  than a person can type (``CONTACT_MIN_FILL_SECONDS``) is refused. The nonce makes a
  resend of the same form (double click, refresh after sending) store one message;
- **the rate limit**: ``CONTACT_RATE_LIMIT`` messages per client per
  ``CONTACT_RATE_WINDOW_SECONDS`` (``site_core.throttle``: counted in the shared
  'throttles' cache under an HMAC of the client's address, so no address is kept).

Each refusal keeps what the visitor typed and says, kindly, what to do.
"""

import logging
import secrets
import time
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from site_core.throttle import Throttle, client_address

logger = logging.getLogger("site_core.contact")

# The key, in a stored submission, of the language the form was sent in.
LANGUAGE_KEY = "form_language"
HONEYPOT = "your_website"
TOKEN = "contact_token"  # noqa: S105 - a field name, not a secret
SALT = "site_core.contact_form.token"
TOKEN_LIFETIME = 24 * 60 * 60  # a form left open longer than a day is sent again

# Django's own message for an empty required field. Our catalogue words it better for
# Spanish readers ("obligatorio", not "necesario"); this keeps makemessages from dropping it.
gettext_noop("This field is required.")

TOO_QUICK = _(
    "That was quicker than a person types, so we could not accept it. "
    "Please wait a few seconds and send it again."
)
TOO_OLD = _("This form was open for a long time. Please send it again: your text is still here.")
NO_TOKEN = _(
    "We could not tell where this message came from. Please send it again: your text is still here."
)
CROSS_SITE = _(
    "This form was sent from another website, so we did not accept it. If you wrote this "
    "message, please send it from this page: your text is still here."
)
TOO_MANY = _(
    "You have sent several messages in a short time. Please try again in an hour: "
    "your text is still here."
)


# The token ------------------------------------------------------------------------


def make_token(nonce=None, rendered_at=None):
    """A signed token for one rendering of the form: its nonce and when it was shown."""
    payload = {
        "n": nonce or secrets.token_urlsafe(16),
        "t": int(time.time() if rendered_at is None else rendered_at),
    }
    return signing.dumps(payload, salt=SALT, compress=False)


def read_token(token):
    """``(nonce, rendered_at)`` from a token; ``signing.BadSignature`` if it was not ours."""
    payload = signing.loads(token or "", salt=SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str):
        raise signing.BadSignature("not a contact form token")
    return payload["n"], int(payload["t"])


def min_fill_seconds():
    return getattr(settings, "CONTACT_MIN_FILL_SECONDS", 3)


# The form ---------------------------------------------------------------------------


class GuardedForm(forms.Form):
    """Mixed into the form builder's class: the honeypot and the token, checked in ``clean``."""

    # Named like a field a bot wants to fill. Staff should not label a field "Your website".
    your_website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Required is checked in clean(), so a missing token gets our message, not "required".
    contact_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nonce = None
        # What the re-rendered form carries: the visitor's own token while it is good
        # (so "too quick" passes once they wait), a fresh one when it is not.
        posted = self.data.get(TOKEN) if self.is_bound else None
        self.token_to_render = posted or make_token()

    def visitor_fields(self):
        """The fields people fill in, in order: everything but the honeypot and the token."""
        return [field for field in self if field.name not in (HONEYPOT, TOKEN)]

    def refuse(self, message):
        """Show ``message`` alone, keeping what was typed: nothing else is checked."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error(None, message)

    def has_field_errors(self):
        return any(field.errors for field in self.visitor_fields())

    def message_data(self):
        """What is stored: the cleaned answers without the honeypot and the token."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (HONEYPOT, TOKEN)
        }

    def clean(self):
        cleaned = super().clean()
        try:
            nonce, rendered_at = read_token(self.data.get(TOKEN))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            nonce, rendered_at = None, None
        age = None if rendered_at is None else time.time() - rendered_at
        if age is None or age < -60:  # a minute's grace for clocks between servers
            self.token_to_render = make_token()
            raise forms.ValidationError(NO_TOKEN, code="token")
        if age > TOKEN_LIFETIME:
            self.token_to_render = make_token()
            raise forms.ValidationError(TOO_OLD, code="expired")
        if age < min_fill_seconds():
            raise forms.ValidationError(TOO_QUICK, code="too_quick")
        self.nonce = nonce
        return cleaned


def guarded(form_class):
    """``form_class`` (built from the page's fields) with the honeypot and the token."""
    return type("ContactForm", (GuardedForm, form_class), {})


def honeypot_filled(data):
    return bool(data.get(HONEYPOT, "").strip())


# Where a post comes from ---------------------------------------------------------------


def own_origins(request):
    """The origins this site answers on: the request's own and any trusted ones."""
    scheme = "https" if request.is_secure() else "http"
    return {f"{scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def from_another_site(request):
    """Whether the visitor's browser says this post was made on another site's page."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True  # "cross-site" or "same-site" (another host under the same domain)
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin not in own_origins(request)  # "null" included: an opaque origin
    referer = request.headers.get("Referer")
    if referer and fetch_site is None:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" not in own_origins(request)
    return False


# The rate limit -----------------------------------------------------------------------


def _messages_per_client():
    # Built per call so the settings in force (and tests' overrides) apply.
    return Throttle(
        "contact",
        getattr(settings, "CONTACT_RATE_LIMIT", 5),
        getattr(settings, "CONTACT_RATE_WINDOW_SECONDS", 3600),
    )


def rate_limited(request):
    """Has this client already sent as many messages as the window allows?"""
    return _messages_per_client().is_over(client_address(request))


def count_message(request):
    """Count one stored message against the client (refusals and resends are not counted)."""
    _messages_per_client().record(client_address(request))


# The mail -------------------------------------------------------------------------------


def send_contact_mail(submission):
    """Mail a stored message to the site's contact address; True once it is sent.

    Used after a visitor sends the form and by ``manage.py retry_contact_mail``.
    A failure (no address, server down, timeout) is recorded on the submission and
    logged with its id only, never raised: the visitor already has their answer.
    """
    model = type(submission)
    with transaction.atomic():
        # One sender per message: a retry running beside a request skips a locked row.
        row = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=submission.pk, mailed_at__isnull=True)
            .first()
        )
        if row is None:
            return False
        row.mail_attempts += 1
        try:
            contact_message(row).send()
        except Exception as error:  # whatever fails, the message stays stored for a retry
            row.mail_error = f"{type(error).__name__}: {error}"[:1000]
            row.save(update_fields=["mail_attempts", "mail_error"])
            logger.warning(
                "Contact message %s not mailed (attempt %s): %s",
                row.pk,
                row.mail_attempts,
                type(error).__name__,
            )
            return False
        row.mailed_at = timezone.now()
        row.mail_error = ""
        row.save(update_fields=["mail_attempts", "mail_error", "mailed_at"])
        logger.info("Contact message %s mailed", row.pk)
        return True


class NoAddress(Exception):
    """Site settings give no contact address to send to."""


def contact_message(submission):
    """The email for a stored message: to the site's address, replies to the visitor."""
    page = submission.page
    recipients = page.recipients()
    if not recipients:
        raise NoAddress("no contact address in Settings > Site settings")
    data = submission.form_data
    lines, reply_to = [], []
    for field in page.get_form_fields():
        value = data.get(field.clean_name)
        if field.field_type == "email" and value:
            reply_to.append(value)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        lines.append(f"{field.label}: {'' if value is None else value}")
    language = data.get(LANGUAGE_KEY)
    if language:
        lines.append(f"{gettext('Language')}: {language}")
    return EmailMessage(
        subject=page.subject or gettext("New message from the contact form"),
        body="\n".join(lines),
        from_email=page.from_address or None,
        to=recipients,
        reply_to=reply_to[:1] or None,
    )
