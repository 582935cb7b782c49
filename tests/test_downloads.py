"""The whole library as a file: /<lang>/principles/download.json and download.csv."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from tests import factories
from tests.bilingual import DATE, DEMO_PRINCIPLES, backdate_wording, build_library, publish

pytestmark = pytest.mark.django_db

COLUMNS = ["key", "number", "title", "statement", "themes", "url", "permanent_url", "last_revised"]


@pytest.fixture
def library(tree, spanish_tree):
    return build_library(tree, spanish_tree)


@pytest.fixture
def french_offered(settings):
    """French is a language the site offers, and the database has no French content."""
    languages = [*settings.LANGUAGES, ("fr", "Français")]
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = languages


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_json_in_english(client, library):
    response = client.get("/en/principles/download.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["language"] == "en"
    assert data["generated"].startswith("20")
    principles = data["principles"]
    numbers = [p["number"] for p in principles]
    assert len(numbers) == DEMO_PRINCIPLES + 2
    assert numbers == sorted(numbers) and numbers[:DEMO_PRINCIPLES] == list(range(1, 10))
    # In number order, though "Seasons" was created (has the lower id) first.
    assert [p["title"] for p in library.ours(principles)] == ["Patience", "Seasons"]
    first = library.ours(principles)[0]
    assert list(first) == COLUMNS
    assert first["number"] == library.patience.number
    assert first["key"] == library.patience.key
    assert first["statement"] == "Demo text: patience lets each person set the pace."
    assert first["themes"] == ["Joy", "Mutual aid"]
    assert re.match(r"^https?://[^/]+/en/principles/patience/$", first["url"])
    assert re.match(rf"^https?://[^/]+/p/{library.patience.key}/$", first["permanent_url"])
    assert DATE.match(first["last_revised"])


def test_json_in_spanish_counts_untranslated_principles(client, library):
    data = client.get("/es/principles/download.json").json()
    assert data["language"] == "es"
    english = client.get("/en/principles/download.json").json()["principles"]
    principles = {p["number"]: p for p in data["principles"]}
    assert len(principles) == len(data["principles"])  # each once
    assert set(principles) == {p["number"] for p in english}  # translated or not
    patience, seasons = library.patience.number, library.seasons.number
    assert principles[patience]["title"] == "Paciencia"
    assert principles[patience]["statement"].startswith("Texto de demostración")
    assert principles[patience]["themes"] == ["Ayuda mutua", "Joy"]  # Spanish where translated
    assert principles[patience]["url"].endswith("/es/principios/paciencia/")
    assert principles[patience]["permanent_url"].endswith(f"/p/{library.patience.key}/")
    # Not yet translated: present, with its English text, at its Spanish address.
    assert principles[seasons]["title"] == "Seasons"
    assert principles[seasons]["statement"] == "Demo text: healing takes time."
    assert principles[seasons]["url"].endswith("/es/principios/seasons/")
    assert principles[seasons]["key"] == library.seasons.key


def test_csv_in_english_and_spanish(client, library):
    response = client.get("/en/principles/download.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="principles-en.csv"'
    assert response.content.decode("utf-8").splitlines()[0] == ",".join(COLUMNS)
    rows = csv_rows(response)
    assert len(rows) == DEMO_PRINCIPLES + 2
    assert [row["title"] for row in library.ours(rows)] == ["Patience", "Seasons"]
    row = library.ours(rows)[0]
    assert row["number"] == str(library.patience.number)
    assert row["themes"] == "Joy; Mutual aid"
    assert row["permanent_url"].endswith(f"/p/{library.patience.key}/")
    assert DATE.match(row["last_revised"])

    response = client.get("/es/principles/download.csv")
    assert response["Content-Disposition"] == 'attachment; filename="principles-es.csv"'
    rows = csv_rows(response)
    assert len(rows) == DEMO_PRINCIPLES + 2
    assert [row["title"] for row in library.ours(rows)] == ["Paciencia", "Seasons"]  # UTF-8 intact
    assert library.ours(rows)[0]["themes"] == "Ayuda mutua; Joy"


def test_csv_and_json_say_the_same(client, library):
    for language in ("en", "es"):
        records = client.get(f"/{language}/principles/download.json").json()["principles"]
        rows = csv_rows(client.get(f"/{language}/principles/download.csv"))
        assert len(rows) == len(records)
        for row, record in zip(rows, records, strict=True):
            assert row["key"] == record["key"] and row["url"] == record["url"]
            assert row["themes"] == "; ".join(record["themes"])
            assert row["last_revised"] == record["last_revised"]


def test_last_revised_is_the_day_the_wording_last_changed(client, library):
    backdate_wording(library.patience, datetime.date(2020, 1, 2))
    backdate_wording(library.paciencia, datetime.date(2020, 3, 4))
    backdate_wording(library.seasons, datetime.date(2020, 5, 6))

    def last_revised(language):
        records = client.get(f"/{language}/principles/download.json").json()["principles"]
        return {p["title"]: p["last_revised"] for p in library.ours(records)}

    assert last_revised("en") == {"Patience": "2020-01-02", "Seasons": "2020-05-06"}
    # A translation has a history of its own; an alias shows its source's words.
    assert last_revised("es") == {"Paciencia": "2020-03-04", "Seasons": "2020-05-06"}

    library.patience.themes.set([library.joy])  # published again, same wording
    publish(library.patience)
    assert last_revised("en")["Patience"] == "2020-01-02"

    library.patience.statement = "Demo text: a new wording."
    publish(library.patience)
    today = timezone.localdate(library.patience.last_published_at).isoformat()
    assert last_revised("en")["Patience"] == today
    assert last_revised("es")["Paciencia"] == "2020-03-04"


def test_last_revised_is_the_same_date_as_in_the_api(client, library):
    backdate_wording(library.patience, datetime.date(2020, 1, 2))
    for language in ("en", "es"):
        records = client.get(f"/{language}/principles/download.json").json()["principles"]
        api = client.get(f"/api/v2/principles/?locale={language}&limit=100").json()["items"]
        assert len(api) == len(records)
        assert {p["key"]: p["last_revised"] for p in records} == {
            item["key"]: item["meta"]["last_revised"] for item in api
        }


def test_only_live_principles(client, library):
    draft = factories.PrinciplePageFactory(
        parent=library.patience.get_parent(), title="Draft", live=False
    )
    library.seasons.unpublish()
    records = client.get("/en/principles/download.json").json()["principles"]
    assert [p["title"] for p in library.ours(records)] == ["Patience"]
    assert draft.title not in [p["title"] for p in records]
    assert len(records) == DEMO_PRINCIPLES + 1


def test_unknown_language_is_404(anonymous, library):
    for url in ("/xx/principles/download.json", "/pt-br/principles/download.csv"):
        assert anonymous.get(url).status_code == 404, url


def test_a_language_without_content_is_404(anonymous, french_offered):
    # French is offered by the site, but this database has no French locale yet.
    for url in ("/fr/principles/download.json", "/fr/principles/download.csv"):
        assert anonymous.get(url).status_code == 404, url


def test_an_empty_library_is_still_a_valid_file(client, french_offered):
    Locale.objects.create(language_code="fr")  # a locale, but no French principles yet
    data = client.get("/fr/principles/download.json").json()
    assert data["language"] == "fr"
    assert data["principles"] == []
    response = client.get("/fr/principles/download.csv")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == [",".join(COLUMNS)]


def test_downloads_are_public_read_only_and_readable_from_any_site(anonymous, library):
    for url in ("/en/principles/download.json", "/es/principles/download.csv"):
        response = anonymous.get(url, headers={"origin": "https://partner.example"})
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert not response.cookies
        assert anonymous.head(url).status_code == 200
        assert anonymous.options(url).status_code == 200
        for method in (anonymous.post, anonymous.put, anonymous.delete):
            assert method(url).status_code == 405, (url, method)
        preflight = anonymous.options(
            url,
            headers={"origin": "https://partner.example", "access-control-request-method": "GET"},
        )
        assert preflight["Access-Control-Allow-Origin"] == "*"
        assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
