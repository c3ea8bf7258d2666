"""Every string the interface shows is translated: the messages are extracted from the code and
the templates at test time (Babel's own extractor, with the project's babel.cfg), and each must
have a Spanish translation with the same placeholders, compiled into the .mo that is served."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "events_app" / "translations"
LANGUAGES = ["es"]
SEARCHED = ("events_app", "templates")


def extracted() -> Catalog:
    """What `make messages` would write to messages.pot, made here from the sources."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "lazy_gettext": None}
    catalog = Catalog()
    found = extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=keywords,
        directory_filter=lambda path: Path(path).relative_to(ROOT).parts[0] in SEARCHED,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extracted()


def translation(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


def test_the_sources_have_messages_to_translate(template):
    """The extraction itself works: the home page's heading and a lazy label are found."""
    ids = {message.id for message in template if message.id}

    assert {"Upcoming events", "festival or series", "EEEE d MMMM y"} <= ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_a_translation(template, language):
    catalog = translation(language)
    missing = [
        message.id
        for message in template
        if message.id
        and (
            (found := catalog.get(message.id)) is None
            or found.fuzzy
            or not all(found.string if isinstance(found.string, tuple) else [found.string])
        )
    ]
    unused = sorted(
        str(message.id) for message in catalog if message.id and message.id not in template
    )

    assert missing == []
    assert unused == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    """Babel's own checks: the same %(name)s placeholders, and a form for every plural."""
    problems = [
        (str(message.id), [str(error) for error in errors])
        for message, errors in translation(language).check()
    ]

    assert problems == []


def as_dict(catalog: Catalog) -> dict:
    """Each message's id and translation, plural forms as tuples (read_mo gives lists)."""

    def plain(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return {plain(m.id): plain(m.string) for m in catalog if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_written_one(language):
    """The .mo the site serves was compiled from this .po (make does it; a stale one fails)."""
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with (folder / "messages.mo").open("rb") as mo:
        compiled = as_dict(read_mo(mo))
    written = as_dict(translation(language))

    assert compiled == written
