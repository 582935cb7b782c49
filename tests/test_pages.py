"""Every page type renders for visitors, with minimal and with full content."""

import re

import pytest
import wagtail_factories
from wagtail.models import Page

from principles.models import PrincipleContributor, PrinciplePage
from reflections.models import (
    HomePageFeaturedPrinciple,
    PrincipleRelatedReflection,
    ReflectionContributor,
    ReflectionPage,
)
from site_core.blocks import stream_data
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, page_or_url):
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def one_h1(html):
    assert len(re.findall(r"<h1[ >]", html)) == 1
    return html


def full_principle(tree, **kwargs):
    """A principle after the demo's nine, with every kind of block and link."""
    image = wagtail_factories.ImageFactory(title="Circle", description="People sitting in a circle")
    theme = factories.ThemeFactory()
    person = factories.ContributorFactory(name="Ana Ruiz", slug="ana-ruiz")
    principle = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Adapting care",
        statement="Care changes shape to fit the people it serves.",
        summary="We change how we help when people's lives change.",
        body=stream_data(
            ("callout", {"tone": "care", "title": "Care note", "text": "<p>Take breaks.</p>"}),
            ("paragraph", "<p>Adapting is a <b>skill</b>.</p>"),
            ("heading", {"text": "Why it matters", "level": "h2"}),
            ("in_practice", {"heading": "In practice", "items": ["Ask first", "Follow up"]}),
            (
                "quote",
                {
                    "text": "Meet people where they are.",
                    "attribution": "A saying",
                    "source_url": "",
                },
            ),
            ("questions", {"heading": "Questions for reflection", "questions": ["Who decides?"]}),
            ("image", {"image": image.pk, "caption": "A circle", "credit": "Demo"}),
        ),
        **kwargs,
    )
    principle.themes.add(theme)
    principle.save()  # parental many-to-many links are written on save
    PrincipleContributor.objects.create(page=principle, contributor=person, note="first draft")
    return principle, theme, person, image


def test_home_page_minimal(client, tree):
    # The demo home, stripped down: no featured principles, no reflections to show.
    HomePageFeaturedPrinciple.objects.filter(page=tree.home).delete()
    ReflectionPage.objects.live().unpublish()
    html = one_h1(get(client, tree.home))
    assert "Welcome." in html
    assert 'id="featured-heading"' not in html and 'id="latest-heading"' not in html


def test_home_page_full(client, tree):
    principle, *_ = full_principle(tree)  # the home page lists every principle
    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections, title="Notes from outreach", date="2027-01-01"
    )  # newer than the demo's reflections, so among the latest shown
    html = one_h1(get(client, tree.home))
    assert f'<a href="{principle.url}">' in html and principle.title in html
    assert reflection.title in html and reflection.url in html
    # The menu lists index pages marked 'show in menus' (the demo marks them all).
    tree.principles.show_in_menus = False
    tree.principles.save()
    assert 'href="/en/principles/"' not in get(client, tree.home)
    tree.principles.show_in_menus = True
    tree.principles.save()
    assert 'href="/en/principles/"' in get(client, tree.home)


def test_principle_page_minimal(client, tree):
    page = factories.PrinciplePageFactory(parent=tree.principles, title="Cycles of care")
    html = one_h1(get(client, page))
    assert f"Principle {page.number}" in html and page.statement in html
    assert f'<meta name="description" content="{page.statement}">' in html


def test_principle_page_full(client, tree):
    principle, theme, person, image = full_principle(tree)
    neighbour = factories.PrinciplePageFactory(  # the only one numbered after it
        parent=tree.principles, title="Whole people", number=principle.number + 1
    )
    html = one_h1(get(client, principle))
    for text in (
        "Take breaks.",
        "Why it matters",
        "Follow up",
        "Meet people where they are.",
        "Who decides?",
        "A circle",
        "We change how we help",
    ):
        assert text in html
    assert 'alt="People sitting in a circle"' in html
    assert f'href="/en/themes/{theme.slug}/"' in html
    assert f'href="/en/contributors/{person.slug}/"' in html and "first draft" in html
    assert f'href="{neighbour.url}"' in html  # next principle


def test_principle_index_lists_principles_in_number_order(client, tree):
    # Added out of number order, numbered after the demo's nine.
    added = {
        number: factories.PrinciplePageFactory(parent=tree.principles, title=title, number=number)
        for number, title in ((903, "Third added"), (901, "First added"), (902, "Second added"))
    }
    draft = factories.PrinciplePageFactory(
        parent=tree.principles, title="Unpublished", number=904, live=False
    )
    html = one_h1(get(client, tree.principles))
    demo_last = PrinciplePage.objects.child_of(tree.principles).get(number=9)
    in_order = [demo_last, added[901], added[902], added[903]]
    positions = [html.index(f'href="{page.url}"') for page in in_order]
    assert positions == sorted(positions)
    assert draft.title not in html


def test_reflection_page_minimal(client, tree):
    page = factories.ReflectionPageFactory(parent=tree.reflections, title="Short note")
    html = one_h1(get(client, page))
    assert page.intro in html


def test_roundtable_renders_question_then_each_answer_with_anchor(client, tree):
    ana = factories.ContributorFactory(name="Ana Ruiz", slug="ana-ruiz", pronouns="she/her")
    bo = factories.ContributorFactory(name="Bo Chen", slug="bo-chen")
    image = wagtail_factories.ImageFactory(description="Hands")
    page = factories.ReflectionPageFactory(
        parent=tree.reflections,
        title="Roundtable",
        body=stream_data(
            ("paragraph", "<p>Opening words.</p>"),
            ("question", {"question": "What does healing mean to you?"}),
            ("response", {"contributor": ana.pk, "answer": "<p>Rest and company.</p>"}),
            ("response", {"contributor": bo.pk, "answer": "<p>Time to grieve.</p>"}),
            ("heading", {"text": "A second round", "level": "h2"}),
            ("quote", {"text": "Go slow.", "attribution": "", "source_url": ""}),
            ("image", {"image": image.pk, "caption": "", "credit": ""}),
            ("response", {"contributor": ana.pk, "answer": "<p>And joy.</p>"}),
        ),
    )
    ReflectionContributor.objects.create(page=page, contributor=ana)
    html = one_h1(get(client, page))
    question = html.index("What does healing mean to you?")
    assert question < html.index('id="response-ana-ruiz"') < html.index('id="response-bo-chen"')
    assert html.index('id="response-ana-ruiz"') < html.index("Rest and company.")
    assert 'id="response-ana-ruiz-2"' in html  # a second answer gets its own anchor
    assert 'href="/en/contributors/bo-chen/"' in html
    assert "(she/her)" in html
    assert 'href="#response-bo-chen"' in html  # jump list of answers


def test_reflection_index_is_newest_first_and_paginated(client, tree):
    # Twelve reflections newer than the demo's two: 14 in all, 10 a page.
    for day in range(1, 13):
        factories.ReflectionPageFactory(
            parent=tree.reflections, title=f"Day {day:02d}", date=f"2027-03-{day:02d}"
        )
    newest, oldest = (
        ReflectionPage.objects.get(locale=tree.locale, slug=slug).title
        for slug in (
            "making-time-on-an-outreach-shift",
            "healing-justice-and-harm-reduction-roundtable",
        )
    )
    html = one_h1(get(client, tree.reflections))
    assert html.index("Day 12") < html.index("Day 11")
    assert "Day 02" not in html and "Page 1 of 2" in html
    second = get(client, tree.reflections.url + "?page=2")
    assert "Day 02" in second and "Day 12" not in second
    assert second.index("Day 01") < second.index(newest) < second.index(oldest)
    # Bad page numbers give the nearest real page, not an error.
    assert "Day 12" in get(client, tree.reflections.url + "?page=abc")
    assert "Day 02" in get(client, tree.reflections.url + "?page=99999")
    assert "Day 12" in get(client, tree.reflections.url + "?page=-1")


def test_standard_page_minimal_and_full(client, tree):
    page = factories.StandardPageFactory(parent=tree.home)
    one_h1(get(client, page))
    page.body = stream_data(
        ("paragraph", "<p>We are a small team.</p>"),
        ("callout", {"tone": "key", "title": "", "text": "<p>Key idea.</p>"}),
    )
    page.save_revision().publish()
    html = one_h1(get(client, page))
    assert "We are a small team." in html and "Key idea." in html


def test_contact_page_renders_a_labelled_form(client, tree):
    page = factories.ContactPageFactory(parent=tree.home)
    factories.ContactFormFieldFactory(page=page, label="Your email", field_type="email")
    html = one_h1(get(client, page))
    assert '<label for="id_your_email">' in html
    assert 'type="email"' in html


def test_theme_and_contributor_index_pages(client, tree):
    theme = factories.ThemeFactory(name="Housing first")
    person = factories.ContributorFactory(name="Kim Lee", slug="kim-lee")
    html = one_h1(get(client, tree.themes))
    assert f'href="/en/themes/{theme.slug}/"' in html and theme.name in html
    html = one_h1(get(client, tree.contributors))
    assert 'href="/en/contributors/kim-lee/"' in html and person.name in html


def test_contributor_profile_minimal(client, tree):
    person = factories.ContributorFactory(name="Kim Lee", slug="kim-lee", bio="")
    html = one_h1(get(client, "/en/contributors/kim-lee/"))
    assert person.name in html and "Nothing published yet." in html


def test_unknown_urls_get_the_sites_own_404(client, tree):
    for url in (
        "/en/no-such-page/",
        "/en/themes/no-such-theme/",
        "/en/contributors/nobody/",
        "/en/principles/none/extra/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert "Page not found" in html
        assert 'class="site-header"' in html and 'href="#main"' in html  # in the site's layout


def test_root_redirects_to_a_language(client, tree):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_private_and_draft_pages_are_not_listed(client, tree):
    from wagtail.models import PageViewRestriction

    public = factories.ReflectionPageFactory(parent=tree.reflections, title="Open notes")
    private = factories.ReflectionPageFactory(parent=tree.reflections, title="Team only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    factories.ReflectionPageFactory(parent=tree.reflections, title="Still a draft", live=False)
    html = get(client, tree.reflections)
    assert public.title in html
    assert "Team only" not in html and "Still a draft" not in html
    assert Page.objects.filter(title="Team only").exists()


def test_principle_lists_curated_and_naming_reflections_once(client, tree):
    principle = factories.PrinciplePageFactory(parent=tree.principles, title="Honoring people")
    curated = factories.ReflectionPageFactory(parent=tree.reflections, title="Curated one")
    both = factories.ReflectionPageFactory(parent=tree.reflections, title="Curated and naming")
    naming = factories.ReflectionPageFactory(parent=tree.reflections, title="Naming only")
    unrelated = factories.ReflectionPageFactory(parent=tree.reflections, title="Unrelated")
    PrincipleRelatedReflection.objects.create(page=principle, reflection=curated)
    PrincipleRelatedReflection.objects.create(page=principle, reflection=both)
    both.principles.add(principle)
    both.save()
    naming.principles.add(principle)
    naming.save()
    html = get(client, principle)
    assert html.count("Curated and naming</a>") == 1
    assert "Curated one" in html and "Naming only" in html
    assert unrelated.title not in html
    assert html.index("Curated one") < html.index("Naming only")
