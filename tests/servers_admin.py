"""Staff at work through a running server's admin, as a browser without JavaScript would be.

Signing in goes through the real login form (django-axes counts it; the CSRF token
comes from the page), and publishing through Wagtail's bulk action: its GET shows a
confirmation form, whose POST publishes the page's latest revision.
"""

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

ROOT = Path(__file__).resolve().parent.parent

# Run in the served database by ``prepare_draft``: a superuser, and a new draft of the first
# English principle with a title no page has yet. Printed back as JSON.
_PREPARE = """
import json, os
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from principles.models import PrinciplePage

get_user_model().objects.create_superuser(
    os.environ["STAFF_USERNAME"], "staff@example.org", os.environ["STAFF_PASSWORD"]
)
english = Locale.objects.get(language_code="en")
page = PrinciplePage.objects.live().filter(locale=english).order_by("path").first()
old_title = page.title
page.title = old_title + " " + os.environ["TITLE_SUFFIX"]
page.save_revision()
print(json.dumps({"pk": page.pk, "path": page.get_url_parts()[2], "old_title": old_title,
                  "new_title": page.title}))
"""


def prepare_draft(env, username, password, title_suffix):
    """A superuser and a draft with a changed title, saved in ``env``'s database.

    Returns the principle as ``{"pk", "path", "old_title", "new_title"}``; its public
    page still shows the old title until the draft is published.
    """
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", _PREPARE],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**env, "LOG_LEVEL": "WARNING", "STAFF_USERNAME": username,
             "STAFF_PASSWORD": password, "TITLE_SUFFIX": title_suffix},
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"manage.py shell failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class _Forms(HTMLParser):
    """Every POST form of a page: its action and the values its inputs would send."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name") and _sends(attrs):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""


def _sends(attrs):
    """An unticked box sends nothing."""
    return attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs


def post_form(session, url, having, **values):
    """Fill in the POST form of ``url`` that has the field ``having`` and send it.

    Returns the response without following its redirect.
    """
    page = session.get(url, timeout=30)
    page.raise_for_status()
    parser = _Forms()
    parser.feed(page.text)
    form = next((form for form in parser.forms if having in form["fields"]), None)
    if form is None:
        raise AssertionError(f"no form with {having!r} at {url}:\n{page.text[:2000]}")
    return session.post(
        urljoin(page.url, form["action"]), data={**form["fields"], **values},
        headers={"Referer": page.url}, allow_redirects=False, timeout=30,
    )  # fmt: skip


class StaffSession:
    """A member of staff signed in to the admin of the server at ``base``."""

    def __init__(self, base, username, password):
        self.base = base
        self.session = requests.Session()
        answer = post_form(
            self.session, f"{base}/admin/login/", "csrfmiddlewaretoken",
            username=username, password=password,
        )  # fmt: skip
        if answer.status_code != 302:
            raise AssertionError(f"login answered {answer.status_code}:\n{answer.text[:2000]}")

    def publish(self, page_pk):
        """Publish the page's latest revision through the bulk action; the POST's response."""
        url = f"{self.base}/admin/bulk/wagtailcore/page/publish/?id={page_pk}&next=/admin/"
        answer = post_form(self.session, url, "csrfmiddlewaretoken")
        if answer.status_code != 302:
            raise AssertionError(f"publish answered {answer.status_code}:\n{answer.text[:2000]}")
        return answer

    def close(self):
        self.session.close()
