"""The cache that every process and server shares, and what happens when it is down.

The ``pages`` cache (Redis when ``REDIS_URL`` is set, see settings) holds the page
cache, the purge versions and the content generation. Every read and write of it
goes through ``call``, so that an outage never reaches a visitor: the operation
returns its default, the site serves pages uncached, and the outage is logged once
when it starts and once when it ends. While the server is down, ``call`` waits
``RETRY_SECONDS`` between attempts, so a server that hangs costs a request at most
one short timeout per second, not one per operation.
"""

import logging
import threading
import time
import uuid

from django.core.cache import caches

log = logging.getLogger(__name__)

ALIAS = "pages"
RETRY_SECONDS = 1.0
# Two generations: one for the per-process memo (site_core/memo.py), renewed by any
# change to pages, sites, locales, settings or restrictions; and one for the page
# cache, renewed only by a change that every page shows (the menu, the settings).
MEMO = "memo-generation"
PAGES = "page-generation"


class _Health:
    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0


_health = _Health()


def call(operation, default=None):
    """``operation(cache)``, or ``default`` when the shared cache cannot answer."""
    if _health.down and time.monotonic() < _health.retry_at:
        return default
    try:
        result = operation(caches[ALIAS])
    except Exception as error:  # noqa: BLE001 - any client error (refused, timeout, protocol)
        with _health.lock:
            _health.retry_at = time.monotonic() + RETRY_SECONDS
            if not _health.down:
                _health.down = True
                log.error(
                    "The shared cache is unreachable (%s); serving pages without it until it is back",
                    type(error).__name__,
                )
        return default
    if _health.down:
        with _health.lock:
            if _health.down:
                _health.down = False
                log.warning("The shared cache is reachable again; the page cache is back in use")
    return result


def generations(also=()):
    """``{MEMO: …, PAGES: …}`` (and the keys in ``also``, where set), the generations started
    when missing; None while the shared cache is unreachable.

    One round trip. While it is unreachable nothing kept may be trusted.
    """

    def read_or_start(cache):
        found = cache.get_many([MEMO, PAGES, *also])
        for name in (MEMO, PAGES):
            if name not in found:
                cache.add(name, uuid.uuid4().hex, timeout=None)
                found[name] = cache.get(name)
        return found

    return call(read_or_start)


def renew(*names):
    """Start new generations: what was kept under the old ones is never read again."""
    return call(lambda cache: cache.set_many({name: uuid.uuid4().hex for name in names}, None))
