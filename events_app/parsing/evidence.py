"""Candidates with their evidence, and the linear model that scores them.

Each reader (titles, places, people, frames) yields every candidate it can see, with the span
it came from, the source that produced it and the features that speak for or against it. A
candidate's score is the sum of the weights of its source and features; the assembly takes the
best, or nothing when even the best scores below the field's threshold. This replaces
first-match cascades, where the order of the rules was the only weighing: a new piece of
evidence is a new feature with a weight, and moves other cases only by its weight.

The weights of a field are a logistic model (Duckling's `Ranking` is the model read, with a
logistic regression in place of its naive Bayes): a score is log-odds, so `confidence(score)`
is the probability that the candidate is right, as the review page shows it. They come from
`weights.json` (fitted by `make train`, see training.py) over the hand priors of weights.py:
a feature the file does not carry keeps its hand weight, brought to the fitted scale by the
factor the file gives, so a feature added by hand works until the next fit.

The parser reads the weights in force (`current()`); `using(weights)` puts others in force for
a block, which is how a k-fold run scores each text with weights fitted without it, and
`tracing()` records every decision taken, with its candidates, for the training.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from . import weights as priors
from .model import Span

T = TypeVar("T")

FIELDS = ("title", "venue", "frame")
NONE = "none"  # the evidence of choosing nothing: its weight is the score of that option
TIE = 1e-6  # scores this close are equal (weights.json keeps 4 decimals; sums of them round)
WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class Candidate(Generic[T]):
    value: T
    source: str
    span: Span | None = None
    features: tuple[str, ...] = ()

    @property
    def evidence(self) -> tuple[str, ...]:
        """The source and the features: every name the score adds a weight for."""
        return (self.source, *self.features) if self.source else self.features

    def score(self, weights: Mapping[str, float]) -> float:
        return sum(weights.get(f, 0.0) for f in self.evidence)

    def with_features(self, *features: str) -> Candidate[T]:
        return Candidate(self.value, self.source, self.span, self.features + features)


@dataclass(frozen=True)
class FieldModel:
    """One field's weights, the least score chosen, and the least score for a second venue."""

    weights: Mapping[str, float]
    threshold: float = 0.0
    second: float = math.inf


@dataclass(frozen=True)
class Weights:
    title: FieldModel
    venue: FieldModel
    frame: FieldModel

    def field(self, name: str) -> FieldModel:
        return getattr(self, name)


def hand_weights(scale: Mapping[str, float] | None = None) -> Weights:
    """The hand priors of weights.py, each field multiplied by its scale (1 when none given).
    A field's threshold doubles as the score of choosing nothing ('none')."""
    models = {}
    for name in FIELDS:
        table, threshold, second = _prior(name)
        k = (scale or {}).get(name, 1.0)
        weights = {f: k * w for f, w in table.items()}
        weights.setdefault(NONE, k * threshold)
        models[name] = FieldModel(weights, k * threshold, k * second)
    return Weights(**models)


def _prior(name: str) -> tuple[Mapping[str, float], float, float]:
    if name == "title":
        return priors.TITLE, priors.TITLE_THRESHOLD, math.inf
    if name == "venue":
        return priors.VENUE, priors.VENUE_THRESHOLD, priors.VENUE_SECOND
    return priors.FRAME, priors.FRAME_THRESHOLD, math.inf


def from_fitted(fitted: Mapping[str, Any]) -> Weights:
    """The fitted weights (weights.json's shape) over the priors scaled to them."""
    scale = {name: fitted[name]["prior_scale"] for name in FIELDS if name in fitted}
    hand = hand_weights(scale)
    models = {}
    for name in FIELDS:
        prior = hand.field(name)
        if name not in fitted:
            models[name] = prior
            continue
        part = fitted[name]
        table = {**prior.weights, **part["weights"]}
        threshold = part.get("threshold", prior.threshold)
        # a second venue stands as far above the cut as the hand weights put it
        second = threshold + (prior.second - prior.threshold)
        models[name] = FieldModel(table, threshold, second)
    return Weights(**models)


@cache
def committed() -> Weights:
    """The weights the parser ships with: weights.json over the priors, or the priors alone."""
    if not WEIGHTS_FILE.exists():
        return hand_weights()
    return from_fitted(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


_IN_FORCE: ContextVar[Weights | None] = ContextVar("parser_weights", default=None)


def current() -> Weights:
    return _IN_FORCE.get() or committed()


@contextmanager
def using(weights: Weights | None) -> Iterator[None]:
    """`weights` in force within the block (None: the committed ones)."""
    token = _IN_FORCE.set(weights)
    try:
        yield
    finally:
        _IN_FORCE.reset(token)


# Decisions, recorded for training ---------------------------------------------------------------


@dataclass
class Decision:
    """One choice the parser made for a frame: the field, the anchor date's span in the text
    (which joins a frame's title and venue choices to the frame), the candidates with their
    evidence, and for a frame the starts of its drafts."""

    field: str
    anchor: tuple[int, int]
    evidence: list[tuple[str, ...]]
    values: list[Any]
    starts: list[Any] = field(default_factory=list)


_TRACE: ContextVar[list[Decision] | None] = ContextVar("parser_trace", default=None)


@contextmanager
def tracing() -> Iterator[list[Decision]]:
    """Every decision taken within the block, in order."""
    trace: list[Decision] = []
    token = _TRACE.set(trace)
    try:
        yield trace
    finally:
        _TRACE.reset(token)


def _record(name: str, anchor: tuple[int, int], candidates: list[Candidate], starts=()) -> None:
    trace = _TRACE.get()
    if trace is not None:
        evidence = [c.evidence for c in candidates]
        trace.append(Decision(name, anchor, evidence, [c.value for c in candidates], list(starts)))


# Choosing ----------------------------------------------------------------------------------------


def ranked(
    candidates: Iterable[Candidate[T]], weights: Mapping[str, float]
) -> list[tuple[float, Candidate[T]]]:
    """Best first; among equal scores the earlier candidate (as generated) first."""
    scored = [(c.score(weights), -i, c) for i, c in enumerate(candidates)]
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [(score, c) for score, _, c in scored]


def best(
    candidates: Iterable[Candidate[T]], weights: Mapping[str, float], threshold: float = 0.0
) -> tuple[float, Candidate[T]] | None:
    order = ranked(candidates, weights)
    if not order or order[0][0] < threshold:
        return None
    return order[0]


class Ranked(NamedTuple):
    score: float
    candidate: Candidate
    probability: float  # that the candidate's value is right, by the field's model


def rank(name: str, candidates: Iterable[Candidate[T]], anchor: tuple[int, int]) -> list[Ranked]:
    """A field's candidates for the frame at `anchor`, best first by the weights in force,
    each with the probability that its value is the right one: the softmax over the candidates
    and the option of none (the model the training fits), summed over candidates that give the
    same value (a title found by two readers is one title)."""
    listed = list(candidates)
    _record(name, anchor, listed)
    weights = current().field(name).weights
    order = ranked(listed, weights)
    if not order:
        return []
    top = max(order[0][0], weights.get(NONE, -math.inf))
    mass: dict[str, float] = {}
    for score, c in order:
        mass[_key(c.value)] = mass.get(_key(c.value), 0.0) + math.exp(score - top)
    total = sum(mass.values()) + math.exp(weights.get(NONE, -math.inf) - top)
    return [Ranked(score, c, mass[_key(c.value)] / total) for score, c in order]


def _key(value: Any) -> str:
    return str(getattr(value, "name", value)).casefold()


def choose(name: str, candidates: Iterable[Candidate[T]], anchor: tuple[int, int]) -> Ranked | None:
    """The best candidate, or None when it scores below the field's threshold."""
    order = rank(name, candidates, anchor)
    if not order or order[0].score < current().field(name).threshold - TIE:
        return None
    return order[0]


def frame_score(
    features: Iterable[str], anchor: tuple[int, int], starts: Iterable[Any]
) -> tuple[float, float]:
    """A frame's score by the weights in force (is the dated reading an event to go to?), and
    the probability that it is: the logistic of its score against the option of none."""
    listed = tuple(features)
    frame = Candidate(None, "", None, listed)  # a frame has features, no source
    _record("frame", anchor, [frame], starts)
    weights = current().frame.weights
    score = frame.score(weights)
    return score, confidence(score - weights.get(NONE, 0.0))


def sure(span: Span | None, probability: float) -> Span | None:
    """The span with the model's probability as its confidence."""
    if span is None:
        return None
    return Span(span.start, span.end, span.text, probability)


def confidence(score: float, scale: float = 1.0) -> float:
    """A score (log-odds) as a probability in (0, 1)."""
    z = max(-60.0, min(60.0, score / scale))
    return 1.0 / (1.0 + math.exp(-z))
