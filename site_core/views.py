"""Small views outside the page tree."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

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
