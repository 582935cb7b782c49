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

The cost is fixed whatever the number of matches: per locale searched, one query
for its untranslated copies, one full-text query per language of text,
one for theme names and, when a theme matched, one for the pages carrying it.
"""

from django.conf import settings
from django.db import connection
from django.db.models import CharField, F, Func, IntegerField, Q, Value
from django.db.models.functions import Cast, Concat
from wagtail.models import Page

from principles.models import Theme
from site_core.visibility import visible_to_search

from .backend import language_backend
from .highlight import stems
from .kinds import KINDS
from .vocabulary import fold


def copies_by_language(locale):
    """``{language code: [page ids]}``: the untranslated copies in ``locale`` by the language
    their text is in (English, for the Spanish tree). One query.

    Id lists rather than subqueries: the full-text query then meets a short list, not a
    join per row.
    """
    rows = (
        Page.objects.filter(locale=locale, alias_of__isnull=False)
        .exclude(alias_of__locale=locale)
        .values_list("alias_of__locale__language_code", "pk")
    )
    found = {}
    for code, pk in rows:
        found.setdefault(code, []).append(pk)
    order = [code for code, _name in settings.LANGUAGES]
    return {code: found[code] for code in sorted(found, key=lambda c: (c not in order, c))}


def ranked_ids(results):
    """The ids of every match, best first, from one query.

    Fetching ids (not pages) once is what keeps a search cheap at scale: the count,
    the page of results and the theme counts all come from this list, so the
    full-text match runs a single time per request.
    """
    queryset = results.get_queryset() if hasattr(results, "get_queryset") else results
    return list(queryset.values_list("pk", flat=True))


def matching_ids(words, pages, locales, operator="and", order_by_relevance=True):
    """Ids of ``pages`` (a queryset) in ``locales`` that match ``words``, in the order above.

    ``pages`` keeps every filter it has (the search backend refuses, as before, a
    filter or an order on a field it does not index). With ``order_by_relevance``
    false, each group keeps the queryset's own order.
    """
    own, copies, themed = [], [], []
    for locale in locales:
        copied = copies_by_language(locale)
        every_copy = [pk for ids in copied.values() for pk in ids]
        groups = [(locale.language_code, pages.exclude(pk__in=every_copy) if every_copy else pages)]
        groups += [(code, pages.filter(pk__in=ids)) for code, ids in copied.items()]
        for code, group in groups:
            results = language_backend(code).search(
                words, group, operator=operator, order_by_relevance=order_by_relevance
            )
            (own if code == locale.language_code else copies).extend(ranked_ids(results))
        themed.extend(pages_with_themes(pages, theme_keys(words, locale, operator), locale))
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
