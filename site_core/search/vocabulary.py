"""The vocabulary behind "did you mean": words of the pages visible to the public.

Only principles and reflections that an anonymous visitor may open (see
``site_core.visibility``) lend their words, each in its own language; untranslated
copies lend none (their source does). ``PageTerms`` remembers what each page lent,
so that whenever a page changes in a way that can change its visibility, its words
are compared with what it lent before and the counts in ``SearchTerm`` move by the
difference: a word leaves the vocabulary when no visible page uses it any more.

What triggers a comparison (signals connected in ``site_core.apps``): publishing,
unpublishing, deleting and moving a page, and adding or removing a view
restriction (which concerns the page, its descendants and their untranslated
copies). Cost per publication: at most ten queries, whatever the page's length
and however many words it adds or takes back (measured in the tests). ``manage.py rebuild_search_vocabulary`` starts over from scratch.

On PostgreSQL the closest word is found with pg_trgm's trigram similarity; on
SQLite with Python's difflib over the same table.
"""

import difflib
import re
import unicodedata

from django.db import connection, transaction
from django.db.models import F
from django.utils.html import strip_tags
from wagtail.models import Locale, Page
from wagtail.search import index

from site_core.models import PageTerms, SearchTerm
from site_core.visibility import is_visible, visible

from .kinds import KINDS

WORD = re.compile(r"[^\W\d_]{4,40}", re.UNICODE)


def fold(text):
    """Lowercase without accents: how words are compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def page_text(page, exclude=("title",)):
    """The plain text of a page's searchable fields, as the search index sees it."""
    parts = []
    for field in type(page).get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name in exclude:
            continue
        value = getattr(page, field.field_name, None)
        value = value() if callable(value) else value
        if not value:
            continue
        model_field = getattr(field, "get_field", lambda model: None)(type(page))
        if hasattr(model_field, "get_searchable_content"):
            parts.extend(strip_tags(text) for text in model_field.get_searchable_content(value))
        else:
            parts.append(strip_tags(str(value)))
    return " ".join(part.strip() for part in parts if part)


def lends_words(page):
    """Whether ``page`` is of a kind the search offers, in its own words (not a copy)."""
    return isinstance(page, tuple(kind.model for kind in KINDS.values())) and not page.alias_of_id


def words_of(page):
    return {word.lower() for word in WORD.findall(page_text(page, exclude=()))}


# Keeping the vocabulary in step -------------------------------------------------------


def sync_page(page):
    """Bring what ``page`` lends in line with what it shows the public now."""
    page = page.specific
    lent = words_of(page) if lends_words(page) and is_visible(page) else set()
    language = Locale.objects.filter(pk=page.locale_id).values_list("language_code", flat=True)
    _replace(page.pk, language.first() or "", lent)


def sync_subtree(page):
    """``page`` and its descendants, after a restriction or a move.

    Their untranslated copies lend no words, so they need no visit.
    """
    for each in Page.objects.descendant_of(page, inclusive=True).specific():
        sync_page(each)


def withdraw(page_id):
    """A deleted page takes back every word it lent."""
    _replace(page_id, None, set())


@transaction.atomic
def _replace(page_id, language, terms):
    record = PageTerms.objects.select_for_update().filter(page_id=page_id).first()
    before = set(record.terms.split()) if record else set()
    before_language = record.language if record else language
    added, removed = terms - before, before - terms
    if language is not None and record and language != before_language:
        added, removed = terms, before  # moved to another language: lend all anew
    if removed:
        _count(before_language, removed, -1)
    if added:
        _count(language, added, +1)
    if terms and record:
        record.language, record.terms = language, " ".join(sorted(terms))
        record.save(update_fields=["language", "terms"])
    elif terms:
        PageTerms.objects.create(page_id=page_id, language=language, terms=" ".join(sorted(terms)))
    elif record:
        record.delete()


def _count(language, words, step):
    """Move the page counts of ``words`` by ``step``; drop words no page uses (≤ 3 queries)."""
    terms = SearchTerm.objects.filter(language=language, term__in=words)
    if step > 0:
        existing = set(terms.values_list("term", flat=True))
        SearchTerm.objects.bulk_create(
            [SearchTerm(language=language, term=word, frequency=1) for word in words - existing]
        )
        terms.filter(term__in=existing).update(frequency=F("frequency") + step)
    else:
        terms.update(frequency=F("frequency") + step)
        terms.filter(frequency__lte=0).delete()


@transaction.atomic
def rebuild():
    """The whole vocabulary from the pages visible now; returns the number of words."""
    SearchTerm.objects.all().delete()
    PageTerms.objects.all().delete()
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    counts, records = {}, []
    kinds = [kind.model for kind in KINDS.values()]
    for page in visible(Page.objects.type(*kinds).filter(alias_of__isnull=True)).specific():
        language = languages[page.locale_id]
        terms = words_of(page)
        if not terms:
            continue
        records.append(PageTerms(page_id=page.pk, language=language, terms=" ".join(sorted(terms))))
        for word in terms:
            counts[(language, word)] = counts.get((language, word), 0) + 1
    PageTerms.objects.bulk_create(records)
    SearchTerm.objects.bulk_create(
        [SearchTerm(language=lang, term=word, frequency=n) for (lang, word), n in counts.items()]
    )
    return len(counts)


# Signal handlers ----------------------------------------------------------------------


def on_publish_or_unpublish(sender, instance, **kwargs):
    sync_page(instance)


def on_restriction_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        sync_subtree(page)


def on_move(sender, instance, **kwargs):
    sync_subtree(instance)


def on_delete(sender, instance, **kwargs):
    withdraw(instance.pk)


# Suggestions ---------------------------------------------------------------------------


def closest_term(word, language):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                # `%%` is pg_trgm's similarity operator, served by a trigram index.
                "SELECT term FROM site_core_searchterm WHERE language = %s AND term %% %s "
                "ORDER BY similarity(term, %s) DESC, frequency DESC LIMIT 1",
                [language, word, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    terms = SearchTerm.objects.filter(language=language).values_list("term", flat=True)
    matches = difflib.get_close_matches(word, list(terms), n=1, cutoff=0.75)
    return matches[0] if matches else None


def did_you_mean(query, language):
    """The query with unknown words replaced by the closest known ones, or None."""
    words = query.split()
    if not words or len(words) > 6:
        return None
    known = {
        fold(term)
        for term in SearchTerm.objects.filter(
            language=language, term__in=[w.lower() for w in words]
        ).values_list("term", flat=True)
    }
    changed, corrected = False, []
    for word in words:
        if len(word) < 4 or fold(word) in known or not WORD.fullmatch(word):
            corrected.append(word)
            continue
        better = closest_term(word.lower(), language)
        if better and fold(better) != fold(word):
            corrected.append(better)
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
