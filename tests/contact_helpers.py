"""Posting to a contact form as a person would, for every test that sends a message.

A contact form refuses a post without the token it rendered, and one sent sooner
than a person could type (``CONTACT_MIN_FILL_SECONDS``). ``filled_in`` fetches the
form like a browser, keeps the token's nonce (so a second post of the same data is
the same form sent twice) and signs it as if the form had been shown a while ago,
so a test need not sleep.
"""

import re
import time

from site_core import contact_form

TOKEN_FIELD = re.compile(r'<input type="hidden" name="contact_token" value="([^"]+)"')


def rendered_token(html):
    """The token a rendered contact form carries."""
    match = TOKEN_FIELD.search(html)
    assert match, "the contact form renders its token"
    return match.group(1)


def aged(token, seconds=None):
    """``token`` as if its form had been shown ``seconds`` ago (default: just long enough)."""
    nonce, _shown = contact_form.read_token(token)
    seconds = contact_form.min_fill_seconds() + 2 if seconds is None else seconds
    return contact_form.make_token(nonce, time.time() - seconds)


def filled_in(page, data, client, **get_extra):
    """What a person sends from ``page`` (a page or its URL): ``data`` and the form's token."""
    url = page if isinstance(page, str) else page.url
    response = client.get(url, **get_extra)
    assert response.status_code == 200, url
    token = rendered_token(response.content.decode())
    return {**data, contact_form.TOKEN: aged(token), contact_form.HONEYPOT: ""}
