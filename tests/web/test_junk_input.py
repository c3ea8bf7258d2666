"""Junk where the site expects a number, a date, a slug or JSON: a 4xx with a message, never a
5xx, and nothing reaches the database with a character it cannot store."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import event as sqlalchemy_event

from events_app.domain import EventFilter
from events_app.store import repository
from tests.builders import event, venue
from tests.web.organiser_helpers import SEED_PARAGRAPH, csrf_of, paste, review_form, sign_in

NASTY = [
    "²",
    "①",
    "⁵",
    "٢",
    "1",
    "0",
    "-1",
    "99999999999999999999999",
    "1e3",
    " 7 ",
    "\x00",
    "a\x00b",
    "\x01",
    "\n",
    "\x7f",
    "\x85",
    "\ufffd",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2201-01-01",
    "..",
    "%",
    "%00",
    "🎉",
    "\u202e",
]
junk = st.sampled_from(NASTY) | st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40
)
PARAMS = ("page", "limit", "from", "to", "q", "venue", "speaker", "tag", "series", "when")
PARAMS += ("title", "theme", "next", "x")
FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


PUBLIC_ROUTES = [
    "/",
    "/api/v1/events",
    "/api/v1/events/<slug>",
    "/api/v1/openapi.json",
    "/calendar/",
    "/calendar/<int(min=1900, max=2200):year>/<int(min=1, max=12):month>",
    "/embed",
    "/events.ics",
    "/events.json",
    "/events/<slug>",
    "/events/<slug>.ics",
    "/favicon.ico",
    "/feed.json",
    "/healthz",
    "/images/<string(length=64):digest>.jpg",
    "/login",
    "/past",
    "/readyz",
    "/search",
    "/series/<slug>",
    "/speakers/<slug>",
    "/venues/<slug>",
    "/week/",
    "/week/<day>",
]


def test_the_fuzzed_routes_are_every_public_route(app):
    """A new public route fails this until it is added to PUBLIC_ROUTES, and so fuzzed."""
    assert (
        sorted(
            rule.rule
            for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and not rule.rule.startswith(("/organiser", "/static"))
        )
        == PUBLIC_ROUTES
    )


def fill(rule: str, segments: list[str]) -> str:
    parts = iter(segments)
    return re.sub(r"<[^>]+>", lambda _m: quote(next(parts), safe=""), rule)


@pytest.fixture
def published(store_events):
    return store_events(event("Branch meeting"), event("Film night", tags=["film"]))


@pytest.mark.parametrize("rule", PUBLIC_ROUTES)
@FUZZ
@given(
    segments=st.lists(junk, min_size=2, max_size=2),
    query=st.dictionaries(st.sampled_from(PARAMS), junk, max_size=4),
)
@example(segments=["1", "1"], query={"page": "²", "limit": "①"})
@example(segments=["\x00", "\x00"], query={"from": "0001-01-01"})
@example(segments=["9999", "12"], query={"to": "9999-12-31", "page": "⁵"})
def test_no_public_route_answers_5xx_to_junk(client, published, rule, segments, query):
    path = fill(rule, segments)

    response = client.get(path, query_string=query)

    assert response.status_code < 500, (path, query, response.get_data(as_text=True)[:300])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/past?page=²", "page must be a whole number from 1 to 10000"),
        ("/embed?limit=①", "limit must be a whole number from 1 to 50"),
        ("/api/v1/events?page=⁵", "page must be a whole number from 1 to 100000"),
        ("/api/v1/events?limit=99999999999999999999", "limit must be a whole number from 1 to 200"),
        ("/?from=0001-01-01", "from must be a date from 1900 to 2200"),
        ("/events.ics?to=9999-12-31", "to must be a date from 1900 to 2200"),
        ("/?q=a%00b", "q must not contain control characters"),
        ("/embed?title=%0A", "title must not contain control characters"),
        ("/?%01=x", "Query parameters must not contain control characters"),
    ],
)
def test_unreadable_query_parameters_are_400_with_a_reason(client, path, message):
    response = client.get(path)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/1/1",
        "/calendar/9999/12",
        "/calendar/²/1",
        "/calendar/٢٠٢٦/1",
        "/week/0001-01-01",
        "/week/9999-12-31",
        "/events/%00",
        "/venues/%00",
        "/speakers/a%00b",
        "/series/%01",
        "/events/%00.ics",
        "/api/v1/events/%00",
        "/events/x%0Ay",
    ],
)
def test_out_of_range_periods_and_control_characters_in_paths_are_404(client, path):
    assert client.get(path).status_code == 404


def test_a_calendar_month_in_range_is_still_served(client):
    assert client.get("/calendar/1900/1").status_code == 200
    assert client.get("/calendar/2200/12").status_code == 200


def test_a_nul_in_a_slug_sends_no_query(app, client, published):
    """PostgreSQL refuses NUL in a query and logged the whole statement; no query is sent."""
    statements = []
    engine = app.extensions["events_db"].engine

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sqlalchemy_event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/venues/%00").status_code == 404
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", record)
    assert statements == []


@pytest.mark.parametrize("depth", [100_000, 2_000])
def test_deeply_nested_json_to_the_parse_api_is_400(signed_in, depth):
    body = "[" * depth + "]" * depth
    response = signed_in.post("/api/v1/parse", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == (
        'The body must be a JSON object with "text": the announcement, or "url": its address'
    )


ZONES = ["Europe/London", "Pacific/Kiritimati", "Etc/GMT+12", "America/Los_Angeles"]
EDGE_DAYS = ["0001-01-01", "0001-01-03", "9999-12-25", "9999-12-31", "1899-12-31", "2201-01-01"]
TEXTS = [SEED_PARAGRAPH, "Talk on 31 December 9999 at 11pm", "Film night this Saturday at 7pm"]


def parse(client, text: str, reference: str, zone: str):
    return client.post(
        "/api/v1/parse", json={"text": text, "reference_date": reference, "timezone": zone}
    )


@pytest.mark.parametrize("reference", EDGE_DAYS)
def test_parse_api_refuses_reference_dates_beyond_the_calendar(signed_in, reference):
    responses = [parse(signed_in, text, reference, zone) for zone in ZONES for text in TEXTS]

    assert {(r.status_code, r.get_json()["error"]["message"]) for r in responses} == {
        (422, "The reference date must be between the years 1900 and 2200")
    }


@pytest.mark.parametrize("reference", ["1900-01-01", "2200-12-31"])
def test_parse_api_reads_at_the_edges_of_the_range(signed_in, reference):
    statuses = {
        parse(signed_in, text, reference, zone).status_code for zone in ZONES for text in TEXTS
    }

    assert statuses == {200}


@pytest.mark.parametrize("reference", EDGE_DAYS)
def test_paste_form_refuses_reference_dates_beyond_the_calendar(signed_in, reference):
    response = paste(signed_in, reference=reference)

    assert response.status_code == 422
    assert "The reference date must be between the years 1900 and 2200" in response.get_data(
        as_text=True
    )


def _review_fields(client) -> dict[str, str]:
    page = paste(client).get_data(as_text=True)
    return {**review_form(page), "csrf_token": csrf_of(page), "action": "draft"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("count", "²", "count must be a whole number from 0 to 50"),
        ("count", "9" * 30, "count must be a whole number from 0 to 50"),
        ("e1-parent", "①", "parent must be a whole number from 0 to 49"),
    ],
)
def test_publish_form_numbers_are_read_at_the_edge(signed_in, app_session, field, value, message):
    fields = _review_fields(signed_in)
    before = repository.data_version(app_session)

    response = signed_in.post("/organiser/publish", data={**fields, field: value})

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    app_session.rollback()
    assert repository.data_version(app_session) == before


def test_an_unreadable_edit_version_is_stale_not_a_500(signed_in, app_session):
    fields = _review_fields(signed_in)
    assert signed_in.post("/organiser/publish", data=fields).status_code == 302
    app_session.rollback()
    stored = repository.list_events(app_session, EventFilter(include_drafts=True), limit=1)[0]
    edit = signed_in.get(f"/organiser/events/{stored.id}/edit").get_data(as_text=True)
    form = {**review_form(edit), "csrf_token": csrf_of(edit), "version": "⁵"}

    response = signed_in.post(f"/organiser/events/{stored.id}/edit", data=form)

    assert response.status_code == 409


def test_merge_target_is_read_at_the_edge(client, admin, store_events, app_session):
    store_events(event("A", venues=[venue("Hall one")]), event("B", venues=[venue("Hall two")]))
    assert sign_in(client, "admin@example.org").status_code == 302
    hall = repository.list_venues(app_session)[0].id
    token = csrf_of(client.get("/organiser/").get_data(as_text=True))

    response = client.post(
        f"/organiser/venues/{hall}/merge", data={"into": "①", "csrf_token": token}
    )

    assert response.status_code == 400
    assert "into must be a whole number" in response.get_data(as_text=True)
    assert len(repository.list_venues(app_session)) == 2


def test_a_body_over_the_limit_is_413_naming_the_limit(signed_in):
    token = csrf_of(signed_in.get("/organiser/new").get_data(as_text=True))

    response = signed_in.post(
        "/organiser/new", data={"text": "a" * (1024 * 1024 + 10), "csrf_token": token}
    )

    assert response.status_code == 413
    assert "larger than this site accepts here: at most 1 MiB" in response.get_data(as_text=True)
