"""Security headers beyond Django's own, and the throttled page-password form.

The Content-Security-Policy comes from django-csp (``CONTENT_SECURITY_POLICY``
in settings, policies in ``site_core.csp_policies``). Public pages get the strict
policy. The admin gets ``ADMIN_POLICY``, the strictest Wagtail 8's editor works
under: it still writes inline ``<script>`` blocks that start InlinePanels, page
choosers and date pickers, and wagtail-localize's translation editor adds its
styles as ``<style>`` elements (both seen by loading the editors in Chromium), so
inline scripts and styles are allowed there and nowhere else. It also previews uploads from
``blob:`` URLs and frames the site in its preview panel.
``tests/test_staff_story.py`` drives the editor in Chromium and fails on any CSP
refusal in the console; ``tests/test_deploy_stack.py`` does the same for every
public page type through nginx.
"""

import time

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from .csp_policies import ADMIN_POLICY, PERMISSIONS_POLICY
from .throttle import Throttle, client_address


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response, and the admin's own CSP.

    Sits below django-csp's middleware, so the policy it picks for the admin is
    in place when django-csp writes the header.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.startswith(self.admin_prefix) and not hasattr(response, "_csp_config"):
            response._csp_config = ADMIN_POLICY
        return response


class SessionIdleMiddleware:
    """Ends a staff session after SESSION_COOKIE_AGE seconds without a request.

    Django could re-save the session on every request (SESSION_SAVE_EVERY_REQUEST),
    but that is a database write per admin request, and the editor makes many at once
    (on SQLite they queue behind each other's locks). Saving once a minute at most (a
    quarter of the idle time, when that is shorter) moves the expiry just as well.
    """

    KEY = "_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if not session.is_empty():
            now = int(time.time())
            every = min(60, settings.SESSION_COOKIE_AGE / 4)
            if now - session.get(self.KEY, 0) >= every:
                session[self.KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)


# Wrong guesses at a page's password: per client, and per restriction from any client,
# so that neither one address nor many can try passwords at speed.
def page_password_throttles():
    limit = settings.PAGE_PASSWORD_FAILURE_LIMIT
    window = settings.PAGE_PASSWORD_LOCKOUT_SECONDS
    return (
        Throttle("page-password-client", limit, window),
        Throttle("page-password-restriction", limit * 4, window),
    )


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, refusing guesses once a client has made too many.

    A locked-out visitor gets the same form back with a message that says for how
    long, answered 429; a right password during the lockout is refused too, or
    the lockout would not stop a guesser.
    """
    per_client, per_restriction = page_password_throttles()
    client = (client_address(request),)
    restriction = (str(page_view_restriction_id),)
    if request.method == "POST" and (
        per_client.is_over(*client) or per_restriction.is_over(*restriction)
    ):
        return locked_out_response(request, page_view_restriction_id, page_id)

    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST":
        if response.status_code == 302:
            per_client.clear(*client)
        else:
            per_client.record(*client)
            per_restriction.record(*restriction)
    return response


def locked_out_response(request, page_view_restriction_id, page_id):
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    # Bound, so the return address is kept; the password is checked by nobody.
    form = PasswordViewRestrictionForm(request.POST, instance=restriction)
    form.is_valid()
    minutes = max(1, settings.PAGE_PASSWORD_LOCKOUT_SECONDS // 60)
    form.add_error(
        None,
        ngettext(
            "Too many wrong passwords. For your safety this form is closed for %(minutes)d "
            "minute; please try again after that.",
            "Too many wrong passwords. For your safety this form is closed for %(minutes)d "
            "minutes; please try again after that.",
            minutes,
        )
        % {"minutes": minutes},
    )
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    response = page.serve_password_required_response(request, form, action_url)
    response.status_code = 429
    return response


def login_locked_out(request, original_response, credentials):
    """django-axes' answer to a locked-out admin sign-in: a page in the staff member's
    language that says for how long, answered 429."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request, "site_core/login_locked_out.html", {"cooloff_minutes": minutes}, status=429
    )
