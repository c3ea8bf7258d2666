"""VTIMEZONE components that every calendar client reads the same way, over any span of years.

icalendar's `Timezone.from_tzid` writes each kind of observance once, with every later onset in
one comma-separated RDATE list; ical.js (Thunderbird) and vobject read only the first value of
that list, so a feed whose events span more than a year is read an hour off. Here the onsets
are taken from the tz database and folded into yearly RRULE observances ("last Sunday of March
at 01:00") as the tz database itself states its rules; an onset that follows no yearly pattern
gets an observance of its own. Every client reads RRULE observances, since that is how
Outlook, Google and the tzurl.org zones are written.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

FIRST_YEAR = 1900
LAST_YEAR = 2200
_STEP = timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Onset:
    """The moment a zone's offset (or its name or daylight-saving flag) changes."""

    at: datetime  # the instant, in UTC
    offset_from: timedelta
    offset_to: timedelta
    daylight: bool
    name: str

    @property
    def local(self) -> datetime:
        """The onset as RFC 5545 writes it: wall time under the offset in force before it."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def kind(self) -> tuple:
        local = self.local
        return (
            self.offset_from,
            self.offset_to,
            self.daylight,
            self.name,
            local.month,
            local.weekday(),
            local.time(),
        )

    def day_rules(self) -> set[str]:
        """The ways a yearly rule can name this onset's day: "-1SU", "2SU" or "=14"."""
        local = self.local
        weekday = _WEEKDAYS[local.weekday()]
        rules = {f"{(local.day - 1) // 7 + 1}{weekday}", f"={local.day}"}
        if local.day > calendar.monthrange(local.year, local.month)[1] - 7:
            rules.add(f"-1{weekday}")
        return rules


def _state(zone: ZoneInfo, instant: datetime) -> tuple[timedelta, bool, str]:
    local = instant.astimezone(zone)
    return local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or ""


def onsets(zone: ZoneInfo, start: datetime, end: datetime) -> Iterator[Onset]:
    """Every change between two UTC instants, found by stepping a day at a time and bisecting
    to the second where the zone's state differs."""
    moment, state = start, _state(zone, start)
    while moment < end:
        following = moment + _STEP
        new_state = _state(zone, following)
        if new_state != state:
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)
            yield Onset(high, state[0], new_state[0], new_state[1], new_state[2])
            state = new_state
        moment = following


@dataclass
class _Run:
    """Onsets of one kind in consecutive years that one day rule names."""

    onsets: list[Onset]
    rules: set[str]

    def takes(self, onset: Onset) -> bool:
        last = self.onsets[-1]
        return (
            onset.kind == last.kind
            and onset.local.year == last.local.year + 1
            and bool(self.rules & onset.day_rules())
        )

    def add(self, onset: Onset) -> None:
        self.onsets.append(onset)
        self.rules &= onset.day_rules()


def _runs(found: list[Onset]) -> list[_Run]:
    open_runs: dict[tuple, _Run] = {}
    runs: list[_Run] = []
    for onset in found:
        run = open_runs.get(onset.kind)
        if run is not None and run.takes(onset):
            run.add(onset)
            continue
        run = _Run([onset], onset.day_rules())
        open_runs[onset.kind] = run
        runs.append(run)
    return runs


def _rule(run: _Run, open_ended: bool) -> icalendar.vRecur | None:
    if len(run.onsets) == 1:
        return None
    first = run.onsets[0].local
    # "last" before "nth": a last-Sunday rule stays right in the years it has five Sundays.
    day = min(run.rules, key=lambda r: (not r.startswith("-1"), r.startswith("="), r))
    recur = icalendar.vRecur(freq="YEARLY", bymonth=first.month)
    if day.startswith("="):
        recur["BYMONTHDAY"] = int(day[1:])
    else:
        recur["BYDAY"] = day
    if not open_ended:
        recur["UNTIL"] = run.onsets[-1].at
    return recur


def _observance(onset: Onset, rule: icalendar.vRecur | None) -> icalendar.Component:
    component = icalendar.TimezoneDaylight() if onset.daylight else icalendar.TimezoneStandard()
    component.add("dtstart", onset.local)
    component.add("tzoffsetfrom", onset.offset_from)
    component.add("tzoffsetto", onset.offset_to)
    if onset.name:
        component.add("tzname", onset.name)
    if rule is not None:
        component.add("rrule", rule)
    return component


def clamp_year(year: int) -> int:
    return min(max(year, FIRST_YEAR), LAST_YEAR)


@functools.lru_cache(maxsize=512)
def vtimezone(zone_name: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE for a zone, right for every instant from 1 January of `first_year` to the
    end of `last_year` and, where its present rules go on, for later years too."""
    zone = ZoneInfo(zone_name)
    first_year, last_year = clamp_year(first_year), clamp_year(max(first_year, last_year))
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    offset, daylight, name = _state(zone, start)
    component = icalendar.Timezone()
    component.add("tzid", zone_name)
    initial = Onset(start, offset, offset, daylight, name)
    component.add_component(_observance(initial, None))
    for run in _runs(list(onsets(zone, start, end))):
        open_ended = run.onsets[-1].local.year >= last_year and len(run.onsets) > 1
        component.add_component(_observance(run.onsets[0], _rule(run, open_ended)))
    return component.to_ical()
