"""The wording history of a principle, from its published revisions.

A revision counts when it changed what visitors read (title, statement or body);
publishing again to fix a theme or a credit leaves the wording as it was.
"""

from dataclasses import dataclass
from datetime import date

from wagtail.models import PageLogEntry

WORDING_FIELDS = ("title", "statement", "body")


@dataclass
class Wording:
    published: date
    title: str
    statement: str


def wording_history(page):
    """Every published wording of ``page``, oldest first, dated by its publication (one query)."""
    entries = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        .exclude(revision=None)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    history, previous = [], None
    for entry in entries:
        content = entry.revision.content
        wording = tuple(str(content.get(field, "")) for field in WORDING_FIELDS)
        if wording != previous:
            history.append(
                Wording(
                    published=entry.timestamp.date(),
                    title=content.get("title", ""),
                    statement=content.get("statement", ""),
                )
            )
            previous = wording
    return history
