"""Contributors: the people who shape principles and write reflections."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .mixins import SluggedSnippetMixin
from .publishing import PublishedSnippetMixin


class Contributor(
    PublishedSnippetMixin, TranslatableMixin, SluggedSnippetMixin, index.Indexed, models.Model
):
    """A person credited on principles and reflections.

    Their public profile is served by ``reflections.ContributorIndexPage``, which
    gathers what they shaped and wrote from both apps. Changes are drafts until
    published (``PublishedSnippetMixin``); while a person is not live, no public
    surface names them (see ``reflections.roundtable`` for their answers).
    """

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
        index.FilterField("id"),  # searches keep to what the public may see (visible_to_search)
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
