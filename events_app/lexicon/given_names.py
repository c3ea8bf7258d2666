"""Given names: the first word of a run that is somebody's first name is evidence of a person.

The lists are the 1990 United States census's male and female first names (the `names`
package ships them as data, MIT licence), read once from the installed package, most frequent
first. Only the commoner ones are kept: far down the lists stand words that are more often
something else ('Golden', 'Tai', 'Love'). They lean to English-speaking countries, so a name
missing from them says nothing against a person: the parser uses a hit as evidence for, never
a miss as evidence against.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# Each file and how many of its names, most frequent first, are kept.
_FILES = {"dist.male.first": 1000, "dist.female.first": 2000}


@cache
def given_names() -> frozenset[str]:
    """Every listed first name, in lower case."""
    found: set[str] = set()
    for name, kept in _FILES.items():
        text = resources.files("names").joinpath(name).read_text(encoding="ascii")
        lines = [line for line in text.splitlines() if line.strip()][:kept]
        found.update(line.split(None, 1)[0].lower() for line in lines)
    return frozenset(found)


def is_given_name(word: str) -> bool:
    return word.lower() in given_names()
