"""The first view of every public page type weighs at most 40 KB compressed.

What counts is what a phone on a metered connection fetches the first time it opens
a page: the HTML (and that of any frame on it), stylesheets, scripts and fonts,
each gzip-compressed as production serves it. Images are left out: they depend on
what staff upload, and their size is the image chooser's business.

Measured in Chromium with an empty cache, so everything the page pulls in counts,
print stylesheet included (browsers fetch it too). The demo server sends files
uncompressed, so each body is compressed here the way production does: HTML by
nginx on the fly (``gzip_comp_level 5`` in deploy/nginx/principles.conf), static
files ahead of time by whitenoise (level 9, served by nginx's ``gzip_static``).
"""

import gzip

import pytest

from tests.axe import PAGE_TYPES, expected_status, page_paths

pytestmark = pytest.mark.django_db

BUDGET = 40 * 1000  # bytes, compressed: HTML, CSS, JS and fonts of the first view
COUNTED = {"document", "stylesheet", "script", "font"}
NGINX_LEVEL = 5
WHITENOISE_LEVEL = 9


def compressed_size(body, resource_type):
    level = NGINX_LEVEL if resource_type == "document" else WHITENOISE_LEVEL
    return len(gzip.compress(body, compresslevel=level, mtime=0))


def first_view(browser, url):
    """[(resource type, url, bytes, compressed bytes)] of one page opened with an empty cache."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    responses = []
    context.on("response", lambda response: responses.append(response))
    try:
        page = context.new_page()
        response = page.goto(url)
        status = response.status
        rows = []
        for each in responses:
            kind = each.request.resource_type
            if kind not in COUNTED or 300 <= each.status < 400:
                continue
            body = each.body()
            rows.append((kind, each.url, len(body), compressed_size(body, kind)))
    finally:
        context.close()
    return status, rows


def table(rows):
    return "\n".join(
        f"  {kind:<10} {raw:>7} B raw {packed:>6} B gzip  {url}" for kind, url, raw, packed in rows
    )


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_first_view_weighs_at_most_40_kb_compressed(page_type, language, browser, demo_server):
    url = demo_server.url + page_paths(language)[page_type]
    status, rows = first_view(browser, url)
    assert status == expected_status(page_type), url
    kinds = {kind for kind, *_ in rows}
    assert {"document", "stylesheet"} <= kinds, f"{url}: the page and its styles were fetched"
    total = sum(packed for *_, packed in rows)
    assert total <= BUDGET, (
        f"{url}: first view {total} B compressed, over the {BUDGET} B budget\n{table(rows)}"
    )
