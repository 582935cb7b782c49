"""The four endpoints: principles, reflections, themes and contributors."""

from collections import defaultdict

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Locale

from principles.exports import iso_date
from principles.models import PrinciplePage, Theme, themes_by_page
from principles.models.history import with_wording_dates
from reflections.models import ReflectionPage
from site_core import cache_policy
from site_core.i18n import localized
from site_core.models import Contributor
from site_core.visibility import visible, visible_to_search

from .fields import (
    LastRevisedField,
    LocaleCodeField,
    LocalizedPrinciplesField,
    LocalizedThemesField,
    PermanentURLField,
    SnippetPageURLField,
)
from .filters import FieldFilter, LocaleFilter, OrderingFilter, Pagination, SearchFilter

MAX_ID = 2**63 - 1  # the largest id a database column holds


class PublicEndpointMixin:
    """What every endpoint shares: public, JSON, checked parameters, listing and detail.

    Links shown with each item are worked out for a whole page of results at once
    (``prepare``) and kept on the view for this request (``links_of``).
    """

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

    def finalize_response(self, request, response, *args, **kwargs):
        """Answers are public: shared caches keep them until a change purges /api/."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            cache_policy.shared_page(response)
        return response

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
        """Listing and detail only: no ``find`` redirect, and none of Wagtail's write actions."""
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in ("listing", "detail")
        ]

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
        self.prepare([obj])
        return obj

    def prepare(self, objects):
        """Work out the links of ``objects`` for ``links_of``; endpoints add theirs."""
        self._links = {}

    def links_of(self, obj, name):
        return self._links[(obj.pk, name)]

    def set_links(self, objects, name, values):
        """Keep ``values[obj.pk]`` as ``obj``'s ``name`` links for this request."""
        for obj in objects:
            self._links[(obj.pk, name)] = values[obj.pk]

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

    def by_locale(self, objects):
        groups = defaultdict(list)
        for obj in objects:
            groups[obj.locale_id].append(obj)
        return groups


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

    def get_base_queryset(self):
        """The pages of this site visible to the public: the same for every caller.

        Wagtail's own base lets a logged-in or password-holding caller see
        restricted pages; this API is public data, so it never does.
        """
        return visible(super().get_base_queryset())

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
        """Those of ``pages`` that this API shows: visible to the public, on this site."""
        public = set(
            self.get_base_queryset()
            .filter(pk__in=[page.pk for page in pages])
            .values_list("pk", flat=True)
        )
        return [page for page in pages if page.pk in public]

    def prepare(self, objects):
        super().prepare(objects)
        # Only credits of people the public may see: Wagtail's serializer reads these.
        credits = self.model.contributor_credits.rel.related_model.objects.filter(
            contributor__in=visible(Contributor.objects.all())
        ).select_related("contributor")
        prefetch_related_objects(objects, Prefetch("contributor_credits", queryset=credits))
        themes = {}
        for locale_id, group in self.by_locale(objects).items():
            themes.update(themes_by_page(group, locale_id))
        self.set_links(objects, "themes", themes)


class PrinciplesEndpoint(PageEndpoint):
    """Principles: number, statement, body, themes, the permanent link and last revision."""

    model = PrinciplePage
    filter_fields = ("key", "number", "slug")
    order_fields = ("number", *PageEndpoint.order_fields)
    default_order = ("number", "pk")
    body_fields = [*PagesAPIViewSet.body_fields, "key"]
    meta_fields = [*PageEndpoint.meta_fields, "permanent_url", "last_revised"]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        *("last_published_at", "last_revised", "permanent_url", "key", "number"),
        *("statement", "themes"),
    ]
    nested_default_fields = [*PagesAPIViewSet.nested_default_fields, "key", "number"]
    field_classes = {
        "themes": LocalizedThemesField,
        "permanent_url": PermanentURLField,
        "last_revised": LastRevisedField,
    }

    def prepare(self, objects):
        super().prepare(objects)
        dates = dict(
            with_wording_dates(
                PrinciplePage.objects.filter(pk__in=[obj.pk for obj in objects])
            ).values_list("pk", "last_revised")
        )
        self.set_links(objects, "last_revised", {pk: iso_date(when) for pk, when in dates.items()})


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
        prefetch_related_objects(objects, "principles")
        shown = {}  # (locale, translation key) -> principle page in that locale
        for locale_id, group in self.by_locale(objects).items():
            linked = [principle for obj in group for principle in obj.principles.all()]
            for item in localized(linked, locale_id):
                shown[(locale_id, item.item.translation_key)] = item.item
        public = {page.pk for page in self.only_public(list(shown.values()))}
        principles = {}
        for obj in objects:
            found = {
                principle.translation_key: shown.get((obj.locale_id, principle.translation_key))
                for principle in obj.principles.all()
            }
            principles[obj.pk] = sorted(
                (page for page in found.values() if page is not None and page.pk in public),
                key=lambda page: (page.number, page.pk),
            )
        self.set_links(objects, "principles", principles)


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
        """The items visible to the public, each in its published version.

        In the form a search backend accepts, as ``?search=`` needs it.
        """
        return (
            visible_to_search(self.model.objects.all())
            .select_related("locale")
            .order_by("name", "pk")
        )


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
