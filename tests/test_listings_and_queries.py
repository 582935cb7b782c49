"""Theme and contributor pages list the right items, at a fixed SQL cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from principles.models import PrincipleContributor
from reflections.models import PrincipleRelatedReflection, ReflectionContributor
from site_core.blocks import stream_data
from tests import factories

pytestmark = pytest.mark.django_db


def theme_row(html, theme):
    """The theme index's list item for ``theme`` (the demo's themes have rows too)."""
    rows = re.findall(r'<li class="theme-list__item".*?</li>', html, re.DOTALL)
    found = [row for row in rows if f'href="/en/themes/{theme.slug}/"' in row]
    assert len(found) == 1, theme.slug
    return found[0]


def test_theme_page_lists_its_principles_by_number_and_reflections_newest_first(client, tree):
    theme = factories.ThemeFactory(name="Healing from harm")
    other = factories.ThemeFactory(name="Rest and play")
    # Numbered after the demo's nine, and added out of number order.
    p2 = factories.PrinciplePageFactory(parent=tree.principles, title="Whole people", number=902)
    p1 = factories.PrinciplePageFactory(parent=tree.principles, title="Adapting care", number=901)
    p3 = factories.PrinciplePageFactory(parent=tree.principles, title="Many paths", number=903)
    for page in (p1, p2):
        page.themes.add(theme)
        page.save()
    p3.themes.add(other)
    p3.save()
    old = factories.ReflectionPageFactory(parent=tree.reflections, title="Older", date="2025-01-01")
    new = factories.ReflectionPageFactory(parent=tree.reflections, title="Newer", date="2026-01-01")
    off = factories.ReflectionPageFactory(parent=tree.reflections, title="Elsewhere")
    for page in (old, new):
        page.themes.add(theme)
        page.save()
    off.themes.add(other)
    off.save()

    html = client.get(f"/en/themes/{theme.slug}/").content.decode()
    assert "<h1>Healing from harm</h1>" in html
    assert html.index("Adapting care") < html.index("Whole people")
    assert "Many paths" not in html and "Elsewhere" not in html
    assert html.index("Newer") < html.index("Older")
    # The theme index counts the principles under each theme.
    index_html = client.get("/en/themes/").content.decode()
    assert "2 principles · 2 reflections" in theme_row(index_html, theme)
    assert "1 principle · 1 reflection<" in theme_row(index_html, other)


def test_contributor_page_lists_reflections_answers_and_credited_principles(client, tree):
    ana = factories.ContributorFactory(name="Ana Ruiz", slug="ana-ruiz")
    bo = factories.ContributorFactory(name="Bo Chen", slug="bo-chen")
    credited = factories.PrinciplePageFactory(parent=tree.principles, title="Shaped by Ana")
    uncredited = factories.PrinciplePageFactory(parent=tree.principles, title="Shaped by Bo")
    PrincipleContributor.objects.create(page=credited, contributor=ana)
    PrincipleContributor.objects.create(page=uncredited, contributor=bo)
    written = factories.ReflectionPageFactory(parent=tree.reflections, title="Ana's essay")
    ReflectionContributor.objects.create(page=written, contributor=ana)
    roundtable = factories.ReflectionPageFactory(
        parent=tree.reflections,
        title="The roundtable",
        body=stream_data(
            ("question", {"question": "What keeps you going?"}),
            ("response", {"contributor": bo.pk, "answer": "<p>Friends.</p>"}),
            ("response", {"contributor": ana.pk, "answer": "<p>Dancing.</p>"}),
        ),
    )
    someone_else = factories.ReflectionPageFactory(parent=tree.reflections, title="Bo's essay")
    ReflectionContributor.objects.create(page=someone_else, contributor=bo)

    html = client.get("/en/contributors/ana-ruiz/").content.decode()
    assert "<h1>Ana Ruiz" in html
    assert "Shaped by Ana" in html and "Shaped by Bo" not in html
    assert "Ana&#x27;s essay" in html and "Bo&#x27;s essay" not in html
    assert f'href="{roundtable.url}#response-ana-ruiz"' in html
    assert "What keeps you going?" in html

    # Unpublishing the roundtable removes the answer from the profile.
    roundtable.unpublish()
    html = client.get("/en/contributors/ana-ruiz/").content.decode()
    assert "#response-ana-ruiz" not in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def link_everything(tree, n):
    """A principle, a reflection, a theme and a contributor, each linked to ``n`` items."""
    theme = factories.ThemeFactory()
    person = factories.ContributorFactory()
    principle = factories.PrinciplePageFactory(parent=tree.principles)
    reflection = factories.ReflectionPageFactory(parent=tree.reflections)
    principles = [factories.PrinciplePageFactory(parent=tree.principles) for _ in range(n)]
    reflections = [factories.ReflectionPageFactory(parent=tree.reflections) for _ in range(n)]
    themes = [factories.ThemeFactory() for _ in range(n)]
    people = [factories.ContributorFactory() for _ in range(n)]

    for theme_ in themes:
        principle.themes.add(theme_)
        reflection.themes.add(theme_)
    for person_ in people:
        PrincipleContributor.objects.create(page=principle, contributor=person_)
        ReflectionContributor.objects.create(page=reflection, contributor=person_)
    for page in principles:
        page.themes.add(theme)
        page.save()
        PrincipleContributor.objects.create(page=page, contributor=person)
        reflection.principles.add(page)
    for page in reflections:
        page.themes.add(theme)
        page.principles.add(principle)
        page.save()
        PrincipleRelatedReflection.objects.create(page=principle, reflection=page)
        ReflectionContributor.objects.create(page=page, contributor=person)
    reflection.body = stream_data(
        ("question", {"question": "Why?"}),
        *[("response", {"contributor": p.pk, "answer": "<p>Because.</p>"}) for p in people],
    )
    reflection.save()
    principle.save()
    for page in reflections:  # the person also answers in every reflection
        page.body = stream_data(("response", {"contributor": person.pk, "answer": "<p>Yes.</p>"}))
        page.save()
    return {
        "principle": principle.url,
        "reflection": reflection.url,
        "theme": f"/en/themes/{theme.slug}/",
        "contributor": f"/en/contributors/{person.slug}/",
        "principle index": tree.principles.url,
        "reflection index": tree.reflections.url,
        "home": tree.home.url,
        "theme index": tree.themes.url,
    }


# The most queries each page may take with nothing cached but the per-process memo
# (issue 13): a principle page at most 12, reflection, theme and contributor pages 15.
QUERY_BUDGET = {
    "principle": 12,
    "reflection": 15,
    "theme": 15,
    "contributor": 15,
    "principle index": 15,
    "reflection index": 15,
    "home": 15,
    "theme index": 15,
}


@pytest.mark.parametrize("kind", list(QUERY_BUDGET))
def test_page_cost_does_not_grow_with_links(client, tree, kind):
    # The demo plus items with one link each; then items with 20 links each. Index
    # pages have one URL: their cost is read before and after the 20-link items exist.
    # Each count follows a first request, which rebuilds the per-process memo (the
    # site, locales, menus, index pages: site_core/memo.py) that the new pages renewed.
    few = link_everything(tree, 1)
    count_queries(client, few[kind])
    cost_with_few = count_queries(client, few[kind])
    assert cost_with_few <= QUERY_BUDGET[kind]
    many = link_everything(tree, 20)
    count_queries(client, many[kind])
    assert count_queries(client, many[kind]) == cost_with_few
    html = client.get(many[kind]).content.decode()
    assert "</html>" in html
