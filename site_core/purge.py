"""Purge on change: which pages show an object, written as data.

``shown_on()`` maps each kind of object to the relations that name the places
showing it. When staff publish, unpublish, move or delete a page, or publish or
delete a theme or contributor, or save site settings, a site, a locale or a view
restriction, the places it is shown on are purged from the page cache (so every
server misses them at once) and from a CDN or Varnish in front
(``wagtail.contrib.frontend_cache``, when ``WAGTAILFRONTENDCACHE`` is set), after
the change is committed.

A relation is a function ``(obj) -> iterable of Place``: a path whose stored
variants are all purged (``Place(path)``), a path and everything under it
(``Place(path, tree=True)``: a page with its routes, such as a principle's
history), or ``EVERYTHING`` (what every page shows: the menu, the footer's
settings). Adding a kind of page or a new list means adding a row or a relation
here, and ``tests/test_purge.py`` checks each row against the pages themselves.
"""

import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.urls import reverse
from django.utils import translation
from wagtail import signals as wagtail_signals
from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models

from site_core import memo, page_cache, shared_cache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    path: str
    tree: bool = False


EVERYTHING = Place("*", tree=True)


# Relations ------------------------------------------------------------------------


def versions(obj):
    """Every language version of ``obj`` (an untranslated copy shows its source's words)."""
    return list(type(obj).objects.filter(translation_key=obj.translation_key)) or [obj]


def page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def itself(page):
    """The page in every language, with its routes (a principle's history and citations)."""
    for version in _page_versions(page):
        yield Place(page_path(version), tree=True)


def lists_above(page):
    """Its parent and the home page list it (numbers, titles, cards)."""
    for version in _page_versions(page):
        for ancestor in version.get_ancestors().filter(depth__gt=1):
            yield Place(page_path(ancestor))


def feeds(page):
    """The Atom feed of the list a reflection is in (its parent's ``feed/`` route)."""
    for version in _page_versions(page):
        parent = version.get_parent().specific_deferred
        path = page_path(parent)
        if path is not None and hasattr(parent, "reverse_subpage"):
            yield Place(path + parent.reverse_subpage("feed"))


def siblings(page):
    """Principles show their neighbours' titles (previous and next): the whole list below its parent."""
    for version in _page_versions(page):
        parent = version.get_parent()
        if parent is not None and parent.depth > 1:
            yield Place(page_path(parent), tree=True)


def menus(page):
    """A page directly under a home page may be in the menu, which every page shows."""
    if any(version.depth <= 3 for version in _page_versions(page)):
        yield EVERYTHING


def theme_pages(obj):
    for theme in _related_all(obj, "themes"):
        yield from own_page(theme)


def contributor_pages(obj):
    from site_core.models import Contributor

    ids = [credit.contributor_id for credit in _related_all(obj, "contributor_credits")]
    if hasattr(obj, "response_index"):
        ids += obj.response_index.values_list("contributor_id", flat=True)
    for person in Contributor.objects.filter(pk__in=ids):  # one query, not one per credit
        yield from own_page(person)


def reflections_naming(principle):
    """Reflections list the principles they discuss."""
    from reflections.models import ReflectionPage

    related = ReflectionPage.objects.filter(principles__translation_key=principle.translation_key)
    for reflection in related:  # a repeat makes the same Place, and places() keeps a set
        yield Place(page_path(reflection), tree=True)


def principles_named(reflection):
    """Principles list the reflections that discuss them."""
    for principle in _related_all(reflection, "principles"):
        yield from itself(principle)


def own_page(item):
    """A theme's or contributor's page (in every language it has) and every list of them.

    Every language's list: a language without its own version lists this one instead.
    """
    from reflections.models.directories import INDEX_PAGES

    for index_page in INDEX_PAGES:
        if not isinstance(item, index_page.snippet_model):
            continue
        for locale in Locale.objects.all():
            index = index_page.for_locale(locale.pk)
            if index is not None:
                yield Place(page_path(index))
        for version in versions(item):
            index = index_page.for_locale(version.locale_id)
            if index is None:
                continue
            with translation.override(version.locale.language_code):
                route = index.reverse_subpage("detail", kwargs={"slug": version.slug})
            yield Place(page_path(index) + route, tree=True)


def pages_showing(item):
    """Everywhere a principle or reflection that carries the theme or credits the person is
    shown: its cards name their themes and people, so each place showing the page shows them."""
    pages = []
    for name in ("principles", "reflections"):
        if hasattr(item, name):
            pages += [page for version in versions(item) for page in getattr(version, name).all()]
    # Credits and answers, each with its page in the same query.
    for name, page_field in CREDITS:
        if hasattr(item, name):
            for version in versions(item):
                credits = getattr(version, name).select_related(page_field)
                pages += [getattr(credit, page_field) for credit in credits]
    for page in {page.pk: page for page in pages}.values():
        for relation in relations_for(page):
            if relation is not library:  # added once by the item's own row
                yield from relation(page)


# A person's credits and answers, and the field naming the page each sits on.
CREDITS = (
    ("principle_credits", "page"),
    ("reflection_credits", "page"),
    ("roundtable_responses", "reflection"),
)


def home_pages(_obj):
    """Every home page (themes are listed there)."""
    for site in Site.objects.all():
        for version in versions(site.root_page):
            yield Place(page_path(version))


def library(_obj):
    """What gathers the whole library: the sitemap, the API, downloads, search suggestions, oEmbed."""
    yield Place(reverse("sitemap"))
    yield Place("/api/", tree=True)
    yield Place(reverse("oembed"), tree=True)
    for locale in Locale.objects.all():
        with translation.override(locale.language_code):
            for name in (
                "principles_download_json",
                "principles_download_csv",
                "principles_pdf",
                "search_suggest",
                "use_and_share",
            ):
                yield Place(reverse(name))
            yield Place(f"/{locale.language_code}/p/", tree=True)  # embed cards


def everything(_obj):
    yield EVERYTHING


def _page_versions(page):
    return Page.objects.filter(translation_key=page.translation_key)


def _related_all(obj, name):
    manager = getattr(obj, name, None)
    return list(manager.all()) if manager is not None else []


@functools.cache
def shown_on():
    from principles.models import PrinciplePage, Theme
    from reflections.models import ReflectionPage
    from site_core.models import Contributor, SiteSettings

    return {
        PrinciplePage: (
            itself, lists_above, siblings, theme_pages, contributor_pages, reflections_naming,
            menus, library,
        ),
        ReflectionPage: (
            itself, lists_above, feeds, theme_pages, contributor_pages, principles_named, menus,
            library,
        ),
        Page: (itself, lists_above, menus, library),
        Theme: (own_page, home_pages, pages_showing, library),
        Contributor: (own_page, pages_showing, library),
        SiteSettings: (everything,),
        Site: (everything,),
        Locale: (everything,),
        PageViewRestriction: (everything,),
    }


def relations_for(obj):
    table = shown_on()
    for model in type(obj).__mro__:
        if model in table:
            return table[model]
    return ()


def places(obj):
    """Every place that shows ``obj``, each once."""
    found = set()
    for relation in relations_for(obj):
        for place in relation(obj):
            if place.path:
                found.add(place)
    return found


# Purging ---------------------------------------------------------------------------


def purge(found):
    """Purge ``found`` places here and in a CDN or Varnish in front."""
    memo.forget()  # menus, index and contact pages, restrictions: rebuilt at the next request
    if EVERYTHING in found:
        shared_cache.renew(shared_cache.PAGES)  # every stored page is missed
    else:
        page_cache.purge_paths(
            paths=[place.path for place in found if not place.tree],
            trees=[place.path for place in found if place.tree],
        )
    purge_frontend(found)


def purge_frontend(found):
    if not cdn_configured():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    paths = {place.path for place in found if place != EVERYTHING}
    if EVERYTHING in found:
        paths |= {page_path(page) for page in Page.objects.live().filter(depth__gt=1)}
        paths |= {place.path for place in library(None)}
    roots = {site.root_url for site in Site.objects.all()}
    urls = sorted(root + path for root in roots for path in paths if path)
    try:
        purge_urls_from_cache(urls)
    except Exception:  # a CDN outage must not undo or fail the publish
        log.exception("Purging the CDN failed; its copies expire after s-maxage")


def purge_after_commit(obj, now=False):
    """Purge the places that show ``obj`` once the change is committed.

    They are worked out after the commit too (a transaction that is rolled back, as
    every test's is, costs nothing), except with ``now``: a deleted object's links are
    gone by then. Links a change removes (a theme taken off a principle) are not seen
    either way; the page cache forgets those pages after PAGE_CACHE_SECONDS.
    """
    memo.forget_here()
    if not anything_to_purge():
        transaction.on_commit(memo.forget)  # no page cache, no CDN: only the memo
    elif now:
        found = places(obj)
        transaction.on_commit(lambda: purge(found))
    else:
        transaction.on_commit(lambda: purge(places(obj)))


def anything_to_purge():
    """Whether a page cache or a CDN keeps pages (not in the test suite, by default)."""
    return page_cache.enabled() or cdn_configured()


def cdn_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# Signals ----------------------------------------------------------------------------


def _on_page_change(sender, instance, **kwargs):
    purge_after_commit(instance.specific if type(instance) is Page else instance)


def _on_snippet_change(sender, instance, signal=None, **kwargs):
    if relations_for(instance):
        purge_after_commit(instance, now=signal is pre_delete)


def _forget_here(sender, instance, **kwargs):
    memo.forget_here()


def _purge_everything(sender, **kwargs):
    """A change every page shows, or one that changes URLs (a move, a new slug: the old
    addresses must now answer with their redirects)."""
    memo.forget_here()
    transaction.on_commit(lambda: purge({EVERYTHING}))


def _on_live_saved(sender, instance, update_fields=None, **kwargs):
    """A live page or snippet saved whole (publishing does; a draft saves only revision
    fields; a script or an import may save a live row directly) may change a menu, an
    index page or the search's catalogue and themes kept in the memo: every process
    drops its copies."""
    if instance.live and update_fields is None:
        memo.forget_here()
        transaction.on_commit(memo.forget)


def connect():
    from principles.models import Theme
    from site_core.models import Contributor, SiteSettings
    from site_core.models.mixins import slug_changed

    wagtail_signals.page_published.connect(_on_page_change, dispatch_uid="purge-published")
    wagtail_signals.page_unpublished.connect(_on_page_change, dispatch_uid="purge-unpublished")
    # A move or a new slug changes URLs: the old ones must answer with their redirect.
    wagtail_signals.post_page_move.connect(_purge_everything, dispatch_uid="purge-moved")
    wagtail_signals.page_slug_changed.connect(_purge_everything, dispatch_uid="purge-renamed")
    slug_changed.connect(_purge_everything, dispatch_uid="purge-snippet-renamed")
    # Page types only: a delete handler on every model would stop Django from deleting
    # rows in bulk anywhere (it must then load each row to send the signal).
    for model in get_page_models():
        if model is not Page:
            pre_delete.connect(_on_page_deleted, sender=model)
            post_save.connect(_on_live_saved, sender=model)
    for model in (Theme, Contributor):
        wagtail_signals.published.connect(_on_snippet_change, sender=model)
        wagtail_signals.unpublished.connect(_on_snippet_change, sender=model)
        pre_delete.connect(_on_snippet_change, sender=model)
        post_save.connect(_on_live_saved, sender=model)
    for model in (SiteSettings, Site, Locale, PageViewRestriction):
        # Before the change is saved, so that no other handler of it (the search
        # vocabulary, say) reads the memo's copy of what it is changing.
        pre_save.connect(_forget_here, sender=model)
        pre_delete.connect(_forget_here, sender=model)
        post_save.connect(_purge_everything, sender=model)
        post_delete.connect(_purge_everything, sender=model)


def _on_page_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_after_commit(instance, now=True)

