"""Speakers: names after a cue ('Speakers:', 'with', 'a talk by') or before one ('X will be
speaking'), with honorifics and affiliations kept apart from the name."""

from __future__ import annotations

import re

from ..lexicon.people import (
    NOBODY_PHRASES,
    ORGANISATION_WORDS,
    PREFIX_TITLES,
    ROLE_NOUNS,
    ROLE_WORDS,
    post_nominal,
)
from .model import DraftPerson, Span

_NOBODY_WORDS = "|".join(re.escape(p) for p in sorted(NOBODY_PHRASES, key=len, reverse=True))
NOBODY = re.compile(rf"^(?:and\s+)?(?:{_NOBODY_WORDS})\b", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:de|van|von|der|den|da|di|del|la|le|bin|al|el|ap)(?=\s+[A-Z]))"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"

LIST_CUES = re.compile(
    r"\b(?:speakers?|participants|panell?ists|guests|contributors|line-?up|featuring"
    r"|features|starring|headlined\s+by|supports\s+include"
    r"|music\s+(?:from|by)|performances?\s+(?:from|by)|other\s+speakers\s+include"
    r"|speakers?\s+include|participants\s+include|speakers\s+will\s+include)"
    r"\s*(?:include|including|are|will\s+be|will\s+include)?\s*:?\s+",
    re.IGNORECASE,
)
INLINE_CUES = re.compile(
    r"\b(?:with|featuring|feat\.|hosted\s+by|chaired\s+by|led\s+by|(?:a\s+)?talk\s+by"
    r"|lecture\s+by|presented\s+by|introduced\s+by|in\s+conversation\s+with"
    r"|q\s*&\s*a\s+with|conversation\s+with|joined\s+by|along\s+with|together\s+with"
    r"|alongside|moderated\s+by|interviewed\s+by|a\s+chance\s+to\s+hear|come\s+and\s+hear)\s+",
    re.IGNORECASE,
)
SPEAKS_AFTER = re.compile(
    r"\s+(?:will\s+be\s+(?:speaking|talking|in\s+conversation|presenting|reading|performing)"
    r"|will\s+(?:speak|talk|present|read|perform|lead|chair|introduce|give|take\s+questions"
    r"|answer\s+questions|discuss|deliver|host|address|lead\s+the)|is\s+speaking|speaks"
    r"|presents|introduces|discusses|reads\s+from|launches"
    r"|in\s+conversation\s+with|are\s+speaking|will\s+both\s+speak|will\s+be\s+present"
    r"|will\s+(?:attend|appear|headline|play|shed\s+light|recreate|lead)|headlines"
    r"|will\s+be\s+(?:joined|there|appearing|playing))\b"
)
TITLED = re.compile(
    rf"\b(?:(?:Emeritus|Associate|Assistant)\s+)?(?:Dr|Prof|Professor|Cllr|Councillor|Rep|Senator"
    rf"|Rev|Revd|Reverend|Rabbi|Imam|Dame|Sir)\.?\s+{_NAME}"
    rf"(?:,?\s+(?:MP|MEP|MSP|TD|MLA|PhD|Ph\.D\.|OBE|MBE|CBE|QC|KC)\b)?"
)
"""'Professor Jules Lubbock', 'Cllr Feryal Demirci': a person with a title of office or
learning, named in an event's own clause or sentences, is nearly always who it features."""
SCHOLAR = re.compile(rf"\b(?:Dr|Prof|Professor)\.?\s+{_NAME}\s*\([^()]{{2,80}}\)")
"""'Prof. Virginia Eubanks (University at Albany)': an academic with an affiliation is the
speaker of a seminar notice even with no cue word."""
_LIST_END = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bMrs)(?<!\bRev)(?<!\bProf)(?<!\bCllr)"
    r"(?<!\bRep)(?<!\bSen)(?<!\bGov)(?<!\bHon)(?<!\bMx)(?<!\bFr)(?<!\bJr)(?<!\bSr)"
    r"[.;!?](?:\s|$)|\n|$"
)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*/\s*")


def find_speakers(text: str, offset: int = 0) -> list[DraftPerson]:
    """Everyone the text names as speaking, in order of mention, each once."""
    found: list[DraftPerson] = []
    for m in LIST_CUES.finditer(text):
        found.extend(_read_list(text, m.end(), offset))
    for m in INLINE_CUES.finditer(text):
        found.extend(_read_list(text, m.end(), offset, strict=True))
    for m in SPEAKS_AFTER.finditer(text):
        found.extend(_names_before(text, m.start(), offset))
    for m in TITLED.finditer(text):
        person = parse_person(m.group(), m.start() + offset)
        if person is not None:
            found.append(person)
    for m in SCHOLAR.finditer(text):
        person = parse_person(m.group(), m.start() + offset)
        if person is not None:
            found.append(person)
    found.sort(key=lambda p: p.span.start if p.span else 0)
    unique: dict[str, DraftPerson] = {}
    for person in found:
        unique.setdefault(person.name.lower(), person)
    return list(unique.values())


def _read_list(text: str, start: int, offset: int, strict: bool = False) -> list[DraftPerson]:
    end = _LIST_END.search(text, start)
    stop = end.start() if end else len(text)
    chunk = text[start:stop]
    chunk = re.split(
        r"\s+(?:on|at|in|from|for|about|who|which|to)\s+(?=[a-z\"“']|[A-Z][a-z]+\s"
        r"\d)|\s+(?:will|is|are)\b",
        chunk,
    )[0]
    people: list[DraftPerson] = []
    pos = start
    for item in _SPLIT.split(chunk):
        item_start = text.find(item, pos) if item else pos
        pos = item_start + len(item)
        if not item.strip():
            continue
        if NOBODY.match(item.strip()):
            break
        if people and post_nominal(item.strip()):  # 'Jane Doe, PhD, and ...'
            people[-1].honorific = people[-1].honorific or post_nominal(item.strip()) or ""
            continue
        person = parse_person(item, item_start + offset)
        if person is None:
            if people and _is_role(item) and not people[-1].affiliation:
                people[-1].affiliation = item.strip()[:80]
                continue
            if strict:
                break
            continue
        people.append(person)
    return people


def _is_role(item: str) -> bool:
    """'NEU General Secretary', 'chair of the branch': who the previous name is, not a name."""
    return any(w.strip(",.'’").lower() in ROLE_NOUNS for w in item.split())


def _names_before(text: str, end: int, offset: int) -> list[DraftPerson]:
    """The subject of 'will speak': one name, or a list ('A MP and B from the campaign')."""
    start = max(0, end - 160)
    head = re.split(r"[.;:!?]\s+|\n", text[start:end])[-1]
    head_start = end - len(head)
    if re.search(r"\band\b|,", head):
        listed = _read_list(text[:end], head_start, offset, strict=True)
        if listed and len(" ".join(p.name for p in listed)) > 0:
            return listed
    m = re.search(rf"((?:[A-Z][\w.]*\s+)?{_NAME})$", head)
    if not m:
        return []
    person = parse_person(m.group(1), end - len(m.group(1)) + offset)
    return [person] if person else []


def parse_person(item: str, at: int = 0) -> DraftPerson | None:
    """'Dr. Maria Chen (Stanford)' -> Maria Chen, Dr, Stanford; None when it is not a name."""
    text = item.strip().strip('"“”')
    affiliation = ""
    paren = re.search(r"\s*\(([^)]{1,80})\)\s*$", text)
    if paren:
        affiliation, text = paren.group(1).strip(), text[: paren.start()]
    of = re.search(r"\s+(?:of|from)\s+((?:the\s+)?[^,;]{1,80})$", text)
    if of:
        affiliation, text = of.group(1).strip(), text[: of.start()]
    words = text.split()
    while words and words[0].lower().strip(",") in ROLE_WORDS:
        words.pop(0)
    honorific = ""
    while words and words[0].lower() in PREFIX_TITLES:
        honorific = PREFIX_TITLES[words.pop(0).lower()]
    while words and post_nominal(words[-1]):
        honorific = honorific or post_nominal(words[-1]) or ""
        words.pop()
        if words:
            words[-1] = words[-1].rstrip(",")
    name = " ".join(words).strip(" ,.")
    if not re.fullmatch(_NAME, name) or len(words) > 5:
        return None
    if any(w.isupper() and len(w) > 3 for w in words):
        return None
    if any(w.strip(",.'’") in ORGANISATION_WORDS for w in words):
        return None
    if any(w.strip(",.'’").lower() in ROLE_NOUNS for w in words):
        return None
    start = at + max(0, item.find(name))
    return DraftPerson(
        name=name,
        honorific=honorific,
        affiliation=affiliation,
        span=Span(start, start + len(name), name, 0.8),
    )


_FIELD_SPLIT = re.compile(r"\s*;\s*|\s+and\s+|\s*&\s*|\s*/\s*", re.IGNORECASE)
_FIELD_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w'’-]*\.?|[A-Z]\.(?:[A-Z]\.)*|(?:de|van|von|der|da|di|del|la|le|bin|al|ap))$"
)


def field_people(value: str, at: int) -> list[DraftPerson]:
    """The people named in a labelled value ('Who: Dr. Ann Lee, Dept. of Physics'): a label
    already says these are speakers, so a name in capitals counts, and what follows the first
    comma is the affiliation."""
    listed = find_speakers("Speakers: " + value, at - len("Speakers: "))
    if len(listed) >= 2 and len(listed) == len(re.split(r",|\band\b|&|;", value)):
        return listed  # 'Rachel Smith (Unison), Ken Loach': every item is a name
    people = []
    pos = 0
    for item in _FIELD_SPLIT.split(value):
        item_at = value.find(item, pos)
        pos = item_at + len(item)
        name, _, affiliation = item.partition(",")
        honorific = ""
        rest = affiliation.strip()
        while rest and post_nominal(rest.split(",")[0].strip()):
            honorific = post_nominal(rest.split(",")[0].strip()) or ""
            rest = rest.partition(",")[2].strip()
        paren = re.search(r"\s*\(([^)]{1,80})\)?\s*$", name)
        if paren:
            rest, name = rest or paren.group(1).strip(), name[: paren.start()]
        words = name.split()
        while words and words[0].lower() in PREFIX_TITLES:
            honorific = PREFIX_TITLES[words.pop(0).lower()]
        while words and post_nominal(words[-1]):
            honorific = honorific or post_nominal(words[-1]) or ""
            words.pop()
        if not 2 <= len(words) <= 5 or not all(_FIELD_NAME_WORD.match(w) for w in words):
            continue
        if any(w.strip(",.").title() in ORGANISATION_WORDS for w in words):
            continue
        clean = " ".join(words)
        start = at + item_at + max(0, item.find(words[0]))
        people.append(
            DraftPerson(
                name=clean,
                honorific=honorific,
                affiliation=rest[:80],
                span=Span(start, start + len(clean), clean, 0.9),
            )
        )
    return people


_AFFILIATION_LINE = re.compile(
    r"\b(?:Department|Dept\.?|University|Univ\.?|Institute|College|School|Laborator(?:y|ies)"
    r"|Lab|Inc\.?|Corporation|Corp\.?|Center|Centre|Faculty|Professor|Lecturer|Researcher"
    r"|Fellow|Student|Candidate|Director|Author|Historian|Artist|Writer)\b"
)
AFFILIATION_START = re.compile(
    r"(?:(?:the|a)\s+)?(?:Department|Dept\.?|University|School|Faculty|Institute|College)\s+(?:of|for)\b",
    re.IGNORECASE,
)
_LEAD_LINE = re.compile(
    r"^\s*(?:by|with|speaker|presented\s+by|an\s+evening\s+with)\s*:?\s*$", re.I
)


def name_lines(lines: list) -> list[DraftPerson]:
    """A line that holds only a name, under 'by' / 'with' or over a line of affiliation
    ('Laura Petitto' / 'Department of Psychology'): how notices and posters set out a speaker."""
    found = []
    for i, line in enumerate(lines):
        words = line.text.strip()
        if not words or len(words.split()) > 6:
            continue
        before = next((x for x in reversed(lines[max(0, i - 3) : i]) if not x.blank), None)
        after = next((x for x in lines[i + 1 : i + 3] if not x.blank), None)
        led = before is not None and _LEAD_LINE.match(before.text)
        placed = after is not None and _AFFILIATION_LINE.search(after.text)
        if not (led or placed):
            continue
        people = field_people(words, line.start + line.indent)
        if len(people) == 1 and not _AFFILIATION_LINE.search(words):
            found.append(people[0])
    return found
