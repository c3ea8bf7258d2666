"""Announcements beside the drafts a person would make of them (tests/parsing/cases/*.json)."""

import json
from datetime import date
from pathlib import Path

import pytest

from events_app.parsing import draft_to_dict, parse_announcement

CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))


def shape(draft: dict, expected: dict) -> dict:
    """The draft's fields that the case names, venues and speakers by name."""
    got = {key: draft[key] for key in ("title", "start", "end", "timezone")}
    got["venues"] = [v["name"] for v in draft["venues"]]
    got["speakers"] = [p["name"] for p in draft["speakers"]]
    for key in ("online", "recurrence", "parent", "url"):
        if key in expected or draft[key]:
            got[key] = draft[key]
    if "performers" in expected:
        got["performers"] = [p["name"] for p in draft["performers"]]
    return got


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_announcement_reads_as_expected(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    reference = date.fromisoformat(case["reference_date"]) if case["reference_date"] else None

    result = parse_announcement(case["text"], reference_date=reference, fallback_year=2026)

    drafts = [draft_to_dict(d) for d in result.drafts]
    expected = [{k: v for k, v in e.items() if k != "warnings"} for e in case["events"]]
    assert [shape(d, e) for d, e in zip(drafts, expected, strict=False)] == expected
    assert len(drafts) == len(expected)
    for draft, event in zip(drafts, case["events"], strict=True):
        for warning in event.get("warnings", []):
            assert any(warning in w for w in draft["warnings"]), draft["warnings"]
    if "warnings" in case:
        assert result.warnings == case["warnings"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_span_is_the_text_it_points_at(path):
    """Spans index the text as given, also where the parser read a repaired copy of it."""
    case = json.loads(path.read_text(encoding="utf-8"))
    reference = date.fromisoformat(case["reference_date"]) if case["reference_date"] else None
    text = case["text"]

    result = parse_announcement(text, reference_date=reference, fallback_year=2026)

    spans = [
        span
        for d in result.drafts
        for span in (
            *d.spans.values(),
            *(p.span for p in (*d.venues, *d.speakers, *d.performers)),
        )
        if span is not None
    ]
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
