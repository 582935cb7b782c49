"""The public data API at /api/v2/: Wagtail's API v2, read-only, for partners.

Four endpoints, each limited to one model: ``principles``, ``reflections``,
``themes`` and ``contributors`` (docs/api.md is the partners' guide). It lives in
this app because reflections may import every model. Everything here is public:
no authentication, no session, no cookie, and JSON only (the browsable HTML API
would set a CSRF cookie). Every query parameter is checked, so a mistyped one
answers 400 with a message rather than being ignored or failing with a 500.

Links are shown in the language of the item that holds them: wagtail-localize
copies a page's themes and principles into its translation as they are, so a
Spanish page may point at English ones; ``site_core.i18n.localized`` swaps them
for their Spanish versions where those exist, as the HTML pages do.
"""

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import path, reverse
from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.utils import get_full_url
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from principles.models import PrinciplePage, Theme
from site_core.i18n import localized
from site_core.models import Contributor

from .models import ReflectionPage

MAX_ID = 2**63 - 1  # the largest id a database column holds

# Filters ------------------------------------------------------------------------------


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
    """``?search=words``: full-text search, in the language of ``?locale=`` when given.

    As in the site's search box, only the words count: quotes and operators would
    mean different things (or errors) on SQLite and PostgreSQL.
    """

    max_length = 200  # as the site's own search box

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if len(query) > self.max_length:
            raise BadRequestError(f"search must be at most {self.max_length} characters")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        words = " ".join(re.findall(r"\w+", query))
        if not words:
            return queryset.none()
        backend = get_search_backend()
        if "locale" in request.GET and hasattr(backend, "for_language"):
            backend = backend.for_language(request.GET["locale"].lower())
        try:
            return backend.search(
                words, queryset, operator=operator, order_by_relevance="order" not in request.GET
            )
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


# Serialised fields -------------------------------------------------------------------


class ObjectField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    @property
    def request(self):
        return self.context["request"]


class LocaleCodeField(ObjectField):
    """The item's language code, "en" or "es"."""

    def to_representation(self, obj):
        return self.context["view"].language_code(obj.locale_id)


class SnippetPageURLField(ObjectField):
    """The public page of a theme or contributor, absolute."""

    def to_representation(self, obj):
        return snippet_html_url(obj, self.request)


class PermanentURLField(ObjectField):
    """A principle's permanent link, ``https://host/p/<key>/``: it never changes."""

    def to_representation(self, page):
        return page.get_permanent_url(self.request)


class LocalizedThemesField(ObjectField):
    """The themes of a page, in the page's language where translated."""

    def to_representation(self, page):
        themes = self.context["view"].localized_links(page, "themes")
        return [
            {
                "id": theme.pk,
                "name": theme.name,
                "slug": theme.slug,
                "locale": self.context["view"].language_code(theme.locale_id),
                "html_url": snippet_html_url(theme, self.request),
                "detail_url": detail_url(self.context, theme),
            }
            for theme in themes
        ]


class LocalizedPrinciplesField(ObjectField):
    """The principles a reflection names, in its language where translated, by number."""

    def to_representation(self, page):
        principles = self.context["view"].localized_links(page, "principles")
        return [
            {
                "id": principle.pk,
                "key": principle.key,
                "number": principle.number,
                "title": principle.title,
                "locale": self.context["view"].language_code(principle.locale_id),
                "html_url": principle.get_full_url(self.request),
                "permanent_url": principle.get_permanent_url(self.request),
                "detail_url": detail_url(self.context, principle),
            }
            for principle in principles
        ]


def snippet_html_url(obj, request):
    index = obj.index_page_model.for_locale(obj.locale_id, request)
    if index is None:
        return None
    return index.get_full_url(request) + index.reverse_subpage("detail", kwargs={"slug": obj.slug})


def detail_url(context, obj):
    return get_object_detail_url(context["router"], context["request"], type(obj), obj.pk)


# Endpoints ---------------------------------------------------------------------------


class PublicEndpointMixin:
    """What every endpoint shares: public, JSON, checked parameters, listing and detail."""

    renderer_classes = [JSONRenderer]
    parser_classes = []  # nothing is ever sent to it
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = Pagination

    filter_fields = ()  # fields that can be matched exactly: ?slug=…
    order_fields = ("id",)  # fields that ?order= accepts
    field_classes = {}  # field name -> ObjectField class replacing Wagtail's default output

    def check_query_parameters(self, queryset):
        allowed = set(self.known_query_parameters) | set(self.filter_fields)
        unknown = set(self.request.GET) - allowed
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(name[:50] for name in unknown))
            )
        if any("\x00" in value for value in self.request.GET.values()):
            raise BadRequestError("null characters are not allowed in query parameters")

    def listing_view(self, request):
        self.check_query_parameters(None)  # before anything reads them
        return super().listing_view(request)

    def detail_view(self, request, pk):
        self.check_query_parameters(None)
        if pk > MAX_ID:  # a database would refuse the number: no such item
            raise Http404("not found")
        return super().detail_view(request, pk)

    @classmethod
    def get_urlpatterns(cls):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "find"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides.update({name: field_class() for name, field_class in cls.field_classes.items()})
        return overrides

    # One batch of queries for a whole page of results, not a few per item.
    def paginate_queryset(self, queryset):
        objects = list(super().paginate_queryset(queryset))
        self.prepare(objects)
        return objects

    def get_object(self):
        obj = super().get_object()
        if not getattr(obj, "_api_prepared", False):
            self.prepare([obj])
        return obj

    def prepare(self, objects):
        for obj in objects:
            obj._api_prepared = True

    def locales(self):
        if not hasattr(self, "_locales"):
            self._locales = {
                locale.language_code.lower(): locale for locale in Locale.objects.all()
            }
        return self._locales

    def language_code(self, locale_id):
        if not hasattr(self, "_codes"):
            self._codes = {locale.pk: locale.language_code for locale in self.locales().values()}
        return self._codes.get(locale_id)

    def localized_links(self, obj, name):
        """The items ``obj`` links to through ``name``, shown in ``obj``'s language."""
        if not getattr(obj, "_api_prepared", False):  # not in a batch: this object alone
            self.prepare([obj])
        return obj._api_links[name]

    def localize_links(self, objects, name, keep=None, order=None):
        """Set ``obj._api_links[name]`` on each object: one query per language shown."""
        prefetch_related_objects(objects, name)
        by_locale = defaultdict(list)
        for obj in objects:
            by_locale[obj.locale_id].extend(getattr(obj, name).all())
        local = {}
        for locale_id, items in by_locale.items():
            for item in localized(items, locale_id):
                local[(locale_id, item.translation_key)] = item
        for obj in objects:
            items = {}
            for item in getattr(obj, name).all():
                shown = local[(obj.locale_id, item.translation_key)]
                if keep is None or keep(shown):
                    items[item.translation_key] = shown
            obj.__dict__.setdefault("_api_links", {})[name] = sorted(
                items.values(), key=order or (lambda item: str(item).casefold())
            )


class PageEndpoint(PublicEndpointMixin, PagesAPIViewSet):
    """A pages endpoint limited to one page type."""

    filter_backends = [
        FieldFilter,
        OrderingFilter,
        wagtail_filters.TranslationOfFilter,
        LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = frozenset(
        [
            *("limit", "offset", "fields", "order", "search", "search_operator"),
            *("rich_text_format", "format", "_", "type", "locale", "translation_of"),
        ]
    )
    order_fields = ("id", "title", "first_published_at", "last_published_at")
    default_order = ("pk",)
    meta_fields = [*PagesAPIViewSet.meta_fields, "last_published_at"]

    def get_queryset(self):
        requested = self.request.GET.get("type")
        if requested:
            try:
                models = page_models_from_string(requested)
            except (LookupError, ValueError) as error:
                raise BadRequestError("type doesn't exist") from error
            if not all(issubclass(model, self.model) for model in models):
                raise BadRequestError(
                    f"this endpoint only lists {self.model._meta.label}; "
                    "use the endpoint for the other type"
                )
        public = self.get_base_queryset().values_list("pk", flat=True)
        return (
            self.model.objects.filter(pk__in=public)
            .select_related("locale")
            .order_by(*self.default_order)
        )

    def only_public(self, pages):
        """Those of ``pages`` that this API shows (live, not behind a login or password)."""
        public = set(
            self.get_base_queryset()
            .filter(pk__in=[page.pk for page in pages])
            .values_list("pk", flat=True)
        )
        return [page for page in pages if page.pk in public]


class PrinciplesEndpoint(PageEndpoint):
    """Principles: number, statement, body, themes and the permanent link."""

    model = PrinciplePage
    filter_fields = ("key", "number", "slug")
    order_fields = ("number", *PageEndpoint.order_fields)
    default_order = ("number", "pk")
    body_fields = [*PagesAPIViewSet.body_fields, "key"]
    meta_fields = [*PageEndpoint.meta_fields, "permanent_url"]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        *("last_published_at", "permanent_url", "key", "number", "statement", "themes"),
    ]
    nested_default_fields = [*PagesAPIViewSet.nested_default_fields, "key", "number"]
    field_classes = {"themes": LocalizedThemesField, "permanent_url": PermanentURLField}

    def prepare(self, objects):
        super().prepare(objects)
        prefetch_related_objects(objects, "contributor_credits__contributor")
        self.localize_links(objects, "themes")


class ReflectionsEndpoint(PageEndpoint):
    """Reflections: date, intro, body, the principles they discuss and their themes."""

    model = ReflectionPage
    filter_fields = ("date", "slug")
    order_fields = ("date", *PageEndpoint.order_fields)
    default_order = ("-date", "-pk")
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "date", "intro"]
    nested_default_fields = [*PagesAPIViewSet.nested_default_fields, "date"]
    field_classes = {"themes": LocalizedThemesField, "principles": LocalizedPrinciplesField}

    def prepare(self, objects):
        super().prepare(objects)
        prefetch_related_objects(objects, "contributor_credits__contributor")
        self.localize_links(objects, "themes")
        self.localize_links(
            objects,
            "principles",
            keep=lambda page: page.live,
            order=lambda page: (page.number, page.pk),
        )
        public = {page.pk for page in self.only_public(self.all_links(objects, "principles"))}
        for obj in objects:
            links = obj._api_links["principles"]
            obj._api_links["principles"] = [page for page in links if page.pk in public]

    @staticmethod
    def all_links(objects, name):
        return [item for obj in objects for item in obj._api_links[name]]


class SnippetEndpoint(PublicEndpointMixin, BaseAPIViewSet):
    """A translatable snippet with a public page: one item per language version."""

    base_serializer_class = BaseSerializer
    filter_backends = [FieldFilter, OrderingFilter, LocaleFilter, SearchFilter]
    known_query_parameters = frozenset(
        [
            *("limit", "offset", "fields", "order", "search", "search_operator"),
            *("rich_text_format", "format", "_", "locale"),
        ]
    )
    filter_fields = ("slug",)
    order_fields = ("name", "slug", "id")
    meta_fields = ["type", "detail_url", "html_url", "locale"]
    listing_default_fields = ["id", "type", "detail_url", "html_url", "locale", "name", "slug"]
    nested_default_fields = ["id", "type", "detail_url", "name", "slug"]
    field_classes = {"locale": LocaleCodeField, "html_url": SnippetPageURLField}

    def get_queryset(self):
        return self.model.objects.select_related("locale").order_by("name", "pk")


class ThemesEndpoint(SnippetEndpoint):
    """Themes: name, slug and description, one item per language version."""

    model = Theme
    body_fields = ["id", "name", "slug", "description"]
    listing_default_fields = [*SnippetEndpoint.listing_default_fields, "description"]


class ContributorsEndpoint(SnippetEndpoint):
    """Contributors: name, pronouns, role, bio and website, one item per language version."""

    model = Contributor
    body_fields = ["id", "name", "slug", "pronouns", "role", "bio", "website"]
    listing_default_fields = [*SnippetEndpoint.listing_default_fields, "pronouns", "role"]


api_router = WagtailAPIRouter("api")
api_router.register_endpoint("principles", PrinciplesEndpoint)
api_router.register_endpoint("reflections", ReflectionsEndpoint)
api_router.register_endpoint("themes", ThemesEndpoint)
api_router.register_endpoint("contributors", ContributorsEndpoint)


class APIRootView(APIView):
    """/api/v2/: where each endpoint lives."""

    renderer_classes = [JSONRenderer]
    parser_classes = []
    authentication_classes = []
    permission_classes = [AllowAny]

    def get_renderer_context(self):
        return {**super().get_renderer_context(), "indent": 4}

    def get(self, request):
        endpoints = {
            name: get_full_url(request, reverse(f"{api_router.url_namespace}:{name}:listing"))
            for name in api_router._endpoints
        }
        return Response({"endpoints": endpoints})


# Included from site_core/urls.py as include("reflections.api"): the namespace is "api".
app_name = api_router.url_namespace
urlpatterns = [
    path("", APIRootView.as_view(), name="root"),
    *api_router.get_urlpatterns(),
]
