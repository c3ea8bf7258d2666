"""From announcement text to event drafts.

The text is read sentence by sentence. A date that names when something will happen (not a
deadline, not a past happening, not a booking window) is an anchor; the clause around it gives
the event its title, times and places, and the sentences near it without dates of their own
add speakers, links and whatever the clause lacked. Timed lines such as '2pm: Panel' after an
event become its sessions.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..domain import ClockChange, EndBeforeStartError, LocalWhen, as_written, clock_change
from ..lexicon import calendar_words
from ..lexicon import zones as zones_mod
from . import dates as dates_mod
from . import evidence
from . import frames as frames_mod
from . import links as links_mod
from . import listings as listings_mod
from . import people as people_mod
from . import places as places_mod
from . import restated as restated_mod
from . import stops as stops_mod
from . import times as times_mod
from . import titles as titles_mod
from .dates import DateMention, YearContext
from .evidence import Candidate
from .model import Draft, DraftLink, DraftPerson, DraftVenue, Span
from .text import Sentence, split_sentences
from .tokens import Layout, is_bullet, read_layout

DEADLINE = re.compile(
    r"\b(?:deadline|applications?|nominations?|submissions?|entries|closing\s+date|apply"
    r"|notified|due|expires?|ballots?|balloted|vote|voting|must\s+be\s+(?:received|submitted)"
    r"|no\s+later\s+than|registration\s+closes|sign\s+up\s+by|book\s+by)\b",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"\b(?:closes|closing|ends|finishes|runs\s+until)\b[^.;,]{0,25}?\s+(?:on\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
DEADLINE_BY = re.compile(r"\b(?:by|before|until|till)\s+(?:the\s+)?$", re.IGNORECASE)
VAGUE = re.compile(r"\b(?:week|month)\s+(?:of|beginning|commencing)\s+(?:the\s+)?$", re.IGNORECASE)
PAST = re.compile(
    r"\b(?:began|begun|ended|took\s+place|was\s+held|were\s+held|drew|passed|lasted|happened"
    r"|died|born|founded|killed|elected|ago|since)\b|\blast\s+(?:week|year|month|night|time"
    r"|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?!\s+of\b)",
    re.IGNORECASE,
)
# Right after the day, a verb that says it is past: 'on Monday lasted'.
PAST_AFTER = re.compile(r"^\s*(?:and\s+)?(?:lasted|passed|ended)\b", re.IGNORECASE)
# ... or the day a report was given, where that day is not after the text's own
# ('addressing the press on Wednesday said that ...'; 'from May 7, informed the president' is
# the event's).
REPORTED_AFTER = re.compile(
    r"^\s*,?\s*(?:said|told|announced|informed|stated|added|revealed|confirmed)\b", re.IGNORECASE
)
# The day booking opens ('booking required from 3 August', 'tickets on sale from Monday'):
# whatever clock the clause holds is the event's, not this day's.
BOOKING_FROM = re.compile(
    r"\b(?:booking|bookings|tickets?|registration|sign-?ups?)\s+(?:is\s+|are\s+)?"
    r"(?:required\s+|essential\s+)?(?:opens?\s+|goes\s+on\s+sale\s+|go\s+on\s+sale\s+|on\s+sale\s+"
    r"|available\s+|starts?\s+|begins?\s+)?(?:from|on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# When something is to be had rather than gone to: 'available online from 10th September'.
AVAILABLE_FROM = re.compile(
    r"\bavailable\b(?:\s+[\w-]+){0,3}?\s+(?:from|on|after)\s+(?:the\s+)?$", re.IGNORECASE
)
BOOKING = re.compile(
    r"\b(?:book|booking|tickets?|register|registration|buy|sign\s+up|rsvp|on\s+sale)\b",
    re.IGNORECASE,
)
END_CUE = re.compile(
    r"\b(?:closes|close|ends|end|finishes|finish|finishing|ending|until|till"
    r"|through|to)\b",
    re.IGNORECASE,
)
PROGRAMME_ITEM = re.compile(
    r"^(?P<time>(?:\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday)"
    r"(?:\s*(?:-|–|—|to)\s*\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?)?)\s*[:–—-]\s+"
    r"(?P<title>[^\W\d_].+)$",
    re.IGNORECASE,
)
FUTURE = re.compile(
    r"\b(?:will|shall|join\s+us|come\s+along|takes?\s+place|are\s+invited|is\s+on|going\s+ahead)\b",
    re.IGNORECASE,
)
THERE = re.compile(
    r"\bthere\b(?!\s+(?:is|are|was|were|will|'s|’s|has|have|had|may|might))", re.IGNORECASE
)
SEPARATORS = (
    re.compile(r";"),
    re.compile(r"\band\s+then\b", re.IGNORECASE),
    re.compile(r",\s+(?:and|while|with|plus)\b", re.IGNORECASE),
    re.compile(r"\band\b", re.IGNORECASE),
    re.compile(r","),
)
US_SIGNALS = re.compile(r"\$\d|\b(?:EST|EDT|CST|CDT|PST|PDT|MST|MDT)\b")
UK_SIGNALS = re.compile(r"£\d|\b(?:BST|GMT)\b")


MAX_EVENTS = 500
LOOK_BACK = 300


def _date_span(text: str, mention: DateMention) -> Span:
    """The date's own words ('Saturday 4 July'), without the 'on' its match may begin with."""
    at = text.find(mention.text, mention.start, mention.end) if mention.text else -1
    if at < 0:
        return Span(mention.start, mention.end, text[mention.start : mention.end], 0.9)
    return Span(at, at + len(mention.text), mention.text, 0.9)


@dataclass
class Seed:
    """One event being read: its anchor date(s) and the stretches of text that describe it."""

    sentence: int
    paragraph: int
    clause: tuple[int, int]
    mention: DateMention
    end_mention: DateMention | None = None
    preamble: tuple[int, int] | None = None
    context: list[Sentence] = field(default_factory=list)
    items: list[listings_mod.Item] = field(default_factory=list)
    recurrence: str | None = None
    shares_lead: bool = False  # 'X at Y on Friday ... and Saturday ...': a later date of X


@dataclass
class Reading:
    """What is known about the whole text before any event is built."""

    text: str
    sentences: list[Sentence]
    timezone: str
    day_first: bool
    years: YearContext
    reference: date | None
    festival: str | None
    layout: Layout
    zone_mentions: list = field(default_factory=list)
    zone_starts: list[int] = field(default_factory=list)
    address_zone: str | None = None
    performer_names: set[str] = field(default_factory=set)  # casefolded, named under a cue
    name_lines: dict[int, DraftPerson] = field(default_factory=dict)  # block -> the first
    people: people_mod.People = field(default_factory=lambda: people_mod.People([]))
    seed_lines: list[int] = field(default_factory=list)  # where each event's date line starts
    warnings: list[str] = field(default_factory=list)
    known_venues: places_mod.KnownVenues = field(default_factory=lambda: places_mod.KnownVenues(()))
    language: str = "en"  # of the whole text, guessed once: a sentence alone is too short to tell
    standing: list[Sentence] = field(default_factory=list)  # 'All talks are held in ...'
    rooms: places_mod.Rooms = field(default_factory=lambda: places_mod.Rooms([]))
    anchor_starts: tuple[int, ...] = ()  # every seed's anchor date, in text order
    sentence_starts: list[int] = field(default_factory=list)
    shows: bool | None = None  # the text lists concerts and gigs, not talks (worked out once)


def _dates_in(reading: Reading, text: str) -> list[DateMention]:
    """The dates of `text`, a part of the reading (or all of it), read as the whole text is:
    day-first or not, and in the whole text's language."""
    return dates_mod.find_dates(text, day_first=reading.day_first, language=reading.language)


def read_announcement(
    text: str,
    *,
    reference: date | None,
    default_timezone: str,
    fallback_year: int | None,
    known_venues: Sequence[str] = (),
) -> tuple[list[Draft], list[str]]:
    mentions = zones_mod.zone_mentions(text)
    addresses = places_mod.Addresses.read(text)
    address_zone = addresses.zone()
    zone = (
        address_zone  # a postcode or 'City, ST' address is the surest
        or _lexicon_zone(mentions, default_timezone)
        or _zone_from_abbreviations(text)
        or default_timezone
    )
    reading = Reading(
        text=text,
        sentences=split_sentences(text),
        timezone=zone,
        day_first=_day_first(text, zone, addresses),
        years=dates_mod.year_context(text, reference, fallback_year),
        reference=reference,
        festival=titles_mod.festival_name(text),
        layout=read_layout(text),
        zone_mentions=mentions,
        zone_starts=[m.start for m in mentions],
        address_zone=address_zone,
        known_venues=places_mod.KnownVenues(known_venues),
        language=calendar_words.guess_language(text),
    )
    seeds = _seeds(reading)
    if not seeds:
        return [], list(dict.fromkeys(reading.warnings))
    _read_people_and_places(reading)
    if len(seeds) > MAX_EVENTS:
        reading.warnings.append(
            f"The text names more than {MAX_EVENTS} events: only the first {MAX_EVENTS} were read"
        )
        seeds = seeds[:MAX_EVENTS]
    reading.seed_lines = sorted({reading.layout.line_at(s.mention.start).start for s in seeds})
    reading.anchor_starts = tuple(seed.mention.start for seed in seeds)
    reading.sentence_starts = [s.start for s in reading.sentences]
    drafts: list[Draft] = []
    facts = frames_mod.text_facts(text, reading.sentences, reference)
    for seed in seeds:
        built = _drafts(reading, seed, drafts)
        if built and _is_event(reading, facts, seed, built):
            drafts.extend(built)
    _inherit_series_time(reading, drafts)
    _link_parents(reading, seeds, drafts)
    tour = stops_mod.name_stops(reading.layout, drafts)
    if tour is not None:
        _stops_performed_by_the_act(reading, tour)
    drafts = restated_mod.merge_restated(drafts, reading.layout)
    _one_each(drafts)
    return drafts, list(dict.fromkeys(reading.warnings))


def _one_each(drafts: list[Draft]) -> None:
    """A title that several events on different days share is a series' heading: each event
    is one of them ('Trades Council Meetings 2013' -> 'Trades Council Meeting')."""
    days: dict[str, set[date]] = {}
    for draft in drafts:
        days.setdefault(draft.title, set()).add(draft.when.day)
    for draft in drafts:
        if len(days[draft.title]) >= 2:
            draft.title = titles_mod.one_of_the_series(draft.title)


def _read_people_and_places(reading: Reading) -> None:
    """What every event of the text draws on, read once for the whole text; only once it has
    dates to build events on (a long text without any costs no more than finding that out)."""
    reading.people = people_mod.read_people(reading.text, reading.layout)
    reading.performer_names = {
        c.name.casefold() for c in reading.people.found if "performer_cue" in c.features
    }
    for candidate in reading.people.found:
        if "own_line" in candidate.features:
            block = reading.layout.block_at(candidate.start)
            reading.name_lines.setdefault(block, people_mod.as_person(candidate))
    reading.standing = [
        s
        for s in reading.sentences
        if places_mod.STANDING_PLACE.search(s.text) and not _dates_in(reading, s.text)
    ][:1]
    reading.rooms = places_mod.Rooms(places_mod.room_venues(reading.text))


SERIES = re.compile(
    r"\b(?:all|every|each|usually|normally|always|regular(?:ly)?)\b|\b(?:meetings|talks|lectures"
    r"|sessions|events|classes|screenings|gigs|concerts|walks|tours|meets|are\s+held|start|begin|run)\b",
    re.IGNORECASE,
)
_FINISHES_AT = re.compile(
    r"\b(?:finish|finishes|end|ends|close|closes|conclude|concludes|until|till)\s+(?:at\s+)?$",
    re.IGNORECASE,
)
_FINISH = re.compile(r"\b(?:finish|finishes|end|ends|until|till|close|closes)\b[^.]{0,20}$", re.I)


def _inherit_series_time(reading: Reading, drafts: list[Draft]) -> None:
    """'Meetings start at 7pm and finish at 8.45pm' or 'All talks are at 10am', said once in a
    sentence with no date of its own, is the time of each dated event the text gives no time."""
    untimed = [d for d in drafts if d.all_day and not d.parent]
    if not untimed:
        return
    default = None
    for sentence in reading.sentences:
        if not SERIES.search(sentence.text):
            continue
        if _dates_in(reading, sentence.text):
            continue
        ranges = times_mod.find_times(sentence.text)
        if not ranges:
            continue
        first = ranges[0]
        if _FINISHES_AT.search(sentence.text[: first.start]):
            continue  # 'school finishes at 2.30pm on the last day': when something ends
        end = first.last
        if end is None and len(ranges) > 1 and _FINISH.search(sentence.text[: ranges[1].start]):
            end = ranges[1].first
        default = (first.first.value(), end.value() if end else None, sentence)
        break
    if default is None:
        return
    start_clock, end_clock, sentence = default
    for draft in untimed:
        if draft.end is not None:
            continue  # a span of days keeps its days
        day = draft.start
        draft.start = datetime.combine(day, start_clock)
        if end_clock is not None and end_clock > start_clock:
            draft.end = datetime.combine(day, end_clock)
        draft.spans["time"] = Span(sentence.start, sentence.end, sentence.text, 0.6)
        if not draft.venues:
            draft.venues = places_mod.find_venues(sentence.text, sentence.start).venues[:1]


def _lexicon_zone(mentions: list, default_timezone: str) -> str | None:
    """The lexicon's pick, unless every place it rests on may as well be in the caller's own
    zone ('Durham' is in England as much as in North Carolina) and no clock names a zone."""
    clocks = [m for m in mentions if m.kind in ("abbreviation", "written")]
    if (
        mentions
        and not clocks
        and all(default_timezone in (m.zone, *m.alternatives) for m in mentions)
    ):
        return default_timezone
    return zones_mod.pick_zone(mentions)


def _is_event(reading: Reading, facts, seed: Seed, built: list[Draft]) -> bool:
    """Weigh the frame (frames.py); its score becomes the confidence of each draft's date."""
    top = built[0]
    titled = not (top.title == "Event" or top.title.startswith("Event at "))
    features = frames_mod.frame_features(
        reading.text,
        reading.layout,
        facts,
        reading.sentences[seed.sentence],
        (seed.mention.start, seed.mention.end),
        top,
        titled,
    )
    anchor = (seed.mention.start, seed.mention.end)
    score, probability = evidence.frame_score(features, anchor, [d.start for d in built])
    if score < evidence.current().frame.threshold - evidence.TIE:
        return False
    sure = round(probability, 2)
    for draft in built:
        if "start" in draft.spans:
            old = draft.spans["start"]
            draft.spans["start"] = Span(old.start, old.end, old.text, sure)
    return True


def _zone_from_abbreviations(text: str) -> str | None:
    for m in re.finditer(r"\b(GMT|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|CET|CEST)\b", text):
        return times_mod.ZONES[m.group(1)]
    return None


def _day_first(text: str, zone: str, addresses: places_mod.Addresses) -> bool:
    """The order of '10/7': the text's own numeric dates where one can only be read one way
    ('4/20'), then its places, currency and zone words, then the zone's country."""
    written = dates_mod.numeric_order(text)
    if written is not None:
        return written
    if addresses.us or US_SIGNALS.search(text):
        return False
    if addresses.postcodes or UK_SIGNALS.search(text):
        return True
    return not zone.startswith("America/")


def _seeds(reading: Reading) -> list[Seed]:
    text = reading.text
    mentions = _with_calendar_days(reading, _dates_in(reading, text))
    mentions = listings_mod.days_over_lists(reading.layout, mentions)
    mentions = listings_mod.days_in_rows(reading.layout, mentions)
    for mention in mentions:
        dates_mod.resolve(mention, reading.years)
    for mention in mentions:
        if not mention.resolved and mention.warnings:
            reading.warnings.extend(mention.warnings)
    by_sentence = _group_by_sentence(reading.sentences, mentions)
    seeds: list[Seed] = []
    loose: list[int] = []
    listed = _listed_lines(reading.layout)
    taken: set[int] = set()
    for index, sentence in enumerate(reading.sentences):
        anchors = _anchors(reading, sentence, by_sentence.get(index, []))
        recurrence = dates_mod.find_recurrence(sentence.text)
        if not anchors and recurrence and not by_sentence.get(index):
            anchors = [_first_occurrence(reading, sentence, recurrence)]
        if anchors:
            new = _sentence_seeds(reading, index, sentence, anchors)
            if recurrence:
                for seed in new:
                    seed.recurrence = recurrence.rule
            seeds.extend(new)
            continue
        line = reading.layout.line_at(sentence.start).number
        if seeds and line in listed and not by_sentence.get(index):
            item = listed[line]
            if id(item) not in taken:
                taken.add(id(item))
                seeds[-1].items.append(item)
            continue
        item = PROGRAMME_ITEM.match(sentence.text)
        dated = bool(by_sentence.get(index))
        if item and seeds and not dated and _continues(reading, seeds[-1], sentence):
            seeds[-1].items.append(
                listings_mod.Item(
                    item["time"],
                    item["title"],
                    sentence.start,
                    sentence.end,
                    (line, line),
                    False,
                    sentence.end,
                )
            )
            continue
        loose.append(index)
    _attach_context(reading, seeds, loose)
    return seeds


def _with_calendar_days(reading: Reading, mentions: list[DateMention]) -> list[DateMention]:
    """The text's dates with the days of its month-by-month calendar (listings.calendar_days)
    in place of any reading that runs into them ('October' over '30  Open evening' is not one
    date written across two lines, it is a heading over a day)."""
    days = listings_mod.calendar_days(reading.layout, reading.language)
    if not days:
        return mentions
    starts = [d.start for d in days]

    def overlaps(mention: DateMention) -> bool:
        at = bisect_left(starts, mention.end)
        return at > 0 and days[at - 1].end > mention.start

    kept = [m for m in mentions if not overlaps(m)]
    return sorted(kept + days, key=lambda m: m.start)


def _listed_lines(layout: Layout) -> dict[int, listings_mod.Item]:
    """The lines of the text's clock-and-name listings (listings.py), by line number."""
    return {n: item for item in listings_mod.timed_items(layout) for n in item.lines}


def _continues(reading: Reading, seed: Seed, sentence: Sentence) -> bool:
    """A '2pm: Panel' line is a session of the event before it in its paragraph, or across a
    blank line when that event's programme has begun or its date stands as a heading."""
    heading = reading.layout.line_at(seed.mention.start).text
    return (
        seed.paragraph == sentence.paragraph
        or bool(seed.items)
        or len(heading.split()) <= len(seed.mention.text.split()) + 3
    )


def _group_by_sentence(
    sentences: list[Sentence], mentions: list[DateMention]
) -> dict[int, list[DateMention]]:
    """Mentions by the sentence they start in; both lists are in text order, so one pass."""
    grouped: dict[int, list[DateMention]] = {}
    index = 0
    for mention in mentions:
        while index < len(sentences) and sentences[index].end <= mention.start:
            index += 1
        if index < len(sentences) and sentences[index].start <= mention.start:
            grouped.setdefault(index, []).append(mention)
    return grouped


def _anchors(
    reading: Reading, sentence: Sentence, mentions: list[DateMention]
) -> list[DateMention]:
    """The mentions that start events, with any 'closes at 4pm on Saturday' that ends one."""
    facts = SentenceFacts(
        recurring=dates_mod.find_recurrence(sentence.text) is not None,
        future=bool(FUTURE.search(sentence.text)),
        dated=any(m.relative not in ("on", "weekday") for m in mentions),
    )
    anchors: list[DateMention] = []
    for mention in mentions:
        before = reading.text[max(sentence.start, mention.start - LOOK_BACK) : mention.start]
        if _is_anchor(reading, sentence, mention, facts) or (
            anchors
            and mention.resolved
            and (
                CLOSING.search(before)
                # '4 May from 10pm till 5 May 4am': the day the event ends, not a deadline
                or (_UNTIL.search(before) and _is_end_of(reading.text, anchors[-1], mention))
            )
        ):
            anchors.append(mention)
    return anchors


_UNTIL = re.compile(r"\b(?:till|until|til)\s+(?:the\s+)?$", re.IGNORECASE)


def _first_occurrence(reading: Reading, sentence: Sentence, rule) -> DateMention:
    mention = DateMention(
        sentence.start + rule.start,
        sentence.start + rule.end,
        [],
        text=sentence.text[rule.start : rule.end],
    )
    base = reading.reference
    if base is not None:
        mention.resolved = [base + timedelta(days=(rule.weekday - base.weekday()) % 7)]
    return mention


@dataclass(frozen=True)
class SentenceFacts:
    """What every date in a sentence is judged against, worked out once per sentence so that
    a long sentence full of dates still takes linear time."""

    recurring: bool
    future: bool
    dated: bool


def _is_anchor(
    reading: Reading, sentence: Sentence, mention: DateMention, facts: SentenceFacts
) -> bool:
    if not mention.resolved:
        return False
    if mention.relative == "last":
        return False
    if mention.relative == "on" and not (reading.reference and facts.future and not facts.dated):
        return False
    if mention.relative == "weekday" and facts.dated:
        return False  # a weekday beside a clock, where the sentence gives a date as well
    clause_start = _clause_start(reading.text, sentence, mention)
    before = reading.text[max(clause_start, mention.start - LOOK_BACK) : mention.start]
    near_before = before[-70:]
    after = reading.text[mention.end : min(sentence.end, mention.end + 30)]
    if DEADLINE.search(near_before) or DEADLINE_BY.search(before) or VAGUE.search(before):
        return False
    if CLOSING.search(before):
        return False
    if PAST.search(near_before) or PAST_AFTER.match(after):
        return False
    if REPORTED_AFTER.match(after) and _not_after_reference(reading, mention):
        return False
    if BOOKING_FROM.search(near_before) or AVAILABLE_FROM.search(near_before):
        return False
    if BOOKING.search(near_before) and not times_mod.find_times(
        reading.text[clause_start : min(sentence.end, mention.end + LOOK_BACK)]
    ):
        return False
    if reading.reference is not None and not facts.recurring:
        last = mention.resolved_until or mention.resolved[-1]
        if last < reading.reference - timedelta(days=1):
            return False
    return True


def _not_after_reference(reading: Reading, mention: DateMention) -> bool:
    last = mention.resolved_until or mention.resolved[-1]
    return reading.reference is not None and last <= reading.reference


def _clause_start(text: str, sentence: Sentence, mention: DateMention) -> int:
    head_start = max(sentence.start, mention.start - LOOK_BACK)
    head = text[head_start : mention.start]
    cuts = [m.start() for m in _CLAUSE_CUT.finditer(head)]
    return head_start + cuts[-1] + 1 if cuts else head_start


# A semicolon, or a colon that is not inside a clock time ('4:30'), ends a clause.
_COLON = re.compile(r":(?!\d)|(?<!\d):")
_CLAUSE_CUT = re.compile(rf";|{_COLON.pattern}")


def _sentence_seeds(
    reading: Reading, index: int, sentence: Sentence, anchors: list[DateMention]
) -> list[Seed]:
    text = reading.text
    groups: list[list[DateMention]] = []
    for mention in anchors:
        if groups and _is_end_of(text, groups[-1][0], mention):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    bounds = [sentence.start]
    for left, right in itertools.pairwise(groups):
        laid_out = right[0].start == right[0].end  # a table cell's own event starts at its cell
        split = right[0].start if laid_out else _split_point(text, left[-1].end, right[0].start)
        bounds.append(split)
    bounds.append(sentence.end)
    preamble = None
    first_clause_start = bounds[0]
    colons = [
        sentence.start + m.start()
        for m in _COLON.finditer(text[sentence.start : groups[0][0].start])
    ]
    colon = colons[-1] if colons else -1
    if colon >= 0 and not PROGRAMME_ITEM.match(sentence.text):
        preamble = (sentence.start, colon)
        first_clause_start = colon + 1
    seeds = []
    for n, group in enumerate(groups):
        start = first_clause_start if n == 0 else bounds[n]
        seeds.append(
            Seed(
                sentence=index,
                paragraph=sentence.paragraph,
                clause=(start, bounds[n + 1]),
                mention=group[0],
                end_mention=group[1] if len(group) > 1 else None,
                preamble=preamble,
                shares_lead=n > 0 and not _LEAD_WORDS.search(text[start : group[0].start]),
            )
        )
    return seeds


# Words before a later date of a sentence that start a new event ('and a picnic on Sunday');
# only joining words ('and', 'then', 'also on') leave it a further date of the same one.
_LEAD_WORDS = re.compile(r"\b(?!(?:and|then|also|on|plus|or|again)\b)[^\W\d_]{2,}", re.IGNORECASE)


def _is_end_of(text: str, first: DateMention, second: DateMention) -> bool:
    """'Friday 10 May to Sunday 12 May' is one span of days; in 'Friday 10 May 7pm to 9pm and
    Saturday 11 May' the 'to' belongs to the clock times, so the second date is an event of its
    own."""
    between = text[first.end : second.start]
    return (
        bool(END_CUE.search(_without_clock_times(between)))
        and ";" not in between
        and len(between) < 80
        and (not second.resolved or not first.resolved or second.resolved[0] >= first.resolved[-1])
    )


def _without_clock_times(words: str) -> str:
    for found in reversed(times_mod.find_times(words)):
        words = words[: found.start] + " " + words[found.end :]
    return words


def _split_point(text: str, left_end: int, right_start: int) -> int:
    """Where one event's clause ends and the next begins: at the strongest separator between
    the two dates that leaves the later date's lead-in ('Pride on') with the later event."""
    between = text[left_end:right_start]
    for separator in SEPARATORS:
        found = list(separator.finditer(between))
        if found:
            return left_end + found[0].start()
    return right_start


def _attach_context(reading: Reading, seeds: list[Seed], loose: list[int]) -> None:
    """Each sentence without a date of its own joins the event before it in its paragraph, or
    failing that the next one (or the next paragraph's, when it is a heading line)."""
    position = 0
    for index in loose:
        while position < len(seeds) and seeds[position].sentence < index:
            position += 1
        sentence = reading.sentences[index]
        previous = seeds[position - 1] if position > 0 else None
        following = seeds[position] if position < len(seeds) else None
        if previous is not None and previous.paragraph == sentence.paragraph:
            previous.context.append(sentence)
        elif following is not None and (
            following.paragraph == sentence.paragraph
            or (following.paragraph == sentence.paragraph + 1 and _is_heading(sentence))
        ):
            following.context.append(sentence)
        elif previous is not None and sentence.paragraph == previous.paragraph + 1:
            previous.context.append(sentence)  # 'Marchers gather at 11am ...' said just after


def _is_heading(sentence: Sentence) -> bool:
    return len(sentence.text.split()) <= 12 and not sentence.text.endswith((".", "!", "?"))


# Building drafts ------------------------------------------------------------------------------


def _without_venue(title: str | None, venues: list[DraftVenue]) -> str | None:
    """'Open day at the Millennium Gallery, Arundel Gate': the venue is its own field, so a
    title that runs on into it stops before it."""
    if not title:
        return title
    for venue in venues:
        cut = re.search(
            rf"\s+(?:at|in)\s+(?:the\s+)?{re.escape(venue.name)}\b", title, re.IGNORECASE
        )
        if cut and cut.start() > 0 and re.search(r"[,\d]", title[cut.end() :]):
            return title[: cut.start()].rstrip(" ,;:–—-")
        tail = re.search(rf"\s*[,–—-]\s*(?:the\s+)?{re.escape(venue.name)}\W*$", title, re.I)
        if tail and tail.start() > 0:  # 'Plant swap, Elm Road Community Centre'
            return title[: tail.start()]
    return title


def _drafts(reading: Reading, seed: Seed, earlier: list[Draft]) -> list[Draft]:
    text = reading.text
    clause_text = text[seed.clause[0] : seed.clause[1]]
    context_text = " ".join(s.text for s in seed.context)
    first_time, end_time, zone, time_span = _times(reading, seed)
    venues = _venues(reading, seed, earlier)
    speakers = _speakers(reading, seed)
    title, title_span = _title(reading, seed, venues, speakers)
    if not venues:
        venues = _venue_from_address(clause_text, seed.clause[0], title)
    if seed.shares_lead and earlier:
        title, title_span = title or earlier[-1].title, title_span or earlier[-1].spans.get("title")
        days = _weekdays_of(seed.mention)
        venues = venues or [v for v in earlier[-1].venues if _said_of_days(reading, v, days)]
    title = _without_venue(title, venues)
    title, title_span, venues, speakers = _labelled(
        reading, seed, title, title_span, venues, speakers
    )
    if not speakers:
        speakers = _name_line_near(reading, seed)
    speakers = _not_the_topic(_not_the_venue(speakers, venues), reading.text, title_span)
    scope = clause_text + " " + context_text
    found_links = links_mod.find_links(clause_text, seed.clause[0])
    for sentence in seed.context:
        found_links.extend(links_mod.find_links(sentence.text, sentence.start))
    online = places_mod.is_online(scope) or any(link.kind == "online" for link in found_links)
    price = links_mod.find_price(scope)
    contacts = links_mod.find_contacts(scope)
    drafts = []
    days = seed.mention.resolved
    sittings = _sittings(clause_text, seed, first_time) or [(first_time, end_time)]
    for day, (sitting_start, sitting_end) in itertools.product(days, sittings):
        start, end, time_warnings = _start_end(day, seed, sitting_start, sitting_end, zone)
        draft = Draft(
            title=title or _fallback_title(venues),
            start=start,
            end=end,
            timezone=zone,
            venues=venues,
            speakers=speakers,
            online=online,
            url=found_links[0].url if found_links else None,
            links=[
                DraftLink(link.url, link.kind, price if link.kind == "tickets" else "")
                for link in found_links
            ],
            price=price,
            contacts=contacts,
            recurrence=seed.recurrence,
            status=_status(scope),
            warnings=list(dict.fromkeys(seed.mention.warnings)),
        )
        draft.spans["start"] = _date_span(reading.text, seed.mention)
        if time_span:
            draft.spans["time"] = time_span
        if title_span:
            draft.spans["title"] = title_span
        for n, venue in enumerate(venues):
            if venue.span:
                draft.spans[f"venue.{n}"] = venue.span
        for n, person in enumerate(speakers):
            if person.span:
                draft.spans[f"speaker.{n}"] = person.span
        draft.warnings.extend(time_warnings)
        drafts.append(draft)
    _performers_apart(reading, clause_text + " " + (title or ""), drafts)
    _acts_named_by_titles(reading, drafts)
    if drafts and seed.items:
        children = _programme(reading, seed, drafts[0])
        if children and drafts[0].title == "Event" and all(i.before_title for i in seed.items):
            for child in children:  # a dated list of named events, not one event's programme
                child.parent = None
            return children
        _spans_its_programme(drafts[0], children)
        drafts.extend(children)
    return drafts


def _spans_its_programme(parent: Draft, sessions: list[Draft]) -> None:
    """A day given no time of its own runs from its programme's first session to the end of
    its last ('Day 1 - Monday 15 November' over '11:30am' ... '4:00pm - 4:15pm')."""
    timed = [s for s in sessions if not s.all_day and s.when.day == parent.when.day]
    if not parent.all_day or parent.end is not None or len(timed) < 2:
        return
    parent.start = min(s.start for s in timed)
    last = max((s.end or s.start) for s in timed)
    parent.end = last if last > parent.start else None
    parent.warnings = [w for w in parent.warnings if w != "Start time not given"]


STATUS = (
    ("cancelled", re.compile(r"\b(?:cancell?ed|called\s+off|will\s+not\s+go\s+ahead)\b", re.I)),
    ("postponed", re.compile(r"\b(?:postponed|rescheduled|re-scheduled|put\s+back)\b", re.I)),
    (
        "tentative",
        re.compile(
            r"\b(?:subject\s+to\s+change|to\s+be\s+confirmed|tentative(?:ly)?|provisional(?:ly)?"
            r"|date\s+tbc)\b",
            re.I,
        ),
    ),
)


_SITTINGS_JOIN = re.compile(r"^\s*(?:,|&|and|,\s*and)\s*$", re.IGNORECASE)


def _sittings(clause: str, seed: Seed, first_time) -> list[tuple]:
    """'Wednesday 22nd Sep 2pm to 4pm and 7pm to 9pm': two sittings of the event on its day,
    each its own draft; none where the clause gives one range of time (or an end date)."""
    if seed.end_mention is not None or first_time is None:
        return []
    at = seed.mention.end - seed.clause[0]
    ranges = [r for r in times_mod.find_times(clause) if r.start >= at]
    if len(ranges) < 2 or ranges[0].first.value() != first_time:
        return []
    sittings = [ranges[0]]
    for previous, nxt in itertools.pairwise(ranges):
        if nxt.last is None or not _SITTINGS_JOIN.match(clause[previous.end : nxt.start]):
            break
        sittings.append(nxt)
    if len(sittings) < 2 or any(r.last is None for r in sittings):
        return []
    return [(r.first.value(), r.last.value()) for r in sittings]


def _status(scope: str) -> str | None:
    """Cancelled, postponed (or rescheduled), tentative: as the event's own sentences say."""
    for status, pattern in STATUS:
        if pattern.search(scope):
            return status
    return None


PERFORMANCE = re.compile(
    r"\b(?:gig|gigs|concert|band|bands|dj|djs|live\s+music|music|comedy|comedian|comedians"
    r"|stand-up|tour|album|perform(?:s|ing|ance)?|plays?\s+live|line-?up|headlin\w+|support"
    r"|acoustic|jazz|folk|rock|choir|orchestra|cabaret|club\s+night|fireworks|singer)\b",
    re.IGNORECASE,
)
TALKING = re.compile(
    r"\b(?:talk|talks|lecture|seminar|speak\w*|speech|discussion|panel|conversation|debate"
    r"|reading|q\s*&\s*a|meeting|rally|forum|presentation|author|book|workshop|chair\w*)\b",
    re.IGNORECASE,
)


def _performers_apart(reading: Reading, words: str, drafts: list[Draft]) -> None:
    """At a gig everyone on is performing; elsewhere those named under a performer's cue ('the
    line-up includes', 'music from') are, unless the event is a talk ('a panel featuring')."""
    if _is_performance(words):
        for draft in drafts:
            draft.performers, draft.speakers = draft.speakers, []
        return
    if TALKING.search(words):
        return
    for draft in drafts:
        acts = [p for p in draft.speakers if p.name.casefold() in reading.performer_names]
        draft.performers = [*draft.performers, *acts]
        draft.speakers = [p for p in draft.speakers if p not in acts]


SHOWS = re.compile(
    r"\b(?:gigs?|concerts?|shows?|tours?|bands?|djs?|live\s+music|comedy|comedians?|stand-up"
    r"|headlin\w+|line-?ups?|performances?|musical)\b",
    re.IGNORECASE,
)
_ACT = re.compile(r"(?:[A-Z][\w'’.&-]*\s+(?:(?:of|the|and|&|y)\s+)?){0,4}[A-Z][\w'’.&-]*")


def _acts_named_by_titles(reading: Reading, drafts: list[Draft]) -> None:
    """In a list of shows ('- Ann Lee at the Roundhouse on Friday, May 8', '- The Lanterns,
    Corn Exchange'), an item's name is its act: where the whole text is about concerts and
    gigs and says nothing of talks, a bulleted item whose title is a name is performed by the
    act its title names, and whoever else the item names performs too."""
    if not _about_shows(reading):
        return
    for draft in drafts:
        span = draft.spans.get("title")
        if draft.performers or span is None:
            continue
        if not is_bullet(reading.layout.line_at(span.start).text):
            continue
        act = _act_of(draft.title, draft.venues)
        if act and all(p.name in act for p in draft.speakers):  # 'The Lanterns' over 'Lanterns'
            at = span.start + draft.title.find(act)
            draft.performers = [DraftPerson(act, span=Span(at, at + len(act), act, 0.5))]
            if draft.title.startswith(act):  # the venue has its own field: 'Ann Lee', not
                draft.title = act  # 'Ann Lee at ...'; 'Show Name: Ann Lee' keeps its name
                draft.spans["title"] = Span(at, at + len(act), act, span.confidence)
        else:
            draft.performers = draft.speakers
        draft.speakers = []


def _about_shows(reading: Reading) -> bool:
    """The whole text is about concerts and gigs and says nothing of talks (worked out once)."""
    if reading.shows is None:
        reading.shows = len(SHOWS.findall(reading.text)) >= 2 and not TALKING.search(reading.text)
    return reading.shows


def _stops_performed_by_the_act(reading: Reading, tour: stops_mod.Tour) -> None:
    """A band's tour ('The Lanterns' heading a list of towns and venues) is performed at every
    stop by the act the heading names, whoever else the stop's lines name as part of it."""
    act = _act_of(tour.show, []) if _about_shows(reading) else None
    if act is None:
        return
    for draft in tour.stops:
        if draft.performers or not all(p.name in act for p in draft.speakers):
            continue
        draft.performers = [DraftPerson(act, span=Span(tour.at, tour.at + len(act), act, 0.5))]
        draft.speakers = []


def _act_of(title: str, venues: list[DraftVenue]) -> str | None:
    """'Ann Lee at the Roundhouse' with the Roundhouse as venue: 'Ann Lee'; a title with an
    event's word ('Jazz brunch'), a building's name or a colon is not an act's name."""
    for venue in venues:
        title = re.sub(rf"\s+(?:at|@)\s+(?:the\s+)?{re.escape(venue.name)}\s*$", "", title)
    for part in (title.strip(), *_named_parts(title)):
        found = _ACT.fullmatch(part)
        if found and not places_mod.venue_shaped(part) and not frames_mod.EVENT_NOUN.search(part):
            return part
    return None


_ACT_IN_TITLE = re.compile(r"^[^:()]+:\s*(?P<after>[^:()]+)$|^[^()]+\((?P<inside>[^()]+)\)\s*$")


def _named_parts(title: str) -> tuple[str, ...]:
    """Where a show's title names its act apart: 'Lost in Trancelation: Richard Durand' (after
    the colon), 'One Nation Under a Groove (Parliament Funkadelic)' (in the brackets)."""
    m = _ACT_IN_TITLE.match(title.strip())
    if m is None:
        return ()
    return tuple(part.strip() for part in (m["after"], m["inside"]) if part)


def _is_performance(words: str) -> bool:
    """A gig, a comedy night, a concert: who is on is performing, not speaking."""
    return bool(PERFORMANCE.search(words)) and not TALKING.search(words)


_TOPIC_BEFORE = re.compile(r"\b(?:of|about|on)\s+$", re.IGNORECASE)


def _not_the_topic(
    speakers: list[DraftPerson], text: str, title_span: Span | None
) -> list[DraftPerson]:
    """A name the event's title is about ('The Life and Work of David Bowie') is its subject,
    not someone who speaks."""
    if title_span is None:
        return speakers
    return [
        p
        for p in speakers
        if p.span is None
        or not (title_span.start <= p.span.start < title_span.end)
        or not _TOPIC_BEFORE.search(text[title_span.start : p.span.start])
    ]


def _not_the_venue(speakers: list[DraftPerson], venues: list[DraftVenue]) -> list[DraftPerson]:
    """A name that is part of the event's venue ('Fleece Bar' of 'The Fleece Bar') is the
    place, read twice, not a person."""
    names = [v.name.casefold() for v in venues]
    return [p for p in speakers if not any(p.name.casefold() in name for name in names)]


def _speakers(reading: Reading, seed: Seed) -> list[DraftPerson]:
    """The people named in the event's clause and its sentences of context, else those on the
    lines of its stretch of the text."""
    found = reading.people.within(*seed.clause)
    for sentence in seed.context:
        found.extend(reading.people.within(sentence.start, sentence.end))
    if not found:
        for start, end in _stretch(reading, seed):
            found.extend(c for c in reading.people.within(start, end) if c.set_out)
    return people_mod.unique_people(found)


def _stretch(reading: Reading, seed: Seed) -> list[tuple[int, int]]:
    """The lines from the event's date line to the next event's, less the date line itself
    (its prose is the clause's); the first event's stretch starts with the text."""
    line = reading.layout.line_at(seed.mention.start)
    at = bisect_right(reading.seed_lines, line.start)
    start = line.start if at > 1 else 0
    end = reading.seed_lines[at] if at < len(reading.seed_lines) else len(reading.text)
    return [(start, line.start), (line.end + 1, end)]


def _name_line_near(reading: Reading, seed: Seed) -> list[DraftPerson]:
    """The speaker set out on a line of their own in the event's block (tokens.py blocks)."""
    block = reading.layout.block_at(seed.mention.start)
    for nearby in (block, block - 1, block + 1):
        if nearby in reading.name_lines:
            return [reading.name_lines[nearby]]
    return []


def _labelled(reading: Reading, seed: Seed, title, title_span, venues, speakers):
    """A labelled line ('Title:', 'Place:', 'Who:') outranks what the prose suggests."""
    layout = reading.layout
    at = seed.mention.start
    place = places_mod.labelled_place(layout, at)
    if place is not None:
        venue = places_mod.field_venue(place)
        if venue is not None:
            venues = [venue]
    who = layout.field_near("speaker", at)
    if who is not None:
        people = people_mod.field_people(who.head, who.start)
        if people:
            speakers = people
    cell = listings_mod.speaker_cell(layout, layout.line_at(at), at)
    if cell is not None:
        people = people_mod.field_people(*cell)
        if people:
            speakers = people
    return title, title_span, venues, speakers


# How far after its start time a length of time is read as the event's ('6.30pm (2 hours)').
DURATION_REACH = 40


def _times(reading: Reading, seed: Seed):
    text = reading.text
    clause = text[seed.clause[0] : seed.clause[1]]
    ranges = [
        r
        for r in times_mod.find_times(clause)
        if not (seed.mention.start <= seed.clause[0] + r.start < seed.mention.end)
    ]
    offset, source = seed.clause[0], clause
    labelled = reading.layout.field_near("time", seed.mention.start)
    if not ranges and labelled is not None:
        ranges = times_mod.find_times(labelled.head)
        offset, source = labelled.start, labelled.head
    if not ranges:
        for sentence in seed.context:
            if _dates_in(reading, sentence.text):
                continue
            found = times_mod.find_times(sentence.text)
            if found:
                ranges, offset, source = found, sentence.start, sentence.text
                break
    zone = _local_zone(reading, seed) or reading.timezone
    if not ranges:
        return None, None, zone, None
    if seed.end_mention is not None:
        cue = END_CUE.search(text, seed.mention.end, seed.end_mention.start)
        split = (cue.start() if cue else seed.end_mention.start) - offset
        opening = [r for r in ranges if r.start < split]
        closing = [r for r in ranges if r.start >= split]
        first = (opening or ranges)[0]
        end_clock = closing[0].first if closing else first.last
    else:
        doors = [r for r in ranges if r.first.doors]
        first = doors[0] if doors else ranges[0]
        end_clock = first.last
        if doors and first.last is None and not first.open_end:
            later = [r for r in ranges if r.start > first.start and r.last is not None]
            end_clock = later[0].last if later else None
    if first.zone and first.zone in times_mod.ZONES:
        zone = times_mod.ZONES[first.zone]
    start_clock = first.first.value()
    end_value = end_clock.value() if end_clock else None
    if end_value is None and not first.open_end and seed.end_mention is None:
        length = times_mod.find_duration(source[first.end : first.end + DURATION_REACH])
        if length is not None:  # '10am, meet at the gate (90 minutes)'
            end_value = times_mod.after(start_clock, length)
    span = Span(
        offset + first.start,
        offset + first.end,
        text[offset + first.start : offset + first.end],
        0.85,
    )
    return start_clock, end_value, zone, span


def _zone_mentions_within(reading: Reading, spans: list[tuple[int, int]]) -> list:
    found = []
    for a, b in spans:
        first = bisect_left(reading.zone_starts, a)
        last = bisect_left(reading.zone_starts, b)
        found.extend(reading.zone_mentions[first:last])
    return found


def _local_zone(reading: Reading, seed: Seed) -> str | None:
    """The zone the event's own clause and sentences name ('... – Perth', 'in Denver, CO'),
    which can differ from the text's: a tour, a livestream shown in several regions."""
    own = _zone_mentions_within(reading, [seed.clause])
    around = _zone_mentions_within(reading, [(s.start, s.end) for s in seed.context])
    local = own + around
    if not local:
        return None
    # the clause's own place first ('... - Sydney, Crowbar' under a paragraph on Melbourne)
    zone = zones_mod.pick_zone(own, zones_mod.LOCAL_MIN_EVIDENCE) if own else None
    if zone is None:
        zone = zones_mod.pick_zone(local, zones_mod.LOCAL_MIN_EVIDENCE)
    if zone is None or zone == reading.timezone:
        return zone
    if reading.address_zone:
        return None  # an address settles the zone; a word in the clause does not move it
    clock = any(m.kind in ("abbreviation", "written") for m in local)
    same_region = zone.split("/")[0] == reading.timezone.split("/")[0]
    return zone if clock or same_region else None  # a lone place name abroad is too weak


def _start_end(day: date, seed: Seed, first_time, end_time, zone: str):
    """The draft's start and end on the wall clock (domain.LocalWhen: a date where no time is
    known, the overnight rule for an end before the start) and what the reading warns of:
    a missing time, an end the rule cannot save (left out), a start the clocks skip."""
    until = seed.mention.resolved_until
    if seed.end_mention is not None and seed.end_mention.resolved:
        until = seed.end_mention.resolved[0]
    when = LocalWhen(day, zone, first_time, until, end_time)
    if when.all_day:
        return *when.as_values(), ["Start time not given"]
    start, warnings = when.start_wall, []
    try:
        end = when.end_wall
    except EndBeforeStartError as late:
        end = None
        warnings = [f"The end ({late.end:%H:%M}) is before the start: left out"]
    if end is None:
        warnings.insert(0, "End time not given")
    if clock_change(start, zone) is ClockChange.SKIPPED:
        real = as_written(start, zone).astimezone(ZoneInfo(zone))
        warnings.append(
            f"{start:%H:%M} on {start:%-d %B %Y} does not exist in {zone} (the clocks go "
            f"forward); it would be {real:%H:%M %Z}"
        )
    return start, end, warnings


def _venues(reading: Reading, seed: Seed, earlier: list[Draft]) -> list[DraftVenue]:
    """The best-scored venue for the event (weights.VENUE), and with it any other strong one
    in its clause when the clause moves between places ('rally at X, then march to Y')."""
    text = reading.text
    clause = text[seed.clause[0] : seed.clause[1]]
    candidates = _venue_candidates(reading, seed, earlier)
    order = evidence.rank("venue", candidates, (seed.mention.start, seed.mention.end))
    model = evidence.current().venue
    if not order or order[0].score < model.threshold - evidence.TIE:
        return []
    chosen = [order[0]]
    if MOVES_ON.search(clause):
        for other in order[1:]:
            if (
                other.score >= model.second - evidence.TIE
                and other.candidate.source in ("address", "preposition", "room", "there")
                and not any(_same_place(other.candidate.value, c.candidate.value) for c in chosen)
            ):
                chosen.append(other)
    chosen.sort(key=lambda r: r.candidate.value.span.start if r.candidate.value.span else 0)
    return [
        dataclasses.replace(
            r.candidate.value, span=evidence.sure(r.candidate.value.span, r.probability)
        )
        for r in chosen
    ]


MOVES_ON = re.compile(
    r"\b(?:then|followed\s+by|afterwards|march(?:es|ing)?\s+to|procession\s+to)\b", re.IGNORECASE
)


def _same_place(a: DraftVenue, b: DraftVenue) -> bool:
    x, y = a.name.lower(), b.name.lower()
    return x in y or y in x


def _venue_candidates(
    reading: Reading, seed: Seed, earlier: list[Draft]
) -> list[Candidate[DraftVenue]]:
    text = reading.text
    clause = text[seed.clause[0] : seed.clause[1]]
    out: list[Candidate[DraftVenue]] = []

    def add_found(stretch: str, offset: int, where: str) -> None:
        found = places_mod.find_venues(stretch, offset)
        rooms = reading.rooms.within(offset, offset + len(stretch))
        kept_rooms = []
        for room in rooms:  # the longer reading of one place wins: 'Room 2, Town Hall, High St'
            if not any(room.name.lower() in v.name.lower() for v in found.venues):
                kept_rooms.append(room)
        for venue in found.venues:
            if any(venue.name.lower() in r.name.lower() for r in kept_rooms):
                continue
            if venue.address or venue.postcode or venue.city:
                source = "address"
            elif any(r.name.lower() in venue.name.lower() for r in rooms):
                source = "room"
            else:
                source = "preposition"
            out.append(Candidate(venue, source, venue.span, _venue_features(text, venue, where)))
        for venue in kept_rooms:
            out.append(Candidate(venue, "room", venue.span, _venue_features(text, venue, where)))

    if THERE.search(clause) and earlier and earlier[-1].venues:
        out.append(Candidate(earlier[-1].venues[0], "there"))
    add_found(clause, seed.clause[0], "clause")
    if seed.preamble:
        start, end = seed.preamble
        add_found(text[start:end], start, "preamble")
    days = _weekdays_of(seed.mention)
    for sentence in seed.context:
        for start, end in _parts_for_days(sentence, days):
            add_found(text[start:end], start, "context")
    for sentence in reading.standing:  # a place said once for every event of the text
        if sentence not in seed.context:
            for start, end in _parts_for_days(sentence, days):
                add_found(text[start:end], start, "standing")
    for venue in _entry_addresses(reading, seed):
        out.append(Candidate(venue, "address", venue.span, _venue_features(text, venue, "entry")))
    for venue in _venue_lines(reading, seed):
        out.append(Candidate(venue, "venue_line", venue.span, _venue_features(text, venue, None)))
    listed = _town_then_venue(reading, seed) or _bullet_place(reading, seed)
    if listed is not None:
        out.append(Candidate(listed, "town_then_venue", listed.span))
    nearest = reading.rooms.nearest(seed.mention.start)
    if nearest is not None and _said_of_days(reading, nearest, days):
        # a seminar's room in its abstract, a listing's in its footer
        features = _venue_features(text, nearest, "elsewhere")
        out.append(Candidate(nearest, "room", nearest.span, features))
    for venue in reading.known_venues.find(clause, seed.clause[0]):
        out.append(Candidate(venue, "known", venue.span))
    named = places_mod.named_segment(clause, seed.clause[0])
    if named:
        out.append(Candidate(named, "named_segment", named.span))
    city = places_mod.city_named(clause)
    if city:
        out.append(Candidate(city, "city"))
    return out


# 'Monday evenings', 'on Wednesdays': a day of the week a part of a sentence is said of.
_WEEKDAY_PART = re.compile(
    r"\b(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?\b"
    r"(?:\s+(?:mornings?|afternoons?|evenings?|nights?))?",
    re.IGNORECASE,
)


def _weekdays_of(mention: DateMention) -> frozenset[int]:
    """The days of the week the event falls on (every one, for a span of a week or more)."""
    days = list(mention.resolved)
    if mention.resolved_until and days:
        span = (mention.resolved_until - days[0]).days
        days += [days[0] + timedelta(days=n) for n in range(1, min(span, 6) + 1)]
    return frozenset(d.weekday() for d in days)


def _parts_for_days(sentence: Sentence, days: frozenset[int]) -> list[tuple[int, int]]:
    """The parts of a sentence said of the event's days of the week: all of it where it names
    none, else what comes before the first day named and from each day of the event's to the
    next day named ('Monday evenings we meet in the reading room and Wednesday mornings in the
    junior room': the reading room for a Monday only)."""
    found = list(_WEEKDAY_PART.finditer(sentence.text))
    if not found or not days:
        return [(sentence.start, sentence.end)]
    bounds = [m.start() for m in found] + [len(sentence.text)]
    parts = [(sentence.start, sentence.start + bounds[0])] if bounds[0] else []
    parts += [
        (sentence.start + bounds[n], sentence.start + bounds[n + 1])
        for n, m in enumerate(found)
        if dates_mod.WEEKDAYS[m["day"].lower()] in days
    ]
    return parts


def _said_of_days(reading: Reading, venue: DraftVenue, days: frozenset[int]) -> bool:
    """The venue is not said of other days of the week than the event's."""
    if venue.span is None:
        return True
    at = bisect_right(reading.sentence_starts, venue.span.start) - 1
    if at < 0:
        return True
    parts = _parts_for_days(reading.sentences[at], days)
    return any(start <= venue.span.start < end for start, end in parts)


def _entry_addresses(reading: Reading, seed: Seed) -> list[DraftVenue]:
    """The address nearest the event's date on the lines of its entry (its stretch: from the
    line after the event before it to the line before the next), outside its sentences: a
    listing's heading 'Tales of Wales, Criccieth Castle, Castle Street, Criccieth LL55 0DP'
    over the entry that dates it, a poster's venue line over its address line."""
    layout = reading.layout
    found: list[DraftVenue] = []
    for start, end in _stretch(reading, seed):
        for line in layout.lines[layout.line_at(start).number :]:
            if line.start >= end:
                break
            if line.blank or len(line.text) > ENTRY_LINE or not places_mod.has_address(line.text):
                continue  # only an address run gives an entry's place: the rest is not read
            facts = places_mod.find_venues(line.text, line.start)
            found.extend(v for v in facts.venues if v.postcode or v.city or v.address)
            if not facts.venues and facts.address_only is not None:
                named = _venue_line_above(layout, line, facts.address_only, seed)
                if named is not None:
                    found.append(named)
    at = seed.mention.start
    return sorted(found, key=lambda v: abs(v.span.start - at) if v.span else len(reading.text))[:1]


ENTRY_LINE = 200  # longer lines are prose, read as the event's sentences are


_TOWN_THEN_VENUE = re.compile(
    r"\s*[-–—:|]\s*(?P<town>[^\W\d_][^,;:\n]{1,40}?),\s*(?P<venue>[^\W\d_][^,;.\n]{1,60}?)\s*$"
)


def _town_then_venue(reading: Reading, seed: Seed) -> DraftVenue | None:
    """'Friday 22nd September - Leeds, The Cellar': on a line the date leads, a town the zone
    tables know, then the place in it (a tour's or a listing's stops)."""
    line = reading.layout.line_at(seed.mention.start)
    if reading.text[line.start : seed.mention.start].strip():
        return None
    m = _TOWN_THEN_VENUE.match(reading.text, seed.mention.end, line.end)
    if m is None:
        return None
    if not zones_mod.is_place_name(m["town"].strip()) and not _among_stops(reading, line):
        return None
    name = m["venue"]
    at = m.start("venue")
    return DraftVenue(name, city=m["town"].strip(), span=Span(at, at + len(name), name, 0.7))


def _among_stops(reading: Reading, line) -> bool:
    """The line sits between lines of the same shape whose towns are known ('... - Geelong,
    The Barwon Club' / '... - Rye, HABA' / '... - Hobart, Altar'): a town of the same list,
    though too small for the zone tables."""
    layout = reading.layout
    near = [layout.previous_text_line(line.number), layout.next_text_line(line.number)]
    return all(
        other is not None
        and (m := _TOWN_THEN_VENUE.search(other.text)) is not None
        and zones_mod.is_place_name(m["town"].strip())
        for other in near
    )


_BULLET_TAIL = re.compile(r",\s+(?P<venue>[^\W\d_a-z][^,;:()\d\n]{1,60}?)[\s.]*$")


def _bullet_place(reading: Reading, seed: Seed) -> DraftVenue | None:
    """'- Frequency Burst, Central Florida Fairgrounds' under a date: a listed item's name,
    then after its last comma where it is on."""
    clause = reading.text[seed.clause[0] : seed.clause[1]]
    if not is_bullet(clause) or clause.count(",") != 1:
        return None
    m = _BULLET_TAIL.search(clause)
    if m is None or len(m["venue"].split()) > 6 or zones_mod.is_place_name(m["venue"]):
        return None
    name = m["venue"].strip()
    at = seed.clause[0] + m.start("venue")
    return DraftVenue(name, span=Span(at, at + len(name), name, 0.7))


def _venue_lines(reading: Reading, seed: Seed) -> list[DraftVenue]:
    """A building's name set out on a line of its own beside the event's date line ('21 MAY'
    over 'LANGE HALL' over a day's timetable): the place, where no sentence says it."""
    layout = reading.layout
    line = layout.line_at(seed.mention.start)
    found = []
    for nearby in (layout.next_text_line(line.number), layout.previous_text_line(line.number)):
        if nearby is None or not places_mod.venue_shaped(nearby.text.strip()):
            continue
        span = nearby.span()
        found.append(DraftVenue(span.text, span=span))
    return found[:1]


def _venue_line_above(layout: Layout, line, address: DraftVenue, seed: Seed) -> DraftVenue | None:
    """'Count Basie Center for the Arts' on the line over '99 Monmouth St, Red Bank, NJ': a
    short line with a venue word names the address below it, and so does any short name
    set between the event's date line and the address ('Dec 31' / 'Battleship NJ' / '100
    Clinton St., Camden, NJ')."""
    above = layout.previous_text_line(line.number)
    if above is None:
        return None
    name = above.text.strip()
    if not name or len(name.split()) > 8 or re.search(r"\d", name):
        return None
    if not places_mod.VENUE_NOUN.search(name) and not _between_date_and_address(
        layout, above, seed, name
    ):
        return None
    at = above.start + above.text.index(name)
    return dataclasses.replace(address, name=name, span=Span(at, at + len(name), name, 0.5))


def _between_date_and_address(layout: Layout, above, seed: Seed, name: str) -> bool:
    date_line = layout.previous_text_line(above.number)
    return (
        date_line is not None
        and date_line.start <= seed.mention.start < date_line.end + 1
        and len(name.split()) <= 6
        and name[0].isupper()
        and not name.endswith((".", "!", "?", ":"))
    )


def _venue_features(text: str, venue: DraftVenue, where: str | None) -> tuple[str, ...]:
    features = [where] if where else []
    name = venue.name
    if (
        places_mod.VENUE_NOUN.search(name)
        or places_mod.venue_shaped(name)
        or places_mod.is_room_within(name)
    ):
        features.append("venue_noun")
    elif not (
        venue.address
        or venue.postcode
        or re.search(r"\d", name)
        or places_mod.OPEN_SPACE.search(name)
    ):
        features.append("plain")
    if re.search(r"\d", name):
        features.append("number")
    if venue.span is not None:
        before = text[max(0, venue.span.start - 12) : venue.span.start].lower()
        if "plain" in features and re.search(r"\bin\s+(?:the\s+)?$", before):
            features.append("after_in")
    return tuple(features)


def _title(
    reading: Reading, seed: Seed, venues: list[DraftVenue], speakers: list[DraftPerson]
) -> tuple[str | None, Span | None]:
    """The best-scored of every title the text offers for this event (titles.py, weights.TITLE)."""
    scope = titles_mod.TitleScope(
        text=reading.text,
        layout=reading.layout,
        clause=seed.clause,
        mention=(seed.mention.start, seed.mention.end),
        preamble=seed.preamble,
        context=tuple(seed.context),
        festival=reading.festival,
        people=frozenset(p.name for p in reading.name_lines.values()),
        venues=frozenset(v.name.lower() for v in venues),
        anchors=reading.anchor_starts,
        entry=_entry_title(reading, seed, venues),
        speakers=tuple(p.name for p in speakers),
    )
    return titles_mod.choose(scope)


def _entry_title(reading: Reading, seed: Seed, venues: list[DraftVenue]):
    """The words before the venue on an entry's address line outside the event's clause
    ('Lantern making, Holt Community Barn, Mill Lane, Holt NR25 6AB'): the entry's name."""
    if not venues or venues[0].span is None:
        return None
    span = venues[0].span
    if seed.clause[0] <= span.start < seed.clause[1]:
        return None
    line = reading.layout.line_at(span.start)
    head = reading.text[line.start : span.start]
    if not head.rstrip().endswith((",", "–", "—", ":", "-")):
        return None
    words = head.strip().rstrip(",–—:-").strip()
    if not words or len(words.split()) > 10:
        return None
    at = line.start + head.index(words)
    return words, Span(at, at + len(words), words, 0.7)


def _venue_from_address(clause: str, offset: int, title: str | None) -> list[DraftVenue]:
    """An address with no venue name: the venue named in the title, else the street itself."""
    address = places_mod.find_venues(clause, offset).address_only
    if address is None or not (address.address or address.postcode):
        return []
    named = places_mod.venue_in_title(title) if title else None
    name = named.name if named else (address.address or address.postcode)
    return [DraftVenue(name, address.address, address.postcode, address.city, address.span)]


def _fallback_title(venues: list[DraftVenue]) -> str:
    return f"Event at {venues[0].name}" if venues else "Event"


def _programme(reading: Reading, seed: Seed, parent: Draft) -> list[Draft]:
    day = parent.when.day
    children = []
    for item in seed.items:
        found = times_mod.find_times(item.time)
        if not found:
            continue
        title_text = re.split(
            r"\s+(?:with|featuring|led\s+by|chaired\s+by)\s+", item.title, maxsplit=1
        )[0]
        title = titles_mod.clean_title(title_text.rstrip(".")) or title_text.rstrip(".")
        start = datetime.combine(day, found[0].first.value())
        end = datetime.combine(day, found[0].last.value()) if found[0].last else None
        line = reading.text[item.start : item.end]
        speakers = people_mod.unique_people(reading.people.within(item.start, item.body_end))
        child = Draft(
            title=title,
            start=start,
            end=end,
            timezone=parent.timezone,
            venues=list(parent.venues),
            speakers=speakers,
            online=parent.online,
            parent=parent.title,
        )
        child.spans["title"] = Span(item.start, item.end, line, 0.7)
        children.append(child)
    _share_speakers(reading, seed, parent, children)
    return children


def _share_speakers(reading: Reading, seed: Seed, parent: Draft, children: list[Draft]) -> None:
    """Who speaks in a programme set out below the event, session by session, speaks at that
    session and not at the whole (a book fair's programme, a conference's timetable); where the
    programme runs on in the event's own paragraph ('10am: plenary with A. 2pm: panel with B'),
    the whole lists everyone its sessions name."""
    block = reading.layout.block_at(seed.mention.start)
    set_out = [i for i in seed.items if reading.layout.block_at(i.start) != block]

    def in_a_session(person: DraftPerson) -> bool:
        at = person.span.start if person.span else -1
        return any(i.start <= at < i.body_end for i in set_out)

    parent.speakers = [p for p in parent.speakers if not in_a_session(p)]
    if parent.speakers or set_out:
        return
    names: dict[str, DraftPerson] = {}
    for child in children:
        for person in child.speakers:
            names.setdefault(person.name.lower(), person)
    parent.speakers = list(names.values())


def _link_parents(reading: Reading, seeds: list[Seed], drafts: list[Draft]) -> None:
    """Sessions that name the festival they belong to become its children."""
    festival = reading.festival
    if not festival:
        return
    parents = [d for d in drafts if d.title == festival]
    if not parents:
        return
    parent = parents[0]
    short = festival.split()[0]
    for draft in drafts:
        if draft is parent or draft.parent:
            continue
        span = draft.spans.get("title") or draft.spans.get("start")
        nearby = reading.text[max(0, span.start - 200) : span.end + 200] if span else ""
        if festival in nearby or re.search(rf"\bfor\s+{re.escape(short)}\b", draft.title):
            draft.parent = parent.title
