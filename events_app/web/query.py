"""Query parameters of listings and feeds, read into an EventFilter or refused with a reason."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from werkzeug.datastructures import MultiDict

from ..domain import EventFilter
from .errors import BadQueryError

MAX_PARAM = 200
FILTER_PARAMS = ("venue", "speaker", "tag", "series", "q", "from", "to")


def text_param(args: MultiDict[str, str], name: str) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    if "\x00" in value or any(ord(c) < 32 and c not in "\t" for c in value):
        raise BadQueryError(f"{name} must not contain control characters")
    if len(value) > MAX_PARAM:
        raise BadQueryError(f"{name} is too long: at most {MAX_PARAM} characters")
    return value.strip() or None


def date_param(args: MultiDict[str, str], name: str) -> date | None:
    value = text_param(args, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else _invalid_date(name)
    except ValueError:
        return _invalid_date(name)


def _invalid_date(name: str):
    raise BadQueryError(f"{name} must be a date, YYYY-MM-DD")


def int_param(args: MultiDict[str, str], name: str, default: int, lo: int, hi: int) -> int:
    value = text_param(args, name)
    if value is None:
        return default
    if not value.isdigit() or not lo <= int(value) <= hi:
        raise BadQueryError(f"{name} must be a whole number from {lo} to {hi}")
    return int(value)


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
        starts_before=_midnight(last + timedelta(days=1), zone)
        if last and last < date.max
        else None,
    )


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def active_filters(args: MultiDict[str, str]) -> dict[str, str]:
    return {name: args[name] for name in FILTER_PARAMS if args.get(name)}
