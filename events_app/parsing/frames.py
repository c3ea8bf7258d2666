"""Whether a dated reading is an event to go to: evidence for and against, weighed.

A frame is an anchor date with the event drafted around it. Deadlines and booking windows are
still turned away where the date is read (announcement._is_anchor); what is weighed here is the
softer evidence, none of which decides alone: the page's own date line, a sentence in the past
tense, a text that reads as a record of past meetings, closures and opening hours, against a
time, a venue, a title, an event noun, the future tense. The sum (weights.FRAME) is also the
draft's confidence that it is an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lexicon import cues
from .model import Draft
from .text import Sentence
from .tokens import Layout


def _words(options: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(o.strip()) for o in sorted(options, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


EVENT_NOUN = _words(cues.EVENT_NOUNS)
FUTURE = _words(cues.FUTURE_CUES)
CLOSURE = _words(cues.CLOSURE_CUES)
CIVIC = _words(cues.CIVIC_CUES)
# A school's calendar of its own terms and days off: 'Term 1', 'Pupil Free Day', 'Last Day of
# Term 4 - Early Dismissal': when school runs, not something the public goes to.
SCHOOL_TERM = re.compile(
    r"^(?:term|semester|trimester)\s+\d\b|\bterm\s+dates\b|\bpupil[- ]free\b|\bstudent[- ]free\b"
    r"|\bschool\s+holidays?\b|\bhalf[- ]term\b|\binset\s+day\b|\b(?:first|last)\s+day\s+of\s+"
    r"(?:term|school|semester)\b|\bearly\s+dismissal\b",
    re.IGNORECASE,
)
# 'We do NOT meet this Friday', 'there will be no meeting on', 'the walk won't go ahead'.
NEGATED = re.compile(
    r"\b(?:do|does|did|will|shall|can)\s*(?:not|n['’]t)\s+(?:meet|run|happen|open|take\s+place"
    r"|go\s+ahead|be\s+(?:held|meeting|running|open))\b|\bwon['’]t\s+(?:meet|run|happen|open"
    r"|take\s+place|go\s+ahead|be\s+(?:held|meeting|running|open))\b"
    r"|\bthere\s+(?:will\s+be|is)\s+no\s+(?:meeting|session|class|service|club|market)\b",
    re.IGNORECASE,
)
RECORD = _words(cues.RECORD_CUES)
_PAST_WORD = _words(cues.PAST_VERBS)
# A past verb straight after its subject (a name or a pronoun): 'Ken Mitchell delivered',
# 'She explained', 'Upton scored'.
_SUBJECT = r"(?:\b[A-Z][\w'’-]+|\b(?:he|she|they|we|it|who|which|i)),?(?:\s+(?:also|\w+ly))?\s+"
PAST = re.compile(
    rf"{_SUBJECT}{_PAST_WORD.pattern}"
    rf"|{_SUBJECT}(?!(?:need|feed|seed|speed|breed|bleed)\b)[a-z]{{3,}}ed\b(?!\s+(?:by|to|for)\b)"
)
DATELINE = re.compile(r"(?:by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}|on)?", re.IGNORECASE)
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|\b(?:at|on|\|)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TextFacts:
    """What the whole text says about itself, worked out once."""

    reads_as_past: bool  # many past-tense sentences, few about the future
    is_record: bool  # minutes, notes of a meeting
    reference: date | None = None  # when the text was written, as the caller says


def text_facts(text: str, sentences: list[Sentence], reference: date | None = None) -> TextFacts:
    past = future = 0
    for sentence in sentences:
        if FUTURE.search(sentence.text):
            future += 1
        elif PAST.search(sentence.text):
            past += 1
    return TextFacts(
        reads_as_past=past >= 3 and past >= 4 * future,  # a report may look ahead once
        is_record=bool(RECORD.search(text)),
        reference=reference,
    )


def frame_features(
    text: str,
    layout: Layout,
    facts: TextFacts,
    sentence: Sentence,
    anchor: tuple[int, int],
    draft: Draft,
    titled: bool,
) -> tuple[str, ...]:
    features = ["bias"]
    if not draft.all_day:
        features.append("time")
    if draft.venues:
        features.append("venue")
    if draft.speakers:
        features.append("speakers")
    if not titled:
        features.append("untitled")
    if EVENT_NOUN.search(sentence.text) or (titled and EVENT_NOUN.search(draft.title)):
        features.append("event_noun")
    if FUTURE.search(sentence.text):
        features.append("future")
    elif PAST.search(sentence.text):
        features.append("past")
    if facts.reads_as_past:
        features.append("text_past")
    if facts.is_record:
        features.append("record")
    if _over_before(draft, facts.reference):
        features.append("before_reference")  # 'he died on February 2, 2021' in a 2021 review
    line = layout.line_at(anchor[0])
    kind = _date_line(text, line.start, line.end, anchor)
    if kind:
        features.append(kind)
        if draft.when.day == facts.reference and _page_top_or_byline(layout, line.number):
            features.append("published_date_line")
    if CLOSURE.search(sentence.text) or _closure_heading(layout, line.number):
        features.append("closure")
    if SCHOOL_TERM.search(draft.title) or SCHOOL_TERM.search(sentence.text):
        features.append("school_term")  # 'Term 2 14 April to 26 June', 'Pupil Free Day'
    if NEGATED.search(sentence.text):
        features.append("negated")  # 'We do NOT meet this Friday'
    if CIVIC.search(sentence.text) or (titled and CIVIC.search(draft.title)):
        features.append("civic")  # 'Polls open Nov. 3', 'Nov. 3 General Election'
    return tuple(features)


_BYLINE = re.compile(r"^\s*(?:by\s+[A-Z]|@\w|posted\b|published\b)", re.IGNORECASE)


def _over_before(draft: Draft, reference: date | None) -> bool:
    """Whether the event was over before the text was written: its last day (the start's where
    it has no end) is earlier, and it is no series still running."""
    if reference is None or draft.recurrence:
        return False
    when = draft.when
    return (when.end_day or when.day) < reference


def _page_top_or_byline(layout: Layout, number: int) -> bool:
    """Where a page puts its own date: among its first lines, or beside a byline ('By Ann
    Lee', '@handle'). A listing's date heading further down looks the same but is not."""
    above = [line for line in layout.lines[:number] if not line.blank]
    if len(above) < 2:
        return True
    nearby = layout.lines[max(0, number - 3) : number + 4]
    return any(_BYLINE.match(line.text) for line in nearby if line.number != number)


def _closure_heading(layout: Layout, number: int) -> bool:
    """A short line a little above that heads a list of closures ('Holiday closure dates')."""
    for line in layout.lines[max(0, number - 12) : number]:
        if len(line.text.split()) <= 6 and CLOSURE.search(line.text):
            return True
    return False


def _date_line(text: str, start: int, end: int, anchor: tuple[int, int]) -> str | None:
    """'dateline' for the page's own date line ('Posted by ... at Oct 22, 2010'), 'bare_date_line'
    for a line holding only the date (a byline or a clock time at most): a poster's date line
    looks the same, so that is weak evidence."""
    rest = text[start : anchor[0]] + " " + text[anchor[1] : end]
    if re.search(r"\b(?:posted|published|updated|last\s+(?:updated|modified))\b", rest, re.I):
        return "dateline"
    rest = _CLOCK.sub(" ", rest).strip(" ,|–—-")
    if not rest or DATELINE.fullmatch(rest):
        return "bare_date_line"
    return None
