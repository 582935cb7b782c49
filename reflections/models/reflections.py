"""Reflections: dated posts by contributors, including roundtables."""

import datetime

from django import forms
from django.db import models
from django.db.models import Count, F, Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from principles.models import PrinciplePage, themes_by_page
from reflections.blocks import ReflectionBodyBlock
from reflections.feeds import ReflectionFeed
from reflections.forms import ReflectionPageForm
from reflections.roundtable import Roundtable, response_rows
from site_core.i18n import localized, with_source_language
from site_core.pagination import paginate
from site_core.visibility import is_visible, visible


def each_person_once(people, key):
    """``people`` in their order, each once: a person's versions in two languages count once."""
    seen, once = set(), []
    for person in people:
        if key(person) not in seen:
            seen.add(key(person))
            once.append(person)
    return once


def card_prefetch():
    """What a reflection card shows besides the page: its authors and who answered (one
    query each, the person joined in)."""
    return (
        Prefetch(
            "contributor_credits",
            queryset=ReflectionContributor.objects.select_related("contributor"),
        ),
        Prefetch(
            "response_index",
            queryset=ReflectionResponse.objects.select_related("contributor"),
        ),
    )


class ReflectionQuerySet(PageQuerySet):
    def for_cards(self, prefetch=True):
        """Reflections visible to the public, newest first, with what a card shows.

        A fixed number of queries, however many reflections. Without ``prefetch``, the
        caller gathers cards from several queries and prefetches them together
        (``prefetch_related_objects(cards, *card_prefetch())``).
        """
        # A card never shows the body: not reading it spares parsing its JSON per card.
        cards = visible(self.defer("body")).order_by("-date", "-first_published_at", "-pk")
        return with_source_language(cards.prefetch_related(*card_prefetch()) if prefetch else cards)

    def about_principle(self, principle):
        """Reflections for a principle's page: staff's picks first, then those naming it.

        In the principle's language: a pick or a naming link made on another
        language version counts too, and shows as this language's version.
        """
        picks = list(
            principle.related_reflections.values_list("reflection__translation_key", flat=True)
        )
        naming = ReflectionPage.principles.through.objects.filter(
            principlepage__translation_key=principle.translation_key
        ).values_list("reflectionpage__translation_key", flat=True)
        keys = set(picks) | set(naming)
        if not keys:
            return []  # most principles: no card query, no prefetch
        rank = {key: place for place, key in reversed(list(enumerate(picks)))}
        # By translation key alone: no join through the links, so no DISTINCT either.
        reflections = self.for_cards().filter(
            locale_id=principle.locale_id, translation_key__in=keys
        )
        return sorted(reflections, key=lambda page: rank.get(page.translation_key, len(rank)))

    def with_theme(self, theme):
        """Those carrying ``theme`` in any language version (a semi-join: no DISTINCT needed)."""
        tagged = ReflectionPage.themes.through.objects.filter(
            theme__translation_key=theme.translation_key
        )
        return self.filter(pk__in=tagged.values("reflectionpage_id"))

    def by_contributor(self, contributor):
        """Those crediting ``contributor`` in any language version (a semi-join, as with_theme)."""
        credits = ReflectionContributor.objects.filter(
            contributor__translation_key=contributor.translation_key
        )
        return self.filter(pk__in=credits.values("page_id"))

    def count_by_theme(self):
        """{theme translation key: number of these reflections}, in one query."""
        rows = (
            self.order_by().values("themes__translation_key").annotate(n=Count("id", distinct=True))
        )
        return {row["themes__translation_key"]: row["n"] for row in rows}


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

    parent_page_types = ["reflections.HomePage"]
    subpage_types = ["reflections.ReflectionPage"]
    max_count_per_parent = 1
    template = "reflections/reflection_index_page.html"
    per_page = 10

    class Meta:
        verbose_name = _("reflection index page")

    def reflections(self):
        return ReflectionPage.objects.for_cards().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reflections"] = paginate(request, self.reflections(), self.per_page)
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        return ReflectionFeed()(request, index=self)


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
        PrinciplePage,
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
            help_text=_(
                "Who wrote this reflection. For a roundtable, leave out the people who "
                "answer: each 'Response' block already names them, and the byline lists "
                "the authors here first, then everyone who answers, each person once."
            ),
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

    objects = PageManager.from_queryset(ReflectionQuerySet)()

    base_form_class = ReflectionPageForm
    parent_page_types = ["reflections.ReflectionIndexPage"]
    subpage_types = []
    template = "reflections/reflection_page.html"

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def get_meta_description(self):
        return self.search_description or self.intro

    def byline(self):
        """Who the reflection is by: its authors, then each person who answers, each once.

        Respondents are entered once, in the 'Response' blocks; they come here from
        the published answers (``response_index``), which ``for_cards()`` prefetches
        with the authors, so a list of bylines costs a fixed number of queries.
        """
        people = [credit.contributor for credit in self.contributor_credits.all()]
        people += [response.contributor for response in self.response_index.all()]
        public = [person for person in people if is_visible(person)]  # no draft names
        return each_person_once(public, key=lambda person: person.translation_key)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        roundtable = Roundtable.of(self)
        context["roundtable"] = roundtable
        # As byline(), from the body shown (a preview shows a draft's answers too).
        authors = localized(
            [
                credit.contributor
                for credit in self.contributor_credits.select_related("contributor")
            ],
            self.locale_id,
        )
        # An answer whose person the public may not see is shown without them (None).
        respondents = [person for person, _anchor in roundtable.respondents if person]
        context["byline"] = each_person_once(
            authors + respondents, key=lambda shown: shown.item.translation_key
        )
        context["principles"] = localized(
            visible(self.principles.all()).order_by("number"), self.locale_id
        )
        context["themes"] = themes_by_page([self], self.locale)[self.pk]
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


class PrincipleRelatedReflection(Orderable):
    """A reflection that staff recommend alongside a principle (edited on the principle).

    Declared here rather than in the principles app because that app comes first
    and never refers to reflections; the principle's page panels name it by its
    relation, ``related_reflections``.
    """

    page = ParentalKey(PrinciplePage, on_delete=models.CASCADE, related_name="related_reflections")
    reflection = models.ForeignKey(
        ReflectionPage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choose a reflection."),
    )

    panels = [PageChooserPanel("reflection")]

    class Meta(Orderable.Meta):
        verbose_name = _("related reflection")


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
    def by_contributor(cls, contributor, locale):
        """Answers by ``contributor`` in visible reflections of ``locale``, newest first."""
        shown = visible(ReflectionPage.objects.filter(locale=locale))
        return (
            cls.objects.filter(
                contributor__translation_key=contributor.translation_key,
                reflection__in=shown,
            )
            .select_related("reflection")
            .annotate(alias_language=F("reflection__alias_of__locale__language_code"))
            .order_by("-reflection__date", "sort_order")
        )

    @classmethod
    def rebuild_for(cls, page):
        cls.objects.filter(reflection=page).delete()
        cls.objects.bulk_create(
            cls(
                reflection=page,
                contributor=contributor,
                anchor=anchor,
                question=question,
                sort_order=position,
            )
            for contributor, anchor, question, position in response_rows(page)
        )
