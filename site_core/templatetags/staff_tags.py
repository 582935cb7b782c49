"""Template helpers for the admin's own screens (the public site's are in site_tags)."""

from django import template

from site_core.staff.translation_review import review_waiting_for

register = template.Library()


@register.simple_tag(takes_context=True)
def review_task_for_me(context, page):
    """The review task of ``page`` waiting for the user viewing it, or None."""
    return review_waiting_for(context["request"].user, page)
