"""How well the lexicon's zone evidence finds the zone the annotators gave, on real-dev.

    .venv/bin/python bench/zone_evidence.py [PATH] [-v]

For each gold event with a `timezone`, whether `pick_zone` on its text gives that zone; for
each gold event whose `timezone` is null, whether it proposes one anyway. Texts are read at
run time from ../shared/parsing (they are third-party and never copied). Prints figures only.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from events_app.lexicon.zones import pick_zone, zone_mentions

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "parsing" / "real-dev.jsonl"
if not DEFAULT.exists():
    DEFAULT = Path("/work/shared/parsing/real-dev.jsonl")


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    path = Path(paths[0]) if paths else DEFAULT
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    events = Counter()
    texts = Counter()
    elapsed = 0.0
    for item in items:
        began = time.perf_counter()
        mentions = zone_mentions(item["text"])
        picked = pick_zone(mentions)
        elapsed += time.perf_counter() - began
        gold = [e.get("timezone") for e in item["gold"]["events"]]
        zoned = [z for z in gold if z]
        for zone in gold:
            if zone:
                events["zoned"] += 1
                events["right"] += picked == zone
            else:
                events["null"] += 1
                events["proposed"] += picked is not None
        if zoned:
            majority = Counter(zoned).most_common(1)[0][0]
            texts["zoned"] += 1
            texts["right"] += picked == majority
        elif item["kind"] == "positive":
            texts["null"] += 1
            texts["proposed"] += picked is not None
        if verbose and ((zoned and picked not in zoned) or (not zoned and picked)):
            shown = sorted({(m.kind, item["text"][m.start : m.end], m.zone) for m in mentions})
            print(f"{item['id']}: gold {sorted(set(map(str, gold)))} picked {picked}")
            print(f"    {shown[:12]}")
    kb = sum(len(i["text"]) for i in items) / 1000
    print(f"{path.name}: {len(items)} texts")
    print(
        f"events with a gold zone: {events['right']}/{events['zoned']} given that zone "
        f"({events['right'] / max(events['zoned'], 1):.2f})"
    )
    print(
        f"events with no gold zone: {events['proposed']}/{events['null']} given a zone anyway "
        f"({events['proposed'] / max(events['null'], 1):.2f})"
    )
    print(
        f"texts (majority gold zone): {texts['right']}/{texts['zoned']} right; "
        f"{texts['proposed']}/{texts['null']} positive texts with no gold zone given one"
    )
    print(f"time: {elapsed * 1000:.1f} ms for {kb:.0f} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
