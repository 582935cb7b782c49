"""/sitemap.xml: every public page and every theme and contributor page, in every language.

Django's sitemap framework renders the XML, but its own hreflang alternates assume
every item exists in every language under the same path. Here each translation
is a URL of its own, and its alternates are the real language versions of the
same content (same ``translation_key``): untranslated copies (aliases) show
English text, so they are left out and claim no language. The whole map costs a
fixed number of SQL queries, however many pages there are.

Pages are read generically from Wagtail's page table; themes and contributors
are listed at their index page's ``detail`` route, in each language where that
index is live.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import NoReverseMatch
from wagtail.models import Locale, Page, Site

from reflections.models.directories import INDEX_PAGES
from site_core import cache_policy
from site_core.visibility import visible


@dataclass
class Entry:
    path: str
    language: str
    lastmod: datetime | None = None
    alternates: list = field(default_factory=list)  # (hreflang, path), itself included


class LibrarySitemap(Sitemap):
    """One <url> per page or snippet page and language, with hreflang alternates."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def languages(self):
        return dict(Locale.objects.values_list("pk", "language_code"))

    def path_of(self, page):
        """The page's path on this site, or None when it is served elsewhere or nowhere."""
        parts = page.get_url_parts(self.request)
        if parts is None or parts[2] is None:
            return None
        site_id, _root_url, path = parts
        if self.site is not None and site_id != self.site.pk:
            return None
        return path

    def page_entries(self):
        pages = (
            visible(Page.objects.filter(depth__gt=1, alias_of__isnull=True))
            .only("url_path", "translation_key", "locale_id", "last_published_at")
            .order_by("path")
        )
        for page in pages:
            path = self.path_of(page)
            if path is not None:
                yield (
                    ("page", page.translation_key),
                    Entry(path, self.languages.get(page.locale_id), page.last_published_at),
                )

    def snippet_entries(self, index_model):
        model = index_model.snippet_model
        index_pages = {}
        for index in visible(index_model.objects.all()).order_by("path"):
            # As SnippetIndexPageMixin.for_locale: the first live index of each locale.
            if index.locale_id not in index_pages:
                index_pages[index.locale_id] = (index, self.path_of(index))
        key = model._meta.label_lower
        items = visible(model.objects.filter(locale_id__in=list(index_pages))).order_by(
            "locale_id", "slug"
        )
        for item in items.only("slug", "translation_key", "locale_id"):
            index, index_path = index_pages[item.locale_id]
            if index_path is None:
                continue
            try:
                path = index_path + index.reverse_subpage("detail", kwargs={"slug": item.slug})
            except NoReverseMatch:
                continue
            yield (key, item.translation_key), Entry(path, self.languages.get(item.locale_id))

    @cached_property
    def entries(self):
        found = list(self.page_entries())
        for index_model in INDEX_PAGES:
            found.extend(self.snippet_entries(index_model))
        versions = defaultdict(dict)
        for group, entry in found:
            versions[group][entry.language] = entry.path
        order = [code for code, _name in settings.LANGUAGES]
        for group, entry in found:
            same = versions[group]
            entry.alternates = [(code, same[code]) for code in order if code in same]
            entry.alternates += [(code, path) for code, path in same.items() if code not in order]
            if settings.LANGUAGE_CODE in same:
                entry.alternates.append(("x-default", same[settings.LANGUAGE_CODE]))
        return [entry for _group, entry in found]

    def items(self):
        return self.entries

    def location(self, item):
        return item.path

    def lastmod(self, item):
        return item.lastmod

    def get_urls(self, page=1, site=None, protocol=None):
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["alternates"] = [
                {"lang_code": code, "location": base + path}
                for code, path in url["item"].alternates
            ]
        return urls


def sitemap(request):
    response = sitemap_view(request, {"library": LibrarySitemap(request)})
    if response.status_code == 200:
        response.render()
        cache_policy.shared_page(response)  # purged with every publish (site_core/purge.py)
    return response
