"""The kinds of page the search offers: ``?type=principle`` and ``?type=reflection``."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from principles.models import PrinciplePage
from reflections.models import ReflectionPage


@dataclass(frozen=True)
class SearchKind:
    key: str  # the value of ?type=
    label: str  # one result: "Principle 3"
    plural: str  # the filter: "Show: All / Principles / Reflections"
    model: type
    # What a result's extract is made from, in reading order: plain-text fields, and a
    # StreamField's paragraphs (site_core.search.highlight). The first one leads.
    text_fields: tuple

    @property
    def theme_link(self):
        """The many-to-many table between this page type and themes, and its column."""
        field = self.model._meta.get_field("themes")
        return field.remote_field.through, field.m2m_field_name()


KINDS = {
    kind.key: kind
    for kind in (
        SearchKind(
            "principle",
            _("Principle"),
            _("Principles"),
            PrinciplePage,
            text_fields=("statement", "summary", "body"),
        ),
        SearchKind(
            "reflection",
            _("Reflection"),
            _("Reflections"),
            ReflectionPage,
            text_fields=("intro", "body"),
        ),
    )
}
