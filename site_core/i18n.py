"""Keeping links in the reader's language.

wagtail-localize copies many-to-many links, inline credits and chooser blocks
into a translation as they are, so a Spanish page can still point at English
themes, contributors or pages. Rather than rewrite those links whenever a
translation is saved, every page resolves what it links to into the locale it
is shown in, at render time: one query per kind of linked item, whatever the
number of links. Where no version in that locale exists, the item itself is
kept and its ``Shown.lang`` says which language it is in, so templates mark it
``lang="…"``.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import DraftStateMixin, Locale, Page

from site_core.visibility import is_visible, visible


@dataclass(frozen=True)
class Shown:
    """An item as a page in one language shows it.

    ``item`` is the item's version in the reader's language or, where nobody has
    translated it yet, the item in its own language; ``lang`` is then that
    language's code (for ``lang="…"``), and blank otherwise.
    """

    item: object
    lang: str = ""

    def __str__(self):
        return str(self.item)


def _language_codes():
    from site_core.serving import locales  # the memo's copy: no query per request

    return {pk: locale.language_code for pk, locale in locales()["id"].items()}


def localized(items, locale):
    """Each item in ``locale`` as a ``Shown``, in the same order, each translation once.

    ``items`` are instances of one translatable model (a snippet or a page type).
    Pages are only swapped for versions visible to the public. Snippets with
    drafts (themes, contributors) are shown only in a version visible to the
    public, and left out when they have none.
    """
    return list(localized_by_key(items, locale).values())


def localized_by_key(items, locale):
    """``{translation_key: Shown}`` for ``items`` in ``locale``, in first-seen order."""
    items = list(items)
    if not items:
        return {}
    locale_id = getattr(locale, "pk", locale)
    model = type(items[0])
    if issubclass(model, DraftStateMixin) and not issubclass(model, Page):
        return _published_by_key(items, locale_id, model)
    missing = {item.translation_key for item in items if item.locale_id != locale_id}
    found = {}
    if missing:
        versions = model.objects.filter(locale_id=locale_id, translation_key__in=missing)
        if issubclass(model, Page):
            versions = visible(versions)
        found = {version.translation_key: version for version in versions}
    codes = None
    result = {}
    for item in items:
        key = item.translation_key
        if key in result:
            continue
        if item.locale_id == locale_id:
            result[key] = Shown(item)
        elif key in found:
            result[key] = Shown(found[key])
        else:
            codes = codes or _language_codes()
            result[key] = Shown(item, codes.get(item.locale_id, ""))
    return result


def _published_by_key(items, locale_id, model):
    """``localized_by_key`` for snippets with drafts: only versions visible to the public.

    For each item: its version in ``locale`` if visible, else the linked item
    itself if visible, else its default-language version, else any visible
    version; with none, it is left out. One query, none when every item is
    already a visible one in ``locale`` (the database row is the published version).
    """
    keys = list(dict.fromkeys(item.translation_key for item in items))
    linked = {}
    for item in items:
        linked.setdefault(item.translation_key, item)
    settled = {
        key: item
        for key, item in linked.items()
        if item.locale_id == locale_id and is_visible(item)
    }
    versions = defaultdict(dict)  # translation key -> {locale id: visible version}
    if len(settled) < len(keys):
        unsettled = [key for key in keys if key not in settled]
        for version in visible(model.objects.filter(translation_key__in=unsettled)):
            versions[version.translation_key][version.locale_id] = version
    codes = _language_codes() if versions else {}
    default_id = next((pk for pk, code in codes.items() if code == settings.LANGUAGE_CODE), None)
    result = {}
    for key in keys:
        if key in settled:
            result[key] = Shown(settled[key])
            continue
        found = versions.get(key)
        if not found:
            continue  # nothing the public may see
        version = (
            found.get(locale_id)
            or found.get(linked[key].locale_id)
            or found.get(default_id)
            or next(iter(found.values()))
        )
        lang = "" if version.locale_id == locale_id else codes.get(version.locale_id, "")
        result[key] = Shown(version, lang)
    return result


def with_fallbacks(queryset, locale):
    """Everything in ``locale`` plus, marked, the items that have no version in it yet.

    For the index of a translatable snippet: a Spanish reader sees every Spanish
    theme and, labelled as English, any theme nobody has translated (or whose
    Spanish version is not published yet). Only items visible to the public are
    listed. Sorted by name in the reader's language. Returns ``Shown`` items.
    """
    locale = locale if isinstance(locale, Locale) else Locale.objects.get(pk=locale)
    queryset = visible(queryset)
    own = [Shown(item) for item in queryset.filter(locale=locale)]
    keys = {shown.item.translation_key for shown in own}
    others = [item for item in queryset.exclude(locale=locale) if item.translation_key not in keys]
    if others:
        codes = _language_codes()
        default_id = Locale.get_default().pk
        untranslated = {}
        for item in others:  # one per translation key, preferring the default locale
            if item.translation_key not in untranslated or item.locale_id == default_id:
                untranslated[item.translation_key] = item
        own.extend(Shown(item, codes.get(item.locale_id, "")) for item in untranslated.values())
    return sorted(own, key=lambda shown: collation_key(str(shown), locale.language_code))


def collation_key(text, language):
    """How ``text`` sorts in ``language``: case and accents ignored, 'ñ' after 'n' in Spanish.

    Close to the alphabetical order a reader of that language expects, without
    depending on the system's installed locales.
    """
    text = text.casefold()
    if language.startswith("es"):
        text = text.replace("ñ", "n\uffff")  # sorts after every other 'n…'
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def home_path(code):
    """The address of the home page in ``code``'s language: ``/en/``, ``/es/``."""
    with translation.override(code):
        return reverse("wagtail_serve", args=[""])


def language_name(code):
    """The language's name in its own words: 'English', 'Español'."""
    return get_language_info(code)["name_local"].capitalize()


def with_source_language(pages):
    """Annotate ``alias_language``: the language of the page an untranslated copy shows.

    Lets a list mark untranslated items ``lang="en"`` without a query per item.
    """
    return pages.annotate(alias_language=F("alias_of__locale__language_code"))
