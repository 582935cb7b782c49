"""Media in S3-compatible storage, against a real S3 server on loopback (moto's).

What several app servers need: an image staff upload in the admin, the renditions
the public pages show of it, and documents all live in one bucket, any server can
read them back, and nothing there is handed to the public by a lasting URL.
"""

import io
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image as Picture
from storages.backends.s3 import S3Storage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from site_core.settings import media_storage
from tests import factories

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "principles-media"
PREFIX = "library"  # AWS_LOCATION: every key starts with it
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in a thread on 127.0.0.1, with an empty private bucket."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    bucket_client(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def bucket_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


def environment(endpoint, **extra):
    return {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_LOCATION": PREFIX,
        **CREDENTIALS,
        **extra,
    }


@pytest.fixture
def s3_media(s3_endpoint):
    """The settings switched to the bucket, as the environment above would set them.

    Django's ``setting_changed`` handler for STORAGES forgets the storages it built,
    ``default_storage`` included, so images and documents use the bucket at once.
    """
    default = media_storage.default_storage(environment(s3_endpoint))
    with override_settings(STORAGES={**settings.STORAGES, "default": default}):
        assert isinstance(default_storage, S3Storage)  # not the test settings' memory
        yield bucket_client(s3_endpoint)


def png(width, height):
    buffer = io.BytesIO()
    Picture.new("RGB", (width, height), (180, 60, 90)).save(buffer, "PNG")
    buffer.name = "circle.png"
    buffer.seek(0)
    return buffer


def picture(data):
    shown = Picture.open(io.BytesIO(data))
    shown.load()  # a truncated or broken file fails here, not only its header
    return shown


def object_bytes(client, name):
    return client.get_object(Bucket=BUCKET, Key=f"{PREFIX}/{name}")["Body"].read()


def test_without_a_bucket_media_stay_on_disk():
    assert media_storage.default_storage({}) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_a_bucket_is_private_signed_or_behind_a_cdn():
    bucket = media_storage.default_storage(environment("https://s3.example.org"))
    assert bucket["BACKEND"] == "storages.backends.s3.S3Storage"
    assert bucket["OPTIONS"]["default_acl"] is None
    assert bucket["OPTIONS"]["querystring_auth"] is True
    behind_cdn = media_storage.default_storage(
        environment("https://s3.example.org", AWS_S3_CUSTOM_DOMAIN="media.example.org")
    )
    assert behind_cdn["OPTIONS"]["custom_domain"] == "media.example.org"
    assert behind_cdn["OPTIONS"]["querystring_auth"] is False
    assert media_storage.media_origin({}) is None
    assert media_storage.media_origin(environment("https://s3.example.org:8443/")) == (
        "https://s3.example.org:8443"
    )


def test_the_settings_read_the_bucket_from_the_environment(tmp_path):
    """What a server started with these variables uses: base.py's STORAGES and documents."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from site_core.csp_policies import ADMIN_POLICY; "
        "print(json.dumps([settings.STORAGES['default'], settings.WAGTAILDOCS_SERVE_METHOD, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], ADMIN_POLICY['img-src']]))"
    )
    env = {
        **os.environ,
        **environment("https://s3.example.org"),
        "DJANGO_SETTINGS_MODULE": "site_core.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    storage, serve_method, public_images, admin_images = json.loads(out.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == BUCKET
    assert serve_method == "serve_view"
    # Browsers may load the bucket's images, on the public site and in the admin.
    assert "https://s3.example.org" in public_images and "https://s3.example.org" in admin_images


def test_admin_upload_and_published_renditions_live_in_the_bucket(
    s3_media, admin_client_logged_in, tree
):
    response = admin_client_logged_in.post(
        reverse("wagtailimages:add"),
        {
            "title": "Circle",
            "file": png(640, 480),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Circle")
    assert image.file.name.startswith("original_images/")

    # The original: the same image through the storage and straight from the bucket.
    with default_storage.open(image.file.name, "rb") as file:
        original = file.read()
    assert original == object_bytes(s3_media, image.file.name)
    assert picture(original).size == (640, 480)

    # A contributor's photo, rendered when published, in the bucket before any visit.
    person = factories.ContributorFactory(photo=image)
    person.save_revision().publish()
    rendition = image.renditions.get(filter_spec="fill-160x160|format-webp")
    shown = picture(object_bytes(s3_media, rendition.file.name))
    assert (shown.format, shown.size) == ("WEBP", (160, 160))
    with default_storage.open(rendition.file.name, "rb") as file:
        assert picture(file.read()).size == (160, 160)

    # The public page points at a signed URL of the bucket, and a browser can load it.
    html = Client().get(f"/en/contributors/{person.slug}/").content.decode()
    src = re.search(r'<img[^>]*class="profile__photo"[^>]*src="([^"]+)"', html)[1]
    src = src.replace("&amp;", "&")
    assert src.startswith(f"{s3_media.meta.endpoint_url}/{BUCKET}/{PREFIX}/images/")
    # The origin the Content-Security-Policy must allow images from (media_origin).
    assert src.startswith(media_storage.media_origin(environment(s3_media.meta.endpoint_url)) + "/")
    assert "X-Amz-Signature=" in src and "X-Amz-Expires=" in src
    with urllib.request.urlopen(src, timeout=10) as answer:  # noqa: S310 loopback server
        assert picture(answer.read()).size == (160, 160)

    # Nothing in the bucket is readable by everyone: no grant to AllUsers.
    for name in (image.file.name, rendition.file.name):
        grants = s3_media.get_object_acl(Bucket=BUCKET, Key=f"{PREFIX}/{name}")["Grants"]
        assert not any("AllUsers" in grant["Grantee"].get("URI", "") for grant in grants)


def test_documents_live_in_the_bucket_and_always_pass_the_privacy_check(
    s3_media, admin_client_logged_in
):
    text = b"Harm reduction saves lives.\n"
    upload = io.BytesIO(text)
    upload.name = "notes.txt"
    response = admin_client_logged_in.post(
        reverse("wagtaildocs:add"),
        {"title": "Notes", "file": upload, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Notes")
    assert object_bytes(s3_media, document.file.name) == text

    visitor = Client()  # anonymous: admin_client_logged_in is pytest-django's client, signed in
    # Served by Wagtail's view from the bucket, never a redirect to a bucket URL that
    # could be passed on.
    response = visitor.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == text

    # A private document: the visitor is sent to sign in, and learns no bucket address.
    private = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document.collection = private
    document.save()
    response = visitor.get(document.url)
    assert response.status_code == 302
    assert BUCKET not in response["Location"] and "/login/" in response["Location"]
