"""Themes: translatable tags that group principles and reflections."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from site_core.i18n import collation_key, localized_by_key
from site_core.models.mixins import SluggedSnippetMixin
from site_core.models.publishing import PublishedSnippetMixin


class Theme(
    PublishedSnippetMixin, TranslatableMixin, SluggedSnippetMixin, index.Indexed, models.Model
):
    """A theme, such as 'Ancestral knowledge' or 'Sex work'.

    Its public page is served by ``reflections.ThemeIndexPage``, which gathers the
    principles and reflections carrying it. Changes are drafts until published
    (``PublishedSnippetMixin``); the public sees a theme only while it is live.
    """

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
        index.FilterField("id"),  # searches keep to what the public may see (visible_to_search)
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


def themes_by_page(pages, locale):
    """``{page.pk: [Shown theme, …]}``: each page's themes in ``locale``, sorted in its language.

    The one place that answers "which themes does this page show": principle and
    reflection pages, cards, search results, downloads, the PDF and the API all
    ask here. Only themes visible to the public are shown (``localized_by_key``
    leaves out the rest). ``pages`` are principles or reflections; costs two
    queries at most, however many pages and themes, per page type (one when the
    themes are prefetched).
    """
    pages = list(pages)
    for model in {type(page) for page in pages}:  # a prefetch takes one model at a time
        prefetch_related_objects([page for page in pages if type(page) is model], "themes")
    shown = localized_by_key([theme for page in pages for theme in page.themes.all()], locale)
    locale = locale if isinstance(locale, Locale) else Locale.objects.get(pk=locale)
    language = locale.language_code
    return {
        page.pk: sorted(
            {
                theme.translation_key: shown[theme.translation_key]
                for theme in page.themes.all()
                if theme.translation_key in shown
            }.values(),
            key=lambda item: collation_key(item.item.name, language),
        )
        for page in pages
    }
