"""A guarded pattern finds exactly what its unguarded twin finds.

`parsing.patterns.guarded` puts a lookahead on how a match must begin in front of a pattern
run over whole texts. A guard that left out a way of beginning would lose matches without a
sound, so each guarded pattern is run beside its twin over every text the tests can read: the
project's own cases, the demo, and the shared corpora where they sit beside the checkout.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from events_app.parsing import patterns

ROOT = Path(__file__).resolve().parents[2]


def _shared_texts() -> list[str]:
    spec = importlib.util.spec_from_file_location("score_parser", ROOT / "bench/score_parser.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    if not (scorer.parsing_dir() / "score.py").exists():
        return []
    return [t.text for t in scorer.load_texts()]


def _texts() -> list[str]:
    own = [
        json.loads(p.read_text(encoding="utf-8"))["text"]
        for p in sorted((Path(__file__).parent / "cases").glob("*.json"))
    ]
    demo = (ROOT / "events_app/demo/arise-2018.txt").read_text(encoding="utf-8")
    return [*own, demo, *_shared_texts()]


TEXTS = _texts()


@pytest.mark.parametrize(
    ("fast", "plain"), patterns.GUARDS, ids=[f.pattern[:30] for f, _ in patterns.GUARDS]
)
def test_a_guard_changes_no_match(fast, plain):
    differ = [
        text[:60]
        for text in TEXTS
        if [m.span() for m in fast.finditer(text)] != [m.span() for m in plain.finditer(text)]
    ]
    assert differ == []


def test_a_guard_that_leaves_out_a_beginning_is_caught():
    """The check above can fail: a guard naming only digits loses the weekday-led dates."""
    fast = patterns.guarded(r"\d", r"\b(?:friday\s+)?\d{1,2}\s+may", 2)
    plain = patterns.GUARDS.pop()[1]
    text = "Friday 3 May and 4 May"
    assert [m.group() for m in fast.finditer(text)] == ["3 May", "4 May"]
    assert [m.group() for m in plain.finditer(text)] == ["Friday 3 May", "4 May"]
