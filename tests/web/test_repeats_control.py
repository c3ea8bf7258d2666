"""The event form's repeats control, through the real views: what it is set to is stored as
the RRULE, a stored rule is shown back in it, a rule it cannot show stays in the advanced
field, and a refusal names what to change."""

from __future__ import annotations

import html
import re

import pytest

from events_app.domain import EventFilter
from events_app.store import repository
from tests.web.organiser_helpers import post, review_form


def new_event(client, **control) -> tuple[int, str]:
    page = client.get("/organiser/events/new").get_data(as_text=True)
    fields: dict = review_form(page)
    fields.update({"e0-title": "Branch meeting", "e0-start_date": "2027-01-14"})
    fields.update({"e0-start_time": "18:30", "action": "publish"})
    fields.update({f"e0-{name}": value for name, value in control.items()})
    done = post(client, "/organiser/publish", fields)
    return done.status_code, html.unescape(done.get_data(as_text=True))


def stored_rules(app_session) -> list[str | None]:
    app_session.rollback()
    return [e.recurrence for e in repository.list_events(app_session, EventFilter())]


def control_shown(client, app_session) -> dict:
    [event] = repository.list_events(app_session, EventFilter())
    page = client.get(f"/organiser/events/{event.id}/edit").get_data(as_text=True)
    fields = review_form(page)
    days = re.findall(r'name="repeat_days" type="checkbox" value="(\w\w)" checked', page)
    shown = {k: v for k, v in fields.items() if k.startswith("repeat") or k == "recurrence"}
    return {**shown, "repeat_days": days}


@pytest.mark.parametrize(
    ("control", "rule"),
    [
        (
            {"repeat": "weekly", "repeat_days": ["TU", "TH"], "repeat_until": "2027-06-30"},
            "FREQ=WEEKLY;UNTIL=20270630T225959Z;BYDAY=TU,TH",
        ),
        (
            {"repeat": "monthly", "repeat_nth": "2", "repeat_weekday": "TH", "repeat_count": "6"},
            "FREQ=MONTHLY;COUNT=6;BYDAY=2TH",
        ),
        (
            {"repeat": "custom", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=14"},
            "FREQ=MONTHLY;BYMONTHDAY=14",
        ),
        ({"repeat": "", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=14"}, None),
    ],
    ids=["weekly-until", "monthly-count", "advanced-rule", "does-not-repeat"],
)
def test_the_control_is_stored_as_the_rule(signed_in, app_session, control, rule):
    status, _ = new_event(signed_in, **control)

    assert status == 302
    assert stored_rules(app_session) == [rule]


def test_a_stored_weekly_rule_is_shown_back_in_the_control(signed_in, app_session):
    new_event(signed_in, repeat="weekly", repeat_days=["TU", "TH"], repeat_count="10")

    assert control_shown(signed_in, app_session) == {
        "repeat": "weekly",
        "repeat_every": "1",
        "repeat_days": ["TU", "TH"],
        "repeat_nth": "2",
        "repeat_weekday": "TH",
        "repeat_until": "",
        "repeat_count": "10",
        "recurrence": "",
    }


def test_a_rule_the_control_cannot_show_stays_in_the_advanced_field(signed_in, app_session):
    new_event(signed_in, repeat="custom", recurrence="FREQ=MONTHLY;BYMONTHDAY=14")

    shown = control_shown(signed_in, app_session)

    assert (shown["repeat"], shown["recurrence"]) == ("custom", "FREQ=MONTHLY;BYMONTHDAY=14")


def test_a_new_event_offers_its_own_weekday(signed_in):
    page = signed_in.get("/organiser/events/new").get_data(as_text=True)
    fields = review_form(page)

    assert (fields["e0-repeat"], fields["e0-repeat_every"], fields["e0-recurrence"]) == (
        "",
        "1",
        "",
    )


@pytest.mark.parametrize(
    ("control", "message"),
    [
        ({"repeat": "weekly"}, "Repeats weekly: tick the days of the week it is on"),
        (
            {
                "repeat": "weekly",
                "repeat_days": ["MO"],
                "repeat_count": "3",
                "repeat_until": "2027-03-01",
            },
            "Repeats: give an end date or a number of times, not both",
        ),
        (
            {"repeat": "monthly", "repeat_nth": "x"},
            "Repeats on the nth weekday must be a whole number",
        ),
        ({"repeat": "yearly"}, "Repeats: choose weekly, monthly, a rule or none"),
    ],
)
def test_a_control_that_cannot_be_read_is_refused_and_nothing_stored(
    signed_in, app_session, control, message
):
    status, page = new_event(signed_in, **control)

    assert (status, message in page) == (422, True)
    assert stored_rules(app_session) == []
