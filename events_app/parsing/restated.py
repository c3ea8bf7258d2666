"""One event said twice is one event.

Announcements often name an event twice: a listing's summary line and then its details ('21
September: Comedy - Angela ...', then '21 Sept 2024, 20:00 - 22:30, Village Hall'), a date
and then the same date with its time ('Saturday 16 March ... Marchers gather at noon on
Saturday 16 March'), or a heading over a paragraph that repeats the day. Each mention made a
draft of its own, so the event was listed twice, once without its time or place. Two drafts
that follow one another are merged when nothing they say disagrees: the same day, no two
different times or places, neither a session of the other, and near each other in the text
(or anywhere, when both give the same time and place). Lines of a listing that each open
with their date are separate entries, even on one day, and are never merged.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .model import Draft
from .tokens import Layout

NEARBY = 400  # characters between the two mentions of one day: a restatement, not a new event
_LINE_LEAD = re.compile(r"[\s•·*\-–—>|]*")


def merge_restated(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """The drafts in order, each one that restates the draft before it folded into that one
    (into the festival, when one of the two has sessions: they name it by its title)."""
    parents = {d.parent for d in drafts if d.parent}
    kept: list[Draft] = []
    for draft in drafts:
        if kept and _restates(kept[-1], draft, parents, layout):
            kept[-1] = _merged(kept[-1], draft, parents)
        else:
            kept.append(draft)
    return kept


def _restates(a: Draft, b: Draft, parents: set[str], layout: Layout) -> bool:
    if a.parent or b.parent or (a.title in parents and b.title in parents):
        return False
    if (a.recurrence and b.recurrence) or _day(a.start) != _day(b.start):
        return False  # a dated event and the weekly series it opens, said nearby, are one
    if not a.all_day and not b.all_day and a.start != b.start:
        return False
    if a.end is not None and b.end is not None and a.end != b.end:
        return False
    if a.venues and b.venues and not _same_place(a, b):
        return False
    if _laid_out(a) or _laid_out(b):
        return False
    if _distance(a, b) > NEARBY and not _same_slot(a, b):
        return False
    return not (_leads_its_line(a, layout) and _leads_its_line(b, layout))


def _same_slot(a: Draft, b: Draft) -> bool:
    """One clock time on one day at one place, said early in a text and again at its end
    ('... by March 15 ...', then 'join us at the library on March 15 at 2pm'): however far
    apart, that is one event."""
    return not a.all_day and a.start == b.start and bool(a.venues and b.venues)


def _laid_out(draft: Draft) -> bool:
    """A day the layout gave an entry of its own (a list item under a date line, a second
    title cell of a table row: listings.py), whose date mention spans nothing."""
    span = draft.spans.get("start")
    return span is not None and span.start == span.end


def _distance(a: Draft, b: Draft) -> int:
    first, second = a.spans.get("start"), b.spans.get("start")
    if first is None or second is None:
        return NEARBY + 1
    return abs(second.start - first.end)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _same_place(a: Draft, b: Draft) -> bool:
    names_a = [v.name.casefold() for v in a.venues]
    names_b = [v.name.casefold() for v in b.venues]
    return any(x in y or y in x for x in names_a for y in names_b)


def _leads_its_line(draft: Draft, layout: Layout) -> bool:
    """The draft's date opens its line ('• Sat 3 May - ...'): an entry of a listing."""
    span = draft.spans.get("start")
    if span is None:
        return False
    line = layout.line_at(span.start)
    lead = _LINE_LEAD.match(layout.text, line.start)
    return lead is not None and lead.end() >= span.start


def _merged(a: Draft, b: Draft, parents: set[str]) -> Draft:
    """The festival of the two, else the timed one, else the first, with what only the other
    says; a festival keeps its title, which its sessions name."""
    if a.title in parents or b.title in parents:
        base, other = (a, b) if a.title in parents else (b, a)
    else:
        base, other = (b, a) if a.all_day and not b.all_day else (a, b)
    if base.title not in parents and _title_confidence(other) > _title_confidence(base):
        base.title = other.title
        if "title" in other.spans:
            base.spans["title"] = other.spans["title"]
    base.venues = base.venues or other.venues
    base.speakers = _people(base.speakers, other.speakers)
    base.performers = _people(base.performers, other.performers)
    base.links = base.links + [link for link in other.links if link not in base.links]
    base.url = base.url or other.url
    base.price = base.price or other.price
    base.online = base.online or other.online
    base.status = base.status or other.status
    base.end = base.end or other.end
    base.recurrence = base.recurrence or other.recurrence
    if base.all_day and not other.all_day:
        base.start = other.start
    base.contacts = list(dict.fromkeys(base.contacts + other.contacts))
    for key, span in other.spans.items():
        base.spans.setdefault(key, span)
    return base


def _title_confidence(draft: Draft) -> float:
    if draft.title == "Event":
        return -1.0
    span = draft.spans.get("title")
    return span.confidence if span is not None else 0.0


def _people(first: list, second: list) -> list:
    names = {p.name.casefold() for p in first}
    return first + [p for p in second if p.name.casefold() not in names]
