"""The full-page cache (site_core/page_cache.py): what it keeps, how it keys, what it never keeps."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from principles.models import PrinciplePage
from tests import factories


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def principle(tree):
    return PrinciplePage.objects.get(locale=tree.locale, slug="adaptation")


def twice(client, url, **extra):
    first = client.get(url, **extra)
    second = client.get(url, **extra)
    return first, second


def test_a_public_page_is_stored_once_and_then_served_from_the_cache(client, principle):
    first, second = twice(client, principle.url)
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"
    # Browsers recheck soon; shared caches (this one, a CDN) keep it until a purge.
    assert "s-maxage=600" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    # Headers added around the cache are fresh on a hit, not replayed from the first answer.
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "Content-Security-Policy" in second


def test_a_hit_costs_no_database_query(client, principle, django_assert_num_queries):
    client.get(principle.url)
    with django_assert_num_queries(0):
        assert client.get(principle.url)["X-Cache"] == "hit"


def test_head_is_answered_from_what_get_stored(client, principle):
    body = client.get(principle.url).content
    head = client.head(principle.url)
    assert head["X-Cache"] == "hit" and head.content == b""
    assert head["Content-Length"] == str(len(body))


def test_entries_are_keyed_by_path_query_string_host_and_language(client, principle, spanish_tree):
    client.get(principle.url)
    assert client.get(principle.url + "?page=2")["X-Cache"] == "miss"
    assert client.get(principle.url + "?page=2")["X-Cache"] == "hit"
    # The same words in another order are the same query.
    client.get(principle.url + "?a=1&b=2")
    assert client.get(principle.url + "?b=2&a=1")["X-Cache"] == "hit"
    other_host = client.get(principle.url, HTTP_HOST="localhost")
    assert other_host["X-Cache"] == "miss"
    spanish = PrinciplePage.objects.get(locale=spanish_tree.locale, translation_key=principle.translation_key)
    first, second = twice(client, spanish.url)
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second["Content-Language"] == "es"
    # An unprefixed URL answered in the visitor's language is kept per language.
    english, spanish_sitemap = (
        client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en"),
        client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="es"),
    )
    assert english["X-Cache"] == "miss" and spanish_sitemap["X-Cache"] == "miss"


def test_odd_query_strings_are_keyed_safely(client, principle):
    for query in ("?q=%00", "?" + "x" * 5000, "?q=%F0%9F%8C%B1&q=2", "?=&&="):
        first, second = twice(client, principle.url + query)
        assert first.status_code == 200 and second.status_code == 200
        assert second["X-Cache"] == "hit"


@pytest.mark.parametrize("kind", ["password", "login"])
def test_a_restricted_page_is_never_stored(client, principle, kind):
    PageViewRestriction.objects.create(
        page=principle, restriction_type=kind, password="open sesame" if kind == "password" else ""
    )
    first, second = twice(client, principle.url)
    assert second["X-Cache"] == "miss"
    assert principle.statement not in second.content.decode()
    assert "no-store" in second["Cache-Control"] or "private" in second["Cache-Control"]


def test_a_page_given_a_password_is_never_stored_for_the_next_visitor(client, principle):
    restriction = PageViewRestriction.objects.create(
        page=principle, restriction_type="password", password="open sesame"
    )
    url = f"/en/_util/authenticate_with_password/{restriction.pk}/{principle.pk}/"
    client.get(principle.url)  # the form, never stored: it carries a token
    answer = client.post(url, {"password": "open sesame", "return_url": principle.url})
    assert answer.status_code == 302
    inside = client.get(principle.url)
    assert inside.status_code == 200 and principle.statement in inside.content.decode()
    assert inside.get("X-Cache") is None  # a session: neither looked up nor stored
    stranger = Client()
    shut_out = stranger.get(principle.url)
    assert principle.statement not in shut_out.content.decode()
    assert shut_out["X-Cache"] == "miss"


def test_a_signed_in_staff_members_pages_are_neither_stored_nor_served_from_the_cache(
    admin_client_logged_in, principle
):
    Client().get(principle.url)  # a visitor's copy is in the cache
    for _ in range(2):
        response = admin_client_logged_in.get(principle.url)
        assert response.status_code == 200
        assert response.get("X-Cache") is None  # not looked up, not stored
    assert Client().get(principle.url)["X-Cache"] == "hit"


def test_previews_are_never_stored(admin_client_logged_in, principle):
    url = f"/admin/pages/{principle.pk}/edit/preview/"
    for _ in range(2):
        response = admin_client_logged_in.get(url)
        assert response.get("X-Cache") is None


def test_errors_forms_and_searches_are_never_stored(client, tree):
    contact = factories.ContactPageFactory(parent=tree.home, title="Write to us", slug="write")
    for url in ("/en/no-such-page/", contact.url, "/en/search/?q=care"):
        first, second = twice(client, url)
        assert second["X-Cache"] == "miss", url
    # The contact form carries a token per visitor: never a shared one.
    assert "no-store" in client.get(contact.url)["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_never_stored(client, principle):
    from site_core.page_cache import storable

    response = client.get(principle.url)
    assert storable(response)
    response.set_cookie("anything", "1")
    assert not storable(response)


def test_the_cache_can_be_turned_off(client, principle, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first, second = twice(client, principle.url)
    assert first.get("X-Cache") is None and second.get("X-Cache") is None


@pytest.fixture
def redis_pages(settings):
    """The page cache in the machine's Redis (127.0.0.1:6379, database 15), as REDIS_URL sets it."""
    import uuid

    import redis
    from django.core.cache import caches

    from site_core.settings.base import redis_cache

    client = redis.Redis(host="127.0.0.1", port=6379, db=15)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run at 127.0.0.1:6379 (.ci/run starts it)")
    config = redis_cache(False)
    config["LOCATION"] = "redis://127.0.0.1:6379/15"
    config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {**settings.CACHES, "pages": config}
    yield client, config["KEY_PREFIX"]
    for key in client.scan_iter(f"{config['KEY_PREFIX']}:*"):
        client.delete(key)
    caches["pages"].close()


def test_with_redis_pages_are_stored_in_redis_and_served_from_it(client, principle, redis_pages):
    redis_client, prefix = redis_pages
    first, second = twice(client, principle.url)
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.content == first.content
    stored = [key.decode() for key in redis_client.scan_iter(f"{prefix}:*:page:*")]
    assert len(stored) == 1
    # Another process (a second worker or server) reading the same Redis gets the page too.
    redis_client.flushdb() if False else None
    assert Client().get(principle.url)["X-Cache"] == "hit"


@pytest.fixture
def shared_cache_down(settings, caplog):
    """The page cache pointed at a port where nothing listens: Redis is down."""
    from site_core import shared_cache
    from site_core.settings.base import redis_cache
    from tests.story_site import free_port

    config = redis_cache(False)
    config["LOCATION"] = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {**settings.CACHES, "pages": config}
    yield caplog
    shared_cache._health.down = False  # the next test starts with a cache that answers
    shared_cache._health.retry_at = 0.0


def test_while_the_shared_cache_is_down_pages_are_served_uncached_and_it_is_logged_once(
    client, principle, shared_cache_down, django_assert_max_num_queries
):
    caplog = shared_cache_down
    responses = [client.get(principle.url) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r["X-Cache"] for r in responses] == ["miss", "miss", "miss"]
    assert responses[0].content == responses[2].content
    outages = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(outages) == 1 and outages[0].levelname == "ERROR"
    # The per-process copies (site, menus, settings) still serve for a few seconds, so
    # an uncached page costs what it costs with the cache up.
    with django_assert_max_num_queries(12):
        client.get(principle.url)
