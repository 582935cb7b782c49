"""What the principle page keeps between requests to cost less CPU, and that it stays right.

The per-process memo (``site_core/memo.py``) keeps the header's and footer's fixed parts
per site and language, the menu per current item, the list of principles beside each
one (for the previous and next links) and the sources of untranslated copies that the
public may not see. Each is renewed by the change that could alter it, and what depends
on the time (an expiry) is decided at each request.
"""

import types
from datetime import timedelta

from django.utils import timezone

from principles.models import PrinciplePage
from site_core.models import SiteSettings
from tests import factories


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_header_footer_and_menu_follow_the_language_the_page_and_the_settings(client, tree):
    english = html(client, "/en/principles/")
    assert 'href="/en/principles/" aria-current="page"' in english
    assert "Published by" in english and "Search the library" in english
    reflections = html(client, "/en/reflections/")  # the memo is kept: another current item
    assert 'href="/en/reflections/" aria-current="page"' in reflections
    assert 'href="/en/principles/" aria-current' not in reflections
    spanish = html(client, "/es/principios/")
    assert "Publicado por" in spanish and "Buscar en la biblioteca" in spanish
    assert "Published by" not in spanish and 'href="/es/principios/" aria-current' in spanish
    assert "Publicado por" not in html(client, "/en/principles/")

    settings = SiteSettings.objects.get()
    settings.organisation_name = "A newly named collective"
    settings.save()  # renews the memo: every page shows it
    assert "Published by A newly named collective." in html(client, "/en/principles/adaptation/")


def test_a_copy_is_hidden_once_its_source_expires_though_nothing_was_published(
    client, tree, spanish_tree, monkeypatch
):
    source = factories.PrinciplePageFactory(
        parent=tree.principles, title="Expiring source", number=951
    )
    source.expire_at = timezone.now() + timedelta(hours=1)
    publish(source)
    source.copy_for_translation(spanish_tree.locale, alias=True)
    assert "Expiring source" in html(client, "/es/principios/")  # the memo keeps the source

    later = timezone.now() + timedelta(hours=2)  # no publish, no signal: only time passed
    monkeypatch.setattr("site_core.visibility.timezone", types.SimpleNamespace(now=lambda: later))
    assert "Expiring source" not in html(client, "/es/principios/")


def test_a_copy_is_hidden_once_its_source_is_unpublished(client, tree, spanish_tree):
    source = publish(
        factories.PrinciplePageFactory(parent=tree.principles, title="Withdrawn source", number=952)
    )
    copy = source.copy_for_translation(spanish_tree.locale, alias=True)
    assert "Withdrawn source" in html(client, "/es/principios/")
    source.unpublish()
    assert "Withdrawn source" not in html(client, "/es/principios/")
    assert client.get(copy.url).status_code == 404


def test_previous_and_next_links_follow_renames_and_unpublishing(client, tree):
    first, middle, last = (
        publish(factories.PrinciplePageFactory(parent=tree.principles, title=title, number=number))
        for number, title in ((961, "Before it"), (962, "In the middle"), (963, "After it"))
    )
    page = html(client, middle.url)
    assert f'<a rel="prev" href="{first.url}">← 961. Before it</a>' in page
    assert f'<a rel="next" href="{last.url}">963. After it →</a>' in page

    last.title = "After it, renamed"
    publish(last)
    assert f'<a rel="next" href="{last.url}">963. After it, renamed →</a>' in html(
        client, middle.url
    )
    first.unpublish()
    page = html(client, middle.url)
    assert "Before it" not in page and 'rel="prev"' in page  # the demo's last one instead


def test_wording_dates_served_with_the_page_are_those_of_its_wordings(tree, spanish_tree):
    page = publish(factories.PrinciplePageFactory(parent=tree.principles, number=971))
    page.statement = "A second wording."
    publish(page)
    copy = page.copy_for_translation(spanish_tree.locale, alias=True)  # its source's history
    wordings = list(page.wordings.order_by("published_at"))
    assert len(wordings) == 2
    for each in (page, copy):
        served = PrinciplePage.serving_queryset(PrinciplePage.objects.filter(pk=each.pk)).get()
        assert served.first_published_wording == wordings[0].published_at
        assert served.last_revised == wordings[-1].published_at
        assert served.wording_dates() == PrinciplePage.objects.get(pk=each.pk).wording_dates()
