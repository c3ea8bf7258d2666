"""What arrives in a request, read at the edge: query parameters into an EventFilter, whole
numbers, dates and JSON bodies, each either understood or refused with a reason (400).

One reader for each kind, so that no view calls `int()` or `date.fromisoformat()` on raw
input: `str.isdigit()` accepts '²' and '①', which `int()` then refuses, and a date next to
`date.min` or `date.max` overflows as soon as a zone or a day is added to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from werkzeug.datastructures import MultiDict
from werkzeug.routing import BaseConverter, ValidationError

from ..domain import EARLIEST_YEAR, LATEST_YEAR, EventFilter
from .errors import BadQueryError

MAX_PARAM = 200
FILTER_PARAMS = ("venue", "speaker", "tag", "series", "q", "from", "to")
WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")
MAX_WHOLE_NUMBER = 2**31 - 1
FIRST_YEAR, LAST_YEAR = EARLIEST_YEAR, LATEST_YEAR
"""The years a date typed into this site may name (the domain's calendar range): arithmetic
on them (a day either side, any zone's offset) can never overflow."""
QUERY_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def text_param(args: MultiDict[str, str], name: str) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    if QUERY_CONTROL.search(value):
        raise BadQueryError(f"{name} must not contain control characters")
    if len(value) > MAX_PARAM:
        raise BadQueryError(f"{name} is too long: at most {MAX_PARAM} characters")
    return value.strip() or None


def number_or_none(value: str | None, lo: int, hi: int) -> int | None:
    """ASCII digits only, within [lo, hi]; None for anything else."""
    value = (value or "").strip()
    if not WHOLE_NUMBER.fullmatch(value) or not lo <= int(value) <= hi:
        return None
    return int(value)


def whole_number(value: str | None, name: str, lo: int, hi: int) -> int | None:
    """ASCII digits only, within [lo, hi]; None when the value is missing or blank, and a
    400 naming the field for anything else."""
    if value is None or not value.strip():
        return None
    found = number_or_none(value, lo, hi)
    if found is None:
        raise BadQueryError(f"{name} must be a whole number from {lo} to {hi}")
    return found


def int_param(args: MultiDict[str, str], name: str, default: int, lo: int, hi: int) -> int:
    found = whole_number(text_param(args, name), name, lo, hi)
    return default if found is None else found


def form_int(
    form: Mapping[str, str], name: str, default: int, lo: int = 0, hi: int = MAX_WHOLE_NUMBER
) -> int:
    """A whole number from a form field (a count, a revision, an id to merge into)."""
    found = whole_number(form.get(name), name, lo, hi)
    return default if found is None else found


def day(value: str | None, name: str) -> date | None:
    """A day written YYYY-MM-DD; None when blank. Whether the day is one this site can carry
    is the domain's decision (`check_calendar_date`), or `date_param`'s for listings."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value) if len(value) == 10 else _not_a_day(name)
    except ValueError:
        return _not_a_day(name)


def _not_a_day(name: str):
    raise BadQueryError(f"{name} must be a date, YYYY-MM-DD")


def date_param(args: MultiDict[str, str], name: str) -> date | None:
    """A day bounding a listing: outside the years events can have, it could only overflow."""
    found = day(text_param(args, name), name)
    if found is not None and not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise BadQueryError(f"{name} must be a date from {FIRST_YEAR} to {LAST_YEAR}")
    return found


def json_object(body: bytes, expected: str) -> dict[str, Any]:
    """A JSON object from a request body (`expected` says what it should hold). Nesting deep
    enough to exhaust the decoder's stack is refused like any other malformed body."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict):
        raise BadQueryError(f"The body must be a JSON object {expected}")
    return document


def event_filter(args: MultiDict[str, str], timezone: str) -> EventFilter:
    """`from` and `to` are days in the site's zone, both included."""
    zone = ZoneInfo(timezone)
    first, last = date_param(args, "from"), date_param(args, "to")
    if first and last and last < first:
        raise BadQueryError("to must not be before from")
    return EventFilter(
        venue=text_param(args, "venue"),
        speaker=text_param(args, "speaker"),
        tag=text_param(args, "tag"),
        series=text_param(args, "series"),
        text=text_param(args, "q"),
        ends_after=_midnight(first, zone) if first else None,
        starts_before=_midnight(last + timedelta(days=1), zone) if last else None,
    )


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def active_filters(args: MultiDict[str, str]) -> dict[str, str]:
    return {name: args[name] for name in FILTER_PARAMS if args.get(name)}


def path_has_control_characters(path: str) -> bool:
    """No page's address has one, and PostgreSQL refuses NUL in a query."""
    return PATH_CONTROL.search(path) is not None


def check_query_text(args: MultiDict[str, str]) -> None:
    """No query parameter (name or value) may hold a control character other than tab."""
    for name, value in args.items(multi=True):
        if QUERY_CONTROL.search(name) or QUERY_CONTROL.search(value):
            shown = name if not QUERY_CONTROL.search(name) else "Query parameters"
            raise BadQueryError(f"{shown[:40]} must not contain control characters")


class AsciiIntConverter(BaseConverter):
    """`<int:...>` in routes, ASCII digits only: Werkzeug's own matches any Unicode digit
    with `\\d`, so '٢' would name the same page as '2' and '²' would reach `int()`."""

    regex = r"[0-9]{1,10}"
    part_isolating = True

    def __init__(self, map, min: int = 0, max: int = MAX_WHOLE_NUMBER) -> None:
        super().__init__(map)
        self.min, self.max = min, max

    def to_python(self, value: str) -> int:
        number = int(value)
        if not self.min <= number <= self.max:
            raise ValidationError
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))
