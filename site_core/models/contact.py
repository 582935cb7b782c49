"""The contact page, built with Wagtail's form builder."""

from django.core.mail import EmailMessage
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from .site_settings import SiteSettings


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


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

    def process_form_submission(self, form):
        # Skip EmailFormMixin's own sending: it only knows the page's to_address.
        submission = FormMixin.process_form_submission(self, form)
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
