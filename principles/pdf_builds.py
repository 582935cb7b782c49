"""Building the PDFs when a principle is published, so no visitor waits for one.

``connect_signals`` (called from ``PrinciplesConfig.ready``) listens for a principle
being published or unpublished, in the admin, by scheduled publishing or in code.
Once the transaction has committed, one background thread builds every language's
current edition for the site's own address and stores it (``principles.pdf``); a
second publication while it runs makes it go round once more, never a second thread.

Why a thread: the edition is ready seconds after the publication, with nothing to
deploy or schedule, on one server or several (the editions are stored where every
worker finds them). If the process ends first, the next visitor's request builds the
edition as before, so nothing is lost but that visitor's wait.

- The thread is not a daemon: a management command that publishes (``publish_scheduled``
  under its timer) waits for it before exiting.
- It runs only after a real commit: inside a transaction that is still open (a test
  running commit callbacks early) its own connection could not see the publication.
- ``builds_paused`` holds it back, for the demo loader: loading the demo publishes
  dozens of pages, and the first visitor builds the demo's PDF instead.
"""

import logging
import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import connection, connections, transaction
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Site
from wagtail.signals import page_published, page_unpublished

from . import pdf
from .models import PrinciplePage

logger = logging.getLogger(__name__)


def site_requests():
    """A request for each address the site is read at: its sites' and WAGTAILADMIN_BASE_URL.

    The PDF's links are absolute, so an edition belongs to one address; in production
    these are one and the same, ``https://library.example.org``.
    """
    addresses = [site.root_url for site in Site.objects.all()]
    addresses.append(getattr(settings, "WAGTAILADMIN_BASE_URL", ""))
    requests = []
    for address in dict.fromkeys(filter(None, addresses)):
        parts = urlsplit(address)
        secure = parts.scheme == "https"
        port = parts.port or (443 if secure else 80)
        request = RequestFactory().get(
            "/", HTTP_HOST=parts.netloc, SERVER_PORT=str(port), secure=secure
        )
        try:
            request.get_host()
        except DisallowedHost:
            logger.info("PDF: %s is not in ALLOWED_HOSTS, no edition built for it", address)
            continue
        requests.append(request)
    return requests


def build_all():
    """Build and store every language's current edition for every address, where missing."""
    languages = {code for code, _name in settings.LANGUAGES}
    locales = [locale for locale in Locale.objects.all() if locale.language_code in languages]
    for request in site_requests():
        for locale in locales:
            with translation.override(locale.language_code):
                current = pdf.edition(request, locale)
                if pdf.built(current) is None:
                    pdf.build(request, locale, current)


class Builder:
    """At most one building thread per process; publications meanwhile ask for one more round."""

    def __init__(self):
        self.lock = threading.Lock()
        self.thread = None
        self.again = False
        self.paused = 0

    def start(self):
        if self.paused or connection.in_atomic_block:
            return
        with self.lock:
            if self.thread is not None:
                self.again = True
                return
            self.again = False
            self.thread = threading.Thread(target=self.run, name="principles-pdf", daemon=False)
            self.thread.start()

    def run(self):
        try:
            while True:
                try:
                    build_all()
                except pdf.PdfUnavailable as error:
                    logger.warning("PDF of the principles unavailable: %s", error)
                except Exception:
                    # Never let a failed build pass silently, nor take the process down:
                    # the view builds on demand instead.
                    logger.exception("PDF of the principles: building after publication failed")
                with self.lock:
                    if not self.again:
                        self.thread = None
                        return
                    self.again = False
        finally:
            connections.close_all()  # this thread's own connections

    def wait(self, timeout=None):
        """Block until the thread under way (if any) has finished."""
        thread = self.thread
        if thread is not None:
            thread.join(timeout)


builder = Builder()


def on_principle_changed(sender, **kwargs):
    """``page_published`` / ``page_unpublished``: build the new editions after the commit."""
    transaction.on_commit(builder.start)


def connect_signals():
    for signal, name in ((page_published, "publish"), (page_unpublished, "unpublish")):
        signal.connect(
            on_principle_changed, sender=PrinciplePage, dispatch_uid=f"principles-pdf-{name}"
        )


@contextmanager
def builds_paused():
    builder.paused += 1
    try:
        yield
    finally:
        builder.paused -= 1
