"""Hypothesis on every form: whatever text arrives in whatever field, the answer is a page a
person can read (never a 5xx), and a refused form stores nothing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events_app.fetch import Fetcher
from events_app.store import repository
from tests.builders import event
from tests.web.organiser_helpers import csrf_of

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
) | st.sampled_from(
    ["", " ", "25:00", "2027-02-30", "javascript:alert(1)", "{{7*7}}", "\x00", "9" * 40, "-1"]
)

EVENT_FIELDS = (
    "title",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "timezone",
    "venues",
    "speakers",
    "url",
    "tickets",
    "price",
    "description",
    "tags",
)


def fields(names):
    return st.fixed_dictionaries({name: text for name in names})


def token(client) -> str:
    return csrf_of(client.get("/organiser/").get_data(as_text=True))


def assert_readable(response) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    assert "Traceback" not in response.get_data(as_text=True)


@FUZZ
@given(values=fields(EVENT_FIELDS))
def test_publish_form(signed_in, app_session, values):
    before = repository.data_version(app_session)
    response = signed_in.post(
        "/organiser/publish",
        data={
            **{f"e0-{k}": v for k, v in values.items()},
            "e0-include": "on",
            "count": "1",
            "action": "draft",
            "text": "",
            "csrf_token": token(signed_in),
        },
    )

    assert_readable(response)
    app_session.rollback()
    if response.status_code != 302:
        assert repository.data_version(app_session) == before


@FUZZ
@given(values=fields(("text", "reference_date", "timezone")))
def test_paste_form(signed_in, values):
    response = signed_in.post("/organiser/new", data={**values, "csrf_token": token(signed_in)})

    assert_readable(response)


@FUZZ
@given(values=fields(("email", "password")))
def test_login_form(client, values):
    login_token = csrf_of(client.get("/login").get_data(as_text=True))

    response = client.post("/login", data={**values, "csrf_token": login_token})

    assert_readable(response)
    assert response.status_code in (302, 400, 401, 429)


@FUZZ
@given(url=text)
def test_import_form(app, signed_in, url):
    app.config["IMPORT_TIMEOUT"] = 1.0

    def no_network(address, timeout):
        raise ConnectionRefusedError("no network in tests")

    app.extensions["calendar_fetcher"] = Fetcher(connect=no_network)
    response = signed_in.post(
        "/organiser/import/", data={"url": url, "csrf_token": token(signed_in)}
    )

    assert_readable(response)


@pytest.fixture
def editable(signed_in, store_events, organiser):
    [stored] = store_events(event("Fuzzed meeting", owner_id=organiser.id))
    return stored


@FUZZ
@given(values=fields((*EVENT_FIELDS, "version")))
def test_edit_form(signed_in, editable, values):
    response = signed_in.post(
        f"/organiser/events/{editable.id}/edit", data={**values, "csrf_token": token(signed_in)}
    )

    assert_readable(response)
