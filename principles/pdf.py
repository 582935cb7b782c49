"""The whole library of one language as one PDF: ``/<lang>/principles/download.pdf``.

A title page, a table of contents, then every live principle in number order
with its statement, summary, body, themes, credits and permanent link; page
numbers in the footer. WeasyPrint typesets ``templates/principles/pdf/library.html``.
An untranslated principle (the English words of a Spanish copy) is printed with
its words marked ``lang="en"`` and labelled "(en inglés)".

- WeasyPrint needs the system pango library. It is imported only here, when a
  PDF has to be built: where it is missing the rest of the site runs and this URL
  answers 503 with a page pointing to the web version and the data downloads.
- An edition is named by a key made from the language, the host (the PDF's links
  are absolute), the newest publication among that language's live principles
  and which principles they are, and the site settings it prints. Publishing,
  unpublishing or deleting a principle changes the key; nobody has to clear anything.
- Building takes seconds, so no visitor should wait for it: when a principle is
  published or unpublished, a background thread builds every language's edition
  once the transaction has committed, for the site's own address, and stores it
  in the default storage (``principles-pdf/`` under the media folder), where every
  worker and server finds it. The view serves the stored edition when its key is
  current and builds (and stores) one only when it is not: after a deploy that
  changed the layout, for a host nobody built for, or when the thread could not run.
  Each worker also keeps the bytes in its own cache, so a request reads no file.
  A thread, not a timer: the edition is ready seconds after the publication, and
  the scheduled publishing and the admin both publish through the same signal.
- The PDF is built offline: images are embedded as ``data:`` URIs and WeasyPrint
  may fetch nothing else, from this site or any other.
"""

import base64
import hashlib
import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
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
LAYOUT = "2"  # bump when the PDF template or its styles change, so stored copies are rebuilt
STORE_FOLDER = "principles-pdf"  # in the default storage: principles-pdf/<lang>/<host>/<key>.pdf


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
    """Everything the PDF's bytes depend on: language, host (absolute links), content version.

    ``organisation`` stands for the site settings the PDF prints (see ``printed_settings``).
    """
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


def printed_settings(settings, language):
    """The site settings a PDF prints, as one string: a change to any makes a new edition."""
    if settings is None:
        return ""
    return "|".join(
        [
            settings.organisation_name,
            settings.site_name_in(language),
            settings.footer_text,
            settings.licence_name,
            settings.licence_url,
        ]
    )


@dataclass(frozen=True)
class Edition:
    """One language's PDF as published now, for one host: its key and where it is stored."""

    language: str
    newest: object  # datetime of the newest publication, or None
    key: str
    name: str  # in the default storage

    @property
    def folder(self):
        return self.name.rsplit("/", 1)[0]

    @property
    def etag(self):
        return f'"{self.key.rsplit(":", 1)[1]}"'


def edition(request, locale):
    """The current edition of ``locale``'s PDF for the host of ``request``."""
    language = locale.language_code
    newest, which = library_version(locale)
    site = Site.find_for_request(request)
    settings = SiteSettings.for_site(site) if site else None
    key = cache_key(request, language, newest, which, printed_settings(settings, language))
    host = hashlib.sha256(f"{request.scheme}://{request.get_host()}".encode()).hexdigest()[:12]
    name = f"{STORE_FOLDER}/{language}/{host}/{key.rsplit(':', 1)[1]}.pdf"
    return Edition(language=language, newest=newest, key=key, name=name)


def built(current):
    """The bytes of ``current`` if built already (this worker's cache, else storage), or None."""
    pdf = cache.get(current.key)
    if pdf is not None:
        return pdf
    try:
        with default_storage.open(current.name, "rb") as file:
            pdf = file.read()
    except (FileNotFoundError, OSError):
        return None
    cache.set(current.key, pdf, CACHE_SECONDS)
    return pdf


def built_size(request, locale):
    """Bytes of ``locale``'s current PDF if it has been built, else None (it is not built here)."""
    pdf = built(edition(request, locale))
    return len(pdf) if pdf is not None else None


def build(request, locale, current):
    """Typeset ``current``, keep it, and return its bytes. Raises ``PdfUnavailable``."""
    started = time.monotonic()
    pdf = render_pdf(request, build_context(request, locale, current.newest))
    cache.set(current.key, pdf, CACHE_SECONDS)
    store(current, pdf)
    logger.info(
        "PDF of the principles built: %s, %d bytes, %.1f s",
        current.language,
        len(pdf),
        time.monotonic() - started,
    )
    return pdf


def store(current, pdf):
    """Save ``current`` in the default storage and delete that host's older editions.

    A storage that cannot be written (a read-only disk) only costs the next visitor
    the wait; the PDF is still served.
    """
    try:
        if not default_storage.exists(current.name):
            saved = default_storage.save(current.name, ContentFile(pdf))
            if saved != current.name:  # someone stored the same edition meanwhile
                default_storage.delete(saved)
        _folders, files = default_storage.listdir(current.folder)
        for file in files:
            if f"{current.folder}/{file}" != current.name:
                default_storage.delete(f"{current.folder}/{file}")
    except OSError as error:
        logger.warning("PDF of the principles not stored: %s", error)


def delete_stored():
    """Delete every stored edition (they are rebuilt on demand)."""
    for language in _listdir(STORE_FOLDER)[0]:
        for host in _listdir(f"{STORE_FOLDER}/{language}")[0]:
            folder = f"{STORE_FOLDER}/{language}/{host}"
            for file in _listdir(folder)[1]:
                default_storage.delete(f"{folder}/{file}")


def _listdir(path):
    try:
        return default_storage.listdir(path)
    except (FileNotFoundError, OSError):
        return [], []


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
        "untranslated": sum(1 for entry in principles if entry.page.alias_language),
        "index": index,
        "index_url": request.build_absolute_uri(index_path) if index_path else "",
        "site_settings": settings,
        "organisation": settings.organisation_name if settings else "",
        "site_name": settings.site_name_in(locale.language_code) if settings else "",
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
    """/<lang>/principles/download.pdf: the library of that language, built ahead when it can."""
    language = translation.get_language()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise Http404("No principles in this language")
    current = edition(request, locale)

    last_modified = int(current.newest.timestamp()) if current.newest else None
    not_modified = get_conditional_response(request, etag=current.etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified

    pdf = built(current)
    if pdf is None:
        try:
            pdf = build(request, locale, current)
        except PdfUnavailable as error:
            logger.warning("PDF of the principles unavailable: %s", error)
            return unavailable(request, language)

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="principles-{language}.pdf"'
    response["ETag"] = current.etag
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
