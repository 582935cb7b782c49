"""Themes: translatable tags that group principles and reflections."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from site_core.i18n import with_fallbacks
from site_core.listings import listings_for
from site_core.models.mixins import SluggedSnippetMixin, SnippetIndexPageMixin, paginate

from .principles import PrinciplePage


class ThemeIndexPage(SnippetIndexPageMixin, RoutablePageMixin, Page):
    """Lists the themes of one language and serves each theme's page at ``<slug>/``."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words shown above the list of themes."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "principles/theme_index_page.html"
    max_principles = 30

    class Meta:
        verbose_name = _("theme index page")

    @path("")
    def index(self, request):
        themes = with_fallbacks(Theme.objects.order_by("name"), self.locale_id)
        counts = PrinciplePage.count_by_theme(themes, self.locale)
        reflections = listings_for(self, self.locale).get("reflection_counts", {})
        for theme in themes:
            theme.principle_count = counts.get(theme.translation_key, 0)
            theme.reflection_count = reflections.get(theme.translation_key, 0)
        return self.render(request, context_overrides={"themes": themes})

    @path("<slug:slug>/", name="detail")
    def detail(self, request, slug):
        theme = Theme.objects.filter(locale_id=self.locale_id, slug=slug).first()
        if theme is None:
            raise Http404
        listings = listings_for(theme, self.locale)
        return self.render(
            request,
            template="principles/theme_page.html",
            context_overrides={
                "theme": theme,
                "translatable": theme,  # the language switcher follows the theme
                # A real library has a handful; past the cap the page links to the search.
                "principles": PrinciplePage.for_theme(theme, self.locale)[
                    : self.max_principles + 1
                ],
                "max_principles": self.max_principles,
                "reflections": paginate(request, listings.get("reflections", []), 10),
            },
        )


class Theme(TranslatableMixin, SluggedSnippetMixin, index.Indexed, models.Model):
    """A theme, such as 'Ancestral knowledge' or 'Sex work', with a public page."""

    index_page_model = ThemeIndexPage

    name = models.CharField(max_length=100, help_text=_("A short name, e.g. 'Mutual aid'."))
    description = models.TextField(
        blank=True,
        max_length=600,
        help_text=_("One or two plain sentences shown on the theme's page and in search."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_theme_slug_per_locale"),
        ]

    def __str__(self):
        return self.name
