"""Calendar dates written in prose: find them, then settle their year.

Finding and resolving are separate steps because the year of "Friday July 27" depends on the
whole text (its other dates, its tense) and on the reference date the caller gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from ..lexicon import calendar_words, cues
from .patterns import guarded

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?"
)
_DAY = r"(?:[0-2]?\d|3[01])(?!\d)(?:st|nd|rd|th)?"
_LIST_DAY = rf"{_DAY}(?![.:]\d|\s*(?:am|pm|a\.m|p\.m)\b)"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DASH = r"\s*(?:-|–|—|to|until|till|through|thru)\s*"

# 'Day 1 - Monday 15 November', 'Week 2 to 9 May': a number that counts days, weeks or parts
# of a programme is not the first day of a range.
_COUNTED = "".join(
    rf"(?<!\b{word}\s)" for word in ("day", "week", "part", "session", "term", "round", "stage")
)
# Where a match of each can begin: a weekday's or a month's first letter, or a day's digit.
_WD_START = r"[mtwfs\d]"
_MONTH_START = r"[jfmasondtw]"  # a month, or a weekday before it
DAY_MONTH = guarded(
    _WD_START,
    rf"""\b(?:(?P<wd>{_WD}),?\s+(?:the\s+)?|{_COUNTED})
    (?P<days>{_DAY}(?:\s*+,\s*+(?:{_WD},?\s+)?{_LIST_DAY}){{0,12}}+
        (?:,?\s+(?:and|&)\s+(?:{_WD},?\s+)?(?:the\s+)?{_DAY})?)
    (?:{_DASH}(?:(?P<wd2>{_WD}),?\s+(?:the\s+)?)?(?P<day2>{_DAY}))?
    (?:\s+of)?\s+(?P<month>{_MONTH})(?![a-z])
    (?:,?\s+(?P<year>{_YEAR}))?""",
    re.IGNORECASE | re.VERBOSE,
)
MONTH_DAY = guarded(
    _MONTH_START,
    rf"""\b(?:(?P<wd>{_WD}),?\s+)?(?P<month>{_MONTH})\s+
    (?P<days>{_DAY}(?:\s*+,\s*+{_LIST_DAY}){{0,12}}+(?:,?\s+(?:and|&)\s+{_DAY})?)
    (?:{_DASH}(?P<day2>{_DAY}))?(?![\d:.]\d)
    (?:,?\s+(?P<year>{_YEAR}))?""",
    re.IGNORECASE | re.VERBOSE,
)
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
NUMERIC = guarded(
    _WD_START,
    rf"\b(?:(?P<wd>{_WD}),?\s+)?(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<year>(?:19|20)?\d\d)(?![\d/.]\d)"
    rf"(?:\s{{0,4}}\((?P<wd_after>{_WD})\))?",
    re.IGNORECASE,
)
# 'on 4/20', '20/4', '10/7/2019': only to see which order a text writes its numeric dates in.
_NUMERIC_ORDER = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d])(?!/\d{1,2}\b/)")
# Not inside a name of the machine's ('cfa-today', 'news.today', 'today@example.org').
RELATIVE = re.compile(
    rf"(?<![\w.@/-])(?:(?P<which>this|next|coming|last|on)\s+(?P<wd>{_WD})(?!\w)"
    r"|(?P<word>today|tonight|tomorrow)(?![\w@]|[.-]\w))",
    re.IGNORECASE,
)
# "today's" before a common word that names nothing one attends ('today's world', 'tomorrow's
# leaders'); "tonight's concert" and "today's meeting" keep their day.
_SPOKEN_OF = re.compile(
    r"['’]s\s+(?!(?:" + "|".join(re.escape(n) for n in cues.EVENT_NOUNS) + r")\b)[a-z]"
)  # lower case only: "Today's HCI Seminar" names one
EVERY = re.compile(
    rf"\b(?:every|each)\s+(?:(?P<nth>first|second|third|fourth|last)\s+)?(?P<wd>{_WD})(?![a-z])"
    r"(?:s\b)?(?:\s+of\s+(?:the|each|every)\s+month)?"
    rf"|\b(?:the\s+)?(?P<nth2>first|second|third|fourth|last)\s+(?P<wd2>{_WD})(?![a-z])\s+of"
    r"\s+(?:each|every|the)\s+month",
    re.IGNORECASE,
)
YEAR_WORD = re.compile(rf"\b{_YEAR}")
# A weekday named alone is a date only with evidence beside it: a clock ('9 a.m. Saturday',
# 'Friday; 6.30pm', 'Saturday at 7pm') or a label that asks when ('When: Friday'); not in a
# rule ('every other Thursday at noon') or a span of weekdays ('Open Tuesday to Sunday, 11am').
_FULL_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_CLOCK_WORDS = r"\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}[.:]\d\d|noon|midday"
_DAY_END = re.compile(r"day(?!['’\w])", re.IGNORECASE)  # found first: far quicker than a name
_WEEKDAY_WORD = re.compile(rf"(?<![\w'’]){_FULL_WD}$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(r"\b(?:when|date|day)[ \t]*:[ \t]*$", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(rf"(?:{_CLOCK_WORDS}),?\s+(?:on\s+)?$", re.IGNORECASE)
_CLOCK_AFTER = re.compile(rf"[,;]?\s+(?:at\s+|from\s+)?(?:{_CLOCK_WORDS})", re.IGNORECASE)
_RULE_BEFORE = re.compile(
    r"\b(?:every|each|other|alternate|first|second|third|fourth|last|next|this|coming|on)\s+$"
    rf"|{_FULL_WD}\s*(?:to|through|thru|till|until|and|&|-|–|—|,)\s*$",
    re.IGNORECASE,
)
_SPAN_AFTER = re.compile(
    rf"\s*(?:to|through|thru|till|until|and|&|-|–|—)\s*{_FULL_WD}", re.IGNORECASE
)


def _bare_weekdays(text: str) -> list[DateMention]:
    """Weekdays named alone with a clock or a 'When:' label beside them, as mentions to be
    read against the day the text was written."""
    found = []
    for end in _DAY_END.finditer(text):
        m = _WEEKDAY_WORD.search(text, max(0, end.start() - 6), end.end())
        if m is None:
            continue
        before = text[max(0, m.start() - 24) : m.start()]
        if _RULE_BEFORE.search(before) or _SPAN_AFTER.match(text, m.end()):
            continue
        if not (
            _LABEL_BEFORE.search(before)
            or _CLOCK_BEFORE.search(before)
            or _CLOCK_AFTER.match(text, m.end(), m.end() + 24)
        ):
            continue
        found.append(
            DateMention(
                m.start(),
                m.end(),
                [],
                relative="weekday",
                relative_weekday=_weekday(m[0]),
                text=m[0],
            )
        )
    return found


_WEEKDAY_LIST = re.compile(
    rf"{_FULL_WD}(?:\s*,\s*{_FULL_WD})*\s*,?\s*(?:and|&)\s*{_FULL_WD}(?!['’\w])", re.IGNORECASE
)
_LIST_LEAD = re.compile(r"\b(?P<lead>on|this|next|coming)\s+(?:both\s+)?$", re.IGNORECASE)
_OPENING = re.compile(r"\b(?:open|opens|opening|closed|closes)\s+$", re.IGNORECASE)


# Days named by the feast or custom that falls on them every year (fixed dates only: Easter and
# the like move), where a preposition makes them a day ('on Christmas Eve', 'until Halloween');
# in a name ('New Year's Eve Fireworks', 'our Halloween party') they are a theme.
_HOLIDAYS = {
    "christmaseve": (12, 24),
    "christmasday": (12, 25),
    "boxingday": (12, 26),
    "newyearseve": (12, 31),
    "newyearsday": (1, 1),
    "valentinesday": (2, 14),
    "stvalentinesday": (2, 14),
    "stpatricksday": (3, 17),
    "burnsnight": (1, 25),
    "bonfirenight": (11, 5),
    "guyfawkesnight": (11, 5),
    "halloween": (10, 31),
    "armisticeday": (11, 11),
    "fourthofjuly": (7, 4),
    "thefourthofjuly": (7, 4),
}  # by their letters alone: 'New Year’s Eve', 'St. Patrick's Day', 'Hallowe'en'
_HOLIDAY = re.compile(
    r"(?P<on>\b(?:on|this|next|until|till|from|over)\s+)\b(?P<name>christmas\s+eve"
    r"|christmas\s+day|boxing\s+day|new\s+year['’]?s\s+(?:eve|day)|(?:st\.?\s+)?valentine['’]?s\s+day"
    r"|st\.?\s+patrick['’]?s\s+day|burns\s+night|bonfire\s+night|guy\s+fawkes\s+night"
    r"|hallowe['’]?en|armistice\s+day|(?:the\s+)?fourth\s+of\s+july)\b(?![-–]\w)",
    re.IGNORECASE,
)


def _holidays(text: str, dated: list[DateMention]) -> list[DateMention]:
    """'on Christmas Eve', 'Bonfire Night': the day of the year the name stands for, unless
    the day is written out beside it ('Monday 24 December (Christmas Eve)')."""
    found = []
    for m in _HOLIDAY.finditer(text):
        month, day = _HOLIDAYS[re.sub(r"[^a-z]", "", m["name"].lower())]
        if any(
            abs(d.start - m.start()) < _HOLIDAY_NEAR and (ref.month, ref.day) == (month, day)
            for d in dated
            for ref in d.days
        ):
            continue
        found.append(DateMention(m.start("name"), m.end(), [DayRef(month, day)], text=m["name"]))
    return found


_HOLIDAY_NEAR = 60


def _weekday_lists(text: str) -> list[DateMention]:
    """'on both Saturday and Sunday', 'this Friday and Saturday', 'Saturday and Sunday,
    10am-5pm': one mention of each day named. With 'on', 'this', 'next' it is read as such a
    weekday is; alone it needs a clock or a label beside it, as a weekday alone does; after
    'open' it gives opening hours, not days."""
    found: list[DateMention] = []
    for end in _DAY_END.finditer(text):
        word = _WEEKDAY_WORD.search(text, max(0, end.start() - 6), end.end())
        if word is None or (found and word.start() < found[-1].end):
            continue
        m = _WEEKDAY_LIST.match(text, word.start())
        if m is None:
            continue
        before = text[max(0, m.start() - 24) : m.start()]
        lead = _LIST_LEAD.search(before)
        if _OPENING.search(before) or (not lead and _RULE_BEFORE.search(before)):
            continue
        if not lead and not (
            _LABEL_BEFORE.search(before)
            or _CLOCK_BEFORE.search(before)
            or _CLOCK_AFTER.match(text, m.end(), m.end() + 24)
        ):
            continue
        start = m.start() - len(before) + lead.start() if lead else m.start()
        weekdays = [_weekday(w) for w in re.findall(_FULL_WD, m[0], re.IGNORECASE)]
        found.append(
            DateMention(
                start,
                m.end(),
                [],
                relative=lead["lead"].lower() if lead else "weekday",
                relative_weekday=weekdays[0],
                more_weekdays=tuple(w for w in weekdays[1:] if w is not None),
                text=text[start : m.end()],
            )
        )
    return found


@dataclass(frozen=True)
class DayRef:
    """A calendar day as written: the year may be missing, the weekday may be given."""

    month: int
    day: int
    year: int | None = None
    weekday: int | None = None


@dataclass
class DateMention:
    start: int
    end: int
    days: list[DayRef]
    until: DayRef | None = None
    relative: str | None = None
    relative_weekday: int | None = None
    more_weekdays: tuple[int, ...] = ()  # 'on both Saturday and Sunday': the later days
    text: str = ""
    resolved: list[date] = field(default_factory=list)
    resolved_until: date | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Recurrence:
    start: int
    end: int
    rule: str
    weekday: int


def _weekday(text: str | None) -> int | None:
    return WEEKDAYS.get(text.lower().rstrip(".")) if text else None


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def find_dates(text: str, *, day_first: bool, language: str | None = None) -> list[DateMention]:
    """Every day-precise date in the text, longest match first where two overlap; dates in
    `language` too (guessed from `text` when not given) where it is not English."""
    found: list[DateMention] = []
    for m in DAY_MONTH.finditer(text):
        found.append(_from_words(m, _month(m["month"])))
    for m in MONTH_DAY.finditer(text):
        found.append(_from_words(m, _month(m["month"])))
    for m in ISO.finditer(text):
        ref = _valid(int(m["year"]), int(m["month"]), int(m["day"]))
        if ref:
            found.append(DateMention(m.start(), m.end(), [ref], text=m.group()))
    for m in NUMERIC.finditer(text):
        mention = _from_numeric(m, day_first)
        if mention:
            found.append(mention)
    for m in RELATIVE.finditer(text):
        if m["word"] and _SPOKEN_OF.match(text, m.end()):
            continue  # 'in today's world': the present, not a day
        found.append(
            DateMention(
                m.start(),
                m.end(),
                [],
                relative=(m["word"] or m["which"]).lower(),
                relative_weekday=_weekday(m["wd"]),
                text=m.group(),
            )
        )
    found.extend(_bare_weekdays(text))
    found.extend(_holidays(text, found))
    found.extend(_weekday_lists(text))
    language = language or calendar_words.guess_language(text)
    if language != "en":
        found.extend(_foreign_dates(text, language))
    return _merge_adjacent(_between_ranges(_drop_overlaps(found), text), text)


_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND = re.compile(r"^\s+(?:and|&)\s+$", re.IGNORECASE)


def _between_ranges(found: list[DateMention], text: str) -> list[DateMention]:
    """'between May 7 and 13' and 'between 7 May and 13 May' are one span of days, from the
    first to the second, not two days."""
    out: list[DateMention] = []
    for mention in found:
        if not _BETWEEN.search(text[max(0, mention.start - 12) : mention.start]):
            if out and _joins_between(out[-1], mention, text):
                first = out[-1]
                first.until, first.end = mention.days[0], mention.end
                first.text = text[first.start : mention.end]
                if first.days[0].year is None:
                    first.days[0] = replace(first.days[0], year=mention.days[0].year)
                continue
            out.append(mention)
            continue
        if len(mention.days) == 2 and mention.until is None:
            mention.days, mention.until = mention.days[:1], mention.days[1]
        out.append(mention)
    return out


def _joins_between(previous: DateMention, mention: DateMention, text: str) -> bool:
    """`mention` is the second day of a 'between A and B' whose first day is `previous`."""
    return (
        len(previous.days) == 1
        and previous.until is None
        and len(mention.days) == 1
        and bool(_AND.match(text[previous.end : mention.start]))
        and bool(_BETWEEN.search(text[max(0, previous.start - 12) : previous.start]))
    )


_ACCENTED = {
    "a": "[aáàâäã]",
    "e": "[eéèêë]",
    "i": "[iíìîï]",
    "o": "[oóòôöõ]",
    "u": "[uúùûü]",
    "n": "[nñ]",
    "c": "[cç]",
}


def _spelling(folded: str) -> str:
    """A pattern for a folded lexicon word that also matches it written with its accents
    ('miercoles' finds 'miércoles', 'marz' finds 'März', 'ss' finds 'ß')."""
    pattern = "".join(_ACCENTED.get(ch, re.escape(ch)) for ch in folded)
    return pattern.replace("ss", "(?:ss|ß)")


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(_spelling(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class ForeignPatterns:
    """Dates as another language writes them: '1 de mayo', 'el sábado 1 de mayo de 2010',
    'am Montag, dem 24. Oktober', 'le 3 mars', and its words for today and tomorrow."""

    day_month: re.Pattern[str]
    relative: re.Pattern[str]
    coming: re.Pattern[str]


_COMING = {
    "es": "próximo|proximo|este",
    "fr": "prochain|ce",
    "de": "kommenden|nächsten|naechsten|diesen",
    "it": "prossimo|questo",
    "pt": "próximo|proximo|este",
    "nl": "komende|volgende|deze",
}


@cache
def _foreign_patterns(language: str) -> ForeignPatterns:
    month = _alternatives(calendar_words.month_names((language,)))
    weekday = _alternatives(calendar_words.weekday_names((language,)))
    day_month = re.compile(
        rf"""\b(?:(?P<wd>{weekday})\.?,?\s+(?:(?:el|le|den|dem|der|il|o)\s+)?)?
        (?P<day>[0-2]?\d|3[01])(?:\.|º|ª|°|er|re|e)?\s*(?:de\s+|del\s+)?
        (?P<month>{month})(?![^\W\d_])\.?
        (?:,?\s+(?:de\s+|del\s+)?(?P<year>{_YEAR}))?""",
        re.IGNORECASE | re.VERBOSE,
    )
    phrases = calendar_words.RELATIVE_DAYS.get(language, {})
    words = frozenset(p for p, (ahead, _) in phrases.items() if ahead >= 0)
    relative = re.compile(rf"\b(?P<word>{_alternatives(words)})(?![^\W\d_])", re.IGNORECASE)
    coming = re.compile(
        rf"\b(?:{_COMING.get(language, '(?!)')})\s+(?P<wd>{weekday})(?![^\W\d_])",
        re.IGNORECASE,
    )
    return ForeignPatterns(day_month, relative, coming)


def _foreign_dates(text: str, language: str) -> list[DateMention]:
    """The dates of a text in another language, read with the lexicon's words for it."""
    patterns = _foreign_patterns(language)
    languages = (language,)
    found: list[DateMention] = []
    for m in patterns.day_month.finditer(text):
        month = calendar_words.month_number(m["month"], languages)
        ref = _valid(_year(m["year"]), month, int(m["day"])) if month else None
        if ref:
            weekday = calendar_words.weekday_number(m["wd"], languages) if m["wd"] else None
            found.append(
                DateMention(m.start(), m.end(), [replace(ref, weekday=weekday)], text=m.group())
            )
    for m in patterns.relative.finditer(text):
        ahead, _ = calendar_words.relative_day(m["word"], languages) or (0, False)
        word = ("today", "tomorrow", "day after tomorrow")[min(ahead, 2)]
        found.append(DateMention(m.start(), m.end(), [], relative=word, text=m.group()))
    for m in patterns.coming.finditer(text):
        weekday = calendar_words.weekday_number(m["wd"], languages)
        found.append(
            DateMention(
                m.start(), m.end(), [], relative="on", relative_weekday=weekday, text=m.group()
            )
        )
    return found


def _from_words(m: re.Match[str], month: int) -> DateMention:
    year = _year(m["year"])
    weekday = _weekday(m["wd"])
    numbers = _day_numbers(m["days"])
    days = [DayRef(month, n, year, weekday if i == 0 else None) for i, n in enumerate(numbers)]
    until = None
    if m["day2"]:
        until = DayRef(month, _day_numbers(m["day2"])[0], year, _weekday(m.groupdict().get("wd2")))
    return DateMention(m.start(), m.end(), days, until=until, text=m.group())


def _valid(year: int | None, month: int, day: int) -> DayRef | None:
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return DayRef(month, day, year)


def numeric_order(text: str) -> bool | None:
    """Whether the text writes numeric dates day first ('20/4'), month first ('4/20'), or
    cannot tell: a number above 12 can only be the day."""
    day_first = month_first = 0
    for m in _NUMERIC_ORDER.finditer(text):
        a, b = int(m[1]), int(m[2])
        if 12 < a <= 31 and 1 <= b <= 12:
            day_first += 1
        elif 12 < b <= 31 and 1 <= a <= 12:
            month_first += 1
    if day_first == month_first:
        return None
    return day_first > month_first


def _from_numeric(m: re.Match[str], day_first: bool) -> DateMention | None:
    """'05/04/2022 (Wednesday)': a weekday settles which number is the month; else the text's
    order (`day_first`), and where that cannot be a date, the other."""
    a, b, year = int(m["a"]), int(m["b"]), _year(m["year"])
    weekday = _weekday(m["wd"] or m["wd_after"])
    readings = [(b, a), (a, b)] if day_first else [(a, b), (b, a)]
    valid = [
        ref for month, day in readings if 1 <= month <= 12 and (ref := _valid(year, month, day))
    ]
    if weekday is not None and year is not None:
        agreeing = [r for r in valid if date(year, r.month, r.day).weekday() == weekday]
        valid = agreeing + [r for r in valid if r not in agreeing]
    if not valid:
        return None
    ref = replace(valid[0], weekday=weekday)
    return DateMention(m.start(), m.end(), [ref], text=m.group())


def _drop_overlaps(found: list[DateMention]) -> list[DateMention]:
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            previous = kept[-1]
            if previous.relative and not mention.relative and mention.end > previous.end:
                kept[-1] = _with_relative(mention, previous)
            continue
        kept.append(mention)
    return kept


def _with_relative(mention: DateMention, relative: DateMention) -> DateMention:
    mention.start = relative.start
    if mention.days and mention.days[0].weekday is None:
        mention.days[0] = replace(mention.days[0], weekday=relative.relative_weekday)
    return mention


# 'this Saturday, July 28' or the two on consecutive lines; a blank line between them parts them.
_JOIN_RELATIVE = re.compile(r"^,?[ \t]*(?:\n[ \t]*)?$")
_JOIN_RANGE = re.compile(r"^\s*(?:-|–|—|to|until|till|through|thru)\s*$", re.IGNORECASE)


def _merge_adjacent(found: list[DateMention], text: str) -> list[DateMention]:
    """'this Saturday, July 28' is one date; '30 June to 2 July' is one range."""
    merged: list[DateMention] = []
    for mention in found:
        if merged:
            previous = merged[-1]
            between = text[previous.end : mention.start]
            if (
                previous.relative
                and mention.days
                and _JOIN_RELATIVE.match(between)
                and not _ends_sentence(previous.text)
            ):
                merged[-1] = _with_relative(mention, previous)
                merged[-1].text = text[merged[-1].start : mention.end]
                continue
            if (
                previous.days
                and mention.days
                and previous.until is None
                and len(previous.days) == 1
                and len(mention.days) == 1
                and _JOIN_RANGE.match(between)
            ):
                previous.until = mention.days[0]
                previous.end = mention.end
                previous.text = text[previous.start : previous.end]
                if previous.days[0].year is None and mention.days[0].year is not None:
                    previous.days[0] = replace(previous.days[0], year=mention.days[0].year)
                continue
            if _listed_after(previous, mention, between):
                previous.days = [*previous.days, *mention.days]
                previous.end = mention.end
                previous.text = text[previous.start : previous.end]
                continue
        merged.append(mention)
    return merged


_JOIN_LIST = re.compile(r"^\s*(?:,|,?\s*(?:and|&))\s*$", re.IGNORECASE)


def _listed_after(previous: DateMention, mention: DateMention, between: str) -> bool:
    """'November 4 and December 9': a list of days across months is one mention, as '4 and 9
    November' is, so that the time and place written after it hold for every day."""
    return (
        bool(previous.days and mention.days)
        and previous.until is None
        and mention.until is None
        and not previous.relative
        and not mention.relative
        and bool(_JOIN_LIST.match(between))
    )


def _ends_sentence(weekday: str) -> bool:
    """'on Monday.' ends its sentence; 'on Mon.' is the day's abbreviation."""
    return weekday.endswith(".") and weekday.rstrip(".").lower().endswith("day")


def find_recurrence(text: str) -> Recurrence | None:
    m = EVERY.search(text)
    if m:
        weekday = _weekday(m["wd"] or m["wd2"])
        assert weekday is not None
        ordinal = m["nth"] or m["nth2"]
        if ordinal:
            nth = {"first": "1", "second": "2", "third": "3", "fourth": "4", "last": "-1"}
            rule = f"FREQ=MONTHLY;BYDAY={nth[ordinal.lower()]}{RRULE_DAYS[weekday]}"
        else:
            rule = f"FREQ=WEEKLY;BYDAY={RRULE_DAYS[weekday]}"
        return Recurrence(m.start(), m.end(), rule, weekday)
    return None


def evidence_years(text: str) -> list[tuple[int, bool]]:
    """Years the text names, each with whether it is spoken of in the future tense."""
    years = []
    for m in YEAR_WORD.finditer(text):
        window = text[max(0, m.start() - 120) : m.start()].lower()
        clause = re.split(r"[.;!?]", window)[-1]
        future = bool(re.search(r"\b(will|shall|going to|is due|are due|next)\b", clause))
        years.append((int(m.group()), future))
    return years


@dataclass(frozen=True)
class YearContext:
    """What settles a missing year: the reference date, else the text's own years."""

    reference: date | None
    anchor_year: int | None
    anchor_is_future: bool
    fallback_year: int | None


def year_context(text: str, reference: date | None, fallback_year: int | None) -> YearContext:
    years = evidence_years(text)
    if not years:
        return YearContext(reference, None, False, fallback_year)
    anchor = max(y for y, _ in years)
    future = any(f for y, f in years if y == anchor)
    return YearContext(reference, anchor, future, fallback_year)


def resolve(mention: DateMention, context: YearContext) -> DateMention:
    """Fill `resolved` (and `resolved_until`), with warnings where the text disagrees."""
    if mention.relative:
        return _resolve_relative(mention, context)
    first = mention.days[0]
    impossible = [ref for ref in mention.days if _safe_date(2000, ref.month, ref.day) is None]
    if impossible:
        mention.warnings.extend(f"{_describe(ref)} is not a real date" for ref in impossible)
        return mention
    year, warnings = choose_year(first, context)
    mention.warnings.extend(warnings)
    if year is None:
        return mention
    mention.resolved = []
    for ref in mention.days:
        day = _safe_date(ref.year or year, ref.month, ref.day)
        if day is None:
            mention.warnings.append(f"{_describe(ref)} is not a real date")
            continue
        mention.resolved.append(day)
    if mention.until is not None and mention.resolved:
        until = mention.until
        end = _safe_date(until.year or year, until.month, until.day)
        if end is not None and end < mention.resolved[0]:
            end = _safe_date((until.year or year) + 1, until.month, until.day)
        mention.resolved_until = end
        if end is not None and until.weekday is not None and end.weekday() != until.weekday:
            mention.warnings.append(
                f"{_describe(until)}: {end:%-d %B %Y} is a {WEEKDAY_NAMES[end.weekday()]}"
            )
    return mention


def _resolve_relative(mention: DateMention, context: YearContext) -> DateMention:
    base = context.reference
    if base is None and mention.relative == "weekday":
        return mention  # a weekday alone says nothing without the day the text was written
    if base is None:
        mention.warnings.append(f"'{mention.text}' needs a reference date; none was given")
        return mention
    word = mention.relative
    if word in ("today", "tonight"):
        mention.resolved = [base]
    elif word == "tomorrow":
        mention.resolved = [base + timedelta(days=1)]
    elif word == "day after tomorrow":
        mention.resolved = [base + timedelta(days=2)]
    elif mention.relative_weekday is not None:
        ahead = (mention.relative_weekday - base.weekday()) % 7
        if word == "last":
            ahead = ahead - 7 if ahead else -7
        elif word == "next" and ahead == 0:
            ahead = 7
        first = base + timedelta(days=ahead)
        later = ((w - first.weekday()) % 7 for w in mention.more_weekdays)
        mention.resolved = [first, *sorted({first + timedelta(days=n) for n in later if n})]
    return mention


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _describe(ref: DayRef) -> str:
    weekday = f"{WEEKDAY_NAMES[ref.weekday]} " if ref.weekday is not None else ""
    month = date(2000, ref.month, 1).strftime("%B")
    return f"{weekday}{ref.day} {month}{f' {ref.year}' if ref.year else ''}"


def choose_year(ref: DayRef, context: YearContext) -> tuple[int | None, list[str]]:
    """The year for a day written without one, or the written year with a warning when its
    weekday disagrees."""
    if ref.year is not None:
        day = _safe_date(ref.year, ref.month, ref.day)
        if day and ref.weekday is not None and day.weekday() != ref.weekday:
            return ref.year, [
                f"{_describe(ref)}: {day:%-d %B %Y} is a {WEEKDAY_NAMES[day.weekday()]}"
            ]
        return ref.year, []
    if context.reference is not None:
        return _year_near_reference(ref, context.reference)
    if context.anchor_year is not None:
        return _year_from_evidence(ref, context)
    if context.fallback_year is None:
        return None, [f"No year given for {_describe(ref)}, and no reference date"]
    return _year_from_evidence(
        ref, replace(context, anchor_year=context.fallback_year), "the current year"
    )


def _year_near_reference(ref: DayRef, reference: date) -> tuple[int, list[str]]:
    if ref.weekday is not None:
        matching = [
            y
            for y in range(reference.year - 6, reference.year + 7)
            if (d := _safe_date(y, ref.month, ref.day)) and d.weekday() == ref.weekday
        ]
        if matching:

            def distance(y: int) -> int:
                day = date(y, ref.month, ref.day)
                return abs((day - reference).days) + (0 if day >= reference else 1)

            best = min(matching, key=distance)
            plain = _plain_year(ref, reference)
            day = _safe_date(plain, ref.month, ref.day)
            near = abs(best - reference.year) <= 1
            if near and best < plain and day is not None and day >= reference - timedelta(days=1):
                # 'Saturday, Sept. 1' in a page of 30 August that falls on a Sunday: a day
                # ahead with a wrong weekday is likelier than a day a year past
                return plain, [
                    f"{_describe(ref)}: {day:%-d %B %Y} is a {WEEKDAY_NAMES[day.weekday()]}"
                ]
            if near:
                return best, []
        plain, _ = _year_near_reference(DayRef(ref.month, ref.day), reference)
        return plain, [
            f"{_describe(ref)}: no year near {reference.year} has {ref.day} "
            f"{date(2000, ref.month, 1):%B} on a {WEEKDAY_NAMES[ref.weekday]}; assumed {plain}"
        ]
    return _plain_year(ref, reference), []


def _plain_year(ref: DayRef, reference: date) -> int:
    """The year of a day written without year or weekday: the reference's, or the next when
    the day is more than a month before the reference."""
    year = reference.year
    candidate = _safe_date(year, ref.month, ref.day) or date(year, ref.month, 28)
    if candidate < reference - timedelta(days=31):
        year += 1
    return year


def _year_from_evidence(
    ref: DayRef, context: YearContext, source: str = "the year the text names"
) -> tuple[int, list[str]]:
    anchor = context.anchor_year
    assert anchor is not None
    span = (
        range(anchor - 12, anchor + 1)
        if context.anchor_is_future
        else range(anchor - 12, anchor + 13)
    )
    if ref.weekday is not None:
        matching = [
            y
            for y in span
            if (d := _safe_date(y, ref.month, ref.day)) and d.weekday() == ref.weekday
        ]
        if matching:
            best = min(matching, key=lambda y: (abs(y - anchor), -y))
            return best, [
                f"No year given for {_describe(ref)}: {best} is the year nearest {anchor} "
                f"({source}) in which the weekday agrees"
            ]
        return anchor, [
            f"{_describe(ref)}: no year near {anchor} has that weekday; assumed {anchor}"
        ]
    return anchor, [f"No year given for {_describe(ref)}: assumed {anchor}, {source}"]


def is_calendar_word(word: str) -> bool:
    """'tuesday', 'sept', 'march': a word that names a weekday or a month and nothing else."""
    key = word.lower().rstrip(".")
    return key in WEEKDAYS or key in MONTHS or key in ("the", "of", "and", "on", "st", "nd", "th")
