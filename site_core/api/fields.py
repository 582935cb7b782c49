"""Fields the API computes for partners: links in the item's language, absolute URLs.

wagtail-localize copies a page's themes and principles into its translation as
they are, so a Spanish page may point at English ones. As on the HTML pages,
links are shown in the language of the item that holds them where a version in
that language exists. The endpoint works them out for a whole page of results
at once (``links_of``), so a field costs no query of its own.
"""

from rest_framework.fields import Field
from wagtail.api.v2.utils import get_object_detail_url

from reflections.models import public_url


class ObjectField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    @property
    def request(self):
        return self.context["request"]

    @property
    def view(self):
        return self.context["view"]


class LocaleCodeField(ObjectField):
    """The item's language code, "en" or "es"."""

    def to_representation(self, obj):
        return self.view.language_code(obj.locale_id)


class SnippetPageURLField(ObjectField):
    """The public page of a theme or contributor, absolute."""

    def to_representation(self, obj):
        return public_url(obj, self.request, full=True)


class PermanentURLField(ObjectField):
    """A principle's permanent link, ``https://host/p/<key>/``: it never changes."""

    def to_representation(self, page):
        return page.get_permanent_url(self.request)


class LastRevisedField(ObjectField):
    """The date a principle's wording last changed (``YYYY-MM-DD``); see docs/api.md."""

    def to_representation(self, page):
        return self.view.links_of(page, "last_revised")


class LocalizedThemesField(ObjectField):
    """The themes of a page, in the page's language where translated, sorted by name."""

    def to_representation(self, page):
        return [
            {
                "id": theme.item.pk,
                "name": theme.item.name,
                "slug": theme.item.slug,
                "locale": self.view.language_code(theme.item.locale_id),
                "html_url": public_url(theme.item, self.request, full=True),
                "detail_url": detail_url(self.context, theme.item),
            }
            for theme in self.view.links_of(page, "themes")
        ]


class LocalizedPrinciplesField(ObjectField):
    """The principles a reflection names, in its language where translated, by number."""

    def to_representation(self, page):
        return [
            {
                "id": principle.pk,
                "key": principle.key,
                "number": principle.number,
                "title": principle.title,
                "locale": self.view.language_code(principle.locale_id),
                "html_url": principle.get_full_url(self.request),
                "permanent_url": principle.get_permanent_url(self.request),
                "detail_url": detail_url(self.context, principle),
            }
            for principle in self.view.links_of(page, "principles")
        ]


def detail_url(context, obj):
    return get_object_detail_url(context["router"], context["request"], type(obj), obj.pk)
