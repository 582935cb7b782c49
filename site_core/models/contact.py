"""The contact page, built with Wagtail's form builder.

One form per language pair: a translation's submissions are stored on the page
in the site's main language, marked with the language they were sent in, so the
Forms list shows each contact form once with every message (the translations
are hidden from it, ``site_core.staff.editing``). That works because a field
keeps the same name (``clean_name``, the key of the stored answer) in every
language, while its label and help are translated.
"""

from django.core.mail import EmailMessage
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .site_settings import SiteSettings

# The key, in a stored submission, of the language the form was sent in.
LANGUAGE_KEY = "form_language"


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
        return [*super().get_data_fields(), (LANGUAGE_KEY, _("Language"))]

    def process_form_submission(self, form):
        # Skip EmailFormMixin's own sending: it only knows the page's to_address.
        language = capfirst(get_language_info(self.locale.language_code)["name_local"])
        submission = self.get_submission_class().objects.create(
            form_data={**form.cleaned_data, LANGUAGE_KEY: language},
            page=self.submissions_page(),
        )
        recipients = self.recipients()
        if recipients:
            reply_to = [
                value
                for name, value in form.cleaned_data.items()
                if self._field_type(name) == "email" and value
            ]
            EmailMessage(
                subject=self.subject or gettext("New message from the contact form"),
                body=self.render_email(form),
                from_email=self.from_address or None,
                to=recipients,
                reply_to=reply_to[:1] or None,
            ).send()
        return submission

    def _field_type(self, clean_name):
        for field in self.get_form_fields():
            if field.clean_name == clean_name:
                return field.field_type
        return None
