"""The home page of each language: it gathers principles and reflections."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from principles.models import PrincipleCard, PrinciplePage
from site_core.i18n import localized
from site_core.visibility import visible

from .reflections import ReflectionPage


class HomePage(Page):
    """The front door of one language: an introduction, featured principles, latest reflections."""

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
        "reflections.ThemeIndexPage",
        "reflections.ReflectionIndexPage",
        "reflections.ContributorIndexPage",
        "site_core.StandardPage",
        "site_core.ContactPage",
    ]
    template = "reflections/home_page.html"
    latest_reflections = 3

    class Meta:
        verbose_name = _("home page")

    def featured(self):
        """The featured principles, live and public, each in this page's language."""
        picks = list(self.featured_principles.values_list("principle_id", flat=True))
        pages = {page.pk: page for page in visible(PrinciplePage.objects.filter(pk__in=picks))}
        shown = localized([pages[pk] for pk in picks if pk in pages], self.locale_id)
        return [PrincipleCard(principle.item) for principle in shown]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = self.featured()
        context["latest_reflections"] = ReflectionPage.objects.for_cards().filter(
            locale_id=self.locale_id
        )[: self.latest_reflections]
        return context


class HomePageFeaturedPrinciple(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_principles")
    principle = models.ForeignKey(
        PrinciplePage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choose a principle to feature."),
    )

    panels = [PageChooserPanel("principle")]
    api_fields = [APIField("principle")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured principle")
