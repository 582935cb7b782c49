"""URLs the principles app serves beside its pages, under a language prefix (/en/, /es/)."""

from django.urls import path

from . import exports

urlpatterns = [
    path(
        "principles/download.json",
        exports.LibraryJSONView.as_view(),
        name="principles_download_json",
    ),
    path(
        "principles/download.csv",
        exports.LibraryCSVView.as_view(),
        name="principles_download_csv",
    ),
]
