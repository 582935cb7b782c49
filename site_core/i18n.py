"""Keeping links in the reader's language.

wagtail-localize copies many-to-many links, inline credits and chooser blocks
into a translation as they are, so a Spanish page can still point at English
themes, contributors or pages. Rather than rewrite those links whenever a
translation is saved, every page resolves what it links to into the locale it
is shown in, at render time: one query per kind of linked item, whatever the
number of links. Where no version in that locale exists, the item itself is
kept and marked with ``fallback_lang`` so templates label it ``lang="…"``.
"""

from django.db.models import F
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page


def _language_codes():
    return dict(Locale.objects.values_list("pk", "language_code"))


def localized(items, locale):
    """Each item in ``locale``, in the same order, each translation once.

    ``items`` are instances of one translatable model (a snippet or a page type).
    Pages are only swapped for live versions; an item with no version in
    ``locale`` is returned as it is, with ``fallback_lang`` set.
    """
    items = list(items)
    if not items:
        return []
    locale_id = getattr(locale, "pk", locale)
    model = type(items[0])
    missing = {item.translation_key for item in items if item.locale_id != locale_id}
    found = {}
    if missing:
        versions = model.objects.filter(locale_id=locale_id, translation_key__in=missing)
        if issubclass(model, Page):
            versions = versions.live()
        found = {version.translation_key: version for version in versions}
    codes = None
    result, seen = [], set()
    for item in items:
        if item.translation_key in seen:
            continue
        seen.add(item.translation_key)
        if item.locale_id != locale_id:
            if item.translation_key in found:
                item = found[item.translation_key]
            else:
                codes = codes or _language_codes()
                item.fallback_lang = codes.get(item.locale_id)
        result.append(item)
    return result


def with_fallbacks(queryset, locale):
    """Everything in ``locale`` plus, marked, the items that have no version in it yet.

    For the index of a translatable snippet: a Spanish reader sees every Spanish
    theme and, labelled as English, any theme nobody has translated. Sorted by name.
    """
    locale_id = getattr(locale, "pk", locale)
    own = list(queryset.filter(locale_id=locale_id))
    keys = {item.translation_key for item in own}
    others = [
        item for item in queryset.exclude(locale_id=locale_id) if item.translation_key not in keys
    ]
    if others:
        codes = _language_codes()
        default_id = Locale.get_default().pk
        untranslated = {}
        for item in others:  # one per translation key, preferring the default locale
            if item.translation_key not in untranslated or item.locale_id == default_id:
                untranslated[item.translation_key] = item
        for item in untranslated.values():
            item.fallback_lang = codes.get(item.locale_id)
        own.extend(untranslated.values())
    return sorted(own, key=lambda item: str(item).casefold())


def language_name(code):
    """The language's name in its own words: 'English', 'Español'."""
    return get_language_info(code)["name_local"].capitalize()


def with_source_language(pages):
    """Annotate ``alias_language``: the language of the page an untranslated copy shows.

    Lets a list mark untranslated items ``lang="en"`` without a query per item.
    """
    return pages.annotate(alias_language=F("alias_of__locale__language_code"))
