"""Principle pages and the index that lists them in order."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from principles.blocks import PrincipleBodyBlock
from principles.citation import apa, bibtex, citation_data, csl_json
from principles.forms import KeyPanel, PrinciplePageForm
from principles.keys import new_key
from site_core import memo
from site_core.i18n import localized_by_key, with_source_language
from site_core.models import SiteSettings
from site_core.pagination import paginate
from site_core.visibility import visible

from .history import with_wording_dates, wording_history
from .themes import themes_by_page


def validate_one_line(value):
    """A statement is one sentence on one line: lists, citations and metadata quote it."""
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Write the statement as one sentence on one line."))


@dataclass(frozen=True)
class PrincipleCard:
    """What a list shows of one principle: the page and, where the list shows them, its themes."""

    page: "PrinciplePage"
    themes: tuple = ()

    # What a card (includes/principle_card.html) reads of its page, for ``.only()``: never
    # the body or the summary, whose JSON would cost more to read than the card to render.
    page_fields = ("title", "url_path", "locale", "alias_of", "number", "statement")


class PrincipleIndexPage(Page):
    """The list of principles of one language, in number order."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Introduces the principles: where they come from and how to use them."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["reflections.HomePage"]
    subpage_types = ["principles.PrinciplePage"]
    max_count_per_parent = 1  # one per home page, so one per locale
    template = "principles/principle_index_page.html"
    per_page = 50  # a library has a few dozen; past that the list is split into pages

    class Meta:
        verbose_name = _("principle index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        principles = PrinciplePage.for_cards().child_of(self)
        shown = paginate(request, principles, self.per_page)
        themes = themes_by_page(shown.object_list, self.locale)
        shown.object_list = [PrincipleCard(page, tuple(themes[page.pk])) for page in shown]
        context["cards"] = shown
        return context


class PrinciplePage(RoutablePageMixin, Page):
    """One principle: its number, statement, body, themes and the people who shaped it.

    Besides the page itself it serves ``history/`` (every published wording) and
    ``cite/bibtex/`` / ``cite/csl-json/`` (citations of the wording shown).
    """

    key = models.CharField(
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_(
            "A short code for this principle's permanent link, such as /p/abc123/. Made "
            "automatically, and it never changes, because partners print and share those links."
        ),
    )

    number = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(1, message=_("Principles are numbered from 1: use 1 or more."))
        ],
        help_text=_("Its place in the order of principles: 1, 2, 3 … Unique within the list."),
    )
    statement = models.CharField(
        max_length=300,
        validators=[validate_one_line],
        help_text=_(
            "The principle in one sentence, plain text, at most 300 characters. Shown in "
            "lists, cards, citations and search results."
        ),
    )
    summary = models.TextField(
        blank=True,
        max_length=1200,
        help_text=_("Optional: the principle in plain, everyday words, for a first-time reader."),
    )
    body = StreamField(
        PrincipleBodyBlock(),
        blank=True,
        help_text=_("The full text: paragraphs, 'in practice' lists, quotes, questions and more."),
    )
    themes = ParentalManyToManyField(
        "principles.Theme",
        blank=True,
        related_name="principles",
        help_text=_("Tick every theme this principle speaks to."),
    )

    content_panels = [
        *Page.content_panels,
        KeyPanel("key"),
        FieldPanel("number"),
        FieldPanel("statement"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                InlinePanel(
                    "contributor_credits",
                    label=_("Credited contributor"),
                    help_text=_("People who shaped this principle, in the order to credit them."),
                ),
                # Declared by the reflections app (PrincipleRelatedReflection).
                InlinePanel(
                    "related_reflections",
                    label=_("Related reflection"),
                    help_text=_(
                        "Reflections to recommend with this principle. Reflections that "
                        "name this principle are listed too, without adding them here."
                    ),
                ),
            ],
            heading=_("Links"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("statement", boost=3),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("number"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("number"),
        APIField("statement"),
        APIField("summary"),
        APIField("body"),
        APIField("themes"),
        APIField("contributor_credits"),
    ]

    # The key and number are the same in every language, and no translation may change
    # them: partners' links (/p/<key>/) and the order of the library depend on it.
    override_translatable_fields = [
        SynchronizedField("key", overridable=False),
        SynchronizedField("number", overridable=False),
    ]

    # A copy is a new principle: it gets a key of its own when saved (translations and
    # aliases then take their source's, see _unused_key).
    exclude_fields_in_copy = ["key"]

    base_form_class = PrinciplePageForm
    parent_page_types = ["principles.PrincipleIndexPage"]
    subpage_types = []
    template = "principles/principle_page.html"

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        # Keys are unique per language version; the locale column lives on Page, so
        # a database constraint cannot express it: new_key() checks, the form guards edits.

    def __str__(self):
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = self._unused_key()
        super().save(*args, **kwargs)

    def _unused_key(self):
        if self.translation_key:  # a translation or alias shares its source's key
            shared = (
                PrinciplePage.objects.filter(translation_key=self.translation_key)
                .exclude(key="")
                .values_list("key", flat=True)
                .first()
            )
            if shared:
                return shared
        while True:
            key = new_key()
            if not PrinciplePage.objects.filter(key=key).exists():
                return key

    @property
    def permanent_path(self):
        return reverse("permalink", kwargs={"key": self.key})

    def get_permanent_url(self, request=None):
        """The absolute permanent link, ``https://host/p/<key>/``.

        On the host the visitor used when there is a request (as the canonical link
        does), else on the root URL of the page's site.
        """
        if request is not None:
            return request.build_absolute_uri(self.permanent_path)
        parts = self.get_url_parts()
        return (parts[1] if parts and parts[1] else "") + self.permanent_path

    def get_meta_description(self):
        return self.search_description or self.statement

    # Queries shared by the theme pages and the contributor pages.
    @classmethod
    def for_cards(cls):
        """Principles the public may see, in number order, loaded for cards.

        Only what a card shows (``PrincipleCard.page_fields``) is read.
        """
        shown = visible(cls.objects.only(*PrincipleCard.page_fields))
        return with_source_language(shown).order_by("number")

    @classmethod
    def for_theme(cls, theme, locale):
        # A semi-join (pk__in) rather than a join: no duplicate rows, so no DISTINCT.
        tagged = cls.themes.through.objects.filter(theme__translation_key=theme.translation_key)
        return cls.for_cards().filter(locale=locale, pk__in=tagged.values("principlepage_id"))

    @classmethod
    def count_by_theme(cls, themes, locale):
        """Live principles per theme, keyed by the theme's translation key: one query."""
        rows = (
            visible(cls.objects.all())
            .filter(locale=locale, themes__translation_key__in=[t.translation_key for t in themes])
            .order_by()  # no ordering columns in the GROUP BY
            .values("themes__translation_key")
            .annotate(n=Count("id", distinct=True))
        )
        return {row["themes__translation_key"]: row["n"] for row in rows}

    @classmethod
    def credited_to(cls, contributor, locale):
        """Live principles of ``locale`` that credit ``contributor`` (any language version)."""
        # A semi-join, as for_theme: no DISTINCT. The credit model is declared after this
        # one (principles.credits), so it is reached through its relation.
        credits = cls._meta.get_field("contributor_credits").related_model.objects.filter(
            contributor__translation_key=contributor.translation_key
        )
        return cls.for_cards().filter(locale=locale, pk__in=credits.values("page_id"))

    # Links shown on the page ----------------------------------------------------

    def credits(self):
        """(Shown contributor, note) for each credit, in the reader's language: two queries.

        A person the public may not see yet (not published) is left out.
        """
        # Sorted here: an ORDER BY costs Django more to compile than the query takes to run.
        credits = self.contributor_credits.select_related("contributor").order_by()
        credits = sorted(credits, key=lambda c: (c.sort_order is None, c.sort_order or 0))
        people = localized_by_key([credit.contributor for credit in credits], self.locale_id)
        return [
            (people[credit.contributor.translation_key], credit.note)
            for credit in credits
            if credit.contributor.translation_key in people
        ]

    def reflections(self):
        """Reflections staff recommend with this principle, then those that name it, each once.

        The reflections app builds on this one, so principles never imports it: the
        reflection model is reached through the relation that app declares on
        principles (``ReflectionPage.principles``, seen from here as ``naming_reflections``).
        """
        return self.naming_reflections.model.objects.about_principle(self)

    def neighbours(self):
        """(previous, next) principle the public may see, or None: from the memo's list beside
        this one (renewed by every publish), each with what its link shows. No query."""
        now, rows = timezone.now(), self.series()
        shown = [row for row in rows if row[1] != self.pk and not (row[2] and row[2] <= now)]
        before = [row for row in shown if row[0] < self.number][-1:]
        after = [row for row in shown if row[0] > self.number][:1]
        return tuple(self._for_link(*side[0]) if side else None for side in (before, after))

    def series(self):
        """(number, pk, expire_at, title, url_path) of each visible principle beside this one."""

        def build():
            siblings = visible(PrinciplePage.objects.sibling_of(self, inclusive=True))
            fields = ("number", "pk", "expire_at", "title", "url_path")
            return list(siblings.order_by("number").values_list(*fields))

        return memo.known(("series", self.path[: -self.steplen]), build) or build()

    @classmethod
    def _for_link(cls, number, pk, expire_at, title, url_path):  # loaded as .only() would
        known = dict(id=pk, page_ptr_id=pk, number=number, expire_at=expire_at, title=title)
        known["url_path"] = url_path
        names = [field.attname for field in cls._meta.concrete_fields if field.attname in known]
        return cls.from_db(cls.objects.db, names, [known[name] for name in names])

    # Wording, citation and history -------------------------------------------------

    def published_wordings(self):
        """Every published wording, oldest first: read once per request (page and history)."""
        if "_wordings" not in self.__dict__:
            self._wordings = wording_history(self)
        return self._wordings

    @classmethod
    def serving_queryset(cls, pages):
        """How ``site_core.serving`` loads a principle to serve: with its wording dates."""
        return with_wording_dates(pages)

    def wording_dates(self):
        """(first published, last revised) dates of the wording.

        From the dates loaded with the page when it is served (no query), else from
        its published wordings; without any, from the page's own publication dates.
        """
        if hasattr(self, "last_revised"):
            first, last = self.first_published_wording, self.last_revised
        else:
            history = self.published_wordings()
            first = history[0].published_at if history else self.first_published_at
            last = history[-1].published_at if history else self.last_published_at
        return (first.date() if first else None, last.date() if last else None)

    def citation(self, request):
        organisation = SiteSettings.for_request(request).organisation_name
        return citation_data(self, request, organisation, self.wording_dates()[1])

    @path("history/", name="history")
    def history_view(self, request):
        return self.render(
            request,
            template="principles/principle_history.html",
            context_overrides={"history": list(reversed(self.published_wordings()))},
        )

    @path("cite/bibtex/", name="bibtex")
    def bibtex_view(self, request):
        body = bibtex(self.citation(request), self.key)
        return self._citation_file(body, "application/x-bibtex; charset=utf-8", "bib")

    @path("cite/csl-json/", name="csl_json")
    def csl_json_view(self, request):
        body = csl_json(self.citation(request), self.key)
        return self._citation_file(body, "application/vnd.citationstyles.csl+json", "json")

    def _citation_file(self, body, content_type, extension):
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="principle-{self.key}.{extension}"'
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        citation = self.citation(request)
        context["permanent_url"] = citation["url"]
        context["citation_apa"] = apa(citation)
        context["first_published"], context["last_revised"] = self.wording_dates()
        context["themes"] = themes_by_page([self], self.locale)[self.pk]
        context["credits"] = self.credits()
        context["reflections"] = self.reflections()
        context["parent"] = self.get_parent()
        context["previous_principle"], context["next_principle"] = self.neighbours()
        return context
