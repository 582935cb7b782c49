"""Template helpers for the public site."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext
from wagtail.models import Page, Site

from site_core import memo
from site_core.i18n import home_path, language_name
from site_core.models import ContactPage, SiteSettings
from site_core.serving import home_in_active_language, locale_by_id
from site_core.visibility import visible

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The home page's children that staff marked 'Show in menus', in the reader's language.

    ``includes/nav.html`` rendered once per site, home page and current item (its
    ``aria-current``), and kept in the memo.
    """
    request = context.get("request")
    home = home_for_request(request)
    if home is None:
        return render_to_string("includes/nav.html", {"items": [], "home": None})
    site = Site.find_for_request(request)
    links = memo.remember(
        ("menu-links", site.pk, home.pk),
        lambda: [(child.title, child.get_url(request)) for child in menu_pages(home)],
    )
    current = tuple(request.path.startswith(url) for _title, url in links)

    def render():
        items = [
            {"title": title, "url": url, "current": is_current}
            for (title, url), is_current in zip(links, current, strict=True)
        ]
        return render_to_string("includes/nav.html", {"items": items, "home": home})

    return memo.remember(("menu-html", site.pk, home.pk, current), render)


def menu_pages(home):
    """The pages in ``home``'s menu, kept in the memo (every publish or move renews it)."""
    return memo.remember(
        ("menu", home.pk),
        lambda: list(visible(home.get_children()).in_menu().only("title", "url_path")),
    )


@register.tag
def memoized(parser, token):
    """``{% memoized "name" %}…{% endmemoized %}``: rendered once per site and language.

    For the parts of every page that depend on nothing else (the footer, most of the
    header): kept in the memo, which every publication, move, restriction or settings
    change renews. What they enclose must not depend on the page, the visitor or the
    request's path, and must set no variable used outside them.
    """
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endmemoized",))
    parser.delete_first_token()
    return MemoizedNode(bits[1][1:-1], nodelist)


class MemoizedNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        if site is None:  # an error page rendered without a request
            return self.nodelist.render(context)
        key = ("fragment", self.name, site.pk, get_language())
        return memo.remember(key, lambda: self.nodelist.render(context))


def home_for_request(request):
    """The site's home page in the active language (itself when untranslated)."""
    if request is None:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    return home_in_active_language(site)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This content in every published language, for the switcher and hreflang links.

    The switcher keeps the reader's place:

    - a view that is not a page (the search) hands its own ``switcher_urls``
      (``{code: url}``: the same words and filters in each language);
    - a routed theme or contributor (``translatable``, served by the snippet index
      page in context) goes to the same theme or person;
    - a page goes to its version in each language, on the same route of a routable
      page (a principle's wording history goes to the other history);
    - any other view under a language prefix (not a page: "Use and share") goes to
      the same view in each language;
    - a list split into pages keeps its ``?page=``.

    Each entry: code, name (in its own words), url, current, exact (the same
    content rather than that language's home page) and translated (a real
    translation, not an untranslated copy awaiting one).
    """
    request = context.get("request")
    cache = request.__dict__.setdefault("_language_versions", {}) if request else {}
    if "versions" in cache:
        return cache["versions"]
    given = context.get("switcher_urls")
    if given is not None:
        found = {code: (url, True) for code, url in given.items()}
    else:
        found = _versions_of(context, request)
        page_query = _page_query(request)
        found = {code: (url + page_query, translated) for code, (url, translated) in found.items()}
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


def _versions_of(context, request):
    """``{code: (url, translated)}`` for the snippet or page in context, visible ones only."""
    obj = context.get("translatable") or context.get("page")
    found = {}
    if obj is None:
        return _same_view(request)
    if isinstance(obj, Page):
        route = _route(request, obj)
        # No ORDER BY (one version per language, each found by its code), and only the
        # columns read here: both cost more to compile than the query costs to run.
        versions = visible(Page.objects.filter(translation_key=obj.translation_key).order_by())
        if route:
            versions = versions.specific()  # for its routes (reverse_subpage)
        else:
            versions = versions.only("url_path", "locale_id", "alias_of_id")
        for version in versions:
            url = version.get_url(request)
            if url is None:
                continue
            found[locale_by_id(version.locale_id).language_code] = (
                url + _subpage(version, route),
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
    return found


def _same_view(request):
    """The view serving ``request`` in each language, when it lives under a language prefix.

    Not Wagtail's page view: without a page in context that is an error page, and
    the other language's home page serves the reader better than its error page.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name or match.url_name == "wagtail_serve":
        return {}
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                continue
        if url.startswith(f"/{code}/"):
            found[code] = (url, True)
    return found


def _route(request, page):
    """The route a routable ``page`` serves this request on (name, args, kwargs), or None.

    None on its main route, whose address is the page's own.
    """
    match = getattr(request, "routable_resolver_match", None)
    if match is None or getattr(match.func, "__self__", None) is None:
        return None
    if match.func.__self__.pk != page.pk or not match.route.strip("/"):
        return None
    return match.url_name, match.args, match.kwargs


def _subpage(version, route):
    """The same route on another language's ``version`` ('history/'), or '' without one."""
    if not route or not hasattr(version, "reverse_subpage"):
        return ""
    name, args, kwargs = route
    try:
        return version.reverse_subpage(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _page_query(request):
    """'?page=N' when the reader is on page N (> 1) of a list, else ''."""
    raw = request.GET.get("page", "") if request is not None else ""
    if raw.isascii() and raw.isdigit() and len(raw) <= 6 and int(raw) > 1:
        return f"?page={int(raw)}"
    return ""


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
    """A language's name as it reads inside a sentence of the interface ("en inglés")."""
    names = {
        "en": pgettext("a language, inside a sentence", "English"),
        "es": pgettext("a language, inside a sentence", "Spanish"),
    }
    return names.get(code) or (language_name(code) if code else "")


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


# The library's identity in the header, title and footer ----------------------------------


@register.simple_tag(takes_context=True)
def site_name(context):
    """The library's name in the reader's language (site settings; per request)."""
    request = context.get("request")
    if request is None:  # an error page rendered without a request
        return ""
    return SiteSettings.for_request(request).site_name_in(get_language())


@register.simple_tag(takes_context=True)
def contact_page(context):
    """The live contact page of the reader's language, or None (kept in the memo)."""
    request = context.get("request")
    if request is None:
        return None
    home = home_for_request(request)
    if home is None:
        return None
    return memo.remember(
        ("contact", home.pk),
        lambda: visible(ContactPage.objects.descendant_of(home)).order_by("path").first(),
    )
