"""The library in English and Spanish: URLs, switcher, links in the reader's language."""

import re

import pytest
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from principles.models import PrinciplePage, Theme
from site_core.models import Contributor
from tests import factories

pytestmark = pytest.mark.django_db


def html_of(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def alternates(html):
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="http://testserver([^"]+)">', html
        )
    )


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("es-MX,es;q=0.9,en;q=0.5", "/es/"),
        ("es", "/es/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fr-FR,de;q=0.9", "/en/"),  # neither language: the default
        ("", "/en/"),
        (";;;q=abc,,==", "/en/"),  # malformed
        ("es;q=0.9," * 1200, "/en/"),  # 10 KB: Django ignores over-long headers
        ("\x00\x01es", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, target):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == target


def test_every_public_url_carries_its_language(client):
    english = html_of(client, "/en/principles/adaptation/")
    spanish = html_of(client, "/es/principios/adaptacion/")
    assert '<html lang="en">' in english and '<html lang="es">' in spanish
    assert "<h1>Adaptación</h1>" in spanish
    links = re.findall(r'<a href="(/[^"]*)"', english + spanish)
    assert links and all(re.match(r"^/(en|es)/", link) for link in links), [
        link for link in links if not re.match(r"^/(en|es)/", link)
    ]


def test_admin_and_redirects_work_beside_language_prefixes(admin_client_logged_in):
    client = Client()  # anonymous
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert admin_client_logged_in.get("/admin/").status_code == 200
    assert admin_client_logged_in.get("/admin/pages/").status_code == 200
    target = PrinciplePage.objects.get(slug="adaptation")
    Redirect.objects.create(old_path="/handout-2024", redirect_page=target)
    Redirect.objects.create(
        old_path="/es/folleto",
        redirect_page=target.get_translation(
            target.locale.__class__.objects.get(language_code="es")
        ),
    )
    response = client.get("/handout-2024/")
    assert response.status_code == 301 and response["Location"] == "/en/principles/adaptation/"
    response = client.get("/es/folleto/")
    assert response.status_code == 301 and response["Location"] == "/es/principios/adaptacion/"


def test_unknown_language_and_english_only_paths_give_404(client):
    for url in ("/xx/", "/xx/principles/", "/pt-br/", "/zz-top/principios/"):
        response = client.get(url)
        assert response.status_code == 404, url
    response = client.get("/es/principles/adaptation/")  # the English slug under /es/
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html and "Página no encontrada" in html


def test_language_switcher_leads_to_the_same_content(client):
    english = html_of(client, "/en/principles/adaptation/")
    assert (
        'href="/es/principios/adaptacion/" hreflang="es" lang="es" rel="alternate">Español</a>'
        in english
    )
    spanish = html_of(client, "/es/principios/adaptacion/")
    assert (
        'href="/en/principles/adaptation/" hreflang="en" lang="en" rel="alternate">English</a>'
        in spanish
    )
    assert alternates(spanish) == {
        "en": "/en/principles/adaptation/",
        "x-default": "/en/principles/adaptation/",
        "es": "/es/principios/adaptacion/",
    }
    # Routed theme and contributor pages switch to the same theme or person.
    theme = Theme.objects.get(slug="mutual-aid")
    spanish_theme = theme.get_translation(theme.locale.__class__.objects.get(language_code="es"))
    html = html_of(client, "/en/themes/mutual-aid/")
    assert f'href="/es/temas/{spanish_theme.slug}/"' in html
    html = html_of(client, "/es/colaboradores/magali/")
    assert 'href="/en/contributors/magali/"' in html
    # An untranslated page: the switcher still leads to it, but no hreflang claims a translation.
    html = html_of(client, "/en/principles/community-led/")
    assert 'href="/es/principios/community-led/"' in html
    assert alternates(html) == {
        "en": "/en/principles/community-led/",
        "x-default": "/en/principles/community-led/",
    }


def test_spanish_pages_link_to_spanish_themes_people_and_pages(client):
    html = html_of(client, "/es/principios/adaptacion/")
    theme_links = re.findall(r'href="(/(?:en|es)/(?:themes|temas)/[^"]+)"', html)
    assert theme_links and all(link.startswith("/es/temas/") for link in theme_links)
    people = re.findall(r'href="(/(?:en|es)/(?:contributors|colaboradores)/[^"]+)"', html)
    assert people and all(link.startswith("/es/colaboradores/") for link in people)
    reflections = re.findall(r'href="(/(?:en|es)/(?:reflections|reflexiones)/[^"]+)"', html)
    assert reflections and all(link.startswith("/es/reflexiones/") for link in reflections)
    roundtable = html_of(
        client, "/es/reflexiones/mesa-redonda-justicia-sanadora-y-reduccion-de-danos/"
    )
    assert 'href="/es/colaboradores/magali/"' in roundtable
    assert 'href="/es/principios/integral/"' in roundtable  # a translated principle
    assert "/en/" not in re.sub(
        r'<link rel="alternate"[^>]*>|<a href="/en/[^"]*" hreflang="en"', "", roundtable
    )
    magali = html_of(client, "/es/colaboradores/magali/")
    assert 'href="/es/principios/community-led/"' in magali  # untranslated, still under /es/
    home = html_of(client, "/es/")
    assert 'href="/es/principios/adaptacion/"' in home  # featured principles


def test_items_without_a_spanish_version_fall_back_to_english_marked(client):
    theme = factories.ThemeFactory(name="Housing first", slug="housing-first")
    person = factories.ContributorFactory(name="Lee Park", slug="lee-park")
    principle = PrinciplePage.objects.get(slug="adaptacion")
    principle.themes.add(theme)
    principle.contributor_credits.create(contributor=person)
    principle.save_revision().publish()
    html = html_of(client, "/es/principios/adaptacion/")
    assert '<li lang="en"><a href="/en/themes/housing-first/">Housing first</a></li>' in html
    assert '<a href="/en/contributors/lee-park/" lang="en">Lee Park</a>' in html
    index = html_of(client, "/es/temas/")
    assert 'lang="en"' in index and "Housing first" in index  # listed, marked, not hidden
    assert Contributor.objects.filter(slug="lee-park").count() == 1


def test_untranslated_pages_are_reachable_in_spanish_with_a_notice(client, tree, spanish_tree):
    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections, title="Walking together", slug="walking-together"
    )
    reflection.save_revision().publish()
    reflection.copy_for_translation(spanish_tree.locale, alias=True)
    for url in ("/es/principios/community-led/", "/es/reflexiones/walking-together/"):
        html = html_of(client, url)
        assert '<html lang="es">' in html
        assert "Esta página aún no está traducida" in html
        assert re.search(r'<h1 lang="en">', html)
    translated = html_of(client, "/es/principios/adaptacion/")
    assert "aún no está traducida" not in translated and 'lang="en">Adaptación' not in translated
    # Spanish lists mark untranslated items too.
    listing = html_of(client, "/es/principios/")
    assert re.search(
        r'<article class="card card--principle" lang="en">\s*<h2 class="card__title">'
        r'<a href="/es/principios/community-led/">',
        listing,
    )
