"""The Content-Security-Policy and Permissions-Policy of each part of the site.

Plain data, read by the settings (django-csp's ``CONTENT_SECURITY_POLICY``) and
by ``site_core.security``; kept apart so that settings can import it before
Django is ready.
"""

from csp.constants import NONE, SELF

from site_core.settings.media_storage import media_origin

# Images in S3-compatible storage are loaded from the bucket's or its CDN's origin.
MEDIA = [origin] if (origin := media_origin()) else []

PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:", *MEDIA],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *MEDIA],
    # The page preview panel frames the site itself.
    "frame-ancestors": [SELF],
}

# The embed card is framed by any site and needs nothing but its stylesheet.
EMBED_POLICY = {
    "default-src": [NONE],
    "style-src": [SELF],
    "img-src": [SELF],
    "base-uri": [NONE],
    "form-action": [NONE],
    "frame-ancestors": ["*"],
}

# Powerful browser features the library never uses, denied to it and to anything it frames.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
