"""Principle URLs under a language prefix: permanent links and the embeddable card."""

from django.urls import path

from . import permalinks

urlpatterns = [
    path("p/<str:key>/", permalinks.permalink_in_language, name="permalink_in_language"),
    path("p/<str:key>/embed/", permalinks.embed, name="principle_embed"),
]
