"""Query parameters of the API: each checked, each mistake a 400 that says what to do."""

from django.core.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from site_core.search.backend import language_backend
from site_core.search.matching import QuerysetPool, in_order, matching_ids
from site_core.search.query import MAX_QUERY_LENGTH, search_words


class FieldFilter(BaseFilterBackend):
    """``?slug=…``, ``?number=3``: exact matches on the fields in ``view.filter_fields``."""

    def filter_queryset(self, request, queryset, view):
        for name in view.filter_fields:
            if name not in request.GET:
                continue
            raw = request.GET[name]
            try:
                value = queryset.model._meta.get_field(name).to_python(raw)
            except (ValidationError, ValueError, TypeError) as error:
                raise BadRequestError(
                    f"field filter error. '{raw[:50]}' is not a valid value for {name}"
                ) from error
            queryset = queryset.filter(**{name: value})
        return queryset


class LocaleFilter(BaseFilterBackend):
    """``?locale=es``: one language. An unknown code is a 400 that names the known ones."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        locales = view.locales()
        locale = locales.get(request.GET["locale"].lower())
        if locale is None:
            raise BadRequestError("locale must be one of: " + ", ".join(sorted(locales)))
        return queryset.filter(locale=locale)


class OrderingFilter(BaseFilterBackend):
    """``?order=-number,title``: only by the fields in ``view.order_fields``."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("order")
        if not raw:
            return queryset
        fields = raw.split(",")
        for field in fields:
            if field.removeprefix("-") not in view.order_fields:
                raise BadRequestError(
                    f"cannot order by '{field[:50]}': use one of "
                    + ", ".join(view.order_fields)
                    + " (a leading '-' reverses)"
                )
        return queryset.order_by(*fields)


class SearchFilter(BaseFilterBackend):
    """``?search=words``: full-text search, as the site's search box does it.

    As in the search box, only the words count: quotes and operators would mean
    different things (or errors) on SQLite and PostgreSQL. Pages are matched the
    way the site's search matches them (``site_core.search.matching``): each in
    the language its text is written in, an untranslated copy in its source's,
    and through the names of their themes; with ``?locale=``, in that language's
    pages only. Themes and contributors are matched with the stemming of
    ``?locale=``'s language.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if len(query) > MAX_QUERY_LENGTH:
            raise BadRequestError(f"search must be at most {MAX_QUERY_LENGTH} characters")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        words = search_words(query)
        if not words:
            return queryset.none()
        relevance = "order" not in request.GET
        language = request.GET.get("locale", "").lower() or None
        try:
            # The backend refuses a filter or an order on a field it does not index. Built
            # only (search results are lazy), so the API keeps that contract, and its errors.
            checked = language_backend(language).search(
                words, queryset, operator=operator, order_by_relevance=relevance
            )
            if issubclass(queryset.model, Page):
                locales = view.locales()
                searched = [locales[language]] if language else list(locales.values())
                ids = matching_ids(
                    words,
                    [QuerysetPool(locale, queryset) for locale in searched],
                    operator=operator or "or",
                    order_by_relevance=relevance,
                )
                return in_order(queryset, ids, keep_order=not relevance)
            return checked
        except FilterFieldError as error:
            raise BadRequestError(
                f"cannot filter by '{error.field_name}' while searching (field is not indexed)"
            ) from error
        except OrderByFieldError as error:
            raise BadRequestError(
                f"cannot order by '{error.field_name}' while searching (field is not indexed)"
            ) from error


class Pagination(WagtailPagination):
    """``?limit=`` (default 20, at most 100) and ``?offset=``; nonsense is a 400."""

    default_limit = 20
    max_limit = 100
    max_offset = 2**31 - 1  # past this a database refuses the number: a 400, not a 500

    def paginate_queryset(self, queryset, request, view=None):
        offset = self._number(request, "offset", 0, self.max_offset)
        limit = self._number(request, "limit", self.default_limit, self.max_limit)
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]

    @staticmethod
    def _number(request, name, default, maximum):
        raw = request.GET.get(name)
        if raw is None:
            return default
        if not raw.isascii() or not raw.isdigit():
            raise BadRequestError(f"{name} must be a positive integer")
        if len(raw) > 12 or int(raw) > maximum:
            raise BadRequestError(f"{name} cannot be higher than {maximum}")
        return int(raw)
