"""The whole library of one language as one PDF: ``/<lang>/principles/download.pdf``.

A title page, a table of contents, then every live principle in number order
with its statement, summary, body, themes, credits and permanent link; page
numbers in the footer. WeasyPrint typesets ``templates/principles/pdf/library.html``.

- WeasyPrint needs the system pango library. It is imported only here, when a
  PDF has to be built: where it is missing the rest of the site runs and this URL
  answers 503 with a page pointing to the web version and the data downloads.
- Building takes a second or more, so the PDF is kept in Django's cache under a
  key made from the language, the host and a version: the newest publication
  date among that language's live principles and their number. Publishing,
  unpublishing or deleting a principle changes the version, so the next request
  builds a fresh PDF; nobody has to clear anything.
- The PDF is built offline: images are embedded as ``data:`` URIs and WeasyPrint
  may fetch nothing else, from this site or any other.
"""

import base64
import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Site

from site_core import cache_policy
from site_core.i18n import home_path, language_name, localized_by_key, with_source_language
from site_core.models import SiteSettings
from site_core.visibility import visible

from .models import PrincipleIndexPage, PrinciplePage, themes_by_page

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60 * 60 * 24 * 7  # a publish changes the key long before this runs out
IMAGE_FILTER = "max-1200x1200|bgcolor-fff|format-jpeg|jpegquality-80"
LAYOUT = "1"  # bump when the PDF template or its styles change, so cached copies are rebuilt


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (pango) cannot be loaded."""


def load_weasyprint():
    """The weasyprint module, imported on first use; ``PdfUnavailable`` if it cannot load."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: cffi could not open libpango
        raise PdfUnavailable(str(error)) from error
    return weasyprint


def live_principles(locale):
    return visible(PrinciplePage.objects.filter(locale=locale))


def library_version(locale):
    """What tells one edition from the next: (newest publication time, which principles).

    "Which" is the number of visible principles and the sum of their ids, so that
    restricting one principle and lifting another's restriction, which publishes
    nothing, still makes a new edition.
    """
    row = (
        live_principles(locale)
        .order_by()
        .aggregate(newest=Max("last_published_at"), n=Count("pk"), ids=Sum("pk"))
    )
    return row["newest"], f"{row['n']}-{row['ids'] or 0}"


def cache_key(request, language, newest, which, organisation):
    """Everything the PDF's bytes depend on: language, host (absolute links), content version."""
    version = "|".join(
        [
            LAYOUT,
            request.scheme,
            request.get_host(),
            newest.isoformat() if newest else "-",
            which,
            organisation,
        ]
    )
    digest = hashlib.sha256(version.encode()).hexdigest()[:24]
    return f"principles-pdf:{language}:{digest}"


@dataclass(frozen=True)
class PdfPrinciple:
    """One principle as the PDF prints it."""

    page: PrinciplePage
    themes: list  # Shown themes, in the PDF's language
    credits: list  # (Shown contributor, note)
    body: list  # {"block": …} or, for images, {"block": …, "image": embedded_image(…)}
    permanent_url: str


def build_context(request, locale, newest):
    """What the PDF template shows, in a fixed number of queries plus one per image."""
    pages = list(
        with_source_language(live_principles(locale))
        .order_by("number")
        .prefetch_related("contributor_credits__contributor")
    )
    themes = themes_by_page(pages, locale)
    people = localized_by_key(
        [credit.contributor for page in pages for credit in page.contributor_credits.all()],
        locale.pk,
    )
    principles = [
        PdfPrinciple(
            page=page,
            themes=themes[page.pk],
            credits=[
                (people[credit.contributor.translation_key], credit.note)
                for credit in page.contributor_credits.all()
                if credit.contributor.translation_key in people  # left out: not published
            ],
            body=[
                {"block": block, "image": embedded_image(block.value)}
                if block.block_type == "image"
                else {"block": block}
                for block in page.body
            ],
            permanent_url=page.get_permanent_url(request),
        )
        for page in pages
    ]
    index = PrincipleIndexPage.objects.live().filter(locale=locale).first()
    index_path = index.get_url(request) if index else None
    site = Site.find_for_request(request)
    settings = SiteSettings.for_site(site) if site else None
    return {
        "principles": principles,
        "index": index,
        "index_url": request.build_absolute_uri(index_path) if index_path else "",
        "site_settings": settings,
        "organisation": settings.organisation_name if settings else "",
        "language_code": locale.language_code,
        "language_name": language_name(locale.language_code),
        "edition_date": timezone.localdate(newest) if newest else timezone.localdate(),
        "site_root": request.build_absolute_uri("/").rstrip("/"),
    }


def embedded_image(value):
    """An image block's picture as a ``data:`` URI, or None when the file is unreadable."""
    image = value.get("image") if value else None
    if image is None:
        return None
    try:
        rendition = image.get_rendition(IMAGE_FILTER)
        with rendition.file.open("rb") as file:
            data = file.read()
    except (OSError, ValueError) as error:
        logger.warning("PDF: left out image %s: %s", image.pk, error)
        return None
    return {
        "src": "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii"),
        "alt": rendition.alt,
        "caption": value.get("caption", ""),
        "credit": value.get("credit", ""),
    }


def offline_fetcher(weasyprint):
    """A URL fetcher that only reads ``data:`` URIs: building the PDF makes no requests."""
    return weasyprint.urls.URLFetcher(allowed_protocols=("data",))


def render_pdf(request, context):
    """The PDF's bytes. Raises ``PdfUnavailable`` when WeasyPrint cannot load."""
    weasyprint = load_weasyprint()
    html = render_to_string("principles/pdf/library.html", context, request=request)
    document = weasyprint.HTML(
        string=html,
        base_url=context["site_root"] + "/",  # relative links become absolute, clickable ones
        url_fetcher=offline_fetcher(weasyprint),
    )
    return document.write_pdf(pdf_tags=True)  # tagged: headings and lists for screen readers


@require_safe
def download_pdf(request):
    """/<lang>/principles/download.pdf: the library of that language, from cache when current."""
    language = translation.get_language()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise Http404("No principles in this language")
    newest, which = library_version(locale)
    site = Site.find_for_request(request)
    organisation = SiteSettings.for_site(site).organisation_name if site else ""
    key = cache_key(request, language, newest, which, organisation)
    etag = f'"{key.rsplit(":", 1)[1]}"'

    last_modified = int(newest.timestamp()) if newest else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified

    pdf = cache.get(key)
    if pdf is None:
        try:
            pdf = render_pdf(request, build_context(request, locale, newest))
        except PdfUnavailable as error:
            logger.warning("PDF of the principles unavailable: %s", error)
            return unavailable(request, language)
        cache.set(key, pdf, CACHE_SECONDS)

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="principles-{language}.pdf"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    return cache_policy.cache_for(response, cache_policy.PDF)


def unavailable(request, language):
    """503 in the site's layout: the web version and the data downloads still work."""
    index = PrincipleIndexPage.objects.live().filter(locale__language_code=language).first()
    response = TemplateResponse(
        request,
        "principles/pdf_unavailable.html",
        {
            "index_url": (index.get_url(request) if index else None) or home_path(language),
            "json_url": reverse("principles_download_json"),
            "csv_url": reverse("principles_download_csv"),
        },
        status=503,
    )
    response["Retry-After"] = "3600"
    return cache_policy.never_store(response)
