"""What the search knows of every page it may show, per language, kept in each process.

A search used to ask the database, on every request, which pages of the reader's
language the public may see, which are untranslated copies, which carry which
themes and which are newest. At 10,000 pages those questions cost more than the
full-text match itself: the visibility rule as a semi-join over every page (16 ms
on the benchmark machine), the theme counts over thousands of ids passed back in
(40 ms, and 14 ms more to plan), the theme filter, the themed pages, the copies.

Their answers change only when something is published, unpublished, moved,
deleted or restricted, and each of those starts a new memo generation
(``site_core.memo``, renewed by ``site_core.purge``). So each process builds a
``Catalogue`` per language once (three queries) and answers all of it in Python.
The one thing that changes on its own is time: a page past its expiry time is
hidden before ``publish_scheduled`` unpublishes it, so each entry keeps its
expiry and ``current()`` drops it once that has passed.

The catalogue is built with the one visibility rule (``site_core.visibility``);
nothing here restates it.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from site_core import memo
from site_core.visibility import visible

from .kinds import KINDS


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # the key of its SearchKind
    language: str  # the language its text is in: its locale's, or a copy's source's
    published: object  # first_published_at (newest first where no rank orders)
    themes: frozenset  # translation keys of its themes, as text
    expires: object  # the soonest expiry of the page and, for a copy, its source


class Catalogue:
    """Every page of one locale that the search may show, by id."""

    def __init__(self, language, entries):
        self.language = language
        self.entries = entries
        expiries = [entry.expires for entry in entries.values() if entry.expires]
        self.soonest_expiry = min(expiries) if expiries else None
        self.by_language = {}  # language of the text -> ids
        for pk, entry in entries.items():
            self.by_language.setdefault(entry.language, set()).add(pk)
        self.languages = set(self.by_language)
        self.by_theme = {}  # theme key (text) -> ids of the pages carrying it
        for pk, entry in entries.items():
            for key in entry.themes:
                self.by_theme.setdefault(key, set()).add(pk)
        # Newest first (by first publication, then the later id), sorted once.
        self.newest = sorted(
            entries,
            key=lambda pk: (entries[pk].published is not None, entries[pk].published, pk),
            reverse=True,
        )

    def carrying(self, keys):
        """Ids of the pages carrying any of the theme ``keys``."""
        return set().union(*(self.by_theme.get(str(key), ()) for key in keys))

    def newest_first(self, ids):
        """Those of ``ids`` (a set or a dict of ids), newest first."""
        return [pk for pk in self.newest if pk in ids]

    def current(self):
        """``{id: Entry}`` as of now: without the entries whose expiry time has passed."""
        now = timezone.now()
        if self.soonest_expiry is None or now < self.soonest_expiry:
            return self.entries
        return {
            pk: entry
            for pk, entry in self.entries.items()
            if entry.expires is None or entry.expires > now
        }


def catalogue(locale):
    """The catalogue of ``locale``, from the memo (built afresh outside a request)."""
    return memo.remember(("search-catalogue", locale.pk), lambda: build(locale))


def build(locale):
    """Three queries: the visible pages with their copy's language, then each kind's themes."""
    kinds = {ContentType.objects.get_for_model(kind.model).pk: kind.key for kind in KINDS.values()}
    themes = {}
    for kind in KINDS.values():
        through, column = kind.theme_link
        rows = through.objects.filter(**{f"{column}__locale": locale}).values_list(
            f"{column}_id", "theme__translation_key"
        )
        for pk, key in rows:  # keys as text: hashing a UUID object costs far more
            themes.setdefault(pk, set()).add(str(key))
    rows = visible(Page.objects.filter(locale=locale, content_type_id__in=list(kinds))).values_list(
        "pk",
        "content_type_id",
        "alias_of__locale__language_code",
        "first_published_at",
        "expire_at",
        "alias_of__expire_at",
    )
    entries = {}
    for pk, content_type, copied_from, published, expires, source_expires in rows:
        soonest = min((when for when in (expires, source_expires) if when), default=None)
        entries[pk] = Entry(
            kind=kinds[content_type],
            language=copied_from or locale.language_code,
            published=published,
            themes=frozenset(themes.get(pk, ())),
            expires=soonest,
        )
    return Catalogue(locale.language_code, entries)
