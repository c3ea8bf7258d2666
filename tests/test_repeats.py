"""The repeats control and the RRULE it stands for: each shape the control offers writes the
rule a calendar reads, and a stored rule comes back into the control only when the control
would write it unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from events_app.domain import InvalidEventError
from events_app.recurrence import normalise_rule
from events_app.repeats import Repeats, choice_of, rule_of

LONDON = "Europe/London"
CASES = [
    (Repeats("weekly", days=("TU", "TH")), False, "FREQ=WEEKLY;BYDAY=TU,TH"),
    (
        Repeats("weekly", interval=2, days=("MO",), until=date(2027, 6, 30)),
        False,
        "FREQ=WEEKLY;UNTIL=20270630T225959Z;INTERVAL=2;BYDAY=MO",
    ),
    (
        Repeats("weekly", days=("SA",), until=date(2027, 1, 31)),
        False,
        "FREQ=WEEKLY;UNTIL=20270131T235959Z;BYDAY=SA",
    ),
    (
        Repeats("weekly", days=("SA",), until=date(2027, 6, 30)),
        True,
        "FREQ=WEEKLY;UNTIL=20270630;BYDAY=SA",
    ),
    (Repeats("monthly", nth=-1, weekday="FR", count=10), False, "FREQ=MONTHLY;COUNT=10;BYDAY=-1FR"),
    (
        Repeats("monthly", nth=2, weekday="SA", interval=3),
        True,
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=2SA",
    ),
]


@pytest.mark.parametrize(("choice", "all_day", "rule"), CASES)
def test_the_control_writes_the_rule_and_reads_it_back(choice, all_day, rule):
    start = None if all_day else datetime(2026, 12, 1, 18, tzinfo=UTC)

    assert rule_of(choice, LONDON, all_day=all_day) == rule
    assert normalise_rule(rule, start) == rule
    assert choice_of(rule, LONDON, all_day=all_day) == choice


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYMONTHDAY=1",
        "FREQ=WEEKLY;UNTIL=20270630T190000Z;BYDAY=MO",
        "FREQ=YEARLY",
        "FREQ=MONTHLY;BYDAY=MO,TU",
        "FREQ=WEEKLY;BYDAY=MO;WKST=SU",
    ],
)
def test_a_rule_the_control_cannot_write_stays_a_rule(rule):
    assert choice_of(rule, LONDON, all_day=False) == Repeats(kind="custom")


def test_no_rule_is_no_repeat():
    assert (choice_of(None, LONDON, all_day=False), rule_of(Repeats(), LONDON, all_day=False)) == (
        Repeats(),
        None,
    )


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (Repeats("weekly"), "Repeats weekly: tick the days of the week it is on"),
        (
            Repeats("weekly", days=("MO",), until=date(2027, 1, 1), count=3),
            "Repeats: give an end date or a number of times, not both",
        ),
        (Repeats("monthly", nth=5), "Repeats monthly: choose which weekday of the month"),
        (Repeats("weekly", days=("MO",), interval=0), "Repeats: every 1 to 99 weeks or months"),
        (Repeats("weekly", days=("MO",), count=5000), "Repeats: 1 to 1000 times"),
    ],
)
def test_a_control_that_says_no_repeat_is_refused_with_what_to_change(choice, message):
    with pytest.raises(InvalidEventError) as refused:
        rule_of(choice, LONDON, all_day=False)

    assert str(refused.value) == message
