"""How to cite a principle: APA text, BibTeX and CSL-JSON.

A citation names the wording it quotes: its date is the last revision that
changed what visitors read (see history.py), not the last time anything was saved.

- The author is the publisher, the organisation named in the site settings; the
  container is the library, by its name in the citation's language
  (``SiteSettings.site_name_in``).
- A citation is written in the language of the page it is offered on: a Spanish
  reader gets "(2026, 27 de noviembre) … (Principio 1)", the form a Spanish text
  quotes it in. Its ``language`` field is the language of the words quoted, which
  for an untranslated copy (an alias) is its source's.
"""

import json

from django.utils import formats, translation
from django.utils.translation import gettext, pgettext

from site_core.models import SiteSettings


def citation_data(principle, request, organisation, wording_date):
    url = principle.get_permanent_url(request)
    language = principle.locale.language_code
    settings = SiteSettings.for_request(request) if request is not None else None
    return {
        "organisation": organisation,
        "site_name": settings.site_name_in(language) if settings else "",
        "title": principle.title,
        "number": principle.number,
        "date": wording_date,
        "url": url,
        "citation_language": language,
        "language": _words_language(principle) or language,
    }


def _words_language(page):
    """The language an untranslated copy's words are in: its source's, else ''."""
    annotated = getattr(page, "alias_language", None)
    if annotated:
        return annotated
    if not page.alias_of_id:
        return ""
    source = (
        type(page)
        .objects.filter(pk=page.alias_of_id)
        .values_list("locale__language_code", flat=True)
    )
    return source.first() or ""


def _principle_label(data):
    with translation.override(data["citation_language"]):
        return gettext("Principle %(number)s") % {"number": data["number"]}


def apa(data):
    """Organisation. (Year, Month Day). Title (Principle N). Library. URL

    APA names the site after the title when the author is someone else; the
    publisher and the library's name differ, so both are given.
    """
    with translation.override(data["citation_language"]):
        if data["date"]:
            # Translators: an APA citation's date as a Django date format:
            # "2026, November 27"; Spanish "2026, 27 de noviembre" is "Y, j \d\e F".
            date = formats.date_format(data["date"], pgettext("APA citation date", "Y, F j"))
        else:
            # Translators: APA's "no date".
            date = pgettext("APA citation", "n.d.")
    parts = [
        f"{data['organisation']}.",
        f"({date}).",
        f"{data['title']} ({_principle_label(data)}).",
    ]
    if data["site_name"] and data["site_name"] != data["organisation"]:
        parts.append(f"{data['site_name']}.")
    parts.append(data["url"])
    return " ".join(parts)


# Characters that mean something to BibTeX or LaTeX, written as LaTeX commands.
# Braces become commands too, not "\{": BibTeX counts every brace, escaped or not,
# so one stray "}" in a title would end the field and silently drop the rest.
BIBTEX_LITERALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_escape(text):
    """``text`` as a BibTeX field's content: every character means itself."""
    return "".join(BIBTEX_LITERALS.get(char, char) for char in str(text))


def bibtex(data, key):
    date = data["date"]
    fields = [
        # Double braces: a corporate author, not a "Last, First" name to split.
        ("author", "{" + _bibtex_escape(data["organisation"]) + "}"),
        ("title", _bibtex_escape(data["title"])),
        ("howpublished", _bibtex_escape(data["site_name"])),
        ("year", str(date.year) if date else ""),
        ("month", str(date.month) if date else ""),
        ("url", data["url"]),
        ("note", _bibtex_escape(_principle_label(data))),
        ("language", data["language"]),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{principle-{key},\n{body}\n}}\n"


def csl_json(data, key):
    date = data["date"]
    item = {
        "id": f"principle-{key}",
        "type": "webpage",
        "title": data["title"],
        "author": [{"literal": data["organisation"]}],
        "publisher": data["organisation"],
        "URL": data["url"],
        "language": data["language"],
        "note": _principle_label(data),
    }
    if data["site_name"]:
        item["container-title"] = data["site_name"]
    if date:
        item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    return json.dumps([item], ensure_ascii=False, indent=2)
