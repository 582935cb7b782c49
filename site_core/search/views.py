"""One search view over every page of the reader's language, translated or not.

How words find pages (each page in the language of its text, and through its
themes' names) is ``matching.py``; how a result's extract is made is ``highlight.py``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from principles.models import Theme, themes_by_page
from reflections.models import public_url
from site_core import cache_policy, memo
from site_core.i18n import localized, with_fallbacks, with_source_language
from site_core.pagination import paginate
from site_core.serving import locales
from site_core.visibility import visible

from .catalogue import catalogue
from .highlight import highlight, running_text
from .kinds import KINDS
from .matching import CataloguePool, copy_languages, matching_ids
from .query import MAX_QUERY_LENGTH, clean_query, search_words
from .vocabulary import did_you_mean

MAX_THEMES = 5
PER_PAGE = 10
SUGGESTIONS = 8

# Said after the title of a result whose text is not in the reader's language.
IN_LANGUAGE = {"en": _("(in English)"), "es": _("(in Spanish)")}


class Search:
    """The search as the request asks for it."""

    def __init__(self, request):
        self.request = request
        self.locale = active_locale()
        self.query = clean_query(request.GET.get("q", ""))
        kind = request.GET.get("type", "")
        self.type = KINDS.get(kind)
        self.themes = self._themes(request.GET.getlist("theme"))
        self.all_themes = themes_to_show(self.locale)

    def _themes(self, slugs):
        slugs = list(dict.fromkeys(clean_query(slug) for slug in slugs if slug.strip()))[
            :MAX_THEMES
        ]
        if not slugs:
            return []
        themes = list(visible(Theme.objects.filter(locale=self.locale, slug__in=slugs)))
        if len(themes) != len(slugs):
            raise Http404("No such theme")  # the URL names a theme that does not exist
        return themes

    @property
    def types(self):
        return [self.type] if self.type else list(KINDS.values())

    @cached_property
    def catalogue(self):
        return catalogue(self.locale)

    def entries(self, leave_out=()):
        """``{id: Entry}`` of the pages this search may return: the reader's language, the
        chosen type, visible now (``catalogue.py``), without ``leave_out``."""
        current = self.catalogue.current()
        if not self.type and not leave_out:
            return current
        kinds = {kind.key for kind in self.types}
        left_out = set(leave_out)
        return {
            pk: entry for pk, entry in current.items() if entry.kind in kinds and pk not in left_out
        }

    def with_every_theme(self, ids):
        """Those of ``ids`` carrying every chosen theme (in any language version)."""
        allowed = None
        for theme in self.themes:
            carrying = self.catalogue.carrying([theme.translation_key])
            allowed = carrying if allowed is None else allowed & carrying
        return [pk for pk in ids if pk in allowed]

    def url(self, **changes):
        params = {
            "q": self.query,
            "type": self.type.key if self.type else "",
            "theme": [t.slug for t in self.themes],
        }
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v}, doseq=True)

    def language_urls(self, page_number=1):
        """This search in every language, for the language switcher: ``{code: url}``.

        The same words, type and page of results; each chosen theme as its version in
        that language, left out where that language has none the public may see.
        """
        keys = [theme.translation_key for theme in self.themes]
        slugs = {}
        if keys:
            versions = visible(Theme.objects.filter(translation_key__in=keys))
            for key, code, slug in versions.values_list(
                "translation_key", "locale__language_code", "slug"
            ):
                slugs[(key, code)] = slug
        page = page_number if page_number > 1 else ""
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                base = reverse("search")
            themes = [slugs[(key, code)] for key in keys if (key, code) in slugs]
            query = self.url(theme=themes, page=page)
            urls[code] = base + (query if query != "?" else "")
        return urls


def themes_to_show(locale):
    """Every theme a reader of ``locale`` may narrow by (``with_fallbacks``), from the memo.

    Kept until a theme is published or unpublished (a new memo generation), or until
    the soonest expiry time among them passes: then read afresh.
    """
    themes, soonest = memo.remember(("search-themes", locale.pk), lambda: _themes_now(locale))
    if soonest is not None and timezone.now() >= soonest:
        themes, _soonest = _themes_now(locale)
    return themes


def _themes_now(locale):
    themes = with_fallbacks(Theme.objects.all(), locale)
    expiries = [shown.item.expire_at for shown in themes if shown.item.expire_at]
    return themes, min(expiries, default=None)


def active_locale():
    """``Locale.get_active()``, from the memo of locales (no query once it is built)."""
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return Locale.get_active()
    return locales()["code"].get(code) or Locale.get_active()


def promoted_pages(query, locale):
    """Pages staff pinned for ``query`` (a search log ``Query``), in the reader's language."""
    shown = visible(Page.objects.all())
    picks = query.editors_picks.filter(page__in=shown).select_related("page")
    pages = [pick.page for pick in picks]
    return [shown.item for shown in localized(pages, locale) if not shown.lang]


def specific_in_order(ids):
    found = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [found[pk] for pk in ids if pk in found]


def describe(page, query, kinds, language=""):
    """What a result shows: its type, its extract with the words marked, later its themes.

    ``language``: the language of its text where that is not the reader's (an
    untranslated copy), for ``lang="…"`` and the visible "(in English)".
    """
    kind = next((k for k in kinds if isinstance(page, k.model)), None)
    fields = kind.text_fields if kind else ("search_description",)
    return {
        "page": page,
        "kind": kind,
        "extract": highlight(running_text(page, fields), query),
        "themes": [],
        "lang": language,
        "in_language": language_note(language),
    }


def language_of(entry, own):
    """The language of a result's text where it is not the reader's (``own``), else ''."""
    return entry.language if entry.language != own else ""


def language_note(language):
    """The visible "(in English)" for a result in ``language``, or ''."""
    return IN_LANGUAGE.get(language, f"({language})") if language else ""


def marked(pages, locale):
    """Staff's picks as the template shows them: each with its language where not the reader's."""
    languages = copy_languages(pages, locale) if pages else {}
    return [
        {
            "page": page,
            "lang": languages.get(page.pk, ""),
            "in_language": language_note(languages.get(page.pk)),
        }
        for page in pages
    ]


def attach_themes(items, locale):
    """Each result's themes in the reader's language (see ``themes_by_page``)."""
    themes = themes_by_page([item["page"] for item in items], locale)
    for item in items:
        item["themes"] = themes[item["page"].pk]


def facet_counts(ids, catalogue):
    """How many of ``ids`` carry each theme, by the theme's translation key (as text)."""
    found = set(ids)
    counts = {key: len(found & carrying) for key, carrying in catalogue.by_theme.items()}
    return {key: count for key, count in counts.items() if count}


def run_search(request, search):
    """Results, facets and suggestions for a search that has words, themes or a type."""
    promoted = []
    if search.query:
        logged = Query.get(search.query)  # once: the promotions and the count both need it
        promoted = promoted_pages(logged, search.locale)
    entries = search.entries(leave_out=[page.pk for page in promoted])
    if search.query:
        words = search_words(search.query)
        pool = CataloguePool(search.locale, search.catalogue, entries, search.types)
        ids = matching_ids(words, [pool]) if words else []
    else:
        ids = search.catalogue.newest_first(entries)
    if search.themes:
        ids = search.with_every_theme(ids)
    page_of_results = paginate(request, ids, PER_PAGE)
    first_page = page_of_results.number == 1
    if search.query and first_page:
        logged.add_hit()  # counts the words only: no address, no user
    listed = specific_in_order(page_of_results.object_list)
    own = search.locale.language_code
    items = [
        describe(page, search.query, search.types, language_of(entries[page.pk], own))
        for page in listed
    ]
    attach_themes(items, search.locale)
    counts = facet_counts(ids, search.catalogue)
    chosen = [theme.slug for theme in search.themes]
    context = {
        "results": page_of_results,
        "items": items,
        "promoted": marked(promoted, search.locale) if first_page else [],
        "facets": [
            {
                "theme": shown.item,
                "count": counts[str(shown.item.translation_key)],
                "url": search.url(theme=[*chosen, shown.item.slug]),
            }
            for shown in search.all_themes
            if counts.get(str(shown.item.translation_key))
            and shown.item.slug not in chosen
            and not shown.lang  # no page of it in this language
        ],
    }
    if page_of_results.has_previous():
        context["previous_url"] = search.url(page=page_of_results.previous_page_number())
    if page_of_results.has_next():
        context["next_url"] = search.url(page=page_of_results.next_page_number())
    if search.query and page_of_results.paginator.count < 3:
        context["suggestion"] = did_you_mean(search.query, search.locale.language_code)
    return context


@require_GET
def search(request):
    search = Search(request)
    context = {
        "search": search,
        "query": search.query,
        "all_themes": search.all_themes,
        "max_query_length": MAX_QUERY_LENGTH,
        "types": list(KINDS.values()),
        "active_themes": [
            {
                "theme": theme,
                "remove_url": search.url(theme=[t.slug for t in search.themes if t != theme]),
            }
            for theme in search.themes
        ],
    }
    if search.query or search.themes or search.type:
        context.update(run_search(request, search))
    # The language switcher keeps the words, the filters and the page of results.
    number = context["results"].number if "results" in context else 1
    context["switcher_urls"] = search.language_urls(number)
    return TemplateResponse(request, "site_core/search.html", context)


@require_GET
def suggest(request):
    """Titles of principles and themes that start with what the visitor has typed.

    An untranslated principle's English title says so (``lang``); ``status`` is what
    a screen reader announces when the list opens.
    """
    locale = active_locale()
    prefix = clean_query(request.GET.get("q", ""))[:60]
    suggestions = []
    if len(prefix) >= 2:
        words = Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}")
        for kind in KINDS.values():
            if kind.key != "principle":
                continue
            pages = with_source_language(visible(kind.model.objects.filter(words, locale=locale)))
            for page in pages.order_by("title")[:SUGGESTIONS]:
                suggestion = {
                    "title": page.title,
                    "url": page.get_url(request),
                    "type": str(kind.label),
                }
                if page.alias_language and page.alias_language != locale.language_code:
                    suggestion["lang"] = page.alias_language
                suggestions.append(suggestion)
        for theme in visible(
            Theme.objects.filter(
                Q(name__istartswith=prefix) | Q(name__icontains=f" {prefix}"), locale=locale
            )
        ).order_by("name")[:SUGGESTIONS]:
            url = public_url(theme, request)
            if url:
                suggestions.append({"title": theme.name, "url": url, "type": gettext("Theme")})
    suggestions = suggestions[:SUGGESTIONS]
    status = (
        ngettext(
            "%(count)d suggestion. Use the up and down arrow keys to choose, Enter to open.",
            "%(count)d suggestions. Use the up and down arrow keys to choose, Enter to open.",
            len(suggestions),
        )
        % {"count": len(suggestions)}
        if suggestions
        else ""
    )
    response = JsonResponse({"query": prefix, "suggestions": suggestions, "status": status})
    return cache_policy.cache_for(response, cache_policy.SUGGESTIONS)
