"""Principle URLs without a language prefix: permanent links and oEmbed."""

from django.urls import path

from . import permalinks

urlpatterns = [
    path("p/<str:key>/", permalinks.permalink, name="permalink"),
    path("oembed", permalinks.oembed, name="oembed"),
]
