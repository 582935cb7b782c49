"""Contributors: the people who shape principles and write reflections."""

from django import forms
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from site_core.i18n import with_fallbacks
from site_core.listings import listings_for

from .mixins import SluggedSnippetMixin, SnippetIndexPageMixin, paginate


class ContributorIndexPage(SnippetIndexPageMixin, RoutablePageMixin, Page):
    """Lists the contributors of one language and serves each profile at ``<slug>/``."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words shown above the list of contributors."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "site_core/contributor_index_page.html"

    class Meta:
        verbose_name = _("contributor index page")

    @path("")
    def index(self, request):
        contributors = with_fallbacks(Contributor.objects.order_by("name"), self.locale_id)
        return self.render(
            request, context_overrides={"contributors": paginate(request, contributors, 60)}
        )

    @path("<slug:slug>/", name="detail")
    def detail(self, request, slug):
        contributor = (
            Contributor.objects.filter(locale_id=self.locale_id, slug=slug)
            .select_related("photo")
            .first()
        )
        if contributor is None:
            raise Http404
        return self.render(
            request,
            template="site_core/contributor_page.html",
            context_overrides={
                "contributor": contributor,
                "translatable": contributor,  # the language switcher follows the person
                "listings": listings_for(contributor, self.locale),
            },
        )


class Contributor(TranslatableMixin, SluggedSnippetMixin, index.Indexed, models.Model):
    """A person credited on principles and reflections, with a public profile."""

    index_page_model = ContributorIndexPage

    name = models.CharField(
        max_length=150, help_text=_("As the person wants to be named in public.")
    )
    pronouns = models.CharField(
        max_length=40, blank=True, help_text=_("Optional, e.g. 'she/her', 'they/them'.")
    )
    role = models.CharField(
        max_length=150,
        blank=True,
        help_text=_("One short line shown under the name, e.g. 'Healing justice practitioner'."),
    )
    bio = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences about the person, in their own words where possible."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Only with the person's consent. Its description is the alt text."),
    )
    website = models.URLField(
        blank=True, help_text=_("Optional link to the person's own site, starting with https://")
    )

    # A person's name, slug, photo and website are the same in every language;
    # only pronouns, role and bio are translated.
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("slug"),
        SynchronizedField("photo"),
        SynchronizedField("website"),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("pronouns"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("website", widget=forms.URLInput),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("bio"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_contributor_slug_per_locale"
            ),
        ]

    def __str__(self):
        return self.name
