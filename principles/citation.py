"""How to cite a principle: APA text, BibTeX and CSL-JSON.

A citation names the wording it quotes: its date is the last revision that
changed what visitors read (see history.py), not the last time anything was saved.
"""

import json

from django.utils import formats, translation


def citation_data(principle, request, organisation, wording_date):
    url = principle.get_permanent_url(request)
    return {
        "organisation": organisation,
        "title": principle.title,
        "number": principle.number,
        "date": wording_date,
        "url": url,
        "language": principle.locale.language_code,
    }


def apa(data):
    """Organisation. (Year, Month Day). Title (Principle N). URL"""
    with translation.override("en"):
        date = formats.date_format(data["date"], "Y, F j") if data["date"] else "n.d."
    return f"{data['organisation']}. ({date}). {data['title']} (Principle {data['number']}). {data['url']}"


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
        ("author", "{" + _bibtex_escape(data["organisation"]) + "}"),
        ("title", _bibtex_escape(data["title"])),
        ("year", str(date.year) if date else ""),
        ("month", str(date.month) if date else ""),
        ("url", data["url"]),
        ("note", f"Principle {data['number']}"),
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
        "URL": data["url"],
        "language": data["language"],
        "note": f"Principle {data['number']}",
    }
    if date:
        item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    return json.dumps([item], ensure_ascii=False, indent=2)
