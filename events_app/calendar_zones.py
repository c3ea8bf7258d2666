"""Which IANA zone a calendar's own VTIMEZONE means.

Outlook and Exchange write zones under Windows names ("AUS Eastern Standard Time") or their
display names ("Canberra, Melbourne, Sydney", "(UTC-05:00) Eastern Time (US & Canada)") with a
VTIMEZONE of their own. Expansion uses that definition as written; for storage the event needs
an IANA name. icalendar knows the Windows-to-IANA table; a display name is matched instead by
the clock itself: the IANA zones whose offsets agree with the definition over the years around
the event, the ones the Windows table names first, and of those the one whose city or Windows
name shares most words with the TZID.
"""

from __future__ import annotations

import functools
import itertools
import re
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from .feeds.vtimezone import onsets

_SAMPLE_SPAN = timedelta(days=3 * 366)
_AREAS = {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe"}
_AREAS |= {"Indian", "Pacific"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2} - {
        "standard",
        "time",
        "utc",
        "gmt",
        "and",
        "the",
    }


@functools.cache
def _candidates() -> tuple[list[tuple[str, set[str]]], list[tuple[str, set[str]]]]:
    """(IANA zone, words naming it): the zones the Windows table names, then the other
    geographic zones (Area/City, no backward links such as US/Eastern)."""
    named: dict[str, set[str]] = {}
    for windows, iana in WINDOWS_TO_OLSON.items():
        if "/" in iana and iana.split("/")[0] in _AREAS:
            named.setdefault(iana, set()).update(_words(windows) | _words(iana))
    rest = sorted(z for z in available_timezones() if z not in named and z.split("/")[0] in _AREAS)
    return sorted(named.items()), [(z, _words(z)) for z in rest]


def _offsets(zone: tzinfo, moments: list[datetime]) -> list[timedelta | None]:
    return [m.astimezone(zone).utcoffset() for m in moments]


def iana_zone_for(custom: tzinfo, moment: datetime) -> str | None:
    return _iana_zone_for(custom, moment.astimezone(UTC).year)


@functools.lru_cache(maxsize=64)
def _iana_zone_for(custom: tzinfo, year: int) -> str | None:
    """The IANA zone that keeps the same clock as `custom` from a year before `moment` to two
    after (checked monthly and an hour either side of each of the zone's changes); of several,
    the one that agrees with it longest back (Indianapolis kept no summer time until 2006, New
    York did), then the one whose names share most words with the TZID."""
    moment = datetime(year, 7, 1, tzinfo=UTC)
    name = str(getattr(custom, "_tzid", "") or custom.tzname(moment) or "").replace("\\", "")
    if name.strip("/") in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[name.strip("/")]
    start = moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    start -= timedelta(days=366)
    monthly = [start + timedelta(days=30.5) * n for n in range(37)]
    wanted = _offsets(custom, monthly)
    history = [datetime(y, m, 15, 12, tzinfo=UTC) for y in range(1990, 2031) for m in (1, 7)]
    past: list[timedelta | None] | None = None
    hints = _words(name)
    groups = _candidates()
    # Exact first; then allowing the hour of each change to differ (a definition that moves
    # its clocks at 02:00 where the zone does at 03:00 still means that zone).
    for group, exact in itertools.product(groups, (True, False)):
        best: tuple[int, int, str] | None = None
        for zone_name, words in group:
            zone = ZoneInfo(zone_name)
            if _offsets(zone, monthly) != wanted:
                continue
            if exact and not _same_changes(zone, custom, start):
                continue
            past = past if past is not None else _offsets(custom, history)
            agree = sum(a == b for a, b in zip(_offsets(zone, history), past, strict=True))
            score = (-agree, -len(hints & words), zone_name)
            if best is None or score < best:
                best = score
        if best is not None:
            return best[2]
    return None


def _same_changes(zone: ZoneInfo, custom: tzinfo, start: datetime) -> bool:
    hour = timedelta(hours=1)
    for onset in onsets(zone, start, start + _SAMPLE_SPAN):
        around = [onset.at - hour, onset.at + hour]
        if _offsets(custom, around) != _offsets(zone, around):
            return False
    return True
