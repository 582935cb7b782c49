"""General pages such as 'About'."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from site_core.blocks import StandardBodyBlock


class StandardPage(Page):
    """A general page, such as 'About' or 'How to use these principles'."""

    intro = models.TextField(
        blank=True,
        max_length=400,
        help_text=_("One or two plain sentences under the title; also used in search results."),
    )
    body = StreamField(
        StandardBodyBlock(),
        blank=True,
        help_text=_("The main text. Add paragraphs, headings, quotes, boxes and images."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["reflections.HomePage", "site_core.StandardPage"]
    subpage_types = ["site_core.StandardPage"]
    template = "site_core/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
