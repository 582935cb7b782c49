"""Small, rarely changing things every request needs, kept in each process between requests.

The site, the locales, the site settings, each language's home, index and contact
pages, the pages that have children (``site_core.serving`` routes through them), the
menu, the view restrictions, the unpublished or expiring sources of untranslated
copies, the principles beside each principle, and the parts of the header and footer
that depend only on the site and language: reading or rendering them cost more than a
dozen queries and a good part of the CPU of every page. Each process keeps its own
copy here, and drops all of it when the memo generation in the shared cache changes
(any publication, unpublication, save of a live page, move, deletion, or change to
themes, people, sites, locales, settings or restrictions starts a new one, see
``site_core.purge``). So a change made through one server is seen by every process of
every server at its next request. The sources of copies and the principles beside
each one are kept with their expiry times, which each request checks.

While the shared cache is unreachable the generation is unknown: copies are then
kept for ``OUTAGE_SECONDS`` at most, so a change made through another server shows
within that time.
"""

import time

from site_core import shared_cache

_UNKNOWN = object()
_OUTAGE = object()
OUTAGE_SECONDS = 5


class _Memo:
    """One per process, shared by its threads (replacing ``values`` whole is atomic)."""

    def __init__(self):
        self.generation = _UNKNOWN
        self.values = {}
        self.outage_started = 0.0
        # Only requests read the memo: between them (signal handlers, commands, threads
        # after a publish) every value is built afresh, as nothing has refreshed it.
        self.requests = 0


_memo = _Memo()


def refresh(also=()):
    """Once per request, before anything reads the memo: follow the shared generations.

    Returns them, with the keys in ``also`` read in the same round trip (the page
    cache's versions), or None while the shared cache is unreachable.
    """
    found = shared_cache.generations(also)
    current = found[shared_cache.MEMO] if found else None
    if current is None:
        # No word from other processes: keep copies for OUTAGE_SECONDS at most, so a
        # change made elsewhere shows within that time, and pages cost little more
        # than usual while the shared cache is down.
        now = time.monotonic()
        if _memo.generation is not _OUTAGE or now - _memo.outage_started > OUTAGE_SECONDS:
            _memo.values = {}
            _memo.generation, _memo.outage_started = _OUTAGE, now
    elif current != _memo.generation:
        _memo.values = {}
        _memo.generation = current
    _memo.requests += 1
    return found


def finish():
    """At the end of each request that called ``refresh``."""
    _memo.requests = max(0, _memo.requests - 1)


def remember(key, build):
    """The value kept under ``key``, built with ``build()`` on first use."""
    if _memo.generation is _UNKNOWN or not _memo.requests:
        return build()
    try:
        return _memo.values[key]
    except KeyError:
        value = _memo.values[key] = build()
        return value


def known(key, build):
    """Like ``remember``, but None outside a request (where nothing is kept): the caller
    then takes the way that needs no memo, rather than building the value every time."""
    if _memo.generation is _UNKNOWN or not _memo.requests:
        return None
    return remember(key, build)


def forget_here():
    """Drop this process's copies now (its own transaction already sees the change)."""
    _memo.values = {}
    _memo.generation = _UNKNOWN


def forget():
    """Drop this process's copies, and tell every other process through the shared cache.

    Call it once the change is committed: a process that rebuilt its copies before
    the commit would otherwise keep the old state under the new generation.
    """
    forget_here()
    shared_cache.renew(shared_cache.MEMO)
