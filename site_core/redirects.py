"""Automatic redirects, only from addresses the public could have known.

Wagtail leaves a redirect behind whenever a page's slug changes or the page
moves, published or not. A page that was never published had no public
address, so a redirect from it only clutters the Redirects list (and holds that
address against a later page). Wagtail's own handlers are switched off
(``WAGTAILREDIRECTS_AUTO_CREATE = False`` in the settings) and these take their
place, connected in ``site_core.apps``: the same redirects, for pages that have
been public.

``automatic_redirects_paused()`` suspends them for work that builds a site
rather than changes one (the demo loader).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.contrib.redirects.signal_handlers import create_redirects
from wagtail.models import Site

_paused = ContextVar("automatic_redirects_paused", default=False)


@contextmanager
def automatic_redirects_paused():
    """No automatic redirects inside this block.

    Wagtail announces a slug change when the transaction commits, so the block
    must enclose the whole transaction (the commit included).
    """
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def was_public(page):
    """Whether ``page`` has ever been published (a live copy counts: it is served)."""
    return page.live or page.first_published_at is not None


def on_slug_change(sender, instance, instance_before, **kwargs):
    """As Wagtail's ``autocreate_redirects_on_slug_change``, for pages that were public."""
    if _paused.get() or not was_public(instance_before):
        return
    sites = Site.objects.filter(
        id__in=[
            option.site_id
            for option in instance._get_relevant_site_root_paths(cache_object=instance)
        ]
    ).exclude(root_page=instance)
    create_redirects(page=instance, page_old=instance_before, sites=sites)


def on_move(sender, instance, url_path_after, url_path_before, **kwargs):
    """As Wagtail's ``autocreate_redirects_on_page_move``, for pages that were public."""
    if _paused.get() or url_path_after == url_path_before:
        return  # a reorder among siblings changes no address
    instance = instance.specific
    if not was_public(instance):
        return
    # The page as it was: same fields, the old path.
    page_old = type(instance)()
    page_old.__dict__.update(instance.__dict__)
    page_old.url_path = url_path_before
    # No redirect from one site into another.
    new_site_ids = {
        option.site_id for option in instance._get_relevant_site_root_paths(cache_object=instance)
    }
    sites = Site.objects.exclude(root_page=instance).filter(
        id__in=[
            option.site_id
            for option in page_old._get_relevant_site_root_paths(cache_object=instance)
            if option.site_id in new_site_ids
        ]
    )
    create_redirects(page=instance, page_old=page_old, sites=sites)
