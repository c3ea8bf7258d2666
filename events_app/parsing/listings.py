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
from datetime import date

from ..lexicon import calendar_words
from . import times as times_mod
from .dates import DateMention, DayRef
from .tokens import Layout, Line, is_bullet

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
    body_end: int  # where the lines about the item stop: the next item, or its paragraph's end


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
    found = []
    for n in clocks:
        name = neighbour(n, step)
        if not _names_something(name) or _dated(neighbour(n, -1)):
            continue  # a clock under a date line is that date's own time
        assert name is not None
        found.append((text_lines[n], name))
    nexts: list[int | None] = [min(clock.start, name.start) for clock, name in found[1:]]
    items = []
    for (clock, name), next_start in zip(found, [*nexts, None][: len(found)], strict=True):
        span = name.span()
        last = max(clock.number, name.number)
        items.append(
            Item(
                clock.text.strip(),
                span.text,
                span.start,
                span.end,
                (clock.number, name.number),
                before_title=step == -1,
                body_end=_body_end(layout, last) if next_start is None else next_start,
            )
        )
    return items


def _body_end(layout: Layout, last: int) -> int:
    """The end of the paragraph about a listing's last item: the lines after its clock and name
    up to the first blank line after them, a date line or a clock line."""
    end = layout.lines[last].end
    seen_text = False
    for line in layout.lines[last + 1 :]:
        if line.blank:
            if seen_text:
                break
            continue
        if _dated(line) or clock_only(line):
            break
        seen_text = True
        end = line.end
    return end


# Calendars set out by month ------------------------------------------------------------------

_MONTH_HEADING = re.compile(
    r"^\s*(?P<month>[^\W\d_]{3,10})\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?\s*:?\s*$"
)
# '30   Open evening', 'Mon 3 - Quiz night', '12th: Choir', '3-5  Camp': a day of the month
# heading above, then words. A clock ('3.30', '7pm') is not such a day, nor is the number of
# a numbered list ('1. Apologies').
_DAY_LINE = re.compile(
    r"^(?P<lead>[ \t>*•·-]*)(?:(?P<wd>[^\W\d_]{2,10})\.?,?[ \t]+)?"
    r"(?P<written>(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r"(?:[ \t]*[-–][ \t]*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?)"
    r"(?![\d:./]\d|[ \t]*(?:am|pm|a\.m|p\.m|h\d)\b)(?P<sep>[ \t]*[:,–—-]?[ \t]+|[ \t]*[:–—-])"
    r"(?=[\"“‘'(]?[^\W\d_])",
    re.IGNORECASE,
)


def month_heading(line: Line, languages: tuple[str, ...]) -> tuple[int, int | None] | None:
    """'October', 'MARCH 2025', 'Febrero:': a line that names a month alone, with its year."""
    m = _MONTH_HEADING.match(line.text)
    if not m:
        return None
    month = calendar_words.month_number(m["month"], languages)
    if month is None:
        return None
    return month, int(m["year"]) if m["year"] else None


def calendar_days(layout: Layout, language: str = "en") -> list[DateMention]:
    """The days of a calendar set out by month: under a line naming a month, each line that
    starts with a day of it ('30  Open evening', 'Mon 3  Quiz') is dated by the heading. The
    month holds over its day lines, the lines indented under them and blank lines; any other
    line ends it. The mention spans the day (and its weekday) only, so the rest of the line
    reads as the title, as after any date that leads its line.

    A line indented under a day line is another event of that day ('4  Maths quiz' over
    '   Science quiz'), unless it carries the line above on ('Transition morning -' over
    '   session 2'). Such a line gets a mention of its day that spans nothing, at the start of
    its words: its date is inherited, and all of its words are its own."""
    languages = tuple(dict.fromkeys(("en", language)))
    found: list[DateMention] = []
    month: tuple[int, int | None] | None = None
    last: DateMention | None = None  # the day line the month's lines now stand under
    previous = ""  # the words of the last line read under the month
    for line in layout.lines:
        heading = month_heading(line, languages)
        if heading is not None:
            month, last = heading, None
            continue
        if line.blank or month is None:
            continue
        mention = _calendar_day(line, month, languages)
        if mention is not None:
            found.append(mention)
            last = mention
        elif line.indent == 0 or last is None:
            month = None  # a line that is neither a day nor indented under one ends the month
            continue
        elif not _CARRIES_ON.search(previous) and not line.text.lstrip()[:1].islower():
            found.append(_same_day(line, last))
        previous = line.text
    return found


# A line that ends like this goes on to the next: 'Transition morning -', 'Art, music and'.
_CARRIES_ON = re.compile(r"(?:[-–—,&+/(]|\b(?:and|or|with|of|the|for))\s*$", re.IGNORECASE)


def _same_day(line: Line, day: DateMention) -> DateMention:
    at = line.start + line.indent
    return DateMention(at, at, list(day.days), until=day.until, text="")


def _calendar_day(
    line: Line, month: tuple[int, int | None], languages: tuple[str, ...]
) -> DateMention | None:
    m = _DAY_LINE.match(line.text)
    if not m:
        return None
    weekday = None
    if m["wd"]:
        weekday = calendar_words.weekday_number(m["wd"], languages)
        if weekday is None:
            return None
    number, year = month
    day = int(m["day"])
    if not _real_day(year, number, day):
        return None
    until = None
    if m["day2"]:
        last = int(m["day2"])
        if last <= day or not _real_day(year, number, last):
            return None
        until = DayRef(number, last, year)
    start = line.start + m.end("lead")
    end = line.start + m.end("written")
    text = line.text[m.end("lead") : end - line.start]
    return DateMention(start, end, [DayRef(number, day, year, weekday)], until=until, text=text)


def _real_day(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February stands
    except ValueError:
        return False
    return True


# Lists under a date ---------------------------------------------------------------------------

_DATE_LINE_REST = re.compile(r"[\s,.;:|–—-]*")
_TIME_LED = re.compile(r"\s*(?:[-*•·»▪◦]\s*)?(?=\d|noon|midday)", re.IGNORECASE)


def days_over_lists(layout: Layout, mentions: list[DateMention]) -> list[DateMention]:
    """The text's dates with each list under a line that holds a date and nothing else read as
    that day's events: 'Saturday, 1 June' over '- Brass band, the bandstand' and '- Choir,
    St Mary's', or over '10am Plant sale' and '2pm Tea dance'. Each such line (a bullet, or a
    line that opens with its time, with no date of its own) gets a mention of the day that
    spans nothing, at the start of its words, and the date line, which names no event itself,
    gives way to them. The list ends at the first line of another shape."""
    if not mentions:
        return mentions
    starts = [m.start for m in mentions]
    out: list[DateMention] = []
    for n, mention in enumerate(mentions):
        items = _listed_under(layout, mention, starts, n)
        if items:
            out.extend(_same_day_at(layout.lines[i], mention) for i in items)
        else:
            out.append(mention)
    return sorted(out, key=lambda m: m.start)


def _listed_under(layout: Layout, mention: DateMention, starts: list[int], n: int) -> list[int]:
    """The numbers of the lines listed under the mention's line, when it is a date line."""
    line = layout.line_at(mention.start)
    if layout.line_at(mention.end).number != line.number:
        return []
    before = layout.text[line.start : mention.start]
    after = layout.text[mention.end : line.end]
    if not (_DATE_LINE_REST.fullmatch(before) and _DATE_LINE_REST.fullmatch(after)):
        return []
    if n + 1 < len(starts) and layout.line_at(starts[n + 1]).number == line.number:
        return []
    later = iter(starts[n + 1 :])
    following = next(later, len(layout.text) + 1)
    items = []
    for below in layout.lines[line.number + 1 :]:
        if below.blank:
            if items:
                break
            continue
        if not _list_item(below) or layout.is_footnote(below):
            break
        if following > below.end:
            items.append(below.number)
        while following <= below.end:  # an item with a date of its own keeps that date
            following = next(later, len(layout.text) + 1)
    return items


def _list_item(line: Line) -> bool:
    """A bullet, or a line that opens with a clock time and goes on to name something."""
    if is_bullet(line.text):
        return bool(re.search(r"[^\W\d_]{2}", line.text))
    led = _TIME_LED.match(line.text)
    if not led:
        return False
    found = times_mod.find_times(line.text[:30])
    return (
        bool(found)
        and not line.text[led.end() : found[0].start].strip()
        and bool(re.search(r"[^\W\d_]{3}", line.text[found[0].end :]))
    )


def _same_day_at(line: Line, day: DateMention) -> DateMention:
    bullet = _BULLET_MARK.match(line.text)
    at = line.start + (bullet.end() if bullet else line.indent)
    return DateMention(at, at, list(day.days), until=day.until, text="")


_BULLET_MARK = re.compile(r"[ \t]*+(?:[-*•·»▪◦]|\d{1,2}[.)])[ \t]++")


# Table rows that hold two events ---------------------------------------------------------------

TITLE_COLUMNS = frozenset({"title", "topic", "talk", "talk title", "event", "what", "session"})
TABLE_LOOK_BACK = 40  # lines: how far above a row its table's header may stand


def title_columns(layout: Layout, line: Line) -> list[int]:
    """The columns of the table header over a row ('Date | Speaker | Title |') that name its
    events: 'Title', or a column ending in it ('Pre-talk title'), in order."""
    return [n for n, c in enumerate(_header_over(layout, line)) if _names_events(c)]


def _names_events(column: str) -> bool:
    return column in TITLE_COLUMNS or column.endswith((" title", " topic"))


SPEAKER_COLUMNS = frozenset({"speaker", "speakers", "presenter", "presenters", "who", "lecturer"})


def _names_speakers(column: str) -> bool:
    return column in SPEAKER_COLUMNS or column.endswith((" speaker", " speakers", " presenter"))


def _header_over(layout: Layout, line: Line) -> list[str]:
    """The cells of the table header over a row, in lower case ([] when none is found)."""
    if "|" not in line.text:
        return []
    for above in reversed(layout.lines[max(0, line.number - TABLE_LOOK_BACK) : line.number]):
        if "|" not in above.text:
            continue
        header = [" ".join(c.lower().split()) for c in above.text.split("|")]
        if any(_names_events(c) for c in header):
            return header
    return []


def speaker_cell(layout: Layout, line: Line, at: int) -> tuple[str, int] | None:
    """'Jan. 24 | Ann Lee (MIT) | Why Dunes Move |' under 'Date | Speaker | Title |': the
    speaker's cell of the row and where it starts. Where the header pairs two title columns
    with two speaker columns ('Pre-talk speaker | Pre-talk title'), the speaker column before
    the title column the event's mention stands in."""
    header = _header_over(layout, line)
    speakers = [n for n, c in enumerate(header) if _names_speakers(c)]
    if not speakers:
        return None
    here = layout.text[line.start : at].count("|")
    titles = [n for n, c in enumerate(header) if _names_events(c)]
    title = here if here in titles else titles[0]
    before = [n for n in speakers if n < title]
    column = before[-1] if before else speakers[0]
    cells = line.text.split("|")
    if column >= len(cells) or not cells[column].strip():
        return None
    start = line.start + sum(len(c) + 1 for c in cells[:column])
    lead = len(cells[column]) - len(cells[column].lstrip())
    return cells[column].strip(), start + lead


def days_in_rows(layout: Layout, mentions: list[DateMention]) -> list[DateMention]:
    """The text's dates with a mention of the row's day at each further title cell of a table
    row whose header has two title columns ('Date | Speaker | Title | Pre-talk title |'): the
    row lists two events of that day, each named in its own column."""
    out = list(mentions)
    done: set[int] = set()
    for mention in mentions:
        line = layout.line_at(mention.start)
        if line.number in done or "|" not in line.text:
            continue
        done.add(line.number)
        columns = title_columns(layout, line)
        if len(columns) < 2:
            continue
        cells = line.text.split("|")
        offset = 0
        starts = []
        for n, cell in enumerate(cells):
            if n in columns[1:] and cell.strip():
                starts.append(line.start + offset + len(cell) - len(cell.lstrip()))
            offset += len(cell) + 1
        out.extend(DateMention(at, at, list(mention.days), until=mention.until) for at in starts)
    return sorted(out, key=lambda m: m.start)
