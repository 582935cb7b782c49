"""Roundtables: one question, then each contributor's answer under their name.

The body of a reflection stores them as ``question`` and ``response`` blocks
(``reflections.blocks``). This module is the one place that reads them back:
the anchor of each answer (``#response-<contributor-slug>``), the answers in
the reader's language for the page, and the rows of the contributor pages'
"roundtable answers" lists (``ReflectionResponse``).
"""

from dataclasses import dataclass

from site_core.i18n import localized_by_key


def response_anchors(body):
    """The anchor of each block in ``body``: ``response-<contributor-slug>`` or None.

    Returned in block order. A contributor who answers twice gets ``-2``, ``-3`` …
    on the later answers, so every anchor on the page is unique.
    """
    anchors, used = [], set()
    for block in body:
        contributor = block.value.get("contributor") if block.block_type == "response" else None
        if contributor is None:
            anchors.append(None)
            continue
        base = f"response-{contributor.slug}"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        anchors.append(anchor)
    return anchors


@dataclass(frozen=True)
class BodyPart:
    """A block of a reflection's body as the page shows it."""

    block: object
    anchor: str | None = None  # responses only
    contributor: object = None  # responses only: the Shown contributor, if public


@dataclass(frozen=True)
class Roundtable:
    """A reflection's body, ready to show: blocks with anchors and respondents."""

    parts: list
    respondents: list  # (Shown contributor or None, anchor), in the order they answer

    @classmethod
    def of(cls, page):
        """The body of ``page`` with each respondent in the page's language (two queries).

        An answer whose person the public may not see (not published yet, or no
        longer) keeps its words, which the page itself published, but not the
        person: no name, no link, and an anchor made from the answer's place
        rather than from their slug (``contributor`` is None).
        """
        anchors = response_anchors(page.body)
        people = localized_by_key(
            [
                block.value["contributor"]
                for block, anchor in zip(page.body, anchors, strict=True)
                if anchor
            ],
            page.locale_id,
        )
        parts = []
        for position, (block, anchor) in enumerate(zip(page.body, anchors, strict=True), 1):
            if not anchor:
                parts.append(BodyPart(block))
                continue
            person = people.get(block.value["contributor"].translation_key)
            parts.append(BodyPart(block, anchor if person else f"answer-{position}", person))
        respondents = [(part.contributor, part.anchor) for part in parts if part.anchor]
        return cls(parts, respondents)


def response_rows(page):
    """(contributor, anchor, question, position) for each answer in ``page``'s body."""
    rows, question = [], ""
    for position, (block, anchor) in enumerate(
        zip(page.body, response_anchors(page.body), strict=True)
    ):
        if block.block_type == "question":
            question = block.value["question"]
        elif anchor:
            rows.append((block.value["contributor"], anchor, question, position))
    return rows
