"""The "repeats" control: the few shapes of repeat an organiser means (weekly on some weekdays,
monthly on the nth weekday, each every so many weeks or months, until a date or so many times)
as the RRULE they are, and a stored rule read back into the control.

A rule is shown in the control only when the control writes it back unchanged; any other
(an imported BYMONTHDAY, an UNTIL at some hour) stays the raw rule it is, so opening and saving
an event never alters a repeat nobody touched. The rule is written by icalendar's vRecur, as
recurrence.normalise_rule writes every stored rule. UNTIL is the end of the chosen day on the
event's clock, in UTC as RFC 5545 asks beside a zoned start; for an all-day event, the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from icalendar.prop import vRecur

from .domain import InvalidEventError

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
NTHS = (1, 2, 3, 4, -1)  # the first to fourth, and the last
KINDS = ("", "weekly", "monthly", "custom")
INTERVAL_MAX = 99
COUNT_MAX = 1000


@dataclass(frozen=True)
class Repeats:
    """What the control says: `kind` "" for no repeat, "custom" for the raw rule."""

    kind: str = ""
    interval: int = 1
    days: tuple[str, ...] = ()  # weekly
    nth: int = 1  # monthly, with `weekday`
    weekday: str = "MO"
    until: date | None = None
    count: int | None = None


def rule_of(choice: Repeats, zone: str, *, all_day: bool) -> str | None:
    """The RRULE the control describes (None for no repeat)."""
    if choice.kind not in ("weekly", "monthly"):
        return None
    if choice.until and choice.count:
        raise InvalidEventError("Repeats: give an end date or a number of times, not both")
    if not 1 <= choice.interval <= INTERVAL_MAX:
        raise InvalidEventError(f"Repeats: every 1 to {INTERVAL_MAX} weeks or months")
    if choice.count is not None and not 1 <= choice.count <= COUNT_MAX:
        raise InvalidEventError(f"Repeats: 1 to {COUNT_MAX} times")
    parts: dict[str, object] = {"FREQ": choice.kind.upper()}
    if choice.interval != 1:
        parts["INTERVAL"] = choice.interval
    if choice.kind == "weekly":
        if not choice.days or any(day not in WEEKDAYS for day in choice.days):
            raise InvalidEventError("Repeats weekly: tick the days of the week it is on")
        parts["BYDAY"] = [day for day in WEEKDAYS if day in choice.days]
    else:
        if choice.nth not in NTHS or choice.weekday not in WEEKDAYS:
            raise InvalidEventError("Repeats monthly: choose which weekday of the month")
        parts["BYDAY"] = [f"{choice.nth}{choice.weekday}"]
    if choice.until:
        parts["UNTIL"] = choice.until if all_day else _end_of_day(choice.until, zone)
    if choice.count:
        parts["COUNT"] = choice.count
    return vRecur(parts).to_ical().decode("ascii")


def choice_of(rule: str | None, zone: str, *, all_day: bool) -> Repeats:
    """The control showing `rule`: "custom" when the control cannot write it as it is."""
    if not rule:
        return Repeats()
    try:
        choice = _read(vRecur.from_ical(rule), zone)
        same = choice is not None and rule_of(choice, zone, all_day=all_day) == rule
    except (ValueError, TypeError, KeyError, InvalidEventError):
        same = False
    return choice if same and choice else Repeats(kind="custom")


def _read(parts: vRecur, zone: str) -> Repeats | None:
    kind = str(parts.get("FREQ", [""])[0]).lower()
    known = {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT"}
    if kind not in ("weekly", "monthly") or set(parts) - known:
        return None
    days = [str(day).upper() for day in parts.get("BYDAY", [])]
    until = parts.get("UNTIL", [None])[0]
    if isinstance(until, datetime):
        until = until.astimezone(ZoneInfo(zone)).date()
    common = {
        "interval": int(parts.get("INTERVAL", [1])[0]),
        "until": until,
        "count": int(parts["COUNT"][0]) if "COUNT" in parts else None,
    }
    if kind == "weekly":
        return Repeats("weekly", days=tuple(days), **common)
    if len(days) != 1 or len(days[0]) < 3:
        return None
    return Repeats("monthly", nth=int(days[0][:-2]), weekday=days[0][-2:], **common)


def _end_of_day(day: date, zone: str) -> datetime:
    """The last second of `day` on the zone's clock, in UTC."""
    last = datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(zone))
    return last.astimezone(UTC)
