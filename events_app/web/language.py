"""The visitor's language, decided in one place: the one asked for with `?lang=` (the switcher
on every page), else the one remembered in the `lang` cookie, else the best of the browser's
`Accept-Language`, else English. Feeds stay language-neutral; pages, their dates and their
messages follow the choice through Flask-Babel."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, g, request
from flask_babel import Babel
from werkzeug.datastructures import LanguageAccept, MultiDict
from werkzeug.http import parse_accept_header

LANGUAGES = {"en": "English", "es": "Español"}
"""Each language the interface is translated into, by code, named in itself for the switcher."""
DEFAULT = "en"
COOKIE = "lang"
ASKED = "lang"
"""The query parameter of the switcher's links."""
COOKIE_AGE = timedelta(days=365)
NEUTRAL_BLUEPRINTS = ("feeds", "api")
"""Feeds and the API speak to programs and calendars, the same for everyone: always English."""
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"


def choose(asked: str | None, remembered: str | None, accept_language: str | None) -> str:
    """The language to answer in; pure, so the fast path in front of Flask decides alike."""
    for named in (asked, remembered):
        if named in LANGUAGES:
            return named
    accepted = parse_accept_header(accept_language or "", LanguageAccept)
    return accepted.best_match(LANGUAGES, default=DEFAULT) or DEFAULT


def current() -> str:
    """This request's language (decided once per request)."""
    if "language" not in g:
        g.language = (
            DEFAULT
            if request.blueprint in NEUTRAL_BLUEPRINTS
            else choose(
                _asked(),
                request.cookies.get(COOKIE),
                request.headers.get("Accept-Language"),
            )
        )
    return g.language


def _query() -> MultiDict[str, str]:
    """The query string where it can be read at all: one refused as not UTF-8 (BadQueryError,
    a ValueError) is answered in the visitor's other choices of language, and its error page
    switches languages without repeating the unreadable query."""
    try:
        return request.args
    except ValueError:
        return MultiDict()


def _asked() -> str | None:
    return _query().get(ASKED)


def _neutral() -> bool:
    path = request.path
    return (
        request.blueprint in NEUTRAL_BLUEPRINTS
        or path.startswith("/api/")
        or path.endswith((".ics", ".json"))
    )


def switch_links() -> list[tuple[str, str, str, bool]]:
    """(code, name, link, is current) for each language: this page with `lang` set."""
    kept = [(k, v) for k, v in _query().items(multi=True) if k != ASKED]
    return [
        (code, name, f"{request.path}?{urlencode([*kept, (ASKED, code)])}", code == current())
        for code, name in LANGUAGES.items()
    ]


def _remember(response: Response) -> Response:
    """A language asked for is remembered for the next pages; pages vary by the choice."""
    asked = _asked()
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE,
            asked,
            max_age=COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    if response.mimetype == "text/html":
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def register(app: Flask) -> None:
    Babel(app, locale_selector=current, default_translation_directories=str(TRANSLATIONS))
    app.after_request(_remember)
    app.jinja_env.globals.update(language=current, language_links=switch_links)
