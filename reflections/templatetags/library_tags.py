"""Template helpers that need the pages of this app."""

from django import template

from reflections.models import public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def snippet_url(context, obj):
    """The public URL of a theme or contributor (or a ``Shown`` one), '' without a page."""
    item = getattr(obj, "item", obj)
    return public_url(item, context.get("request")) or ""
