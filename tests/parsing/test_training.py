"""The fitted weights: how they are labelled, fitted, loaded and cross-validated.

Texts here are the project's own words; the shared corpora are only read by `make train` and
`make score`.
"""

import json
from datetime import date

from events_app.parsing import evidence, parse_announcement, training, weights
from events_app.parsing.training import Text

SWAP = """Spring Plant Swap

Bring spare seedlings and cuttings to the Old Schoolroom on Saturday 14 March 2026 at 10am.
"""


def _text(key: str, body: str, events: list[dict]) -> Text:
    return Text(key, body, "2026-02-01", {"events": events}, "own")


TEXTS = [
    _text(
        "swap",
        SWAP,
        [{"title": "Spring Plant Swap", "start": "2026-03-14T10:00", "venue": "Old Schoolroom"}],
    ),
    _text(
        "quiz",
        "Quiz night at the Red Lion on Friday 20 March 2026 at 8pm. Teams of up to six.",
        [{"title": "Quiz night", "start": "2026-03-20T20:00", "venue": "Red Lion"}],
    ),
    _text(
        "walk",
        "Heritage Walk\n\nMeet at Bridge Street Library, Thursday 9 April 2026, 2pm.\n"
        "The walk lasts two hours.",
        [{"title": "Heritage Walk", "start": "2026-04-09T14:00", "venue": "Bridge Street Library"}],
    ),
    _text(
        "closed",
        "The office will be closed on Monday 6 April 2026 for the holiday.",
        [],
    ),
    _text(
        "talk",
        "Title: Soil and Worms\nPlace: Room 4, Garden Centre\n"
        "Talk on Wednesday 22 April 2026 at 7.30pm, all welcome.",
        [
            {
                "title": "Soil and Worms",
                "start": "2026-04-22T19:30",
                "venue": "Room 4, Garden Centre",
            }
        ],
    ),
]


def test_decisions_are_labelled_against_the_gold():
    """The frame on the gold event's day is right; of its titles the two that name the swap are
    right and the sentence's lead is not."""
    swap = TEXTS[0]
    labelled = training.examples(swap, training.trace(swap))
    found = {
        name: [(row.evidence, row.right) for row in rows]
        for name, rows in labelled.by_field.items()
    }
    assert found == {
        "title": [(("lead",), False), (("context",), True), (("heading",), True)],
        "venue": [],
        "frame": [(("bias", "time", "event_noun"), True)],
    }


def test_a_frame_on_no_gold_day_is_wrong():
    closed = TEXTS[3]
    labelled = training.examples(closed, training.trace(closed))
    assert [row.right for row in labelled.by_field["frame"]] == [False] * len(
        labelled.by_field["frame"]
    )
    assert labelled.by_field["title"] == labelled.by_field["venue"] == []


def test_fitting_is_deterministic():
    first = training.fitted_on(TEXTS, training.labelled(TEXTS))
    second = training.fitted_on(TEXTS, training.labelled(TEXTS))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert first["fitted_on"] == {"own": 5}
    assert sorted(k for k in first if k in evidence.FIELDS) == ["frame", "title", "venue"]


def _title(text: str, weights: evidence.Weights | None = None) -> str:
    with evidence.using(weights):
        [draft] = parse_announcement(text, reference_date=date(2026, 2, 1)).drafts
    return draft.title


def test_the_weights_in_force_are_the_ones_used():
    """By hand the words before the date win; weights that trust the heading above choose it."""
    trusting = evidence.from_fitted({"title": {"prior_scale": 1.0, "weights": {"context": 20.0}}})
    assert _title(SWAP, evidence.hand_weights()) == (
        "Bring spare seedlings and cuttings to the Old Schoolroom"
    )
    assert _title(SWAP, trusting) == "Spring Plant Swap"


def test_the_parser_ships_with_the_committed_file():
    shipped = json.loads(evidence.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert evidence.committed() == evidence.from_fitted(shipped)
    assert evidence.current() == evidence.committed()


def test_a_feature_absent_from_the_file_keeps_its_prior_rescaled():
    fitted = evidence.from_fitted(
        {"title": {"prior_scale": 0.5, "threshold": -1.0, "weights": {"lead": 2.0}}}
    )
    expected = {f: 0.5 * w for f, w in weights.TITLE.items()}
    expected["lead"] = 2.0
    expected["none"] = 0.5 * weights.TITLE_THRESHOLD
    assert dict(fitted.title.weights) == expected
    assert fitted.title.threshold == -1.0
    assert fitted.venue == evidence.hand_weights().venue  # a field the file lacks: the priors


def test_confidences_are_the_models_probabilities():
    """Two readers giving the same title pool their probability: the softmax over the lead,
    the heading found twice and choosing none."""
    model = evidence.from_fitted(
        {"title": {"prior_scale": 1.0, "weights": {"lead": 0.0, "context": 1.0, "heading": 0.0}}}
    )
    with evidence.using(model):
        [draft] = parse_announcement(SWAP, reference_date=date(2026, 2, 1)).drafts
    e = 2.718281828459045
    none = weights.TITLE_THRESHOLD
    expected = (e + 1) / (1 + e + 1 + e**none)
    assert (draft.title, round(draft.spans["title"].confidence, 6)) == (
        "Spring Plant Swap",
        round(expected, 6),
    )


def test_k_fold_never_scores_a_text_with_weights_that_saw_it():
    seen_by_model: list[set[str]] = []

    def fit_on(train: list[Text]) -> set[str]:
        keys = {t.key for t in train}
        seen_by_model.append(keys)
        return keys

    predicted = training.cross_validate(TEXTS, 3, fit_on, lambda text, seen: text.key in seen)
    assert predicted == {t.key: False for t in TEXTS}
    assert len(seen_by_model) == 3
    every = {t.key for t in TEXTS}
    held_out = [every - seen for seen in seen_by_model]
    assert sorted(k for fold in held_out for k in fold) == sorted(every)  # each held out once


def test_a_frames_confidence_is_its_probability_against_none():
    model = evidence.from_fitted({"frame": {"prior_scale": 1.0, "weights": {"none": 1.0}}})
    with evidence.using(model):
        [draft] = parse_announcement(SWAP, reference_date=date(2026, 2, 1)).drafts
    score = sum(weights.FRAME[f] for f in ("bias", "time", "event_noun"))
    assert draft.spans["start"].confidence == round(1 / (1 + 2.718281828459045 ** (1 - score)), 2)
