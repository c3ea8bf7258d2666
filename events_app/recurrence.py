"""Repeat rules (RFC 5545 RRULE) read, checked and written in one canonical form.

Every rule is parsed by python-dateutil (which refuses unknown parts and values) and written
back by icalendar, the library the feeds render it with, so what is stored is exactly what a
feed will carry. Rules that no calendar should be asked to expand are refused with a reason.
"""

from __future__ import annotations

from datetime import UTC, datetime

from dateutil.rrule import rrulestr
from icalendar.prop import vRecur

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
SIGNED = frozenset({"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"})


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
    _parse_with_dateutil(rule, start)
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
    return vRecur(parts).to_ical().decode("ascii")


def _parse_with_dateutil(rule: str, start: datetime | None) -> None:
    """dateutil reads the rule as a calendar would expand it; an UNTIL written without a zone
    beside a zoned start is tried again as floating, as many calendars write it."""
    anchor = start or datetime(2000, 1, 1, tzinfo=UTC)
    for dtstart in (anchor, anchor.replace(tzinfo=None)):
        try:
            rrulestr(rule, dtstart=dtstart, cache=False)
            return
        except (ValueError, TypeError, OverflowError, IndexError) as exc:
            error = str(exc)
    reason = error if error.startswith(("invalid '", "unknown parameter")) else ""
    reason = reason or "each part must be NAME=VALUE, and FREQ is required"
    raise InvalidEventError(
        f"Repeat rule not understood ({reason}); write it as an RRULE, such as {EXAMPLE}"
    )
