"""How fast the announcement parser is, and whether its time grows linearly with the text.

    .venv/bin/python bench/parse_bench.py

Prints the median time to parse the seed article, the time for texts of 125 KB to 1 MB made of
realistic announcements (with the time per KB, which stays flat when growth is linear), and the
slowest of a set of hostile 100,000-character inputs. Figures are from one run on one machine;
compare them as ratios, not as absolutes.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from datetime import date
from pathlib import Path

from events_app.parsing import ParseError, parse_announcement

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "events_app" / "demo" / "arise-2018.txt").read_text(encoding="utf-8")
ANNOUNCEMENTS = [
    "Camden UNISON branch meeting: Tuesday 14 April 2026, 6pm–8pm, Camden Town Hall, Judd "
    "Street, London WC1H 9JE. Speakers: Jane Smith (branch secretary) and Ahmed Khan.",
    "Climate jobs day school, Saturday 16 May, 10am–5pm, Conway Hall, 25 Red Lion Square, "
    "London WC1R 4RL. 10am: Opening plenary with Owen Jones. 2pm: Panel on climate jobs.",
    "The strike began on 3 March 2025 and lasted six weeks. Applications close on 14 February.",
    "Town hall meeting 10/15/2026 at 7:00 p.m., Lincoln Middle School, 1200 Main St, "
    "Springfield, IL. Mayor Lisa Park will take questions from residents.",
    "Webinar: Housing rights after the Renters' Reform Act. Wednesday 3 June, 7.30pm (BST) on "
    "Zoom. Register at https://example.org/housing-webinar. With Siân Berry and Tom Copley.",
]
HOSTILE = {
    "question marks": "?" * 100_000 + "x",
    "one long word": "a" * 100_000,
    "digits": "1" * 100_000,
    "day list without month": "1, " * 33_333,
    "prepositions": "at " * 33_333,
    "speaker list": "Speakers: " + "Jo Bloggs, " * 9_000,
    "dated speaker list": "Rally on Friday 3 May 2026 at 7pm. Speakers: " + "Jo Bloggs, " * 9_000,
    "brackets": "(" * 100_000,
}


def timed(text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(ParseError):
        parse_announcement(text, reference_date=date(2026, 1, 1), fallback_year=2026)
    return time.perf_counter() - start


def corpus(size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        piece = ANNOUNCEMENTS[i % len(ANNOUNCEMENTS)] + "\n"
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)[:size]


def main() -> None:
    timed(SEED)
    seed_runs = [timed(SEED) for _ in range(30)]
    seed_median = statistics.median(seed_runs)
    print(f"seed article ({len(SEED):,} chars): median {seed_median * 1000:.2f} ms over 30 runs")
    print("size        time      ms per KB  (flat = linear)")
    per_kb = []
    for size in (125_000, 250_000, 500_000, 1_000_000):
        seconds = timed(corpus(size))
        per_kb.append(seconds * 1000 / (size / 1000))
        print(f"{size:>9,}  {seconds:7.3f} s  {per_kb[-1]:8.3f}")
    print(f"ms per KB at 1 MB / at 125 KB: {per_kb[-1] / per_kb[0]:.2f}")
    worst_name, worst = max(
        ((name, timed(text)) for name, text in HOSTILE.items()), key=lambda item: item[1]
    )
    print(f"slowest hostile 100,000-char input: {worst_name!r} in {worst:.3f} s")


if __name__ == "__main__":
    main()
