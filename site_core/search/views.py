"""One search view over every live page of the reader's language."""

import re
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from site_core.i18n import localized, with_fallbacks
from site_core.models.mixins import paginate

from .highlight import highlight
from .types import SEARCH_TYPES, theme_model
from .vocabulary import did_you_mean, page_text

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut here (documented in the page)
MAX_THEMES = 5
PER_PAGE = 10
SUGGESTIONS = 8
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_query(raw):
    """The visitor's words without control characters, spaces folded, at most 200 characters."""
    text = CONTROL_CHARACTERS.sub(" ", raw[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def language_backend(language):
    backend = get_search_backend()
    return backend.for_language(language) if hasattr(backend, "for_language") else backend


class Search:
    """The search as the request asks for it."""

    def __init__(self, request):
        self.request = request
        self.locale = Locale.get_active()
        self.query = clean_query(request.GET.get("q", ""))
        kind = request.GET.get("type", "")
        self.type = SEARCH_TYPES.get(kind)
        self.themes = self._themes(request.GET.getlist("theme"))

    def _themes(self, slugs):
        slugs = list(dict.fromkeys(clean_query(slug) for slug in slugs if slug.strip()))[
            :MAX_THEMES
        ]
        if not slugs:
            return []
        themes = list(theme_model().objects.filter(locale=self.locale, slug__in=slugs))
        if len(themes) != len(slugs):
            raise Http404("No such theme")  # the URL names a theme that does not exist
        return themes

    @property
    def types(self):
        return [self.type] if self.type else list(SEARCH_TYPES.values())

    def pages(self):
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=self.locale)
            .type(*[kind.model for kind in self.types])
        )
        for theme in self.themes:
            pages = pages.filter(self._has_theme(theme))
        return pages

    def _has_theme(self, theme):
        """Pages of any offered type tagged with ``theme`` (or its other-language versions)."""
        condition = Q(pk__in=[])
        for kind in self.types:
            through, column = kind.theme_link
            tagged = through.objects.filter(theme__translation_key=theme.translation_key)
            condition |= Q(pk__in=tagged.values(f"{column}_id"))
        return condition

    def facet_counts(self, matched_ids):
        """Live results per theme translation key, for the current query and filters."""
        counts = {}
        for kind in self.types:
            through, column = kind.theme_link
            rows = (
                through.objects.filter(**{f"{column}_id__in": matched_ids})
                .values("theme__translation_key")
                .annotate(n=Count(f"{column}_id", distinct=True))
                .order_by()
            )
            for row in rows:
                key = row["theme__translation_key"]
                counts[key] = counts.get(key, 0) + row["n"]
        return counts

    def url(self, **changes):
        params = {
            "q": self.query,
            "type": self.type.key if self.type else "",
            "theme": [t.slug for t in self.themes],
        }
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v}, doseq=True)


def promoted_pages(query, locale):
    """Pages staff pinned for this query, in the reader's language, in their order."""
    try:
        picks = Query.get(query).editors_picks.filter(page__live=True).select_related("page")
    except ValueError:
        return []
    pages = [pick.page for pick in picks if pick.page_id]
    return [p for p in localized(pages, locale) if p.locale_id == locale.pk]


def specific_in_order(pages):
    ids = [page.pk for page in pages]
    found = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [found[pk] for pk in ids if pk in found]


def describe(page, query, kinds):
    """What a result shows: its type, themes and an extract with the words marked."""
    kind = next((k for k in kinds if isinstance(page, k.model)), None)
    summary = getattr(page, kind.summary_field, "") if kind else ""
    text = " ".join(
        part
        for part in (
            summary,
            page_text(page, exclude=("title", kind.summary_field if kind else "")),
        )
        if part
    )
    return {"page": page, "kind": kind, "extract": highlight(text, query)}


@require_GET
def search(request):
    search = Search(request)
    all_themes = with_fallbacks(theme_model().objects.all(), search.locale)
    context = {
        "search": search,
        "query": search.query,
        "all_themes": all_themes,
        "max_query_length": MAX_QUERY_LENGTH,
        "types": list(SEARCH_TYPES.values()),
    }
    pages = search.pages()
    results = None
    if search.query:
        promoted = promoted_pages(search.query, search.locale)
        if promoted:
            pages = pages.exclude(pk__in=[p.pk for p in promoted])
        results = language_backend(search.locale.language_code).search(
            search.query, pages, operator="and"
        )
        matched_ids = (
            results.get_queryset().order_by().values("pk")
            if hasattr(results, "get_queryset")
            else [r.pk for r in results]
        )
        context["promoted"] = promoted if paginate_number(request) == 1 else []
        if paginate_number(request) == 1:
            Query.get(search.query).add_hit()  # counts the query only: no IP, no user
    elif search.themes or search.type:
        results = pages.order_by("-first_published_at")
        matched_ids = pages.values("pk")
    if results is not None:
        page_of_results = paginate(request, results, PER_PAGE)
        items = specific_in_order(page_of_results.object_list)
        context["results"] = page_of_results
        context["items"] = [describe(page, search.query, search.types) for page in items]
        attach_themes(context["items"], search.locale)
        counts = search.facet_counts(matched_ids)
        context["facets"] = [
            (theme, counts.get(theme.translation_key, 0))
            for theme in all_themes
            if theme not in search.themes
        ]
        if search.query and page_of_results.paginator.count < 3:
            context["suggestion"] = did_you_mean(search.query, search.locale.language_code)
    response = TemplateResponse(request, "site_core/search.html", context)
    return response


def paginate_number(request):
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def attach_themes(items, locale):
    """Each result's themes, in the reader's language: one query per page type."""
    pages_by_model = {}
    for item in items:
        pages_by_model.setdefault(type(item["page"]), []).append(item["page"])
    theme_lists = {}
    for model, pages in pages_by_model.items():
        field = model._meta.get_field("themes")
        through = field.remote_field.through
        column = field.m2m_field_name()
        for link in through.objects.filter(
            **{f"{column}_id__in": [p.pk for p in pages]}
        ).select_related("theme"):
            theme_lists.setdefault(getattr(link, f"{column}_id"), []).append(link.theme)
    everything = localized([t for themes in theme_lists.values() for t in themes], locale)
    by_key = {theme.translation_key: theme for theme in everything}
    for item in items:
        item["themes"] = sorted(
            {
                by_key[t.translation_key].pk: by_key[t.translation_key]
                for t in theme_lists.get(item["page"].pk, [])
            }.values(),
            key=lambda t: t.name,
        )


@require_GET
def suggest(request):
    """Titles of principles and themes that start with what the visitor has typed."""
    locale = Locale.get_active()
    prefix = clean_query(request.GET.get("q", ""))[:60]
    suggestions = []
    if len(prefix) >= 2:
        words = Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}")
        for kind in SEARCH_TYPES.values():
            if kind.key != "principle":
                continue
            for page in (
                kind.model.objects.live()
                .public()
                .filter(words, locale=locale)
                .order_by("title")[:SUGGESTIONS]
            ):
                suggestions.append(
                    {"title": page.title, "url": page.get_url(request), "type": str(kind.label)}
                )
        for theme in (
            theme_model()
            .objects.filter(
                Q(name__istartswith=prefix) | Q(name__icontains=f" {prefix}"), locale=locale
            )
            .order_by("name")[:SUGGESTIONS]
        ):
            url = theme.get_url(request)
            if url:
                suggestions.append({"title": theme.name, "url": url, "type": gettext("Theme")})
    response = JsonResponse({"query": prefix, "suggestions": suggestions[:SUGGESTIONS]})
    patch_cache_control(response, public=True, max_age=300)
    return response
