"""No cookie for anonymous visitors, anywhere: the contact form included.

Django's CSRF protection keeps its secret in a cookie, so pages are served without
it and the contact form checks where a post comes from instead (``Origin``,
``Sec-Fetch-Site``, else ``Referer``), on top of its signed token. Pages are read
over a real socket from the session's demo server; the one post that is accepted
(and stores a message) runs in-process with Django's CSRF checks enforced, inside
the test's transaction, so the demo stays as it was.
"""

import http.client
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale, Page

from principles.models import PrinciplePage, Theme
from reflections.models import public_url
from site_core import contact_form
from site_core.models import ContactPage, ContactSubmission, Contributor
from site_core.visibility import visible
from tests.contact_helpers import aged, rendered_token

pytestmark = pytest.mark.django_db

MESSAGE = {"your_name": "Sam", "your_email": "sam@example.net", "message": "Can we use them?"}


def request(server, method, path, body=None, headers=None):
    """(status, headers, text) of one request to the demo server; redirects not followed."""
    host, port = urlsplit(server.url).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def contact_pages():
    return list(visible(ContactPage.objects.all()).order_by("locale__language_code"))


def public_paths():
    """Every page the public may see, in both languages, and the routes around them."""
    paths = [page.url for page in visible(Page.objects.filter(depth__gt=1)).specific()]
    paths = [path for path in paths if path]
    for code in ("en", "es"):
        locale = Locale.objects.get(language_code=code)
        principle = visible(PrinciplePage.objects.filter(locale=locale)).order_by("number")[0]
        theme = visible(Theme.objects.filter(locale=locale)).first()
        person = visible(Contributor.objects.filter(locale=locale)).first()
        lists = [page.url for page in visible(Page.objects.filter(locale=locale, depth=3))]
        paths += [f"{path}?page=2" for path in lists if path]
        paths += [
            public_url(theme),
            public_url(person),
            principle.url + "history/",
            principle.url + "cite/bibtex/",
            f"/{code}/p/{principle.key}/",
            f"/{code}/p/{principle.key}/embed/",
            f"/{code}/search/",
            f"/{code}/search/?q=healing",
            f"/{code}/search/?theme={theme.slug}",
            f"/{code}/search/suggest?q=he",
            f"/{code}/principles/download.json",
            f"/{code}/principles/download.csv",
            f"/{code}/no-such-page/",
        ]
    return paths


def test_no_public_page_sets_a_cookie(demo_server):
    paths = public_paths()
    kinds = {type(page) for page in visible(Page.objects.filter(depth__gt=1)).specific()}
    assert ContactPage in kinds and len(kinds) >= 8, kinds  # every page type, contact included
    contributor = visible(Contributor.objects.all()).first()
    principle = visible(PrinciplePage.objects.all()).first()
    paths += [
        "/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/principles/",
        f"/api/v2/contributors/{contributor.pk}/",
        "/oembed?" + urlencode({"url": demo_server.url + principle.url, "format": "json"}),
    ]
    for path in paths:
        status, headers, _body = request(demo_server, "GET", path)
        assert status < 500, (path, status)
        assert status != 404 or "no-such-page" in path, path
        assert "Set-Cookie" not in headers, f"{path} sets {headers.get_all('Set-Cookie')}"


def test_the_contact_form_carries_no_csrf_token(demo_server):
    for page in contact_pages():
        status, headers, html = request(demo_server, "GET", page.url)
        assert status == 200 and "Set-Cookie" not in headers, page.url
        assert "csrfmiddlewaretoken" not in html
        assert 'name="contact_token"' in html  # its own signed token instead


def test_a_post_from_the_site_itself_is_accepted_without_any_cookie(db):
    client = Client(enforce_csrf_checks=True)  # Django's CSRF middleware as in production
    for page in contact_pages():
        before = ContactSubmission.objects.count()
        form = client.get(page.url)
        assert not form.cookies
        data = {**MESSAGE, contact_form.TOKEN: aged(rendered_token(form.content.decode()))}
        response = client.post(
            page.url,
            data,
            HTTP_ORIGIN="http://testserver",
            HTTP_SEC_FETCH_SITE="same-origin",
            HTTP_REFERER="http://testserver" + page.url,
        )
        assert response.status_code == 200, (page.url, response.status_code)
        assert not response.cookies, page.url
        assert ContactSubmission.objects.count() == before + 1, page.url
        # A client that says nothing of where it posts from (no browser on another site)
        # meets the token, the honeypot and the rate limit like any robot.
        response = client.post(page.url, {**MESSAGE, contact_form.TOKEN: "forged"})
        with translation.override(page.locale.language_code):
            assert escape(str(contact_form.NO_TOKEN)) in response.content.decode()
        assert ContactSubmission.objects.count() == before + 1


CROSS_SITE_HEADERS = [
    {"Origin": "https://elsewhere.example"},
    {"Origin": "null"},  # a sandboxed frame, a privacy-minded redirect
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://shop.localhost"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "OWN"},  # the browser's word wins
    {"Referer": "https://elsewhere.example/form.html"},  # an old browser: no Origin
]


@pytest.mark.parametrize("headers", CROSS_SITE_HEADERS)
def test_a_post_from_another_site_is_refused_and_keeps_the_text(demo_server, headers):
    page = contact_pages()[0]
    status, _headers, html = request(demo_server, "GET", page.url)
    token = aged(rendered_token(html))
    typed = {**MESSAGE, "message": "Words I do not want to lose <3"}
    headers = {
        name: (demo_server.url if value == "OWN" else value) for name, value in headers.items()
    }
    before = ContactSubmission.objects.count()
    status, answer_headers, html = request(
        demo_server,
        "POST",
        page.url,
        body=urlencode({**typed, contact_form.TOKEN: token}),
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
    )
    assert status == 403
    assert "Set-Cookie" not in answer_headers
    with translation.override(page.locale.language_code):
        assert escape(str(contact_form.CROSS_SITE)) in html
    assert re.search(r"<textarea[^>]*>\s*Words I do not want to lose &lt;3</textarea>", html)
    assert 'value="sam@example.net"' in html
    assert ContactSubmission.objects.count() == before
