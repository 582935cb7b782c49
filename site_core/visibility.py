"""What an anonymous visitor may see: one definition for every public surface.

A page is **visible to the public** when all of these hold:

- it is live, and not past its expiry time (Wagtail only unpublishes an expired
  page when ``publish_scheduled`` next runs; until then it is still "live");
- no view restriction (password, login, groups) applies to it or to any ancestor;
- for an untranslated copy (an alias), its source is live and not expired, and no
  restriction applies to the source or the source's ancestors either: the copy
  shows the source's words.

A **snippet with drafts** (a theme, a contributor: Wagtail's ``DraftStateMixin``)
is visible when it is live and not past its expiry time. Its database row holds
the published version, so a newer draft never shows; before its first
publication the row holds the draft, which is why "not live" must hide it
everywhere, not only on its own page.

Every surface that lists, counts, searches, exports or describes pages or such
snippets filters with ``visible()``: page lists, related and featured items,
theme and contributor pages and lists, credits and roundtable answers, search,
suggestions and theme facets, "did you mean", promotions, the API, the
downloads, the PDF, feeds, the sitemap, the language switcher, oEmbed, the
embed card and permanent links. Wagtail's own ``.public()`` looks at the page's
own path only, so it misses the alias case; this module is the one place the
rule is written.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Now, Substr
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, PageViewRestriction

from site_core import memo


def _restricted(path):
    """A restriction sits on ``path`` (an outer-query path expression) or one of its ancestors.

    Tree paths nest by prefix: a restriction on page R covers every page whose
    path starts with R's path.
    """
    return Exists(
        PageViewRestriction.objects.filter(page__path=Substr(path, 1, Length("page__path")))
    )


def not_expired():
    """Not past ``expire_at`` (a database expression: "now" is the database's)."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=Now())


def visible(items):
    """Those of ``items`` that an anonymous visitor may see: one query.

    ``items`` is a queryset of pages (of any type) or of a snippet with drafts.
    """
    if issubclass(items.model, Page):
        return _visible_pages(items)
    if issubclass(items.model, DraftStateMixin):
        return items.filter(live=True).filter(not_expired())
    raise TypeError(f"{items.model.__name__} has no publication state to check")


def _visible_pages(pages):
    # One filter() with one Q: each filter() or exclude() copies the whole query, which
    # costs more than running it for the small lists pages show.
    rule = Q(live=True) & not_expired()
    hidden = hidden_sources()
    if hidden is None or len(hidden) > MAX_LISTED_SOURCES:
        rule &= ~Q(alias_of__live=False) & ~Q(alias_of__expire_at__lte=Now())
    elif hidden:
        # The same rule with the hidden sources written in: no join to the source at all
        # when no copy's source is unpublished or expired (the usual case).
        rule &= ~Q(alias_of_id__in=hidden)
    restricted = restricted_paths()
    if restricted is None or len(restricted) > MAX_LISTED_RESTRICTIONS:
        return (
            pages.filter(rule)
            .exclude(_restricted(OuterRef("path")))
            .exclude(_restricted(OuterRef("alias_of__path")))
        )
    # The same rule with the restricted paths written in: a much simpler query to build
    # and run, and no condition at all when nothing is restricted (the usual case).
    for path in restricted:
        rule &= ~Q(path__startswith=path) & ~Q(alias_of__path__startswith=path)
    return pages.filter(rule)


# Past this many restricted pages, a subquery reads them rather than one condition each.
MAX_LISTED_RESTRICTIONS = 10
# Past this many hidden sources of copies, the query joins each copy to its source.
MAX_LISTED_SOURCES = 50


def hidden_sources():
    """Ids of the pages that have copies (aliases) but are not live, or are past their
    expiry time now; from the memo, like ``restricted_paths``.

    The memo keeps every source that is not live or has an expiry time at all, with
    that time, so a source that expires between two publications is hidden from that
    moment on. None outside a request (no memo): ``visible`` then joins each copy to
    its source in the query.
    """
    found = memo.known("alias-sources", _read_alias_sources)
    if found is None:
        return None
    now = timezone.now()
    return [
        pk
        for pk, live, expire_at in found
        if not live or (expire_at is not None and expire_at <= now)
    ]


def _read_alias_sources():
    """(id, live, expire_at) of every page with copies that is not live or may expire.

    A change to any of them (publishing, unpublishing, scheduled expiry, a live page
    saved, a copy made of a live page) renews the memo, see ``site_core.purge``.
    """
    copied = Page.objects.filter(alias_of__isnull=False).values("alias_of_id")
    sources = Page.objects.filter(Q(live=False) | Q(expire_at__isnull=False), pk__in=copied)
    return list(sources.order_by().values_list("pk", "live", "expire_at"))


def restrictions():
    """Every view restriction with its page's tree path, from the per-process memo
    (read afresh outside a request). Renewed whenever a restriction changes."""
    return memo.remember("restrictions", _read_restrictions)


def restricted_paths():
    """Tree paths of the pages that carry a view restriction, from the memo.

    None outside a request (no memo): ``visible`` then reads them in its own subquery.
    """
    found = memo.known("restrictions", _read_restrictions)
    return None if found is None else sorted({path for _restriction, path in found})


def _read_restrictions():
    return [
        (restriction, restriction.page.path)
        for restriction in PageViewRestriction.objects.select_related("page")
    ]


def visible_to_search(items):
    """``visible(items)`` in the form a search backend accepts.

    Search backends turn a queryset's filters into index filters and only know
    indexed fields, so the rule goes in as a subquery of ids, which they pass on.
    """
    return items.filter(pk__in=visible(items).values("pk"))


def is_visible(item):
    """The same rule for one page (one query) or one snippet with drafts (no query).

    A snippet as loaded from the database is its published version, so its own
    ``live`` and ``expire_at`` say all there is to know.
    """
    if isinstance(item, Page):
        return visible(Page.objects.filter(pk=item.pk)).exists()
    if isinstance(item, DraftStateMixin):
        return item.live and not is_expired(item)
    raise TypeError(f"{type(item).__name__} has no publication state to check")


def is_expired(item):
    """Past its expiry time, whether or not ``publish_scheduled`` has unpublished it yet."""
    return item.expire_at is not None and item.expire_at <= timezone.now()


def admits(page, request):
    """Whether ``request``'s visitor may open ``page`` despite its restrictions.

    True when every restriction on the page and its ancestors (and, for an
    untranslated copy, on its source and the source's ancestors) accepts the
    visitor: the password given in this session, the right login or group.
    """
    pages = [page, page.alias_of] if page.alias_of_id else [page]
    if any(not each.live or is_expired(each) for each in pages):
        return False
    return all(
        restriction.accept_request(request)
        for each in pages
        for restriction in each.get_view_restrictions()
    )
