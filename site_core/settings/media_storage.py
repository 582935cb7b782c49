"""Where uploaded media live: the project folder, or S3-compatible storage shared by servers.

Several app servers cannot share a folder on one disk, so when
``AWS_STORAGE_BUCKET_NAME`` is set, original images, renditions and documents go
to a bucket through django-storages (AWS, or any S3-compatible provider given by
``AWS_S3_ENDPOINT_URL``: MinIO, Scaleway, DigitalOcean Spaces...). Plain data
from the environment, read by the settings before Django is ready.

Nothing in the bucket is public-read: images are reached by signed, expiring URLs,
or through a CDN domain (``AWS_S3_CUSTOM_DOMAIN``) that is allowed to read the
bucket. Documents never get a URL of their own (``WAGTAILDOCS_SERVE_METHOD`` in
the settings): a private one must pass Wagtail's privacy check on every download.
"""

import os
from urllib.parse import urlsplit

FILE_SYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"


def s3_options(environ):
    """django-storages' options for the bucket the environment names."""
    custom_domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "") or None
    return {
        "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL", "") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME", "") or None,
        "access_key": environ.get("AWS_ACCESS_KEY_ID", "") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY", "") or None,
        "custom_domain": custom_domain,
        "location": environ.get("AWS_LOCATION", ""),
        # No ACL: objects stay as private as the bucket (a public-read default would
        # put every private document one guessed URL away).
        "default_acl": None,
        # Signed URLs, unless a CDN domain serves the images (it cannot check signatures).
        "querystring_auth": custom_domain is None,
        # Signed the current way: AWS and most providers refuse the older version 2.
        "signature_version": "s3v4",
        # Two uploads with one name must not replace each other's file.
        "file_overwrite": False,
    }


def default_storage(environ=os.environ):
    """``STORAGES["default"]``: the bucket when one is named, else files under MEDIA_ROOT."""
    if not environ.get("AWS_STORAGE_BUCKET_NAME"):
        return FILE_SYSTEM
    return {"BACKEND": S3, "OPTIONS": s3_options(environ)}


def media_origin(environ=os.environ):
    """The origin browsers load images from when they live in a bucket, else None.

    For the Content-Security-Policy's ``img-src``: the CDN domain, the provider's
    endpoint (django-storages addresses buckets by path there), or AWS's own host.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return None
    if environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return f"https://{environ['AWS_S3_CUSTOM_DOMAIN']}"
    if environ.get("AWS_S3_ENDPOINT_URL"):
        endpoint = urlsplit(environ["AWS_S3_ENDPOINT_URL"])
        return f"{endpoint.scheme}://{endpoint.netloc}"
    return f"https://{bucket}.s3.amazonaws.com"
