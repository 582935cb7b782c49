"""What the visitor typed, made safe to search with: one rule for the site and the API."""

import re

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut (search box) or refused (API)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_query(raw, limit=MAX_QUERY_LENGTH):
    """The visitor's words without control characters, spaces folded, at most ``limit``."""
    text = CONTROL_CHARACTERS.sub(" ", raw[: limit * 4])
    return " ".join(text.split())[:limit].strip()


def search_words(query):
    """Only the words of a query.

    Operators and quotes mean nothing to visitors here, and SQLite's FTS5 would
    reject them (PostgreSQL parses them safely, but the same words should find the
    same pages on both).
    """
    return " ".join(re.findall(r"\w+", query))
