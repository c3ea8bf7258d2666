"""The parser's figures on the shared corpora do not fall below the committed baseline.

Runs the same in-process scoring as `make score` (bench/score_parser.py) and compares its k-fold
figures (each text scored by weights fitted without it), not the in-sample ones. The corpora live
outside the repository (the nearest shared/ beside the checkout, or $EVENTS_SHARED_DIR) and are
not the project's to ship: where they are absent the test is skipped and says where it looked.
"""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((Path(__file__).parent / "score_baseline.json").read_text(encoding="utf-8"))
SLACK = 0.02  # a ratio may fall this far below the baseline (noise); seminar figures are x100
COUNTS = {"false_alarms", "errors"}  # counts of bad outcomes: they may not rise at all


def _scorer():
    spec = importlib.util.spec_from_file_location("score_parser", ROOT / "bench/score_parser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_keep_to_baseline():
    """One test, so that the corpora are parsed once even when pytest-xdist spreads the suite."""
    scorer = _scorer()
    if not (scorer.parsing_dir() / "score.py").exists():
        message = f"the shared corpora are not at {scorer.parsing_dir()} (set EVENTS_SHARED_DIR)"
        pytest.skip(message)
    figures, _ = scorer.score()
    fallen = []
    for name, fields in BASELINE.items():
        if not isinstance(fields, dict):
            continue
        for key, expected in fields.items():
            got = figures[name][key]
            if key in COUNTS:
                if got > expected:
                    fallen.append(f"{name} {key}: {got} > baseline {expected}")
                continue
            slack = SLACK * 100 if name == "seminars" else SLACK
            if got < expected - slack:
                fallen.append(f"{name} {key}: {got} < baseline {expected} - {slack}")
    assert fallen == []
