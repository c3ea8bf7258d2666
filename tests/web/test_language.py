"""The interface in the visitor's language: chosen by Accept-Language or by the switcher on
every page (remembered in a cookie), dates written by Babel, and feeds the same for everyone."""

from __future__ import annotations

import html
import re

import pytest

from tests.builders import event, london, venue
from tests.web.organiser_helpers import csrf_of


@pytest.fixture
def listed(store_events):
    return store_events(
        event(
            "Winter fair",
            start=london(2026, 12, 5, 10, 0),
            venues=[venue("Conway Hall")],
            tags=["Fair"],
        ),
        event(
            "Carol singing",
            start=london(2026, 12, 24, 0, 0),
            end=london(2026, 12, 25, 0, 0),
            all_day=True,
        ),
    )


def texts(page: str, pattern: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", found)) for found in re.findall(pattern, page)]


def menu(page: str) -> str:
    return re.search(r'<header class="site-header">.*?</nav>', page, re.DOTALL).group()


def key_strings(page: str) -> dict[str, list[str]]:
    """What a visitor reads first: the language, the heading, the menu, the days and times."""
    return {
        "lang": re.findall(r'<html lang="([^"]+)">', page),
        "h1": texts(page, r"<h1>(.*?)</h1>"),
        "menu": re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', menu(page)),
        "days": texts(page, r'class="day-heading"><time[^>]*>(.*?)</time>'),
        "times": texts(page, r'<p class="event-time"><time[^>]*>(.*?)</time>'),
    }


SPANISH_HOME = {
    "lang": ["es"],
    "h1": ["Próximos eventos"],
    "menu": ["Próximos", "Calendario", "Eventos pasados", "Organizadores"],
    "days": ["sábado, 5 de diciembre de 2026", "jueves, 24 de diciembre de 2026"],
    "times": ["10:00–12:00 GMT", "Todo el día"],
}
ENGLISH_HOME = {
    "lang": ["en"],
    "h1": ["Upcoming events"],
    "menu": ["Upcoming", "Calendar", "Past events", "Organisers"],
    "days": ["Saturday 5 December 2026", "Thursday 24 December 2026"],
    "times": ["10:00–12:00 GMT", "All day"],
}


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("es-ES,es;q=0.9,en;q=0.5", SPANISH_HOME),
        ("fr-FR, es;q=0.4", SPANISH_HOME),
        ("en-GB,en;q=0.9", ENGLISH_HOME),
        ("de-DE", ENGLISH_HOME),
        ("", ENGLISH_HOME),
    ],
)
def test_accept_language_chooses_the_language(client, listed, accept, expected):
    response = client.get("/", headers={"Accept-Language": accept})

    assert key_strings(response.text) == expected
    assert "Accept-Language" in response.headers["Vary"]


def test_the_switcher_chooses_and_a_cookie_remembers(client, listed):
    switched = client.get("/?lang=es", headers={"Accept-Language": "en"})
    later = client.get("/week/2026-12-07", headers={"Accept-Language": "en"})
    back = client.get("/?lang=en", headers={"Accept-Language": "es"})

    assert key_strings(switched.text) == SPANISH_HOME
    assert "lang=es" in switched.headers["Set-Cookie"]
    assert switched.headers["Cache-Control"].startswith("private")
    assert texts(later.text, r"<h1>(.*?)</h1>") == [
        "Semana del 7 de diciembre al 13 de diciembre de 2026"
    ]
    assert key_strings(back.text) == ENGLISH_HOME


def switcher(page: str) -> list[tuple[str, str, str]]:
    nav = re.search(r'<nav class="languages".*?</nav>', page, re.DOTALL).group()
    found = re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang="\w+"[^>]*>([^<]+)</a>', nav)
    return [(html.unescape(link), code, name) for link, code, name in found]


@pytest.mark.parametrize(
    "path",
    ["/", "/past", "/calendar/2026/12", "/week/2026-12-07", "/search?q=fair", "/login"],
)
def test_every_page_offers_the_switcher_on_itself(client, listed, path):
    page = client.get(path).text
    here, _, query = path.partition("?")
    keep = f"{query}&" if query else ""

    assert switcher(page) == [
        (f"{here}?{keep}lang=en", "en", "English"),
        (f"{here}?{keep}lang=es", "es", "Español"),
    ]


def test_event_page_in_spanish(client, listed):
    page = client.get(f"/events/{listed[0].slug}", headers={"Accept-Language": "es"}).text

    assert texts(page, r"<dt>(.*?)</dt>") == ["Cuándo", "Dónde", "Etiquetas"]
    assert texts(page, r"<dd><time[^>]*>(.*?)</time>") == [
        "sábado, 5 de diciembre de 2026, 10:00–12:00 GMT"
    ]
    assert texts(page, r'<h2 id="add-heading">(.*?)</h2>') == ["Añadir a tu calendario"]


def test_month_calendar_names_its_days_in_spanish(client, listed):
    page = client.get("/calendar/2026/12", headers={"Accept-Language": "es"}).text

    assert texts(page, r"<h1>(.*?)</h1>") == ["diciembre de 2026"]
    assert texts(page, r'<th scope="col"><abbr title="[^"]+">(.*?)</abbr></th>') == [
        "lun",
        "mar",
        "mié",
        "jue",
        "vie",
        "sáb",
        "dom",
    ]


def test_a_filter_naming_nothing_is_said_in_spanish_on_pages_but_not_in_the_api(client, listed):
    asked = {"Accept-Language": "es"}
    page = client.get("/?venue=nowhere-hall", headers=asked)
    api = client.get("/api/v1/events?venue=nowhere-hall", headers=asked)

    said = texts(page.text, r"<h1>(.*?)</h1>") + texts(page.text, r"<h1>.*?</h1>\s*<p>(.*?)</p>")

    assert (page.status_code, said) == (
        404,
        ["No encontrado", "Aquí no figura ningún lugar «nowhere-hall»."],
    )
    assert (api.status_code, api.get_json()["error"]["message"]) == (
        404,
        "No venue “nowhere-hall” is listed here.",
    )


def test_feeds_are_the_same_whatever_the_language(client, listed):
    def both(path: str) -> tuple[bytes, bytes]:
        english = client.get(path, headers={"Accept-Language": "en"}).data
        spanish = client.get(path, headers={"Accept-Language": "es"}).data
        return english, spanish

    for path in ("/events.ics", "/events.json", "/feed.json", "/api/v1/events?from=2026-12-10"):
        english, spanish = both(path)
        assert english == spanish, path
    assert b"Thursday 24 December 2026, all day" in both("/feed.json")[0]


def test_the_response_caches_keep_each_language_apart(app, listed):
    """The same address asked in turn in each language, by visitors without cookies (whom the
    fast path in front of Flask answers), gets each its own language every time."""
    asked = ["en", "es", "en", "es", "es", "en"]
    said = []
    for language in asked:
        page = app.test_client().get("/", headers={"Accept-Language": language}).text
        said.append(key_strings(page)["lang"][0])

    assert said == asked


def test_the_switcher_sets_its_cookie_even_when_the_page_is_already_kept(app, listed):
    """The fast path keeps the Spanish page for Accept-Language visitors; the switcher's link
    to it must still be answered by Flask, which remembers the choice."""
    app.test_client().get("/week/2026-12-07", headers={"Accept-Language": "es"})

    switched = app.test_client().get("/week/2026-12-07?lang=es")

    assert "lang=es" in switched.headers.get("Set-Cookie", "")


def test_the_account_page_and_its_messages_in_spanish(signed_in):
    signed_in.get("/organiser/account?lang=es")
    page = signed_in.get("/organiser/account").text
    token = csrf_of(page)
    signed_in.post("/organiser/account/sessions", data={"csrf_token": token})
    after = signed_in.get("/organiser/account").text

    assert texts(page, r"<h1>(.*?)</h1>") + texts(page, r"<h2>(.*?)</h2>") == [
        "Tu cuenta",
        "Cambiar la contraseña",
        "Otras sesiones",
    ]
    assert texts(after, r'<div class="flash" role="status"><p>(.*?)</p>') == [
        "No tenía ninguna otra sesión abierta."
    ]
