"""The full-page cache: anonymous GET and HEAD of what the site marked as public.

A response is stored only when the view said shared caches may keep it
(``Cache-Control: public`` with ``s-maxage``, see ``cache_policy.shared_page``),
it is a 200 that sets no cookie and is not streamed, and the request came
without a session (staff, and visitors who gave a page password, have one). So a
restricted page, a preview, a logged-in user's page, the contact form (its token
is per visitor), the search (its log counts each query) or an error is never
stored: none of them says ``public``.

Entries are keyed by host, path, query string and language, and stamped with
versions: the page generation (renewed by a change that every page shows,
``shared_cache``), the path's own version, and the subtree version of each of its
ancestors' paths. One round trip reads the versions and the entry together, and
an entry is served only when its stamp matches the versions now. Purging a path
(``site_core.purge``) starts a new version, so every stored variant of it
(``?page=2``, both hosts) is missed from then on; purging a subtree misses
everything below it too (a principle's history and citation files). A response
rendered while a purge happened is stamped with the versions it started with,
so a stale page is never served after a purge.

Every response of a cacheable request says ``X-Cache: hit`` or ``miss``.
"""

import hashlib
import uuid

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age
from django.utils.http import urlencode

from site_core import memo, shared_cache
from site_core.middleware import LANGUAGE_LIKE

MAX_BYTES = 512 * 1024  # a bigger answer (the PDF) is served from a file already
KEPT_HEADERS_SKIP = {"set-cookie", "x-request-id", "x-cache"}


def is_anonymous(request):
    """No session cookie: nothing about this visitor can change what the page says."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = enabled() and request.method in ("GET", "HEAD") and is_anonymous(request)
        names = version_names(request.path_info) if cacheable else []
        key = entry_key(request) if cacheable else None
        # One round trip: the generations, this path's versions and the stored answer.
        found = memo.refresh(also=[*names, key] if key else names)
        try:
            if not cacheable:
                return self.get_response(request)
            return self.respond(request, key, found, names)
        finally:
            memo.finish()

    def respond(self, request, key, found, names):
        if found is None:  # the shared cache is down: serve, store nothing
            response = self.get_response(request)
            response["X-Cache"] = "miss"
            return response
        current = stamp(found, names)
        stored = found.get(key)
        if stored is not None and stored["stamp"] == current:
            response = rebuild(stored, head=request.method == "HEAD")
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and storable(response):
            # Stamped with the versions read before rendering: a purge during rendering
            # leaves this copy with an old stamp, so it is never served.
            entry = snapshot(response, current)
            timeout = settings.PAGE_CACHE_SECONDS
            shared_cache.call(lambda cache: cache.set(key, entry, timeout))
        response["X-Cache"] = "miss"
        return response


def language_of(request):
    match = LANGUAGE_LIKE.match(request.path_info)
    if match and match.group(1).lower() in {code for code, _name in settings.LANGUAGES}:
        return match.group(1).lower()
    return translation.get_language_from_request(request, check_path=False)


def entry_key(request):
    """Where the answer to this request is kept: by host, path, query string and language."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = [request.get_host(), request.path_info, query, language_of(request)]
    return "page:" + _digest("\n".join(parts))


def stamp(found, names):
    """The page generation and the path's versions as they are now: a stored answer with
    another stamp was made before a purge."""
    return _digest("\n".join([found[shared_cache.PAGES], *(found.get(n, "0") for n in names)]))


def version_names(path):
    """The version keys an entry for ``path`` depends on: its own, and its ancestors' subtrees."""
    names = [exact_name(path)]
    cut = 0
    while (cut := path.find("/", cut) + 1) > 0:
        names.append(tree_name(path[:cut]))
    return names


def exact_name(path):
    return "pv:" + _digest(path)


def tree_name(path):
    return "pt:" + _digest(path)


def _digest(path):
    # Paths may hold any character; cache keys must stay short and printable.
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def purge_paths(paths=(), trees=()):
    """Miss every stored variant of ``paths``, and everything under each of ``trees``."""
    names = [exact_name(path) for path in paths] + [tree_name(path) for path in trees]
    if names:
        fresh = uuid.uuid4().hex
        shared_cache.call(lambda cache: cache.set_many(dict.fromkeys(names, fresh), None))


def storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > MAX_BYTES:
        return False
    control = response.get("Cache-Control", "")
    return "public" in control and "s-maxage" in control and get_max_age(response) is not None


def snapshot(response, current):
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in KEPT_HEADERS_SKIP
    ]
    # django-csp reads per-view policies from attributes of the response (the embed card).
    extras = {name: value for name, value in vars(response).items() if name.startswith("_csp")}
    return {"stamp": current, "content": response.content, "headers": headers, "extras": extras}


def rebuild(entry, head=False):
    response = HttpResponse(b"" if head else entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    if head:
        response["Content-Length"] = str(len(entry["content"]))
    for name, value in entry["extras"].items():
        setattr(response, name, value)
    return response
