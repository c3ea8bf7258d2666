"""Programmes and listings set out line by line: a clock line and the title line beside it.

Timetables are often written with the time on a line of its own and the session's name on the
next ('11:30am - 12:00pm' then 'Opening of the convention'), or the other way round in a
library's listing (the event's name, then '4:15pm - 4:45pm', then a paragraph about it). Blank
lines and paragraphs of description sit between the sessions, so they cannot be found sentence
by sentence; this pass finds them in the layout. Which side of its clock a title stands on is
read once for the whole text: the side where most clock lines have a short line that reads as
a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import times as times_mod
from .tokens import Layout, Line

MAX_TITLE_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_DATE_WORDS = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov"
    r"|dec)[a-z]*\.?\s+\d|\d\s*(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov"
    r"|dec)|\d{1,2}/\d{1,2}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Item:
    """A timed session or listed event: its clock text, its name and the name's span.

    `before_title` says the listing puts the name above its clock: such a listing names
    events in their own right, while a timetable (clock above the name) lists the sessions of
    the event it is the programme of."""

    time: str
    title: str
    start: int
    end: int
    lines: tuple[int, int]
    before_title: bool


def clock_only(line: Line) -> bool:
    """'11:30am – 12:00pm', '10h00 – 10h45', '7pm': a line that holds a time and nothing more."""
    words = line.text.strip()
    if not words or len(words) > 40:
        return False
    found = times_mod.find_times(words)
    if len(found) != 1:
        return False
    rest = words[: found[0].start] + words[found[0].end :]
    return not re.search(r"[^\W\d_]", rest)


def _names_something(line: Line | None) -> bool:
    if line is None:
        return False
    words = line.text.strip()
    count = len(words.split())
    return (
        0 < count <= MAX_TITLE_WORDS + 4 * words.isupper()  # a name in capitals is a heading
        and not (count > 6 and _SENTENCE_END.search(words) and not words.isupper())
        and bool(re.search(r"[^\W\d_]{2}", words))
        and not clock_only(line)
        and not _DATE_WORDS.search(words)
    )


def _dated(line: Line | None) -> bool:
    return line is not None and bool(_DATE_WORDS.search(line.text))


def timed_items(layout: Layout) -> list[Item]:
    """Every clock line with the name that goes with it, in text order."""
    text_lines = [line for line in layout.lines if not line.blank]
    clocks = [n for n, line in enumerate(text_lines) if clock_only(line)]
    if not clocks:
        return []

    def neighbour(n: int, step: int) -> Line | None:
        m = n + step
        return text_lines[m] if 0 <= m < len(text_lines) else None

    after = sum(_names_something(neighbour(n, 1)) for n in clocks)
    before = sum(_names_something(neighbour(n, -1)) for n in clocks)
    step = -1 if before > after else 1
    items = []
    for n in clocks:
        name = neighbour(n, step)
        if not _names_something(name) or _dated(neighbour(n, -1)):
            continue  # a clock under a date line is that date's own time
        assert name is not None
        clock = text_lines[n]
        span = name.span()
        items.append(
            Item(
                clock.text.strip(),
                span.text,
                span.start,
                span.end,
                (clock.number, name.number),
                before_title=step == -1,
            )
        )
    return items
