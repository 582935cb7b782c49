"""The public data API at /api/v2/: what a partner's script or web page would notice."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from site_core.blocks import stream_data
from tests import factories
from tests.bilingual import build_library, publish

pytestmark = pytest.mark.django_db

ENDPOINTS = ["principles", "reflections", "themes", "contributors"]


@pytest.fixture
def library(tree):
    return build_library(tree)


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


def test_root_lists_the_four_endpoints(api, library):
    data = get_json(api, "/api/v2/")
    assert set(data["endpoints"]) == set(ENDPOINTS)
    assert data["endpoints"]["principles"].endswith("/api/v2/principles/")


def test_principles_carry_what_a_citation_needs(api, library):
    data = get_json(api, "/api/v2/principles/?locale=en&fields=*")
    assert data["meta"]["total_count"] == 2
    assert [item["number"] for item in data["items"]] == [1, 2]  # in number order
    item = data["items"][0]
    assert item["title"] == "Adaptation"
    assert item["key"] == library.adaptation.key
    assert item["statement"] == "Demo text: we adapt to each person."
    assert item["summary"] == "Demo summary."
    assert item["body"] == []
    assert [(theme["name"], theme["slug"]) for theme in item["themes"]] == [
        ("Joy", "joy"),
        ("Mutual aid", "mutual-aid"),
    ]
    meta = item["meta"]
    assert meta["type"] == "principles.PrinciplePage"
    assert meta["locale"] == "en"
    assert meta["html_url"].endswith("/en/principles/adaptation/")
    assert meta["permanent_url"].startswith("http")
    assert meta["permanent_url"].endswith(f"/p/{library.adaptation.key}/")
    assert meta["first_published_at"] and meta["last_published_at"]
    assert meta["detail_url"].endswith(f"/api/v2/principles/{library.adaptation.pk}/")


def test_listing_defaults_are_useful_without_asking_for_fields(api, library):
    item = get_json(api, "/api/v2/principles/?locale=en")["items"][0]
    for field in ("title", "key", "number", "statement", "themes"):
        assert field in item, field
    assert "permanent_url" in item["meta"] and "last_published_at" in item["meta"]
    assert "body" not in item  # the long text is in the detail, or with ?fields=body


def test_principle_detail(api, library):
    data = get_json(api, f"/api/v2/principles/{library.adaptation.pk}/")
    assert data["title"] == "Adaptation"
    assert data["key"] == library.adaptation.key
    assert data["meta"]["parent"]["title"] == "Principles"


def test_body_blocks_and_rich_text_format(api, library):
    page = library.adaptation
    page.body = stream_data(
        ("paragraph", f'<p>See <a linktype="page" id="{library.cycles.pk}">cycles</a>.</p>')
    )
    publish(page)
    url = f"/api/v2/principles/{page.pk}/?fields=_,body"
    (block,) = get_json(api, url)["body"]
    assert block["type"] == "paragraph" and 'linktype="page"' in block["value"]
    (block,) = get_json(api, url + "&rich_text_format=html")["body"]
    assert '<a href="/en/principles/cycles/">cycles</a>' in block["value"]


def test_locale_filter_and_themes_in_the_page_language(api, library):
    data = get_json(api, "/api/v2/principles/?locale=es")
    items = by_title(data["items"])
    assert set(items) == {"Adaptación", "Cycles"}  # the untranslated one is its English alias
    assert all(item["meta"]["locale"] == "es" for item in data["items"])
    themes = [(theme["name"], theme["locale"]) for theme in items["Adaptación"]["themes"]]
    assert themes == [("Ayuda mutua", "es"), ("Joy", "en")]  # English where not translated
    assert items["Adaptación"]["key"] == library.adaptation.key  # same key in every language
    assert items["Adaptación"]["meta"]["html_url"].endswith("/es/principios/adaptacion/")


def test_translation_of_finds_the_other_language(api, library):
    data = get_json(api, f"/api/v2/principles/?translation_of={library.adaptation.pk}&locale=es")
    assert [item["title"] for item in data["items"]] == ["Adaptación"]


def test_filters_by_key_number_and_slug(api, library):
    key = library.cycles.key
    data = get_json(api, f"/api/v2/principles/?key={key}")
    assert {item["meta"]["locale"] for item in data["items"]} == {"en", "es"}
    assert get_json(api, "/api/v2/principles/?number=1&locale=en")["items"][0]["title"] == (
        "Adaptation"
    )
    data = get_json(api, "/api/v2/principles/?slug=adaptacion")
    assert [item["title"] for item in data["items"]] == ["Adaptación"]


def test_search(api, library):
    data = get_json(api, "/api/v2/principles/?search=adapt&locale=en")
    assert [item["title"] for item in data["items"]] == ["Adaptation"]
    assert get_json(api, "/api/v2/principles/?search=%22%26|!(:*")["items"] == []


def test_reflections_link_principles_and_themes_in_their_language(api, library):
    data = get_json(api, "/api/v2/reflections/?locale=es&fields=*")
    (item,) = data["items"]
    assert item["date"] == "2026-03-01"
    assert item["intro"] == "A reflection used in tests."
    assert item["body"] == []
    assert [(p["number"], p["title"], p["locale"]) for p in item["principles"]] == [
        (1, "Adaptación", "es"),
        (2, "Cycles", "es"),
    ]
    assert item["principles"][0]["permanent_url"].endswith(f"/p/{library.adaptation.key}/")
    assert [theme["name"] for theme in item["themes"]] == ["Ayuda mutua"]
    english = get_json(api, "/api/v2/reflections/?locale=en&fields=principles,themes")["items"]
    assert [p["title"] for p in english[0]["principles"]] == ["Adaptation", "Cycles"]


def test_reflections_leave_out_unpublished_principles(api, library):
    library.cycles.unpublish()
    data = get_json(api, "/api/v2/reflections/?locale=en&fields=principles")
    assert [p["title"] for p in data["items"][0]["principles"]] == ["Adaptation"]


def test_themes_and_contributors(api, library):
    themes = get_json(api, "/api/v2/themes/?locale=es&fields=*")["items"]
    assert [(theme["name"], theme["slug"]) for theme in themes] == [("Ayuda mutua", "ayuda-mutua")]
    assert themes[0]["meta"]["locale"] == "es"
    assert themes[0]["meta"]["html_url"].endswith("/es/temas/ayuda-mutua/")
    assert themes[0]["description"] == "Demo."
    assert get_json(api, "/api/v2/themes/?locale=en")["meta"]["total_count"] == 2

    people = get_json(api, "/api/v2/contributors/?locale=es&fields=*")["items"]
    assert len(people) == 1
    person = people[0]
    for field in ("name", "slug", "pronouns", "role", "bio", "website"):
        assert field in person, field
    assert person["role"] == "Practicante"
    assert person["website"] == "https://ana.example"
    assert person["meta"]["locale"] == "es"
    detail = get_json(api, f"/api/v2/contributors/{library.person.pk}/")
    assert detail["name"] == "Ana Demo" and detail["meta"]["locale"] == "en"


def test_one_endpoint_one_type(api, library):
    ids = {item["id"] for item in get_json(api, "/api/v2/principles/?limit=100")["items"]}
    assert library.reflection.pk not in ids and library.adaptation.pk in ids
    response = api.get(f"/api/v2/principles/{library.reflection.pk}/")
    assert response.status_code == 404
    response = api.get("/api/v2/principles/?type=reflections.ReflectionPage")
    assert response.status_code == 400
    assert "principles.PrinciplePage" in response.json()["message"]


def test_drafts_are_not_served(api, library):
    draft = factories.PrinciplePageFactory(parent=library.adaptation.get_parent(), live=False)
    assert api.get(f"/api/v2/principles/{draft.pk}/").status_code == 404
    titles = [item["title"] for item in get_json(api, "/api/v2/principles/")["items"]]
    assert draft.title not in titles


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
    ("locale=xx", "locale must be one of: en"),
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
        f"/api/v2/principles/{library.adaptation.pk}/?fields=nope",
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
    urls += [f"/api/v2/principles/{library.adaptation.pk}/", "/api/v2/"]
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
    response = api.get("/en/principles/adaptation/", headers={"origin": "https://x.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_listing_costs_the_same_queries_however_many_principles(api, library):
    def count():
        with CaptureQueriesContext(connection) as queries:
            get_json(api, "/api/v2/principles/?fields=*&limit=100")
        return len(queries)

    count()  # caches warmed: the site's root paths, the locales
    before = count()
    parent = library.adaptation.get_parent()
    for number in range(3, 9):
        page = factories.PrinciplePageFactory(parent=parent, number=number)
        page.themes.set([library.mutual_aid, library.joy])
        publish(page)
    assert count() == before
