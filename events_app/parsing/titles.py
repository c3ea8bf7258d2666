"""What an event is called, read from the words around its date."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import cues
from . import evidence, listings
from .dates import is_calendar_word
from .evidence import Candidate
from .model import Span
from .people import AFFILIATION_START
from .places import find_postcodes, us_places, venue_shaped
from .text import Sentence
from .times import find_times
from .tokens import ROLES, Layout, Line, is_bullet

# "...", “...”, and the German „...“ and French « ... » that Continental announcements use.
QUOTED = re.compile(
    r"[\"“]([^\"“”\n]{3,120})[\"”]|„([^“”„\n]{3,120})[“”]|«\s?([^«»\n]{3,120}?)\s?»"
)
NAMED_SESSION = re.compile(
    r"\b(?:a|an|the)\s+((?:session|panel|talk|workshop|debate|discussion|lecture|seminar"
    r"|meeting|screening|rally|reading|forum|teach-in|hustings|vigil|picket|march|protest|gig"
    r"|concert|fundraiser|social|quiz|webinar|q&a|conversation)\s+(?:on|about|for|against|with)"
    r"\s+[^,.;:]+?)"
    r"(?=\s+(?:at|on|in|with|this|next|from)\s|[,.;:]|$)",
    re.IGNORECASE,
)
FESTIVAL = re.compile(
    r"(?P<name>(?:[A-Z][\w’'&-]*\s+){0,4}[A-Z][\w’'&-]*\s*[—–:-]\s*(?:A|An|The)\s+"
    r"(?:[A-Z][\w’'-]*\s+){0,2}(?:Festival|Conference|Day\s+School|Weekend|Gathering|Celebration"
    r"|Summit|Congress)(?:\s+(?:of|for|on)(?:\s+(?:[A-Z][\w’'-]*|of|the|and|&|for)(?=[\s,.;:]|$))+)?"
    r"|(?:[A-Z][\w’'&-]*\s+){1,5}(?:Festival|Conference|Summit|Congress|Day\s+School))"
)
VERB_CUT = re.compile(
    r"(?<![Ff]un)\s+(?:runs|run|takes?\s+place|meets|meet|continues|continue|opens|open|starts|start"
    r"|begins|begin|returns|return|comes|will|is|are|gets\s+underway|kicks\s+off|is\s+on"
    r"|assembling|assembles|gathers|gathering|followed|featuring|with|itself|would|shall"
    r"|should|must|has|have|had|(?:hosted|organised|organized|presented|sponsored|supported"
    r"|run|brought\s+to\s+you)\s+by)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
LEADING = re.compile(
    r"^(?:(?:please|and|then|but|so|also|plus|join\s+us\s+for|join\s+us|join|come\s+to|come"
    r"|don't\s+miss|save\s+the\s+date(?:\s+for)?|there\s+(?:is|will\s+be)|this\s+year"
    r"|this\s+time|once\s+again|our|the|this|their|its|his|her|a|an|next|upcoming)\s+)+",
    re.IGNORECASE,
)
LEADING_IN_NAME = re.compile(
    r"^(?:(?:please|and|then|but|so|also|plus|join\s+us\s+for|join\s+us|join|come\s+to"
    r"|don't\s+miss|save\s+the\s+date(?:\s+for)?)\s+)+",
    re.IGNORECASE,
)
# What a stretch cut before its date ends on: 'Quiz night on', 'Se presentará el', 'Konzert am'.
TRAILING = re.compile(
    r"(?:[\s,:;–—-]+|\s+(?:on|at|in|from|for|this|next|every|each|starting|beginning|between"
    r"|is|are|will|be|held|and|the|of|to|with"
    r"|el|la|los|las|de|del|al|en|que|y|con|por|para|desde|hasta"  # Spanish
    r"|am|im|um|der|die|das|den|dem|und|mit|von|vom|zum|zur|ab|bis|dann|ebenfalls|jeweils"  # German
    r"|le|les|du|des|et|au|aux|à)\b)+$",  # French
    re.IGNORECASE,
)
TIME_CUT = re.compile(
    r"\s*(?:,|–|—|-|\bfrom\b|\bon\b|\bat\b)?\s*(?:\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\d{1,2}[.:]\d\d|noon|midday|midnight).*$",
    re.IGNORECASE | re.DOTALL,
)
LABEL = re.compile(
    r"^(?P<label>[A-Za-z][\w' -]{1,40}):\s+(?P<title>[^:]{3,150}?)[.!]?$",
)
GENERIC = re.compile(
    r"^(?:various\s+)?(?:events?|activities|things|it|we|they|there|you|us|all|everyone"
    r"|(?:the\s+)?event)$",
    re.IGNORECASE,
)
LABEL_WORDS = {
    "webinar",
    "public lecture",
    "lecture",
    "talk",
    "seminar",
    "screening",
    "film",
    "workshop",
    "event",
    "online event",
    "meeting",
    "public meeting",
    "reading",
    "debate",
    "panel",
    "discussion",
    "book launch",
    "launch",
    "exhibition",
    "concert",
    "gig",
    "rally",
    "protest",
    "march",
    "vigil",
    "conference",
    "teach-in",
    "training",
    "course",
    "class",
    "what",
    "title",
    "topic",
    "theme",
    "annual lecture",
    "memorial lecture",
    "online",
    "zoom",
    "livestream",
}
MEDIUM_WORDS = {
    "online",
    "zoom",
    "teams",
    "webinar",
    "livestream",
    "event",
    "online event",
    "what",
    "title",
    "topic",
    "theme",
    "details",
    "info",
    "information",
}
MAX_WORDS = 12
STOPWORDS = {
    "to",
    "and",
    "or",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "till",
    "until",
    "late",
    "then",
    "also",
    "it",
    "is",
    "be",
    "will",
    "doors",
    "open",
    "tickets",
}


REPORTED = re.compile(
    r"^.*?\b(?:said|says|announced|confirmed|told\s+[\w' ]{1,40}?)\s+(?:that\s+)?", re.IGNORECASE
)


POSSESSOR = re.compile(
    r"^(?:the\s+)?[\w-]+['’]s\s+(?=(?:next|annual|first|latest|big|summer|winter|spring|autumn)\b)",
    re.IGNORECASE,
)


def clean_title(raw: str, *, name: bool = False) -> str | None:
    """A title from a stretch of words, or None when what is left is not a name for an event.
    A `name` is words set out as one (a heading, a listing line): its article, verbs and clock
    words belong to it ('The Day the Earth Stood Still', 'What is under the Moor?')."""
    text = " ".join(raw.split())
    if not name:
        text = REPORTED.sub("", text, count=1)
        text = POSSESSOR.sub("", text, count=1)
        text = TIME_CUT.sub("", text)
        text = VERB_CUT.sub("", text)
    leading = LEADING_IN_NAME if name else LEADING
    for _ in range(3):
        text = TRAILING.sub("", text)
        text = leading.sub("", text)
    text = text.strip(" ,;:–—-\"“”'")
    if not text or GENERIC.match(text) or len(text.split()) > MAX_WORDS:
        return None
    if not any(c.isalpha() for c in text):
        return None
    if all(word.lower() in STOPWORDS for word in re.findall(r"[\w']+", text)):
        return None
    return text[0].upper() + text[1:]


AFTER_CUT = re.compile(
    r"\s+(?:in|at|on|from|outside|with|featuring|by)\s+(?:the\s+)?(?=[A-Z0-9]).*$|[,.;(].*$",
    re.DOTALL,
)
LABEL_PREFIX = re.compile(r"^([A-Za-z][\w' -]{1,30}):\s+")


def title_after(text: str) -> str | None:
    """'Sat 3 Aug: Summer picnic in Victoria Park': the name that follows the date."""
    rest = re.sub(r"^[\s,:;–—-]+", "", text)
    clocks = find_times(rest)
    lead_in = rest[: clocks[0].start] if clocks else "x"
    if not re.sub(r"^(?:at|from|starting|start)\s+", "", lead_in, flags=re.IGNORECASE).strip():
        rest = re.sub(r"^[\s,:;–—-]+", "", rest[clocks[0].end :])
    rest = re.sub(
        r"^(?:there\s+(?:is|will\s+be)\s+|for\s+(?:the\s+|a\s+|an\s+|our\s+)?)",
        "",
        rest,
        flags=re.IGNORECASE,
    )
    if re.match(r"^(?:at|in|on|from|outside|near|by)\b", rest, flags=re.IGNORECASE):
        return None
    label = LABEL_PREFIX.match(rest)
    if label and is_label(label.group(1)):
        return clean_title(re.split(r"[,.;(]", rest[label.end() :])[0])
    return clean_title(AFTER_CUT.sub("", rest))


def starts_with_name(text: str) -> bool:
    """Whether words (not a time) follow the date straight after a dash or colon."""
    return bool(re.match(r"^\s*[–—:-]\s*[A-Za-z\"“]", text))


def short_heading(sentence: str) -> str | None:
    """A short sentence that names the event, such as 'Conference on workers' rights.'"""
    text = sentence.strip().rstrip(".!")
    if len(text.split()) > 8 or re.search(r"\d", text):
        return None
    if re.search(r"\b(?:is|are|was|were|will|can|please|we|you)\b", text, re.IGNORECASE):
        return None
    return clean_title(text)


HOLDS = re.compile(
    r"\b(?:hold|holding|holds|organis(?:e|ing)|organiz(?:e|ing)|host(?:s|ing)?|stage|staging"
    r"|have|having|called|call(?:s|ing)?(?:\s+for)?)\s+(?:a|an|their|our|its)\s+"
    r"(?P<title>(?:[\w'’-]+\s+){0,4}?(?:rally|protest|march|meeting|vigil|picket|demonstration"
    r"|strike|walkout|lobby|conference|festival|fundraiser|social|celebration|hustings|debate"
    r"|assembly|gathering|event|day\s+of\s+action))\b",
    re.IGNORECASE,
)


ANNOUNCES = re.compile(
    r"\b(?:announces?|presents?|invites\s+you\s+to|welcomes\s+you\s+to|is\s+proud\s+to"
    r"\s+(?:announce|present|host))\s+(?:the\s+|a\s+|an\s+|our\s+|its\s+)?(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)


def announced_event(lead: str) -> str | None:
    """'X is proud to announce the 135th Durham Miners' Gala' -> the thing announced."""
    m = ANNOUNCES.search(lead)
    if not m:
        return None
    rest = re.sub(r"^\d+(?:st|nd|rd|th)\s+", "", m["rest"])
    return clean_title(rest)


_EVENT_NOUNS = "|".join(
    re.escape(n) for n in sorted(cues.EVENT_NOUNS, key=len, reverse=True) if n != "event"
)
EVENT_PHRASE = re.compile(
    r"\b(?:there\s+(?:will\s+be|is|are)|will\s+(?:hold|host|stage)|(?:is|are)\s+(?:holding|hosting"
    r"|staging)|holds|hosts|presents)\s+(?:a|an|its|their|our|the)\s+"
    rf"(?P<title>(?:[\w'’-]+\s+){{0,5}}?(?:{_EVENT_NOUNS}))\b",
    re.IGNORECASE,
)


# 'enter a Santa Fun Run in the park', 'the Harbour Lantern Parade will': a name in capitals
# that ends in a thing one attends.
_NAMED_EVENT = re.compile(
    r"(?<![\w'’-])(?P<title>(?:[A-Z][\w'’&-]*\s+){1,5}"
    rf"(?i:{_EVENT_NOUNS}))(?![\w'’-])",
)


def named_event(text: str) -> str | None:
    """The first capitalised name in the text that ends in an event's noun, each of its words
    capitalised as a name's are ('Santa Fun Run', 'Summer Lantern Parade')."""
    for m in _NAMED_EVENT.finditer(text):
        words = m["title"].split()
        while words and words[0].lower() in ("a", "an", "the", "our", "this"):
            words = words[1:]
        part_of_more = re.match(r"\s+[A-Z]", text[m.end() :])  # 'Davis Conference Center'
        if (
            len(words) >= 2
            and words[-1][0].isupper()
            and not is_calendar_word(words[0])
            and not part_of_more
        ):
            return " ".join(words)
    return None


def event_phrase(text: str) -> str | None:
    """'There will be a baked bean supper at ...' -> 'Baked bean supper'."""
    m = EVENT_PHRASE.search(text)
    if not m:
        return None
    words = " ".join(m["title"].split())
    words = re.sub(r"^(?:annual|monthly|weekly|free|public|first|next)\s+", "", words, flags=re.I)
    return words[0].upper() + words[1:]


# 'the next Cafe Science meeting will take place', 'planning to attend the Harbour talk'
_NEXT_EVENT = re.compile(
    r"\b(?:(?:the|our)\s+next|attend(?:ing)?(?:\s+(?:the|a|an|our|this))?|join\s+us\s+for"
    r"(?:\s+(?:the|a|an|our|this))?)\s+(?:[A-Z][a-z]+['’]s\s+)?"
    rf"(?P<title>(?:[\w'’-]+\s+){{0,4}}(?:{_EVENT_NOUNS}))(?:\s+time)?"  # 'a book discussion time'
    r"(?=\s+(?:will|is|takes|starts|begins|on|at|in|this|next|tomorrow)\b|\s*[,.;:?!(]|\s*$)",
    re.IGNORECASE,
)


# 'This virtual session will feature ...', 'The annual ceilidh takes place ...': the subject of
# a sentence about what will happen, with a word or more before its event noun.
_THIS_EVENT = re.compile(
    r"(?:^|[.!?]\s+)(?:this|the)\s+"
    rf"(?P<title>(?:(?!next\b|last\b)[\w-]+\s+){{1,4}}(?:{_EVENT_NOUNS}))"  # not 'union's next'
    r"\s+(?:will|takes\s+place|is\s+(?:on|at|free|open))\b",
    re.IGNORECASE,
)


def next_event(text: str) -> str | None:
    """'the next Cafe Science meeting will ...' -> 'Cafe Science meeting'; 'This virtual
    session will feature ...' -> 'Virtual session'."""
    m = _NEXT_EVENT.search(text) or _THIS_EVENT.search(text)
    if not m:
        return None
    words = " ".join(m["title"].split())
    return words[0].upper() + words[1:]


def held_event(text: str) -> str | None:
    """'Striking workers will hold a rally outside ...' -> 'Rally'."""
    m = HOLDS.search(text)
    if not m:
        return None
    words = " ".join(m["title"].split())
    return words[0].upper() + words[1:]


def quoted_title(text: str) -> str | None:
    m = QUOTED.search(text)
    if m is None:
        return None
    quoted = next(group for group in m.groups() if group is not None)
    return quoted.strip() if len(quoted.split()) >= 2 else None


def named_session(text: str) -> str | None:
    m = NAMED_SESSION.search(text)
    if m:
        words = " ".join(m.group(1).split())
        return words[0].upper() + words[1:]
    return None


def label_title(sentence: str) -> tuple[str, str] | None:
    """'Webinar: Housing rights after ...' -> ('Webinar', 'Housing rights after ...')."""
    m = LABEL.match(sentence.strip())
    if not m:
        return None
    return m["label"].strip(), m["title"].strip()


def is_label(word: str) -> bool:
    return word.strip().lower() in LABEL_WORDS


def is_bare_medium(title: str) -> bool:
    """'Online', 'Webinar', 'Event': words that say how, not what."""
    return title.strip().lower() in MEDIUM_WORDS


def festival_name(text: str) -> str | None:
    m = FESTIVAL.search(text)
    return " ".join(m.group("name").split()) if m else None


@dataclass(frozen=True)
class TitleScope:
    """What the title of one event is read from: the event's clause and anchor date in the
    whole text, its layout, the sentences attached to it, and what is already known to be
    something else (the event's venues, the people set out on lines of their own)."""

    text: str
    layout: Layout
    clause: tuple[int, int]
    mention: tuple[int, int]
    preamble: tuple[int, int] | None
    context: Sequence[Sentence]
    festival: str | None
    people: frozenset[str]
    venues: frozenset[str]
    anchors: tuple[int, ...] = ()  # where every event's anchor date starts, in text order
    entry: tuple[str, Span] | None = None  # 'Lantern making' before its entry's address
    speakers: tuple[str, ...] = ()  # who the event's sentences say will speak


def choose(scope: TitleScope) -> tuple[str | None, Span | None]:
    """The best-scored of every title the text offers for this event (weights.TITLE), with the
    model's probability as its span's confidence."""
    found = evidence.choose("title", candidates(scope), scope.mention)
    if found is None:
        return None, None
    return found.candidate.value, evidence.sure(found.candidate.span, found.probability)


def candidates(scope: TitleScope) -> list[Candidate[str]]:
    """Every title the text offers for the event, each with where it came from and the
    features that speak for or against it."""
    text = scope.text
    clause_start, clause_end = scope.clause
    mention_start, mention_end = scope.mention
    clause = text[clause_start:clause_end]
    lead = text[clause_start:mention_start]
    after = text[mention_end:clause_end]
    out: list[Candidate[str]] = []

    def add(source: str, title: str | None, near: int | None, span: Span | None = None) -> None:
        if not title:
            return
        if span is None and near is not None:
            span = span_of(text, title, near)
        features = title_features(title)
        if source in _AFTER_DATE:  # a list's heading does not follow a date of the list
            features = tuple(f for f in features if f != "list_heading")
        if title.lower() in scope.venues:
            features += ("is_venue",)
        out.append(Candidate(title, source, span, features))

    if scope.entry is not None:
        add("entry_heading", clean_title(scope.entry[0]), None, scope.entry[1])
    labelled = scope.layout.field_near("title", mention_start)
    if labelled is not None:
        value = field_title(labelled.value)
        add("field", value, None, Span(labelled.start, labelled.end, labelled.value, 0.85))
    lead_title = clean_title(lead)
    if lead_title and is_bare_medium(lead_title):
        lead_title = None
    after_title = title_after(after) if not lead_title else None
    preamble_title = None
    if scope.preamble:
        preamble_title = clean_title(text[scope.preamble[0] : scope.preamble[1]])
        if preamble_title and is_bare_medium(preamble_title):
            preamble_title = None
    add("quoted", quoted_title(clause), clause_start)
    add("named_session_lead", named_session(lead), clause_start)
    add("announced", announced_event(lead), clause_start)
    add("held", held_event(lead), clause_start)
    add("lead", lead_title, clause_start)
    if starts_with_name(after):
        add("after_named", after_title, mention_end)
    session = named_session(clause)
    if session and _FOLLOWED_BY.search(clause.lower().split(session.lower())[0]):
        # 'Pride at 6pm, followed by a Q&A with the director': a later part, not the event
        out.append(
            Candidate(
                session,
                "named_session",
                span_of(text, session, clause_start),
                (*title_features(session), "follow_on"),
            )
        )
    else:
        add("named_session", session, clause_start)
    if scope.preamble:
        add("preamble", preamble_title, scope.preamble[0])
    context = title_from_context(scope)
    if context:
        title, span, heads_list = context
        if heads_list and title:
            out.append(Candidate(title, "context", span, (*title_features(title), "list_heading")))
        else:
            add("context", title, None, span)
    for sentence in _sentences_before(scope):  # 'join us for a book discussion. We meet on ...'
        for reader in (next_event, event_phrase, held_event):
            add("context_phrase", reader(sentence.text), sentence.start)
    if scope.festival and re.search(r"\bevents?\b|\bactivities\b", lead, re.IGNORECASE):
        add("festival", scope.festival, None)
    add("after", after_title, mention_end)
    add("event_phrase", event_phrase(clause), clause_start)
    add("named_event", named_event(clause), clause_start)
    add("next_event", next_event(clause), clause_start)
    layout = scope.layout
    line = layout.line_at(mention_start)
    led = text[line.start : mention_start].strip() == ""
    line_rest = rest_of_line(text[mention_end : line.end], scope.venues) if led else None
    named = line_rest is not None and not _NOT_NAMES.intersection(title_features(line_rest))
    if led and len(line.text) < 60 and not named:  # the line holds the date, not a name
        below = layout.next_text_line(line.number)  # 'Sep 23 2023' / 'The Big Gig @ The Hub'
        if (
            below is not None
            and _name_line(layout, below)
            and below.text.strip() not in scope.people
        ):
            title = clean_title(below.text, name=True)
            further = layout.next_text_line(below.number)
            if title and further is not None and is_address(further.text.strip()):
                # 'Dec 29' / 'The Old Mill' / '99 High St, Red Bank': the venue, then its address
                out.append(
                    Candidate(
                        title, "next_line", below.span(), (*title_features(title), "over_address")
                    )
                )
            else:
                add("next_line", title, None, below.span())
    line_lead = text[max(line.start, clause_start) : mention_start]
    if line.start > clause_start and line_lead.strip():
        add("lead_line", clean_title(line_lead), line.start)
    if _DATE_LED.match(text, line.start, mention_start):
        add("line_after", rest_of_line(text[mention_end : line.end], scope.venues), mention_end)
        above = _line_above(layout, line)
        if above is not None:
            add("line_above", clean_title(above.text, name=True), None, above.span())
    cell = _table_cell(layout, line, mention_start)
    if cell is not None:
        add("table_cell", field_title(cell), line.start)
    out.extend(_headings(scope, line))
    kind_named = _kind_named_above(scope, line)
    if kind_named is not None:
        add("kind_named", kind_named[0], None, kind_named[1])
    add("speaker_talk", speaker_talk(clause, scope), clause_start)
    return _named_below(out, _words(clause), scope.anchors)


# Sources that read a name set out above the event's own sentence.
_ABOVE = frozenset({"heading", "context"})


def _named_below(
    found: list[Candidate[str]], clause_words: set[str], anchors: Sequence[int]
) -> list[Candidate[str]]:
    """Mark the names above the event that its own sentence names too (not another event's
    line: '10 Whole School Transition' over '14 Whole School Transition')."""
    return [
        dataclasses.replace(c, features=(*c.features, "named_below"))
        if c.source in _ABOVE
        and not _NOT_NAMES.intersection(c.features)
        and not (c.span and _anchor_between(anchors, c.span.start, c.span.end))
        and _named_in(c.value, clause_words)
        else c
        for c in found
    ]


_TALK = re.compile(
    r"\b(?P<noun>lecture|talk|seminar|reading|workshop|discussion|presentation|webinar"
    r"|masterclass|keynote|sermon|q\s*&\s*a)\b",
    re.IGNORECASE,
)


# 'Entangled Worlds (Lecture) ...' opening a listing's entry: a name, then what kind of event.
_KIND_NAMED = re.compile(
    r"^\s*(?P<title>(?:[A-Z0-9][\w'’&:,-]*\s+){0,8}?[A-Z0-9][\w'’&-]*\s*"
    rf"\((?:[A-Za-z]+\s+)?(?i:{_EVENT_NOUNS})\))"
)


def _kind_named_above(scope: TitleScope, line: Line) -> tuple[str, Span] | None:
    """The nearest line above the event's date, within its own entry (no other event's date
    between), that opens with a name and its kind in brackets."""
    layout = scope.layout
    for above in reversed(layout.lines[max(0, line.number - 8) : line.number]):
        if _anchor_between(scope.anchors, above.end, scope.mention[0]):
            return None
        m = _KIND_NAMED.match(above.text)
        if m:
            title = m["title"].strip()
            at = above.start + above.text.index(title)
            return title, Span(at, at + len(title), title, 0.6)
    return None


def speaker_talk(clause: str, scope: TitleScope) -> str | None:
    """'... welcomes one of its honorary graduates to present a lecture' with the speaker
    named in the next sentence: 'Lecture by Diarmaid MacCulloch', the name an event of one
    speaker is listed by when its sentences give it no other."""
    if not scope.speakers or len(scope.speakers) > 2:
        return None
    found = _TALK.search(clause) or next(
        (m for s in scope.context if (m := _TALK.search(s.text))), None
    )
    if found is None:
        return None
    noun = found["noun"]
    noun = noun[0].upper() + noun[1:] if not noun.isupper() else noun
    return f"{noun} by {' and '.join(scope.speakers)}"


# Sources that read the words after the event's date ('30  Transition Programme').
_AFTER_DATE = frozenset({"after", "after_named", "line_after"})


def _table_cell(layout: Layout, line: Line, at: int) -> str | None:
    """'Jan. 24 | Ann Lee | Why Dunes Move |' under 'Date | Speaker | Title |': the cell of the
    row in the column its header calls the title; where the header has two such columns
    ('Pre-talk title'), the one the event's mention stands in, else the first."""
    columns = listings.title_columns(layout, line)
    if not columns:
        return None
    here = layout.text[line.start : at].count("|")
    column = here if here in columns else columns[0]
    cells = line.text.split("|")
    return cells[column].strip() if column < len(cells) else None


# What a heading's own words may say against it: the next heading up is then the nearest name.
_NOT_NAMES = frozenset(
    {
        "has_date",
        "has_time",
        "calendar_only",
        "page_line",
        "has_link",
        "is_label",
        "affiliation",
        "furniture",
        "list_heading",
        "byline",
        "addressing",
        "vague",
        "address",
    }
)


def _headings(scope: TitleScope, line: Line) -> list[Candidate[str]]:
    """The headings above the event, the nearest that could be a name first. One that another
    event's date stands under too heads a list."""
    out = []
    for heading in scope.layout.headings_before(line.start, 4):
        if heading.text.strip() in scope.people:
            continue
        title = heading_title(heading.text)
        if not title:
            continue
        features = title_features(title)
        if _anchor_between(scope.anchors, heading.end, scope.mention[0]):
            features += ("heading_shared",)
        if any(not _NOT_NAMES.intersection(c.features) for c in out):
            features += ("heading_far",)  # a nearer heading could be the name
        out.append(Candidate(title, "heading", heading.span(), features))
    return out


def _named_in(title: str, words: set[str]) -> bool:
    """'Governors Ball' over 'New York City's Governors Ball already leaked that ...': the
    event's own sentence names what the heading does (two words or more, each of them)."""
    own = _words(title)
    return len(own) >= 2 and all(any(_same_word(w, x) for x in words) for w in own)


def _same_word(a: str, b: str) -> bool:
    """'fest' and 'festival', 'meetings' and 'meeting': one word written two ways."""
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _words(text: str) -> set[str]:
    """The words that could name something: no calendar words, no stopwords."""
    found = {w.casefold() for w in re.findall(r"[^\W\d_]{2,}", text)}
    return {w for w in found - STOPWORDS if not is_calendar_word(w)}


def _line_above(layout: Layout, line: Line) -> Line | None:
    """The line right over a line the date leads, when it is set out as a name would be: short,
    not ending like a sentence, not a labelled field ('A QUIZ NIGHT' / 'Tuesday, 9 October')."""
    if line.number == 0:
        return None
    above = layout.lines[line.number - 1]
    words = above.text.split()
    if not words or len(words) > MAX_WORDS or re.search(r"[.,;:!]\s*$", above.text):
        return None
    if layout.is_field_line(above.start):
        return None
    return above


def _name_line(layout: Layout, line: Line) -> bool:
    """A heading, or a short line set out as a name is ('Wed 10 Jan' / 'The Art of Surgery' /
    'Dr Jo Bloggs'): not ending like a sentence, not a labelled field, not a footnote."""
    if layout.is_footnote(line):
        return False
    if line.number in layout.heading_numbers:
        return True
    words = line.text.split()
    return (
        0 < len(words) <= MAX_WORDS
        and not re.search(r"[.,;:!|]\s*$", line.text)
        and "|" not in line.text
        and not is_bullet(line.text)
        and not layout.is_field_line(line.start)
    )


_FOLLOWED_BY = re.compile(r"\b(?:followed\s+by|then|after\s+which|afterwards)\s+(?:a|an|the)?\s*$")
_DATE_LED = re.compile(r"[\s>*•·-]*$")


def _anchor_between(anchors: Sequence[int], start: int, end: int) -> bool:
    at = bisect_left(anchors, start)
    return at < len(anchors) and anchors[at] < end


_BYLINE_CUT = re.compile(
    r"\s+[-–—]\s+(?:(?:Dr|Prof|Professor|Rev|Revd|Cllr|Sir|Dame|Mr|Mrs|Ms)\.?\s+)?"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$"
)


def rest_of_line(rest: str, venues: frozenset[str] = frozenset()) -> str | None:
    """'.The Art of the Surgeon', ': Sailing to Disaster - Dr Jo Bloggs (then the AGM)': what a
    listing line says after its date, without the speaker and the aside that follow the name.
    Set out on a line of its own a name keeps its article and the words after 'in' ('Bees in
    the City') unless they name the event's venue; after a colon it keeps its commas too
    ('13 May: Why, then, the Sea?')."""
    colon = re.match(r"^\s*:\s*", rest)
    rest = re.sub(r"^[\s.,:;–—-]+", "", rest)
    clocks = find_times(rest[:20])
    if clocks and clocks[0].start == 0:
        rest = re.sub(r"^[\s.,:;–—-]+", "", rest[clocks[0].end :])
    label = LABEL_PREFIX.match(rest)
    if label and is_label(label.group(1)):
        rest = rest[label.end() :]
    rest = re.sub(r"\s*\([^()]*\)\s*", " ", rest).strip()
    rest = _BYLINE_CUT.sub("", rest)
    rest = re.split(r";|\.\s|\s[–—]\s" if colon else r"[,;]|\.\s|\s[–—]\s", rest)[0]
    rest = rest.rstrip(" .,;:")
    at_venue = _AT_PLACE.search(rest)
    if at_venue and any(v.startswith(at_venue["place"].lower()) for v in venues):
        rest = rest[: at_venue.start()]
    return clean_title(rest, name=True)


_AT_PLACE = re.compile(r"\s+(?:at|in|@)\s+(?:the\s+)?(?P<place>[^,;]+?)\s*$", re.IGNORECASE)


def field_title(value: str) -> str | None:
    """A 'Title:' line's value, unquoted, or None when it only says how ('Online')."""
    value = value.strip().strip("\"“”'‘’").strip()
    value = re.sub(r"[.,;:]+$", "", value)
    if not value or is_bare_medium(value) or len(value.split()) > 25:
        return None
    return value


_PAGE_LINE = re.compile(
    r"^(?:posted|published|updated|last\s+updated|filed|written)\b|\bposted\s+by\b", re.I
)
LIST_HEADING = re.compile(
    r"\b(?:dates|schedule|programme|program|calendar|listings|timetable|what'?s\s+on"
    r"|upcoming\s+events|meeting\s+dates)(?:\s+(?:for|in|of)\s+(?:the\s+)?[\w-]+)?(?:\s+\d{4})?\s*:?$",
    re.IGNORECASE,
)


def title_features(title: str) -> tuple[str, ...]:
    """What the words themselves say against being an event's name."""
    features = []
    words = title.strip(" .:").lower()
    if words in ROLES or is_bare_medium(words):
        features.append("is_label")
    if all(is_calendar_word(w) for w in re.findall(r"[a-z]+", words)) and not re.search(
        r"\b(?:march|may)\b", words
    ):  # a protest march and a person called May are names too
        features.append("calendar_only")
    if _PAGE_LINE.search(title):
        features.append("page_line")
    if LIST_HEADING.search(title):
        features.append("list_heading")
    if AFFILIATION_START.match(title):
        features.append("affiliation")
    if _STATUS_WORDS.match(words):
        features.append("is_label")  # 'CANCELLED' says what became of an event, not its name
    if _LINK.search(title):
        features.append("has_link")
    if _DATE_WORDS.search(title):
        features.append("has_date")  # another date: the next item of a list, not a name
    if re.search(r"\d", title) and find_times(title):
        features.append("has_time")  # 'Doors open at 5.30pm': when, not what
    if is_address(title):
        features.append("address")
    if _FURNITURE.match(title):
        features.append("furniture")
    if _BYLINE.match(title):
        features.append("byline")  # 'By Professor Jo Bloggs': who, not what
    if _ADDRESSING.search(title):
        features.append("addressing")  # 'See you in 2020', '@ Your Library': the writer talking
    if all(w in _VAGUE_WORDS for w in re.findall(r"[a-z]+", words)):
        features.append("vague")  # 'Next', 'Following week', 'Will end'
    if venue_shaped(title):
        features.append("venue_shaped")  # 'LANGE HALL' under a date line: where, not what
    return tuple(features)


_BYLINE = re.compile(
    r"^(?:by|with|from|convened\s+by|presented\s+by|hosted\s+by|led\s+by|chaired\s+by"
    r"|organi[sz]ed\s+by|sponsored\s+by|courtesy\s+of|photo|image|credit)\b",
    re.IGNORECASE,
)
_ADDRESSING = re.compile(r"\b(?:we|you|your|our|us|i|we're|you're|we'll|you'll)\b", re.IGNORECASE)
_VAGUE_WORDS = frozenset(
    "next following this coming upcoming later soon week weekend month year "
    "today tonight tomorrow will end ends start starts begin begins the a an both all "
    "it here there people everyone anyone".split()
)


_STREET_NUMBER = re.compile(
    r"^\d+[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr"
    r"|Way|Boulevard|Blvd|Highway|Hwy|Place|Pl|Square|Sq|Terrace|Court|Ct|Parade)\b\.?"
)


def is_address(words: str) -> bool:
    """'99 High St, Red Bank, NJ 07701', 'Leeds LS1 4AB': where, not what."""
    return bool(_STREET_NUMBER.match(words) or us_places(words) or find_postcodes(words))


# Lines that say how to get in, not what is on.
_FURNITURE = re.compile(
    r"^(?:admission|tickets?|entry|entrance|booking|book\s+now|doors|cost|price|fees?|free\s+entry"
    r"|all\s+(?:are\s+)?welcome|everyone\s+welcome|refreshments|parking|register|rsvp|click"
    r"|more\s+info|for\s+more|see\s+(?:the|our)|follow\s+us|share\s+this|skip\s+to|menu|home"
    r"|search|log\s+in|sign\s+in|subscribe|cookies?|privacy|back\s+to"
    r"|(?:hide|skip|close)\s+(?:this\s+)?ad|advertisement|sponsored|read\s+more|related"
    r"|time\s+to\s+read|reading\s+time|\d+\s+min(?:ute)?s?\s+read|(?:monthly\s+)?archives?)\b",
    re.IGNORECASE,
)


_STATUS_WORDS = re.compile(
    r"^(?:cancell?ed|postponed|rescheduled|sold\s+out|new\s+date|tbc|tba|free|update[ds]?)\W*$"
)
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_WORDS = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?=\W|$)|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE,
)


_LEADING_DATE = re.compile(
    r"^\s*(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    r"(?:,?\s+\d{4})?(?=\W|$)",
    re.IGNORECASE,
)


# 'Riverside Book Fair 2031 Programme': the programme of a gathering named before the word.
_PROGRAMME_OF = re.compile(
    r"^(?P<name>.*\b(?:festival|fair|conference|summit|congress|symposium|convention|expo"
    r"|weekend|gathering|day\s+school)\b(?:\s+\d{4})?)\s*[:–—-]?\s*"
    r"(?:programme|program|schedule|timetable|line-?up|events)\s*:?\s*$",
    re.IGNORECASE,
)


def heading_title(heading: str) -> str | None:
    """A heading as a title; 'Monday 29 March: Earthquake Lecture' names the lecture, and a
    gathering's 'Programme' heading names the gathering."""
    led = _LEADING_DATE.match(heading)
    if led:
        return rest_of_line(heading[led.end() :])
    programme = _PROGRAMME_OF.match(heading.strip())
    if programme:
        return clean_title(programme["name"], name=True)
    return clean_title(heading, name=True)


def _sentences_before(scope: TitleScope) -> list[Sentence]:
    """The event's sentences of context just before its clause, in its paragraph: where a
    dated sentence that names nothing ('We will meet on March 9th') gets its name."""
    earlier = [s for s in scope.context if s.start < scope.clause[0]]
    return earlier[-2:]


def title_from_context(scope: TitleScope) -> tuple[str, Span | None, bool] | None:
    """A label line ('Webinar: Housing rights'), a quoted title or a heading just before; and
    whether its line names a list ('Dale History Circle: spring programme'), not one event."""
    text = scope.text
    earlier = [s for s in scope.context if s.start < scope.clause[0]]
    for sentence in reversed(earlier):
        named = _NAME_THEN_BLURB.match(sentence.text)
        if named and _title_cased(named["name"]):
            return named["name"], span_of(text, named["name"], sentence.start), False
        labelled = label_title(sentence.text)
        if labelled:
            label, title = labelled
            chosen = title if is_label(label) or len(label.split()) <= 2 else label
            heads_list = chosen is label and bool(LIST_HEADING.search(title))
            return chosen, span_of(text, chosen, sentence.start), heads_list
        quoted = quoted_title(sentence.text)
        if quoted:
            return quoted, span_of(text, quoted, sentence.start), False
    for sentence in reversed(earlier):
        heading = short_heading(sentence.text)
        if heading and not is_label(heading):
            return heading, span_of(text, heading, sentence.start), False
    for sentence in reversed(earlier):
        heading = short_heading(sentence.text)
        if heading:
            return heading, span_of(text, heading, sentence.start), False
    return None


# 'Crystal Fair - Find all things crystal here!': a listing's name, a dash, then the blurb.
_NAME_THEN_BLURB = re.compile(r"^(?P<name>[^\W\d_][^–—:.!?]{2,70}?)\s+[-–—]\s+\S")
_MINOR_WORDS = frozenset("a an and the of in on at for to with by or & de la".split())


def _title_cased(words: str) -> bool:
    """'Cedar High School Fun Run', 'Night of the Hunter': every word that counts capitalised."""
    major = [w for w in words.split() if w.lower() not in _MINOR_WORDS]
    return bool(major) and all(not w[0].isalpha() or w[0].isupper() for w in major)


def span_of(text: str, words: str, near: int) -> Span | None:
    """Where `words` (perhaps re-capitalised) stand in the text, looked for near `near` only."""
    start = max(0, near - 200)
    window = text[start : near + 2_000]
    at = window.find(words)
    if at < 0:
        at = window.lower().find(words.lower())
    if at < 0:
        return None
    at += start
    return Span(at, at + len(words), text[at : at + len(words)], 0.7)


# 'Trades Council Meetings 2013' over six dates: the list's heading, plural and with its year.
_SERIES_TAIL = re.compile(
    r"^(?P<head>.*\S)\s+(?P<noun>[A-Za-z]+)(?:\s+(?:19|20)\d\d(?:[/-]\d\d)?)?$"
)
_SINGLE_NOUNS = frozenset(n for n in cues.EVENT_NOUNS if " " not in n)


def one_of_the_series(title: str) -> str:
    """The title of one event of a listed series from the heading over all of them: 'Trades
    Council Meetings 2013' -> 'Trades Council Meeting'. Left as it is unless it ends in the
    plural of a thing one attends (and perhaps a year)."""
    m = _SERIES_TAIL.match(title.strip())
    if m is None:
        return title
    noun = m["noun"]
    single = _singular(noun)
    if single is None or single.lower() not in _SINGLE_NOUNS:
        return title
    return f"{m['head']} {single}"


def _singular(noun: str) -> str | None:
    lower = noun.lower()
    if lower.endswith("ies"):
        return noun[:-3] + ("Y" if noun.isupper() else "y")
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return noun[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return noun[:-1]
    return None
