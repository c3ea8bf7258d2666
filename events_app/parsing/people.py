"""People: who speaks at or performs in an event, read as candidates with evidence.

Every run of capitalised words in the text that could be a person's name ('Dr Ann Lee',
'Catherine Murphy TD', 'Davey du Plessis') is a candidate. What stands around it is its evidence:
a cue before it ('Speakers include', 'chaired by', 'with'), a verb after it ('will speak'), an
honorific or post-nominal, a role word ('journalist', 'Chief Economist'), an affiliation after a
comma or in brackets, a labelled field ('Speaker:'), a line of its own under a talk's title, the
end of a programme line ('27 March: Oceans - Dr Ann Lee'); and against it: an organisation word,
a street or building word, a month. Names joined in one list ('A, B and C will speak') share the
list's evidence. The weights live in weights.py (SPEAKER); the assembly keeps the best candidate
where two overlap and drops those below the threshold. Performers are told from speakers by their
cue ('featuring', 'DJ', 'music from') and, in announcement.py, by the kind of event.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon.cues import (
    PERFORMER_CUES,
    SPEAKER_AFTER_CUES,
    SPEAKER_INLINE_CUES,
    SPEAKER_LIST_CUES,
)
from ..lexicon.given_names import is_given_name
from ..lexicon.people import (
    NOBODY_PHRASES,
    NON_NAME_WORDS,
    ORGANISATION_WORDS,
    PARTICLES,
    PERFORMER_ROLE_WORDS,
    PREFIX_TITLES,
    PROFESSIONS,
    ROLE_NOUNS,
    ROLE_WORDS,
    post_nominal,
)
from ..lexicon.zones import is_place_name
from .evidence import confidence
from .model import DraftPerson, Span
from .patterns import guarded, initials
from .places import STREET, VENUE_NOUN
from .weights import SPEAKER, SPEAKER_THRESHOLD

MAX_NAME_WORDS = 5
LONG_LIST = 3  # names in one list under a cue: a line-up, whatever each name looks like
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:de|van|von|der|den|da|di|del|la|le|bin|al|el|ap)(?=\s+[A-Z]))"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"


# Cues, compiled from the lexicon's phrases ---------------------------------------------------


def _alternatives(phrases) -> str:
    return "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
    )


_NOBODY_WORDS = _alternatives(NOBODY_PHRASES)
NOBODY = re.compile(rf"^(?:and\s+)?(?:{_NOBODY_WORDS})\b", re.IGNORECASE)
_ROLES = _alternatives(PROFESSIONS | ROLE_NOUNS | PERFORMER_ROLE_WORDS)
_AFTER_CUE = re.compile(rf"^\s*(?:{_alternatives(SPEAKER_AFTER_CUES)})\b")
_PERFORMER_CUE = guarded(
    initials(PERFORMER_CUES), rf"\b(?:{_alternatives(PERFORMER_CUES)})\b", re.IGNORECASE
)
_AFFILIATION_OPENERS = frozenset(" ,(")
_ARTICLES = frozenset("the a an our their his her local".split())
# What may stand between a name and its verb: '(Unison)', 'from the campaign', and a role
# in lower case words ('Ann Lee, lawyer and activist, will speak').
_LEADING_AFFILIATION = re.compile(
    r"(?:\s*\([^()\n]{0,80}\)|\s+(?:of|from)\s+(?:the\s+)?[\w'’&-]+(?:\s+[\w'’&-]+){0,4}?"
    r"(?=\s+(?:will|would|is|are)\b)"
    r"|,\s+(?:[a-z][\w'’&-]*\s+){0,7}?[a-z][\w'’&-]*,?(?=\s+(?:will|would)\b))"
)
_AFTER_FIRST_WORDS = frozenset(cue.split()[0] for cue in SPEAKER_AFTER_CUES)
_LIST_CUES = frozenset(SPEAKER_LIST_CUES)
_INLINE_CUES = frozenset(SPEAKER_INLINE_CUES)
_CUES = _LIST_CUES | _INLINE_CUES
_LIST_TAIL = frozenset("include including includes are is will be will include".split())
_ROLE_KEYS = frozenset(PROFESSIONS | ROLE_NOUNS | PERFORMER_ROLE_WORDS)
_ELECTED = frozenset("mp td mep msp mla".split())
_TRAILING = re.compile(r"[\w'’&.-]+")


def _last_words(before: str, most: int = 6) -> list[str]:
    """The last words before a name, lower case ('Speakers include:' -> [..., 'include'])."""
    return [w.lower() for w in _TRAILING.findall(before[-60:])][-most:]


def _ends_with(words: list[str], phrases: frozenset[str], longest: int = 4) -> bool:
    return any(" ".join(words[-k:]) in phrases for k in range(1, min(longest, len(words)) + 1))


def _ends_with_mark(before: str, allowed: str) -> bool:
    """The last character before the spaces is punctuation other than `allowed` (a string
    test, not a search from every position: it runs for every capitalised run)."""
    bare = before.rstrip()
    return bool(bare) and not (bare[-1].isalnum() or bare[-1] == "_" or bare[-1] in allowed)


_DASHES = frozenset(":–—-")


def _cue_before(before: str) -> str | None:
    """'list_cue' after 'Speakers include:', 'inline_cue' after 'chaired by', else None (a cue
    must end right before the name: only spaces, a colon or a dash between)."""
    if _ends_with_mark(before, ":–—-"):
        return None
    words = _last_words(before)
    if words and not _ends_with(words, _CUES):
        while len(words) > 1 and (words[-1] in _ROLE_KEYS or words[-1] in _ARTICLES):
            words = words[:-1]  # 'with writer X', 'featuring the band X'
    if words and _ends_with(words, _LIST_CUES):
        return "list_cue"
    bare = words
    while bare and bare[-1] in _LIST_TAIL:
        bare = bare[:-1]
    if bare != words and bare and _ends_with(bare, _LIST_CUES):
        return "list_cue"
    if before.rstrip()[-1:] not in _DASHES and words and _ends_with(words, _INLINE_CUES):
        return "inline_cue"
    return None


def _role_before(before: str) -> tuple[bool, bool]:
    """('journalist', 'campaigners', 'local TD') right before the name; and whether it is a
    performer's ('DJ', 'pianist')."""
    if _ends_with_mark(before, ",’'-"):
        return False, False, False
    words = _last_words(before, 2)
    if not words:
        return False, False, False
    last = words[-1].strip(",")
    singular = last[:-2] if last.endswith("es") else last[:-1] if last.endswith("s") else last
    role = last in _ROLE_KEYS or singular in _ROLE_KEYS or last in _ELECTED
    performer = last in PERFORMER_ROLE_WORDS or singular in PERFORMER_ROLE_WORDS
    plural = role and last not in _ROLE_KEYS and singular in _ROLE_KEYS
    return role, performer, plural


_PLACE_BEFORE = re.compile(r"\b(?:at|in|on|to|into|near|outside|inside|from|via|@)\s+(?:the\s+)?$")
_THE_BEFORE = re.compile(r"\b(?:the|a|an|this|our)\s+$", re.IGNORECASE)
_SEPARATOR = re.compile(
    r"^(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s+y\s+|\s+und\s+|\s+et\s+)$"
)
_AFFILIATION_AFTER = re.compile(
    r"^(?:\s*\([^()\n]{2,80}\)|,\s+(?!and\b|or\b)(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}(?:University|College"
    r"|Institute|School|Department|Dept|Laborator|Lab|Centre|Center|Museum|Society|Trust"
    r"|Council|Union|Group|Party|Foundation|Hospital|Library|Ltd|Inc|Corporation|[A-Z]{2,6}\b)"
    r"|\s+(?:of|from|at)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+|the\s+|of\s+|and\s+){0,4}(?:University|College|Institute"
    r"|School|Department|Laborator|Centre|Center|Museum|Society|Trust|Council|Union|Campaign"
    r"|Group|Party|Foundation|Hospital)\b|,\s+(?!and\b|or\b)(?:an?\s+)?(?:[a-z][\w-]*\s+){0,2}(?:"
    + _ROLES
    + r")s?\b)"
)
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
    r"^\s*(?:by|with|speaker|speakers|presented\s+by|an\s+evening\s+with|who)\s*:?\s*$", re.I
)
_CALENDAR = re.compile(
    r"^(?:Mon|Tues?|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct"
    r"|Nov|Dec)\.?$|^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January"
    r"|February|March|April|May|June|July|August|September|October|November|December"
    r"|Today|Tomorrow|Tonight|Noon|Midnight)$"
)
_WORD = re.compile(r"(?<![\w'’.\-])[^\W\d_][\w'’.\-]*")
_INITIAL = re.compile(r"^[^\W\d_]\.(?:[^\W\d_]\.)*$")


# Candidates ----------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A name in the text, the words around it that were peeled off, and its evidence."""

    start: int
    end: int
    name: str
    honorific: str = ""
    affiliation: str = ""
    features: set[str] = field(default_factory=set)
    chain: int = -1  # names joined by ',' / 'and' share an index and their list's evidence
    outer: tuple[int, int] = (0, 0)  # the run with its honorific and post-nominals

    def score(self) -> float:
        return SPEAKER["bias"] + sum(SPEAKER.get(f, 0.0) for f in self.features)

    @property
    def set_out(self) -> bool:
        """Named by the layout or a cue, not only by its shape and a role word: such a name
        belongs to the event whose stretch of text it stands in, even outside its sentences."""
        return bool(self.features & _SET_OUT)

    @property
    def performer(self) -> bool:
        return "performer_cue" in self.features


@dataclass
class People:
    """Everyone the text names as speaking or performing, best reading of each span."""

    found: list[Candidate]
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.found.sort(key=lambda c: c.start)
        self._starts = [c.start for c in self.found]

    def within(self, start: int, end: int) -> list[Candidate]:
        at = bisect_left(self._starts, start)
        out = []
        for c in self.found[at:]:
            if c.start >= end:
                break
            if c.end <= end:
                out.append(c)
        return out


def as_person(c: Candidate) -> DraftPerson:
    return DraftPerson(
        name=c.name,
        honorific=c.honorific,
        affiliation=c.affiliation,
        span=Span(c.start, c.end, c.name, round(confidence(c.score(), 2.0), 2)),
    )


def read_people(text: str, layout=None) -> People:
    """Every person candidate of the text, scored; overlapping ones give way to the best."""
    candidates = list(_candidates(text))
    _chain(text, candidates)
    if layout is not None:
        _layout_features(text, layout, candidates)
    _share_chain_evidence(candidates)
    candidates.extend(_enumerated(text))
    kept = [c for c in candidates if c.score() >= SPEAKER_THRESHOLD]
    for c in kept:
        _performer_features(text, c)
        if "performer_cue" in c.features:
            _band_article(text, c)
    return People(_non_overlapping(kept))


def _band_article(text: str, c: Candidate) -> None:
    """'The Strokes', 'The Pearl Jam Experience': an act's capitalised article is its name's."""
    if c.outer[0] + 4 == c.start and text.startswith("The ", c.outer[0]):
        c.start = c.outer[0]
        c.name = "The " + c.name


def _performer_features(text: str, c: Candidate) -> None:
    """A performer's cue ('featuring', 'live music', 'DJ') in the name's sentence, before it."""
    window = max(0, c.outer[0] - 200)
    line_start = max(text.rfind("\n", window, c.outer[0]) + 1, window)
    sentence_start = max(text.rfind(". ", line_start, c.outer[0]) + 1, line_start)
    if _PERFORMER_CUE.search(text, sentence_start, c.outer[0]):
        c.features.add("performer_cue")


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """In order of the text, a candidate that overlaps the one kept before it replaces it
    only when it scores higher."""
    chosen: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.start):
        if chosen and c.start < chosen[-1].end:
            if c.score() > chosen[-1].score():
                chosen[-1] = c
            continue
        chosen.append(c)
    return chosen


_CAPITAL = r"[^\W\d_a-z][\w'’.\-]*"
_PARTICLE = "|".join(sorted((re.escape(p) for p in PARTICLES), key=len, reverse=True))
_RUN = re.compile(
    rf"(?<![\w'’.\-]){_CAPITAL}(?:[ \u00a0](?:{_CAPITAL}|(?:{_PARTICLE})(?=[ \u00a0][^\W\d_a-z])))*"
)


def _runs(text: str):
    """Maximal runs of capitalised words (with initials and particles) on one line, joined by
    single spaces: where a name can be. A possessive or a word's full stop ends a run."""
    for m in _RUN.finditer(text):
        run: list[re.Match[str]] = []
        for w in _WORD.finditer(text, m.start(), m.end()):
            word = w.group()
            if not (word[0].isupper() or (run and word.lower() in PARTICLES)):
                if run:
                    yield run
                run = []
                continue
            run.append(w)
            if _ends_run(word):
                yield run
                run = []
        if run:
            yield run


def _ends_run(word: str) -> bool:
    """'Lee's', 'Pradella.': a possessive or a full stop after a word ends the name there (an
    initial's or a title's full stop does not)."""
    if word.endswith(("'s", "’s")):
        return True
    if not word.endswith("."):
        return False
    bare = word.rstrip(".")
    if "." in bare or bare.lower() in PREFIX_TITLES or bare.lower() + "." in PREFIX_TITLES:
        return False  # 'J.K.', 'Dr.', 'Prof.'
    if bare.lower() in PARTICLES:
        return False  # 'St.'
    return len(bare) > 2 or (len(bare) == 2 and bare.isupper())  # 'Smith.', 'IL.


def _candidates(text: str):
    for run in _runs(text):
        yield from _readings(text, run)


def _after_inner_role(words: list[str]) -> int:
    """Where the name starts in 'FNB Chief Economist Sizwe Nxedlana' or 'Green Party Leader
    Ann Lee': after the last capitalised role word that two or more words still follow (the
    organisation before it is the affiliation, read with the role); 0 where there is none."""
    for k in range(len(words) - 3, 0, -1):
        if _is_role_word(words[k]) and not _is_role_word(words[k + 1]):
            return k + 1
    return 0


def _readings(text: str, run: list[re.Match[str]]):
    """The name a run holds, with honorific, role words and post-nominals peeled off."""
    words = [m.group() for m in run]
    while words and words[-1].lower() in PARTICLES:
        words.pop()
        run = run[: len(words)]
    features: set[str] = set()
    honorific = ""
    first = _after_inner_role(words)
    if first:
        features.add("role_before")  # 'FNB Chief Economist Sizwe Nxedlana'
    # leading words that are not the name: titles, capitalised role words, stop words
    while first < len(words):
        w = words[first]
        key = w.lower()
        if key in PREFIX_TITLES or key.rstrip(".") in PREFIX_TITLES:
            honorific = PREFIX_TITLES.get(key) or PREFIX_TITLES[key.rstrip(".")]
            features.add("honorific")
        elif key in ("emeritus", "associate", "assistant", "visiting"):
            pass
        elif _is_role_word(w) and first + 1 < len(words):
            features.add("role_before")
        elif w.strip(".,") in NON_NAME_WORDS or _CALENDAR.match(w.strip(",")):
            features.discard("role_before")
            honorific = ""
            features.discard("honorific")
        else:
            break
        first += 1
    last = len(words)
    letters = ""  # of 'Jo Lee FLS FRGS', the first: the one the name is shown with
    while last > first + 1 and post_nominal(words[last - 1]):
        letters = post_nominal(words[last - 1]) or ""
        features.add("post_nominal")
        last -= 1
    honorific = honorific or letters
    name_words = [w for w in words[first:last]]
    if not name_words:
        return
    if name_words[-1].endswith(("'s", "’s")):
        name_words[-1] = name_words[-1][:-2]
        features.add("possessive")
    name_words[-1] = (
        name_words[-1].rstrip(".") if not _INITIAL.match(name_words[-1]) else name_words[-1]
    )
    if len(name_words) > MAX_NAME_WORDS:
        return
    start = run[first].start()
    name = text[start : run[first + len(name_words) - 1].start()] + name_words[-1]
    end = start + len(name)
    after_name = run[last - 1].end() if last > first else end
    features |= _name_shape(tuple(name_words))
    c = Candidate(start, end, name, honorific=honorific, features=features)
    c.outer = (run[0].start(), after_name)
    if not features & _RULED_OUT:  # no context can outweigh these: not worth reading it
        _context_features(text, c, run[0].start(), after_name)
    yield c


_SET_OUT = frozenset(
    {"own_line", "programme_tail", "field", "list_cue", "inline_cue", "speaks_after", "honorific"}
)
_RULED_OUT = frozenset({"calendar", "common_word", "organisation", "initials_only"})


def _is_role_word(word: str) -> bool:
    """'President', 'Economist', 'TD' at the head of a run: who the name after it is."""
    key = word.strip(".,").lower()
    singular = key[:-1] if key.endswith("s") else key
    if post_nominal(word) and word.isupper():
        return True
    return any(k in ROLE_WORDS or k in ROLE_NOUNS or k in PROFESSIONS for k in (key, singular))


@lru_cache(maxsize=4096)
def _name_shape(words: tuple[str, ...]) -> frozenset[str]:
    """What the words of a name say of it by themselves; a name named twice is read once."""
    found = set()
    plain = [w.strip(",.'’") for w in words]
    if len(words) == 1:
        found.add("one_word")
    elif all(_INITIAL.match(w) or len(w) <= 2 for w in words):
        found.add("initials_only")
    if any(w in ORGANISATION_WORDS for w in plain):
        found.add("organisation")
    rest = " ".join(plain[1:])
    if rest and (VENUE_NOUN.search(rest) or STREET.search(rest)):
        found.add("place_word")
    if _DIGIT.search(" ".join(plain)):
        found.add("initials_only")  # 'BS2', 'E8': codes, not names
    if any(_CALENDAR.match(w) for w in plain):
        found.add("calendar")
    if any(w in NON_NAME_WORDS for w in plain):
        found.add("common_word")
    if all(w.isupper() for w in plain if len(w) > 1) and any(len(w) > 3 for w in plain):
        found.add("capitals")
    if any(w.lower().strip(".") in ROLE_NOUNS for w in plain):
        found.add("role_in_name")
    if len(plain) > 1 and is_given_name(plain[0]):
        found.add("given_name")  # 'Tomasz' is not listed, 'Delia' is: a hit speaks for a person
    if len(plain) > 1 and is_place_name(" ".join(plain)):
        found.add("place_name")  # 'Ann Arbor', 'Alice Springs': a town, whatever its words
    return frozenset(found)


_DIGIT = re.compile(r"\d")


_POST_NOMINALS_AFTER = re.compile(r"(?:,?\s+[A-Z][A-Za-z.]{1,5}(?=[\s,;)]|$))+")


# Who puts the event on rather than who is on: 'Organised by ...', a credit line 'Presented by
# ...' (a talk 'presented by Dr Lee' in mid-sentence is its speaker's).
_ORGANISER_BEFORE = re.compile(
    r"(?:\b(?:organi[sz]ed|sponsored|supported|funded|convened|co-?ordinated"
    r"|hosted\s+and\s+organi[sz]ed)\s+by"
    r"|\bin\s+(?:partnership|association)\s+with|\bbrought\s+to\s+you\s+by|\bcourtesy\s+of"
    r"|(?:^|[.!?]\s+)presented\s+by)\s+(?:the\s+)?(?:(?:[A-Z][\w'’&.-]*\s+){1,4}(?:and|&)\s+)?$",
    re.IGNORECASE,
)


def _role_before_bracket(outside: str) -> bool:
    """'... and a moderator (' before the name: the bracket names who holds the role."""
    words = _last_words(outside[:-1], 1)
    return bool(words) and _is_role_word(words[0]) and words[0] not in _ELECTED


def _byline(text: str, line_start: int, name_start: int, run_end: int) -> bool:
    """The name's line says 'By' and the name and nothing more: a writer's credit."""
    line_end = text.find("\n", run_end)
    rest = text[run_end : line_end if line_end >= 0 else len(text)]
    return bool(_BY_ALONE.fullmatch(text[line_start:name_start])) and not rest.strip(" .,")


_BY_ALONE = re.compile(r"\s*by\s+", re.IGNORECASE)


def _context_features(text: str, c: Candidate, run_start: int, run_end: int) -> None:
    window = max(0, run_start - 200)  # looks back this far at most: linear time
    line_start = max(text.rfind("\n", window, run_start) + 1, window)
    before = text[max(line_start, c.start - 80) : c.start]
    _post_nominals_after(text, c, run_end)
    run_end = c.outer[1]
    after = text[run_end : run_end + 120].split("\n", 1)[0]
    if _ORGANISER_BEFORE.search(text[max(line_start, run_start - 60) : run_start]):
        c.features.add("organiser_cue")  # 'Presented by Starving Kids and Brisbane Sounds'
    cue = _cue_before(before)
    if cue is None and run_start < c.start:  # 'Speakers: Green Party Leader Ann Lee'
        cue = _cue_before(text[max(line_start, run_start - 80) : run_start])
    if cue and _byline(text, line_start, c.start, run_end):
        c.features.add("byline")  # 'By Elaine Murphy' on a line of its own: who wrote it
        cue = None
    if cue:
        c.features.add(cue)
    role, performer, plural = _role_before(before)
    if role:
        c.features.add("role_before")
    if plural:
        c.features.add("roles_before")  # 'campaigners A and B': said of the whole list
    if performer:
        c.features.add("performer_cue")
    outside = text[max(line_start, run_start - 40) : run_start]
    if _PLACE_BEFORE.search(outside):
        c.features.add("after_preposition")
    elif _THE_BEFORE.search(outside):
        c.features.add("after_article")
    lead = _LEADING_AFFILIATION.match(after)
    verb = after[lead.end() :] if lead else after  # 'X from the campaign will speak'
    first_after = verb[:20].split(None, 1)
    if first_after and first_after[0] in _AFTER_FIRST_WORDS and _AFTER_CUE.match(verb):
        c.features.add("speaks_after")
    m = _AFFILIATION_AFTER.match(after) if after[:1] in _AFFILIATION_OPENERS else None
    if m and c.name.isupper() and m.group().isupper():
        m = None  # 'SMALL PRESSES, BIG IDEAS': in a line of capitals an acronym is no sign
    if m:
        c.features.add("affiliation_after")
        c.affiliation = _affiliation_text(after, m)
    if outside.endswith("(") and _role_before_bracket(outside):
        c.features.add("role_before")  # 'a moderator (Richard Zussman, Global)'
    elif outside.endswith("(") and ")" in after[:40]:
        c.features.add("in_brackets")  # 'Jane Roe (Unison)': the affiliation of the name before
    bare = outside.rstrip()
    if not bare or (len(bare) < len(outside) and bare[-1] in ".!?:"):
        c.features.add("starts_sentence")


def _post_nominals_after(text: str, c: Candidate, run_end: int) -> None:
    """'Jane Doe, Ph.D., and ...', 'Ian Lee MD FLS': letters after the name, however set."""
    m = _POST_NOMINALS_AFTER.match(text, run_end, run_end + 40)
    if not m:
        return
    letters = [w for w in re.split(r"[,\s]+", m.group()) if w]
    taken = 0
    for w in letters:
        if not post_nominal(w):
            break
        taken += 1
        c.honorific = c.honorific or post_nominal(w) or ""
    if taken:
        c.features.add("post_nominal")
        upto = text.find(letters[taken - 1], run_end) + len(letters[taken - 1])
        c.outer = (c.outer[0], upto)


def _affiliation_text(after: str, m: re.Match[str]) -> str:
    """The affiliation's words: a bracket's content, or up to the next comma or full stop."""
    found = m.group().strip()
    if found.startswith("("):
        return found.strip("()").strip()[:80]
    rest = after[m.start() :].lstrip(" ,")
    rest = re.sub(r"^(?:of|from|at)\s+", "", rest)
    return re.split(r"[,;.!?]\s|[;!?]|\s[-–—]\s|\s+(?:will|is|are|who|and)\s", rest)[0].strip(
        " .,"
    )[:80]


def _chain(text: str, candidates: list[Candidate]) -> None:
    """Names that follow one another with only ',' / 'and' / '&' (or a bracketed affiliation,
    or an appositive: 'A, a nurse, and B', 'A, Morning Star editor, and B') between them form
    one list; a capitalised word inside such an appositive is no name of the list."""
    chain = 0
    ordered = sorted(candidates, key=lambda c: c.start)
    for i, c in enumerate(ordered):
        if i and _joined(text, ordered[i - 1], c):
            c.chain = ordered[i - 1].chain
            continue
        if i > 1 and _joined(text, ordered[i - 2], c):
            c.chain = ordered[i - 2].chain
            ordered[i - 1].features.add("in_appositive")
            continue
        chain += 1
        c.chain = chain


def _joined(text: str, a: Candidate, b: Candidate) -> bool:
    between = text[a.outer[1] : b.outer[0]]
    if len(between) > 90 or "\n" in between:
        return False
    between = re.sub(r"\s*\([^()]*\)", "", between)  # '(Unison)'
    between = re.sub(r"^(?:,?\s+(?:MP|MEP|TD|MSP|MLA|PhD|OBE|MBE|CBE|QC|KC|Jr\.?))+", "", between)
    if _SEPARATOR.match(between):
        return True
    # 'A, a nurse, and B, a teacher': an appositive between two names of a list
    return bool(_APPOSITIVE.fullmatch(between))


_APPOSITIVE = re.compile(r",\s+[^,;.()\n]{0,40}\b[a-z][\w'’-]*,\s*(?:and\s+|&\s*)?")


def _share_chain_evidence(candidates: list[Candidate]) -> None:
    """A list's cue before its first name or verb after its last counts for every name in it."""
    shared = {"list_cue", "inline_cue", "speaks_after", "performer_cue", "field", "listed"}
    shared.add("role_before")
    chains: dict[int, list[Candidate]] = {}
    for c in candidates:
        chains.setdefault(c.chain, []).append(c)
    for members in chains.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda c: c.start)
        evidence = set(members[0].features) & {"list_cue", "inline_cue", "field"}
        if "roles_before" in members[0].features:
            evidence.add("role_before")
        evidence |= set(members[-1].features) & {"speaks_after"}
        evidence |= {f for m in members for f in m.features} & {"performer_cue"}
        strong = sum(1 for m in members if m.score() >= SPEAKER_THRESHOLD)
        if strong >= 2 or (len(members) >= LONG_LIST and evidence & {"list_cue", "field"}):
            evidence.add("listed")  # a line-up under its cue: its one-word acts belong too
        for m in members:
            m.features |= evidence & shared
            m.features.add("in_list")


# A line-up set out in prose: 'The lineup includes A, B of the C, D & E and F', 'other artists
# on the bill include ...', 'more than 75 acts, including ...'. Every item of the list is an act,
# whatever its words (one word, 'Foster the People', 'TV on the Radio'); an item that begins in
# lower case ('former members Axwell', "Blur's Damon Albarn") names the act at its end.
_LINEUP_CUE = re.compile(
    r"\b(?:line-?ups?|line\s+up|bill|acts|artists|bands|performers|speakers|panel(?:l)?ists)\b"
    r"[^.;:\n]{0,60}?\b(?:include|includes|including|feature|features|featuring|boasts|are|like|such\s+as)\b"
    r"\s*:?\s*",
    re.IGNORECASE,
)
_LIST_END = re.compile(r"(?<!\s[A-Z])[.!?;](?=\s|$)|[.!?]\s+(?=[A-Z][a-z]+\s+[a-z])|\n")
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+and\s+")
_ACT_WORD = r"[^\W_a-z][\w'’.!+-]*"
_ACT_BODY = (
    rf"{_ACT_WORD}(?:\s+(?:(?:of|the|on|in|at|for|to|a|and|&|y|de|la|le|du|del|von|van|da)\s+)*"
    rf"(?:{_ACT_WORD}|&))*"
)
_ACT = re.compile(_ACT_BODY + "$")  # 'former members Axwell': the act at the item's end
_LEADING_ACT = re.compile(_ACT_BODY)  # 'Jorja Smith playing at ...': the act, then the list ends
_RESTART = re.compile(r"\bincluding\s+", re.IGNORECASE)
_ENUMERATED = frozenset({"list_cue", "listed", "enumerated"})
MAX_ACT_WORDS = 6
MAX_LIST_CHARS = 1500
MAX_ACT_CHARS = 80


def _enumerated(text: str) -> list[Candidate]:
    """The items of every line-up written as a list in a sentence, as candidates."""
    out: list[Candidate] = []
    covered = 0
    for cue in _LINEUP_CUE.finditer(text):
        if cue.start() < covered:
            continue  # a cue inside a list already read: each stretch of text is read once
        bound = min(len(text), cue.end() + MAX_LIST_CHARS)  # linear time, whatever the text
        end = _LIST_END.search(text, cue.end(), bound)
        stop = end.start() if end else bound
        restarts = list(_RESTART.finditer(text, cue.end(), stop))
        start = restarts[-1].end() if restarts else cue.end()
        covered = stop
        items = _list_items(text, start, stop)
        if len(items) >= LONG_LIST:
            out.extend(items)
    return out


def _list_items(text: str, start: int, stop: int) -> list[Candidate]:
    found = []
    bounds = [start]
    for sep in _ITEM_SPLIT.finditer(text, start, stop):
        bounds += [sep.start(), sep.end()]
    bounds.append(stop)
    for item_start, item_end in zip(bounds[::2], bounds[1::2], strict=True):
        lead = _LEADING_ACT.match(text, item_start, item_end)
        last = lead is not None and bool(text[lead.end() : item_end].strip(" .,"))
        if last:  # the sentence goes on after the act: the list has ended
            item_end = lead.end()
        piece = text[max(item_start, item_end - MAX_ACT_CHARS) : item_end].rstrip(" .,")
        m = _ACT.search(piece)
        if not m:
            continue
        name = m.group()
        possessive = max(name.rfind("'s "), name.rfind("’s "))
        if possessive >= 0:
            name = name[possessive + 3 :]
        words = tuple(name.split())
        if not words or len(words) > MAX_ACT_WORDS:
            continue
        begin = max(item_start, item_end - MAX_ACT_CHARS) + piece.rfind(name)
        features = set(_ENUMERATED) | (_name_shape(words) & {"organisation", "calendar"})
        c = Candidate(begin, begin + len(name), name, features=features)
        c.outer = (c.start, c.end)
        found.append(c)
        if last:
            break
    return found


def _layout_features(text: str, layout, candidates: list[Candidate]) -> None:
    """A name on a line of its own (under 'by', over an affiliation), in a 'Speaker:' field, or
    at the end of a programme line."""
    speaker_fields = [f for f in layout.fields if "speaker" in f.roles]
    for c in candidates:
        for f in speaker_fields:
            if f.start <= c.start < f.end:
                c.features.add("field")
        line = layout.line_at(c.start)
        if line.end - line.start > 200:  # a line of prose, not of layout
            continue
        head = text[line.start : c.start].strip()
        tail = text[c.end : line.end].strip()
        if _alone_on_line(head, tail):
            _own_line_features(layout, line, c, tail)
        if head and _PROGRAMME_END.search(head) and re.search(r"\d", line.text.strip()[:14]):
            c.features.add("programme_tail")  # '27 March: Oceans - Dr Ann Lee'


_PROGRAMME_END = re.compile(r"\s[-–—]\s*$")
_AFFILIATION_TAIL = re.compile(r"^(?:,|\(|[A-Z]{2,5}\b)")


def _alone_on_line(head: str, tail: str) -> bool:
    """Nothing before the name on its line but titles, nothing after but an affiliation."""
    lead_ok = not head or _only_titles(head)
    return lead_ok and (not tail or bool(_AFFILIATION_TAIL.match(tail)))


def _own_line_features(layout, line, c: Candidate, tail: str) -> None:
    c.features.add("own_line")
    before = _text_line(layout, line.number, -1)
    after = _text_line(layout, line.number, 1)
    if before is not None and _LEAD_LINE.match(before.text):
        c.features.add("inline_cue")
    below = after is not None and _AFFILIATION_LINE.search(after.text)
    if below or (tail.startswith(",") and len(tail) > 3):
        c.features.add("affiliation_line")
        if not c.affiliation:
            c.affiliation = (tail.lstrip(", ") or (after.text.strip() if after else ""))[:80]


def _only_titles(words: str) -> bool:
    parts = words.lower().split()
    return bool(parts) and all(
        p in PREFIX_TITLES or p.rstrip(".") in PREFIX_TITLES or p in ("emeritus", "visiting")
        for p in parts
    )


def _text_line(layout, number: int, step: int):
    """The nearest line holding text before (step -1) or after (step 1) line `number`."""
    return layout.next_text_line(number) if step > 0 else layout.previous_text_line(number)


def find_speakers(text: str, offset: int = 0) -> list[DraftPerson]:
    """Everyone `text` (a sentence or a line, at `offset` in the whole) names as speaking, in
    order of mention, each once."""
    return unique_people(read_people(text).found, offset)


def unique_people(found: list[Candidate], offset: int = 0) -> list[DraftPerson]:
    """The candidates as people, in order of mention, each name once."""
    unique: dict[str, DraftPerson] = {}
    for c in sorted(found, key=lambda c: c.start):
        person = as_person(c)
        if offset and person.span:
            s = person.span
            person.span = Span(s.start + offset, s.end + offset, s.text, s.confidence)
        unique.setdefault(person.name.casefold(), person)
    surnames = {name.split()[-1] for name in unique if " " in name}
    # 'Dr Ian McFarlane ... Dr. McFarlane will talk': the surname alone is the same person
    return [p for key, p in unique.items() if " " in key or key not in surnames]


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
