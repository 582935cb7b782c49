"""The admin's principle list: number, title, themes, Spanish status, last published, by number."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from principles.models import PrinciplePage
from tests import factories

pytestmark = pytest.mark.django_db


def rows(html):
    """Each row of the listing's table as {column heading: cell text}."""
    soup = BeautifulSoup(html, "html.parser")
    # The title's heading also counts the rows ("Title 1-9 of 9 principles").
    headings = [
        "Title" if th.get_text(strip=True).startswith("Title") else th.get_text(" ", strip=True)
        for th in soup.select("table thead th")
    ]
    found = []
    for tr in soup.select("table tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        found.append(dict(zip(headings, cells, strict=False)))
    return found


def by_number(listing):
    return {row["Number"]: row for row in listing}


def test_principles_menu_lists_english_principles_by_number(admin_client_logged_in, tree):
    late = factories.PrinciplePageFactory(parent=tree.principles, number=120, title="Rest")
    late.themes.set([factories.ThemeFactory(name="Rest and repair")])
    late.save_revision().publish()
    early = factories.PrinciplePageFactory(parent=tree.principles, number=110, title="Listen")
    early.save_revision().publish()
    response = admin_client_logged_in.get("/admin/principles/")
    assert response.status_code == 200
    listing = rows(response.content.decode())
    numbers = [int(row["Number"]) for row in listing]
    assert numbers == sorted(numbers) and len(numbers) == len(set(numbers))  # English only
    assert numbers[:3] == [1, 2, 3] and numbers[-2:] == [110, 120]
    row = by_number(listing)["120"]
    assert row["Title"].startswith("Rest") and row["Themes"] == "Rest and repair"
    assert row["Spanish"] == "Not yet" and row["Last published"]
    assert {"Number", "Title", "Themes", "Spanish", "Last published"} <= set(row)


def test_spanish_status_follows_the_translation(admin_client_logged_in, spanish_tree):
    listing = by_number(rows(admin_client_logged_in.get("/admin/principles/").content.decode()))
    assert listing["1"]["Spanish"] == "Translated"  # the demo translates principles 1 to 8
    assert listing["9"]["Spanish"] == "Not yet"
    adaptation = PrinciplePage.objects.get(number=1, locale__language_code="en")
    adaptation.save_revision().publish()  # English published after its Spanish
    listing = by_number(rows(admin_client_logged_in.get("/admin/principles/").content.decode()))
    assert listing["1"]["Spanish"] == "Out of date"
    # The Spanish tree's explorer says the same of each pair, in number order.
    html = admin_client_logged_in.get(f"/admin/pages/{spanish_tree.principles.pk}/").content
    spanish = rows(html.decode())
    assert [row["Number"] for row in spanish][:4] == ["1", "2", "3", "4"]
    assert spanish[0]["Spanish"] == "Out of date" and spanish[8]["Spanish"] == "Not yet"


def test_the_explorer_of_a_principle_index_is_by_number(admin_client_logged_in, tree):
    factories.PrinciplePageFactory(parent=tree.principles, number=130).save_revision().publish()
    html = admin_client_logged_in.get(f"/admin/pages/{tree.principles.pk}/").content.decode()
    numbers = [int(row["Number"]) for row in rows(html)]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == 130


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_a_fixed_number_of_queries(admin_client_logged_in, tree):
    client = admin_client_logged_in
    count_queries(client, "/admin/principles/")  # warm caches (content types, site roots)
    before = count_queries(client, "/admin/principles/")
    themes = [factories.ThemeFactory() for _ in range(3)]
    for number in (140, 141, 142):
        page = factories.PrinciplePageFactory(parent=tree.principles, number=number)
        page.themes.set(themes)
        page.save_revision().publish()
    count_queries(client, "/admin/principles/")  # the publishes renewed the per-process memo
    assert count_queries(client, "/admin/principles/") == before


def added_queries(client, url, add_rows):
    """How many more queries ``url`` costs after ``add_rows()`` added three rows to it."""
    count_queries(client, url)  # warm caches (content types, site roots)
    before = count_queries(client, url)
    add_rows()
    return count_queries(client, url) - before


def test_the_explorer_columns_add_no_query_per_row(admin_client_logged_in, tree):
    # Wagtail's page actions cost the explorer queries per row (wagtail-localize's
    # Translate and Sync buttons), in every explorer. The principle columns, themes
    # and the Spanish status among them, must add none: the principle index's
    # explorer grows exactly as the reflection index's, which has Wagtail's columns.
    themes = [factories.ThemeFactory() for _ in range(3)]

    def add_principles():
        for number in (150, 151, 152):
            page = factories.PrinciplePageFactory(parent=tree.principles, number=number)
            page.themes.set(themes)
            page.save_revision().publish()

    def add_reflections():
        for _ in range(3):
            factories.ReflectionPageFactory(parent=tree.reflections).save_revision().publish()

    client = admin_client_logged_in
    principles = added_queries(client, f"/admin/pages/{tree.principles.pk}/", add_principles)
    reflections = added_queries(client, f"/admin/pages/{tree.reflections.pk}/", add_reflections)
    assert principles == reflections
