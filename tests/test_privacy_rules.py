"""The privacy rules beside the visibility matrix: "did you mean", the search log,
safe downloads, and URLs given to the site that are not URLs."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import PageViewRestriction

from principles.citation import bibtex
from site_core.blocks import stream_data
from site_core.models import PageTerms, SearchTerm
from site_core.search import vocabulary
from tests import factories

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def known(word, language="en"):
    return SearchTerm.objects.filter(language=language, term=word).first()


def principle(tree, *words, **fields):
    text = " ".join(words)
    return publish(
        factories.PrinciplePageFactory(
            parent=tree.principles,
            statement=f"{text}.",
            body=stream_data(("paragraph", f"<p>{text}</p>")),
            **fields,
        )
    )


# "Did you mean" knows only the words of visible pages ------------------------------------


def test_a_word_leaves_when_no_visible_page_uses_it(tree):
    first = principle(tree, "quillbrook", "marrowfen")
    second = principle(tree, "quillbrook")
    assert known("quillbrook").frequency == 2 and known("marrowfen").frequency == 1
    first.unpublish()
    assert known("marrowfen") is None and known("quillbrook").frequency == 1
    publish(first)
    assert known("marrowfen").frequency == 1
    restriction = PageViewRestriction.objects.create(page=first, restriction_type="login")
    assert known("marrowfen") is None
    restriction.delete()
    assert known("marrowfen").frequency == 1
    second.delete()
    assert known("quillbrook").frequency == 1  # only the first page uses it now
    first.delete()
    assert known("quillbrook") is None and known("marrowfen") is None
    assert not PageTerms.objects.filter(page_id__in=[first.pk, second.pk]).exists()


def test_a_restriction_on_an_ancestor_and_a_move_take_words_back(tree, spanish_tree):
    page = principle(tree, "thornwhistle")
    assert known("thornwhistle")
    section = factories.StandardPageFactory(parent=tree.home, title="Staff area")
    PageViewRestriction.objects.create(
        page=tree.principles, restriction_type="password", password="x"
    )
    assert known("thornwhistle") is None  # the index above it is restricted now
    PageViewRestriction.objects.filter(page=tree.principles).delete()
    assert known("thornwhistle")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    reflection = publish(
        factories.ReflectionPageFactory(parent=tree.reflections, intro="Glimmerpond notes.")
    )
    assert known("glimmerpond")
    # Moving a page under a restricted one (here: its whole index) hides its words.
    other_index = factories.ReflectionIndexPageFactory(
        parent=factories.HomePageFactory(parent=tree.home.get_parent(), slug="elsewhere")
    )
    PageViewRestriction.objects.create(page=other_index, restriction_type="login")
    reflection.move(other_index, pos="last-child")
    assert known("glimmerpond") is None
    assert page.pk  # untouched


def test_drafts_and_untranslated_copies_lend_no_words(tree, spanish_tree):
    page = principle(tree, "lanternmoss")
    page.statement = "Brindlewick, only in a draft."
    page.save_revision()
    assert known("brindlewick") is None
    page.copy_for_translation(spanish_tree.locale, alias=True)
    assert known("lanternmoss", "es") is None  # the Spanish copy shows English words


def test_did_you_mean_never_offers_a_hidden_word(tree, client):
    page = principle(tree, "saltmarrow")
    assert "saltmarrow" in client.get("/en/search/?q=saltmarow").content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "saltmarrow" not in client.get("/en/search/?q=saltmarow").content.decode()


def test_the_cost_of_a_publication_does_not_grow_with_the_page(tree):
    def cost(word_count, offset):
        words = [
            f"wordy{chr(97 + (i // 26) % 26)}{chr(97 + i % 26)}{offset}" for i in range(word_count)
        ]
        page = factories.PrinciplePageFactory(
            parent=tree.principles,
            body=stream_data(("paragraph", "<p>" + " ".join(words) + "</p>")),
        )
        with CaptureQueriesContext(connection) as first:
            vocabulary.sync_page(page)  # lends every word
        page.body = stream_data(("paragraph", "<p>" + " ".join(words[: word_count // 2]) + "</p>"))
        with CaptureQueriesContext(connection) as change:
            vocabulary.sync_page(page)  # takes half back
        return len(first), len(change)

    # 300 new words: below SQLite's limit of parameters per statement, which makes Django
    # split a larger insert into batches (PostgreSQL has no such limit).
    small, large = cost(4, "x"), cost(300, "y")
    assert small == large
    assert max(large) <= 10


def test_the_vocabulary_can_be_rebuilt_from_scratch(tree):
    hidden = principle(tree, "cinderquay")
    principle(tree, "velvetmoor")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    SearchTerm.objects.all().delete()
    PageTerms.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_vocabulary", stdout=out)
    assert re.search(r"rebuilt: \d+ words", out.getvalue())
    assert known("velvetmoor") and known("cinderquay") is None
    assert known("adaptation")  # the demo's own words are back too


# The search log ----------------------------------------------------------------------------


def test_the_search_log_keeps_daily_counts_and_forgets_them(client, settings):
    assert settings.WAGTAILSEARCH_HITS_MAX_AGE == 90
    client.get(
        "/en/search/?q=harm", headers={"user-agent": "Secret/1.0"}, REMOTE_ADDR="203.0.113.9"
    )
    query = Query.objects.get(query_string="harm")
    hits = QueryDailyHits.objects.get(query=query, date=timezone.localdate())
    assert hits.hits == 1
    fields = {f.name for m in (Query, QueryDailyHits) for f in m._meta.get_fields()}
    assert not fields & {"ip", "ip_address", "user", "user_agent", "session"}
    old = Query.get("long ago")
    QueryDailyHits.objects.create(
        query=old, date=timezone.localdate() - datetime.timedelta(days=91), hits=3
    )
    kept = Query.get("recent")
    QueryDailyHits.objects.create(
        query=kept, date=timezone.localdate() - datetime.timedelta(days=89), hits=2
    )
    call_command("searchpromotions_garbage_collect", stdout=io.StringIO())
    assert not Query.objects.filter(query_string="long ago").exists()  # words gone too
    assert QueryDailyHits.objects.filter(query=kept).exists()
    assert Query.objects.filter(query_string="harm").exists()


def test_retention_comes_from_the_environment():
    from tests.test_settings import run_settings

    result = run_settings(
        "site_core.settings.base",
        "print(s.WAGTAILSEARCH_HITS_MAX_AGE)",
        SEARCH_LOG_RETENTION_DAYS="30",
    )
    assert result.stdout.split() == ["30"]


def test_deploy_purges_the_log_every_night():
    from pathlib import Path

    deploy = Path(__file__).resolve().parent.parent / "deploy" / "systemd"
    service = (deploy / "principles-search-log-purge.service").read_text()
    timer = (deploy / "principles-search-log-purge.timer").read_text()
    assert "manage.py searchpromotions_garbage_collect" in service
    assert re.search(r"^OnCalendar=\*-\*-\* \d\d:\d\d", timer, re.M)


# Safe downloads -----------------------------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(client, tree):
    for title in HOSTILE:
        principle(tree, "harmless words", title=title)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/en/principles/download.csv").content.decode()))
    )
    titles = {row["title"] for row in rows}
    for title in HOSTILE:
        assert "'" + title in titles, title
        assert title not in titles
    assert "Adaptation" in titles  # ordinary cells are untouched
    data = client.get("/en/principles/download.json").json()["principles"]
    assert set(HOSTILE) <= {item["title"] for item in data}  # the JSON is unchanged


BIBTEX_HOSTILE = [
    "Care } for all",
    "Open { brace",
    "Back\\slash \\end{document}",
    "100% of us & more: $5 #1 a_b ~ ^",
    "}}}{{{",
    '"Quoted" @misc{x,',
]


@pytest.mark.parametrize("title", BIBTEX_HOSTILE)
def test_bibtex_survives_hostile_titles_and_names(title):
    from pybtex.database import parse_string

    data = {
        "organisation": f"Org {title}",
        "site_name": f"Library {title}",
        "citation_language": "en",
        "title": title,
        "number": 3,
        "date": datetime.date(2026, 3, 1),
        "url": "https://library.example/p/abc123/",
        "language": "en",
    }
    entry = parse_string(bibtex(data, "abc123"), "bibtex").entries["principle-abc123"]
    fields = entry.fields
    assert fields["year"] == "2026" and fields["url"] == data["url"]  # nothing cut off
    assert fields["note"] == "Principle 3"
    assert decode_latex(fields["title"]) == title
    (author,) = entry.persons["author"]  # one corporate author, kept whole by its braces
    assert decode_latex(str(author)) == "{" + f"Org {title}" + "}"
    assert decode_latex(fields["howpublished"]) == f"Library {title}"


def decode_latex(text):
    """The inverse of our escaping, for the round trip."""
    from principles.citation import BIBTEX_LITERALS

    for char, command in sorted(BIBTEX_LITERALS.items(), key=lambda item: -len(item[1])):
        text = text.replace(command, char)
    return text


def test_bibtex_download_of_a_hostile_title_parses(client, tree):
    from pybtex.database import parse_string

    page = principle(tree, "careful words", title="Braces } and \\ backslashes")
    body = client.get(page.url + "cite/bibtex/").content.decode()
    entry = next(iter(parse_string(body, "bibtex").entries.values()))
    assert {"title", "year", "url"} <= set(entry.fields)


# URLs that are not URLs ------------------------------------------------------------------------

MALFORMED = [
    "http://testserver/en/principles/adapt%00ation/",
    "http://testserver/en/principles/\x00/",
    "http://[::1/",
    "http://testserver:99999999/p/hc01/",
    "http://testserver/p/hc01/\r\nSet-Cookie: x=1",
    "ht tp://spaces in scheme/",
    "http://" + "a" * 1990,
]


@pytest.mark.parametrize("url", MALFORMED)
def test_oembed_answers_malformed_urls_with_a_4xx(url):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/oembed", {"url": url})
    assert 400 <= response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/en/principles/%00/",
        "/es/principios/adaptacion/%00/",
        "/p/hc01%00/",
        "/en/p/%00/embed/",
        "/api/v2/principles/%00/",
        "/en/search/?q=%00&theme=%00",
        "/en/search/?theme=" + "x" * 5000,
        "/en/themes/%00/",
        "/en/principles/download.json?%00=%00",
        "/sitemap.xml?p=%00",
        "/en/reflections/feed/?page=%00",
        "/en/_util/authenticate_with_password/999999999999999999999/1/",
    ],
)
def test_urls_with_bad_input_never_fail(path):
    from django.test import Client

    response = Client(raise_request_exception=False).get(path)
    assert response.status_code < 500, (path, response.status_code)
