"""Small views outside the page tree."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

ROBOTS_TXT = """\
User-agent: *
Disallow: /admin/
Disallow: /*/search/
Allow: /

Sitemap: {sitemap}
"""


@require_safe
def robots_txt(request):
    """Crawlers may read every public page, but not the admin or search result pages."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(
        ROBOTS_TXT.format(sitemap=sitemap), content_type="text/plain; charset=utf-8"
    )


def cache_servers():
    """Caches that live in a server of their own (Redis, memcached), not in this process,
    a local folder or the database that the health check reads anyway."""
    local = ("locmem", "filebased", "dummy", ".db.")
    return [
        alias
        for alias, config in settings.CACHES.items()
        if not any(kind in config["BACKEND"] for kind in local)
    ]


@never_cache
@require_safe
def healthz(request):
    """For the load balancer or a monitor: 200 when the database (and a shared cache, when
    one is configured) answers, else 503. No detail in the body: it is public."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        for alias in cache_servers():
            probe = caches[alias]
            probe.set("healthz", "ok", timeout=10)
            if probe.get("healthz") != "ok":
                raise ConnectionError(f"cache {alias} did not keep a value")
    except Exception:  # any failure of a dependency is an outage to report, not a 500
        logger.exception("Health check failed")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
