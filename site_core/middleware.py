"""Language prefixes on public URLs."""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware

# Paths that never carry a language: their 404 is final, not a cue to retry under /en/.
NEVER_PREFIXED = (
    "/p/",
    "/oembed",
    "/api/",
    "/admin/",
    "/documents/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
)

# A first path segment that looks like a language code: "xx", "pt-br", "zh-hant".
LANGUAGE_LIKE = re.compile(r"^/([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?)(?:/|$)")


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus one redirect and one guess.

    For a 404 without a language prefix, Django retries the path under the
    visitor's language: "/" becomes "/es/" and an old "/principles/x/" link
    becomes "/en/principles/x/". For "/xx/…", a language we do not publish, and
    for paths that never carry a language (permanent links, the API), that retry
    would only land on a second 404, so the visitor gets the 404 at once.
    """

    supported = {code.lower() for code, _name in settings.LANGUAGES}
    # Real browsers send well under 200 characters. A longer header is noise or an
    # attack; rather than guess from a truncated piece, use the default language.
    max_accept_language = 500

    def process_request(self, request):
        if len(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) > self.max_accept_language:
            del request.META["HTTP_ACCEPT_LANGUAGE"]
        return super().process_request(request)

    def process_response(self, request, response):
        if response.status_code == 404 and (
            request.path_info.startswith(NEVER_PREFIXED) or self._unpublished_language(request)
        ):
            return response
        return super().process_response(request, response)

    def _unpublished_language(self, request):
        match = LANGUAGE_LIKE.match(request.path_info)
        return bool(match) and match.group(1).lower().replace("_", "-") not in self.supported
