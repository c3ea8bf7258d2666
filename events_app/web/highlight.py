"""The pasted text cut into pieces, each marked with the draft field it gave, for the review
page; the template escapes every piece."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..parsing import Span


@dataclass(frozen=True)
class Piece:
    text: str
    label: str | None = None


def highlight(text: str, spans_per_draft: Sequence[Mapping[str, Span]]) -> list[Piece]:
    marks = sorted(
        (span.start, span.end, f"event {n + 1}: {name.split('.')[0]}")
        for n, spans in enumerate(spans_per_draft)
        for name, span in spans.items()
        if 0 <= span.start < span.end <= len(text)
    )
    pieces: list[Piece] = []
    position = 0
    for start, end, label in marks:
        if start < position:
            continue
        if start > position:
            pieces.append(Piece(text[position:start]))
        pieces.append(Piece(text[start:end], label))
        position = end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces
