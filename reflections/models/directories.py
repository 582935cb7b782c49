"""The pages that serve every theme and every contributor, in each language.

Themes (``principles.Theme``) and contributors (``site_core.Contributor``) are
snippets; each language has one index page of each kind, a RoutablePage that
lists them and serves each at ``<slug>/``. Those pages gather principles and
reflections, so they live in this app, the first that can import both. They
are also the one home of a theme's or contributor's public URL (``public_url``).
A theme or contributor has a page, a place in the lists and a URL only while the
public may see it (live, ``site_core.visibility``); ``with_fallbacks`` and
``url_of`` apply the same rule.
"""

from django.db.models import Count, Window
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from principles.models import PrincipleCard, PrinciplePage, Theme
from site_core.i18n import with_fallbacks
from site_core.models import Contributor
from site_core.models.mixins import SnippetIndexPageMixin
from site_core.pagination import paginate
from site_core.visibility import visible

from .reflections import ReflectionPage, ReflectionResponse


class CountedPages:
    """A queryset for the paginator, counted by the query that reads the page shown.

    Paginating a queryset takes two queries that each gather every match: a COUNT,
    then the page's rows. Here the rows of the page the visitor asked for carry
    the length of the whole list (``COUNT(*) OVER ()``), so one query does both.
    Only a page past the end (an old link, an edited address) is counted and read
    as usual. ``items`` must not be ``distinct()``: the window would count duplicates.
    """

    max_page = 10_000  # past this, a ?page= is read as usual (no OFFSET the database refuses)

    def __init__(self, items, request, per_page):
        if items.query.distinct:
            raise ValueError("COUNT(*) OVER () would count the duplicates of a distinct() list")
        self.items, self.per_page = items, per_page
        self.ordered = items.ordered  # the paginator warns about an unordered list
        try:
            number = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            number = 1  # as paginate(): a bad number shows the first page
        self.bottom = (number - 1) * per_page
        self.rows = None if number <= self.max_page else []

    def count(self):
        if self.rows is None:
            counted = self.items.annotate(listed=Window(Count("pk")))
            self.rows = list(counted[self.bottom : self.bottom + self.per_page])
        if self.rows:
            return self.rows[0].listed
        return 0 if self.bottom == 0 else self.items.count()

    def __getitem__(self, key):
        """The paginator's slice: the rows already read when it is the page they are."""
        if isinstance(key, slice) and key.start == self.bottom and self.rows:
            return self.rows[: key.stop - key.start]
        return self.items[key]


def paginate_counted(request, items, per_page):
    """``paginate()`` for a queryset, with its count read in the same query as the page."""
    return paginate(request, CountedPages(items, request, per_page), per_page)


class ThemeIndexPage(SnippetIndexPageMixin, RoutablePageMixin, Page):
    """Lists the themes of one language and serves each theme's page at ``<slug>/``."""

    snippet_model = Theme

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words shown above the list of themes."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reflections.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "reflections/theme_index_page.html"
    max_principles = 30
    reflections_per_page = 10

    class Meta:
        verbose_name = _("theme index page")

    @path("")
    def index(self, request):
        themes = with_fallbacks(Theme.objects.order_by("name"), self.locale)
        principles = PrinciplePage.count_by_theme([shown.item for shown in themes], self.locale)
        reflections = visible(ReflectionPage.objects.filter(locale=self.locale)).count_by_theme()
        rows = [
            {
                "theme": shown,
                "principles": principles.get(shown.item.translation_key, 0),
                "reflections": reflections.get(shown.item.translation_key, 0),
            }
            for shown in themes
        ]
        return self.render(request, context_overrides={"themes": rows})

    @path("<slug:slug>/", name="detail")
    def detail(self, request, slug):
        theme = visible(Theme.objects.filter(locale_id=self.locale_id, slug=slug)).first()
        if theme is None:
            raise Http404
        # A real library has a handful; past the cap the page links to the search.
        principles = list(PrinciplePage.for_theme(theme, self.locale)[: self.max_principles + 1])
        reflections = (
            ReflectionPage.objects.for_cards().filter(locale=self.locale).with_theme(theme)
        )
        return self.render(
            request,
            template="reflections/theme_page.html",
            context_overrides={
                "theme": theme,
                "translatable": theme,  # the language switcher follows the theme
                "principles": [PrincipleCard(page) for page in principles[: self.max_principles]],
                "more_principles": len(principles) > self.max_principles,
                "reflections": paginate_counted(request, reflections, self.reflections_per_page),
            },
        )


class ContributorIndexPage(SnippetIndexPageMixin, RoutablePageMixin, Page):
    """Lists the contributors of one language and serves each profile at ``<slug>/``."""

    snippet_model = Contributor

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words shown above the list of contributors."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reflections.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "reflections/contributor_index_page.html"
    per_page = 60
    # A person's profile lists a handful of each; past the caps it says how many more.
    max_principles = 30
    max_responses = 30
    reflections_per_page = 10

    class Meta:
        verbose_name = _("contributor index page")

    @path("")
    def index(self, request):
        contributors = with_fallbacks(Contributor.objects.order_by("name"), self.locale)
        return self.render(
            request,
            context_overrides={"contributors": paginate(request, contributors, self.per_page)},
        )

    @path("<slug:slug>/", name="detail")
    def detail(self, request, slug):
        contributor = (
            visible(Contributor.objects.filter(locale_id=self.locale_id, slug=slug))
            .select_related("photo")
            .first()
        )
        if contributor is None:
            raise Http404
        principles = list(
            PrinciplePage.credited_to(contributor, self.locale)[: self.max_principles + 1]
        )
        responses = list(
            ReflectionResponse.by_contributor(contributor, self.locale)[: self.max_responses + 1]
        )
        # A roundtable that also credits the person as an author is listed once, under
        # their answers, which link to the answer itself.
        answered = ReflectionResponse.by_contributor(contributor, self.locale).values(
            "reflection_id"
        )
        reflections = (
            ReflectionPage.objects.for_cards()
            .filter(locale=self.locale)
            .by_contributor(contributor)
            .exclude(pk__in=answered)
        )
        return self.render(
            request,
            template="reflections/contributor_page.html",
            context_overrides={
                "contributor": contributor,
                "translatable": contributor,  # the language switcher follows the person
                "principles": [PrincipleCard(page) for page in principles[: self.max_principles]],
                "more_principles": len(principles) > self.max_principles,
                "responses": responses[: self.max_responses],
                "more_responses": len(responses) > self.max_responses,
                "reflections": paginate_counted(request, reflections, self.reflections_per_page),
            },
        )


INDEX_PAGES = (ThemeIndexPage, ContributorIndexPage)


def public_url(item, request=None, full=False):
    """The public URL of a theme or contributor, or None when it has no page yet."""
    for index_page in INDEX_PAGES:
        if isinstance(item, index_page.snippet_model):
            return index_page.url_of(item, request, full=full)
    raise TypeError(f"{type(item).__name__} has no public page")


def redirect_old_slug(sender, instance, old_slug, **kwargs):
    """``slug_changed`` handler: the old URL of a renamed theme or contributor keeps working."""
    for index_page in INDEX_PAGES:
        if sender is index_page.snippet_model:
            index_page.redirect_old_slug(instance, old_slug)
