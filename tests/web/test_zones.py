"""Only the tz database's zones are taken where a zone is typed: not the files that sit beside
them (`localtime`, `posixrules`, `Factory`), nor abbreviations (EST), nor bare city names;
the refusal names the zone meant."""

from __future__ import annotations

import html
import zoneinfo

import pytest

from events_app.config import ConfigError, load_config
from events_app.domain import EventFilter, known_zone
from events_app.store import repository
from tests.web.organiser_helpers import SEED_PARAGRAPH, csrf_of, paste, review_form

NOT_ZONES = ["localtime", "posixrules", "Factory", "posix/Europe/London", "right/UTC"]
NOT_ZONES += ["../zoneinfo/UTC", "Europe/London ", "europe/london", "zone.tab", "", "\x00"]
ZONES = ["Europe/London", "America/Argentina/Buenos_Aires", "Pacific/Chatham", "UTC", "GB"]
STRAY = "Unknown time zone: {!r}: give an IANA name such as Europe/London"
# Typed where a zone is asked for: refused, naming the zone meant.
MEANT = {
    "EST": "Unknown time zone: 'EST': an abbreviation is one side of the year's clock change; "
    "give the place's zone, such as America/New_York",
    "New York": "Unknown time zone: 'New York': did you mean America/New_York?",
    "localtime": STRAY.format("localtime"),
    "Factory": STRAY.format("Factory"),
    "posixrules": STRAY.format("posixrules"),
}


@pytest.mark.parametrize("name", NOT_ZONES)
def test_names_that_are_not_zones_are_refused(name):
    assert known_zone(name) is False


@pytest.mark.parametrize("name", ZONES)
def test_zones_are_known(name):
    assert known_zone(name) is True


def test_every_zone_the_tz_database_lists_is_known_but_its_stray_files():
    listed = zoneinfo.available_timezones()

    assert {name for name in listed if not known_zone(name)} == listed & {
        "localtime",
        "posixrules",
        "Factory",
    }


@pytest.mark.parametrize("name", list(MEANT))
def test_parse_api_refuses_what_is_no_zone_naming_the_one_meant(signed_in, name):
    response = signed_in.post("/api/v1/parse", json={"text": SEED_PARAGRAPH, "timezone": name})

    assert response.status_code == 400
    assert response.get_json()["error"] == {
        "status": 400,
        "title": "Bad request",
        "message": MEANT[name],
    }


@pytest.mark.parametrize("name", list(MEANT))
def test_the_paste_form_refuses_what_is_no_zone_naming_the_one_meant(signed_in, name):
    response = signed_in.post(
        "/organiser/new",
        data={
            "text": SEED_PARAGRAPH,
            "timezone": name,
            "csrf_token": csrf_of(signed_in.get("/organiser/new").get_data(as_text=True)),
        },
    )

    assert response.status_code == 400
    assert MEANT[name] in html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("name", list(MEANT))
def test_an_event_in_what_is_no_zone_is_not_stored(signed_in, app_session, name):
    page = paste(signed_in).get_data(as_text=True)
    fields = {**review_form(page), "csrf_token": csrf_of(page), "action": "publish"}
    before = repository.data_version(app_session)

    response = signed_in.post("/organiser/publish", data={**fields, "e0-timezone": name})

    assert response.status_code == 400
    assert MEANT[name] in html.unescape(response.get_data(as_text=True))
    app_session.rollback()
    assert repository.data_version(app_session) == before


def test_the_default_zone_setting_must_be_a_zone():
    with pytest.raises(ConfigError, match="DEFAULT_TIMEZONE: unknown time zone 'localtime'"):
        load_config({"DEFAULT_TIMEZONE": "localtime"})


def test_a_zone_box_left_empty_is_the_sites_default_zone(app, signed_in, app_session):
    app.config["DEFAULT_TIMEZONE"] = "America/Chicago"
    page = paste(signed_in).get_data(as_text=True)
    fields = {**review_form(page), "csrf_token": csrf_of(page), "action": "publish"}
    chosen = {k: v for k, v in fields.items() if not k.startswith(("e1-", "e2-"))}

    response = signed_in.post(
        "/organiser/publish", data={**chosen, "count": "1", "e0-timezone": ""}
    )

    assert response.status_code == 302
    app_session.rollback()
    stored = repository.list_events(app_session, EventFilter(include_drafts=True))
    assert [(e.title, e.timezone) for e in stored] == [(fields["e0-title"], "America/Chicago")]
