"""The public data API at /api/v2/: what a partner's script or web page would notice."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from site_core.blocks import stream_data
from tests import factories
from tests.bilingual import DATE, DEMO_PRINCIPLES, backdate_wording, build_library, publish

pytestmark = pytest.mark.django_db

ENDPOINTS = ["principles", "reflections", "themes", "contributors"]
DEMO_THEMES = 8  # in each language
DEMO_SPANISH_THEMES = {
    *("saberes-ancestrales", "antiopresion", "autodeterminacion", "cuidado-comunitario"),
    *("uso-de-drogas-y-seguridad", "alegria-y-bienestar", "trabajo-sexual", "trauma-y-sanacion"),
}
DEMO_CONTRIBUTORS = {"magali", "richael-faithful", "kate", "ismail-ali", "sasanka"}


@pytest.fixture
def library(tree, spanish_tree):
    return build_library(tree, spanish_tree)


@pytest.fixture
def api():
    """A client that answers a server error with a 500 instead of raising it."""
    return Client(raise_request_exception=False)


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def by_title(items):
    return {item["title"]: item for item in items}


def by_id(items):
    return {item["id"]: item for item in items}


def test_root_lists_the_four_endpoints(api, library):
    data = get_json(api, "/api/v2/")
    assert set(data["endpoints"]) == set(ENDPOINTS)
    assert data["endpoints"]["principles"].endswith("/api/v2/principles/")


def test_principles_carry_what_a_citation_needs(api, library):
    data = get_json(api, "/api/v2/principles/?locale=en&fields=*")
    assert data["meta"]["total_count"] == DEMO_PRINCIPLES + 2
    numbers = [item["number"] for item in data["items"]]
    assert numbers == sorted(numbers) and numbers[:DEMO_PRINCIPLES] == list(range(1, 10))
    # In number order, though "Seasons" was created (has the lower id) first.
    assert [item["title"] for item in library.ours(data["items"])] == ["Patience", "Seasons"]
    item = library.ours(data["items"])[0]
    assert item["number"] == library.patience.number
    assert item["key"] == library.patience.key
    assert item["statement"] == "Demo text: patience lets each person set the pace."
    assert item["summary"] == "Demo summary."
    assert item["body"] == []
    assert [(theme["name"], theme["slug"]) for theme in item["themes"]] == [
        ("Joy", library.joy.slug),
        ("Mutual aid", library.mutual_aid.slug),
    ]
    meta = item["meta"]
    assert meta["type"] == "principles.PrinciplePage"
    assert meta["locale"] == "en"
    assert meta["html_url"].endswith("/en/principles/patience/")
    assert meta["permanent_url"].startswith("http")
    assert meta["permanent_url"].endswith(f"/p/{library.patience.key}/")
    assert meta["first_published_at"] and meta["last_published_at"]
    assert DATE.match(meta["last_revised"])
    assert meta["detail_url"].endswith(f"/api/v2/principles/{library.patience.pk}/")


def test_listing_defaults_are_useful_without_asking_for_fields(api, library):
    item = get_json(api, "/api/v2/principles/?locale=en")["items"][0]
    for field in ("title", "key", "number", "statement", "themes"):
        assert field in item, field
    for field in ("permanent_url", "last_published_at", "last_revised"):
        assert field in item["meta"], field
    assert "body" not in item  # the long text is in the detail, or with ?fields=body


def test_principle_detail(api, library):
    data = get_json(api, f"/api/v2/principles/{library.patience.pk}/")
    assert data["title"] == "Patience"
    assert data["key"] == library.patience.key
    assert DATE.match(data["meta"]["last_revised"])
    assert data["meta"]["parent"]["title"] == "Principles"


def test_body_blocks_and_rich_text_format(api, library):
    page = library.patience
    page.body = stream_data(
        ("paragraph", f'<p>See <a linktype="page" id="{library.seasons.pk}">seasons</a>.</p>')
    )
    publish(page)
    url = f"/api/v2/principles/{page.pk}/?fields=_,body"
    (block,) = get_json(api, url)["body"]
    assert block["type"] == "paragraph" and 'linktype="page"' in block["value"]
    (block,) = get_json(api, url + "&rich_text_format=html")["body"]
    assert '<a href="/en/principles/seasons/">seasons</a>' in block["value"]


def test_locale_filter_and_themes_in_the_page_language(api, library):
    data = get_json(api, "/api/v2/principles/?locale=es&limit=100")
    english = get_json(api, "/api/v2/principles/?locale=en&limit=100")["items"]
    # Every principle is there in Spanish, translated or not (same key in every language).
    assert sorted(item["key"] for item in data["items"]) == sorted(item["key"] for item in english)
    items = by_title(library.ours(data["items"]))
    assert set(items) == {"Paciencia", "Seasons"}  # the untranslated one is its English alias
    assert items["Seasons"]["id"] == library.seasons_alias.pk
    assert all(item["meta"]["locale"] == "es" for item in data["items"])
    themes = [(theme["name"], theme["locale"]) for theme in items["Paciencia"]["themes"]]
    assert themes == [("Ayuda mutua", "es"), ("Joy", "en")]  # English where not translated
    assert items["Paciencia"]["key"] == library.patience.key  # same key in every language
    assert items["Paciencia"]["meta"]["html_url"].endswith("/es/principios/paciencia/")


def test_last_revised_is_the_day_the_wording_last_changed(api, library):
    backdate_wording(library.patience, datetime.date(2020, 1, 2))
    backdate_wording(library.paciencia, datetime.date(2020, 3, 4))
    backdate_wording(library.seasons, datetime.date(2020, 5, 6))

    def last_revised():
        items = get_json(api, "/api/v2/principles/?limit=100")["items"]
        return {item["id"]: item["meta"]["last_revised"] for item in library.ours(items)}

    assert last_revised() == {
        library.patience.pk: "2020-01-02",
        library.paciencia.pk: "2020-03-04",  # a translation has a history of its own
        library.seasons.pk: "2020-05-06",
        library.seasons_alias.pk: "2020-05-06",  # an alias shows its source's words
    }
    library.patience.themes.set([library.joy])  # published again, same wording
    publish(library.patience)
    detail = get_json(api, f"/api/v2/principles/{library.patience.pk}/")
    assert detail["meta"]["last_revised"] == "2020-01-02"
    assert not detail["meta"]["last_published_at"].startswith("2020-")
    assert last_revised()[library.patience.pk] == "2020-01-02"

    library.patience.statement = "Demo text: a new wording."
    publish(library.patience)
    today = timezone.localdate(library.patience.last_published_at).isoformat()
    assert last_revised()[library.patience.pk] == today
    assert last_revised()[library.paciencia.pk] == "2020-03-04"


def test_translation_of_finds_the_other_language(api, library):
    data = get_json(api, f"/api/v2/principles/?translation_of={library.patience.pk}&locale=es")
    assert [item["title"] for item in data["items"]] == ["Paciencia"]


def test_filters_by_key_number_and_slug(api, library):
    key = library.seasons.key
    data = get_json(api, f"/api/v2/principles/?key={key}")
    assert sorted((item["meta"]["locale"], item["id"]) for item in data["items"]) == [
        ("en", library.seasons.pk),
        ("es", library.seasons_alias.pk),
    ]
    number = library.patience.number
    data = get_json(api, f"/api/v2/principles/?number={number}&locale=en")
    assert [item["title"] for item in data["items"]] == ["Patience"]
    data = get_json(api, "/api/v2/principles/?slug=paciencia")
    assert [item["title"] for item in data["items"]] == ["Paciencia"]


def test_search(api, library):
    data = get_json(api, "/api/v2/principles/?search=patience&locale=en")
    assert [item["title"] for item in data["items"]] == ["Patience"]
    assert get_json(api, "/api/v2/principles/?search=%22%26|!(:*")["items"] == []


def test_reflections_link_principles_and_themes_in_their_language(api, library):
    data = get_json(api, "/api/v2/reflections/?locale=es&fields=*")
    assert all(item["meta"]["locale"] == "es" for item in data["items"])
    item = by_id(data["items"])[library.reflection_alias.pk]
    assert item["date"] == "2026-03-01"
    assert item["intro"] == "A reflection used in tests."
    assert item["body"] == []
    assert [(p["number"], p["title"], p["locale"]) for p in item["principles"]] == [
        (library.patience.number, "Paciencia", "es"),
        (library.seasons.number, "Seasons", "es"),
    ]
    assert [p["id"] for p in item["principles"]] == [library.paciencia.pk, library.seasons_alias.pk]
    assert item["principles"][0]["permanent_url"].endswith(f"/p/{library.patience.key}/")
    assert [theme["name"] for theme in item["themes"]] == ["Ayuda mutua"]
    english = get_json(api, "/api/v2/reflections/?locale=en&fields=principles,themes")["items"]
    english = by_id(english)[library.reflection.pk]
    assert [p["title"] for p in english["principles"]] == ["Patience", "Seasons"]


def test_reflections_leave_out_unpublished_principles(api, library):
    library.seasons.unpublish()
    data = get_json(api, "/api/v2/reflections/?locale=en&fields=principles")
    item = by_id(data["items"])[library.reflection.pk]
    assert [p["title"] for p in item["principles"]] == ["Patience"]


def test_themes_and_contributors(api, library):
    themes = get_json(api, "/api/v2/themes/?locale=es&fields=*")["items"]
    # Only translated themes: the demo's eight and "Ayuda mutua", not the untranslated "Joy".
    assert {theme["slug"] for theme in themes} == DEMO_SPANISH_THEMES | {"ayuda-mutua"}
    assert all(theme["meta"]["locale"] == "es" for theme in themes)
    theme = by_id(themes)[library.ayuda_mutua.pk]
    assert (theme["name"], theme["slug"]) == ("Ayuda mutua", "ayuda-mutua")
    assert theme["meta"]["html_url"].endswith("/es/temas/ayuda-mutua/")
    assert theme["description"] == "Demo."
    english = get_json(api, "/api/v2/themes/?locale=en")
    assert english["meta"]["total_count"] == DEMO_THEMES + 2
    assert {library.mutual_aid.pk, library.joy.pk} <= set(by_id(english["items"]))

    people = get_json(api, "/api/v2/contributors/?locale=es&fields=*")["items"]
    assert {person["slug"] for person in people} == DEMO_CONTRIBUTORS | {"ana-demo"}
    assert len(people) == len(DEMO_CONTRIBUTORS) + 1  # one Spanish version each
    person = by_id(people)[library.persona.pk]
    for field in ("name", "slug", "pronouns", "role", "bio", "website"):
        assert field in person, field
    assert person["role"] == "Practicante"
    assert person["website"] == "https://ana.example"
    assert person["meta"]["locale"] == "es"
    detail = get_json(api, f"/api/v2/contributors/{library.person.pk}/")
    assert detail["name"] == "Ana Demo" and detail["meta"]["locale"] == "en"


def test_one_endpoint_one_type(api, library):
    data = get_json(api, "/api/v2/principles/?limit=100")
    assert data["meta"]["total_count"] == len(data["items"])  # all of them
    ids = {item["id"] for item in data["items"]}
    assert library.reflection.pk not in ids and library.patience.pk in ids
    response = api.get(f"/api/v2/principles/{library.reflection.pk}/")
    assert response.status_code == 404
    response = api.get("/api/v2/principles/?type=reflections.ReflectionPage")
    assert response.status_code == 400
    assert "principles.PrinciplePage" in response.json()["message"]


def test_drafts_are_not_served(api, library):
    draft = factories.PrinciplePageFactory(parent=library.patience.get_parent(), live=False)
    assert api.get(f"/api/v2/principles/{draft.pk}/").status_code == 404
    data = get_json(api, "/api/v2/principles/?limit=100")
    assert data["meta"]["total_count"] == len(data["items"])  # all of them
    titles = [item["title"] for item in data["items"]]
    assert "Patience" in titles and draft.title not in titles


MISTAKES = [
    ("fields=nope", "unknown fields: nope"),
    ("nope=1", "not an operation or a recognised field: nope"),
    ("child_of=1", "not an operation or a recognised field: child_of"),
    ("fields=body(x)", "does not support nested fields"),
    ("fields=(", "fields error"),
    ("limit=abc", "limit must be a positive integer"),
    ("limit=-1", "limit must be a positive integer"),
    ("limit=101", "limit cannot be higher than 100"),
    ("limit=" + "9" * 5000, "limit cannot be higher than 100"),
    ("offset=-1", "offset must be a positive integer"),
    ("offset=99999999999999999999999", "offset cannot be higher"),
    ("number=abc", "not a valid value for number"),
    ("locale=xx", "locale must be one of: en, es"),
    ("order=body", "cannot order by 'body'"),
    ("type=nope.Nope", "type doesn't exist"),
    ("translation_of=abc", "translation_of must be a positive integer"),
    ("search=" + "a" * 201, "at most 200 characters"),
    ("search=x&search_operator=xor", "search_operator must be 'and' or 'or'"),
    ("search=x&key=abc", "cannot filter by 'key' while searching"),
    ("key=%00", "null characters"),
    ("rich_text_format=bogus", "rich_text_format must be one of"),
]


def test_mistakes_get_a_clear_400(api, tree):
    for query, message in MISTAKES:
        response = api.get(f"/api/v2/principles/?{query}")
        assert response.status_code == 400, (query, response.status_code, response.content[:300])
        assert response["Content-Type"] == "application/json", query
        assert message in response.json()["message"], (query, response.json())


def test_mistakes_on_other_endpoints_get_a_400(api, library):
    for url in [
        "/api/v2/themes/?locale=zz",
        "/api/v2/themes/?type=principles.Theme",
        "/api/v2/contributors/?order=photo",
        "/api/v2/reflections/?date=2026-13-01",
        f"/api/v2/contributors/{library.person.pk}/?nope=1",
        f"/api/v2/principles/{library.patience.pk}/?fields=nope",
    ]:
        response = api.get(url)
        assert response.status_code == 400, (url, response.status_code, response.content[:300])
        assert response.json()["message"], url


def test_odd_values_never_cause_a_server_error(api, library):
    for url in [
        "/api/v2/principles/?offset=2147483647",
        "/api/v2/principles/?number=99999999999999999999",
        "/api/v2/principles/?translation_of=99999999999999999999",
        "/api/v2/principles/99999999999999999999999/",
        "/api/v2/themes/99999999999999999999/",
        "/api/v2/principles/?format=xml",
        "/api/v2/principles/?search=%27%22%26|!(:*",
        "/api/v2/reflections/?search=%27%22&locale=es&order=-date",
        "/api/v2/themes/?search=%27%22%26|!(:*&locale=es",
    ]:
        assert api.get(url).status_code < 500, url


def test_read_only(api, library):
    urls = [f"/api/v2/{endpoint}/" for endpoint in ENDPOINTS]
    urls += [f"/api/v2/principles/{library.patience.pk}/", "/api/v2/"]
    for url in urls:
        for method in (api.post, api.put, api.patch, api.delete):
            response = method(url, data="{}", content_type="application/json")
            assert response.status_code == 405, (url, method, response.status_code)
            assert response["Allow"] == "GET, HEAD, OPTIONS", url
        assert api.head(url).status_code == 200, url
        assert api.options(url).status_code == 200, url


def test_cors_and_no_cookies(api, library):
    origin = {"origin": "https://partner.example"}
    for endpoint in ENDPOINTS:
        response = api.get(f"/api/v2/{endpoint}/?fields=*", headers=origin)
        assert response.status_code == 200, endpoint
        assert response["Access-Control-Allow-Origin"] == "*", endpoint
        assert not response.cookies, endpoint
        assert "Cookie" not in response.get("Vary", ""), endpoint
        error = api.get(f"/api/v2/{endpoint}/?nope=1", headers=origin)
        assert error["Access-Control-Allow-Origin"] == "*"  # a partner's script can read the error


def test_cors_preflight(api, library):
    response = api.options(
        "/api/v2/principles/",
        headers={
            "origin": "https://partner.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "accept",
        },
    )
    assert response.status_code in (200, 204)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert not response.cookies


def test_pages_keep_their_same_origin_policy(api, library):
    response = api.get("/en/principles/patience/", headers={"origin": "https://x.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_listing_costs_the_same_queries_however_many_principles(api, library):
    def count():
        with CaptureQueriesContext(connection) as queries:
            get_json(api, "/api/v2/principles/?fields=*&limit=100")
        return len(queries)

    count()  # caches warmed: the site's root paths, the locales
    before = count()
    parent = library.patience.get_parent()
    for _ in range(6):
        page = factories.PrinciplePageFactory(parent=parent)
        page.themes.set([library.mutual_aid, library.joy])
        publish(page)
    assert get_json(api, "/api/v2/principles/?limit=100")["meta"]["total_count"] == (
        2 * DEMO_PRINCIPLES + 4 + 6
    )
    assert count() == before
