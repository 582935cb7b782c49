"""The vocabulary behind "did you mean": words of published pages, per language.

On PostgreSQL the closest word is found with pg_trgm's trigram similarity; on
SQLite with Python's difflib over the same table.
"""

import difflib
import re
import unicodedata

from django.db import connection
from django.db.models import F
from django.utils.html import strip_tags
from wagtail.models import Locale
from wagtail.search import index

from site_core.models import SearchTerm

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


def record_terms(page, language):
    """Add the words of ``page`` to the vocabulary of ``language`` (two queries)."""
    counts = {}
    for word in WORD.findall(page_text(page, exclude=())):
        word = word.lower()
        counts[word] = counts.get(word, 0) + 1
    if not counts:
        return
    existing = set(
        SearchTerm.objects.filter(language=language, term__in=counts).values_list("term", flat=True)
    )
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(language=language, term=w, frequency=n)
            for w, n in counts.items()
            if w not in existing
        ]
    )
    if existing:
        SearchTerm.objects.filter(language=language, term__in=existing).update(
            frequency=F("frequency") + 1
        )


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


def record_terms_on_publish(sender, instance, **kwargs):
    """page_published handler: the published words feed "did you mean"."""
    page = instance.specific
    record_terms(page, Locale.objects.get(pk=page.locale_id).language_code)
