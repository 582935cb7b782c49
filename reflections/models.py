"""Reflections: dated posts by contributors, including roundtables."""

import datetime

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from site_core.forms import LocaleScopedPageForm
from site_core.i18n import localized, with_source_language
from site_core.models.mixins import paginate

from .blocks import ReflectionBodyBlock, response_anchors


class ReflectionIndexPage(RoutablePageMixin, Page):
    """The blog: reflections of one language, newest first, and their Atom feed at ``feed/``."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words shown above the list of reflections."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = ["reflections.ReflectionPage"]
    max_count_per_parent = 1
    template = "reflections/reflection_index_page.html"
    per_page = 10

    class Meta:
        verbose_name = _("reflection index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reflections = ReflectionPage.list_queryset().child_of(self)
        context["reflections"] = paginate(request, reflections, self.per_page)
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import ReflectionFeed

        return ReflectionFeed()(request, index=self)


class ReflectionPageForm(LocaleScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "principles" in self.fields:
            self.fields["principles"].queryset = self.fields["principles"].queryset.order_by(
                "number"
            )
            self.fields["principles"].label_from_instance = str


class ReflectionPage(Page):
    """A dated reflection. A roundtable is a question followed by each contributor's answer."""

    date = models.DateField(
        default=datetime.date.today,
        help_text=_("The date shown on the reflection; lists are newest first."),
    )
    intro = models.TextField(
        max_length=500,
        help_text=_("One or two plain sentences shown in lists, search results and link previews."),
    )
    body = StreamField(
        ReflectionBodyBlock(),
        blank=True,
        help_text=_(
            "The text. For a roundtable add a 'Question' block, then one 'Response' block "
            "per contributor."
        ),
    )
    principles = ParentalManyToManyField(
        "principles.PrinciplePage",
        blank=True,
        related_name="naming_reflections",
        help_text=_("Tick the principles this reflection discusses. It will be listed on them."),
    )
    themes = ParentalManyToManyField(
        "principles.Theme",
        blank=True,
        related_name="reflections",
        help_text=_("Tick every theme this reflection speaks to."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        InlinePanel(
            "contributor_credits",
            label=_("Author"),
            help_text=_("Who wrote this reflection. For a roundtable, the people who answered."),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Links"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("body"),
        APIField("principles"),
        APIField("themes"),
        APIField("contributor_credits"),
    ]

    base_form_class = ReflectionPageForm
    parent_page_types = ["reflections.ReflectionIndexPage"]
    subpage_types = []
    template = "reflections/reflection_page.html"

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def get_meta_description(self):
        return self.search_description or self.intro

    @classmethod
    def list_queryset(cls):
        """Live reflections newest first, with what a list card shows: fixed query count."""
        return with_source_language(
            cls.objects.live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")
            .prefetch_related("contributor_credits__contributor")
        )

    @property
    def is_roundtable(self):
        return any(block.block_type == "response" for block in self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        anchors = response_anchors(self.body)
        # Answers name contributors as chosen in the source language; show the reader's.
        people = {
            person.translation_key: person
            for person in localized(
                [
                    block.value["contributor"]
                    for block, anchor in zip(self.body, anchors, strict=True)
                    if anchor
                ],
                self.locale_id,
            )
        }
        body_blocks = [
            (block, anchor, people[block.value["contributor"].translation_key] if anchor else None)
            for block, anchor in zip(self.body, anchors, strict=True)
        ]
        context["body_blocks"] = body_blocks
        context["respondents"] = [
            (person, anchor) for _block, anchor, person in body_blocks if anchor
        ]
        context["authors"] = localized(
            [
                credit.contributor
                for credit in self.contributor_credits.select_related("contributor")
            ],
            self.locale_id,
        )
        context["principles"] = localized(
            self.principles.live().public().order_by("number"), self.locale_id
        )
        context["themes"] = localized(self.themes.order_by("name"), self.locale_id)
        context["parent"] = self.get_parent()
        return context

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        # Draft revisions do not touch the live body; publishing saves it in full.
        if update_fields is None or "body" in update_fields:
            ReflectionResponse.rebuild_for(self)


class ReflectionContributor(Orderable):
    """An author of a reflection."""

    page = ParentalKey(ReflectionPage, on_delete=models.CASCADE, related_name="contributor_credits")
    contributor = models.ForeignKey(
        "site_core.Contributor",
        on_delete=models.CASCADE,
        related_name="reflection_credits",
        help_text=_("Choose the person."),
    )

    panels = [FieldPanel("contributor", widget=forms.Select)]
    api_fields = [APIField("contributor")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")


class ReflectionResponse(models.Model):
    """Where a contributor answered in a roundtable: derived from the published body.

    Kept so a contributor's profile can list their answers with one query instead
    of reading every reflection's body. Rebuilt whenever a reflection's body is saved.
    """

    reflection = models.ForeignKey(
        ReflectionPage, on_delete=models.CASCADE, related_name="response_index"
    )
    contributor = models.ForeignKey(
        "site_core.Contributor", on_delete=models.CASCADE, related_name="roundtable_responses"
    )
    anchor = models.CharField(max_length=120)
    question = models.TextField(blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["reflection", "sort_order"]

    def __str__(self):
        return f"{self.contributor} in {self.reflection}"

    @classmethod
    def rebuild_for(cls, page):
        rows, question = [], ""
        blocks = zip(page.body, response_anchors(page.body), strict=True)
        for position, (block, anchor) in enumerate(blocks):
            if block.block_type == "question":
                question = block.value["question"]
            elif anchor:
                rows.append(
                    cls(
                        reflection=page,
                        contributor=block.value["contributor"],
                        anchor=anchor,
                        question=question,
                        sort_order=position,
                    )
                )
        cls.objects.filter(reflection=page).delete()
        cls.objects.bulk_create(rows)
