"""Settings that staff change in the admin under Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=150,
        default="Healing-Centered Harm Reduction",
        verbose_name=_("publisher"),
        help_text=_(
            "The organisation that publishes the principles: named in the footer and as the "
            "author of every citation and of the PDF."
        ),
    )
    # The library's own name, per language: settings are not translated by
    # wagtail-localize, and the name belongs to the header, titles, citations and PDF.
    site_name = models.CharField(
        max_length=150,
        default="Principles of Healing-Centered Harm Reduction",
        verbose_name=_("site name in English"),
    )
    site_name_es = models.CharField(
        max_length=150,
        default="Principios de la reducción de daños centrada en la sanación",
        verbose_name=_("site name in Spanish"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header beside the site name. Without one, the name alone."),
    )
    icon = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square image for the browser tab and phone home screens (favicon and touch "
            "icon). Without one, the library's own icon is used."
        ),
    )
    licence_name = models.CharField(
        max_length=100,
        blank=True,
        default="CC BY-SA 4.0",
        verbose_name=_("licence of the principles"),
        help_text=_("Named in the footer and the downloads, e.g. CC BY-SA 4.0."),
    )
    licence_url = models.URLField(
        blank=True,
        default="https://creativecommons.org/licenses/by-sa/4.0/",
        verbose_name=_("licence link"),
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
        help_text=_("A short line at the bottom of every page."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("site_name"),
                FieldPanel("site_name_es"),
                FieldPanel("logo"),
                FieldPanel("icon"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("licence_name"), FieldPanel("licence_url")],
            heading=_("Licence"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def site_name_in(self, language_code):
        """The library's name in a language (English where no other is set)."""
        if language_code and language_code.startswith("es") and self.site_name_es:
            return self.site_name_es
        return self.site_name
