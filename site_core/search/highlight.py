"""Safe extracts with the matched words marked, made from a page's running text only.

An extract is read from the text a visitor reads as prose: the page's one-line
summary and plain-words fields and the paragraphs of its body (a roundtable's
answers included). Headings, boxes set apart (callouts), lists, quotes and
captions stay out, so no extract runs "Demo text This is demo text" together.
It starts at the beginning of the sentence with the first match and ends at the
end of a sentence where one falls inside its length, else between two words.

The text is escaped first and only then wrapped in <mark>, so nothing from
content or from the query can inject HTML. Matching is forgiving like the
search itself: case and accents are ignored, and a word matches when it shares
the stem-like start of a query word ("healing" marks "heal", "daños" marks "daño").
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.rich_text import RichText

from site_core.blocks import CalloutBlock, ParagraphBlock

from .vocabulary import fold

TOKEN = re.compile(r"\w+", re.UNICODE)
# Where a tag ends a line of text: the words on either side are never run together.
BLOCK_BREAK = re.compile(r"<(?:/p|/li|/h[1-6]|br|/blockquote|/ul|/ol)\b[^>]*>", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
EXTRACT_WORDS = 36


def stems(query):
    result = []
    for word in TOKEN.findall(fold(query)):
        if len(word) >= 3:
            result.append(word[: max(4, len(word) - 3)] if len(word) > 4 else word)
    return result


# The running text of a page -----------------------------------------------------------


def plain(value):
    """Plain text of a field's value: rich text loses its tags but keeps its word breaks."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    return " ".join(html.unescape(strip_tags(BLOCK_BREAK.sub(" ", source))).split())


def paragraphs(stream):
    """The paragraphs of a StreamField value, and paragraphs inside a block (an answer).

    Callouts are boxes set apart from the text (notes, content warnings), so they stay out.
    """
    for child in stream or ():
        block, value = child.block, child.value
        if isinstance(block, ParagraphBlock):
            yield plain(value)
        elif isinstance(block, blocks.StructBlock) and not isinstance(block, CalloutBlock):
            for name, inner in block.child_blocks.items():
                if isinstance(inner, ParagraphBlock):
                    yield plain(value.get(name))


def running_text(page, fields):
    """The parts of ``page``'s text an extract may come from, in reading order.

    ``fields`` names plain-text fields and StreamFields; a StreamField gives its paragraphs.
    """
    parts = []
    for name in fields:
        value = getattr(page, name, None)
        if isinstance(value, blocks.StreamValue):
            parts.extend(paragraphs(value))
        elif value:
            parts.append(plain(value))
    return [part for part in parts if part]


# The extract -----------------------------------------------------------------------------


def _matches(token, query_stems):
    core = TOKEN.search(token)
    if core is None:
        return False
    word = core.group()
    folded = word.lower() if word.isascii() else fold(word)  # most words: no accent to fold
    return any(folded.startswith(stem) for stem in query_stems)


def _sentences(parts):
    """Tokens of every sentence of ``parts``; each part ends a sentence too."""
    for part in parts:
        sentence = []
        for token in part.split():
            sentence.append(token)
            if SENTENCE_END.search(token):
                yield sentence
                sentence = []
        if sentence:
            yield sentence


def highlight(parts, query, words=EXTRACT_WORDS):
    """An extract of about ``words`` words from ``parts``, matches marked, as safe HTML."""
    if isinstance(parts, str):
        parts = [parts]
    tokens, starts, ends = [], [], set()
    for sentence in _sentences(parts):
        starts.append(len(tokens))
        tokens.extend(sentence)
        ends.add(len(tokens))  # the position just after the sentence's last word
    if not tokens:
        return ""
    query_stems = stems(query)
    first = next(
        (i for i, token in enumerate(tokens) if query_stems and _matches(token, query_stems)), 0
    )
    start = max(position for position in starts if position <= first)
    if first - start > words * 2 // 3:  # a long sentence: start closer to the match
        start = first - words // 3
    stop = min(len(tokens), start + words)
    if stop not in ends and stop < len(tokens):
        # End with a whole sentence where one ends past the match and past half the length.
        whole = [end for end in ends if max(first + 1, start + words // 2) <= end < stop]
        if whole:
            stop = max(whole)
    out = []
    for token in tokens[start:stop]:
        if query_stems and _matches(token, query_stems):
            # Keep punctuation outside the mark: "heal," -> "<mark>heal</mark>,"
            core = TOKEN.search(token)
            before, inner, after = token[: core.start()], core.group(), token[core.end() :]
            out.append(f"{escape(before)}<mark>{escape(inner)}</mark>{escape(after)}")
        else:
            out.append(escape(token))
    prefix = "… " if start > 0 else ""
    suffix = " …" if stop < len(tokens) and stop not in ends else ""
    return mark_safe(prefix + " ".join(out) + suffix)  # noqa: S308 (every piece escaped above)
