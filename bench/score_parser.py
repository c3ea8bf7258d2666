"""The parser's figures on the shared corpora, run in-process in well under a minute.

    .venv/bin/python bench/score_parser.py [-v] [--set real-dev|dev|seminars] [--hand]

Parses every text of `real-dev.jsonl`, `dev.jsonl` and the seminar training split with
`parse_announcement` (as `events-app parse --reference-date={published}` would), writes the
predictions as JSON Lines to a temporary folder and hands them to the shared scorers
(`score.py --predictions`, `score_seminars.py --predictions`), whose figures are printed. `-v`
passes through, so each scorer lists its misses by text.

The committed weights (events_app/parsing/weights.json) were fitted on these very texts, so
their figures here are in-sample and say little about texts nobody has seen. The figures that
count are by k-fold cross-validation: the training (events_app/parsing/training.py) is run
K times, each time without one fold of every corpus, and each text is scored by the weights
fitted without it. Both are printed, labelled, with a reliability table of the confidences
(k-fold, real-dev); `--hand` adds the hand priors' figures for comparison.

The corpora are third-party text and stay outside the repository: they are read from
`<repo>/../shared/parsing`, or from `$EVENTS_SHARED_DIR/parsing`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType

from events_app.parsing import draft_to_dict, evidence, training
from events_app.parsing.training import Text

ROOT = Path(__file__).resolve().parent.parent
SETS = ("real-dev", "dev", "seminars")
K = 5  # folds
MODES = ("kfold", "committed", "hand")
LABELS = {
    "kfold": f"{K}-fold cross-validated (each text scored by weights fitted without it)",
    "committed": "in-sample (weights.json, fitted on these texts: not a measure of new text)",
    "hand": "hand priors of weights.py (no fitting)",
}


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


def shared_module(name: str) -> ModuleType:
    """One of the shared scorers, imported from ../shared at run time (never copied)."""
    spec = importlib.util.spec_from_file_location(name, parsing_dir() / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_texts(names: Iterable[str] = SETS) -> list[Text]:
    """The annotated texts of the sets, in file order."""
    texts: list[Text] = []
    for name in names:
        if name == "seminars":
            for doc in _seminar_docs():
                texts.append(Text(doc["id"], doc["text"], doc["published"], doc["gold"], name))
            continue
        for doc in read_jsonl(parsing_dir() / f"{name}.jsonl"):
            year_free = name == "real-dev" and not doc.get("published")
            texts.append(
                Text(doc["id"], doc["text"], doc.get("published"), doc["gold"], name, year_free)
            )
    return texts


def _seminar_docs() -> list[dict]:
    """The tagged e-mails with their gold slots, as the shared scorer reads them (it leaves its
    files to be closed by the collector, which warnings-as-errors would turn into a failure)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        return shared_module("score_seminars").load()


def predict(text: Text, weights: evidence.Weights | None = None) -> list[dict]:
    """The text's events in the scorer's shape, parsed with `weights` (None: the committed)."""
    with evidence.using(weights):
        result = training.read(text)
    if result is None:
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


def predictions(
    mode: str, texts: list[Text], labels: Mapping[str, training.Examples] | None = None
) -> dict[str, list[dict]]:
    """Every text's events by text key: k-fold (from the texts' labelled decisions, worked out
    here unless given), with the committed weights, or with the priors."""
    if mode == "committed":
        return {t.key: predict(t) for t in texts}
    if mode == "hand":
        hand = evidence.hand_weights()
        return {t.key: predict(t, hand) for t in texts}
    labels = labels or training.labelled(texts)

    def fit_on(train: list[Text]) -> evidence.Weights:
        return evidence.from_fitted(training.fitted_on(train, labels))

    return training.cross_validate(texts, K, fit_on, predict)


def write_predictions(texts: Iterable[Text], preds: Mapping[str, list], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"id": text.id, "events": preds[text.key]}) + "\n")


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


def scored(
    names: Iterable[str], texts: list[Text], preds: Mapping[str, list], verbose: bool
) -> tuple[dict[str, dict], str]:
    """The shared scorers' figures per set for these predictions, and their printed output."""
    results: dict[str, dict] = {}
    printed = []
    with tempfile.TemporaryDirectory(prefix="score-parser-") as tmp:
        for name in names:
            path = Path(tmp) / f"{name}-predictions.jsonl"
            write_predictions([t for t in texts if t.corpus == name], preds, path)
            if name == "seminars":
                scorer = [str(parsing_dir() / "score_seminars.py"), "--predictions", str(path)]
            else:
                gold = parsing_dir() / f"{name}.jsonl"
                scorer = [str(parsing_dir() / "score.py"), str(gold), "--predictions", str(path)]
                if name == "real-dev":
                    scorer.append("--year-free-when-undated")
            output = _run(scorer + (["-v"] if verbose else []))
            results[name] = figures(output.strip().splitlines()[-1])
            printed.append(f"== {name}\n{output.rstrip()}")
    return results, "\n".join(printed)


def score(
    names: Iterable[str] = SETS, verbose: bool = False, mode: str = "kfold"
) -> tuple[dict[str, dict], str]:
    """Every figure per set, and the scorers' printed output, for one way of weighting. The
    k-fold run trains on every set (as `make train` does) whichever sets are scored."""
    names = list(names)
    texts = load_texts(SETS if mode == "kfold" else names)
    return scored(names, texts, predictions(mode, texts), verbose)


# Reliability of the confidences ----------------------------------------------------------------

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01)


def reliability(texts: list[Text], preds: Mapping[str, list[dict]]) -> dict[str, list[tuple]]:
    """Per field (event, title, venue), per confidence bin: (low, high, n, mean confidence,
    fraction right). A predicted event is right when the scorer matches it to a gold event.
    A title or venue is judged on the matched events only, since its confidence is of the
    value given that the event is real (the event's own confidence says that): right when its
    words overlap the gold title's by half, or when the first venue matches one of the gold's."""
    score_mod = shared_module("score")
    tallies: dict[str, list[list[float]]] = {
        f: [[0, 0.0, 0] for _ in BINS[:-1]] for f in ("event", "title", "venue")
    }
    for text in texts:
        if "events" not in text.gold:
            continue
        gold = score_mod.gold_events({"gold": text.gold})
        pred = [dict(p) for p in preds[text.key]]
        if text.year_free:
            gold = [score_mod.strip_years(e) for e in gold]
            pred = [score_mod.strip_years(p) for p in pred]
        pairs = {id(p): g for g, p in score_mod.match(gold, pred)}
        for p in pred:
            g = pairs.get(id(p))
            spans = p.get("spans", {})
            judged = {"event": (spans.get("start"), g is not None)}
            if g is not None:
                judged["title"] = (spans.get("title"), _title_ok(score_mod, g, p))
                judged["venue"] = (spans.get("venue.0"), _venue_ok(score_mod, g, p))
            for name, (span, right) in judged.items():
                if span is not None:
                    _tally(tallies[name], span["confidence"], right)
    return {
        name: [
            (BINS[i], min(BINS[i + 1], 1.0), n, total / n, ok / n)
            for i, (n, total, ok) in enumerate(rows)
            if n
        ]
        for name, rows in tallies.items()
    }


def _tally(rows: list[list[float]], sure: float, right: bool) -> None:
    for i in range(len(BINS) - 1):
        if BINS[i] <= sure < BINS[i + 1]:
            rows[i][0] += 1
            rows[i][1] += sure
            rows[i][2] += right
            return


def _title_ok(score_mod: ModuleType, g: dict, p: dict) -> bool:
    return score_mod.title_f1(g.get("title") or "", p.get("title") or "") >= training.TITLE_OVERLAP


def _venue_ok(score_mod: ModuleType, g: dict, p: dict) -> bool:
    mine = score_mod.venue((p.get("venues") or [{}])[0])
    return any(score_mod.same_venue(score_mod.venue(v), mine) for v in g.get("venues", []))


def reliability_table(table: Mapping[str, list[tuple]]) -> str:
    lines = ["field   confidence   n   mean conf  right"]
    for name, rows in table.items():
        for low, high, n, mean, right in rows:
            lines.append(f"{name:<7} {low:.1f}-{high:.1f} {n:5d}     {mean:.2f}     {right:.2f}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="the scorers' miss lists")
    ap.add_argument("--set", action="append", choices=SETS, help="one set (repeatable)")
    ap.add_argument("--hand", action="store_true", help="also the hand priors' figures")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = ap.parse_args()
    if not (parsing_dir() / "score.py").exists():
        print(f"score_parser: no shared corpora at {parsing_dir()} (set EVENTS_SHARED_DIR)")
        return 2
    names = args.set or list(SETS)
    texts = load_texts(SETS)
    scored_texts = [t for t in texts if t.corpus in names]
    labels = training.labelled(texts)
    every: dict[str, dict] = {}
    for mode in ("kfold", "committed", "hand") if args.hand else ("kfold", "committed"):
        preds = predictions(mode, texts if mode == "kfold" else scored_texts, labels)
        every[mode], printed = scored(names, scored_texts, preds, args.verbose and mode == "kfold")
        print(f"#### {LABELS[mode]}\n{printed}")
        if mode == "kfold" and "real-dev" in names:
            real = [t for t in texts if t.corpus == "real-dev"]
            print("== reliability of the confidences (k-fold, real-dev)")
            print(reliability_table(reliability(real, preds)))
    print(staleness(training.fitted_on(texts, labels)))
    if args.json:
        print(json.dumps(every, indent=2, sort_keys=True))
    return 0


def staleness(fresh: Mapping) -> str:
    """Whether weights.json is what `make train` would write now (the k-fold figures are of a
    fresh fit; the in-sample ones of the file)."""
    committed = json.loads(evidence.WEIGHTS_FILE.read_text(encoding="utf-8"))
    if json.loads(json.dumps(fresh)) == committed:
        return "weights.json is up to date with the code and corpora"
    return "weights.json is stale: `make train` would fit other weights (commit its output)"


if __name__ == "__main__":
    sys.exit(main())
