"""Regular expressions that run over whole texts, made fast without changing what they match.

Python's `re` tries every alternative of a pattern at every position of the text; a pattern
that opens with a long alternation (month names, zone names, building words) spends most of
its time failing at positions where no match could start. `guarded` puts a lookahead on the
way a match must begin in front of the pattern, which rejects those positions at
once: 2-5 times faster on real announcements (bench/parse_bench.py).

A guard that named too few characters would lose matches silently, so every guarded pattern
keeps its unguarded twin in `GUARDS`, and tests/parsing/test_patterns.py checks that the two
find the same spans on every text the tests can read.
"""

from __future__ import annotations

import re

#: (guarded, unguarded) pairs, for the test that the guard changes nothing.
GUARDS: list[tuple[re.Pattern[str], re.Pattern[str]]] = []


def guarded(start: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` behind the lookahead `start`, a pattern every match of `pattern` begins with
    (under `flags`): '[A-Z\\d]', or '[A-Z]{1,2}\\d' for a postcode."""
    closing = "\n)" if flags & re.VERBOSE else ")"  # a trailing '# comment' must not eat it
    fast = re.compile(f"(?={start})(?:{pattern}{closing}", flags)
    GUARDS.append((fast, re.compile(pattern, flags)))
    return fast


def initials(phrases) -> str:
    """A class of the first letters of `phrases`, for a guard on a case-blind list of them."""
    return "[" + "".join(sorted({re.escape(p[0].lower()) for p in phrases if p})) + "]"
