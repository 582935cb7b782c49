"""`make serve` gives a first-time user a way into the admin, and never twice."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_local_admin_is_created_once_with_a_printed_random_password():
    out = io.StringIO()
    call_command("ensure_local_admin", "--url", "http://127.0.0.1:9000/admin/", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:9000/admin/" in text
    password = text.split("password: ")[1].split()[0]
    assert len(password) >= 12
    # Through the admin's sign-in form, as the person will (axes needs the request).
    client = Client()
    response = client.post("/admin/login/", {"username": "admin", "password": password})
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=client.session["_auth_user_id"]).is_superuser

    again = io.StringIO()
    call_command("ensure_local_admin", stdout=again)
    assert "password:" not in again.getvalue()
    assert get_user_model().objects.count() == 1
