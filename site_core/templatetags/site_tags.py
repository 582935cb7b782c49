"""Template helpers for the public site."""

from django import template
from wagtail.models import Locale, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def snippet_url(context, obj):
    """The public URL of a theme or contributor, or '' when it has no public page."""
    return obj.get_url(context.get("request")) or ""


@register.simple_tag(takes_context=True)
def routed_title(context, default):
    """The title of a routed sub-page, e.g. a theme or contributor on its index page."""
    return context.get("page_title") or default


@register.inclusion_tag("includes/nav.html", takes_context=True)
def main_nav(context):
    """The home page's children that staff marked 'Show in menus', in the reader's language."""
    request = context.get("request")
    home = home_for_request(request)
    items = []
    if home is not None:
        current = request.path if request else ""
        for child in home.get_children().live().public().in_menu().only("title", "url_path"):
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
