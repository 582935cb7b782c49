"""Settings that staff change in the admin under Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=150,
        default="Healing-Centered Harm Reduction",
        help_text=_("The organisation's name, shown in the footer and in citations."),
    )
    contact_email = models.EmailField(
        blank=True,
        help_text=_(
            "Messages sent through the contact form are emailed here. "
            "Leave blank to only keep them in the admin under Forms."
        ),
    )
    footer_text = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("A short line at the bottom of every page, e.g. a licence note."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site settings")
