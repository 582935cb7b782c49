"""Hardening: headers, throttled logins and page passwords, idle sessions, key rotation.

The headers as nginx serves them, and CSP in Chromium on every public page type,
are in tests/test_deploy_stack.py; the admin editor under its CSP in Chromium is
at the end of this file.
"""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from wagtail.models import PageViewRestriction

from tests import factories

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # noqa: S105


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_carry_the_strict_policy_and_deny_unused_features(client, tree):
    response = client.get(tree.home.url)
    policy = directives(response["Content-Security-Policy"])
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_the_embed_card_may_be_framed_by_other_sites(client):
    response = client.get("/en/p/hc01/embed/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["*"]
    assert policy["default-src"] == ["'none'"]
    assert "X-Frame-Options" not in response


def test_the_admin_has_its_own_policy_with_only_what_wagtail_needs(admin_client_logged_in):
    response = admin_client_logged_in.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's inline scripts and wagtail-localize's inline styles, but never eval, other
    # hosts or plugins; the browser test of the editor is tests/test_staff_story.py.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"]


def run_manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
    "SECRET_KEY": "rotated-" + "k3y-" * 15,
    "ALLOWED_HOSTS": "library.example.org",
}


def test_check_deploy_has_no_warnings_with_the_production_defaults():
    result = run_manage("check", "--deploy", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr


def test_production_sends_hsts_for_a_year_with_switchable_subdomains_and_preload():
    script = (
        "from django.test import Client;"
        "r = Client().get('/robots.txt', secure=True, headers={'host': 'library.example.org'});"
        "print(r.status_code, r['Strict-Transport-Security'])"
    )
    shell = run_manage("shell", "-c", script, env=PRODUCTION)
    assert shell.stdout.splitlines()[-1].split(None, 1) == [
        "200",
        "max-age=31536000; includeSubDomains; preload",
    ], shell.stderr
    plain = run_manage(
        "shell",
        "-c",
        script,
        env={**PRODUCTION, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0", "SECURE_HSTS_PRELOAD": "0"},
    )
    assert plain.stdout.splitlines()[-1] == "200 max-age=31536000"


# Admin sign-in: django-axes through the real login form.


@pytest.fixture
def staff_member(django_user_model):
    return django_user_model.objects.create_superuser("ada", "ada@example.org", PASSWORD)


def sign_in(client, password, username="ada", **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_the_account_even_against_the_right_one(client, staff_member):
    for _ in range(2):
        response = sign_in(client, "wrong")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert "signing in is paused for 15 minutes" in response.content.decode()

    response = sign_in(client, PASSWORD)
    assert response.status_code == 429, "the right password is refused during the lockout"
    assert "_auth_user_id" not in client.session

    # Another connection is locked out of that account too (per account) ...
    other = sign_in(client.__class__(), PASSWORD, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_client_guessing_many_accounts_is_locked_out(client, staff_member):
    for name in ("amy", "bob", "cy"):
        sign_in(client, "wrong", username=name)
    assert sign_in(client, PASSWORD).status_code == 429
    # ... while the account itself is not locked for everyone else.
    elsewhere = client.__class__(REMOTE_ADDR="10.1.2.3")
    assert sign_in(elsewhere, PASSWORD).status_code == 302


def test_the_lockout_message_is_in_the_staff_members_language(client, staff_member):
    with override_settings(AXES_FAILURE_LIMIT=1):
        response = sign_in(client, "wrong", headers={"accept-language": "es"})
    assert response.status_code == 429
    assert "se ha pausado el acceso durante 15 minutos" in response.content.decode()


def test_the_lockout_expires_and_leaves_nothing_about_the_client(client, staff_member, caplog):
    with override_settings(AXES_FAILURE_LIMIT=2, AXES_COOLOFF_TIME=timedelta(seconds=1)):
        sign_in(client, "wrong", REMOTE_ADDR="192.0.2.44")
        assert sign_in(client, "wrong", REMOTE_ADDR="192.0.2.44").status_code == 429
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key, value FROM site_core_throttle_cache")
            stored = " ".join(" ".join(row) for row in cursor.fetchall())
        assert stored, "attempts are counted in the shared throttle table"
        assert "192.0.2.44" not in stored and "ada" not in stored
        time.sleep(1.2)
        assert sign_in(client, PASSWORD, REMOTE_ADDR="192.0.2.44").status_code == 302
    assert not any("192.0.2.44" in record.getMessage() for record in caplog.records)


# The page-password form (Wagtail's view restriction), throttled by site_core/security.py.


@pytest.fixture
def locked_page(tree):
    page = factories.StandardPageFactory(parent=tree.home, title="Partners only", slug="partners")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    action = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    return page, action


def guess(client, action, password, page):
    return client.post(action, {"password": password, "return_url": page.url})


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT=3)
def test_page_password_guesses_are_throttled_then_allowed_again(client, locked_page):
    page, action = locked_page
    for _ in range(3):
        response = guess(client, action, "nope", page)
        assert response.status_code == 200
    response = guess(client, action, "open sesame", page)
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert "open sesame" not in response.content.decode()
    still_closed = client.get(page.url)
    assert "Password required" in still_closed.content.decode(), "the lockout admitted nobody"
    # Another visitor is not locked out by this one's guesses.
    other = client.__class__(REMOTE_ADDR="10.4.4.4")
    assert guess(other, action, "open sesame", page).status_code == 302


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT=2, PAGE_PASSWORD_LOCKOUT_SECONDS=3)
def test_a_page_password_lockout_ends_with_its_window(client, locked_page):
    page, action = locked_page
    guess(client, action, "nope", page)
    window_opened = time.monotonic()  # the window began during that first wrong guess
    guess(client, action, "nope", page)
    # Three seconds leave a busy CI machine time for the guesses inside the window.
    assert guess(client, action, "open sesame", page).status_code == 429
    time.sleep(max(0, window_opened + 3.2 - time.monotonic()))
    assert guess(client, action, "open sesame", page).status_code == 302


# Sessions and secrets.


def test_an_idle_admin_session_ends(client, staff_member):
    with override_settings(SESSION_COOKIE_AGE=2):
        assert sign_in(client, PASSWORD).status_code == 302
        assert client.get("/admin/").status_code == 200
        time.sleep(3.1)
        response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_activity_keeps_the_session_alive(client, staff_member):
    with override_settings(SESSION_COOKIE_AGE=3):
        sign_in(client, PASSWORD)
        for _ in range(4):
            time.sleep(1)
            assert client.get("/admin/").status_code == 200


def test_a_rotated_secret_key_keeps_staff_signed_in_while_the_old_one_is_a_fallback(
    client, staff_member, settings
):
    old, new = settings.SECRET_KEY, "a-brand-new-key-" + "n" * 40
    with_fallback, without_fallback = client, client.__class__()
    for each in (with_fallback, without_fallback):
        sign_in(each, PASSWORD)
        assert each.get("/admin/").status_code == 200
    with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[old]):
        assert with_fallback.get("/admin/").status_code == 200
    with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[]):
        assert with_fallback.get("/admin/").status_code == 200, "moved on to the new key"
        response = without_fallback.get("/admin/")
    assert response.status_code == 302, "a key rotated without a fallback signs everyone out"
