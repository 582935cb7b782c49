"""The body of a reflection, including roundtable questions and answers."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from site_core.blocks import HeadingBlock, ImageBlock, ParagraphBlock, QuoteBlock
from site_core.visibility import is_visible


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(help_text=_("The question every contributor answers below it."))

    class Meta:
        icon = "help"
        template = "blocks/question.html"
        description = _(
            "Roundtable: the question. Add one 'Response' block per contributor after it."
        )
        preview_value = {"question": "What does care look like when resources are thin?"}


class ResponseBlock(blocks.StructBlock):
    contributor = SnippetChooserBlock(
        "site_core.Contributor", help_text=_("Who is answering. Their name links to their profile.")
    )
    answer = ParagraphBlock(help_text=_("Their answer, in their words."))

    class Meta:
        icon = "user"
        template = "blocks/response.html"
        description = _(
            "Roundtable: one contributor's answer to the question above, under their name."
        )

    def get_api_representation(self, value, context=None):
        """The answer, and who gave it only while the public may see that person."""
        representation = super().get_api_representation(value, context)
        person = value.get("contributor")
        if person is not None and not is_visible(person):
            representation["contributor"] = None
        return representation


class ReflectionBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    question = QuestionBlock()
    response = ResponseBlock()
