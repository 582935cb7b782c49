"""StreamField blocks shared by principles and reflections.

Each block has an icon, its own template under ``templates/blocks/`` and a
description or preview value, so staff can see what they are choosing.
"""

import json
import uuid

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Rich text stays small on purpose: structure comes from the blocks, not from
# headings typed inside a paragraph.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        description = _("A paragraph of text, with bold, italics, links and lists.")
        preview_value = "<p>Care starts from where people are, not where we wish they were.</p>"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text=_("The words of the heading."))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a sub-heading only under a section heading."),
        search_index=False,
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = _("A heading that starts a new section of the text.")
        preview_value = {"text": "What this asks of us", "level": "h2"}


class InPracticeBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        default=_("In practice"),
        help_text=_("Shown above the list. 'In practice' unless you need something else."),
    )
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Practice")),
        help_text=_("Each box holds one concrete thing people do. Add a new box for each one."),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/in_practice.html"
        description = _("A short list of what the principle looks like in day-to-day work.")
        preview_value = {
            "heading": "In practice",
            "items": ["Ask before offering advice.", "Let people set the pace."],
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text=_("The quoted words, without quotation marks."))
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Who said or wrote it. Optional.")
    )
    source_url = blocks.URLBlock(
        required=False, help_text=_("A link to where the quote comes from. Optional.")
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        description = _("A quotation, set apart from the text, with who said it.")
        preview_value = {
            "text": "Nothing about us without us.",
            "attribution": "A community saying",
        }


class QuestionsForReflectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        default=_("Questions for reflection"),
        help_text=_("Shown above the questions."),
    )
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Question")),
        help_text=_("Questions readers can sit with alone or discuss in a group."),
    )

    class Meta:
        icon = "help"
        template = "blocks/questions_for_reflection.html"
        description = _("Questions that invite the reader to reflect on their own practice.")
        preview_value = {
            "heading": "Questions for reflection",
            "questions": ["Who decides what safety means in your space?"],
        }


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[
            ("note", _("Note")),
            ("care", _("Care note (content warning, support)")),
            ("key", _("Key idea")),
        ],
        default="note",
        help_text=_("Sets the look of the box and how screen readers announce it."),
        search_index=False,
    )
    title = blocks.CharBlock(required=False, max_length=120, help_text=_("Optional title."))
    text = ParagraphBlock(help_text=_("What the box says."))

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        description = _("A box that sets a note, a care note or a key idea apart from the text.")
        preview_value = {
            "tone": "key",
            "title": "Key idea",
            "text": "<p>People are experts in their own lives.</p>",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        help_text=_(
            "The image's alt text comes from its own 'Description' field in the image library."
        )
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text=_("Shown under the image.")
    )
    credit = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Photographer or artist.")
    )

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = _("An image from the library, with an optional caption and credit.")


class StandardBodyBlock(blocks.StreamBlock):
    """Body of general pages such as 'About'."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    image = ImageBlock()


def stream_data(*blocks):
    """StreamField raw JSON from ``(block_type, value)`` pairs, as the admin's editor saves it.

    Every block and list item carries an id: wagtail-localize only offers list
    items for translation when they are stored in this form. Used by the demo
    loader and the tests, so both build bodies exactly as staff would.
    """

    def with_ids(value):
        if isinstance(value, dict):
            return {key: with_ids(item) for key, item in value.items()}
        if isinstance(value, list):
            return [{"type": "item", "value": item, "id": str(uuid.uuid4())} for item in value]
        return value

    return json.dumps(
        [
            {"type": kind, "value": with_ids(value), "id": str(uuid.uuid4())}
            for kind, value in blocks
        ]
    )
