"""A theme or contributor the public may not see appears on no public surface.

The snippet side of the matrix in tests/test_visibility.py. Themes and
contributors are left in every state staff can leave them in: never published
(a new item saved as a draft), live with a newer draft, unpublished, past their
expiry time, and live in English with a Spanish translation still in draft. Each
secret version carries marker words in every field it has (name, slug,
description, role, pronouns, biography, website), and every item is linked from
live pages every way staff link them: a principle's and a reflection's themes,
their credits, and a roundtable answer. Then every public surface is read
anonymously in both languages, as the page matrix does; no secret marker may
appear, and the published versions' markers must (so the crawl reads them).
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from principles.models import PrincipleContributor, Theme
from reflections.models import ReflectionContributor
from site_core.blocks import stream_data
from site_core.models import Contributor
from site_core.visibility import is_visible, visible
from tests import factories
from tests.test_visibility import accepts_urls, probes, read, url_surfaces, words

pytestmark = pytest.mark.django_db

STATES = ["never_published", "newer_draft", "unpublished", "expired", "spanish_draft"]
SECRET, PUBLIC = "zqsecret", "zqpublic"


@dataclass
class Matrix:
    secret: set = field(default_factory=set)
    public: set = field(default_factory=set)
    pages: list = field(default_factory=list)  # for the URL probes of tests/test_visibility
    keys: list = field(default_factory=list)
    hidden: dict = field(default_factory=dict)  # (model, state) -> the item the public must not see


def texts(model, marker, common, translatable_only=False):
    """Every field of a theme or contributor, each carrying ``marker``."""
    text = f"{marker} {common}"
    if model is Theme:
        return {"name": f"{text} theme", "slug": marker, "description": f"{text} description."}
    fields = {"role": f"{text} role", "pronouns": marker, "bio": f"<p>{text} bio.</p>"}
    if not translatable_only:  # name, slug and website are the same in every language
        fields.update(name=f"{text} person", slug=marker, website=f"https://{marker}.example.org")
    return fields


def published(model, locale, **fields):
    item = model(locale=locale, **fields)
    item.save()
    item.save_revision().publish()
    item.refresh_from_db()
    return item


def make(model, state, marker, en, es):
    """One item in ``state``: returns (what pages link to, the version the public may not see)."""
    if state == "never_published":
        item = model(locale=en, live=False, **texts(model, marker("s"), SECRET))
        item.save()
        item.save_revision()  # as the admin's "Save draft" makes a new item
        return item, item
    if state == "newer_draft":
        item = published(model, en, **texts(model, marker("p"), PUBLIC))
        for name, value in texts(model, marker("s"), SECRET).items():
            setattr(item, name, value)
        item.save_revision()  # as the admin saves a draft of a live item: the row stays
        return item, item
    if state == "spanish_draft":
        item = published(model, en, **texts(model, marker("p"), PUBLIC))
        spanish = item.copy_for_translation(es)
        for name, value in texts(model, marker("s"), SECRET, translatable_only=True).items():
            setattr(spanish, name, value)
        spanish.live = False
        spanish.save()
        spanish.save_revision()
        return item, spanish
    item = published(model, en, **texts(model, marker("s"), SECRET))
    if state == "unpublished":
        item.unpublish()
    else:  # past its expiry time; publish_scheduled has not run yet
        model.objects.filter(pk=item.pk).update(expire_at=timezone.now() - timedelta(hours=1))
    return item, item


@pytest.fixture
def matrix(tree, spanish_tree, django_capture_on_commit_callbacks):
    en, es = tree.locale, spanish_tree.locale
    matrix = Matrix()
    counter = iter(range(1000))

    def marker(kind):
        word = f"zq{kind}{words(next(counter))}"
        (matrix.secret if kind == "s" else matrix.public).add(word)
        return word

    linked = {Theme: [], Contributor: []}
    for model in (Theme, Contributor):
        for state in STATES:
            item, hidden = make(model, state, marker, en, es)
            linked[model].append(item)
            matrix.hidden[(model, state)] = hidden

    principle = factories.PrinciplePageFactory(
        parent=tree.principles, title=f"{PUBLIC} shaped", statement=f"{PUBLIC} statement."
    )
    principle.themes.set(linked[Theme])
    for person in linked[Contributor]:
        PrincipleContributor.objects.create(page=principle, contributor=person)
    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections,
        title=f"{PUBLIC} roundtable",
        body=stream_data(
            ("question", {"question": f"{PUBLIC} question?"}),
            *[
                ("response", {"contributor": person.pk, "answer": f"<p>{marker('p')} answer.</p>"})
                for person in linked[Contributor]
            ],
        ),
    )
    reflection.themes.set(linked[Theme])
    for person in linked[Contributor]:
        ReflectionContributor.objects.create(page=reflection, contributor=person)
    for page in (principle, reflection):
        page.save_revision().publish()  # the Spanish tree gets an untranslated copy of each
        page.refresh_from_db()
    # A Spanish translation made by staff links the Spanish versions where they exist.
    source, _ = TranslationSource.get_or_create_from_instance(principle)
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.create(source=source, target_locale=es).save_target(publish=True)
    spanish = principle.get_translation(es).specific
    spanish.themes.set([theme.get_translation_or_none(es) or theme for theme in linked[Theme]])
    for credit in spanish.contributor_credits.all():
        credit.contributor = credit.contributor.get_translation_or_none(es) or credit.contributor
        credit.save()
    spanish.save_revision().publish()
    matrix.pages += [principle, reflection]
    matrix.keys.append(principle.key)
    matrix.public.add(PUBLIC)
    return matrix


def crawl(matrix):
    """(url, text read) of every public surface, in both languages, as tests/test_visibility reads them."""
    client = Client(raise_request_exception=True)
    seen = []
    queries, url_probes = probes(matrix)
    for url, kind in url_surfaces(matrix):
        response, body = read(client, url)
        if kind == "page":  # a 404 may repeat the address asked for: the visitor's own words
            seen.append((url, body.replace(url, "")))
            continue
        seen.append((url, body + response.get("Location", "")))
        if kind == "plain":
            continue
        for query in queries + (url_probes if accepts_urls(client, url) else []):
            response, body = read(client, f"{url}?{query}")
            seen.append((f"{url}?{query}", body + response.get("Location", "")))
    return seen


def test_no_public_surface_shows_a_theme_or_contributor_the_public_may_not_see(matrix):
    seen = crawl(matrix)
    leaks = sorted({(w, url) for url, text in seen for w in matrix.secret if w in text.lower()})
    assert leaks == [], f"{len(leaks)} leaks, e.g. {leaks[:10]}"
    everything = "\n".join(text.lower() for _url, text in seen)
    missing = sorted(word for word in matrix.public if word not in everything)
    assert missing == [], "the crawl should read every published version somewhere"


def test_what_visitors_type_cannot_reach_a_hidden_theme(matrix, client):
    for (model, _state), item in matrix.hidden.items():
        if model is Theme:
            code = Locale.objects.get(pk=item.locale_id).language_code
            response = client.get(f"/{code}/search/", {"theme": item.slug})
            assert response.status_code == 404
            body = response.content.decode()
            assert not [word for word in matrix.secret if word in body]
    response = client.get("/en/search/suggest", {"q": "zqs"})
    assert response.json()["suggestions"] == []


def test_an_answer_by_a_person_not_yet_published_keeps_its_words_but_not_the_person(matrix, client):
    hidden = matrix.hidden[(Contributor, "never_published")]
    reflection = matrix.pages[1]
    html = client.get(reflection.url).content.decode()
    position = [
        index
        for index, block in enumerate(reflection.body, 1)
        if block.block_type == "response" and block.value["contributor"].pk == hidden.pk
    ][0]
    answer = str(reflection.body[position - 1].value["answer"])
    assert answer.split()[0].removeprefix("<p>") in html  # the words the page published
    assert f'id="answer-{position}"' in html and "A participant" in html
    assert hidden.name not in html and hidden.slug not in html


def test_the_rule_for_snippets(tree):
    theme = Theme(locale=tree.locale, name="Coming and going", live=False)
    theme.save()
    theme.save_revision()
    everything = Theme.objects.filter(pk=theme.pk)
    assert not is_visible(theme) and not visible(everything).exists()
    theme.latest_revision.publish()
    theme.refresh_from_db()
    assert is_visible(theme) and visible(everything).exists()
    Theme.objects.filter(pk=theme.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    theme.refresh_from_db()
    assert not is_visible(theme) and not visible(everything).exists()
    Theme.objects.filter(pk=theme.pk).update(expire_at=None)
    theme.refresh_from_db()
    theme.unpublish()
    assert not is_visible(theme) and not visible(everything).exists()
