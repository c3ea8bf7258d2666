"""Fit the parser's weights from the shared corpora and write events_app/parsing/weights.json.

    .venv/bin/python bench/train_parser.py        (make train)

Every text of real-dev.jsonl, dev.jsonl and the seminar training split is parsed under the hand
priors with its decisions traced, labelled against its gold and pooled; each field's logistic
model is fitted (events_app/parsing/training.py). Deterministic: run twice, the same file.
`make score` then gives the k-fold figures of this procedure and the in-sample ones of the file.
"""

from __future__ import annotations

import json
import sys

from score_parser import SETS, load_texts, parsing_dir

from events_app.parsing import evidence, training


def main() -> int:
    if not (parsing_dir() / "score.py").exists():
        print(f"train_parser: no shared corpora at {parsing_dir()} (set EVENTS_SHARED_DIR)")
        return 2
    texts = load_texts(SETS)
    fitted = training.fitted_on(texts, training.labelled(texts))
    evidence.WEIGHTS_FILE.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {evidence.WEIGHTS_FILE} from {fitted['fitted_on']}")
    for name in evidence.FIELDS:
        part = fitted[name]
        print(
            f"{name}: {part['decisions']} decisions, {part['candidates']} candidates, "
            f"{part['right']} right, "
            f"prior scale {part['prior_scale']}, threshold {part['threshold']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
