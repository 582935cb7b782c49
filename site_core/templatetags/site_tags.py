"""Template helpers for the public site."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from site_core.i18n import home_path, language_name
from site_core.visibility import visible

register = template.Library()


@register.inclusion_tag("includes/nav.html", takes_context=True)
def main_nav(context):
    """The home page's children that staff marked 'Show in menus', in the reader's language."""
    request = context.get("request")
    home = home_for_request(request)
    items = []
    if home is not None:
        current = request.path if request else ""
        for child in visible(home.get_children()).in_menu().only("title", "url_path"):
            url = child.get_url(request)
            items.append({"title": child.title, "url": url, "current": current.startswith(url)})
    return {"items": items, "home": home, "request": request}


def home_for_request(request):
    """The site's home page in the active language (itself when untranslated)."""
    if request is None:
        return None
    cached = request.__dict__.get("_home_page")
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    home = root.get_translation_or_none(Locale.get_active()) or root
    request._home_page = home
    return home


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This content in every published language, for the switcher and hreflang links.

    Looks at the routed snippet (a theme or contributor that the page in context,
    a snippet index page, serves) or else the page.
    Each entry: code, name (in its own words), url, current, exact (the same
    content rather than that language's home page) and translated (a real
    translation, not an untranslated copy awaiting one).
    """
    request = context.get("request")
    cache = request.__dict__.setdefault("_language_versions", {}) if request else {}
    if "versions" in cache:
        return cache["versions"]
    obj = context.get("translatable") or context.get("page")
    found = {}
    if isinstance(obj, Page):
        for version in visible(
            Page.objects.filter(translation_key=obj.translation_key)
        ).select_related("locale"):
            found[version.locale.language_code] = (
                version.get_url(request),
                not version.alias_of_id,
            )
    elif obj is not None and hasattr(obj, "translation_key"):
        index_page = type(context["page"])  # the SnippetIndexPageMixin page serving ``obj``
        for version in visible(
            type(obj).objects.filter(translation_key=obj.translation_key)
        ).select_related("locale"):
            url = index_page.url_of(version, request)
            if url:
                found[version.locale.language_code] = (url, True)
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        url, translated = found.get(code, (None, False))
        versions.append(
            {
                "code": code,
                "name": language_name(code),
                "url": url or home_path(code),
                "current": code == current,
                "exact": url is not None,
                "translated": translated,
            }
        )
    cache["versions"] = versions
    return versions


@register.simple_tag
def content_language(page):
    """The language a page's content is written in, when it differs from its locale.

    wagtail-localize keeps an untranslated copy (an alias) of every English page
    in the Spanish tree so no Spanish link is dead; its text is still English.
    Returns '' for every ordinary page.
    """
    if not isinstance(page, Page) or not page.alias_of_id:
        return ""
    source = Page.objects.filter(pk=page.alias_of_id).values_list(
        "locale__language_code", "locale_id"
    )
    for code, locale_id in source:
        if locale_id != page.locale_id:
            return code
    return ""


@register.filter
def language_label(code):
    return language_name(code) if code else ""


@register.filter
def lang_attr(obj):
    """` lang="en"` for an item shown in a language other than the page's, else ''.

    Knows ``Shown`` items (``lang``: snippets and pages the reader's language has
    no version of yet), untranslated page copies (``alias_language``, annotated by
    ``with_source_language``) and ``PrincipleCard``s of either.
    """
    obj = getattr(obj, "page", obj)  # a card: its page carries the annotation
    code = getattr(obj, "lang", None) or getattr(obj, "alias_language", None)
    if code and code != get_language():
        return format_html(' lang="{}"', code)
    return ""
