"""Staff members in each role, and the forms they post, for the roles, workflow and dashboard tests.

Users are made in the groups the migrations made (``site_core/staff/roles.py``),
never given permissions by hand: what a test sees is what a new staff member
added to that group would see.
"""

import html
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

_numbers = itertools.count(1)


def member_of(group, name=None):
    """A new active user in ``group`` ("Editors", "Moderators", …), with an email address."""
    name = name or f"{group.lower()}-{next(_numbers)}"
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(client, user):
    client.force_login(user)
    return client


def principle_form(number, slug, title="A principle of our own", **actions):
    """What the admin's principle form posts; ``actions`` such as ``{"action-publish": "1"}``."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "number": number,
            "statement": "Care meets people where they are.",
            "summary": "",
            "body": streamfield([]),
            "contributor_credits": inline_formset([]),
            "related_reflections": inline_formset([]),
        }
    )
    data.update(actions)
    return data


def messages_of(response):
    """The messages the next page shows, as text (Wagtail's are HTML-escaped)."""
    return [html.unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]


def denied(response):
    """Wagtail's "permission denied": back to the dashboard with a message, or a 403."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url.rstrip("/").endswith("/admin")
