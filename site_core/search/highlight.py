"""Safe extracts with the matched words marked.

The text is escaped first and only then wrapped in <mark>, so nothing from
content or from the query can inject HTML. Matching is forgiving like the
search itself: case and accents are ignored, and a word matches when it shares
the stem-like start of a query word ("healing" marks "heal", "daños" marks "daño").
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .vocabulary import fold

TOKEN = re.compile(r"\w+", re.UNICODE)


def stems(query):
    result = []
    for word in TOKEN.findall(fold(query)):
        if len(word) >= 3:
            result.append(word[: max(4, len(word) - 3)] if len(word) > 4 else word)
    return result


def _matches(token, query_stems):
    core = TOKEN.search(token)
    if core is None:
        return False
    folded = fold(core.group())
    return any(folded.startswith(stem) for stem in query_stems)


def highlight(text, query, words=32):
    """An extract of about ``words`` words around the first match, as safe HTML."""
    tokens = text.split()
    if not tokens:
        return ""
    query_stems = stems(query)
    first = next((i for i, token in enumerate(tokens) if _matches(token, query_stems)), 0)
    start = max(0, first - words // 3)
    window = tokens[start : start + words]
    out = []
    for token in window:
        if query_stems and _matches(token, query_stems):
            # Keep punctuation outside the mark: "heal," -> "<mark>heal</mark>,"
            core = TOKEN.search(token)
            before, inner, after = token[: core.start()], core.group(), token[core.end() :]
            out.append(f"{escape(before)}<mark>{escape(inner)}</mark>{escape(after)}")
        else:
            out.append(escape(token))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)  # noqa: S308 (every piece escaped above)
