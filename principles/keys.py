"""Permanent keys: the short code in a principle's link that never changes (``/p/<key>/``).

One pattern for every place that makes or routes a key: new keys, the URL
converter of ``/p/<key>/`` and the oEmbed URL parser. Staff never type a key: the
admin shows it read-only (``principles.forms.KeyPanel``).
"""

import secrets

PATTERN = r"[a-z0-9-]{3,12}"
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: safe to read aloud or print
LENGTH = 6


def new_key():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


class KeyConverter:
    """URL converter for ``<key:key>``: any other text in that place is a 404 at once."""

    regex = PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
