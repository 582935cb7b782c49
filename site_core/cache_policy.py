"""How long browsers and shared caches may keep what the site answers: one place.

Each kind of response has a named lifetime here, and views apply it with
``cache_for``; nothing else writes a ``max-age``. A publish changes what these
answers contain, so lifetimes stay short where a stale copy would mislead, and
long only where the URL itself changes with the content.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

SUGGESTIONS = 5 * MINUTE  # search-box suggestions: titles change rarely
DOWNLOADS = 5 * MINUTE  # JSON and CSV of the whole library
PDF = HOUR  # the PDF; its ETag lets a browser revalidate cheaply after that
EMBED = HOUR  # the card other sites frame
CORS_PREFLIGHT = DAY  # how long a browser may reuse a CORS preflight answer
# Pages: a browser rechecks after a minute, so a reader never sees an old version for
# long; shared caches (the page cache, a CDN) keep them for PAGE_CACHE_SECONDS, because
# every change purges what it touches (site_core/purge.py).
PAGE_BROWSER = MINUTE


def cache_for(response, seconds):
    """Let browsers and shared caches keep ``response`` for ``seconds``."""
    patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds)
    return response


def shared_page(response):
    """A page the public may see: kept briefly by browsers, and longer by shared caches."""
    shared = max(settings.PAGE_CACHE_SECONDS, PAGE_BROWSER)
    patch_cache_control(response, public=True, max_age=PAGE_BROWSER, s_maxage=shared)
    return response


def never_store(response):
    """Tell every cache not to keep ``response`` (errors that may soon go away)."""
    patch_cache_control(response, no_store=True)
    return response
