"""The whole library as data: ``/<lang>/principles/download.json`` and ``.csv``.

Partners pull these into spreadsheets, handouts and their own sites, so both
carry the same columns in the same order, and every link in them is absolute.
docs/api.md describes them.
"""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Locale

from site_core import cache_policy
from site_core.visibility import visible

from .models import PrinciplePage, themes_by_page
from .models.history import with_wording_dates

COLUMNS = ["key", "number", "title", "statement", "themes", "url", "permanent_url", "last_revised"]
THEME_SEPARATOR = "; "
# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): a title such as "=HYPERLINK(…)" would run when a partner opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell that a spreadsheet shows as text: a leading quote defuses a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def iso_date(when):
    """A datetime as the reader's calendar date, ``YYYY-MM-DD`` (blank if never)."""
    return timezone.localdate(when).isoformat() if when else ""


def library(request, locale):
    """One record per live principle in ``locale``, in number order: a fixed number of queries.

    Untranslated principles are there too: their Spanish copy is an alias that
    shows the English text. Theme names are given in ``locale`` where translated.
    """
    pages = list(
        with_wording_dates(visible(PrinciplePage.objects.all()))
        .filter(locale=locale)
        .order_by("number", "pk")
    )
    themes = themes_by_page(pages, locale)
    return [
        {
            "key": page.key,
            "number": page.number,
            "title": page.title,
            "statement": page.statement,
            "themes": [str(theme) for theme in themes[page.pk]],
            "url": page.get_full_url(request),
            "permanent_url": page.get_permanent_url(request),
            "last_revised": iso_date(page.last_revised),
        }
        for page in pages
    ]


@method_decorator(csrf_exempt, name="dispatch")  # read-only: a POST gets 405, not a CSRF 403
class LibraryDownloadView(View):
    """Base for the two downloads: GET, HEAD and OPTIONS only, in the URL's language."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        try:
            locale = Locale.objects.get_for_language(get_language())
        except (Locale.DoesNotExist, LookupError) as error:
            raise Http404("This language is not published.") from error
        response = self.render(locale, library(request, locale))
        return cache_policy.cache_for(response, cache_policy.DOWNLOADS)

    def render(self, locale, records):
        raise NotImplementedError


class LibraryJSONView(LibraryDownloadView):
    def render(self, locale, records):
        data = {
            "language": locale.language_code,
            "generated": timezone.now().isoformat(timespec="seconds"),
            "principles": records,
        }
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = (
            f'inline; filename="principles-{locale.language_code}.json"'
        )
        return response


class LibraryCSVView(LibraryDownloadView):
    def render(self, locale, records):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="principles-{locale.language_code}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(COLUMNS)
        for record in records:
            row = {**record, "themes": THEME_SEPARATOR.join(record["themes"])}
            writer.writerow([spreadsheet_safe(row[column]) for column in COLUMNS])
        return response
