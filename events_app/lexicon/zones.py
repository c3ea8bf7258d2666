"""Where an announcement is set, as IANA time zones: the words that say so and how sure they are.

Three layers, from facts to a decision:

* tables: zone abbreviations ("EDT", "AEST", "IST") with every zone each may mean, written
  forms ("Eastern time", "UK time"), states, provinces, counties and countries, and (in
  `places.json`, built from GeoNames by `build_places.py`) the cities of the English-speaking
  world and a few others;
* `zone_mentions(text)`: every place in the text that carries a zone, with its span, its kind
  and a strength in 0..1, in one pass (time linear in the text);
* `pick_zone(mentions)`: the text's zone. An abbreviation fixes the clock ("ET" is UTC-5/-4),
  and a place whose zone keeps that clock refines it (ET plus Michigan is America/Detroit, MST
  plus Phoenix is America/Phoenix, IST plus Cork is Europe/Dublin rather than India). Without
  an abbreviation, places vote with their strengths; an ambiguous name ("Perth", "Birmingham",
  "London") takes the reading of the country the text's other places point to.

Names that are also common words or given names ("Reading", "Mobile", "Bath", "Victoria",
"Austin") count only in an address ("Reading, Berkshire", "Mobile, AL") or beside a locative
word ("in Reading", "near Bath"), and then weakly: "reading a book in the bath" names no town,
and "Victoria" alone may be a person, a London station, a Canadian city or an Australian state.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

__all__ = [
    "ABBREVIATIONS",
    "WRITTEN_ZONES",
    "ZoneMention",
    "ZonePair",
    "ZonedClock",
    "abbreviation_zones",
    "pick_zone",
    "text_zone",
    "zone_mentions",
    "zone_pairs",
]

# --- abbreviations ---------------------------------------------------------------------------

#: Abbreviation -> the zones it may mean, the usual reading first. Each zone is listed with the
#: UTC offsets (minutes) the abbreviation names in it, which is how a place in the text decides
#: between readings (IST is +5:30 in India and +1:00 in Ireland's summer).
ABBREVIATIONS: dict[str, tuple[tuple[str, frozenset[int]], ...]] = {}


def _abbr(names: str, *readings: tuple[str, tuple[int, ...]]) -> None:
    for name in names.split():
        ABBREVIATIONS[name] = tuple((zone, frozenset(offs)) for zone, offs in readings)


_NA_EAST = (
    "America/New_York",
    "America/Detroit",
    "America/Toronto",
    "America/Indiana/Indianapolis",
)
_abbr("ET", *((z, (-300, -240)) for z in _NA_EAST))
_abbr("EST", *((z, (-300,)) for z in _NA_EAST))
_abbr("EDT", *((z, (-240,)) for z in _NA_EAST))
_NA_CENTRAL = ("America/Chicago", "America/Winnipeg", "America/Mexico_City")
_abbr("CT", *((z, (-360, -300)) for z in _NA_CENTRAL))
_abbr("CST", *((z, (-360,)) for z in _NA_CENTRAL), ("Asia/Shanghai", (480,)))
_abbr("CDT", *((z, (-300,)) for z in _NA_CENTRAL))
_NA_MOUNTAIN = ("America/Denver", "America/Phoenix", "America/Edmonton", "America/Boise")
_abbr("MT", *((z, (-420, -360)) for z in _NA_MOUNTAIN))
_abbr("MST", *((z, (-420,)) for z in _NA_MOUNTAIN))
_abbr("MDT", *((z, (-360,)) for z in _NA_MOUNTAIN if z != "America/Phoenix"))
_NA_PACIFIC = ("America/Los_Angeles", "America/Vancouver")
_abbr("PT", *((z, (-480, -420)) for z in _NA_PACIFIC))
_abbr("PST", *((z, (-480,)) for z in _NA_PACIFIC))
_abbr("PDT", *((z, (-420,)) for z in _NA_PACIFIC))
_abbr("AKST", ("America/Anchorage", (-540,)))
_abbr("AKDT", ("America/Anchorage", (-480,)))
_abbr("AKT", ("America/Anchorage", (-540, -480)))
_abbr("HST HT", ("Pacific/Honolulu", (-600,)))
_abbr("AT", ("America/Halifax", (-240, -180)))
_abbr("AST", ("America/Halifax", (-240,)), ("Asia/Riyadh", (180,)))
_abbr("ADT", ("America/Halifax", (-180,)))
_abbr("NT", ("America/St_Johns", (-210, -150)))
_abbr("NST", ("America/St_Johns", (-210,)))
_abbr("NDT", ("America/St_Johns", (-150,)))
_abbr("GMT UTC", ("Europe/London", (0,)), ("Europe/Dublin", (0,)), ("Europe/Lisbon", (0,)))
_abbr("BST", ("Europe/London", (60,)))
_abbr("IST", ("Asia/Kolkata", (330,)), ("Europe/Dublin", (60,)))
_abbr("WET", ("Europe/Lisbon", (0,)))
_abbr("WEST", ("Europe/Lisbon", (60,)))
_CET = ("Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam")
_abbr("CET MEZ", *((z, (60,)) for z in _CET))
_abbr("CEST MESZ", *((z, (120,)) for z in _CET))
_abbr("EET", ("Europe/Athens", (120,)), ("Europe/Helsinki", (120,)))
_abbr("EEST", ("Europe/Athens", (180,)), ("Europe/Helsinki", (180,)))
_abbr("MSK", ("Europe/Moscow", (180,)))
_abbr("SAST", ("Africa/Johannesburg", (120,)))
_abbr("CAT", ("Africa/Maputo", (120,)))
_abbr("EAT", ("Africa/Nairobi", (180,)))
_abbr("WAT", ("Africa/Lagos", (60,)))
_abbr("PKT", ("Asia/Karachi", (300,)))
_abbr("NPT", ("Asia/Kathmandu", (345,)))
_abbr("SGT", ("Asia/Singapore", (480,)))
_abbr("HKT", ("Asia/Hong_Kong", (480,)))
_abbr("JST", ("Asia/Tokyo", (540,)))
_abbr("KST", ("Asia/Seoul", (540,)))
_AU_EAST = ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Hobart")
_abbr("AEST", *((z, (600,)) for z in _AU_EAST))
_abbr("AEDT", *((z, (660,)) for z in _AU_EAST if z != "Australia/Brisbane"))
_abbr("AET", *((z, (600, 660)) for z in _AU_EAST))
_abbr("ACST", ("Australia/Adelaide", (570,)), ("Australia/Darwin", (570,)))
_abbr("ACDT", ("Australia/Adelaide", (630,)), ("Australia/Broken_Hill", (630,)))
_abbr("AWST", ("Australia/Perth", (480,)))
_abbr("ACWST", ("Australia/Eucla", (525,)))
_abbr("LHST", ("Australia/Lord_Howe", (630,)))
_abbr("LHDT", ("Australia/Lord_Howe", (660,)))
_abbr("NZST", ("Pacific/Auckland", (720,)))
_abbr("NZDT", ("Pacific/Auckland", (780,)))
_abbr("NZT", ("Pacific/Auckland", (720, 780)))
_abbr("CHAST", ("Pacific/Chatham", (765,)))

#: Short or word-like abbreviations that count only right after a clock time ("7pm ET",
#: "19:00 CAT") or in brackets ("(ET)"): alone they are words, states or territories.
_AFTER_TIME_ONLY = frozenset("ET CT MT PT AT NT HT AKT CAT EAT WAT AET NZT WET WEST".split())


def abbreviation_zones(abbreviation: str) -> tuple[str, ...]:
    """Every zone an abbreviation may mean, the usual one first; () for an unknown one."""
    return tuple(zone for zone, _ in ABBREVIATIONS.get(abbreviation.upper(), ()))


# --- written forms ---------------------------------------------------------------------------

#: "Eastern time", "British Summer Time" ...: the words before "time", lower case, mapped like
#: an abbreviation. "<place> time" ("New York time", "Sydney time") is read from the places.
WRITTEN_ZONES: dict[str, str] = {
    "eastern": "ET",
    "eastern standard": "EST",
    "eastern daylight": "EDT",
    "central": "CT",
    "central standard": "CST",
    "central daylight": "CDT",
    "mountain": "MT",
    "mountain standard": "MST",
    "mountain daylight": "MDT",
    "pacific": "PT",
    "pacific standard": "PST",
    "pacific daylight": "PDT",
    "alaska": "AKT",
    "hawaii": "HST",
    "atlantic": "AT",
    "newfoundland": "NT",
    "greenwich mean": "GMT",
    "british summer": "BST",
    "british": "GMT",
    "uk": "GMT",
    "irish": "IST",
    "irish standard": "IST",
    "india": "IST",
    "indian": "IST",
    "indian standard": "IST",
    "central european": "CET",
    "central european summer": "CEST",
    "south african": "SAST",
    "australian eastern": "AET",
    "australian eastern standard": "AEST",
    "australian eastern daylight": "AEDT",
    "australian central": "ACST",
    "australian western": "AWST",
    "new zealand": "NZT",
    "singapore": "SGT",
    "japan": "JST",
}

# --- places not in places.json: states, provinces, counties, countries -----------------------

_US_STATES = {
    # name: (postal code, zone of most of its people)
    "Alabama": ("AL", "America/Chicago"),
    "Alaska": ("AK", "America/Anchorage"),
    "Arizona": ("AZ", "America/Phoenix"),
    "Arkansas": ("AR", "America/Chicago"),
    "California": ("CA", "America/Los_Angeles"),
    "Colorado": ("CO", "America/Denver"),
    "Connecticut": ("CT", "America/New_York"),
    "Delaware": ("DE", "America/New_York"),
    "District of Columbia": ("DC", "America/New_York"),
    "Florida": ("FL", "America/New_York"),
    "Georgia": ("GA", "America/New_York"),
    "Hawaii": ("HI", "Pacific/Honolulu"),
    "Idaho": ("ID", "America/Boise"),
    "Illinois": ("IL", "America/Chicago"),
    "Indiana": ("IN", "America/Indiana/Indianapolis"),
    "Iowa": ("IA", "America/Chicago"),
    "Kansas": ("KS", "America/Chicago"),
    "Kentucky": ("KY", "America/Kentucky/Louisville"),
    "Louisiana": ("LA", "America/Chicago"),
    "Maine": ("ME", "America/New_York"),
    "Maryland": ("MD", "America/New_York"),
    "Massachusetts": ("MA", "America/New_York"),
    "Michigan": ("MI", "America/Detroit"),
    "Minnesota": ("MN", "America/Chicago"),
    "Mississippi": ("MS", "America/Chicago"),
    "Missouri": ("MO", "America/Chicago"),
    "Montana": ("MT", "America/Denver"),
    "Nebraska": ("NE", "America/Chicago"),
    "Nevada": ("NV", "America/Los_Angeles"),
    "New Hampshire": ("NH", "America/New_York"),
    "New Jersey": ("NJ", "America/New_York"),
    "New Mexico": ("NM", "America/Denver"),
    "New York": ("NY", "America/New_York"),
    "North Carolina": ("NC", "America/New_York"),
    "North Dakota": ("ND", "America/Chicago"),
    "Ohio": ("OH", "America/New_York"),
    "Oklahoma": ("OK", "America/Chicago"),
    "Oregon": ("OR", "America/Los_Angeles"),
    "Pennsylvania": ("PA", "America/New_York"),
    "Rhode Island": ("RI", "America/New_York"),
    "South Carolina": ("SC", "America/New_York"),
    "South Dakota": ("SD", "America/Chicago"),
    "Tennessee": ("TN", "America/Chicago"),
    "Texas": ("TX", "America/Chicago"),
    "Utah": ("UT", "America/Denver"),
    "Vermont": ("VT", "America/New_York"),
    "Virginia": ("VA", "America/New_York"),
    "Washington": ("WA", "America/Los_Angeles"),
    "West Virginia": ("WV", "America/New_York"),
    "Wisconsin": ("WI", "America/Chicago"),
    "Wyoming": ("WY", "America/Denver"),
    "Puerto Rico": ("PR", "America/Puerto_Rico"),
}
#: The state abbreviations of American newspaper style ("Gulf Shores, Ala.", "Rome, Ga."): read
#: after a comma and a capitalised place, as the postal codes are.
_US_STATE_STYLE = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
    "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip
_CA_PROVINCES = {
    "Alberta": ("AB", "America/Edmonton"),
    "British Columbia": ("BC", "America/Vancouver"),
    "Manitoba": ("MB", "America/Winnipeg"),
    "New Brunswick": ("NB", "America/Moncton"),
    "Newfoundland and Labrador": ("NL", "America/St_Johns"),
    "Newfoundland": ("NL", "America/St_Johns"),
    "Nova Scotia": ("NS", "America/Halifax"),
    "Ontario": ("ON", "America/Toronto"),
    "Prince Edward Island": ("PE", "America/Halifax"),
    "Quebec": ("QC", "America/Toronto"),
    "Québec": ("QC", "America/Toronto"),
    "Saskatchewan": ("SK", "America/Regina"),
    "Northwest Territories": ("NT", "America/Yellowknife"),
    "Nunavut": ("NU", "America/Iqaluit"),
    "Yukon": ("YT", "America/Whitehorse"),
}
_AU_STATES = {
    "New South Wales": ("NSW", "Australia/Sydney"),
    "Victoria": ("VIC", "Australia/Melbourne"),
    "Queensland": ("QLD", "Australia/Brisbane"),
    "South Australia": ("SA", "Australia/Adelaide"),
    "Western Australia": ("WA", "Australia/Perth"),
    "Tasmania": ("TAS", "Australia/Hobart"),
    "Northern Territory": ("NT", "Australia/Darwin"),
    "Australian Capital Territory": ("ACT", "Australia/Sydney"),
    "Lord Howe Island": ("", "Australia/Lord_Howe"),
    "Broken Hill": ("", "Australia/Broken_Hill"),
}
_IN_STATES = (
    "Andhra Pradesh|Arunachal Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana|Himachal Pradesh"
    "|Jharkhand|Karnataka|Kerala|Madhya Pradesh|Maharashtra|Manipur|Meghalaya|Mizoram|Nagaland"
    "|Odisha|Punjab|Rajasthan|Sikkim|Tamil Nadu|Telangana|Tripura|Uttar Pradesh|Uttarakhand"
    "|West Bengal|Jammu and Kashmir|Ladakh|Puducherry|New Delhi|Bangalore|Bombay|Calcutta|Madras"
    "|Gurgaon|Mysore|Noida|Trivandrum|Cochin|Poona|Pondicherry"
).split("|")
_ZA_PROVINCES = (
    "Gauteng|Western Cape|Eastern Cape|Northern Cape|KwaZulu-Natal|Free State|Limpopo|Mpumalanga"
    "|Port Elizabeth|Stellenbosch|Soweto"
).split("|")
_IE_COUNTIES = (
    "Carlow|Cavan|Clare|Cork|Donegal|Dublin|Galway|Kerry|Kildare|Kilkenny|Laois|Leitrim|Limerick"
    "|Longford|Louth|Mayo|Meath|Monaghan|Offaly|Roscommon|Sligo|Tipperary|Waterford|Westmeath"
    "|Wexford|Wicklow"
).split("|")
_UK_REGIONS = (
    "England|Scotland|Wales|Northern Ireland|United Kingdom|Great Britain|Britain|Cornwall|Devon"
    "|Dorset|Somerset|Wiltshire|Hampshire|Berkshire|Oxfordshire|Buckinghamshire|Hertfordshire"
    "|Bedfordshire|Cambridgeshire|Northamptonshire|Leicestershire|Nottinghamshire|Derbyshire"
    "|Staffordshire|Warwickshire|Worcestershire|Gloucestershire|Herefordshire|Shropshire"
    "|Cheshire|Lancashire|Yorkshire|North Yorkshire|West Yorkshire|South Yorkshire"
    "|East Yorkshire|Lincolnshire|Norfolk|Suffolk|Essex|Sussex|East Sussex|West Sussex"
    "|Cumbria|Northumberland|Tyne and Wear|Merseyside|Greater Manchester|West Midlands"
    "|Isle of Wight|Gwynedd|Powys|Ceredigion|Pembrokeshire|Carmarthenshire|Anglesey|Fife"
    "|Highlands|Lothian|Ayrshire|Lanarkshire|Aberdeenshire|Antrim|Armagh|Fermanagh"
).split("|")
_NZ_REGIONS = (
    "New Zealand|Aotearoa|Northland|Waikato|Bay of Plenty|Hawke's Bay|Hawkes Bay|Taranaki"
    "|Manawatu|Marlborough|Otago|Southland|West Coast|Queenstown|Wanaka"
).split("|")
_COUNTRIES = {
    # Countries of one zone (or one that nearly all of its people keep), and their capitals
    # where GeoNames' floor left them out.
    "Ireland": "Europe/Dublin",
    "Éire": "Europe/Dublin",
    "India": "Asia/Kolkata",
    "South Africa": "Africa/Johannesburg",
    "Singapore": "Asia/Singapore",
    "Hong Kong": "Asia/Hong_Kong",
    "Japan": "Asia/Tokyo",
    "Spain": "Europe/Madrid",
    "España": "Europe/Madrid",
    "Germany": "Europe/Berlin",
    "Deutschland": "Europe/Berlin",
    "France": "Europe/Paris",
    "Italy": "Europe/Rome",
    "Italia": "Europe/Rome",
    "Netherlands": "Europe/Amsterdam",
    "Belgium": "Europe/Brussels",
    "Portugal": "Europe/Lisbon",
    "Austria": "Europe/Vienna",
    "Österreich": "Europe/Vienna",
    "Switzerland": "Europe/Zurich",
    "Mexico": "America/Mexico_City",
    "México": "America/Mexico_City",
    "Brussels": "Europe/Brussels",
    "Vienna": "Europe/Vienna",
    "Wien": "Europe/Vienna",
    "Zurich": "Europe/Zurich",
    "Geneva": "Europe/Zurich",
    "Lisbon": "Europe/Lisbon",
    "Rome": "Europe/Rome",
    "Milan": "Europe/Rome",
    "Cologne": "Europe/Berlin",
    "Frankfurt": "Europe/Berlin",
    "Seville": "Europe/Madrid",
}
_ALIASES = {
    # Other spellings of cities in places.json: alias -> the GeoNames name.
    "New York City": "New York City",
    "NYC": "New York City",
    "Washington DC": "Washington",
    "Washington D.C": "Washington",
    "St Louis": "St. Louis",
    "Saint Louis": "St. Louis",
    "St Paul": "Saint Paul",
    "St Petersburg": "St. Petersburg",
    "Quebec City": "Quebec",
    "Montreal": "Montreal",
    "Newcastle upon Tyne": "Newcastle upon Tyne",
}

#: Names that are also common words, given names or surnames: they count only in an address
#: or after a locative word, and weakly ("Jackson said", "Mobile phones", "Reading Group").
WORD_LIKE = frozenset(
    "Mobile Reading Bath Independence Enterprise Surprise Paradise Vista Tyler Warren Jackson "
    "Madison Eugene Norman Elizabeth Henderson Lincoln Kent Jamaica Charlotte Austin Orange "
    "Victoria Columbia Chinatown Koreatown Queens Brandon Hampton Richardson Lafayette Cleveland "
    "Montgomery Everett Concord Midland Reservoir Springs George Alexandra Douglas Massey Stoke "
    "Athens Odessa Alexandria Sale Bury Barry Sutton Leigh Hayes Grays Welling Morley Buckley "
    "Milton Newton Delta Confederation Surrey Langley Whitby Kingston Windsor Burlington Aurora "
    "Ajax Regina Laval Guadalupe Salem Loni Kota Erode Teni Palma Essen Rugby Dover Chatham "
    "Preston Hamilton Darwin Nelson Gladstone Maitland Hastings Ashburton Napier Epsom Rolleston "
    "Harrow Brent Carlisle Chester Derby Durham Lancaster Stafford Bedford Ashford Bangor "
    "Berwick Orleans Hull Verdun Woburn Whalley Newmarket Fleetwood Cloverdale Caledon Rohini "
    "Marienthal Altona Centurion Springfield Phoenix Mesa Reno Gilbert Irving Garland Frisco "
    "Cary Lowell Davie Murrieta Clovis Pueblo Vallejo Glendale Lakewood Fairfield Arlington "
    "Richmond Washington Georgia Virginia Carolina Indiana Clare Kerry Mayo Down Meath Louth "
    "Limerick Highlands Essex Norfolk Suffolk Devon Cornwall Dorset Somerset Sussex West Coast "
    "Marlborough Southland Northland Punjab Goa Assam Ontario Alberta Manitoba Nunavut Yukon "
    "Columbus Lexington Wilmington Hollywood Manhattan Harlem Brooklyn Astoria Boulder Billings "
    "Tempe Provo Wichita Omaha Plano Irvine Norwalk Edison Elgin Joliet Pearland Temecula Downey "
    "Pomona Hayward Renton Gresham Moncton Dartmouth Orange Perth Cambridge Oxford Boston "
    "Bristol Riverside Lakeside Bayside Seaside Parkside Hillside Fairview Midtown Downtown "
    "Uptown".split()
)

#: Of those, the ones that are places first (a capitalised "Boston" or "Perth" is a town): they
#: keep a place's strength but stay ambiguous between their countries.
_PLACE_FIRST = frozenset(
    "Perth Cambridge Oxford Boston Bristol Richmond Arlington Glendale Columbus Lexington "
    "Wilmington Hollywood Manhattan Harlem Brooklyn Boulder Tempe Provo Wichita Omaha Plano "
    "Irvine Moncton Dartmouth Phoenix Reno Ontario Alberta Manitoba Nunavut Yukon Punjab Goa "
    "Assam Essex Norfolk Suffolk Devon Cornwall Dorset Somerset Sussex Georgia Indiana Carolina "
    "Durham Lancaster Chester Derby Carlisle Hastings Napier Darwin Springfield".split()
)

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|around|across|outside|from|to|of|visit|visiting|downtown|central|"
    r"greater|north|south|east|west|en|à|a|de|del|in der|bei)\s+)$",
    re.IGNORECASE,
)

# --- mentions --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZoneMention:
    """Words in a text that tie it to a zone. `alternatives` are the other zones the same words
    may mean ("Perth": Australia/Perth, Europe/London), for `pick_zone` to decide."""

    start: int
    end: int
    zone: str
    kind: str  # 'abbreviation' | 'written' | 'state' | 'city' | 'postcode' | 'country' | 'currency'
    strength: float
    alternatives: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Place:
    zone: str
    country: str
    kind: str
    population: int = 0


def _key(name: str) -> str:
    """One spelling for lookups: no dots, 'Saint' as 'St', single spaces, apostrophes plain."""
    name = name.replace("’", "'").replace(".", "")
    if "Saint" in name:
        name = _SAINT.sub("St", name)
    return " ".join(name.split())


_SAINT = re.compile(r"\bSaint\b")
_TIME_AFTER = re.compile(r" [Tt]ime\b")


@cache
def _places() -> dict[str, tuple[_Place, ...]]:
    """Every named place, by `_key` spelling, the most populous reading first."""
    found: dict[str, list[_Place]] = defaultdict(list)
    rows = json.loads(Path(__file__).with_name("places.json").read_text(encoding="utf-8"))
    by_name: dict[str, list[_Place]] = defaultdict(list)
    for name, country, _admin1, zone, population in rows:
        by_name[name].append(_Place(zone, country, "city", population))
    for name, places in by_name.items():
        found[_key(name)].extend(places)
    for alias, name in _ALIASES.items():
        found[_key(alias)].extend(by_name.get(name, ()))
    for table, country in ((_US_STATES, "US"), (_CA_PROVINCES, "CA"), (_AU_STATES, "AU")):
        for name, (_code, zone) in table.items():
            found[_key(name)].append(_Place(zone, country, "state", 5_000_000))
    for names, zone, country in (
        (_IN_STATES, "Asia/Kolkata", "IN"),
        (_ZA_PROVINCES, "Africa/Johannesburg", "ZA"),
        (_IE_COUNTIES, "Europe/Dublin", "IE"),
        (_UK_REGIONS, "Europe/London", "GB"),
        (_NZ_REGIONS, "Pacific/Auckland", "NZ"),
    ):
        for name in names:
            found[_key(name)].append(_Place(zone, country, "state", 1_000_000))
    for name, zone in _COUNTRIES.items():
        found[_key(name)].append(_Place(zone, _zone_country().get(zone, ""), "country", 2_000_000))
    found[_key("Chatham Islands")].append(_Place("Pacific/Chatham", "NZ", "state", 1_000_000))
    result = {}
    for key, places in found.items():
        unique: dict[tuple[str, str], _Place] = {}
        for place in sorted(places, key=lambda p: -p.population):
            unique.setdefault((place.zone, place.country), place)
        result[key] = tuple(unique.values())
    return result


def is_place_name(name: str) -> bool:
    """Whether the words are the whole name of a town, state or country the tables know
    ('Ann Arbor', 'New South Wales'): for readers of other things, such as people's names."""
    return _key(name) in _places()


@cache
def _zone_country() -> dict[str, str]:
    """The country of each zone the tables name, for votes between ambiguous readings."""
    rows = json.loads(Path(__file__).with_name("places.json").read_text(encoding="utf-8"))
    countries = {zone: country for _n, country, _a, zone, _p in rows}
    countries.update(
        {
            "Europe/Dublin": "IE",
            "Europe/London": "GB",
            "Asia/Kolkata": "IN",
            "Africa/Johannesburg": "ZA",
            "Asia/Singapore": "SG",
            "Asia/Hong_Kong": "HK",
            "Pacific/Auckland": "NZ",
            "Pacific/Chatham": "NZ",
        }
    )
    for table, country in ((_US_STATES, "US"), (_CA_PROVINCES, "CA"), (_AU_STATES, "AU")):
        for _code, zone in table.values():
            countries.setdefault(zone, country)
    return countries


_UPPER = "A-ZÀ-ÖØ-Þ"
#: Capitalised words that may stand before a place name without making it part of another name.
_NAME_PREFIXES = frozenset(
    "North South East West Central Downtown Metro Greater Inner Outer Upper Lower Old Uptown "
    "City Northern Southern Eastern Western Midtown In At Near From Visit The of in de".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CAPITALISED_RUN = re.compile(
    rf"[{_UPPER}][\w'’.-]*(?:[ -](?:[{_UPPER}][\w'’.-]*|of|upon|on|under|in|de|la|del|am|and"
    rf"|the|du|des|le|los|las|sur|en|y))*"
)
_CLOCK_BEFORE = re.compile(r"(?:\d|[ap]\.?\s?m\.?|\bh|noon|midnight)\s*[(/]?\s*$", re.IGNORECASE)
_CAPS = re.compile(r"\b[A-Z]{2,5}\b")
_TIME_WORD = re.compile(r"\b[Tt]ime\b")
_WORDS_BEFORE = re.compile(r"((?:[A-Za-z']+\s+){1,3})$")
_UK_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
    "E EC EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS "
    "LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO "
    "SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_UK_AREA_SET = frozenset(_UK_AREAS)
_UK_POSTCODE = re.compile(r"\b([A-Z]{1,2})\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b")
_EIRCODE = re.compile(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4}\b")
_DUBLIN_DISTRICT = re.compile(r"\bDublin\s+(?:[1-9]|1\d|2[0-4]|6W)\b")
_CA_POSTCODE = re.compile(r"\b([ABCEGHJ-NPRSTVXY])\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b")
_CA_POSTCODE_ZONES = {
    "A": "America/St_Johns",
    "B": "America/Halifax",
    "C": "America/Halifax",
    "E": "America/Moncton",
    "R": "America/Winnipeg",
    "S": "America/Regina",
    "T": "America/Edmonton",
    "V": "America/Vancouver",
    "X": "America/Yellowknife",
    "Y": "America/Whitehorse",
}  # G H J (Quebec), K L M N P (Ontario): America/Toronto

_REGION_CODES: dict[str, list[tuple[str, str]]] = defaultdict(list)
for _table, _country in ((_US_STATES, "US"), (_CA_PROVINCES, "CA"), (_AU_STATES, "AU")):
    for _code, _zone in _table.values():
        if _code and (_zone, _country) not in _REGION_CODES[_code]:
            _REGION_CODES[_code].append((_zone, _country))
_REGION_CODES["DC"] = [("America/New_York", "US")]
#: Codes that are also words or post-nominals ("Jane Roe, MD"; "Smith, PA"): only with a postcode
#: after them or a known city before them.
_CODES_NEEDING_PROOF = frozenset("MD DO PA ME IN OR OK HI DE AS SA WA NT ACT MA CO".split())
_REGION_CODES["D.C"] = _REGION_CODES["DC"]
_REGION_CODES["B.C"] = _REGION_CODES["BC"]
_CODE = re.compile(r"\b(?:[A-Z]{2,3}|[DB]\.C)\b")
_ADDRESS_CODE = re.compile(
    r"(?P<place>\b[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})(?P<sep>,\s*|\s+)"
    r"(?P<code>[A-Z]{2,3}|[DB]\.C)\.?"
    r"(?:\s+(?P<zip>\d{5}(?:-\d{4})?|\d{4}(?!\d)))?(?![\w-])"
)
_PLACE_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]*[ -]){0,3}[A-Z][\w'’.-]*(?:,\s*|\s+)$")


def zone_mentions(text: str) -> list[ZoneMention]:
    """Every zone-bearing mention in `text`, in text order, overlapping ones resolved to the most
    specific (a ZIP or postcode over its state, a state code over a word it spells)."""
    found = [
        *_abbreviation_mentions(text),
        *_written_mentions(text),
        *_postcode_mentions(text),
        *_address_mentions(text),
        *_state_style_mentions(text),
        *_dateline_mentions(text),
        *_currency_mentions(text),
    ]
    taken = sorted((m.start, m.end) for m in found)
    found.extend(m for m in _place_mentions(text) if not _overlaps(m, taken))
    return sorted(found, key=lambda m: (m.start, -m.end))


def _overlaps(mention: ZoneMention, taken: list[tuple[int, int]]) -> bool:
    """Whether `mention` overlaps a span of `taken` (sorted by start; spans are short)."""
    i = bisect_left(taken, (mention.end, -1))
    return any(e > mention.start for _, e in taken[max(0, i - 8) : i])


def _abbreviation_mentions(text: str):
    for m in _CAPS.finditer(text):
        name = m.group()
        if name not in ABBREVIATIONS:
            continue
        after_time = bool(_CLOCK_BEFORE.search(text, max(0, m.start() - 12), m.start()))
        bracketed = text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")"
        if name in _AFTER_TIME_ONLY and not (after_time or bracketed):
            continue
        if name in _AFTER_TIME_ONLY and _shouting(text, m.end()):
            continue
        zones = abbreviation_zones(name)
        strength = 0.95 if after_time or bracketed else 0.75
        yield ZoneMention(m.start(), m.end(), zones[0], "abbreviation", strength, zones[1:])


def _shouting(text: str, end: int) -> bool:
    """'7PM AT THE HALL': a capitalised word after the abbreviation means the text is in
    capitals, and 'AT' is a word."""
    nxt = re.match(r"\s+([A-Za-z]{2,})", text[end : end + 20])
    return bool(nxt and nxt.group(1).isupper())


def _written_mentions(text: str):
    """'Eastern time', 'British Summer Time': the longest known phrase before 'time'."""
    for m in _TIME_WORD.finditer(text):
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if not before:
            continue
        words = before.group(1).split()
        for k in range(len(words)):
            phrase = " ".join(words[k:]).lower()
            if phrase in WRITTEN_ZONES:
                start = m.start() - len(before.group(1)) + before.group(1).index(words[k])
                zones = abbreviation_zones(WRITTEN_ZONES[phrase])
                yield ZoneMention(start, m.end(), zones[0], "written", 0.9, zones[1:])
                break


def _postcode_mentions(text: str):
    uk_starts = set()
    for m in _UK_POSTCODE.finditer(text):
        if m.group(1) in _UK_AREA_SET:
            uk_starts.add(m.start())
            yield ZoneMention(m.start(), m.end(), "Europe/London", "postcode", 0.9)
    for m in _EIRCODE.finditer(text):
        if m.start() not in uk_starts:
            yield ZoneMention(m.start(), m.end(), "Europe/Dublin", "postcode", 0.85)
    for m in _DUBLIN_DISTRICT.finditer(text):
        yield ZoneMention(m.start(), m.end(), "Europe/Dublin", "postcode", 0.9)
    for m in _CA_POSTCODE.finditer(text):
        if m.start() not in uk_starts:
            zone = _CA_POSTCODE_ZONES.get(m.group(1), "America/Toronto")
            yield ZoneMention(m.start(), m.end(), zone, "postcode", 0.85)


def _address_mentions(text: str):
    """'Austin, TX', 'Pittsburgh, PA 15213', 'Hobart TAS 7000', 'Toronto, ON': a region code
    after a capitalised place, with its postcode when there is one."""
    for c in _CODE.finditer(text):
        if c.group() not in _REGION_CODES:
            continue
        before = _PLACE_BEFORE.search(text, max(0, c.start() - 60), c.start())
        m = before and _ADDRESS_CODE.match(text, before.start())
        if not m or m.start("code") != c.start():
            continue
        code = m["code"].replace(".", "")
        readings = _REGION_CODES[code]
        place_start, known = _known_tail(m["place"], m.start("place"))
        if m["zip"]:
            country = "AU" if len(m["zip"]) == 4 else "US"
            readings = [r for r in readings if r[1] == country] or readings
        elif len(readings) > 1 and known:
            countries = {p.country for p in known}
            readings = [r for r in readings if r[1] in countries] or readings
        if m["sep"].strip() != "," and not m["zip"]:
            continue  # 'Sydney NSW' without a comma or a postcode: left to the place names
        proven = bool(m["zip"]) or any(p.country == readings[0][1] for p in known)
        if code in _CODES_NEEDING_PROOF and not proven:
            continue
        zone = readings[0][0]
        alternatives = tuple(z for z, _ in readings[1:])
        yield ZoneMention(m.start("code"), m.end("code"), zone, "state", 0.9, alternatives)
        if m["zip"]:
            yield ZoneMention(m.start("zip"), m.end("zip"), zone, "postcode", 0.95)
        city = next((p for p in known if p.country == readings[0][1]), None)
        if city and city.kind == "city":
            yield ZoneMention(place_start, m.end("place"), city.zone, "city", 0.9)


_STATE_STYLE = re.compile(
    r"(?P<place>\b[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}),\s*(?P<state>"
    + "|".join(re.escape(a) for a in sorted(_US_STATE_STYLE, key=len, reverse=True))
    + r")(?![\w.])"
)


def _state_style_mentions(text: str):
    """'Gulf Shores, Ala.', 'Rome, Ga.': a newspaper's state abbreviation after a place."""
    for m in _STATE_STYLE.finditer(text):
        zone = _US_STATES[_US_STATE_STYLE[m["state"]]][1]
        yield ZoneMention(m.start("state"), m.end("state"), zone, "state", 0.85)


#: A news dateline: the place in capitals at the head of a line, perhaps with the agency or
#: station in brackets, then a dash ('DENVER (KXYZ) —', 'SALT LAKE CITY —').
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?:,[ \t]*[A-Z][A-Za-z.]+)?"
    r"[ \t]*(?:\([^()\n]{1,20}\)[ \t]*)?[—–-][ \t]",
    re.MULTILINE,
)
#: A dateline says where the story is filed, which is where the events it lists are set, more
#: surely than a name in running text: as strong as a place in an address.
DATELINE_STRENGTH = 0.8


def _dateline_mentions(text: str):
    places = _places()
    for m in _DATELINE.finditer(text):
        name = m["place"].title()
        readings = places.get(_key(name))
        if not readings:
            continue
        zone = readings[0].zone
        yield ZoneMention(
            m.start("place"), m.end("place"), zone, "city", DATELINE_STRENGTH, _others(readings)
        )


#: A bare dollar price ('$8 for adults'; not 'A$', 'NZ$', 'AUD$'): the text is most likely
#: American, and then most likely Eastern (where most Americans live). The weakest evidence
#: there is, read only when the text names no place and no clock at all.
_DOLLARS = re.compile(r"(?<![A-Za-z$])\$\s?\d")
CURRENCY_STRENGTH = 0.3


def _currency_mentions(text: str):
    first = _DOLLARS.search(text)
    if first:
        yield ZoneMention(
            first.start(), first.end(), "America/New_York", "currency", CURRENCY_STRENGTH
        )


def _known_tail(words: str, offset: int) -> tuple[int, tuple[_Place, ...]]:
    """The longest known place that ends the capitalised words before a region code ('Main
    Street Spokane' -> Spokane), with its start in the text."""
    parts = words.split(" ")
    for k in range(len(parts)):
        tail = " ".join(parts[k:])
        known = _places().get(_key(tail))
        if known:
            return offset + len(words) - len(tail), known
    return offset, ()


@cache
def _longest_by_first_word() -> dict[str, int]:
    """For each first word of a place name, the most words a name starting with it has: most
    capitalised words start no name, and are passed over with one look-up."""
    longest: dict[str, int] = {}
    for key in _places():
        words = key.replace("-", " ").split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def _place_mentions(text: str):
    for run in _CAPITALISED_RUN.finditer(text):
        yield from _places_in_run(text, list(_WORD.finditer(text, run.start(), run.end())))


def _places_in_run(text: str, words: list[re.Match[str]]):
    """The longest place names in a run of capitalised words, left to right."""
    places = _places()
    longest = _longest_by_first_word()
    i = 0
    while i < len(words):
        first = words[i]
        head = _key(first.group().split("-")[0])
        if not first.group()[0].isupper() or head not in longest:
            i += 1
            continue
        match = None
        for n in range(min(longest[head], len(words) - i), 0, -1):
            run = words[i : i + n]
            phrase = text[first.start() : run[-1].end()]
            for candidate in (phrase.rstrip("."), phrase):
                readings = places.get(_key(candidate))
                if readings and candidate.split()[-1][0].isupper():
                    match = (n, first.start(), first.start() + len(candidate), readings)
                    break
            if match:
                break
        if not match:
            i += 1
            continue
        n, start, end, readings = match
        mention = _place_mention(text, start, end, readings)
        if mention and i > 0 and words[i - 1].group() not in _NAME_PREFIXES:
            # 'Jules Lubbock', 'Professor Denver': a capitalised word before it makes the
            # name part of another (a person's, an organisation's); it still hints a little.
            mention = replace(mention, strength=round(mention.strength * 0.5, 2))
        if mention:
            yield mention
        i += n


def _place_mention(text: str, start: int, end: int, readings: tuple[_Place, ...]):
    name = text[start:end].rstrip(".")
    best = readings[0]
    locative = bool(_LOCATIVE.search(text, max(0, start - 12), start))
    in_address = text[end : end + 2] == ", " and text[end + 2 : end + 3].isupper()
    if _TIME_AFTER.match(text, end):
        return ZoneMention(start, end + 5, best.zone, "written", 0.9, _others(readings))
    if best.kind == "country":
        strength = 0.45
    elif best.kind == "state":
        strength = 0.6
    else:
        strength = 0.35 if best.population < 250_000 else 0.5 if best.population < 1e6 else 0.6
    if locative or in_address:
        strength += 0.2
    if name in WORD_LIKE and name not in _PLACE_FIRST:
        if not (locative or in_address):
            return None
        strength = min(strength, 0.3)
    if len({p.country for p in readings}) > 1:
        strength *= 0.8
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        strength *= 0.5  # 'Jane Roe (Wisconsin)': where a speaker comes from, not the event
    return ZoneMention(start, end, best.zone, best.kind, round(strength, 2), _others(readings))


def _others(readings: tuple[_Place, ...]) -> tuple[str, ...]:
    first = readings[0].zone
    return tuple(dict.fromkeys(p.zone for p in readings[1:] if p.zone != first))


# --- the text's zone -------------------------------------------------------------------------

#: Below this much evidence the text names no zone: a surname that is also a town ("Professor
#: Lubbock") or a word-like name decides nothing alone; one plainly named town does.
MIN_EVIDENCE = 0.3


def text_zone(text: str) -> str | None:
    """The zone `text` is set in, or None when it does not say; `pick_zone(zone_mentions(text))`."""
    return pick_zone(zone_mentions(text))


#: What a single event's own sentences must name to move it off the text's zone: more than a
#: speaker's affiliation in brackets ("(Wisconsin)") or a word-like town.
LOCAL_MIN_EVIDENCE = 0.5


def pick_zone(mentions: list[ZoneMention], minimum: float = MIN_EVIDENCE) -> str | None:
    """The text's zone from its mentions: abbreviations first, refined by places; else places.

    Ambiguous places take the reading of the country the unambiguous ones point to, and a zone
    needs `minimum` evidence in all (`MIN_EVIDENCE` for a whole text) before it is proposed."""
    places = _resolve(m for m in mentions if m.kind not in ("abbreviation", "written", "currency"))
    place_scores: dict[str, float] = defaultdict(float)
    for mention, zone in places:
        place_scores[zone] += mention.strength
    clocks = [m for m in mentions if m.kind in ("abbreviation", "written")]
    if clocks:
        return _zone_of_clocks(clocks, place_scores)
    if not place_scores:
        money = [m for m in mentions if m.kind == "currency"]
        return money[0].zone if money and money[0].strength >= minimum else None
    zone, score = max(place_scores.items(), key=lambda kv: kv[1])
    return zone if score >= minimum else None


def _resolve(mentions) -> list[tuple[ZoneMention, str]]:
    mentions = list(mentions)
    votes: dict[str, float] = defaultdict(float)
    countries = _zone_country()
    for m in mentions:
        if not m.alternatives:
            votes[countries.get(m.zone, m.zone)] += m.strength
    resolved = []
    for m in mentions:
        zone = m.zone
        if m.alternatives:
            options = (m.zone, *m.alternatives)
            zone = max(options, key=lambda z: (votes.get(countries.get(z, z), 0.0), z == m.zone))
        resolved.append((m, zone))
    return resolved


def _zone_of_clocks(clocks: list[ZoneMention], place_scores: dict[str, float]) -> str:
    """The most-weighted abbreviation's reading that a place in the text keeps the clock of."""
    weight: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    for m in clocks:
        key = (m.zone, *m.alternatives)
        label = "|".join(key)
        weight[label] += m.strength
        first_seen.setdefault(label, m.start)
    label = max(weight, key=lambda k: (weight[k], -first_seen[k]))
    readings = label.split("|")
    offsets = _reading_offsets(readings)
    for zone in sorted(place_scores, key=lambda z: -place_scores[z]):
        if any(_keeps_offsets(zone, offs) for offs in offsets):
            return zone
    return readings[0]


def _reading_offsets(readings: list[str]) -> list[frozenset[int]]:
    table = {zone: offs for entry in ABBREVIATIONS.values() for zone, offs in entry}
    return [table.get(z, frozenset()) for z in readings]


@cache
def _offsets_of(zone: str) -> frozenset[int]:
    """The UTC offsets (minutes) a zone keeps across a year, both hemispheres' seasons."""
    tz = ZoneInfo(zone)
    found = set()
    for month in (1, 4, 7, 10):
        moment = datetime(2026, month, 15, 12, tzinfo=UTC).astimezone(tz)
        found.add(int(moment.utcoffset().total_seconds() // 60))
    return frozenset(found)


def _keeps_offsets(zone: str, offsets: frozenset[int]) -> bool:
    return bool(_offsets_of(zone) & offsets)


# --- "7pm BST (2pm EDT)" ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZonedClock:
    """A clock time written with its zone: '7pm BST'."""

    start: int
    end: int
    hour: int
    minute: int
    zone: str


@dataclass(frozen=True, slots=True)
class ZonePair:
    """One moment written in two zones, the first as the event's own: '7pm BST (2pm EDT)'."""

    first: ZonedClock
    second: ZonedClock

    def agrees_on(self, day: date) -> bool:
        """Whether both clocks name the same instant on `day` (a pair can only be checked on
        a date: 7pm BST is 2pm EDT in July, but London and New York change clocks weeks apart)."""
        a = datetime(
            *day.timetuple()[:3],
            self.first.hour,
            self.first.minute,
            tzinfo=ZoneInfo(self.first.zone),
        )
        b = datetime(
            *day.timetuple()[:3],
            self.second.hour,
            self.second.minute,
            tzinfo=ZoneInfo(self.second.zone),
        )
        gap = abs(a.astimezone(UTC) - b.astimezone(UTC))
        return gap in (timedelta(0), timedelta(days=1))


_ZONE_WORD = (
    r"(?P<{g}>"
    + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
    + r"|(?:"
    + "|".join(sorted((re.escape(w) for w in WRITTEN_ZONES), key=len, reverse=True))
    + r")\s+time)"
)
_CLOCK = r"(?P<h{g}>[01]?\d|2[0-3])(?:[:.](?P<m{g}>[0-5]\d))?\s*(?P<ap{g}>[ap]\.?\s?m\b\.?)?"
_PAIR = re.compile(
    _CLOCK.format(g=1)
    + r"\s*"
    + _ZONE_WORD.format(g="z1")
    + r"\s*(?:\(\s*|/\s*|,\s*|;\s*|\|\s*|[-–—]\s*|or\s+|and\s+)"
    + _CLOCK.format(g=2)
    + r"\s*"
    + _ZONE_WORD.format(g="z2"),
    re.IGNORECASE,
)


def zone_pairs(text: str) -> list[ZonePair]:
    """Every '7pm BST (2pm EDT)', '19:00 CET / 1pm ET', '2pm UK time, 9am Eastern time' in text.

    Each zone is read with the rest of the text's evidence (`pick_zone`), so 'IST' in an Irish
    text is Europe/Dublin."""
    places = [m for m in zone_mentions(text) if m.kind not in ("abbreviation", "written")]
    pairs = []
    for m in _PAIR.finditer(text):
        clocks = []
        for g in ("1", "2"):
            hour, minute = int(m["h" + g]), int(m["m" + g] or 0)
            meridiem = (m["ap" + g] or "").lower()
            if meridiem.startswith("p") and hour < 12:
                hour += 12
            elif meridiem.startswith("a") and hour == 12:
                hour = 0
            word = m["z" + g]
            start, end = m.start("h" + g), m.end("z" + g)
            zone = pick_zone([_clock_mention(word, start, end), *places])
            clocks.append(ZonedClock(start, end, hour, minute, zone))
        pairs.append(ZonePair(clocks[0], clocks[1]))
    return pairs


def _clock_mention(word: str, start: int, end: int) -> ZoneMention:
    name = word.upper() if word.upper() in ABBREVIATIONS else None
    if name is None:
        name = WRITTEN_ZONES[" ".join(word.lower().split()[:-1])]
    zones = abbreviation_zones(name)
    return ZoneMention(start, end, zones[0], "abbreviation", 0.95, zones[1:])
