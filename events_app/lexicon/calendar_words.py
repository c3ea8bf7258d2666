"""Calendar words in English, Spanish, French, German, Italian, Portuguese and Dutch.

Every table is keyed by a folded spelling (lower case, accents removed, no trailing dot), so
"Févr.", "fevr" and "février" are one look-up, and every accessor folds its argument the same
way. Months are 1-12 and weekdays 0-6 from Monday, as in `datetime`.

With no language named, the other languages' weekday abbreviations ("Sam" for samedi, "Mar"
for martes, "Do" for Donnerstag) and the month abbreviations that are English words ("ago",
"set", "gen", "out", "mag") are not read: they are English words or names first, and a text
saying "two weeks ago" has no August in it. Name the language ("es") to read them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

__all__ = [
    "CONNECTORS",
    "HOUR_WORDS",
    "LANGUAGES",
    "MERIDIEM",
    "MONTHS",
    "ORDINAL_SUFFIXES",
    "RELATIVE_DAYS",
    "WEEKDAYS",
    "connector_role",
    "fold",
    "guess_language",
    "is_hour_word",
    "meridiem",
    "month_names",
    "month_number",
    "ordinal_day",
    "relative_day",
    "weekday_names",
    "weekday_number",
]

LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl")


def fold(word: str) -> str:
    """The spelling tables are keyed by: lower case, no accents, no trailing dot, 'ß' as 'ss'."""
    word = word.strip().rstrip(".").lower().replace("ß", "ss").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _table(rows: dict[int, str]) -> dict[str, int]:
    """'1': 'january jan' -> {'january': 1, 'jan': 1}, folded."""
    return {fold(word): number for number, words in rows.items() for word in words.split()}


#: Month names and abbreviations by language, folded -> 1..12.
MONTHS: dict[str, dict[str, int]] = {
    "en": _table(
        {
            1: "january jan",
            2: "february feb febr",
            3: "march mar",
            4: "april apr",
            5: "may",
            6: "june jun",
            7: "july jul",
            8: "august aug",
            9: "september sep sept",
            10: "october oct",
            11: "november nov",
            12: "december dec",
        }
    ),
    "es": _table(
        {
            1: "enero ene",
            2: "febrero feb",
            3: "marzo mar",
            4: "abril abr",
            5: "mayo may",
            6: "junio jun",
            7: "julio jul",
            8: "agosto ago",
            9: "septiembre setiembre sep sept set",
            10: "octubre oct",
            11: "noviembre nov",
            12: "diciembre dic",
        }
    ),
    "fr": _table(
        {
            1: "janvier janv",
            2: "février févr fév",
            3: "mars",
            4: "avril avr",
            5: "mai",
            6: "juin",
            7: "juillet juil",
            8: "août",
            9: "septembre sept",
            10: "octobre oct",
            11: "novembre nov",
            12: "décembre déc",
        }
    ),
    "de": _table(
        {
            1: "januar jänner jan jän",
            2: "februar feber feb",
            3: "märz maerz mär mrz",
            4: "april apr",
            5: "mai",
            6: "juni jun",
            7: "juli jul",
            8: "august aug",
            9: "september sep sept",
            10: "oktober okt",
            11: "november nov",
            12: "dezember dez",
        }
    ),
    "it": _table(
        {
            1: "gennaio gen",
            2: "febbraio feb",
            3: "marzo mar",
            4: "aprile apr",
            5: "maggio mag",
            6: "giugno giu",
            7: "luglio lug",
            8: "agosto ago",
            9: "settembre set",
            10: "ottobre ott",
            11: "novembre nov",
            12: "dicembre dic",
        }
    ),
    "pt": _table(
        {
            1: "janeiro jan",
            2: "fevereiro fev",
            3: "março mar",
            4: "abril abr",
            5: "maio mai",
            6: "junho jun",
            7: "julho jul",
            8: "agosto ago",
            9: "setembro set",
            10: "outubro out",
            11: "novembro nov",
            12: "dezembro dez",
        }
    ),
    "nl": _table(
        {
            1: "januari jan",
            2: "februari feb",
            3: "maart mrt",
            4: "april apr",
            5: "mei",
            6: "juni jun",
            7: "juli jul",
            8: "augustus aug",
            9: "september sep sept",
            10: "oktober okt",
            11: "november nov",
            12: "december dec",
        }
    ),
}

#: Weekday names and abbreviations by language, folded -> 0 (Monday) .. 6 (Sunday).
WEEKDAYS: dict[str, dict[str, int]] = {
    "en": _table(
        {
            0: "monday mon",
            1: "tuesday tue tues",
            2: "wednesday wed weds",
            3: "thursday thu thur thurs",
            4: "friday fri",
            5: "saturday sat",
            6: "sunday sun",
        }
    ),
    "es": _table(
        {
            0: "lunes lun",
            1: "martes mar",
            2: "miércoles mié mier",
            3: "jueves jue",
            4: "viernes vie",
            5: "sábado sáb",
            6: "domingo dom",
        }
    ),
    "fr": _table(
        {
            0: "lundi lun",
            1: "mardi mar",
            2: "mercredi mer",
            3: "jeudi jeu",
            4: "vendredi ven",
            5: "samedi sam",
            6: "dimanche dim",
        }
    ),
    "de": _table(
        {
            0: "montag mo",
            1: "dienstag di",
            2: "mittwoch mi",
            3: "donnerstag do",
            4: "freitag fr",
            5: "samstag sonnabend sa",
            6: "sonntag so",
        }
    ),
    "it": _table(
        {
            0: "lunedì lun",
            1: "martedì mar",
            2: "mercoledì mer",
            3: "giovedì gio",
            4: "venerdì ven",
            5: "sabato sab",
            6: "domenica dom",
        }
    ),
    "pt": _table(
        {
            0: "segunda-feira segunda seg",
            1: "terça-feira terça ter",
            2: "quarta-feira quarta qua",
            3: "quinta-feira quinta qui",
            4: "sexta-feira sexta sex",
            5: "sábado sáb",
            6: "domingo dom",
        }
    ),
    "nl": _table(
        {
            0: "maandag ma",
            1: "dinsdag di",
            2: "woensdag wo",
            3: "donderdag do",
            4: "vrijdag vr",
            5: "zaterdag za",
            6: "zondag zo",
        }
    ),
}

#: German and Dutch two-letter weekdays are abbreviations only with their dot ("Sa." is
#: Saturday, "so" is a word).
_DOTTED_ONLY = frozenset({"mo", "di", "mi", "do", "fr", "sa", "so", "ma", "wo", "vr", "za", "zo"})

#: Words for days relative to the text's own date: folded phrase -> (days ahead, evening).
RELATIVE_DAYS: dict[str, dict[str, tuple[int, bool]]] = {
    "en": {
        "today": (0, False),
        "tonight": (0, True),
        "this evening": (0, True),
        "tomorrow": (1, False),
        "tomorrow night": (1, True),
        "tomorrow evening": (1, True),
        "yesterday": (-1, False),
    },
    "es": {
        "hoy": (0, False),
        "esta noche": (0, True),
        "esta tarde": (0, True),
        "manana": (1, False),
        "pasado manana": (2, False),
        "ayer": (-1, False),
    },
    "fr": {
        "aujourd'hui": (0, False),
        "ce soir": (0, True),
        "demain": (1, False),
        "demain soir": (1, True),
        "apres-demain": (2, False),
        "hier": (-1, False),
    },
    "de": {
        "heute": (0, False),
        "heute abend": (0, True),
        "morgen": (1, False),
        "morgen abend": (1, True),
        "ubermorgen": (2, False),
        "gestern": (-1, False),
    },
    "it": {"oggi": (0, False), "stasera": (0, True), "domani": (1, False), "ieri": (-1, False)},
    "pt": {
        "hoje": (0, False),
        "hoje a noite": (0, True),
        "amanha": (1, False),
        "ontem": (-1, False),
    },
    "nl": {
        "vandaag": (0, False),
        "vanavond": (0, True),
        "morgen": (1, False),
        "gisteren": (-1, False),
    },
}

#: What may follow a day number: "1st", "2nd", "1er", "1re", "2e", "1.", "1º", "1ª", "3de".
ORDINAL_SUFFIXES: dict[str, tuple[str, ...]] = {
    "en": ("st", "nd", "rd", "th"),
    "es": ("º", "ª", "°", "o", "a"),
    "fr": ("er", "re", "e", "ème", "eme"),
    "de": (".",),
    "it": ("º", "°"),
    "pt": ("º", "ª", "°"),
    "nl": ("e", "ste", "de"),
}
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th|º|ª|°|er|re|ème|eme|e|o|a|ste|de|\.)?$", re.I)
_ENGLISH_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

#: Connectors between dates and times, by role: 'from' opens a range, 'to' closes it, 'and'
#: joins a list. Folded; phrases keep their spaces.
CONNECTORS: dict[str, dict[str, str]] = {
    "en": {
        **dict.fromkeys(["from", "between"], "from"),
        **dict.fromkeys(["to", "until", "till", "til", "through", "thru", "-", "–", "—"], "to"),
        **dict.fromkeys(["and", "&", "or", "plus"], "and"),
    },
    "es": {
        **dict.fromkeys(["de", "desde", "del", "entre"], "from"),
        **dict.fromkeys(["a", "al", "hasta"], "to"),
        **dict.fromkeys(["y", "e", "o"], "and"),
    },
    "fr": {
        **dict.fromkeys(["de", "du", "des", "depuis", "entre"], "from"),
        **dict.fromkeys(["a", "au", "aux", "jusqu'a", "jusqu'au"], "to"),
        **dict.fromkeys(["et", "ou"], "and"),
    },
    "de": {
        **dict.fromkeys(["von", "vom", "ab", "zwischen"], "from"),
        **dict.fromkeys(["bis", "zum"], "to"),
        **dict.fromkeys(["und", "oder", "sowie"], "and"),
    },
    "it": {
        **dict.fromkeys(["da", "dal", "dalle", "tra", "fra"], "from"),
        **dict.fromkeys(["a", "al", "alle", "fino"], "to"),
        **dict.fromkeys(["e", "ed", "o"], "and"),
    },
    "pt": {
        **dict.fromkeys(["de", "do", "da", "desde", "entre"], "from"),
        **dict.fromkeys(["a", "ao", "ate"], "to"),
        **dict.fromkeys(["e", "ou"], "and"),
    },
    "nl": {
        **dict.fromkeys(["van", "vanaf", "tussen"], "from"),
        **dict.fromkeys(["tot", "t/m"], "to"),
        **dict.fromkeys(["en", "of"], "and"),
    },
}

#: Words that set a 12-hour clock to the morning or the afternoon, folded -> 'am' | 'pm'.
MERIDIEM: dict[str, str] = {
    **dict.fromkeys(["am", "a.m", "a m", "in the morning", "morning"], "am"),
    **dict.fromkeys(["pm", "p.m", "p m", "in the afternoon", "in the evening", "at night"], "pm"),
    **dict.fromkeys(["de la manana", "por la manana", "du matin", "morgens", "vormittags"], "am"),
    **dict.fromkeys(["de la tarde", "de la noche", "por la tarde", "du soir"], "pm"),
    **dict.fromkeys(["de l'apres-midi", "abends", "nachmittags", "di sera", "da tarde"], "pm"),
    **dict.fromkeys(["da noite", "'s avonds", "'s middags"], "pm"),
    **dict.fromkeys(["'s ochtends", "di mattina", "da manha"], "am"),
}

#: Words written after a 24-hour clock or an hour: "19h30", "19 Uhr", "1900 hrs", "20 horas".
HOUR_WORDS = frozenset(
    fold(w) for w in "h hr hrs hours o'clock uhr heures heure hs horas hora ore uur u".split()
)


def _full_names(table: dict[str, dict[str, int]]) -> dict[str, frozenset[str]]:
    """The whole words of each language's table: the longest spelling of each number, and any
    spelling of six letters or more ('setiembre', 'sonnabend', 'terça')."""
    found = {}
    for lang, words in table.items():
        longest: dict[int, str] = {}
        for word, number in words.items():
            if len(word) > len(longest.get(number, "")):
                longest[number] = word
        found[lang] = frozenset(longest.values()) | {w for w in words if len(w) >= 6}
    return found


_ENGLISH_WORD_MONTHS = frozenset({"ago", "set", "gen", "out", "mag"})
_FULL_MONTHS = {
    lang: frozenset(k for k in words if k not in _ENGLISH_WORD_MONTHS)
    for lang, words in MONTHS.items()
}
_FULL_WEEKDAYS = _full_names(WEEKDAYS)


def _look_up(
    key: str,
    table: dict[str, dict[str, int]],
    trusted: dict[str, frozenset[str]],
    languages: Iterable[str] | None,
) -> int | None:
    named = languages is not None
    for lang in languages if named else LANGUAGES:
        number = table.get(lang, {}).get(key)
        if number is not None and (named or lang == "en" or key in trusted[lang]):
            return number
    return None


def month_number(word: str, languages: Iterable[str] | None = None) -> int | None:
    """1-12 for a month name or abbreviation in any of `languages` (all when None), else None.

    'Févr.', 'sept', 'März', 'Maerz', 'agosto' all read; 'ago' only when Spanish, Italian or
    Portuguese is asked for."""
    return _look_up(fold(word), MONTHS, _FULL_MONTHS, languages)


def weekday_number(word: str, languages: Iterable[str] | None = None) -> int | None:
    """0 (Monday) - 6 for a weekday name or abbreviation in `languages` (all when None).

    Two-letter German and Dutch forms count only with their dot ('Sa.', 'Di.')."""
    key = fold(word)
    if key in _DOTTED_ONLY:
        if not word.strip().endswith("."):
            return None
        # With their dot the German and Dutch two-letter forms are unambiguous.
        languages = ("de", "nl") if languages is None else languages
    return _look_up(key, WEEKDAYS, _FULL_WEEKDAYS, languages)


def relative_day(phrase: str, languages: Iterable[str] | None = None) -> tuple[int, bool] | None:
    """(days after the text's date, whether it means the evening) for 'tonight', 'mañana',
    'demain soir', 'heute Abend' ...; None when the phrase is not one.

    'morgen' is tomorrow in German and Dutch alike; 'mañana' is read as tomorrow, not as
    'morning', because the time words ('de la mañana') are matched as whole phrases first."""
    key = " ".join(fold(phrase).split())
    for lang in LANGUAGES if languages is None else languages:
        found = RELATIVE_DAYS.get(lang, {}).get(key)
        if found is not None:
            return found
    return None


def ordinal_day(token: str) -> int | None:
    """The day of the month in '1st', '22nd', '1er', '3e', '1.', '1º', '2ª', '3de', '7': 1-31,
    else None. An English suffix must fit its number ('1th' and '2st' are not days)."""
    m = _ORDINAL.match(token.strip())
    if not m:
        return None
    day = int(m.group(1))
    if not 1 <= day <= 31:
        return None
    suffix = (m.group(2) or "").lower()
    if suffix in ("st", "nd", "rd", "th") and _ENGLISH_SUFFIX.get(day, "th") != suffix:
        return None
    return day


def connector_role(word: str, languages: Iterable[str] | None = None) -> str | None:
    """'from', 'to' or 'and' for a connector between dates or times ('until', 'hasta', 'bis',
    'jusqu'au', 'et', 'und'); None otherwise. The first of `languages` that knows it decides
    ('de' opens a range in Spanish and French)."""
    key = fold(word) if word.strip() not in ("-", "–", "—") else word.strip()
    for lang in LANGUAGES if languages is None else languages:
        role = CONNECTORS.get(lang, {}).get(key)
        if role is not None:
            return role
    return None


def meridiem(phrase: str) -> str | None:
    """'am' or 'pm' for 'p.m.', 'PM', 'de la tarde', 'du soir', 'abends' ...; else None."""
    key = " ".join(fold(phrase).replace(".", " .").replace(" .", ".").split()).rstrip(".")
    return MERIDIEM.get(key) or MERIDIEM.get(key.replace(".", "").replace(" ", ""))


def is_hour_word(word: str) -> bool:
    """Whether `word` marks a clock time ('h', 'Uhr', 'hrs', 'horas', "o'clock")."""
    return fold(word) in HOUR_WORDS


@cache
def month_names(languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """Every folded month spelling of `languages`, for building a tokenizer's patterns."""
    return frozenset(k for lang in languages for k in MONTHS.get(lang, {}))


@cache
def weekday_names(languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """Every folded weekday spelling of `languages`, for building a tokenizer's patterns."""
    return frozenset(k for lang in languages for k in WEEKDAYS.get(lang, {}))


_FUNCTION_WORDS = {
    "en": frozenset("the and of to with for on at is will this".split()),
    "es": frozenset("el la los las y del que con para por en se una".split()),
    "fr": frozenset("le la les et des du que avec pour sur une est aux".split()),
    "de": frozenset("der die das und mit für von zu ist im den eine auf".split()),
    "it": frozenset("il lo gli e della che con per nel una sono alle".split()),
    "pt": frozenset("o os e do da que com para em uma no na".split()),
    "nl": frozenset("de het een en van met voor op is zijn niet".split()),
}
_WORDS = re.compile(r"[^\W\d_]+")


def guess_language(text: str, limit: int = 5000) -> str:
    """The language of `text` among `LANGUAGES`, from its commonest function words (the first
    `limit` characters are enough); 'en' when nothing stands out."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in _WORDS.findall(text[:limit].lower()):
        for lang, words in _FUNCTION_WORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] > counts["en"] else "en"
