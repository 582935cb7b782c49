"""Logs an operator can follow, and errors reported without anyone's personal data.

Every request gets an id: the one nginx sends (``X-Request-ID``, 32 hex
characters) or a new one. It is echoed in the response and added to every log
line written while the request runs, so one visitor's trouble can be traced
through nginx, gunicorn and Django without recording who the visitor was. Log
lines are JSON when ``LOG_FORMAT=json`` (production's default), and never carry
a client address or user agent: the formatter writes only the fields below.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
_WELL_FORMED_ID = re.compile(r"^[0-9a-f]{32}$")
_request_id = contextvars.ContextVar("request_id", default="")


def current_request_id():
    return _request_id.get()


class RequestIdMiddleware:
    """Takes the proxy's request id (or makes one) and echoes it in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(REQUEST_ID_HEADER, "").lower()
        request_id = offered if _WELL_FORMED_ID.match(offered) else uuid.uuid4().hex
        request.request_id = request_id  # for log lines written after the middleware returns
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        # Django logs a 4xx or 5xx once the middleware chain has returned, with the
        # request attached to the record: its id is read from there.
        request = getattr(record, "request", None)
        record.request_id = current_request_id() or getattr(request, "request_id", "")
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line. Only these fields: Django's request logger attaches the
    whole request (address, browser) to its records, and none of it is written."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", ""):
            entry["request_id"] = record.request_id
        status = getattr(record, "status_code", None)
        if status:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def logging_config(level="WARNING", fmt="plain"):
    formatter = (
        {"()": "site_core.observability.JsonFormatter"}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "site_core.observability.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "default",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # Axes names the client it locks out; the lockout itself is what staff need.
        "loggers": {"axes": {"level": "ERROR"}},
    }


# Headers an error report may carry: enough to understand the request, nothing that
# identifies the person (no cookies, addresses, user agents or referrers).
_REPORTED_HEADERS = {"Accept", "Accept-Language", "Content-Type", "Host", REQUEST_ID_HEADER}


def scrub_event(event, _hint):
    request = event.get("request") or {}
    request.pop("cookies", None)
    request.pop("env", None)
    request.pop("data", None)
    request["headers"] = {
        name: value
        for name, value in (request.get("headers") or {}).items()
        if name in _REPORTED_HEADERS
    }
    event.pop("user", None)
    # A breadcrumb's data holds SQL parameters (a session key, a visitor's message).
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb.pop("data", None)
    event.setdefault("tags", {})["request_id"] = current_request_id()
    return event


def init_error_reporting(dsn, environment=""):
    """Sentry, when a DSN is set; nothing at all otherwise."""
    if not dsn:
        return False
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        send_default_pii=False,
        traces_sample_rate=0,
        max_request_body_size="never",
        # A stack frame's variables can hold anything a visitor sent; the code is enough.
        include_local_variables=False,
        before_send=scrub_event,
    )
    return True
