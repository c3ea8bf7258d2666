"""A time zone typed by a person (the event form, the paste form, the API, the CLI), read in one
place: an IANA name is taken (in any letter case), and anything else is refused with the zone
the person most likely meant.

Abbreviations are refused even where the tz database has a file of that name: "EST" there is
a fixed UTC-5 (since 2024 a link to Panama), an hour off New York all summer, and "GMT" is
London only in winter. A city ("New York", "sydney", "São Paulo") is the last part of an IANA
name, so it is matched against those and suggested, not guessed silently: "Perth" is in
Australia and Scotland keeps London's clock, but only the person knows which they meant.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zoneinfo

from .domain import UnknownTimeZoneError, known_zone
from .lexicon.zones import ABBREVIATIONS

__all__ = ["pickable_zones", "read_zone", "zone_city"]

#: The tz database's regions: names under them are places; the rest are legacy aliases
#: ("GB", "Japan", "US/Eastern"), POSIX rules ("EST5EDT") or fixed offsets ("Etc/GMT+5").
AREAS = frozenset(
    "Africa America Antarctica Arctic Asia Atlantic Australia Europe Indian Pacific".split()
)
SUGGESTIONS_MAX = 5


@functools.cache
def pickable_zones() -> tuple[str, ...]:
    """The zones a picker offers: every place's zone, sorted, and UTC."""
    places = (name for name in zoneinfo.available_timezones() if name.split("/")[0] in AREAS)
    return (*sorted(places), "UTC")


def zone_city(name: str) -> str:
    """The place a zone is named after, as a person writes it: "America/Argentina/Buenos_Aires"
    is "Buenos Aires"."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def read_zone(text: str) -> str:
    """The IANA zone `text` names; UnknownTimeZoneError, suggesting one, when it names none."""
    typed = text.strip()
    exact = _by_folded_name().get(_fold(typed))
    if exact and not _is_abbreviation(typed):
        return exact
    raise UnknownTimeZoneError(_refusal(typed[:64]))


def _refusal(typed: str) -> str:
    abbreviation = _abbreviation_zone(typed)
    if abbreviation:
        return (
            f"Unknown time zone: {typed!r}: an abbreviation is one side of the year's clock "
            f"change; give the place's zone, such as {abbreviation}"
        )
    cities = _by_city().get(_fold(typed), ())
    if cities:
        return f"Unknown time zone: {typed!r}: did you mean {_either(cities)}?"
    return f"Unknown time zone: {typed!r}: give an IANA name such as Europe/London"


def _either(names: tuple[str, ...]) -> str:
    shown = names[:SUGGESTIONS_MAX]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _is_abbreviation(typed: str) -> bool:
    return typed.upper() != "UTC" and _abbreviation_zone(typed) is not None


def _abbreviation_zone(typed: str) -> str | None:
    """The usual zone of an abbreviation or POSIX rule ("EST", "pst", "EST5EDT"), or None."""
    letters = re.match(r"[A-Za-z]{2,6}", typed)
    if not letters or typed.upper() == "UTC" or "/" in typed:
        return None
    readings = ABBREVIATIONS.get(letters.group().upper())
    if readings and re.fullmatch(r"[-+\dA-Za-z]*", typed[letters.end() :]):
        return readings[0][0]
    return None


def _fold(text: str) -> str:
    """Case, accents, and spaces against underscores or hyphens do not matter."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_-]+", " ", plain).strip().casefold()


@functools.cache
def _by_folded_name() -> dict[str, str]:
    known = (name for name in zoneinfo.available_timezones() if known_zone(name))
    return {_fold(name): name for name in sorted(known)}


@functools.cache
def _by_city() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for name in pickable_zones():
        found.setdefault(_fold(zone_city(name)), []).append(name)
    return {city: tuple(names) for city, names in found.items()}
