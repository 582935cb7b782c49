"""Which pages match a visitor's words: one rule for the search page and the API.

A page is matched in the language its text is written in. A Spanish reader's
pages are the Spanish translations and the untranslated copies (aliases) of
English pages; a copy holds English words, indexed with English stemming
(``backend.py``), so its words are matched with English stemming too. A page is
also found through its themes: when the words match the name of a theme in the
page's language ("trabajo sexual", "sanación"), every page carrying that theme is
found, translated or not, even where its own text never uses the words.

Results come in this order, each group best first:

1. pages translated into their locale's language whose text matches;
2. untranslated copies whose (source's) text matches;
3. pages found only through a theme's name, newest first.

The cost is fixed whatever the number of matches: per locale searched, one
full-text query per language of text (the index alone, on PostgreSQL) and one for
theme names. Which pages a locale holds, in which language, with which themes,
comes from a ``Pool``: the search page's is the per-process catalogue
(``catalogue.py``, no query); the API's is read from its queryset (one query, and
one more for the pages carrying a matched theme).
"""

from django.conf import settings
from django.db import connection
from django.db.models import CharField, F, Func, IntegerField, Q, Value
from django.db.models.functions import Cast, Concat
from wagtail.models import Page, get_page_models

from principles.models import Theme
from site_core.visibility import visible_to_search

from .backend import language_backend
from .highlight import stems
from .kinds import KINDS
from .vocabulary import fold


class Pool:
    """The pages of one locale a search may return, as ``matching_ids`` asks about them.

    ``languages``: the languages their text is in, ``language`` (the locale's) first;
    ``keep(ids, language)``: those of ``ids`` in the pool whose text is in ``language``,
    in the same order; ``themed(keys)``: the pool's pages carrying any of the theme
    ``keys``, newest first. ``models``: the page types to look for in the index.
    """

    def __init__(self, locale, models):
        self.locale = locale
        self.language = locale.language_code
        self.models = models


class CataloguePool(Pool):
    """A pool read from the per-process search catalogue (the search page): no query.

    ``entries``: the catalogue's entries the search may return (``Search.entries``).
    """

    def __init__(self, locale, catalogue, entries, kinds):
        super().__init__(locale, [kind.model for kind in kinds])
        self.catalogue = catalogue
        self.entries = entries

    @property
    def languages(self):
        return in_language_order(self.catalogue.languages, first=self.language)

    def keep(self, ids, language):
        entries, in_language = self.entries, self.catalogue.by_language.get(language, ())
        return [pk for pk in ids if pk in in_language and pk in entries]

    def themed(self, keys):
        entries = self.entries
        found = {pk for pk in self.catalogue.carrying(keys) if pk in entries}
        return self.catalogue.newest_first(found) if found else []


class QuerysetPool(Pool):
    """A pool read from a queryset of pages (the API's, with its own filters): one query."""

    def __init__(self, locale, pages):
        super().__init__(locale, [pages.model])
        self.pages = pages.filter(locale=locale)
        rows = self.pages.order_by().values_list("pk", "alias_of__locale__language_code")
        self.text_language = {pk: copied_from or self.language for pk, copied_from in rows}

    @property
    def languages(self):
        return in_language_order(set(self.text_language.values()), first=self.language)

    def keep(self, ids, language):
        found = self.text_language
        return [pk for pk in ids if found.get(pk) == language]

    def themed(self, keys):
        return pages_with_themes(self.pages, keys, self.locale)


def in_language_order(codes, first):
    """``codes``: ``first`` first (where present), then in the order of ``settings.LANGUAGES``."""
    order = [code for code, _name in settings.LANGUAGES]
    rest = sorted(
        codes - {first},
        key=lambda code: (code not in order, code in order and order.index(code), code),
    )
    return ([first] if first in codes else []) + rest


def ranked(words, language, models, operator="and", order_by_relevance=True):
    """Ids of the pages of ``models`` whose index entry matches ``words`` in ``language``.

    Best first (with ``order_by_relevance``). Every locale's pages come back: the pool
    keeps those it holds, in the language their text is in.
    """
    backend = language_backend(language)
    if hasattr(backend, "ranked_ids"):  # PostgreSQL: the index alone, see backend.py
        return backend.ranked_ids(words, page_types(models), operator, order_by_relevance)
    results = backend.search(
        words, Page.objects.type(*models), operator=operator, order_by_relevance=order_by_relevance
    )
    queryset = results.get_queryset() if hasattr(results, "get_queryset") else results
    return list(queryset.values_list("pk", flat=True))


def page_types(models):
    """The page models that are (or inherit from) one of ``models``."""
    return [model for model in get_page_models() if issubclass(model, tuple(models))]


def matching_ids(words, pools, operator="and", order_by_relevance=True):
    """Ids of the pages of ``pools`` (one per locale searched) that match ``words``.

    In the order above. With ``order_by_relevance`` false, the order within each
    group is the index's; the API then puts them in its queryset's order.
    """
    own, copies, themed = [], [], []
    for pool in pools:
        for language in pool.languages:
            found = ranked(words, language, pool.models, operator, order_by_relevance)
            (own if language == pool.language else copies).extend(pool.keep(found, language))
        themed.extend(pool.themed(theme_keys(words, pool.locale, operator)))
    return list(dict.fromkeys([*own, *copies, *themed]))


def theme_keys(words, locale, operator="and"):
    """Translation keys of the themes of ``locale`` (visible ones) whose names match ``words``.

    On PostgreSQL the name is matched with the stemming of the locale's language;
    elsewhere each word must start a word of the name, as a stem would, ignoring
    case and accents.
    """
    themes = visible_to_search(Theme.objects.filter(locale=locale))
    backend = language_backend(locale.language_code)
    if hasattr(backend, "for_language"):  # PostgreSQL: the name alone, stemmed
        results = backend.search(words, themes, fields=["name"], operator=operator)
        matched = results.get_queryset() if hasattr(results, "get_queryset") else results
        return list(matched.values_list("translation_key", flat=True))
    wanted = stems(words)
    if not wanted:
        return []
    found = []
    for key, name in themes.values_list("translation_key", "name"):
        name_words = fold(name).split()
        hits = [any(word.startswith(stem) for word in name_words) for stem in wanted]
        if all(hits) if operator == "and" else any(hits):
            found.append(key)
    return found


def pages_with_themes(pages, keys, locale):
    """Ids of ``pages`` in ``locale`` carrying any theme of ``keys`` (any language version).

    The tagged pages first, by the link tables alone; then only those meet the
    visibility rule in ``pages``, which costs far less than the other way round.
    """
    if not keys:
        return []
    tagged = Q()
    for kind in KINDS.values():
        through, column = kind.theme_link
        tagged |= Q(
            pk__in=through.objects.filter(theme__translation_key__in=keys).values(f"{column}_id")
        )
    ids = list(Page.objects.filter(tagged, locale=locale).values_list("pk", flat=True))
    found = pages.filter(pk__in=ids) if ids else pages.none()
    return list(found.order_by("-first_published_at", "-pk").values_list("pk", flat=True))


def copy_languages(pages, locale):
    """``{page id: language code}`` for those of ``pages`` that are untranslated copies.

    The language their text is in, for ``lang="…"`` and the visible "(in English)".
    One query, whatever the number of pages.
    """
    ids = [page.pk for page in pages]
    rows = (
        Page.objects.filter(pk__in=ids, alias_of__isnull=False)
        .exclude(alias_of__locale=locale)
        .values_list("pk", "alias_of__locale__language_code")
    )
    return dict(rows)


class BigIntArray(Func):
    """A text such as '{1,2,3}' read by PostgreSQL as an array of ids."""

    template = "CAST(%(expressions)s AS bigint[])"


def in_order(queryset, ids, keep_order=False):
    """``queryset`` limited to ``ids``, in their order (or its own, with ``keep_order``).

    For the API, which pages through a queryset. The ids go in as one parameter,
    however many there are.
    """
    if not ids:
        return queryset.none()
    listed = ",".join(str(int(each)) for each in ids)
    if connection.vendor == "postgresql":
        position = Func(
            BigIntArray(Value("{" + listed + "}")),
            F("pk"),
            function="array_position",
            output_field=IntegerField(),
        )
    else:
        # Where ",id," sits in ",1,5,9,": 0 when absent, and growing in the list's order.
        position = Func(
            Value("," + listed + ","),
            Concat(Value(","), Cast("pk", CharField()), Value(",")),
            function="instr",
            output_field=IntegerField(),
        )
    found = queryset.annotate(_position=position).filter(_position__gt=0)
    return found if keep_order else found.order_by("_position")
