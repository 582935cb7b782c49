"""Root URLs. Public pages live under a language prefix (/en/…); staff and data do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from principles.pdf import download_pdf
from site_core.search import views as search_views
from site_core.sitemap import sitemap
from site_core.views import robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", include("reflections.api")),  # public data API, see docs/api.md
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("principles.urls_permanent")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest", search_views.suggest, name="search_suggest"),
    path("", include("principles.urls_localized")),
    path("principles/download.pdf", download_pdf, name="principles_pdf"),
    path("", include("principles.urls")),  # /<lang>/principles/download.json and .csv
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
