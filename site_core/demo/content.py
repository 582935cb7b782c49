"""Demo content for the Principles of Healing-Centered Harm Reduction site.

The text lives in TOML files in ``content/`` beside this module, read with the
standard library's ``tomllib``; this module only reads them into the structures
the loader builds the site from. Every text there was written fresh for the demo
site; staff replace it with the organization's own wording.

- ``site.toml``: the home page, the four index pages, About and Contact, and the
  site settings (publisher, the library's name per language, licence);
- ``themes.toml`` and ``contributors.toml``: the snippets, in the order created;
- ``principles/NN-key.toml``: one principle each, created in file name order;
- ``reflections/``: the roundtable and one short reflection.

All but one principle (``09-community-led``) have Spanish text: the one left
untranslated shows visitors and staff how the Spanish site falls back to English.

Each text sits under its language, ``en`` and, where there is a translation,
``es``. A StreamField body is an array of tables, one per block, each with the
block's ``type`` and ``value``: a string, or for a struct block a table, written
as a sub-table when it spans lines (TOML inline tables must fit on one line)::

    [[en.body]]
    type = "paragraph"
    value = "<p>...</p>"

    [[en.body]]
    type = "callout"
    [en.body.value]
    tone = "note"
    title = "Demo text"
    text = "<p>...</p>"

Bodies come out of here as the ``(block_type, value)`` pairs that
``site_core.blocks.stream_data`` takes.
"""

import tomllib
from pathlib import Path

FOLDER = Path(__file__).with_name("content")


def read(path):
    """The content file at ``path`` (absolute, or relative to ``FOLDER``), bodies as pairs."""
    path = FOLDER / path
    with path.open("rb") as file:
        return _bodies_as_pairs(tomllib.load(file), path)


def files():
    """Every content file, in a stable order."""
    return sorted(FOLDER.rglob("*.toml"))


def _bodies_as_pairs(data, path):
    for key, value in data.items():
        if key == "body":
            data[key] = [_block(block, path) for block in value]
        elif isinstance(value, dict):
            _bodies_as_pairs(value, path)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _bodies_as_pairs(item, path)
    return data


def _block(block, path):
    # Anything else is a typo (say ``[en.body.vaule]``) that would otherwise vanish silently.
    if not isinstance(block, dict) or set(block) != {"type", "value"}:
        raise ValueError(f"{path}: a body block needs exactly `type` and `value`, not {block!r}")
    return (block["type"], block["value"])


_site = read("site.toml")
HOME = _site["home"]
PRINCIPLE_INDEX = _site["principle_index"]
THEME_INDEX = _site["theme_index"]
CONTRIBUTOR_INDEX = _site["contributor_index"]
REFLECTION_INDEX = _site["reflection_index"]
ABOUT = _site["about"]
CONTACT = _site["contact"]
SETTINGS = _site["settings"]

THEMES = read("themes.toml")["themes"]
CONTRIBUTORS = read("contributors.toml")["contributors"]
PRINCIPLES = [read(path) for path in sorted((FOLDER / "principles").glob("*.toml"))]
ROUNDTABLE = read("reflections/roundtable.toml")
SECOND_REFLECTION = read("reflections/making-time.toml")
del _site
