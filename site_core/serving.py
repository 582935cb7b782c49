"""Serving a page: Wagtail's view, with its routing and restriction checks made cheap.

Wagtail finds a page by walking down the tree one level at a time (a query, and
another for the specific page, per level), then reads the view restrictions of
the page and its ancestors (two more queries). Here the pages above it come from
the per-process memo (the pages that have children: home and index pages), and the
page itself, read as the one type its parent allows, is the only query; where that
does not settle it, the whole chain from the home page down is found in one query by
its URL paths and the page itself in a second. The restrictions come from the memo.
Everything else is Wagtail's own ``serve``: hooks, restriction checks, the page's
``serve``.

Routing falls back to Wagtail's walk whenever the shortcut could answer
differently: a page on the way down that routes by itself (a RoutablePage with
children takes its own routes before its children's), or a site whose root has
no home in the active language.
"""

import functools

from django.db import DatabaseError
from django.http import Http404
from django.urls import Resolver404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site

from site_core import cache_policy, memo
from site_core.page_cache import is_anonymous
from site_core.visibility import restrictions


def serve(request, path):
    """Wagtail's page view; a page the public may see is marked for shared caches."""
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        try:
            route = fast_route(request, site, path)
        except Http404:
            request._wagtail_route_for_request = None
        else:
            if route is not None:
                request._wagtail_route_for_request = route
    response = wagtail_views.serve(request, path)
    route = getattr(request, "_wagtail_route_for_request", None)
    if (
        route is not None
        and response.status_code == 200
        and not response.has_header("Cache-Control")
        and is_anonymous(request)
    ):
        cache_policy.shared_page(response)
    return response


def fast_route(request, site, path):
    """Wagtail's ``RouteResult`` for ``path``, or None to let Wagtail route it."""
    home = home_in_active_language(site)
    if home is None:
        return None
    components = [part for part in path.split("/") if part]
    wanted = [
        home.url_path + "".join(f"{part}/" for part in components[:depth])
        for depth in range(len(components) + 1)
    ]
    found = chain_from_branches(home, wanted, components)
    if found is None:
        found = chain_from_database(home, wanted, components)
    if found is None:
        return None
    chain, page = found
    for item in [*chain, page]:
        item.locale = locale_by_id(item.locale_id)  # saves a query wherever it is read
    if len(chain) > 1:
        # treebeard's get_parent() reads it; specific (as Wagtail's walk leaves it), loaded
        # lazily; made afresh, as the chain may come from the memo
        page._cached_parent_obj = chain[-2].get_specific(deferred=True)
    page.get_view_restrictions = lambda: restrictions_for(page, chain)
    return page.route(request, components[len(chain) - 1 :])


def chain_from_branches(home, wanted, components):
    """(chain, page) with the pages above the one asked for taken from the memo: one query.

    The memo keeps every page that has children (the home and index pages); below the
    deepest of them on the path, the page asked for can only be of the one type its
    parent allows, so it is read directly as that type. None whenever that does not
    settle it (a parent allowing several types, a path that is no page): the general way
    then answers.
    """
    branches = memo.known(("branches", home.pk), lambda: _read_branches(home))
    if not branches:
        return None
    chain = _known_prefix(wanted, branches)
    if not chain:
        return None
    asked_for = len(chain) == len(wanted)  # the page asked for has children itself
    above = chain[:-1] if asked_for else chain
    if any(takes_own_route(item, components[depth:]) for depth, item in enumerate(above)):
        return None  # a page on the way answers the rest itself: the general way decides
    if asked_for:
        page = load_to_serve(chain[-1])
        return None if page is None else (chain, page)
    parent = chain[-1]
    model = _only_child_type(parent.specific_class)
    if model is None:
        return None
    pages = model._default_manager.filter(
        url_path=wanted[len(chain)], path__startswith=parent.path, depth=parent.depth + 1
    )
    page = _first_to_serve(model, pages)
    if page is None or page.specific_class is not model:
        return None  # no such page (a route of the parent's), or another type: in general
    return [*chain, page], page


def _known_prefix(wanted, pages):
    """The pages of ``pages`` (by URL path) along ``wanted``, from the top, up to the first
    path it does not hold."""
    chain = []
    for url_path in wanted:
        if url_path not in pages:
            break
        chain.append(pages[url_path])
    return chain


def chain_from_database(home, wanted, components):
    """(chain, page): the pages on the path in one query, the one asked for in a second."""
    # No ORDER BY (the dict sorts them out): ordering makes Django hash every selected
    # column while it compiles the query, which costs more than the query itself.
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=wanted, path__startswith=home.path).order_by()
    }
    chain = _known_prefix(wanted, found)
    if not chain:
        return None
    for depth, page in enumerate(chain[:-1]):
        if takes_own_route(page, components[depth:]):
            return None  # it answers the rest of the path itself: Wagtail decides
    page = load_to_serve(chain[-1])
    return None if page is None else (chain, page)


def _read_branches(home):
    """``{url_path: page}`` of the pages under ``home`` (and itself) that have children.

    Few (the home and index pages), and kept in the memo: a publication, move or
    deletion renews it. A page given children since is simply not in it, and the
    general way routes to them.
    """
    pages = Page.objects.filter(path__startswith=home.path, numchild__gt=0).order_by()
    return {page.url_path: page for page in pages}


@functools.cache
def _only_child_type(model):
    """The one page type ``model`` allows below it, or None."""
    if model is None:
        return None
    allowed = model.allowed_subpage_models()
    return allowed[0] if len(allowed) == 1 else None


def load_to_serve(base_page):
    """The specific page, loaded as its class asks (``serving_queryset``: annotations it
    would otherwise read in queries of their own)."""
    model = base_page.specific_class
    if model is None:
        return None
    return _first_to_serve(model, model._default_manager.filter(pk=base_page.pk))


def _first_to_serve(model, pages):
    pages = pages.order_by()  # one row: no ORDER BY
    if hasattr(model, "serving_queryset"):
        pages = model.serving_queryset(pages)
    return next(iter(pages), None)


def takes_own_route(page, rest):
    """Whether ``page``, on the way down, would answer ``rest`` rather than pass it to a child.

    A live RoutablePage tries its own routes first (a reflection index's ``feed/``);
    any other ``route`` that is not Wagtail's own may do anything, so it counts too.
    """
    model = page.specific_class
    if model is None:
        return True
    if model.route is Page.route:
        return False
    if not issubclass(model, RoutablePageMixin):
        return True
    try:
        model.get_resolver().resolve("/" + "".join(f"{part}/" for part in rest))
    except Resolver404:
        return False
    return page.live


def home_in_active_language(site):
    """The site's root page in the active language (``site.root_page.localized``), memoised."""
    homes = memo.remember(("homes", site.pk), lambda: _homes(site))
    return homes.get(translation.get_language()) or homes.get(None)


def _homes(site):
    root = site.root_page
    homes = {None: root}
    for version in Page.objects.filter(translation_key=root.translation_key, live=True):
        homes[locale_by_id(version.locale_id).language_code] = version
    if root.locale_id:
        homes.setdefault(locale_by_id(root.locale_id).language_code, root)
    return homes


def locales():
    """Every locale, by id and by language code: one query per process and generation."""

    def build():
        rows = list(Locale.objects.all())
        return {
            "id": {locale.pk: locale for locale in rows},
            "code": {locale.language_code: locale for locale in rows},
        }

    return memo.remember("locales", build)


def locale_by_id(locale_id):
    return locales()["id"].get(locale_id) or Locale.objects.get(pk=locale_id)


def restrictions_for(page, chain):
    """The view restrictions on ``page``, its ancestors, or the source of any alias among them.

    Wagtail's ``get_view_restrictions``, answered from the memo. Aliases cannot
    carry restrictions of their own, so a restriction applies when it sits on a
    page whose tree path starts ``page``'s, or on the source of an alias in the chain.
    """
    sources = {item.alias_of_id for item in [*chain, page] if item.alias_of_id}
    return [
        restriction
        for restriction, restricted_path in restrictions()
        if page.path.startswith(restricted_path) or restriction.page_id in sources
    ]


class KnownSiteMiddleware:
    """Hands Wagtail the request's site and site settings from the memo.

    ``Site.find_for_request`` and ``SiteSettings.for_request`` keep what they find on
    the request; filling those in first saves two queries on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from site_core.models import SiteSettings

        try:
            request.get_host()  # only hosts in ALLOWED_HOSTS are kept: the memo stays small
        except Exception:  # DisallowedHost: Django answers 400 further in
            return self.get_response(request)
        where = (request._get_raw_host(), request.get_port())
        try:
            site = memo.remember(("site", where), lambda: Site._find_for_request(request))
            if site is not None:
                settings = memo.remember(("settings", site.pk), lambda: SiteSettings.for_site(site))
        except DatabaseError:
            # The database is down or not set up: /healthz and robots.txt still answer,
            # and a view that needs the site reports the error itself.
            return self.get_response(request)
        request._wagtail_site = site
        if site is not None:
            settings._request = request  # as for_request does: page URLs relative to this host
            setattr(request, SiteSettings.get_cache_attr_name(), settings)
        return self.get_response(request)
