"""The "Use and share" page for partners: ``/<lang>/use-and-share/``.

It puts in plain sight what partners otherwise have to know about: the whole
library as PDF, CSV and JSON (with their real sizes), permanent links, citing,
embedding the card, the data API, and what the site keeps about its visitors.
Every example is taken from the first principle the public may see, so nothing
on the page is invented and every link on it works.

Wiring: it reads both apps' models, the downloads' own code and the stored PDF.
The page never builds the PDF (that takes seconds): it gives the size of the
edition ``principles.pdf`` has built already, or says it is built on request.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from principles import exports, pdf
from principles.citation import apa
from principles.models import PrinciplePage, Theme
from principles.permalinks import EMBED_HEIGHT, EMBED_WIDTH, embed_path
from site_core import cache_policy
from site_core.i18n import with_source_language
from site_core.visibility import visible

SIZES_SECONDS = cache_policy.DAY  # the key changes with every publish long before this ends


@dataclass(frozen=True)
class Download:
    """One file of the whole library: its format, address and size in bytes (None: not built)."""

    name: str
    url: str
    size: int | None
    media_type: str


def edition(request, locale):
    """What the files' bytes depend on: host (absolute links), principles and themes published.

    A theme's name is in every row that carries it, so publishing a renamed theme
    is a new edition too, though it publishes no principle.
    """
    newest, which = pdf.library_version(locale)
    themes = visible(Theme.objects.filter(locale=locale)).aggregate(newest=Max("last_published_at"))
    parts = [
        request.scheme,
        request.get_host(),
        newest.isoformat() if newest else "-",
        which,
        themes["newest"].isoformat() if themes["newest"] else "-",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def data_sizes(request, locale):
    """Bytes of the CSV and the JSON as their own views write them, kept until the next publish.

    Measured rather than estimated: the files are made by the downloads' own code
    (``principles.exports``), once per edition, not once per visit of this page.
    """
    key = f"use-and-share-sizes:{locale.language_code}:{edition(request, locale)}"
    sizes = cache.get(key)
    if sizes is None:
        records = exports.library(request, locale)
        sizes = {
            "csv": len(exports.LibraryCSVView().render(locale, records).content),
            "json": len(exports.LibraryJSONView().render(locale, records).content),
        }
        cache.set(key, sizes, SIZES_SECONDS)
    return sizes


def downloads(request, locale):
    sizes = data_sizes(request, locale)
    return [
        Download(
            "PDF", reverse("principles_pdf"), pdf.built_size(request, locale), "application/pdf"
        ),
        Download("CSV", reverse("principles_download_csv"), sizes["csv"], "text/csv"),
        Download("JSON", reverse("principles_download_json"), sizes["json"], "application/json"),
    ]


def api_endpoints(request, locale):
    """(name, absolute listing URL in this language) for each endpoint of the data API."""
    language = urlencode({"locale": locale.language_code})
    return [
        (name, request.build_absolute_uri(reverse(f"api:{name}:listing")) + "?" + language)
        for name in ("principles", "reflections", "themes", "contributors")
    ]


def first_principle(locale):
    """The first principle the public may see in ``locale`` (its examples), or None."""
    pages = with_source_language(visible(PrinciplePage.objects.filter(locale=locale)))
    return pages.order_by("number", "pk").first()


def examples(request, principle):
    """Links, citation and embed code of ``principle``, as the page shows them."""
    path = principle.get_url(request)
    page_url = request.build_absolute_uri(path)
    embed_url = request.build_absolute_uri(embed_path(principle))
    return {
        "principle": principle,
        # The language the principle's text is in, when it is an untranslated copy.
        "example_lang": principle.alias_language or "",
        "page_url": page_url,
        "permanent_url": principle.get_permanent_url(request),
        "language_url": request.build_absolute_uri(
            reverse("permalink_in_language", kwargs={"key": principle.key})
        ),
        "citation_apa": apa(principle.citation(request)),
        "bibtex_url": path + principle.reverse_subpage("bibtex"),
        "csl_json_url": path + principle.reverse_subpage("csl_json"),
        "embed_url": embed_url,
        "embed_path": embed_path(principle),
        "embed_width": EMBED_WIDTH,
        "embed_height": EMBED_HEIGHT,
        # The same code as /oembed answers, so partners get one snippet whichever way in.
        "embed_code": format_html(
            '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy"></iframe>',
            embed_url,
            EMBED_WIDTH,
            EMBED_HEIGHT,
            principle.title,
        ),
        "oembed_url": request.build_absolute_uri(reverse("oembed"))
        + "?"
        + urlencode({"url": page_url, "format": "json"}),
        "api_key_url": request.build_absolute_uri(reverse("api:principles:listing"))
        + "?"
        + urlencode({"key": principle.key, "locale": principle.locale.language_code}),
    }


@require_safe
def use_and_share(request):
    """The page, in the language of its URL."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        raise Http404("This language is not published.")
    principle = first_principle(locale)
    context = {
        "downloads": downloads(request, locale),
        "search_log_days": settings.WAGTAILSEARCH_HITS_MAX_AGE,
        "api_endpoints": api_endpoints(request, locale),
        "language_code": locale.language_code,
    }
    if principle is not None:
        context.update(examples(request, principle))
    response = TemplateResponse(request, "site_core/use_and_share.html", context)
    return cache_policy.cache_for(response, cache_policy.DOWNLOADS)
