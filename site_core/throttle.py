"""Counting what one client does in a time window, without keeping who the client is.

Used by the page-password form and the contact form (the admin login has
django-axes). A client is known by its address only as an HMAC under the
site's secret key, and each count expires with its window, so nothing about a
visitor outlives the limit it enforces.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches


def client_address(request):
    """The visitor's address as the server sees it.

    Behind the proxy in deploy/ (nginx over a unix socket) REMOTE_ADDR is empty,
    so production reads the header nginx sets, and overwrites, on every request
    (CLIENT_ADDRESS_HEADER): a visitor cannot choose their own bucket.
    """
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
    value = request.META.get(header) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[0].strip()


def throttle_cache():
    """The cache that all workers share: 'throttles' when configured, else 'default'."""
    try:
        return caches["throttles"]
    except InvalidCacheBackendError:
        return caches["default"]


class Throttle:
    """At most ``limit`` events per ``window`` seconds for each subject.

    The window starts at the first event; the count and its key vanish when it
    ends. A subject is any tuple of strings (a client, a client and a page).
    """

    def __init__(self, name, limit, window):
        self.name = name
        self.limit = limit
        self.window = window

    def key(self, *subject):
        digest = hmac.new(
            settings.SECRET_KEY.encode(), "\x1f".join(subject).encode(), hashlib.sha256
        ).hexdigest()
        return f"throttle:{self.name}:{digest[:40]}"

    def count(self, *subject):
        count, _ends = throttle_cache().get(self.key(*subject), (0, 0))
        return count

    def is_over(self, *subject):
        return self.count(*subject) >= self.limit

    def record(self, *subject):
        """Counts one event; the window (and so the key's expiry) stays where it began.

        Stored as (count, end of window) and written with the time left: a cache's own
        incr() cannot be used, because the database cache's resets the expiry."""
        cache, key, now = throttle_cache(), self.key(*subject), time.time()
        count, ends = cache.get(key, (0, 0))
        if ends <= now:
            count, ends = 0, now + self.window
        cache.set(key, (count + 1, ends), timeout=max(1, ends - now))
        return count + 1

    def clear(self, *subject):
        throttle_cache().delete(self.key(*subject))
