"""What an anonymous visitor cannot open, no public surface shows: the matrix.

Principles and reflections are restricted in every way staff can restrict them
(password, login, groups), on every placement that matters (the English page, a
Spanish translation only, both languages, an ancestor, the source of an
untranslated copy), or left unpublished, expired, or with a newer draft. Each
carries secret marker words in its title, statement, body and roundtable answer.
Then every public surface is read anonymously, in both languages, and no secret
marker may appear; the public counterparts' markers must (so the crawl really
reads what visitors read).

The surfaces come from the URL configuration and from the page types' own routes,
with each parameter filled in from the data: a URL added later is read without
editing this test, and a URL with a kind of parameter the test cannot fill makes
it fail until someone teaches it.
"""

import functools
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page, PageViewRestriction

from principles.models import PrincipleContributor, PrinciplePage, Theme
from reflections.models import (
    HomePage,
    HomePageFeaturedPrinciple,
    PrincipleRelatedReflection,
    ReflectionContributor,
)
from site_core.blocks import stream_data
from site_core.models import Contributor
from site_core.models.mixins import SnippetIndexPageMixin
from tests import factories

pytestmark = pytest.mark.django_db

RESTRICTIONS = ["password", "login", "groups"]
PLACEMENTS = ["english", "spanish", "both", "ancestor", "alias_source"]
STATES = ["unpublished", "expired", "draft"]
SECRET, PUBLIC = "zqsecret", "zqpublic"  # words every secret / public item carries

# Parts of the URL configuration that are not public surfaces of the library.
NOT_SURFACES = {
    "admin/": "the staff admin, behind its own login",
    "documents/": "files staff upload; Wagtail's collection privacy guards them",
}


def words(n):
    """A unique word of letters only (search and "did you mean" read letters)."""
    letters = "abcdefghijklmnopqrstuvwxy"
    return letters[n // 25] + letters[n % 25]


@dataclass
class Matrix:
    secret: set = field(default_factory=set)  # words no public surface may show
    public: set = field(default_factory=set)  # words public surfaces must show somewhere
    pages: list = field(default_factory=list)  # every page made, to read them all
    keys: list = field(default_factory=list)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_items(matrix, principles, reflections, marker, common, number, theme, person):
    """A principle and a roundtable reflection naming it, both carrying ``marker``."""
    text = f"{marker} {common}"
    principle = factories.PrinciplePageFactory(
        parent=principles,
        title=f"{marker} {common} principle",
        number=number,
        statement=f"{text} statement.",
        summary=f"{text} summary.",
        body=stream_data(("paragraph", f"<p>{text} body.</p>")),
    )
    principle.themes.set([theme])
    PrincipleContributor.objects.create(page=principle, contributor=person)
    publish(principle)
    reflection = factories.ReflectionPageFactory(
        parent=reflections,
        title=f"{marker} {common} reflection",
        intro=f"{text} intro.",
        body=stream_data(
            ("question", {"question": f"{text} question?"}),
            ("response", {"contributor": person.pk, "answer": f"<p>{text} answer.</p>"}),
        ),
    )
    reflection.principles.set([principle])
    reflection.themes.set([theme])
    ReflectionContributor.objects.create(page=reflection, contributor=person)
    publish(reflection)
    matrix.pages += [principle, reflection]
    matrix.keys.append(principle.key)
    return principle, reflection


def translate(matrix, page, es, marker, common):
    """A real Spanish translation of ``page`` with its own marker, published."""
    text = f"{marker} {common}"
    copy = page.copy_for_translation(es)
    copy.title = f"{marker} {common} {type(page).__name__.lower()}"
    copy.slug = slugify(copy.title)  # its own address, from its own words
    if isinstance(page, PrinciplePage):
        copy.statement, copy.summary = f"{text} enunciado.", f"{text} resumen."
        copy.body = stream_data(("paragraph", f"<p>{text} cuerpo.</p>"))
    else:
        copy.intro = f"{text} introducción."
        copy.body = stream_data(
            ("question", {"question": f"{text} pregunta?"}),
            ("response", {"contributor": page.body[1].value["contributor"].pk, "answer": text}),
        )
    copy.save()
    matrix.pages.append(publish(copy))
    return copy


def alias(matrix, page, es):
    copy = page.get_translation_or_none(es) or page.copy_for_translation(es, alias=True)
    matrix.pages.append(copy)
    return copy


def restrict(page, kind, partners):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="open sesame" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.set([partners])


def restricted_section(kind, partners):
    """A home page of its own, restricted, with index pages under it (the "ancestor" case)."""
    home = factories.HomePageFactory(
        parent=Page.get_first_root_node(), slug=f"private-{kind}", title="Partners"
    )
    restrict(home, kind, partners)
    return {
        "principles": factories.PrincipleIndexPageFactory(parent=home),
        "reflections": factories.ReflectionIndexPageFactory(parent=home),
    }


@pytest.fixture
def matrix(tree, spanish_tree):
    es = spanish_tree.locale
    partners = Group.objects.create(name="Partners")
    theme = Theme.objects.get(slug="mutual-aid", locale=tree.locale)
    person = Contributor.objects.get(slug="kate", locale=tree.locale)
    matrix = Matrix()
    counter = iter(range(10_000))

    def marker(kind):
        word = f"zq{kind}{words(next(counter))}"
        (matrix.secret if kind == "s" else matrix.public).add(word)
        return word

    number = iter(range(500, 600))
    for kind in RESTRICTIONS:
        for placement in PLACEMENTS:
            parents = restricted_section(kind, partners) if placement == "ancestor" else vars(tree)
            english = marker("p") if placement == "spanish" else marker("s")
            items = make_items(
                matrix,
                parents["principles"],
                parents["reflections"],
                english,
                PUBLIC if placement == "spanish" else SECRET,
                next(number),
                theme,
                person,
            )
            if placement == "ancestor":
                continue
            for page in items:
                if placement in ("english", "spanish", "both"):
                    spanish = marker("s") if placement in ("spanish", "both") else marker("p")
                    common = SECRET if placement in ("spanish", "both") else PUBLIC
                    copy = translate(matrix, page, es, spanish, common)
                    if placement in ("spanish", "both"):
                        restrict(copy, kind, partners)
                else:  # alias_source: the Spanish copy shows the English words
                    alias(matrix, page, es)
                if placement in ("english", "both", "alias_source"):
                    restrict(page, kind, partners)

    for state in STATES:
        secret = marker("s")
        if state == "draft":
            public = marker("p")
            items = make_items(
                matrix,
                tree.principles,
                tree.reflections,
                public,
                PUBLIC,
                next(number),
                theme,
                person,
            )
            for page in items:
                alias(matrix, page, es)  # made from the published version, as staff would
                page.title = f"{secret} {SECRET} draft"
                if isinstance(page, PrinciplePage):
                    page.statement = f"{secret} {SECRET} draft statement."
                else:
                    page.intro = f"{secret} {SECRET} draft intro."
                page.body = stream_data(("paragraph", f"<p>{secret} {SECRET} draft.</p>"))
                page.save_revision()  # a newer draft, not published
            continue
        items = make_items(
            matrix, tree.principles, tree.reflections, secret, SECRET, next(number), theme, person
        )
        for page in items:
            alias(matrix, page, es)
            if state == "unpublished":
                page.unpublish()
            else:  # past its expiry time; publish_scheduled has not run yet
                Page.objects.filter(pk=page.pk).update(
                    expire_at=timezone.now() - timedelta(hours=1)
                )

    # Secret items reach into public pages every way staff can link them.
    secret_pages = [
        page
        for page in Page.objects.filter(title__contains=SECRET).specific()
        if page.locale_id == tree.locale.pk
    ]
    adaptation = PrinciplePage.objects.get(slug="adaptation", locale=tree.locale)
    showcase = factories.ReflectionPageFactory(
        parent=tree.reflections, title=f"{PUBLIC} showcase", intro=f"{PUBLIC} showcase."
    )
    for page in secret_pages:
        if isinstance(page, PrinciplePage):
            HomePageFeaturedPrinciple.objects.create(page=tree.home, principle=page)
            showcase.principles.add(page)
        else:
            PrincipleRelatedReflection.objects.create(page=adaptation, reflection=page)
    publish(showcase)
    publish(adaptation)
    publish(HomePage.objects.get(pk=tree.home.pk))
    picks = Query.get(SECRET)
    for position, page in enumerate(secret_pages):
        SearchPromotion.objects.create(query=picks, page=page, sort_order=position)
    matrix.public.add(PUBLIC)
    return matrix


# Reading every surface ----------------------------------------------------------------


def url_surfaces(matrix):
    """(url, probe) for every URL pattern, parameters filled in from the data.

    ``probe`` is "page" for a page or a page's own route, "probe" for the first URL
    of each other pattern (it also gets what visitors type, see ``probes``), and
    "plain" for the pattern's other URLs (other keys or ids).
    """
    found = []

    def walk(patterns, prefix, language):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if prefix == "/" and route in NOT_SURFACES:
                    continue
                if isinstance(pattern.pattern, LocalePrefixPattern):
                    for code, _name in settings.LANGUAGES:
                        walk(pattern.url_patterns, f"/{code}/", code)
                    continue
                walk(pattern.url_patterns, prefix + route.lstrip("^"), language)
            else:
                found.extend(fill(pattern, prefix, language, matrix))

    walk(get_resolver().url_patterns, "/", None)
    # One address, one answer: Wagtail's own URLs repeat the site's serve and password
    # views (shadowed, so they answer the same), the page tree is the same under both
    # language prefixes, and a routable page's default route is the page itself.
    return list(dict.fromkeys(found))


def fill(pattern, prefix, language, matrix):
    """The concrete URLs of one URL pattern."""
    converters = set(getattr(pattern.pattern, "converters", {}))
    route = str(pattern.pattern)
    if pattern.name == "wagtail_serve":
        return page_urls(matrix)
    if not converters:
        urls = [prefix + route.lstrip("^").rstrip("$")]
    elif converters == {"key"}:
        keys = matrix.keys + list(PrinciplePage.objects.values_list("key", flat=True).distinct())
        urls = [prefix + route.replace("<key:key>", key) for key in dict.fromkeys(keys)]
    elif converters == {"pk"}:
        model = pattern.callback.cls.model
        ids = model.objects.order_by("-pk").values_list("pk", flat=True)  # the matrix's first
        urls = [prefix + route.replace("<int:pk>", str(pk)) for pk in ids]
    elif converters == {"page_view_restriction_id", "page_id"}:
        urls = [
            prefix
            + route.replace("<int:page_view_restriction_id>", str(r.pk)).replace(
                "<int:page_id>", str(r.page_id)
            )
            for r in PageViewRestriction.objects.all()
        ]
    else:
        pytest.fail(f"URL pattern {route!r} ({pattern.name}): teach this test to fill {converters}")
    return [(url, "probe" if position == 0 else "plain") for position, url in enumerate(urls)]


def page_urls(matrix):
    """Every page with an address, and each of its own routes.

    A page's own redirect (to the login form) may name the page: the visitor
    asked for that address, so only its body is read.
    """
    urls = []
    for page in Page.objects.filter(depth__gt=1).specific():
        url = page.get_url()
        if url is None:  # under a home page no site serves: no address at all
            continue
        urls.append((url, "page"))
        for route in getattr(type(page), "get_subpage_urls", lambda: [])():
            urls.extend((url + path, "page") for path in subpage_paths(page, route))
    return urls


def subpage_paths(page, route):
    converters = set(getattr(route.pattern, "converters", {}))
    if not converters:
        return [page.reverse_subpage(route.name)] if route.name else []
    if converters == {"slug"} and isinstance(page, SnippetIndexPageMixin):
        slugs = page.snippet_model.objects.values_list("slug", flat=True)
        return [page.reverse_subpage(route.name, kwargs={"slug": slug}) for slug in slugs]
    pytest.fail(f"{type(page).__name__} route {route.name}: teach this test to fill {converters}")


def probes(matrix):
    """What visitors type into the surfaces that take words or a URL."""
    secret_urls = [f"http://testserver{page.url}" for page in matrix.pages if page.url]
    secret_urls += [f"http://testserver/p/{key}/" for key in matrix.keys]
    texts = [
        f"q={SECRET}",
        f"q={SECRET}x",  # a misspelling: "did you mean" must not offer the word
        "q=zq",  # search-box suggestions by prefix
        f"search={SECRET}",
        f"search={SECRET}&locale=es",
        "fields=*",
        "theme=mutual-aid&type=principle",
        f"q={PUBLIC}",
        f"q={PUBLIC}x",
    ]
    return texts, [f"url={quote(url, safe='')}" for url in secret_urls]


def read(client, url):
    response = client.get(url)
    body = response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        body = pdf_text(body)
    else:
        body = body.decode("utf-8", "replace")
    return response, body


@functools.lru_cache(maxsize=8)
def pdf_text(pdf):
    """The words of a PDF. The stored edition comes back byte for byte under every query
    string, and extracting a library's worth of pages takes about a second: read it once."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_no_public_surface_shows_what_visitors_cannot_open(matrix):
    client = Client(raise_request_exception=True)
    seen = []  # (url, text read) of every answer
    texts, url_probes = probes(matrix)
    for url, kind in url_surfaces(matrix):
        response, body = read(client, url)
        if kind == "page":
            # A restricted page may repeat the address the visitor asked for (the
            # password form returns there); that address is theirs, not a leak.
            seen.append((url, body.replace(url, "").replace(quote(url, safe=""), "")))
            continue
        seen.append((url, body + response.get("Location", "")))
        if kind == "plain":
            continue
        for query in texts + (url_probes if accepts_urls(client, url) else []):
            response, body = read(client, f"{url}?{query}")
            seen.append((f"{url}?{query}", body + response.get("Location", "")))
    # The root and the permanent links pick a language from the browser's.
    for key in matrix.keys:
        response = client.get(f"/p/{key}/", HTTP_ACCEPT_LANGUAGE="es")
        seen.append((f"/p/{key}/ (es)", response.get("Location", "")))

    leaks = sorted(
        {(word, url) for url, text in seen for word in matrix.secret if word in text.lower()}
    )
    assert leaks == [], f"{len(leaks)} leaks, e.g. {leaks[:10]}"
    everything = "\n".join(text.lower() for _url, text in seen)
    missing = sorted(word for word in matrix.public if word not in everything)
    assert missing == [], "the crawl should read every public item somewhere"


def accepts_urls(client, url):
    """Whether a surface describes the URL it is given (oEmbed does): its answer follows it."""

    def answer(key):
        page = PrinciplePage.objects.get(key=key, locale__language_code="en")
        response = client.get(f"{url}?url={quote(f'http://testserver{page.url}', safe='')}")
        return response.content.decode("utf-8", "replace")

    first, second = answer("hc01"), answer("hc02")
    return "Adaptation" in first and "Adaptation" not in second


# The restricted page itself, for the people it admits ------------------------------------


def test_restricted_pages_keep_their_step_and_admit_the_right_people(tree, spanish_tree):
    page = factories.PrinciplePageFactory(parent=tree.principles, title="Partners only")
    publish(page)
    copy = page.get_translation_or_none(spanish_tree.locale) or page.copy_for_translation(
        spanish_tree.locale, alias=True
    )
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="sesame")
    visitor = Client()
    for url in (page.url, copy.url):
        response = visitor.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and 'name="password"' in html  # the password form
        assert "Partners only" not in html
    form = re.search(r'action="([^"]+)"', visitor.get(page.url).content.decode()).group(1)
    response = visitor.post(form, {"password": "sesame", "return_url": page.url})
    assert response.status_code == 302
    assert "Partners only" in visitor.get(page.url).content.decode()
    assert "Partners only" in visitor.get(copy.url).content.decode()  # the copy, too
    # The permanent link leads the admitted visitor on, and nobody else.
    assert visitor.get(f"/p/{page.key}/")["Location"] == page.url
    assert Client().get(f"/p/{page.key}/").status_code == 404


def test_a_copy_asks_for_what_its_sources_ancestor_asks(tree, spanish_tree, django_user_model):
    """Wagtail checks a copy's source, not the source's ancestors: the site closes that gap."""
    section = tree.principles  # an ancestor of the source page
    page = factories.PrinciplePageFactory(parent=section, title="Behind the index")
    publish(page)
    copy = page.get_translation_or_none(spanish_tree.locale) or page.copy_for_translation(
        spanish_tree.locale, alias=True
    )
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = Client().get(copy.url)
    assert response.status_code == 302 and "login" in response["Location"]
    member = Client()
    member.force_login(django_user_model.objects.create_user("reader", "r@example.org", "pw"))
    assert "Behind the index" in member.get(copy.url).content.decode()


def test_expired_pages_answer_404_before_publish_scheduled_runs(tree, client):
    page = factories.PrinciplePageFactory(parent=tree.principles, title="Past its date")
    publish(page)
    assert client.get(page.url).status_code == 200
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert client.get(page.url).status_code == 404


def test_staff_preview_of_a_restricted_draft_still_works(admin_client_logged_in, tree):
    page = factories.PrinciplePageFactory(parent=tree.principles, title="Staff preview")
    publish(page)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    page.title = "Staff preview, revised"
    page.save_revision()
    response = admin_client_logged_in.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200 and "Staff preview, revised" in response.content.decode()


def test_visibility_language_follows_the_page(tree, spanish_tree):
    """Sanity for the rule itself: the same page is visible, then not, then visible again."""
    from site_core.visibility import is_visible

    page = factories.PrinciplePageFactory(parent=tree.principles, title="Comes and goes")
    publish(page)
    copy = page.copy_for_translation(spanish_tree.locale, alias=True)
    assert is_visible(page) and is_visible(copy)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert not is_visible(page) and not is_visible(copy)
    restriction.delete()
    assert is_visible(page) and is_visible(copy)
    with translation.override("es"):
        assert Locale.get_active() == spanish_tree.locale
