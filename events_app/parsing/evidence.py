"""Candidates with their evidence, and the linear score that ranks them.

Each reader (titles, places, people, frames) yields every candidate it can see, with the span
it came from, the source that produced it and the features that speak for or against it. A
candidate's score is the sum of the weights of its source and features (weights.py); the
assembly takes the best, or nothing when even the best scores below the field's threshold.
This replaces first-match cascades, where the order of the rules was the only weighing: a new
piece of evidence is a new feature with a weight, and moves other cases only by its weight.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from .model import Span

T = TypeVar("T")


@dataclass(frozen=True)
class Candidate(Generic[T]):
    value: T
    source: str
    span: Span | None = None
    features: tuple[str, ...] = ()

    def score(self, weights: Mapping[str, float]) -> float:
        return weights.get(self.source, 0.0) + sum(weights.get(f, 0.0) for f in self.features)

    def with_features(self, *features: str) -> Candidate[T]:
        return Candidate(self.value, self.source, self.span, self.features + features)


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


def confidence(score: float, scale: float = 1.0) -> float:
    """A score as a probability-like figure in (0, 1), for the review page's ordering."""
    return 1.0 / (1.0 + math.exp(-score / scale))
