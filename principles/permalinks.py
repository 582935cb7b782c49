"""Permanent links, embeds and oEmbed for principles.

``/p/<key>/`` and ``/<lang>/p/<key>/`` never change, whatever happens to a
principle's title, slug or place in the tree; they redirect (302, so the target
may move again) to its current URL. ``/<lang>/p/<key>/embed/`` is a small card
that other sites may frame; ``/oembed`` describes that card for any principle URL.
"""

import re
from urllib.parse import urlsplit

from csp.decorators import csp
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page, Site

from site_core import cache_policy
from site_core.csp_policies import EMBED_POLICY
from site_core.visibility import admits, visible

from . import keys
from .models import PrinciplePage

PERMANENT_PATH = re.compile(rf"^/(?:([a-z]{{2}})/)?p/({keys.PATTERN})/(?:embed/)?$")
EMBED_WIDTH, EMBED_HEIGHT = 480, 260
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def find_principle(key, language, request=None):
    """The principle with ``key`` in ``language``, else in the default language.

    Only principles visible to the public count, except that with ``request`` a
    permanent link still leads a visitor whom a restricted principle admits (its
    password given, the right login) to it. Anybody else gets the same 404 as for
    a key that never existed, and so learns nothing, not even the page's address.
    """
    pages = PrinciplePage.objects.filter(key=key).select_related("locale")
    found = list(visible(pages))
    if not found and request is not None:
        found = [page for page in pages.filter(live=True) if admits(page, request)]
    versions = {page.locale.language_code: page for page in found}
    page = versions.get(language) or versions.get(settings.LANGUAGE_CODE)
    if page is None:
        raise Http404("No such permanent link")
    return page


@require_safe
def permalink(request, key):
    """/p/<key>/: the principle in the visitor's language (Accept-Language)."""
    language = translation.get_language_from_request(request, check_path=False)
    response = redirect(find_principle(key, language, request).get_url(request))
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_safe
def permalink_in_language(request, key):
    """/<lang>/p/<key>/: the principle in that language."""
    return redirect(find_principle(key, translation.get_language(), request).get_url(request))


@require_safe
@xframe_options_exempt
@csp(EMBED_POLICY)
def embed(request, key):
    """A self-contained card for an iframe; only this route may be framed, by anyone."""
    principle = find_principle(key, translation.get_language())
    response = TemplateResponse(
        request,
        "principles/embed.html",
        {
            "principle": principle,
            "page_url": request.build_absolute_uri(principle.get_url(request)),
        },
    )
    return cache_policy.cache_for(response, cache_policy.EMBED)


class MalformedURL(ValueError):
    """Text that cannot be a URL: the caller gets a 400 that says so."""


def principle_for_url(url, request):
    """The principle (visible to the public) a URL of this site points to, or None.

    Raises ``MalformedURL`` for text no browser would send as a URL.
    """
    if CONTROL_CHARACTERS.search(url):
        raise MalformedURL("control characters")
    try:
        parts = urlsplit(url)
        hostname, _port = parts.hostname, parts.port
    except ValueError as error:  # "http://[::1/" (an unclosed IPv6 address), a port > 65535
        raise MalformedURL(str(error)) from error
    if parts.scheme not in ("http", "https") or hostname != request.get_host().split(":")[0]:
        return None  # another site's URL
    path = parts.path
    match = PERMANENT_PATH.match(path)
    if match:
        try:
            return find_principle(match.group(2), match.group(1) or settings.LANGUAGE_CODE)
        except Http404:
            return None
    match = re.match(r"^/([a-z]{2})/(.+/)$", path)
    if not match or match.group(1) not in dict(settings.LANGUAGES):
        return None
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=match.group(1)).first()
    home = site.root_page.get_translation_or_none(locale) if site and locale else None
    if home is None:
        return None
    page = visible(Page.objects.filter(url_path=home.url_path + match.group(2))).first()
    return page.specific if page and isinstance(page.specific, PrinciplePage) else None


@require_safe
def oembed(request):
    """oEmbed (https://oembed.com) for principle URLs: type "rich", JSON only."""
    url = request.GET.get("url", "")
    response_format = request.GET.get("format", "json")
    if response_format != "json":
        return HttpResponse("Only format=json is supported.", status=501, content_type="text/plain")
    if not url or len(url) > 2000:
        return HttpResponse(
            "Give the URL of a principle: ?url=…", status=400, content_type="text/plain"
        )
    try:
        principle = principle_for_url(url, request)
    except MalformedURL:
        return HttpResponse(
            "That is not a URL. Give the URL of a principle: ?url=…",
            status=400,
            content_type="text/plain",
        )
    if principle is None:
        raise Http404("Not a principle of this library")
    width = _dimension(request.GET.get("maxwidth"), EMBED_WIDTH)
    height = _dimension(request.GET.get("maxheight"), EMBED_HEIGHT)
    with translation.override(principle.locale.language_code):
        src = request.build_absolute_uri(embed_path(principle))
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": f"{principle.number}. {principle.title}",
            "provider_name": settings.WAGTAIL_SITE_NAME,
            "provider_url": request.build_absolute_uri("/"),
            "width": width,
            "height": height,
            "html": format_html(
                '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy"></iframe>',
                src,
                width,
                height,
                principle.title,
            ),
        }
    )


def embed_path(principle):
    """The card's path in the active language: ``/<lang>/p/<key>/embed/``."""
    return reverse("principle_embed", kwargs={"key": principle.key})


def _dimension(raw, default):
    """A visitor's maximum size: never above our default, never below 120 pixels."""
    try:
        value = int(str(raw)[:6])
    except (TypeError, ValueError):
        return default
    return max(120, min(value, default))
