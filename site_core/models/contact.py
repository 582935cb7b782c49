"""The contact page, built with Wagtail's form builder.

One form per language pair: a translation's submissions are stored on the page
in the site's main language, marked with the language they were sent in, so the
Forms list shows each contact form once with every message (the translations
are hidden from it, ``site_core.staff.editing``). That works because a field
keeps the same name (``clean_name``, the key of the stored answer) in every
language, while its label and help are translated.

A message is stored before anything else happens and mailed once the database has
it (``site_core.contact_form``): a mail server that is down or slow never loses a
message or shows the visitor an error. ``ContactSubmission`` records whether it was
mailed; staff see that in Forms and on the dashboard.
"""

from functools import partial

from django.db import IntegrityError, models, transaction
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from site_core import contact_form
from site_core.cache_policy import never_store
from site_core.contact_form import LANGUAGE_KEY

from .site_settings import SiteSettings

MAIL_STATUS_KEY = "mail_status"


class ContactFormField(TranslatableMixin, AbstractFormField):
    """A field of the contact form, translated with its page (label, help text, choices)."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    # The name that stored answers are filed under: never translated, so the answers
    # sent in Spanish line up with the English ones.
    override_translatable_fields = [SynchronizedField("clean_name", overridable=False)]

    class Meta(AbstractFormField.Meta):
        unique_together = [("translation_key", "locale")]


class ContactPage(AbstractEmailForm):
    """A contact form. Submissions are kept in the admin and emailed to the site's address.

    The recipient comes from Settings > Site settings, so staff change it in one
    place; the page's own 'to address' is only used when that is blank.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the form: who reads messages and how soon they answer."),
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown after someone sends the form."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email (optional: the site settings' contact address is used by default)"),
        ),
    ]

    parent_page_types = ["reflections.HomePage"]
    subpage_types = []
    template = "site_core/contact_page.html"
    landing_page_template = "site_core/contact_page_landing.html"

    class Meta:
        verbose_name = _("contact page")

    def recipients(self):
        site_address = SiteSettings.for_site(self.get_site()).contact_email
        raw = site_address or self.to_address
        return [address.strip() for address in raw.split(",") if address.strip()]

    def submissions_page(self):
        """Where this form's submissions are stored: its version in the site's main language."""
        return self.get_translation_or_none(Locale.get_default()) or self

    def get_data_fields(self):
        return [
            *super().get_data_fields(),
            (LANGUAGE_KEY, _("Language")),
            (MAIL_STATUS_KEY, _("Emailed to the team")),
        ]

    def get_submission_class(self):
        return ContactSubmission

    def get_form_class(self):
        return contact_form.guarded(super().get_form_class())

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            # Each rendering carries its own token: no cache may hand one to someone else.
            return never_store(super().serve(request, *args, **kwargs))
        if contact_form.from_another_site(request):
            # Pages are served without Django's cookie-based CSRF check (site_core/urls.py);
            # this is the check in its place. The visitor keeps their text and is told why.
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            form.refuse(contact_form.CROSS_SITE)
            return self.render_form(request, form, status=403)
        if contact_form.honeypot_filled(request.POST):
            # Only bots fill the hidden field. They get the thank-you page, as a person
            # would, so they learn nothing; nothing is stored, counted or mailed.
            return self.render_landing_page(request, None, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            submission = self.accept(form, request)
            if submission is not None:
                return self.render_landing_page(request, submission, *args, **kwargs)
        return self.render_form(request, form)

    def render_form(self, request, form, status=200):
        """The page with ``form`` as it was sent, its errors shown; never stored by a cache."""
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        return never_store(response)

    def accept(self, form, request):
        """The stored message for a valid ``form``, or None if refused (the form says why)."""
        submissions = ContactSubmission.objects
        if contact_form.rate_limited(request):
            # A resend of a message already stored is answered as before, not refused.
            earlier = submissions.filter(nonce=form.nonce).first()
            if earlier is None:
                form.add_error(None, contact_form.TOO_MANY)
            return earlier
        try:
            with transaction.atomic():
                submission = self.process_form_submission(form)
        except IntegrityError:
            # The same rendered form sent again (a double click, a refresh after
            # sending): it is stored and mailed once, and the visitor is thanked again.
            earlier = submissions.filter(nonce=form.nonce).first()
            if earlier is None:
                raise
            return earlier
        contact_form.count_message(request)
        transaction.on_commit(partial(contact_form.send_contact_mail, submission))
        return submission

    def process_form_submission(self, form):
        # Stored only: mail goes after commit (accept), never inside the visitor's request
        # transaction, and EmailFormMixin's own sending (to_address only) is skipped.
        language = capfirst(get_language_info(self.locale.language_code)["name_local"])
        return ContactSubmission.objects.create(
            form_data={**form.message_data(), LANGUAGE_KEY: language},
            page=self.submissions_page(),
            nonce=form.nonce,
        )


class ContactSubmission(AbstractFormSubmission):
    """A message sent through a contact form, and whether it has been mailed to the team."""

    # Named for the page type it belongs to (Wagtail's own names the generic Page).
    page = models.ForeignKey(
        ContactPage, on_delete=models.CASCADE, related_name="contact_submissions"
    )
    # From the form's token: a resend of the same rendered form finds it and stores nothing.
    # Null for messages from before tokens (unique allows many nulls).
    nonce = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    mailed_at = models.DateTimeField(null=True, blank=True)
    mail_attempts = models.PositiveIntegerField(default=0)
    mail_error = models.TextField(blank=True)

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def get_data(self):
        return {**super().get_data(), MAIL_STATUS_KEY: self.mail_status()}

    def mail_status(self):
        return gettext("Mailed") if self.mailed_at else gettext("Not mailed yet")
