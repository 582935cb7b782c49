"""/api/v2/: the router of the four endpoints and a root that lists them."""

from django.urls import path, reverse
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.utils import get_full_url
from wagtail.api.v2.router import WagtailAPIRouter

from .endpoints import (
    ContributorsEndpoint,
    PrinciplesEndpoint,
    ReflectionsEndpoint,
    ThemesEndpoint,
)

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


# Included from site_core/urls.py as include("site_core.api.urls"): the namespace is "api".
app_name = api_router.url_namespace
urlpatterns = [
    path("", APIRootView.as_view(), name="root"),
    *api_router.get_urlpatterns(),
]
