"""Venues, addresses, postcodes and online events.

Two shapes cover most announcements: an address run ('Conway Hall, 25 Red Lion Square, London
WC1R 4RL'), read backwards from its postcode or US state, and a place after a preposition ('at
Unite House', 'outside Downing Street', 'in Room 210, Gates Hall').
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import cues
from .dates import is_calendar_word
from .model import DraftVenue, Span
from .patterns import guarded
from .tokens import Field, Layout

UK_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
    "E EC EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS "
    "LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO "
    "SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_AREA = "|".join(sorted(UK_AREAS, key=len, reverse=True))
FULL_POSTCODE = guarded(r"[A-Z]{1,2}\d", rf"\b(?:{_AREA})\d[A-Z\d]?\s*\d[A-Z]{{2}}\b")
OUTWARD_POSTCODE = guarded(
    r"[A-Z]{1,2}\d",
    rf"(?<=, )(?:{_AREA})\d[A-Z\d]?\b(?![\w-])|"
    rf"(?<=[a-z] )(?:{_AREA})\d[A-Z\d]?(?=[\s,.;:)]|$)(?!\s*\d[A-Z]{{2}})",
)

US_STATE_ZONES = {
    **dict.fromkeys(
        "CT DE DC FL GA IN KY ME MD MA MI NH NJ NY NC OH PA RI SC VT VA WV".split(),
        "America/New_York",
    ),
    **dict.fromkeys("AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI".split(), "America/Chicago"),
    **dict.fromkeys("CO ID MT NM UT WY".split(), "America/Denver"),
    "AZ": "America/Phoenix",
    **dict.fromkeys("CA NV OR WA".split(), "America/Los_Angeles"),
    "AK": "America/Anchorage",
    "HI": "Pacific/Honolulu",
}
US_PLACE = re.compile(
    r",\s*(?P<city>[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+){0,2}),\s*"
    rf"(?P<state>{'|'.join(US_STATE_ZONES)})\b(?:\s+(?P<zip>\d{{5}}(?:-\d{{4}})?))?"
)
STREET = re.compile(
    r"^\d+[A-Za-z]?\b|\b(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Terrace|Villas|Way|Close"
    r"|Crescent|Gardens|Place|Pl|Row|Drive|Grove|Square|Sq|Hill|Parade|Walk|Mews|Green"
    r"|Broadway|Boulevard|Blvd|Highway|Croft|Circus|Embankment|Quay|Wharf|Yard|Gate|Rise"
    r"|Approach|Esplanade|Promenade|Passage|Causeway)\.?"
    r"(?:\s+(?:North|South|East|West))?$"
)
CITIES = frozenset(
    "London Bristol Manchester Birmingham Leeds Glasgow Edinburgh Cardiff Liverpool Sheffield "
    "Newcastle Nottingham Brighton Oxford Cambridge York Belfast Leicester Coventry Southampton "
    "Portsmouth Norwich Exeter Plymouth Hull Bradford Swansea Aberdeen Dundee Derby Reading Bath "
    "Salford Sunderland Wolverhampton Stoke Preston Lancaster Durham Chester Canterbury Dublin "
    "Paris Berlin Madrid Rome Amsterdam Brussels Chicago Boston Seattle Toronto".split()
)
EVENT_WORDS = re.compile(
    r"\b(?:Festival|Conference|Congress|Summit|Rally|Fair|Day\s+School|Weekend|Convention"
    r"|Assembly|Camp|March|Demonstration|Celebration|Gala|Symposium|Workshop)\b"
)
ONLINE = re.compile(
    r"\b(?:zoom|microsoft teams|on teams|via teams|google meet|online|webinar|livestream"
    r"|live[- ]stream(?:ed)?|streamed live|crowdcast|jitsi|virtual event|join remotely)\b",
    re.IGNORECASE,
)
# English, and the Spanish, German and French words for 'at' / 'in' ('en la Plaza de Armas',
# 'im Senatssaal', 'au Théâtre'), whose texts the dates reader reads too.
PREPOSITION = re.compile(
    r"\b(?:at|in|outside|inside|on|@|en|im|au|dans)\s+(?:the\s+|el\s+|la\s+|der\s+|dem\s+|le\s+)?",
    re.IGNORECASE,
)
_CONNECTORS = {"of", "for", "the", "and", "&", "de", "la", "le", "du"}  # Centre for the Arts
_CALENDAR_WORD = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$",
    re.IGNORECASE,
)
_NOT_PLACES = re.compile(
    r"^(?:Zoom|Teams|Facebook|Twitter|YouTube|Instagram|Google|Meet|Online|Noon|Midnight"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|Room|Doors|Tickets)$"
)
_VERB_AFTER = re.compile(
    r"^\s+(?:will|is|are|was|were|has|have|had|can|could|would|should|said|says)\b"
)
VENUE_NOUN = re.compile(
    r"\b(?:Hall|House|Centre|Center|Rooms?|Building|Chapel|Church|Library|Theatre|Theater"
    r"|Institute|College|University|School|Club|Cinema|Arena|Stadium|Park|Gardens|Bookshop"
    r"|Museum|Gallery|Pub|Inn|Tavern|Arms|Hotel|Studios?|Works|Mill|Barn|Farm|Brewing|Brewery"
    r"|Taproom|Restaurant|Cafe|Café|Bistro|Diner)\b"
)
_ATTENDED = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in cues.EVENT_NOUNS if n != "event") + r")\b",
    re.IGNORECASE,
)


def venue_shaped(name: str) -> bool:
    """A short name whose last word is a building's, in any case ('Lange Hall', 'LANGE
    HALL'), that names nothing one attends ('Town Hall meeting' does)."""
    words = name.split()
    if not 1 < len(words) <= 4 or not name[0].isalnum() or _ATTENDED.search(name):
        return False  # '@ Your Library' names a programme
    if not all(w[0].isupper() or w in ("of", "the", "and", "&") for w in words):
        return False  # 'Climate jobs day school': a name is written in capitals
    return bool(VENUE_NOUN.fullmatch(words[-1].rstrip(".,:").capitalize()))


OPEN_SPACE = re.compile(
    r"\b(?:Square|Green|Place|Street|Road|Park|Fields?|Common|Gardens|Castle|Bridge|Market"
    r"|Quay|Pier|Beach|Parade|Terrace|Circus|Embankment|Plaza|Avenue|Lane|Cross|Moor|Heath"
    r"|Abbey|Cathedral|Minster|Palace|Monument|Memorial|Steps)\b"
)
_EVENT_NOUN_AFTER = re.compile(
    r"^\s+(?:conference|festival|rally|march|meeting|fringe|summit|congress|gala|protest"
    r"|demonstration|event|day|week|weekend|picket|strike)\b",
    re.IGNORECASE,
)
_NAMES_AN_EVENT = re.compile(r"^\s*[—–:-]\s*(?:A|An|The)\s")
_TITLE_VENUE = re.compile(
    r"((?:[A-Z][\w'’&-]*\s+){0,4}(?:School|Church|Chapel|Hall|Centre|Center|Library|Museum"
    r"|Gallery|College|University|Club|Theatre|Theater|Cinema|Institute|Bookshop|Pub|Arms"
    r"|Inn|Tavern|Academy|Mosque|Synagogue|Temple|Cathedral|Stadium|Arena))\b"
)


#: A sentence that says where a text's events are held, once for all of them ('Meetings are
#: held at ...', 'The lectures take place in ...', 'The group meets at ...'); read only when it
#: has no date of its own, and weighed below a place in an event's own sentences.
STANDING_PLACE = re.compile(
    r"\b(?:(?:is|are|will\s+be|to\s+be|being)\s+held|takes?\s+place|meets|meet\s+(?:at|in)"
    r"|(?:is|are|will\s+be)\s+(?:at|in)\s+the\b|venue\s+(?:is|for|will))",
    re.IGNORECASE,
)


@dataclass
class PlaceFacts:
    venues: list[DraftVenue]
    address_only: DraftVenue | None = None


def find_postcodes(text: str) -> list[re.Match[str]]:
    found = list(FULL_POSTCODE.finditer(text))
    taken = [(m.start(), m.end()) for m in found]
    for m in OUTWARD_POSTCODE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def has_address(text: str) -> bool:
    """A UK postcode or a US 'City, ST' in `text`: where an address run can be read back from."""
    postcode = FULL_POSTCODE.search(text) or OUTWARD_POSTCODE.search(text)
    return bool(postcode or US_PLACE.search(text))


def us_places(text: str) -> list[re.Match[str]]:
    return list(US_PLACE.finditer(text))


@dataclass(frozen=True)
class Addresses:
    """The UK postcodes and US 'City, ST' addresses of a whole text, read once: they decide
    both its zone and the order of its numeric dates."""

    postcodes: list[re.Match[str]]
    us: list[re.Match[str]]

    @classmethod
    def read(cls, text: str) -> Addresses:
        return cls(find_postcodes(text), us_places(text))

    def zone(self) -> str | None:
        """Europe/London for a UK postcode, the state's zone for a US address, else nothing."""
        if self.us:
            return US_STATE_ZONES[self.us[0]["state"]]
        if self.postcodes:
            return "Europe/London"
        return None


def is_online(text: str) -> bool:
    return bool(ONLINE.search(text))


def find_venues(text: str, offset: int = 0) -> PlaceFacts:
    """Venues in one stretch of text (a clause); `offset` places spans in the whole text."""
    venues: list[DraftVenue] = []
    address_only = None
    for run in _address_runs(text, offset):
        if run.name:
            venues.append(run)
        elif address_only is None:
            address_only = run
    for venue in [
        *_prepositional(text, offset),
        *_hosts(text, offset),
        *_rooms_within(text, offset),
    ]:
        if not any(_overlaps(venue.name, v.name) for v in venues):
            venues.append(venue)
    venues.sort(key=lambda v: v.span.start if v.span else 0)
    return PlaceFacts(venues, address_only)


# A room of a building the reader is already in, written in lower case: 'in the basement book
# room', 'in the reading room on the main floor', 'at the church hall'.
_ROOM_WITHIN = re.compile(
    r"\b(?:in|at)\s+the\s+(?P<name>(?:[a-z][a-z'’-]+\s+){0,3}(?:room|hall|lounge|gym"
    r"|gymnasium|auditorium|chapel|studio|foyer|lobby|courtyard|atrium|annex|annexe|parlou?r"
    r"|sanctuary|cafeteria|basement|theatre|theater)(?:\s+on\s+the\s+(?:[a-z]+\s+)?floor)?)\b"
)
_NOT_A_ROOM_WORD = frozenset("same other whole next this that each every main".split())


def is_room_within(name: str) -> bool:
    """'basement book room': a room read by _rooms_within, a place as surely as 'Town Hall'."""
    return bool(_ROOM_WITHIN.fullmatch("in the " + name))


def _rooms_within(text: str, offset: int) -> list[DraftVenue]:
    found = []
    for m in _ROOM_WITHIN.finditer(text):
        name = m["name"]
        if name.split()[0] in _NOT_A_ROOM_WORD:
            continue
        at = offset + m.start("name")
        found.append(DraftVenue(name=name, span=Span(at, at + len(name), name, 0.6)))
    return found


def _overlaps(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


def _address_runs(text: str, offset: int) -> list[DraftVenue]:
    runs = []
    for m in find_postcodes(text):
        city, before = _split_city(text[: m.start()])
        runs.append(_run(text, before, m.group(), city, m.end(), offset))
    for m in us_places(text):
        runs.append(
            _run(
                text,
                text[: m.start()],
                m["zip"] or "",
                m["city"],
                m.end(),
                offset,
                state=m["state"],
            )
        )
    return runs


def _split_city(before: str) -> tuple[str, str]:
    """'..., London ' right before a postcode: the city, and the text before it."""
    m = re.search(r"(?:^|,)\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+$", before)
    if m and not STREET.search(m.group(1)):
        return m.group(1), before[: m.start(1)]
    return "", before


def _run(
    text: str, before: str, postcode: str, city: str, end: int, offset: int, state: str = ""
) -> DraftVenue:
    """The venue and address written before a postcode or US state, read back to the clause's
    date, time or preposition; the part before the first street is the venue's name."""
    pieces = _run_pieces(before)
    first_street = next(
        (
            i
            for i, (piece, _, introduced) in enumerate(pieces)
            if STREET.search(piece) and not (introduced and i == 0)
        ),
        len(pieces),
    )
    names = [p for p in pieces[:first_street] if p[0] not in CITIES or p[2]]
    while len(names) >= 2 and _LOWER_WORD.search(names[0][0]):
        names.pop(0)  # 'Mediaeval life, Caernarfon Castle, ...': a title before the place
    address = [piece for piece, _, _ in pieces[first_street:]]
    if first_street == len(pieces) and len(names) >= 2 and _bare_street(names[-1][0]):
        address.insert(0, names.pop()[0])
    if not city and address and address[-1] in CITIES:
        city = address.pop()
    if state:
        city = f"{city}, {state}" if city else state
    name = ", ".join(piece for piece, _, _ in names)
    start = names[0][1] if names else max(0, end - len(postcode))
    return DraftVenue(
        name=name,
        address=", ".join(address),
        postcode=postcode,
        city=city,
        span=Span(offset + start, offset + end, text[start:end], 0.8 if name else 0.5),
    )


_LOWER_WORD = re.compile(r"\b(?!(?:of|the|and|for|on|de|du|la|le|y|at|in)\b)[a-z][a-z]+\b")


def _bare_street(piece: str) -> bool:
    """'Strand', 'Piccadilly', 'Briggate': after a venue's name, one capitalised word that names
    no building is the street (or district) it stands on."""
    return bool(re.fullmatch(r"[A-Z][a-z]+", piece)) and not VENUE_NOUN.search(piece)


def _run_pieces(before: str) -> list[tuple[str, int, bool]]:
    """(piece, where it starts, whether a preposition introduced it), in text order."""
    body = before.rstrip().rstrip(",")
    pieces: list[tuple[str, int, bool]] = []
    pos = len(body)
    for segment in reversed(body.split(",")):
        seg_start = pos - len(segment)
        pos = seg_start - 1
        piece = segment.strip()
        if not piece:
            break
        cut = _after_last_preposition(piece)
        if cut is not None:
            if cut[:1].isupper() and _looks_like_name(cut) and not _has_time_or_date(cut):
                pieces.insert(0, (cut, seg_start + segment.rfind(cut), True))
            break
        if re.match(r"^\d+[A-Za-z]?\s+[A-Z]", piece) and len(piece.split()) <= 6:
            pieces.insert(0, (piece, seg_start + segment.find(piece), False))
            continue
        tail = _after_time_or_date(piece)
        if tail is not None:  # '20:00 – 22:30 Chiddingly Village Hall': the name after the time
            if tail and _looks_like_name(tail) and len(tail.split()) <= 7:
                pieces.insert(0, (tail, seg_start + segment.rfind(tail), True))
            break
        if not _looks_like_name(piece) or len(piece.split()) > 7:
            break
        pieces.insert(0, (piece, seg_start + segment.find(piece), False))
    return pieces


def _after_last_preposition(piece: str) -> str | None:
    """What follows the last 'at', 'in' ... ('on' only before a street: 'on Park Lane')."""
    found = [m for m in PREPOSITION.finditer(piece) if _fits(m, piece[m.end() :].strip())]
    if not found:
        return None
    return piece[found[-1].end() :].strip() or ""


def _fits(preposition: re.Match[str], rest: str) -> bool:
    return not preposition.group().lower().startswith("on") or bool(STREET.search(rest))


_DATEISH = guarded(
    r"[a-z\d]",
    r"\d\s*(?:am|pm|a\.m|p\.m)\b|\d[:.]\d\d|\b(?:noon|midnight)\b|\b(?:19|20)\d\d\b(?!\s+[A-Z])|\b\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


def _after_time_or_date(piece: str) -> str | None:
    """What follows the last time or date in `piece` ('' when it ends with one), or None when
    it holds neither."""
    ends = [m.end() for m in _DATEISH.finditer(piece)]
    if not ends:
        return None
    rest = piece[ends[-1] :]
    rest = re.sub(r"^[\w.]*\s*(?:[-–—]\s*[\d:.]+\s*(?:[ap]\.?m\.?)?)?", "", rest).strip(" ,;:-–—")
    return rest


def _has_time_or_date(piece: str) -> bool:
    return bool(_DATEISH.search(piece))


def _looks_like_name(piece: str) -> bool:
    words = piece.split()
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if _NOT_PLACES.match(piece):
        return False
    return not EVENT_WORDS.search(piece) or bool(VENUE_NOUN.search(piece))


def _prepositional(text: str, offset: int) -> list[DraftVenue]:
    venues = []
    for m in PREPOSITION.finditer(text):
        phrase_end, phrase = _capitalised_phrase(text, m.end())
        if not phrase or _VERB_AFTER.match(text[phrase_end : phrase_end + 12]):
            continue
        if not _fits(m, phrase):
            continue
        if _NAMES_AN_EVENT.match(text[phrase_end : phrase_end + 40]):
            continue
        if _EVENT_NOUN_AFTER.match(text[phrase_end : phrase_end + 30]):
            continue
        if _NOT_PLACES.match(phrase.split(",")[0].strip()) and not phrase.startswith("Room"):
            continue
        if phrase in CITIES or _has_time_or_date(phrase):
            continue
        if _in_parentheses(text, m.start()):
            continue
        if EVENT_WORDS.search(phrase) and not VENUE_NOUN.search(phrase):
            continue
        if m.group().lower().startswith("in") and "," not in phrase and len(phrase.split()) == 1:
            continue
        start = m.end()
        venues.append(
            DraftVenue(name=phrase, span=Span(offset + start, offset + phrase_end, phrase, 0.7))
        )
    return venues


_HOSTS = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:[A-Z][\w'’&.-]*\s+){0,5}[A-Z][\w'’&.-]*)\s+"
    r"(?:will\s+(?:be\s+)?host(?:ing)?|is\s+hosting|hosts)\b"
)


def _hosts(text: str, offset: int) -> list[DraftVenue]:
    """'the Davis Conference Center will be hosting a free event': a place that hosts (one
    with a building word; a person or a group hosts too)."""
    venues = []
    for m in _HOSTS.finditer(text):
        name = m["name"]
        if VENUE_NOUN.search(name):
            start = offset + m.start("name")
            venues.append(DraftVenue(name=name, span=Span(start, start + len(name), name, 0.7)))
    return venues


def _in_parentheses(text: str, at: int) -> bool:
    """'Dr Ann Lee (University at Albany)': an affiliation, not where the event is."""
    window = max(0, at - 120)
    opened = text.rfind("(", window, at)
    return opened != -1 and ")" not in text[opened:at] and ")" in text[at : at + 80]


_WORD = re.compile(r"[^\s,.;:!?()\"“”]+")
_NUMBER_SIGN = re.compile(r"(?:No|Nr|Nos)\.\s?\d+[A-Za-z]?\b")


def _capitalised_phrase(text: str, start: int) -> tuple[int, str]:
    """The run of capitalised words from `start`, allowing 'of', 'the', '&' inside and one comma
    before another capitalised part ('Room 210, Gates Hall')."""
    pos, end, words = start, start, 0
    while words < 10:
        m = _WORD.match(text, pos)
        if not m:
            break
        word = m.group()
        if _CALENDAR_WORD.match(word) and words > 0:
            break
        numbered = _NUMBER_SIGN.match(text, m.start())
        if numbered and words > 0:  # 'Theatre No. 1', 'Hall No. 3'
            m = numbered
        if word[0].isupper() or (word[0].isdigit() and words > 0):
            end, words = m.end(), words + 1
        elif word.lower() in _CONNECTORS and words > 0:
            pass
        else:
            break
        pos = m.end()
        gap = re.match(r"\s+|,\s+(?=[A-Z])", text[pos : pos + 3])
        if not gap:
            break
        if gap.group().startswith(",") and not word[0].isupper() and not word[0].isdigit():
            break
        pos += gap.end()
    phrase = text[start:end].strip().rstrip(",")
    parts = phrase.split(", ")
    kept = parts[:1]
    for part in parts[1:]:
        if STREET.search(part) or part.split()[0] in CITIES or FULL_POSTCODE.search(part):
            break
        kept.append(part)
    phrase = ", ".join(kept)
    return start + len(phrase), phrase


#: Where one part of a listing line ends: a comma, a full stop, a dash with a space beside it
#: or any en or em dash ('- Hamlet – Village Hall - Friday 3 April'); a hyphen inside a name
#: ('Stratford-upon-Avon') cuts nothing.
_SEGMENT_CUT = re.compile(r"(,|\.\s|\.$|\s[-–—]\s?|[-–—]\s|[–—])")


def _before_time_or_date(segment: str) -> str:
    """'Strangways Hall-Friday 10th Sep 7pm': the words before the first date or time, when a
    dash or comma sets them off; the whole segment when it holds neither."""
    first = _DATEISH.search(segment)
    if first is None:
        return segment
    head = segment[: first.start()]
    head = re.sub(r"[\w]*$", "", head) if head and head[-1].isalnum() else head
    cut = re.search(r"[-–—,(]\s*$", head)
    return head[: cut.start()] if cut else ""


def named_segment(text: str, offset: int = 0) -> DraftVenue | None:
    """'..., 10.30am-4.30pm, Marx House.': a comma-separated part that names a building."""
    position = 0
    for segment in _SEGMENT_CUT.split(text):
        start = position
        position += len(segment)
        piece = _before_time_or_date(segment).strip()
        if (
            piece
            and VENUE_NOUN.search(piece)
            and _looks_like_name(piece)
            and not _has_time_or_date(piece)
            and len(piece.split()) <= 6
            and not PREPOSITION.search(piece)
            and all(w[0].isupper() or w.lower() in _CONNECTORS for w in piece.split())
        ):
            at = start + segment.find(piece)
            return DraftVenue(
                name=piece, span=Span(offset + at, offset + at + len(piece), piece, 0.6)
            )
    return None


class KnownVenues:
    """Venue names the service already has, found in a text by whole words, longest first."""

    def __init__(self, names: Sequence[str]) -> None:
        cleaned = sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True)
        self._names = {n.lower(): n for n in cleaned}
        alternatives = "|".join(re.escape(n) for n in cleaned)
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if cleaned else None
        )

    def find(self, text: str, offset: int = 0) -> list[DraftVenue]:
        if self._pattern is None:
            return []
        found: dict[str, DraftVenue] = {}
        for m in self._pattern.finditer(text):
            name = self._names[m.group().lower()]
            found.setdefault(
                name,
                DraftVenue(
                    name=name, span=Span(offset + m.start(), offset + m.end(), m.group(), 0.9)
                ),
            )
        return list(found.values())


def city_named(text: str) -> DraftVenue | None:
    """'in Liverpool': a city is the best place there is when no venue is named."""
    m = re.search(r"\b(?:in|at)\s+([A-Z][a-z]+)\b", text)
    if m and m.group(1) in CITIES:
        return DraftVenue(name=m.group(1), city=m.group(1))
    return None


def venue_in_title(title: str) -> DraftVenue | None:
    m = _TITLE_VENUE.search(title)
    return DraftVenue(name=m.group(1).strip()) if m else None


_BUILDING_WORD = (
    r"(?:Hall|Building|Bldg\.?|Center|Centre|Library|Auditorium|Institute|Theatre|Theater"
    r"|Annex|Annexe|Tower|Pavilion|Lounge|Chapel|Gallery|Complex|Wing|House|Museum|School"
    r"|College|Church|Arena|Studio|Studios)"
)
_BUILDING = rf"(?:[A-Z][\w'’.&-]*[ \t]+){{0,3}}{_BUILDING_WORD}"  # on one line
_ROOM_WORD = (
    r"(?:Room|Rm\.?|Lecture\s+Theatre|Lecture\s+Hall|Seminar\s+Room|Conference\s+Room"
    r"|Suite|Studio|Auditorium|Lab|Laboratory)"
)
_STREET_WORD = r"(?:Ave|Avenue|St|Street|Road|Rd|Blvd|Boulevard|Drive|Dr|Lane|Ln|Way|Place|Pl)\b"
_ROOM_NUMBER = r"(?:[A-Z]{0,2}-?\d{1,5}[A-Z]?|[A-Z]\d?\.\d{1,3}|[A-Z])(?![\w.]*\d)"
ROOM = guarded(
    r"[A-Z\d]",
    rf"""(?:
        (?P<b1>{_BUILDING}),?\s+{_ROOM_WORD}\s+{_ROOM_NUMBER}\b         # Physics Building, Room 14
      | {_ROOM_WORD}\s+{_ROOM_NUMBER}\b(?:,?\s+(?:(?:of|in)\s+)?(?:the\s+)?{_BUILDING})?
      | (?P<b2>{_BUILDING})[ \t]{{1,2}}[A-Z]?\d{{2,5}}[A-Z]?\b       # Wean Hall 5409, Hall A18C
          (?!\s*(?:am|pm|[:.]\d|st|nd|rd|th))
      | (?<![\d.:/-])(?!(?:19|20)\d\d\b)                          # not a clock or a year:
          \d{{2,5}}[A-Z]?[ \t]{{1,2}}{_BUILDING}\b(?!\s+{_STREET_WORD})  # 7500 Wean Hall
      | (?<=\bin\s)[A-Z][A-Za-z]{{0,3}}\s?\d{{3,4}}[A-Z]?\b(?!\s*(?:am|pm|[:.]\d))  # in DH 2315
    )""",
    re.VERBOSE,
)
_NOT_A_BUILDING = re.compile(r"^(?:The|A|An|Our|This|In|At|On)\s+", re.IGNORECASE)


def room_venues(text: str, offset: int = 0) -> list[DraftVenue]:
    """Rooms and buildings with numbers: 'Wean Hall 5409', '7500 Wean Hall', 'Room B12,
    Physics Building', 'in DH 2315'. A number beside a building word is as sure a sign of a
    place as a postcode."""
    venues = []
    for m in ROOM.finditer(text):
        name = _NOT_A_BUILDING.sub("", m.group()).strip(" ,")
        if _has_time_or_date(name) or re.fullmatch(r"[\d\s]+", name):
            continue
        at = m.start() + m.group().find(name)
        venues.append(
            DraftVenue(name=name, span=Span(offset + at, offset + at + len(name), name, 0.8))
        )
    taken = [(v.span.start, v.span.end) for v in venues if v.span]
    for code in room_codes(text, offset):
        if not any(s < code.span.end and code.span.start < e for s, e in taken):
            venues.append(code)
    venues.sort(key=lambda v: v.span.start if v.span else 0)
    return venues


#: A building's short name or code beside a room number, standing alone in a short line or a
#: table cell: 'WeH 5409', 'PH A18C', 'UCC 283', '422 Scaife'. Only whole pieces count, so
#: 'Chapter 11' inside a sentence never does, and words that number other things are left out.
_ROOM_CODE = re.compile(
    r"(?P<words>[A-Z][A-Za-z]{0,11}(?: [A-Z][A-Za-z]{0,11})?)[ -](?P<n>[A-Z]?\d{2,4}[A-Z]?)"
    r"|(?P<n2>\d{2,4}[A-Z]?) (?P<words2>[A-Z][A-Za-z]{1,11}(?: [A-Z][A-Za-z]{1,11})?)"
)
_NOT_ROOM_WORDS = frozenset(
    "chapter page pages vol volume no number issue part section route highway interstate "
    "flight bus line grade year years class type model series version phase stage act scene "
    "week weeks day days term table figure fig tel fax phone ext apt covid radio channel bbc "
    "itv top over under ages age aged size price tickets fall spring summer winter autumn "
    "windows apollo article question item step round match game episode season track disc "
    "opus op psalm psalms hymn verse bill law form box po lot ward district zone pm am "
    "bst gmt est edt pst pdt cst cdt utc".split()
)
_PIECE = re.compile(r"[^\t,;*|•\n]+")
_CELL_EDGE = re.compile(r"\t|\s[*|•]\s|\s{3,}")
MAX_ROOM_LINE_WORDS = 8


def room_codes(text: str, offset: int = 0) -> list[DraftVenue]:
    found = []
    for line in re.finditer(r"[^\n]+", text):
        short = len(line.group().split()) <= MAX_ROOM_LINE_WORDS
        cells = bool(_CELL_EDGE.search(line.group()))
        if not (short or cells):
            continue
        for piece in _PIECE.finditer(text, line.start(), line.end()):
            for part in re.split(r"\s{3,}", piece.group()):
                name = part.strip()
                m = _ROOM_CODE.fullmatch(name)
                if m is None or not _is_room_code(m):
                    continue
                at = piece.start() + piece.group().find(name)
                span = Span(offset + at, offset + at + len(name), name, 0.7)
                found.append(DraftVenue(name=name, span=span))
    return found


def _is_room_code(m: re.Match[str]) -> bool:
    words = (m["words"] or m["words2"]).split()
    number = m["n"] or m["n2"]
    if any(w.lower() in _NOT_ROOM_WORDS or is_calendar_word(w) for w in words):
        return False
    if STREET.search(words[-1]):
        return False  # '74 Shortland St' is an address
    return not re.fullmatch(r"(?:19|20)\d\d", number)


# Labelled places ------------------------------------------------------------------------------


def labelled_place(layout: Layout, offset: int) -> Field | None:
    """The 'Location:' / 'Where:' value that governs the text at `offset`: the one in its block
    (tokens.Layout.field_near), else, in a listing of entries that each carry their own labels
    ('Date and time: ...' then, a blank line below, 'Location: ...'), the nearest one in the
    offset's entry: between the date label before it and the next."""
    found = layout.field_near("place", offset)
    if found is not None:
        return found
    places = layout.fields_for("place")
    dated = sorted(f.line for f in layout.fields_for("date"))
    if not places or not dated:
        return None
    line = layout.line_at(offset).number
    opened = max((n for n in dated if n <= line), default=-1)
    closed = min((n for n in dated if n > line), default=len(layout.lines))
    inside = [f for f in places if opened <= f.line < closed]
    return min(inside, key=lambda f: abs(f.line - line)) if inside else None


_FIELD_CLOCKS = re.compile(
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}[:.]\d\d|\bnoon\b", re.IGNORECASE
)


def field_venue(labelled: Field) -> DraftVenue | None:
    """'Place: Wean Hall 5409' -> that venue; a time in a 'Time and place' value is cut off, and
    a value that runs on into an address ('Location: Unity Hall, 5 Mill Lane, Leeds LS1 2AB')
    is the venue's name with its address, postcode and city apart."""
    value = labelled.value
    if "time" in labelled.roles:
        value = _FIELD_CLOCKS.sub("", value)
    value = value.strip(" ,;:-–—.")
    if not value or (is_online(value) and len(value.split()) <= 3):
        return None
    span = Span(labelled.start, labelled.end, labelled.value, 0.9)
    named = [run for run in _address_runs(value, 0) if run.name]
    if named:
        run = named[0]
        return DraftVenue(run.name, run.address, run.postcode, run.city, span)
    return DraftVenue(name=value, span=span)


class Rooms:
    """The rooms of a whole text (`room_venues`), read once and looked up by position, so that
    each event's sentences cost a search rather than another pass of the room pattern."""

    def __init__(self, rooms: Sequence[DraftVenue]) -> None:
        self._rooms = sorted((r for r in rooms if r.span is not None), key=lambda r: r.span.start)
        self._starts = [r.span.start for r in self._rooms]

    def within(self, start: int, end: int) -> list[DraftVenue]:
        """The rooms that lie wholly inside [start, end)."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end)
        return [r for r in self._rooms[first:last] if r.span.end <= end]

    def nearest(self, offset: int) -> DraftVenue | None:
        """The room whose span starts nearest `offset`, before or after it."""
        at = bisect_left(self._starts, offset)
        near = self._rooms[max(0, at - 1) : at + 1]
        return min(near, key=lambda r: abs(r.span.start - offset)) if near else None
