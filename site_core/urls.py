"""Every URL of the site, in one place (the public contract is in docs/architecture.md).

Public pages live under a language prefix (/en/, /es/) and are Wagtail pages;
staff, data, crawlers and permanent links do not carry one.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path, register_converter
from django.views.decorators.csrf import csrf_exempt
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from principles import exports, permalinks
from principles.keys import KeyConverter
from principles.pdf import download_pdf
from site_core import serving
from site_core.search import views as search_views
from site_core.security import authenticate_with_password
from site_core.sitemap import sitemap
from site_core.use_and_share import use_and_share
from site_core.views import healthz, robots_txt

register_converter(KeyConverter, "key")

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", include("site_core.api.urls")),  # public data API, see docs/api.md
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    # A principle's permanent link, in the visitor's language; and oEmbed for any principle URL.
    path("p/<key:key>/", permalinks.permalink, name="permalink"),
    path("oembed", permalinks.oembed, name="oembed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest", search_views.suggest, name="search_suggest"),
    path("p/<key:key>/", permalinks.permalink_in_language, name="permalink_in_language"),
    path("p/<key:key>/embed/", permalinks.embed, name="principle_embed"),
    # The whole library of one language, as data and as a book.
    path(
        "principles/download.json",
        exports.LibraryJSONView.as_view(),
        name="principles_download_json",
    ),
    path(
        "principles/download.csv",
        exports.LibraryCSVView.as_view(),
        name="principles_download_csv",
    ),
    path("principles/download.pdf", download_pdf, name="principles_pdf"),
    path("use-and-share/", use_and_share, name="use_and_share"),  # partners' tools, one page
    # Wagtail's page-password form, with wrong guesses throttled (site_core/security.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Every page, by its place in the tree, without Django's cookie-based CSRF check:
    # that check needs a csrftoken cookie, and anonymous visitors get no cookie at all.
    # Pages ignore what is posted to them except the contact form (ContactPage.serve),
    # which refuses a post that its browser says came from another site (Origin,
    # Sec-Fetch-Site) and carries a signed token of its own (site_core/contact_form.py).
    # The page-password form above keeps Django's check: it sets a session anyway.
    # serving.serve is Wagtail's view with cheaper routing (site_core/serving.py).
    re_path(wagtail_urls.serve_pattern, csrf_exempt(serving.serve), name="wagtail_serve"),
    path("", include(wagtail_urls)),  # Wagtail's own routes (the login for restricted pages)
    prefix_default_language=True,
)
