"""The home page of each language: it gathers principles and reflections."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from principles.models import PrincipleIndexPage, PrinciplePage, Theme
from site_core import memo
from site_core.i18n import with_fallbacks, with_source_language
from site_core.visibility import visible

from .reflections import ReflectionPage, ReflectionResponse, card_prefetch


class HomePage(Page):
    """The front door of one language: an introduction, every principle, a featured
    reflection, the latest reflections and the themes."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("The welcome text at the top of the home page. Two or three sentences."),
    )
    featured_reflection = models.ForeignKey(
        "reflections.ReflectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured reflection"),
        help_text=_(
            "The reflection shown large on the home page, in each language. Leave empty to "
            "feature the newest roundtable."
        ),
    )

    # The home page lists every principle now; the old picks stay readable in the API
    # but are no longer edited or shown.
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        PageChooserPanel("featured_reflection", "reflections.ReflectionPage"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("featured_principles")]
    # One choice for every language: each home shows its own language's version of it.
    override_translatable_fields = [SynchronizedField("featured_reflection", overridable=False)]

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
    max_principles = 30  # a library has a few dozen; past that the list links to them all

    class Meta:
        verbose_name = _("home page")

    def principles(self):
        """Every principle the public may see under this home, in number order (one query)."""
        return with_source_language(
            visible(PrinciplePage.objects.descendant_of(self)).order_by("number")
        )

    def featured(self, prefetch=True):
        """The featured reflection in this page's language, visible to the public, or None.

        Staff's pick (any language version of it) or, without one, the newest roundtable:
        a reflection with answers.
        """
        cards = ReflectionPage.objects.for_cards(prefetch).filter(locale_id=self.locale_id)
        if self.featured_reflection_id:
            pick = ReflectionPage.objects.filter(pk=self.featured_reflection_id)
            found = cards.filter(translation_key__in=pick.values("translation_key")).first()
            if found is not None:
                return found
        return cards.filter(pk__in=ReflectionResponse.objects.values("reflection_id")).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = self.featured(prefetch=False)
        latest = ReflectionPage.objects.for_cards(prefetch=False).filter(locale_id=self.locale_id)
        if featured is not None:
            latest = latest.exclude(pk=featured.pk)
        latest = list(latest[: self.latest_reflections])
        # Every card's authors and answers in one set of queries, not one set per list.
        prefetch_related_objects([page for page in [featured, *latest] if page], *card_prefetch())
        principles = list(self.principles()[: self.max_principles + 1])
        context["principles"] = principles[: self.max_principles]
        if len(principles) > self.max_principles:
            context["principle_index"] = memo.remember(
                ("principle-index", self.pk),
                lambda: PrincipleIndexPage.objects.child_of(self).live().first(),
            )
        context["featured_reflection"] = featured
        context["latest_reflections"] = latest
        context["themes"] = with_fallbacks(Theme.objects.order_by("name"), self.locale)
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
