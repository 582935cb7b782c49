"""The kinds of page the search offers, registered by the apps that define them.

site_core cannot import the principles or reflections apps, so each registers
its page type here (in its AppConfig.ready). A registered model has a
``themes`` many-to-many field, which the search uses for theme filters and counts.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchType:
    key: str  # the value of ?type=
    label: str
    model: type
    summary_field: str  # the plain-text field shown first in results

    @property
    def theme_link(self):
        """The many-to-many table between this page type and themes, and its column."""
        field = self.model._meta.get_field("themes")
        through = field.remote_field.through
        return through, field.m2m_field_name()


SEARCH_TYPES = {}


def register(key, label, model, summary_field):
    SEARCH_TYPES[key] = SearchType(key, label, model, summary_field)


def theme_model():
    first = next(iter(SEARCH_TYPES.values()))
    return first.model._meta.get_field("themes").related_model
