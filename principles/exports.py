"""The whole library as data: ``/<lang>/principles/download.json`` and ``.csv``.

Partners pull these into spreadsheets, handouts and their own sites, so both
carry the same columns in the same order, and every link in them is absolute.
docs/api.md describes them.
"""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Locale

from site_core.i18n import localized

from .models import PrinciplePage

COLUMNS = ["key", "number", "title", "statement", "themes", "url", "permanent_url", "last_revised"]
THEME_SEPARATOR = "; "
CACHE_SECONDS = 300


def last_revised(page):
    """The date the principle was last published, as ``YYYY-MM-DD`` (blank if never)."""
    when = page.last_published_at or page.first_published_at
    return timezone.localdate(when).isoformat() if when else ""


def library(request, locale):
    """One record per live principle in ``locale``, in number order: a fixed number of queries.

    Untranslated principles are there too: their Spanish copy is an alias that
    shows the English text. Theme names are given in ``locale`` where translated.
    """
    pages = list(
        PrinciplePage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("number", "pk")
        .prefetch_related("themes")
    )
    themes = {
        theme.translation_key: theme
        for theme in localized([theme for page in pages for theme in page.themes.all()], locale)
    }
    records = []
    for page in pages:
        names = {themes[theme.translation_key].name for theme in page.themes.all()}
        records.append(
            {
                "key": page.key,
                "number": page.number,
                "title": page.title,
                "statement": page.statement,
                "themes": sorted(names, key=str.casefold),
                "url": page.get_full_url(request),
                "permanent_url": page.get_permanent_url(request),
                "last_revised": last_revised(page),
            }
        )
    return records


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
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

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
            writer.writerow([row[column] for column in COLUMNS])
        return response
