"""Paragraphs and sentences, as spans of the original text (offsets never shift)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Rev|Revd|Cllr|No|Nos|Vol|Fr|Sr|Jr|Sen|Rep|Gen|Col|Capt|Lt"
    r"|approx|etc|vs|e\.g|i\.e|[A-Z]|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues"
    r"|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Gov|Hon|Rt)\.)$"
)
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+\s++(?=[\"“‘'(\[]?[A-Z0-9£$€@#])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_AT_LINE_END = re.compile(r"[.!?…][\"”’')\]]*[ \t]*\n(?=.)")
# 'from 4:30 to 6 p.m. Saturday, Oct. 27', '1 p.m. Central': after a.m. or p.m. a weekday, a
# month or a zone carries the same sentence on; any other capital may start a new one.
_MERIDIEM_END = re.compile(r"\b[ap]\.\s?m\.$", re.IGNORECASE)
_SAME_SENTENCE_AFTER_MERIDIEM = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Eastern"
    r"|Central|Pacific|Mountain|Atlantic|[ECMP][SD]?T\b|GMT\b|BST\b|UTC\b)"
)

# 'am Montag, dem 24. Oktober', 'le 3. Mai': a day's number with the full stop of an ordinal,
# then a month, is one date, not the end of a sentence.
_ORDINAL_END = re.compile(r"(?<![\d.,])\b\d{1,2}\.$")
_MONTH_AFTER_ORDINAL = re.compile(
    r"(?:Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec)[a-zä]*\b"
)


# Text copied from a web page often loses the breaks between its blocks: 'fans.Originating in
# Melbourne', 'Sydney, CrowbarSaturday 23rd September'. A full stop between a word and a capital
# with no space, or a weekday or month glued to the end of a word or a year, is such a lost break.
_WEEKDAYS_AND_MONTHS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May"
    "|June|July|August|September|October|November|December"
)
_LOST_BREAK = re.compile(
    r"(?<=[a-z][a-z][.!?])(?=[A-Z][a-z])"
    rf"|(?:(?<=[a-z][a-z])|(?<=[A-Z][A-Z])|(?<=\d\d\d\d))(?=(?:{_WEEKDAYS_AND_MONTHS})\b)"
)


# '3 AprilThe Life and Work of ...': a day and month glued to the name that follows them.
_DATE_GLUED = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_WEEKDAYS_AND_MONTHS})(?=[A-Z][a-z])")


def _glued_after_dates(text: str) -> set[int]:
    return {m.end() for m in _DATE_GLUED.finditer(text)}


def restore_breaks(text: str) -> tuple[str, list[int]]:
    """The text with a line break (or the space after a date) put back wherever one was lost,
    and the offsets (in the new text) of what was put in, so that spans can be taken back to
    the text as given."""
    inserted: list[int] = []
    pieces: list[str] = []
    last = 0
    glued = _glued_after_dates(text)
    for point in sorted({m.start() for m in _LOST_BREAK.finditer(text)} | glued):
        pieces.append(text[last:point])
        inserted.append(point + len(inserted))
        pieces.append(" " if point in glued else "\n")  # a lost space, else a lost break
        last = point
    if not inserted:
        return text, []
    pieces.append(text[last:])
    return "".join(pieces), inserted


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph_start = 0
    for number, paragraph_end in enumerate(_paragraph_ends(text)):
        block = text[paragraph_start:paragraph_end]
        line_start = paragraph_start
        for line in block.split("\n"):
            sentences.extend(_line_sentences(text, line_start, line_start + len(line), number))
            line_start += len(line) + 1
        paragraph_start = paragraph_end
    return sentences


def _paragraph_ends(text: str) -> list[int]:
    """Blank lines end paragraphs. A text with none (a web page's extracted text, a paste from
    a browser) keeps a paragraph to a line: there a line that ends a sentence ends one too,
    or the whole page would be one paragraph whose every sentence is context of its first
    event."""
    ends = [m.start() for m in _PARAGRAPH.finditer(text)]
    if not ends:
        ends = [m.end() - 1 for m in _SENTENCE_AT_LINE_END.finditer(text) if _is_prose(m)]
    return [*ends, len(text)]


def _is_prose(line_end: re.Match[str]) -> bool:
    """The line a sentence ends is prose, not a poster's short line ('Defend our libraries!'
    over its date): it holds a dozen words or more."""
    text = line_end.string
    start = text.rfind("\n", 0, line_end.start()) + 1
    return len(text[start : line_end.start()].split()) >= PROSE_WORDS


PROSE_WORDS = 12


def _line_sentences(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    found = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        head = text[max(pos, m.start() - 12) : m.start() + 1]
        if _ABBREVIATIONS.search(head):
            continue
        if _MERIDIEM_END.search(head) and _SAME_SENTENCE_AFTER_MERIDIEM.match(text, m.end()):
            continue
        if _ORDINAL_END.search(head) and _MONTH_AFTER_ORDINAL.match(text, m.end()):
            continue
        found.append(_sentence(text, pos, m.end(), paragraph))
        pos = m.end()
    found.append(_sentence(text, pos, end, paragraph))
    return [s for s in found if s.text]


def _sentence(text: str, start: int, end: int, paragraph: int) -> Sentence:
    raw = text[start:end]
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    return Sentence(start + lead, start + lead + len(stripped), stripped, paragraph)
