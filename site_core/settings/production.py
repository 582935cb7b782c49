"""Production: refuses to start without its secrets rather than inventing them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list, logging_config

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

# Behind a TLS-terminating proxy; set SECURE_SSL_REDIRECT=0 only for local smoke tests.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
# HSTS: browsers keep to HTTPS for a year. includeSubDomains and preload are on by
# default (preload only takes effect once the domain is submitted to hstspreload.org);
# set either to 0 if another name under the domain still serves plain HTTP.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "1") == "1"

# Behind nginx over a unix socket there is no REMOTE_ADDR: the visitor's address is in
# X-Forwarded-For, which deploy/nginx sets (and overwrites) on every request.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "HTTP_X_FORWARDED_FOR")

# Without Redis, the page cache lives in files that every gunicorn worker of this one
# server shares, so a publish handled by one worker purges the others' pages too
# (process memory could not: each worker would keep its own stale copy). systemd
# makes the folder (CacheDirectory= in deploy/systemd/principles.service).
if not REDIS_URL:  # noqa: F405
    CACHES["pages"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", "/var/cache/principles/pages"),
        "KEY_PREFIX": CACHE_KEY_PREFIX,  # noqa: F405
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }

LOGGING = logging_config(
    level=os.environ.get("LOG_LEVEL", "INFO"), fmt=os.environ.get("LOG_FORMAT", "json")
)
