"""Test settings: fast hashing, in-memory email and cache, plain static storage."""

import os
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# No persistent connections: the live server's request threads must not keep the
# test database open after a browser test.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Static files straight from the app folders, as in development: no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A server a test starts in a process of its own (tests/story_site.py) keeps uploads and
# outgoing mail in files, where the test that drives it can read them.
if os.environ.get("TEST_SERVER_FILES"):
    _files = Path(os.environ["TEST_SERVER_FILES"])
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ROOT = _files / "media"
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = _files / "mail"

# The page cache is off for the suite: tests change content through the ORM, which sends
# no publish signal. tests/test_page_cache.py and the server tests turn it on.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
