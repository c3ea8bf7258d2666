"""Wall times that a zone's clock shows twice or never, and the repeats that fall on them.

RFC 5545 reads such a time as its first pass (the repeated hour of the night the clocks go
back) or with the offset before the gap (the skipped hour), but parsers split on it: icalendar,
ical and vobject read 01:30 on the night London's clocks go back as 00:30 UTC, ical.js,
node-ical and libical as 01:30 UTC. A feed therefore writes each such instant in UTC, which
every parser reads alike; for a repeating event that means finding which of its occurrences
fall on such a wall time, here, without expanding every series on every render: only a series
whose times of day meet an unclear span of its zone is expanded, and only up to that span.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from icalendar.prop import vRecur

from ..domain import ClockChange, clock_change
from .vtimezone import LAST_YEAR

_STEP = timedelta(days=7)  # no zone changes its offset and back within a week
_DAILY_OR_RARER = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})

Span = tuple[datetime, datetime]  # wall times [from, to) that one clock change makes unclear


def unclear(moment: datetime) -> bool:
    """Whether the zone's clock shows this zoned moment's wall time twice, or skips it."""
    zone = moment.tzinfo
    assert isinstance(zone, ZoneInfo)
    return clock_change(moment.replace(tzinfo=None), zone.key) is not ClockChange.NONE


def unclear_occurrences(rule: str, start: datetime, length: timedelta | None) -> list[datetime]:
    """The occurrences of `rule` from the zoned `start` (lasting `length`) that meet a wall
    time the zone repeats or skips, at their start, their end or in between (where parsers
    that add the length on the wall clock and those that add it exactly part ways), up to the
    last year a calendar may carry: wall times in the zone with fold 0, the instant RFC 5545
    gives a repeated or skipped wall time."""
    zone = start.tzinfo
    assert isinstance(zone, ZoneInfo)
    reach = length or timedelta(0)
    spans = _spans_met(unclear_spans(zone.key, start.year), _times_of_day(rule, start), reach)
    if not spans:
        return []
    occurrences, dtstart = _parsed(rule, start)
    period = _steady_period(rule)
    if period is None:  # a bounded count, or a monthly or yearly rule: one walk is cheap
        return _in_spans(_walls(occurrences), spans, reach, zone)
    until = _until_wall(rule, zone)
    found = []
    for span in spans:  # a daily or weekly rule without COUNT: walk only near each span
        if until is not None and span[0] - reach > until:
            break
        moved = occurrences.replace(dtstart=_moved_near(dtstart, span[0] - reach, period))
        found.extend(_in_spans(_walls(moved), [span], reach, zone))
    return found


def _in_spans(
    walls: Iterator[datetime], spans: list[Span], reach: timedelta, zone: ZoneInfo
) -> list[datetime]:
    found, index = [], 0
    for wall in walls:
        while index < len(spans) and wall >= spans[index][1]:
            index += 1
        if index == len(spans):
            break
        if wall + reach >= spans[index][0]:
            found.append(wall.replace(tzinfo=zone, fold=0))
    return found


@functools.lru_cache(maxsize=256)
def unclear_spans(zone_name: str, from_year: int) -> tuple[Span, ...]:
    """Every span of wall time that the zone repeats or skips, from `from_year` on."""
    zone = ZoneInfo(zone_name)
    spans = []
    for at, before, after in _offset_changes(zone, from_year):
        local = (at + before).replace(tzinfo=None)  # the change in the clock it ends
        if after > before:  # clocks go forward: these wall times never happen
            spans.append((local, local + (after - before)))
        else:  # clocks go back: these happen twice
            spans.append((local - (before - after), local))
    return tuple(spans)


def _offset_changes(zone: ZoneInfo, from_year: int) -> Iterator[tuple]:
    moment = datetime(from_year, 1, 1, tzinfo=UTC)
    end = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + _STEP
        new = following.astimezone(zone).utcoffset()
        if new != offset:
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            yield high.replace(microsecond=0), offset, new
            offset = new
        moment = following


def _times_of_day(rule: str, start: datetime) -> set[time] | None:
    """The times of day the rule's occurrences can have; None for any (a rule more often
    than daily, which the site refuses but an old row might hold)."""
    parts = vRecur.from_ical(rule)
    if str((parts.get("FREQ") or [""])[0]).upper() not in _DAILY_OR_RARER:
        return None
    hours = parts.get("BYHOUR") or [start.hour]
    minutes = parts.get("BYMINUTE") or [start.minute]
    seconds = parts.get("BYSECOND") or [start.second]
    return {time(int(h), int(m), min(int(s), 59)) for h in hours for m in minutes for s in seconds}


def _spans_met(spans: tuple[Span, ...], times: set[time] | None, reach: timedelta) -> list[Span]:
    """The spans that an occurrence at one of these times of day, lasting `reach`, can meet."""
    if times is None:
        return list(spans)

    def met(span: Span) -> bool:
        day, last = (span[0] - reach).date(), span[1].date()
        while day <= last:
            for at in times:
                begins = datetime.combine(day, at)
                if begins < span[1] and begins + reach >= span[0]:
                    return True
            day += timedelta(days=1)
        return False

    return [span for span in spans if met(span)]


def _steady_period(rule: str) -> timedelta | None:
    """The period of a daily or weekly rule with no COUNT: from a start moved on by whole
    periods it gives the same occurrences after the new start."""
    parts = vRecur.from_ical(rule)
    step = {"DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1)}.get(
        str((parts.get("FREQ") or [""])[0]).upper()
    )
    if step is None or parts.get("COUNT"):
        return None
    return step * int((parts.get("INTERVAL") or [1])[0])


def _moved_near(start: datetime, wall: datetime, period: timedelta) -> datetime:
    """The start (zoned or floating) moved on by whole periods of the wall clock to just
    before `wall`."""
    periods = (wall - start.replace(tzinfo=None)) // period - 1
    if periods <= 0:
        return start
    return (start.replace(tzinfo=None) + period * periods).replace(tzinfo=start.tzinfo)


def last_occurrence(rule: str, start: datetime) -> datetime | None:
    """The last occurrence of a rule with COUNT (at most 10,000, as the site allows), as an
    instant (the later reading of an unclear wall time): what UNTIL must say for parsers
    that count differently (node-ical does not count a skipped wall time) to end there too."""
    occurrences, _ = _parsed(rule, start)
    last = None
    for last in _walls(occurrences):  # noqa: B007 - the loop is there to reach the last
        pass
    if last is None:
        return None
    readings = (last.replace(tzinfo=start.tzinfo, fold=fold) for fold in (0, 1))
    return max(moment.astimezone(UTC) for moment in readings)  # the later, if it is unclear


def _parsed(rule: str, start: datetime) -> tuple[rrule, datetime]:
    """The rule as the feed's readers step it, on the wall clock of the start's zone, and
    the start it steps from; an UNTIL written without a zone makes that a wall time."""
    try:
        return rrulestr(rule, dtstart=start, cache=False), start
    except ValueError:
        floating = start.replace(tzinfo=None)
        return rrulestr(rule, dtstart=floating, cache=False), floating


def _walls(occurrences: rrule) -> Iterator[datetime]:
    for occurrence in occurrences:
        wall = occurrence.replace(tzinfo=None)
        if wall.year > LAST_YEAR:
            return
        yield wall


def _until_wall(rule: str, zone: ZoneInfo) -> datetime | None:
    until = (vRecur.from_ical(rule).get("UNTIL") or [None])[0]
    if until is None:
        return None
    if not isinstance(until, datetime):
        return datetime.combine(until, time.max)
    return until.astimezone(zone).replace(tzinfo=None) if until.tzinfo else until
