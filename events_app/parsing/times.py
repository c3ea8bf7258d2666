"""Clock times in prose: '6.30pm', '18:30', '18h30', 'noon', '10am-5pm', 'doors 7pm', 'at 7'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .patterns import guarded

ZONES = {
    "GMT": "Europe/London",
    "BST": "Europe/London",
    "UTC": "UTC",
    "UK": "Europe/London",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "ET": "America/New_York",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CT": "America/Chicago",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "MT": "America/Denver",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PT": "America/Los_Angeles",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "IST": "Asia/Kolkata",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "EASTERN": "America/New_York",
    "CENTRAL": "America/Chicago",
    "MOUNTAIN": "America/Denver",
    "PACIFIC": "America/Los_Angeles",
}
# A zone written right after the time: '4pm EST', '7.30pm (BST)', '1 p.m. Central', '2pm ET';
# a region's name only when 'time' or punctuation follows ('7pm Central Library' is a place).
_ZONE = (
    r"(?:\s*\(?\s*(?P<zone>GMT|BST|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|CET|CEST|AEST|AEDT|ET|CT"
    r"|PT|(?:Eastern|Central|Mountain|Pacific)(?=\s+(?:Standard\s+|Daylight\s+)?[Tt]ime\b"
    r"|\s*[.,;)]|\s*$))\b(?:\s+(?:Standard\s+|Daylight\s+)?[Tt]ime\b)?\)?)?"
)
_AMPM = r"(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)"

CLOCK = guarded(
    r"[\dnm]",  # a digit, 'noon', 'midday' or 'midnight'
    rf"""(?<![\d£$€.,:/+−])(?:
        (?P<h>1[0-2]|0?[1-9])(?:[.:](?P<mi>[0-5]\d))?\s*{_AMPM}
      | (?P<h24>[01]?\d|2[0-3])[:.](?P<mi24>[0-5]\d)(?!\d|[.:/]\d|\s*(?:am|pm|a\.m|p\.m|%))
      | (?P<hh>[01]?\d|2[0-3])\s?h\s?(?P<mih>[0-5]\d)(?!\d)
      | (?<=à\s)(?P<hh_only>[01]?\d|2[0-3])\s?h(?![^\W\d_])
      | (?P<noon>\b(?:12\s+)?(?:noon|midday)\b)
      | (?P<midnight>\b(?:12\s+)?midnight\b)
    ){_ZONE}""",
    re.IGNORECASE | re.VERBOSE,
)
BARE = re.compile(
    r"\b(?P<cue>at|from|doors(?:\s+open)?(?:\s+at)?|starts?(?:\s+at)?|starting\s+at)\s+"
    r"(?P<h>1[0-2]|0?[1-9])(?!\d)(?![.:/%,]\d|\s*(?:%|percent|people|years?|minutes?|mins?|hours?"
    r"|days?|weeks?|members|pence|p\b|am\b|pm\b|a\.m|p\.m|o'?clock\s+in\s+the\s+morning))",
    re.IGNORECASE,
)
BEFORE_RANGE = re.compile(
    r"(?<![\d£$€.,:/])(?P<h>1[0-2]|0?[1-9])(?!\d)(?=\s*(?:-|–|—|to|until|till)\s*(?:1[0-2]|0?[1-9])"
    r"(?:[.:][0-5]\d)?\s*(?:am|pm|a\.m|p\.m))",
    re.IGNORECASE,
)
# '20-22.30', '14–15:30': a bare hour before a dash to a time of the 24-hour clock's afternoon.
BEFORE_RANGE_24 = re.compile(
    r"(?<![\d£$€.,:/])(?P<h>[01]?\d|2[0-3])(?!\d)(?=\s*[-–—]\s*(?P<h2>1[3-9]|2[0-3])[.:][0-5]\d"
    r"(?!\d|\s*(?:am|pm|a\.m|p\.m)))",
    re.IGNORECASE,
)
RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|til|and)\s*$", re.IGNORECASE)
OPEN_END = re.compile(r"^\s*(?:till|until|to)\s+late\b|^\s*onwards?\b", re.IGNORECASE)
SAME_INSTANT = re.compile(r"^\s*(?:/|or|\(|,)\s*$")
DOORS = re.compile(r"\bdoors(?:\s+open)?(?:\s+at|\s+from)?\s*:?\s*$", re.IGNORECASE)


@dataclass
class Clock:
    start: int
    end: int
    hour: int
    minute: int
    meridiem: str | None
    zone: str | None = None
    doors: bool = False

    def value(self) -> time:
        return time(self._hour24(), self.minute)

    def _hour24(self) -> int:
        if self.meridiem == "pm" and self.hour < 12:
            return self.hour + 12
        if self.meridiem == "am" and self.hour == 12:
            return 0
        return self.hour


@dataclass
class TimeRange:
    start: int
    end: int
    first: Clock
    last: Clock | None
    open_end: bool = False

    @property
    def zone(self) -> str | None:
        return self.first.zone or (self.last.zone if self.last else None)


def find_times(text: str) -> list[TimeRange]:
    clocks = _clocks(text)
    ranges: list[TimeRange] = []
    i = 0
    while i < len(clocks):
        first = clocks[i]
        nxt = clocks[i + 1] if i + 1 < len(clocks) else None
        if nxt is not None and RANGE_JOIN.match(text[first.end : nxt.start]):
            _share_meridiem(first, nxt)
            ranges.append(TimeRange(first.start, nxt.end, first, nxt))
            i += 2
            continue
        if (
            nxt is not None
            and first.zone
            and nxt.zone
            and SAME_INSTANT.match(text[first.end : nxt.start])
        ):
            ranges.append(TimeRange(first.start, nxt.end, first, None))
            i += 2
            continue
        _guess_meridiem(first)
        open_end = bool(OPEN_END.match(text[first.end : first.end + 20]))
        ranges.append(TimeRange(first.start, first.end, first, None, open_end=open_end))
        i += 1
    return ranges


def _clocks(text: str) -> list[Clock]:
    found: list[Clock] = []
    for m in CLOCK.finditer(text):
        found.append(_clock(m, text))
    taken = [(c.start, c.end) for c in found]
    for m in BARE.finditer(text):
        start = m.start("h")
        if any(s <= start < e for s, e in taken):
            continue
        cue = m["cue"].lower()
        found.append(Clock(start, m.end("h"), int(m["h"]), 0, None, doors=cue.startswith("doors")))
    for m in BEFORE_RANGE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken + [(c.start, c.end) for c in found]):
            found.append(Clock(m.start(), m.end(), int(m["h"]), 0, None))
    for m in BEFORE_RANGE_24.finditer(text):
        if 6 <= int(m["h"]) < int(m["h2"]) and not any(
            s <= m.start() < e for s, e in taken + [(c.start, c.end) for c in found]
        ):
            found.append(Clock(m.start(), m.end(), int(m["h"]), 0, "24h"))
    found.sort(key=lambda c: c.start)
    return found


def _clock(m: re.Match[str], text: str) -> Clock:
    zone = m["zone"].upper() if m["zone"] else None
    doors = bool(DOORS.search(text[max(0, m.start() - 20) : m.start()]))
    if m["noon"]:
        return Clock(m.start(), m.end(), 12, 0, "pm", zone, doors)
    if m["midnight"]:
        return Clock(m.start(), m.end(), 12, 0, "am", zone, doors)
    if m["h"]:
        meridiem = "pm" if m["ap"].lower().startswith("p") else "am"
        return Clock(m.start(), m.end(), int(m["h"]), int(m["mi"] or 0), meridiem, zone, doors)
    if m["hh"] or m["hh_only"]:
        # '18h30', 'à 9h': the continental 24-hour clock, written with an 'h'.
        hour = int(m["hh"] or m["hh_only"])
        return Clock(m.start(), m.end(), hour, int(m["mih"] or 0), "24h", zone, doors)
    hour = int(m["h24"])
    clock = Clock(m.start(), m.end(), hour, int(m["mi24"]), None, zone, doors)
    if hour > 12 or m["h24"].startswith("0"):
        clock.meridiem = "24h"
    return clock


def _share_meridiem(first: Clock, last: Clock) -> None:
    """'6.30-8.30pm': the first takes the second's half of the day when that keeps order."""
    if first.meridiem is None and last.meridiem in ("am", "pm"):
        if last.hour == 12 and first.hour < 12:
            first.meridiem = "am" if first.hour >= 7 else "pm"
        elif first.hour % 12 <= last.hour % 12:
            first.meridiem = last.meridiem
        else:
            first.meridiem = "am" if last.meridiem == "pm" else "pm"
    _guess_meridiem(first)
    if last.hour == 12 and last.meridiem == "am" and first.meridiem == "am" and first.hour < 12:
        last.meridiem = "pm"  # '10 to 12am', '9am-12am': a morning that ends at noon
    if last.meridiem is None:
        last.meridiem = first.meridiem if last.hour >= first.hour else "pm"
        if last.meridiem == "24h":
            last.meridiem = None
    _guess_meridiem(last)


def _guess_meridiem(clock: Clock) -> None:
    """A bare '7' or '3:30' at an event is in the afternoon or evening; 10 and 11 are morning."""
    if clock.meridiem is None:
        clock.meridiem = "am" if clock.hour in (10, 11) else "pm"
    if clock.meridiem == "24h":
        clock.meridiem = None


# '(90 minutes)', '2 hours', 'a 45-minute walk', 'an hour and a half', '1.5 hrs': how long.
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
DURATION = re.compile(
    r"(?<![\w.])(?P<n>\d{1,3}(?:\.5)?|½|a|an|one|two|three|four|five|six)(?P<half>½)?"
    r"(?:\s*-\s*|\s+)(?P<unit>hours?|hrs?|minutes?|mins?)\b(?P<and_half>\s+and\s+a\s+half)?",
    re.IGNORECASE,
)
MAX_DURATION = timedelta(hours=12)


def find_duration(text: str) -> timedelta | None:
    """The first length of time the text gives, up to 12 hours (longer is not one sitting)."""
    for m in DURATION.finditer(text):
        n = m["n"].lower()
        amount = 0.5 if n == "½" else _NUMBER_WORDS.get(n) or float(n)
        if m["half"] or m["and_half"]:
            amount += 0.5
        unit = m["unit"].lower()
        length = timedelta(hours=amount) if unit.startswith("h") else timedelta(minutes=amount)
        if timedelta(0) < length <= MAX_DURATION:
            return length
    return None


def after(start: time, length: timedelta) -> time:
    """The clock `length` after `start` (past midnight it wraps: the overnight rule then
    puts the end on the next day)."""
    return (datetime.combine(date(2000, 1, 1), start) + length).time()
