"""Permanent keys: the short code in a principle's link that never changes (``/p/<key>/``).

One pattern for every place that makes, checks or routes a key: the admin form,
the URL converter of ``/p/<key>/`` and the oEmbed URL parser.
"""

import re
import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PATTERN = r"[a-z0-9-]{3,12}"
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: safe to read aloud or print
LENGTH = 6


def new_key():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def validate_key(value):
    if value and not re.fullmatch(PATTERN, value):
        raise ValidationError(
            _("Use 3 to 12 lowercase letters, digits or hyphens, or leave blank for a new code.")
        )


class KeyConverter:
    """URL converter for ``<key:key>``: any other text in that place is a 404 at once."""

    regex = PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
