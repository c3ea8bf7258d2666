"""The layout of a text, read once: lines, blocks, headings and labelled fields.

Announcements are often half form, half prose: 'Place: Wean Hall 5409' or 'Who: Dr Ann Lee' on a
line of its own says what a field is more surely than any sentence around it. This pass finds
those shapes (with their character offsets into the original text) so that the readers of
dates, places, people and titles can take a labelled value as strong evidence, and so that a
value stated once for a block or for the whole text ('Time: 4pm' above a list of dates) is
inherited by each event read inside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .model import Span

# What each label names. One label may name two things ('Date and time', 'Time and place').
ROLES: dict[str, tuple[str, ...]] = {
    "place": ("place",),
    "where": ("place",),
    "location": ("place",),
    "venue": ("place",),
    "room": ("place",),
    "address": ("place",),
    "who": ("speaker",),
    "speaker": ("speaker",),
    "speakers": ("speaker",),
    "speaker(s)": ("speaker",),
    "presenter": ("speaker",),
    "presenters": ("speaker",),
    "lecturer": ("speaker",),
    "presented by": ("speaker",),
    "name": ("speaker",),
    "title": ("title",),
    "topic": ("title",),
    "subject": ("title",),
    "talk": ("title",),
    "talk title": ("title",),
    "what": ("title",),
    "event": ("title",),
    "time": ("time",),
    "times": ("time",),
    "date": ("date",),
    "dates": ("date",),
    "when": ("date", "time"),
    "date and time": ("date", "time"),
    "date & time": ("date", "time"),
    "date/time": ("date", "time"),
    "time and place": ("time", "place"),
    "time & place": ("time", "place"),
    "time and location": ("time", "place"),
}
_LABEL = re.compile(r"[ \t>*•»·-]*+(?P<key>[A-Za-z][A-Za-z()/& ]{0,20}?)[ \t]*:[ \t]*+")
# 'Time - 10.00am', 'Venue – Town Hall': a dash after a known label word says the same as a colon.
_DASH_LABEL = re.compile(r"[ \t>*•»·]*+(?P<key>[A-Za-z][A-Za-z ]{1,14}?)[ \t]+[-–—][ \t]*+(?=\S)")
_BULLET = re.compile(r"[ \t]*+(?:[-*•·»▪◦]|\d{1,2}[.)])[ \t]++")
MAX_FIELD_LINES = 4  # a value may run on over this many indented lines at most


@dataclass(frozen=True)
class Line:
    number: int
    start: int
    end: int
    text: str
    block: int

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def span(self, confidence: float = 0.5) -> Span:
        lead = self.indent
        words = self.text.strip()
        return Span(self.start + lead, self.start + lead + len(words), words, confidence)


@dataclass(frozen=True)
class Field:
    """'Place:  Mellon Institute' -> key 'place', roles ('place',), the value's span."""

    key: str
    roles: tuple[str, ...]
    line: int
    block: int
    start: int
    end: int
    value: str
    head: str  # the value's first line: a name, a time

    @property
    def head_end(self) -> int:
        return self.start + len(self.head)


@dataclass
class Layout:
    text: str
    lines: list[Line]
    fields: list[Field] = field(default_factory=list)
    headings: list[Line] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)
    _heading_starts: list[int] = field(default_factory=list)
    _heading_numbers: set[int] = field(default_factory=set)

    def line_at(self, offset: int) -> Line:
        return self.lines[max(0, bisect_right(self._line_starts, offset) - 1)]

    def block_at(self, offset: int) -> int:
        return self.line_at(offset).block

    def fields_for(self, role: str) -> list[Field]:
        return [f for f in self.fields if role in f.roles and f.value]

    def field_near(self, role: str, offset: int) -> Field | None:
        """The labelled value for `role` that governs the text at `offset`: one in the same
        block, else the text's one value for it when every such label agrees."""
        candidates = self.fields_for(role)
        if not candidates:
            return None
        block = self.block_at(offset)
        same = [f for f in candidates if f.block == block]
        if same:
            return min(same, key=lambda f: abs(f.start - offset))
        values = {" ".join(f.value.casefold().split()) for f in candidates}
        return candidates[0] if len(values) == 1 else None

    def headings_before(self, offset: int, most: int) -> list[Line]:
        """Up to `most` heading lines that start before `offset`, nearest first."""
        at = bisect_right(self._heading_starts, offset - 1)
        return self.headings[max(0, at - most) : at][::-1]

    @property
    def heading_numbers(self) -> set[int]:
        return self._heading_numbers

    def next_text_line(self, number: int) -> Line | None:
        """The first line holding text among the three after line `number`."""
        for line in self.lines[number + 1 : number + 4]:
            if not line.blank:
                return line
        return None

    def previous_text_line(self, number: int) -> Line | None:
        """The first line holding text among the three before line `number`."""
        for line in reversed(self.lines[max(0, number - 3) : number]):
            if not line.blank:
                return line
        return None

    def is_field_line(self, offset: int) -> bool:
        number = self.line_at(offset).number
        return any(f.line == number for f in self.fields)

    def is_footnote(self, line: Line) -> bool:
        """'* these dates may change' under lines marked 'Tuesday July 2nd*': the note the
        star refers to, not an item of a list."""
        return bool(_STARRED_NOTE.match(line.text)) and bool(
            _STAR_MARK.search(self.text, 0, line.start)
        )


def read_layout(text: str) -> Layout:
    lines: list[Line] = []
    block, start = 0, 0
    for number, raw in enumerate(text.split("\n")):
        if not raw.strip() and lines and not lines[-1].blank:
            block += 1
        lines.append(Line(number, start, start + len(raw), raw, block))
        start += len(raw) + 1
    layout = Layout(text, lines, _line_starts=[line.start for line in lines])
    layout.fields = _fields(text, lines)
    field_lines = {f.line for f in layout.fields}
    layout.headings = [
        line for line in lines if line.number not in field_lines and _is_heading(lines, line.number)
    ]
    layout._heading_starts = [h.start for h in layout.headings]
    layout._heading_numbers = {h.number for h in layout.headings}
    return layout


_HEADING_END = re.compile(r"[.,;:]\s*$")
MAX_HEADING_WORDS = 12


def _is_heading(lines: list[Line], number: int) -> bool:
    """A short line standing alone (first in the text or after a blank line, or followed by
    one) that does not end like a sentence: the name of what the block below is about."""
    line = lines[number]
    words = line.text.split()
    if not words or len(words) > MAX_HEADING_WORDS or _HEADING_END.search(line.text):
        return False
    if not re.search(r"[^\W\d_]{3}", line.text) or is_bullet(line.text) or "|" in line.text:
        return False
    alone_before = number == 0 or lines[number - 1].blank
    alone_after = number + 1 >= len(lines) or lines[number + 1].blank
    return alone_before or alone_after


def _fields(text: str, lines: list[Line]) -> list[Field]:
    found: list[Field] = []
    for i, line in enumerate(lines):
        m = _LABEL.match(line.text)
        key = " ".join(m["key"].lower().split()) if m else ""
        if key not in ROLES:
            m = _DASH_LABEL.match(line.text)
            key = " ".join(m["key"].lower().split()) if m else ""
        roles = ROLES.get(key)
        if m is None or roles is None:
            continue
        value_start = line.start + m.end()
        value_end = line.end
        for follow in lines[i + 1 : i + 1 + MAX_FIELD_LINES]:
            if follow.blank or (_LABEL.match(follow.text) and _is_label(follow.text)):
                break
            if follow.indent <= line.indent or follow.indent < 4:
                break
            value_end = follow.end
        value = " ".join(text[value_start:value_end].split())
        head = text[value_start : line.end].rstrip()
        found.append(
            Field(key, roles, line.number, line.block, value_start, value_end, value, head)
        )
    return found


def _is_label(line: str) -> bool:
    m = _LABEL.match(line)
    return bool(m) and " ".join(m["key"].lower().split()) in ROLES | _OTHER_LABELS


# Labels that head a line without naming a field the parser reads; they still end a value.
_OTHER_LABELS = {
    "type": (),
    "postedby": (),
    "abstract": (),
    "host": (),
    "affiliation": (),
    "sponsor": (),
    "cost": (),
    "price": (),
    "tickets": (),
    "contact": (),
    "email": (),
    "phone": (),
    "note": (),
    "description": (),
}


_STARRED_NOTE = re.compile(r"\s*[*†‡]+\s*\S")
_STAR_MARK = re.compile(r"\w[*†‡]+(?=\s|$)")


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))
