"""What every public page promises visitors: no cookies, nothing from other servers,
markup that a strict Content-Security-Policy and a screen reader both accept."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/en/",
    "/en/principles/",
    "/en/principles/adaptation/",
    "/en/principles/community-led/",
    "/en/reflections/",
    "/en/reflections/healing-justice-and-harm-reduction-roundtable/",
    "/en/reflections/making-time-on-an-outreach-shift/",
    "/en/themes/",
    "/en/themes/sex-work/",
    "/en/contributors/",
    "/en/contributors/richael-faithful/",
    "/en/about/",
    "/en/contact/",  # a form, and still no cookie (tests/test_no_cookies.py)
    "/es/",
    "/es/principios/adaptacion/",
    "/es/principios/community-led/",
    "/es/temas/",
    "/es/reflexiones/mesa-redonda-justicia-sanadora-y-reduccion-de-danos/",
    "/es/colaboradores/kate/",
]


def test_public_pages_set_no_cookies_and_load_nothing_external(client):
    for url in PUBLIC_URLS:
        check_private_and_self_contained(client, url)


def check_private_and_self_contained(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies, f"{url} set {list(response.cookies)}"
    html = response.content.decode()
    # Every script, stylesheet, icon, image and frame comes from this site.
    loaded = re.findall(
        r"<(?:script|img|iframe|source|audio|video)\b[^>]*\b(?:src|srcset)=\"([^\"]+)\"", html
    )
    for link in re.findall(r"<link\b[^>]*>", html):
        if not re.search(r'rel="(canonical|alternate)"', link):
            loaded += re.findall(r'href="([^"]+)"', link)
    assert loaded, "the page loads its stylesheet"
    for src in loaded:
        assert src.startswith("/") and not src.startswith("//"), f"{url} loads {src}"
    # Ready for `script-src 'self'; style-src 'self'`.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert " style=" not in html and not re.search(r"\son[a-z]+=", html)


def test_public_pages_have_landmarks_and_ordered_headings(client):
    for url in PUBLIC_URLS:
        check_landmarks_and_headings(client, url)


def check_landmarks_and_headings(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<html lang="(en|es)">', html)
    assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and "<nav" in html and "<footer" in html
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
    assert levels.count(1) == 1 and levels[0] == 1
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"{url}: heading h{previous} then h{current}"
    for image in re.findall(r"<img\b[^>]*>", html):
        assert re.search(r'\balt="[^"]+"', image), image


def test_contact_form_sets_no_cookie_and_labels_every_field(client):
    response = client.get("/en/contact/")
    assert not response.cookies, list(response.cookies)
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    for field_id in re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', html):
        assert re.search(f'<label for="{field_id}"[ >]', html), field_id
