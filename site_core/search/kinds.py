"""The kinds of page the search offers: ``?type=principle`` and ``?type=reflection``."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from principles.models import PrinciplePage
from reflections.models import ReflectionPage


@dataclass(frozen=True)
class SearchKind:
    key: str  # the value of ?type=
    label: str
    model: type
    summary_field: str  # the plain-text field shown first in results

    @property
    def theme_link(self):
        """The many-to-many table between this page type and themes, and its column."""
        field = self.model._meta.get_field("themes")
        return field.remote_field.through, field.m2m_field_name()


KINDS = {
    kind.key: kind
    for kind in (
        SearchKind("principle", _("Principle"), PrinciplePage, summary_field="statement"),
        SearchKind("reflection", _("Reflection"), ReflectionPage, summary_field="intro"),
    )
}
