"""Only the tz database's zones are taken where a zone is typed: not the files that sit beside
them (`localtime`, `posixrules`, `Factory`), which calendar clients and browsers cannot read."""

from __future__ import annotations

import zoneinfo

import pytest

from events_app.config import ConfigError, load_config
from events_app.domain import known_zone
from events_app.store import repository
from tests.web.organiser_helpers import SEED_PARAGRAPH, csrf_of, paste, review_form

NOT_ZONES = ["localtime", "posixrules", "Factory", "posix/Europe/London", "right/UTC"]
NOT_ZONES += ["../zoneinfo/UTC", "Europe/London ", "europe/london", "zone.tab", "", "\x00"]
ZONES = ["Europe/London", "America/Argentina/Buenos_Aires", "Pacific/Chatham", "UTC", "GB"]


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


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules"])
def test_parse_api_refuses_a_stray_zone_file(signed_in, name):
    response = signed_in.post("/api/v1/parse", json={"text": SEED_PARAGRAPH, "timezone": name})

    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == f"Unknown time zone: {name!r}"


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules"])
def test_the_paste_form_refuses_a_stray_zone_file(signed_in, name):
    response = signed_in.post(
        "/organiser/new",
        data={
            "text": SEED_PARAGRAPH,
            "timezone": name,
            "csrf_token": csrf_of(signed_in.get("/organiser/new").get_data(as_text=True)),
        },
    )

    assert response.status_code == 400
    assert f"Unknown time zone: {name!r}" in response.get_data(as_text=True).replace("&#39;", "'")


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules"])
def test_an_event_in_a_stray_zone_file_is_not_stored(signed_in, app_session, name):
    page = paste(signed_in).get_data(as_text=True)
    fields = {**review_form(page), "csrf_token": csrf_of(page), "action": "publish"}
    before = repository.data_version(app_session)

    response = signed_in.post("/organiser/publish", data={**fields, "e0-timezone": name})

    assert response.status_code == 400
    assert f"Unknown time zone: {name!r}" in response.get_data(as_text=True).replace("&#39;", "'")
    app_session.rollback()
    assert repository.data_version(app_session) == before


def test_the_default_zone_setting_must_be_a_zone():
    with pytest.raises(ConfigError, match="DEFAULT_TIMEZONE: unknown time zone 'localtime'"):
        load_config({"DEFAULT_TIMEZONE": "localtime"})
