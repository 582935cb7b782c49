"""A large library, built fast, for the benchmarks (``bench.pages``, ``bench.search``).

    seed(total=10_000)   # inside a configured Django, on the database of DATABASE_URL

On top of the demo content: ``total`` pages, half English and half their Spanish
translations (same translation key, number and permanent key, Spanish text), each half
split evenly between principles and reflections; 40 themes and 300 contributors in both
languages. One theme (``BIG_THEME``) and one contributor (``BIG_CONTRIBUTOR``) each carry
``BIG_ITEMS`` items per language (300 principles and 700 reflections), one theme
(``SMALL_THEME``) and one contributor (``SMALL_CONTRIBUTOR``) carry ``SMALL_ITEMS``, the
rest share out the remaining pages. As the demo does, a Spanish translation links the
same (English) theme and contributor rows; pages show them in the reader's language.

Why not ``parent.add_child()``: treebeard locks and rereads the parent for every page and
Wagtail's signals index, log and revise each one, about 40 ms a page. Here the tree paths
are computed (``Page._get_path``), pages and their type tables go in with bulk inserts,
and the search index is filled in chunks through the search backend: a build takes about
a minute. The text is drawn from the demo's own words (a Zipf draw over them by rank) with
a fixed random seed, so every build holds the same library.

The build is skipped when the database already holds it (pages whose slug starts with
``bench-``); drop the database to rebuild. ``analyze()`` refreshes the planner's
statistics (VACUUM ANALYZE on PostgreSQL).
"""

import random
import re
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from principles.models import PrincipleContributor, PrincipleIndexPage, PrinciplePage, Theme
from principles.models.history import PrincipleWording, fingerprint
from reflections.models import ReflectionIndexPage, ReflectionPage
from reflections.models.reflections import ReflectionContributor
from site_core.blocks import stream_data
from site_core.demo import content
from site_core.models import Contributor

SEED = 2026
THEMES = 40
CONTRIBUTORS = 300
BIG_ITEMS = 1000  # per language: BIG_PRINCIPLES principles, the rest reflections
BIG_PRINCIPLES = 300
SMALL_ITEMS = 10
BIG_THEME, SMALL_THEME = "bench-theme-00", "bench-theme-39"
BIG_CONTRIBUTOR, SMALL_CONTRIBUTOR = "bench-person-000", "bench-person-299"
SPANISH_SLUG = {"theme": "tema"}  # the Spanish theme slug: bench-tema-00


def demo_vocabulary():
    """Every word of the demo content, per language: real prose, not a short word list."""
    words = {"en": [], "es": []}

    def walk(value, language=None):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, key if key in words else language)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, language)
        elif isinstance(value, str) and language:
            words[language].extend(
                re.findall(r"[^\W\d_]{3,}", re.sub(r"<[^>]+>", " ", value).lower())
            )

    for path in content.files():
        walk(content.read(path))
    # Most frequent first, so a Zipf-like draw makes common words common and most words rare.
    return {
        language: [w for w, _n in Counter(found).most_common()] for language, found in words.items()
    }


WORDS = demo_vocabulary()
ZIPF = {
    language: [1 / rank for rank in range(1, len(found) + 1)] for language, found in WORDS.items()
}


def sentence(rng, language, n):
    return " ".join(rng.choices(WORDS[language], weights=ZIPF[language], k=n)).capitalize() + "."


def theme_slug(number, language="en"):
    return f"bench-{'tema' if language == 'es' else 'theme'}-{number:02d}"


def seeded_count():
    return Page.objects.filter(slug__startswith="bench-").count()


def seed(total=10_000, out=print):
    """Build the library unless it is there; returns the number of bench pages."""
    call_command("migrate", verbosity=0)
    if not PrinciplePage.objects.exists():
        call_command("load_demo_content", verbosity=0)
    existing = seeded_count()
    if existing:
        if existing < total:
            out(
                f"  the database holds {existing} bench pages, fewer than {total}: drop it to rebuild"
            )
        return existing
    began = time.monotonic()
    rng = random.Random(SEED)
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    with transaction.atomic():
        themes = make_snippets(Theme, THEMES, locales, rng, theme_fields)
        people = make_snippets(Contributor, CONTRIBUTORS, locales, rng, person_fields)
        per_kind = total // 4
        principles = make_pages(PrinciplePage, PrincipleIndexPage, per_kind, locales, rng)
        reflections = make_pages(ReflectionPage, ReflectionIndexPage, per_kind, locales, rng)
        link(principles, reflections, themes, people, rng)
        record_wordings(principles)
    out(f"  {4 * per_kind} pages inserted in {time.monotonic() - began:.0f} s; indexing for search")
    index_for_search([principles, reflections], out)
    call_command("rebuild_search_vocabulary", verbosity=0)
    out(f"  built in {time.monotonic() - began:.0f} s")
    return seeded_count()


def theme_fields(number, language, rng):
    name = sentence(rng, language, 2)[:-1].title()
    return {"name": f"{name} {number}", "slug": theme_slug(number, language)}


def person_fields(number, language, rng):
    return {
        "name": f"Person {number:03d}",
        "slug": f"bench-person-{number:03d}",
        "role": sentence(rng, language, 4)[:-1],
    }


def make_snippets(model, count, locales, rng, fields):
    """``count`` published snippets in every language, English first: ``[english, …]``."""
    now = datetime.now(UTC)
    english = []
    for language, locale in locales.items():
        rows = [
            model(
                locale=locale,
                translation_key=english[number].translation_key if english else uuid.uuid4(),
                live=True,
                first_published_at=now,
                last_published_at=now,
                **fields(number, language, rng),
            )
            for number in range(count)
        ]
        created = model.objects.bulk_create(rows)
        english = english or created
    return english


def make_pages(model, index_model, count, locales, rng):
    """``count`` pages of ``model`` under each language's index: ``{language: [pages]}``.

    The Spanish pages translate the English ones in order (same translation key).
    """
    content_type = ContentType.objects.get_for_model(model)
    base = datetime(2016, 1, 1, tzinfo=UTC)
    made = {}
    for language, locale in locales.items():
        parent = index_model.objects.get(locale=locale)
        source = made.get("en")
        pages = []
        for i in range(count):
            published = base + timedelta(hours=i * 7 + rng.randint(0, 6))
            page = model(
                title=sentence(rng, language, 3)[:-1],
                slug=f"bench-{i:05d}",
                locale=locale,
                translation_key=source[i].translation_key if source else uuid.uuid4(),
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                body=stream_data(("paragraph", f"<p>{sentence(rng, language, 60)}</p>")),
            )
            page.draft_title = page.title
            if model is PrinciplePage:
                page.number = 100 + i
                page.key = source[i].key if source else f"b{i:05d}"
                page.statement = sentence(rng, language, 14)
            else:
                page.date = published.date()
                page.intro = sentence(rng, language, 20)
            pages.append(page)
        insert_children(parent, pages)
        made[language] = pages
    return made


def insert_children(parent, pages):
    """Insert ``pages`` as the last children of ``parent``: two bulk inserts per 500."""
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) if last else 0
    depth = parent.depth + 1
    for position, page in enumerate(pages, start=start + 1):
        page.path = Page._get_path(parent.path, depth, position)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in pages]
    Page.objects.bulk_create(rows, batch_size=500)
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.id
    model = type(pages[0])
    # Only the page type's own table: a multi-table bulk_create is not offered by Django.
    model.objects.all()._batched_insert(pages, model._meta.local_concrete_fields, batch_size=500)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))


def link(principles, reflections, themes, people, rng):
    """Themes and credits, the same for a page and its translation (as the demo links them)."""
    big, small, others = themes[0], themes[-1], themes[1:-1]
    star, quiet, crowd = people[0], people[-1], people[1:-1]
    principle_themes, reflection_themes = [], []
    principle_credits, reflection_credits = [], []
    theme_through = PrinciplePage.themes.through
    reflection_theme_through = ReflectionPage.themes.through
    for kind, pages_by_language in (("principle", principles), ("reflection", reflections)):
        count = len(pages_by_language["en"])
        big_share = BIG_PRINCIPLES if kind == "principle" else BIG_ITEMS - BIG_PRINCIPLES
        small_share = SMALL_ITEMS // 2
        for i in range(count):
            chosen = rng.sample(others, rng.randint(1, 2))
            if i < big_share:
                chosen.append(big)
            elif i < big_share + small_share:
                chosen.append(small)
            person = star if i < big_share else quiet if i < big_share + 5 else rng.choice(crowd)
            for pages in pages_by_language.values():
                page = pages[i]
                if kind == "principle":
                    principle_themes += [
                        theme_through(principlepage_id=page.pk, theme_id=t.pk) for t in chosen
                    ]
                    principle_credits.append(
                        PrincipleContributor(
                            page_id=page.pk,
                            contributor=person,
                            locale=page.locale,
                            translation_key=uuid.uuid5(page.translation_key, "credit"),
                            sort_order=0,
                        )
                    )
                else:
                    reflection_themes += [
                        reflection_theme_through(reflectionpage_id=page.pk, theme_id=t.pk)
                        for t in chosen
                    ]
                    reflection_credits.append(
                        ReflectionContributor(page_id=page.pk, contributor=person, sort_order=0)
                    )
    theme_through.objects.bulk_create(principle_themes, batch_size=2000)
    reflection_theme_through.objects.bulk_create(reflection_themes, batch_size=2000)
    PrincipleContributor.objects.bulk_create(principle_credits, batch_size=2000)
    ReflectionContributor.objects.bulk_create(reflection_credits, batch_size=2000)


def record_wordings(principles):
    """One published wording per principle, as its first publication would have written."""
    PrincipleWording.objects.bulk_create(
        [
            PrincipleWording(
                page_id=page.pk,
                published_at=page.first_published_at,
                title=page.title,
                statement=page.statement,
                fingerprint=fingerprint(page),
            )
            for pages in principles.values()
            for page in pages
        ],
        batch_size=2000,
    )


def index_for_search(made, out, chunk=500):
    backend = get_search_backend()
    for pages_by_language in made:
        ids = [page.pk for pages in pages_by_language.values() for page in pages]
        model = type(pages_by_language["en"][0])
        index = backend.get_index_for_model(model)
        for start in range(0, len(ids), chunk):
            batch = list(
                model.objects.filter(pk__in=ids[start : start + chunk]).prefetch_related("themes")
            )
            index.add_items(model, batch)
        out(f"  indexed {len(ids)} {model._meta.verbose_name_plural}")


def analyze():
    """Fresh planner statistics, as after a night of autovacuum: plans as production's."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
