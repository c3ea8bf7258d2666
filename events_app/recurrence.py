"""Repeat rules (RFC 5545 RRULE) read, checked and written in one canonical form.

Every rule is parsed by python-dateutil (which refuses unknown parts and values) and written
back by icalendar, the library the feeds render it with, so what is stored is exactly what a
feed will carry. Rules that no calendar should be asked to expand are refused with a reason,
among them a rule whose parts never meet on a real date: its first date is looked for in a
child process that is stopped after RULE_BUDGET_SECONDS, since dateutil (like the calendars
that read the feed) would otherwise search period by period until the year 9999.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from icalendar.prop import vRecur

from . import budget
from .domain import RECURRENCE_MAX, InvalidEventError

EXAMPLE = "FREQ=WEEKLY;BYDAY=TU or FREQ=MONTHLY;BYDAY=1SA"
TOO_FREQUENT = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
RANGES = {
    "BYMONTH": (1, 12),
    "BYMONTHDAY": (1, 31),
    "BYYEARDAY": (1, 366),
    "BYWEEKNO": (1, 53),
    "BYHOUR": (0, 23),
    "BYMINUTE": (0, 59),
    "BYSECOND": (0, 60),
    "BYSETPOS": (1, 366),
    "INTERVAL": (1, 1000),
    "COUNT": (1, 10_000),
}
_WEEKDAY_NUMBER = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
SIGNED = frozenset({"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"})
RULE_BUDGET_SECONDS = 1.0  # a rule that gives dates gives its first in milliseconds


def normalise_rule(text: str | None, start: datetime | None = None) -> str | None:
    """The canonical form of a repeat rule (None for none); InvalidEventError says what is
    wrong in words an organiser can act on."""
    if text is None or not text.strip():
        return None
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :].strip()
    if len(rule) > RECURRENCE_MAX:
        raise InvalidEventError(f"Repeat rule is too long: at most {RECURRENCE_MAX} characters")
    if "\n" in rule or "\r" in rule:
        raise InvalidEventError(f"Repeat rule must be one line, such as {EXAMPLE}")
    dtstart = _parse_with_dateutil(rule, start)
    parts = vRecur.from_ical(rule)
    frequency = str((parts.get("FREQ") or [""])[0]).upper()
    if not frequency:
        raise InvalidEventError(f"Repeat rule needs FREQ (how often), such as {EXAMPLE}")
    if frequency in TOO_FREQUENT:
        raise InvalidEventError("Repeat rule repeats too often: at most once a day")
    for name, (low, high) in RANGES.items():
        for value in parts.get(name, []):
            number = abs(value) if name in SIGNED else value
            if not isinstance(number, int) or not low <= number <= high:
                raise InvalidEventError(
                    f"Repeat rule's {name} must be between {low} and {high}, not {value}"
                )
    canonical = vRecur(parts).to_ical().decode("ascii")
    if not names_a_real_day(parts, dtstart.year):
        raise InvalidEventError(f"Repeat rule names no date that exists ({canonical})")
    _check_gives_a_date(canonical, dtstart)
    return canonical


def names_a_real_day(rule: vRecur, year: int) -> bool:
    """False for a rule whose day filters no day meets: 30 February, or day 200 of January.
    dateutil would search for such a day until the year 9999, which takes many seconds.
    BYMONTH with BYMONTHDAY is settled from the months' lengths; BYYEARDAY and BYWEEKNO are
    tried on every day of 29 years from `year` (the weekdays and leap years of the Gregorian
    calendar repeat within that span, no century year falling in it before 2100)."""
    months = [int(m) for m in rule.get("BYMONTH", [])] or list(range(1, 13))
    days = [int(d) for d in rule.get("BYMONTHDAY", [])]
    if days:
        longest = {m: calendar.monthrange(2024, m)[1] for m in range(1, 13)}  # a leap year
        if not any(abs(d) <= longest.get(m, 31) for m in months for d in days):
            return False
    if not (rule.get("BYYEARDAY") or rule.get("BYWEEKNO")):
        return True
    if rule.get("BYWEEKNO") and str(rule.get("WKST", ["MO"])[0]).upper() != "MO":
        return True  # weeks counted from another day: not tried here
    return any(_day_matches(rule, day) for day in _days(year, 29))


def _days(first_year: int, years: int) -> Iterable[date]:
    day, end = date(first_year, 1, 1), date(first_year + years, 1, 1)
    while day < end:
        yield day
        day += timedelta(days=1)


def _day_matches(rule: Any, day: date) -> bool:
    """Whether the day passes the rule's day filters (nth weekdays read as any such weekday,
    so this says yes wherever the rule might)."""

    def hits(values: list[Any], positive: int, count: int) -> bool:
        return any(int(v) == positive or int(v) == positive - count - 1 for v in values)

    year_length = 366 if calendar.isleap(day.year) else 365
    month_length = calendar.monthrange(day.year, day.month)[1]
    weeks = date(day.year, 12, 28).isocalendar()[1]
    iso_year, week, _ = day.isocalendar()
    checks = [
        ("BYMONTH", lambda v: day.month in {int(m) for m in v}),
        ("BYMONTHDAY", lambda v: hits(v, day.day, month_length)),
        ("BYYEARDAY", lambda v: hits(v, day.timetuple().tm_yday, year_length)),
        ("BYWEEKNO", lambda v: iso_year == day.year and hits(v, week, weeks)),
        ("BYDAY", lambda v: day.weekday() in {_WEEKDAY_NUMBER.get(str(d)[-2:].upper()) for d in v}),
    ]
    return all(test(rule[name]) for name, test in checks if rule.get(name))


def _check_gives_a_date(rule: str, dtstart: datetime) -> None:
    try:
        first = budget.run_within(RULE_BUDGET_SECONDS, _first_date, rule, dtstart)
    except budget.OverBudgetError:
        raise InvalidEventError(
            f"Repeat rule takes too long to work out ({rule}): its parts seem never to meet "
            "on a real date, such as a second Monday in a single day or week 1 in June"
        ) from None
    if first is None:
        raise InvalidEventError(
            f"Repeat rule gives no date from the event's start ({rule}): check its parts "
            "and its end (UNTIL, COUNT)"
        )


def _first_date(_report: object, rule: str, dtstart: datetime) -> datetime | None:
    """The rule's first date from `dtstart`: run under a budget, as it may never come."""
    return next(iter(rrulestr(rule, dtstart=dtstart, cache=False)), None)


def _parse_with_dateutil(rule: str, start: datetime | None) -> datetime:
    """dateutil reads the rule as a calendar would expand it; an UNTIL written without a zone
    beside a zoned start is tried again as floating, as many calendars write it. The start
    that reads is returned, to expand the rule from."""
    anchor = start or datetime(2000, 1, 1, tzinfo=UTC)
    for dtstart in (anchor, anchor.replace(tzinfo=None)):
        try:
            rrulestr(rule, dtstart=dtstart, cache=False)
            return dtstart
        except (ValueError, TypeError, OverflowError, IndexError) as exc:
            error = str(exc)
    reason = error if error.startswith(("invalid '", "unknown parameter")) else ""
    reason = reason or "each part must be NAME=VALUE, and FREQ is required"
    raise InvalidEventError(
        f"Repeat rule not understood ({reason}); write it as an RRULE, such as {EXAMPLE}"
    )
