"""The body of a principle page."""

from wagtail import blocks

from site_core.blocks import (
    CalloutBlock,
    HeadingBlock,
    ImageBlock,
    InPracticeBlock,
    ParagraphBlock,
    QuestionsForReflectionBlock,
    QuoteBlock,
)


class PrincipleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    in_practice = InPracticeBlock()
    quote = QuoteBlock()
    questions = QuestionsForReflectionBlock()
    callout = CalloutBlock()
    image = ImageBlock()
