"""The parser's figures on the shared corpora, run in-process in a few seconds.

    .venv/bin/python bench/score_parser.py [-v] [--set real-dev|dev|seminars]

Parses every text of `real-dev.jsonl`, `dev.jsonl` and the seminar training split with
`parse_announcement` (as `events-app parse --reference-date={published}` would), writes the
predictions as JSON Lines to a temporary folder and hands them to the shared scorers
(`score.py --predictions`, `score_seminars.py --predictions`), whose figures are printed. `-v`
passes through, so each scorer lists its misses by text.

The corpora are third-party text and stay outside the repository: they are read from
`<repo>/../shared/parsing`, or from `$EVENTS_SHARED_DIR/parsing`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from events_app.parsing import ParseError, draft_to_dict, parse_announcement

ROOT = Path(__file__).resolve().parent.parent
SETS = ("real-dev", "dev", "seminars")
DEFAULT_ZONE = "Europe/London"  # the service's default, as the CLI uses it


def shared_dir() -> Path:
    """$EVENTS_SHARED_DIR, else the nearest `shared/` beside the checkout or one of the folders
    above it (a worktree or a CI clone may sit a level deeper than the usual `../shared`)."""
    if os.environ.get("EVENTS_SHARED_DIR"):
        return Path(os.environ["EVENTS_SHARED_DIR"])
    for folder in ROOT.parents:
        if (folder / "shared" / "parsing").is_dir():
            return folder / "shared"
    return ROOT.parent / "shared"


def parsing_dir() -> Path:
    return shared_dir() / "parsing"


def reference_date(published: str | None) -> date | None:
    """'2019-12' (a month) counts from its first day, as the shared scorer's command does."""
    if not published:
        return None
    if len(published) == 7:
        published += "-01"
    return date.fromisoformat(published)


def predict(doc: dict) -> list[dict]:
    try:
        result = parse_announcement(
            doc["text"],
            reference_date=reference_date(doc.get("published")),
            timezone=DEFAULT_ZONE,
            fallback_year=datetime.now(UTC).year,
        )
    except ParseError:
        return []
    return [_for_scorer(draft_to_dict(d)) for d in result.drafts]


def _for_scorer(event: dict) -> dict:
    """score.py counts gold performers as speakers ('performers count as speakers') but reads
    only `speakers` from a prediction; the parser keeps performers apart, so they are counted
    here the same way as the gold's."""
    event["speakers"] = event["speakers"] + event.get("performers", [])
    return event


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def write_predictions(docs: Iterable[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps({"id": doc["id"], "events": predict(doc)}) + "\n")


def seminar_docs(folder: Path) -> list[dict]:
    exported = folder / "seminars-docs.jsonl"
    _run([str(parsing_dir() / "score_seminars.py"), "--export", str(exported)])
    return read_jsonl(exported)


def _run(args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=False, timeout=600
    )
    if done.returncode not in (0, 1):  # score.py exits 1 only when a --min bound is missed
        raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def figures(summary_line: str) -> dict[str, float]:
    """'score: event_f1=0.5 start=0.4 ...' or 'seminars: 301 docs, errors=0 stime=89.8 ...'."""
    out = {}
    for item in summary_line.split():
        key, sep, value = item.partition("=")
        if sep:
            out[key] = float(value.rstrip(","))
    return out


def score(names: Iterable[str] = SETS, verbose: bool = False) -> tuple[dict[str, dict], str]:
    """Every figure per set, and the scorers' printed output."""
    results: dict[str, dict] = {}
    printed = []
    with tempfile.TemporaryDirectory(prefix="score-parser-") as tmp:
        folder = Path(tmp)
        for name in names:
            preds = folder / f"{name}-predictions.jsonl"
            flags = ["-v"] if verbose else []
            if name == "seminars":
                write_predictions(seminar_docs(folder), preds)
                scorer = [str(parsing_dir() / "score_seminars.py"), "--predictions", str(preds)]
            else:
                gold = parsing_dir() / f"{name}.jsonl"
                write_predictions(read_jsonl(gold), preds)
                scorer = [str(parsing_dir() / "score.py"), str(gold), "--predictions", str(preds)]
                if name == "real-dev":
                    scorer.append("--year-free-when-undated")
            output = _run(scorer + flags)
            summary = output.strip().splitlines()[-1]
            results[name] = figures(summary)
            printed.append(f"== {name}\n{output.rstrip()}")
    return results, "\n".join(printed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="the scorers' miss lists")
    ap.add_argument("--set", action="append", choices=SETS, help="one set (repeatable)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = ap.parse_args()
    if not (parsing_dir() / "score.py").exists():
        print(f"score_parser: no shared corpora at {parsing_dir()} (set EVENTS_SHARED_DIR)")
        return 2
    results, printed = score(args.set or SETS, verbose=args.verbose)
    print(printed)
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
