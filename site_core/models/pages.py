"""The home page and general pages such as 'About'."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from site_core.blocks import StandardBodyBlock
from site_core.i18n import localized
from site_core.listings import listings_for


class HomePage(Page):
    """The front door of one language: an introduction and featured principles."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("The welcome text at the top of the home page. Two or three sentences."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_principles",
            label=_("Featured principles"),
            help_text=_("Principles shown on the home page, in this order."),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("featured_principles")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "principles.PrincipleIndexPage",
        "principles.ThemeIndexPage",
        "reflections.ReflectionIndexPage",
        "site_core.ContributorIndexPage",
        "site_core.StandardPage",
        "site_core.ContactPage",
    ]
    template = "site_core/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ids = list(self.featured_principles.values_list("principle_id", flat=True))
        pages = {
            page.pk: page for page in Page.objects.live().public().filter(pk__in=ids).specific()
        }
        context["featured"] = localized([pages[pk] for pk in ids if pk in pages], self.locale_id)
        context["listings"] = listings_for(self, self.locale)
        return context


class HomePageFeaturedPrinciple(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_principles")
    principle = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choose a principle to feature."),
    )

    panels = [PageChooserPanel("principle", page_type="principles.PrinciplePage")]
    api_fields = [APIField("principle")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured principle")


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

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = ["site_core.StandardPage"]
    template = "site_core/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
