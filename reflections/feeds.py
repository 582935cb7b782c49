"""The Atom feed of a reflection index: ``/en/reflections/feed/``, ``/es/reflexiones/feed/``.

Served by ``ReflectionIndexPage``'s ``feed/`` route, so each language's index
has its own feed, titled in that language. Newest first, like the index.
"""

import datetime
import html

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags

from site_core.models import SiteSettings


class MultiAuthorAtomFeed(Atom1Feed):
    """Atom with one <author> per contributor (Django's generator writes only one).

    An entry still shown in English in the Spanish feed (an untranslated copy)
    is marked ``xml:lang="en"``.
    """

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("content_language"):
            attributes["xml:lang"] = item["content_language"]
        return attributes

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("authors", []):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class ReflectionFeed(Feed):
    feed_type = MultiAuthorAtomFeed
    max_items = 20

    def get_object(self, request, index):
        self.request = request
        self.index = index
        self.language = index.locale.language_code
        return index

    def organisation(self):
        return SiteSettings.for_request(self.request).organisation_name

    def title(self, index):
        return f"{index.title} · {self.organisation()}"

    def subtitle(self, index):
        return html.unescape(strip_tags(index.intro)).strip() or None

    def link(self, index):
        return index.get_url(self.request)

    def feed_url(self, index):
        return index.get_url(self.request) + index.reverse_subpage("feed")

    def author_name(self, index):
        # Atom wants an author for every entry; entries without contributors inherit this one.
        return self.organisation()

    def items(self, index):
        return list(index.reflections()[: self.max_items])

    def item_title(self, item):
        return item.title  # Atom titles are plain text; no double escaping as for RSS

    def item_description(self, item):
        return escape(item.intro)  # <summary type="html"> of plain text

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time.min, tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        published = self.item_pubdate(item)
        return max(item.last_published_at or published, published)

    def item_extra_kwargs(self, item):
        alias_language = getattr(item, "alias_language", None)  # from for_cards()
        return {
            "authors": [person.name for person in item.byline()],
            "content_language": alias_language if alias_language != self.language else None,
        }
