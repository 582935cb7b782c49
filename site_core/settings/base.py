"""Settings shared by every environment.

Safe for production on their own: DEBUG is off and every secret comes from the
environment. ``dev`` switches conveniences on, ``test`` makes the suite fast and
``production`` refuses to start without its secrets.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from site_core.csp_policies import PUBLIC_POLICY
from site_core.observability import init_error_reporting, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Rotating the key without logging everyone out: put the old key here, set the new one,
# and remove the old one once sessions have expired (deploy/README.md, "Rotating secrets").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "site_core",
    "principles",
    "reflections",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "site_core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "site_core.security.SecurityHeadersMiddleware",  # below CSP: picks the admin's policy
    "site_core.cors.CorsMiddleware",  # the API and downloads are readable from any site
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions: a page served from the cache costs no session or database work.
    "site_core.page_cache.PageCacheMiddleware",
    "site_core.serving.KnownSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "site_core.security.SessionIdleMiddleware",
    "site_core.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "site_core.urls"
WSGI_APPLICATION = "site_core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# PostgreSQL in production and CI; a SQLite file in the project folder when
# DATABASE_URL is unset, so that `make serve` needs nothing installed.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: every public URL carries its prefix (/en/, /es/). English is the
# default and the source that Spanish is translated from.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media in S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set (media_storage.py).
# Documents always pass through Wagtail's view, which checks privacy on every download:
# Wagtail would otherwise redirect to the bucket's URL, one anyone could pass on.
from site_core.settings.media_storage import default_storage  # noqa: E402 (beside its one use)

WAGTAILDOCS_SERVE_METHOD = "serve_view"
STORAGES = {
    "default": default_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Caches. Without REDIS_URL everything stays in this process's memory (development,
# tests); production without Redis keeps the page cache in files that every worker
# of the one server shares (settings/production.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
# How long the page cache (and a CDN, through s-maxage) keeps a page. Every change
# purges what it touches (site_core/purge.py), so this bounds only what no signal
# announces: a page reaching its scheduled expiry. 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Two sites (or staging and production) sharing one Redis must not share pages.
CACHE_KEY_PREFIX = os.environ.get(
    "CACHE_KEY_PREFIX", "principles-" + str(DATABASES["default"]["NAME"]).rsplit("/", 1)[-1]
)


def redis_cache(ignore_errors):
    """A django-redis cache on REDIS_URL with short timeouts, so an outage costs little."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            # Wagtail's own lookups (site root paths, renditions) treat an outage as a miss;
            # the page cache handles outages itself (site_core/shared_cache.py).
            "IGNORE_EXCEPTIONS": ignore_errors,
        },
    }


CACHES = {
    "default": redis_cache(True)
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    # Pages, purge versions and the content generation (site_core/page_cache.py).
    "pages": redis_cache(False)
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Throttles (logins, the page-password form, the contact form) count here. Every
    # worker and server must see the same counts, so it is a table in the database
    # (made by migration site_core 0012), not memory or files.
    "throttles": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "site_core_throttle_cache",
    },
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False  # the outage is logged once, by shared_cache

# A CDN or Varnish in front is purged with the page cache (site_core/purge.py):
# FRONTEND_CACHE_PURGE_URL for a Varnish/nginx that takes PURGE requests, or the
# Cloudflare zone and token.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
    }

# Email: the contact form sends to the address staff set in site settings.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "library@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Contact form (site_core/contact_form.py). Messages are stored first and mailed after;
# `manage.py retry_contact_mail` sends what the mail server did not take. A visitor waits
# at most EMAIL_TIMEOUT seconds for a slow mail server, then is thanked all the same.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# A form sent sooner than this after it was shown was not typed by a person.
CONTACT_MIN_FILL_SECONDS = int(os.environ.get("CONTACT_MIN_FILL_SECONDS", "3"))
# At most this many messages per client (an HMAC of its address) in this many seconds.
CONTACT_RATE_LIMIT = int(os.environ.get("CONTACT_RATE_LIMIT", "5"))
CONTACT_RATE_WINDOW_SECONDS = int(os.environ.get("CONTACT_RATE_WINDOW_SECONDS", "3600"))

# Security headers that cost nothing and protect visitors. HSTS is set in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): the strict public policy on every response; the
# admin's and the embed card's own policies are in site_core/security.py.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_POLICY}

# Only staff have sessions. One ends after this many seconds without a request (the
# editor's autosave counts as activity), so a laptop left open is logged out
# (site_core.security.SessionIdleMiddleware moves the expiry as they work).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "3600"))

# Which request header holds the visitor's address (site_core/throttle.py).
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")

# Admin logins (django-axes): locked after AXES_FAILURE_LIMIT wrong passwords for one
# account, or from one client, for AXES_COOLOFF_MINUTES. Attempts are counted in the
# throttle cache and expire with the lockout; nothing is written to the database.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "throttles"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "site_core.security.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "site_core.throttle.client_address"
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The page-password form (site_core/security.py): the same idea, for visitors.
PAGE_PASSWORD_FAILURE_LIMIT = int(os.environ.get("PAGE_PASSWORD_FAILURE_LIMIT", "5"))
PAGE_PASSWORD_LOCKOUT_SECONDS = int(os.environ.get("PAGE_PASSWORD_LOCKOUT_SECONDS", "900"))

# Wagtail
WAGTAIL_SITE_NAME = "Principles of Healing-Centered Harm Reduction"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# On PostgreSQL, full-text search stemmed per language (see site_core/search/backend.py);
# on SQLite, the embedded default, Wagtail's database backend with plain matching.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": (
            "site_core.search.backend"
            if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
            else "wagtail.search.backends.database"
        ),
    },
}
# The search log keeps daily counts of each query, never who searched (no address, no
# browser). Counts older than this many days are deleted by
# `manage.py searchpromotions_garbage_collect`, which deploy/ runs every night; query
# words with no counts left (and no promotion) go with them.
WAGTAILSEARCH_HITS_MAX_AGE = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "90"))
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatars from gravatar.com: every admin screen would tell that service which staff
# member (a hash of their email) is working, and from where. Wagtail shows its own
# default picture, or the one uploaded under Account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for news: upgrades are the operator's
# job (deploy/README.md), and staff browsers contact no other server.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Renames and moves still leave redirects, but only from addresses that were public:
# site_core/redirects.py takes the place of Wagtail's own handlers.
WAGTAILREDIRECTS_AUTO_CREATE = False
# Review before publishing (site_core/staff/roles.py): reviewers leave comments on the
# page itself, and Wagtail emails the moderators when something is submitted and the
# author when it is approved or changes are requested, from DEFAULT_FROM_EMAIL.
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The organisation, as it appears in titles, citations and the footer.
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Healing-Centered Harm Reduction Library")

# Logs: one line per event with the request id, never a visitor's address or browser
# (site_core/observability.py). JSON in production.
LOGGING = logging_config(
    level=os.environ.get("LOG_LEVEL", "WARNING"), fmt=os.environ.get("LOG_FORMAT", "plain")
)

# Error reporting, only when SENTRY_DSN is set; no personal data is ever sent.
init_error_reporting(os.environ.get("SENTRY_DSN", ""), os.environ.get("SENTRY_ENVIRONMENT", ""))
