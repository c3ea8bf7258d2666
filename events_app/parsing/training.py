"""Fitting the parser's weights (evidence.py) from annotated texts, and k-fold cross-validation.

Run by `make train` (bench/train_parser.py) over the shared corpora; nothing here reads files,
so the tests run it on texts of their own.

1. Every text is parsed under the hand priors with the decisions traced (evidence.tracing):
   each frame, and each frame's title and venue candidates with their evidence. Tracing under
   the priors, not under the weights of the day, keeps a refit independent of the last one.
2. Each decision is labelled against the gold, by the rules the shared scorer uses: a frame is
   right when one of its drafts starts on the day of a gold event (at its time when both have
   one); a title candidate when its words overlap the gold title's by at least half (F1 of
   words); a venue candidate when it and a gold venue contain one another.
3. Each field is a logistic regression over its evidence (names of sources and features), fitted
   by Newton's method with a Gaussian prior centred on the hand weights brought to the scale of
   the data (one factor per field, fitted first): where the data say little, a weight stays
   near its hand value; the figures it produces are probabilities. The field's threshold is the
   score that gives the best F1 of its choices on the training texts.
The fit is deterministic: the same texts in the same order give the same weights, bit for bit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from . import ParseError, ParseResult, parse_announcement
from . import evidence as evidence_mod
from .evidence import FIELDS, Decision, FieldModel

DEFAULT_ZONE = "Europe/London"  # the service's default, as the CLI uses it
REGULARISATION = 1.0  # precision of the Gaussian prior around the scaled hand weights
TITLE_OVERLAP = 0.5  # a title is right when its words overlap the gold title's this much
ROUND = 4  # decimals kept in weights.json

R = TypeVar("R")
W = TypeVar("W")


@dataclass(frozen=True)
class Text:
    """One annotated text. `gold` is {"events": [...]} in the shape of the shared FORMAT.md, or
    a seminar e-mail's slots {"location": [...], ...} (no dates: only its venues are labelled).
    `year_free`: its dates are compared by month and day (an undated text's year is a guess)."""

    id: str
    text: str
    published: str | None
    gold: Mapping[str, Any]
    corpus: str = ""
    year_free: bool = False

    @property
    def key(self) -> str:
        """Unique across corpora (ids are unique only within one)."""
        return f"{self.corpus}/{self.id}"


def reference_date(published: str | None) -> date | None:
    """'2019-12' (a month) counts from its first day, as the shared scorer's command does."""
    if not published:
        return None
    if len(published) == 7:
        published += "-01"
    return date.fromisoformat(published)


def read(text: Text) -> ParseResult | None:
    """The text parsed as `events-app parse --reference-date={published}` would parse it."""
    try:
        return parse_announcement(
            text.text,
            reference_date=reference_date(text.published),
            timezone=DEFAULT_ZONE,
            fallback_year=datetime.now(UTC).year,
        )
    except ParseError:
        return None


# Labelling -----------------------------------------------------------------------------------


@dataclass
class Example:
    """A candidate's evidence and whether it is right; `group` numbers the decision it was
    one choice of; `wanted` says whether the gold has a value for that decision at all."""

    evidence: tuple[str, ...]
    right: bool
    group: int
    wanted: bool = True
    text: int = 0  # which of the pooled texts it came from


@dataclass
class Examples:
    by_field: dict[str, list[Example]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    missed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    groups: int = 0
    texts: int = 0

    def extend(self, other: Examples) -> None:
        """Pool another text's examples in (its groups and text numbered after these)."""
        for name in FIELDS:
            for ex in other.by_field[name]:
                self.by_field[name].append(
                    Example(ex.evidence, ex.right, ex.group + self.groups, ex.wanted, self.texts)
                )
            self.missed[name] += other.missed[name]
        self.groups += other.groups
        self.texts += 1


def trace(text: Text) -> list[Decision]:
    """The text's decisions, taken under the hand priors."""
    with evidence_mod.using(evidence_mod.hand_weights()), evidence_mod.tracing() as decisions:
        read(text)
    return decisions


def examples(text: Text, decisions: Sequence[Decision]) -> Examples:
    """The decisions of one text labelled against its gold."""
    out = Examples()
    if "events" not in text.gold:
        _label_slots(text, decisions, out)
        return out
    gold = [e for e in text.gold["events"] if e.get("start")]
    found: set[int] = set()
    frames = {d.anchor: d for d in decisions if d.field == "frame"}
    matched = {anchor: _gold_for(text, gold, d.starts) for anchor, d in frames.items()}
    for decision in decisions:
        events = matched.get(decision.anchor, [])
        if decision.field == "frame":
            _add(out, "frame", decision, [bool(events)], wanted=bool(events))
            found.update(id(e) for e in events)
        elif events and decision.field == "title":
            _add(out, "title", decision, [_title_right(v, events) for v in decision.values])
        elif events and decision.field == "venue":
            names = [_venue(v) for e in events for v in _gold_venues(e)]
            rights = [_venue_right(_venue(v.name), names) for v in decision.values]
            _add(out, "venue", decision, rights, wanted=bool(names))
    out.missed["frame"] = sum(1 for e in gold if id(e) not in found)
    return out


def _label_slots(text: Text, decisions: Sequence[Decision], out: Examples) -> None:
    names = [_venue(v) for v in text.gold.get("location", [])]
    for decision in decisions:
        if decision.field == "venue":
            rights = [_venue_right(_venue(v.name), names) for v in decision.values]
            _add(out, "venue", decision, rights, wanted=bool(names))


def _add(out: Examples, name: str, decision: Decision, rights: list[bool], wanted=True) -> None:
    group = out.groups
    out.groups += 1
    for evidence, right in zip(decision.evidence, rights, strict=True):
        out.by_field[name].append(Example(evidence, right, group, wanted))


def _day(value: Any, year_free: bool) -> tuple[str, str | None]:
    if isinstance(value, datetime):
        day, clock = value.date().isoformat(), value.strftime("%H:%M")
    elif isinstance(value, date):
        day, clock = value.isoformat(), None
    else:
        m = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?", str(value))
        day, clock = (m.group(1), m.group(2)) if m else ("", None)
    return (day[5:] if year_free else day), clock


def _gold_for(text: Text, gold: list[dict], starts: Iterable[Any]) -> list[dict]:
    """The gold events a frame's drafts stand for: on the same day, at the same time when
    both have one and some gold event that day has it."""
    out: list[dict] = []
    for start in starts:
        day, clock = _day(start, text.year_free)
        same_day = [e for e in gold if _day(e["start"], text.year_free)[0] == day]
        timed = [e for e in same_day if clock and _day(e["start"], text.year_free)[1] == clock]
        out.extend(e for e in (timed or same_day) if all(e is not o for o in out))
    return out


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _words(text: str) -> set[str]:
    return set(_fold(text).split())


def _title_right(title: str, events: list[dict]) -> bool:
    mine = _words(title)
    for event in events:
        theirs = _words(event.get("title") or "")
        both = len(mine & theirs)
        if both and 2 * both / (len(mine) + len(theirs)) >= TITLE_OVERLAP:
            return True
    return False


def _gold_venues(event: dict) -> list[Any]:
    if "venues" in event:
        return list(event["venues"] or [])
    return [event["venue"]] if event.get("venue") else []


def _venue(name: Any) -> str:
    if isinstance(name, dict):
        name = name.get("name") or ""
    words = _fold(str(name)).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _venue_right(mine: str, names: list[str]) -> bool:
    return bool(mine) and any(
        g == mine or (len(g) >= 4 and g in mine) or (len(mine) >= 4 and mine in g)
        for g in names
        if g
    )


# Fitting -------------------------------------------------------------------------------------


def fit(labelled: Examples, texts: Mapping[str, int] | None = None) -> dict[str, Any]:
    """weights.json's content: per field the prior scale, the fitted weights, the threshold."""
    out: dict[str, Any] = {
        "about": (
            "Fitted by `make train` (events_app/parsing/training.py) from the shared corpora; "
            "read by evidence.py over the hand priors of weights.py. Do not edit by hand."
        ),
        "fitted_on": dict(texts or {}),
        "regularisation": REGULARISATION,
    }
    hand = evidence_mod.hand_weights()
    for name in FIELDS:
        rows = labelled.by_field[name]
        if rows:
            out[name] = _fit_field(name, rows, hand.field(name), labelled.missed[name])
    return out


def _fit_field(name: str, rows: list[Example], hand: FieldModel, missed: int) -> dict[str, Any]:
    """The field's model: the hand weights rescaled (only the scale and the weight of none
    fitted) or every weight fitted, whichever predicts held-out texts better (an inner
    cross-validation over the training texts). A rescaled model keeps the hand threshold
    (rescaled), so it chooses exactly as the hand weights do, with calibrated confidences; a
    fitted one gets the threshold with the best F1 of its choices on the training texts."""
    variant = _better_variant(name, rows, hand.weights)
    table, scale = _fit_variant(variant, _groups(name, rows), hand.weights)
    fitted = variant == "fitted"
    threshold = _threshold(rows, table, missed) if fitted else scale * hand.threshold
    return {
        "model": variant,
        "prior_scale": round(scale, ROUND),
        "threshold": round(threshold, ROUND),
        "decisions": len({r.group for r in rows}),
        "candidates": len(rows),
        "right": sum(r.right for r in rows),
        "weights": table,
    }


VARIANTS = ("rescaled", "fitted")
INNER_FOLDS = 3


def _fit_variant(
    variant: str, groups: list[Choice], hand: Mapping[str, float]
) -> tuple[dict[str, float], float]:
    scale = round(_prior_scale(groups, hand), ROUND)  # as the file keeps it
    names = sorted({f for g in groups for option in g.options for f in option})
    mean = [scale * hand.get(f, 0.0) for f in names]
    free = set(names) if variant == "fitted" else {evidence_mod.NONE} & set(names)
    beta = _fit_choices(groups, names, mean, REGULARISATION, free)
    return {f: round(b, ROUND) for f, b in zip(names, beta, strict=True)}, scale


def _better_variant(name: str, rows: list[Example], hand: Mapping[str, float]) -> str:
    """The fitted variant where it predicts held-out texts (an inner cross-validation) better
    than the rescaled hand weights by more than the noise: its total log loss lower by more
    than one standard error of the difference (the 'one standard error' rule, which keeps the
    simpler model when the evidence for the other is thin)."""
    differences: list[float] = []
    for fold in range(INNER_FOLDS):
        train = [r for r in rows if r.text % INNER_FOLDS != fold]
        held = _groups(name, [r for r in rows if r.text % INNER_FOLDS == fold])
        if not train or not held:
            continue
        tables = [_fit_variant(v, _groups(name, train), hand)[0] for v in VARIANTS]
        for group in held:
            rescaled, fitted = (_loss([group], lambda o, t=t: _score(t, o)) for t in tables)
            differences.append(fitted - rescaled)
    if len(differences) < 2:
        return "rescaled"
    total = sum(differences)
    mean = total / len(differences)
    spread = math.sqrt(sum((d - mean) ** 2 for d in differences))  # std error of the total
    return "fitted" if total < -spread else "rescaled"


def _score(table: Mapping[str, float], evidence: tuple[str, ...]) -> float:
    return sum(table.get(f, 0.0) for f in evidence)


@dataclass(frozen=True)
class Choice:
    """One decision as the model sees it: its options (the candidates' evidence, and the option
    of none last) and which of them are right (none is right when no candidate is)."""

    options: tuple[tuple[str, ...], ...]
    rights: tuple[bool, ...]


def _groups(name: str, rows: list[Example]) -> list[Choice]:
    """A title or venue is one of its candidates or none; a frame is itself or none (yes or
    no). The option of none scores the weight of 'none'."""
    by_group: dict[int, list[Example]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    none = (evidence_mod.NONE,)
    out = []
    for group in sorted(by_group):
        members = by_group[group]
        rights = tuple(r.right for r in members)
        options = (*(r.evidence for r in members), none)
        out.append(Choice(options, (*rights, not any(rights))))
    return out


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _loss(groups: list[Choice], score: Callable[[tuple[str, ...]], float]) -> float:
    """-log likelihood: each decision's probability of choosing one of its right options."""
    loss = 0.0
    for g in groups:
        p = _softmax([score(o) for o in g.options])
        loss -= math.log(max(1e-300, sum(q for q, ok in zip(p, g.rights, strict=True) if ok)))
    return loss


def _prior_scale(groups: list[Choice], hand: Mapping[str, float]) -> float:
    """The factor that turns hand scores into log-odds best: the one-weight fit, by golden
    section on a log scale (the likelihood is smooth and has one best factor in practice)."""

    def loss_at(log_c: float) -> float:
        c = math.exp(log_c)
        return _loss(groups, lambda o: c * sum(hand.get(f, 0.0) for f in o))

    low, high = math.log(1e-3), math.log(10.0)
    ratio = (math.sqrt(5) - 1) / 2
    a, b = high - ratio * (high - low), low + ratio * (high - low)
    fa, fb = loss_at(a), loss_at(b)
    while high - low > 1e-4:
        if fa <= fb:
            high, b, fb = b, a, fa
            a = high - ratio * (high - low)
            fa = loss_at(a)
        else:
            low, a, fa = a, b, fb
            b = low + ratio * (high - low)
            fb = loss_at(b)
    return math.exp((low + high) / 2)


def _fit_choices(
    groups: list[Choice], names: list[str], mean: list[float], lam: float, free: set[str]
) -> list[float]:
    """Maximum a posteriori weights of the choice model (a conditional logit: softmax over each
    decision's options) with a Gaussian prior lam/2 * |beta - mean|^2, by Fisher scoring with
    step halving, from the prior mean; the weights not in `free` stay at the mean."""
    fixed = [i for i, name in enumerate(names) if name not in free]
    index = {name: i for i, name in enumerate(names)}
    coded = [
        ([Counter(index[f] for f in option) for option in g.options], g.rights) for g in groups
    ]
    beta = list(mean)
    d = len(beta)

    def objective(b: list[float]) -> float:
        loss = 0.0
        for options, rights in coded:
            p = _softmax([sum(b[j] * n for j, n in x.items()) for x in options])
            loss -= math.log(max(1e-300, sum(q for q, ok in zip(p, rights, strict=True) if ok)))
        return loss + lam / 2 * sum((v - m) ** 2 for v, m in zip(b, mean, strict=True))

    current = objective(beta)
    for _ in range(200):
        grad = [lam * (v - m) for v, m in zip(beta, mean, strict=True)]
        fisher = [[lam if i == j else 0.0 for j in range(d)] for i in range(d)]
        for options, rights in coded:
            _add_choice(beta, options, rights, grad, fisher)
        for i in fixed:
            grad[i] = 0.0
            fisher[i] = [1.0 if j == i else 0.0 for j in range(d)]
            for row in fisher:
                if row is not fisher[i]:
                    row[i] = 0.0
        step = _solve(fisher, grad)
        size = 1.0
        while True:
            trial = [v - size * s for v, s in zip(beta, step, strict=True)]
            value = objective(trial)
            if value <= current or size < 1e-8:
                break
            size /= 2
        if value > current:
            break
        beta, current = trial, value
        if max(abs(size * s) for s in step) < 1e-9:
            break
    return beta


def _add_choice(beta, options, rights, grad, fisher) -> None:
    """One decision's gradient (p - q) . x and Fisher information (the covariance of x under
    p), added in place: p is the model's softmax, q the same restricted to the right options."""
    p = _softmax([sum(beta[j] * n for j, n in x.items()) for x in options])
    right_mass = sum(q for q, ok in zip(p, rights, strict=True) if ok)
    mean_x: Counter[int] = Counter()
    for prob, x, ok in zip(p, options, rights, strict=True):
        q = prob / right_mass if ok and right_mass > 0 else 0.0
        for j, n in x.items():
            grad[j] += (prob - q) * n
            mean_x[j] += prob * n
    for prob, x in zip(p, options, strict=True):
        for j, n in x.items():
            for i, m in x.items():
                fisher[j][i] += prob * n * m
    for j, a in mean_x.items():
        for i, b in mean_x.items():
            fisher[j][i] -= a * b


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix @ x = vector (Gaussian elimination, partial pivoting; matrix is SPD)."""
    n = len(vector)
    a = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def _threshold(rows: list[Example], table: Mapping[str, float], missed: int) -> float:
    """The least score to choose a field's best candidate by: the one that gives the best F1
    of the choices on these rows (a choice is right when its best candidate is; every decision
    whose gold has a value, and every gold event no frame found, is one to get)."""
    tops: dict[int, tuple[float, bool]] = {}
    wanted = missed
    for row in rows:
        score = _score(table, row.evidence)
        if row.group not in tops:
            wanted += row.wanted
            tops[row.group] = (score, row.right)
        elif score > tops[row.group][0]:
            tops[row.group] = (score, row.right)
    ordered = sorted(tops.values(), key=lambda t: -t[0])
    best_f1, best_at, tp = -1.0, math.inf, 0
    for n, (score, right) in enumerate(ordered, start=1):
        tp += right
        f1 = 2 * tp / (n + wanted) if n + wanted else 0.0
        following = ordered[n][0] if n < len(ordered) else score - 1.0
        if f1 > best_f1 and following < score:
            best_f1, best_at = f1, (score + following) / 2
    return best_at if math.isfinite(best_at) else 0.0


# Training and cross-validation ---------------------------------------------------------------


def labelled(texts: Iterable[Text]) -> dict[str, Examples]:
    """Each text's labelled decisions, by text key."""
    return {t.key: examples(t, trace(t)) for t in texts}


def fitted_on(texts: Sequence[Text], labels: Mapping[str, Examples]) -> dict[str, Any]:
    """Weights fitted on `texts` (whose labelled decisions are in `labels`)."""
    pooled = Examples()
    for text in texts:
        pooled.extend(labels[text.key])
    return fit(pooled, dict(Counter(t.corpus for t in texts)))


def folds(texts: Sequence[Text], k: int) -> list[int]:
    """Each text's fold: round-robin within its corpus, in the given order (deterministic, and
    every corpus spread over all folds)."""
    seen: Counter[str] = Counter()
    out = []
    for text in texts:
        out.append(seen[text.corpus] % k)
        seen[text.corpus] += 1
    return out


def cross_validate(
    texts: Sequence[Text],
    k: int,
    fit_on: Callable[[list[Text]], W],
    predict: Callable[[Text, W], R],
) -> dict[str, R]:
    """Each text predicted by a model fitted on the other folds only, by text key."""
    assigned = folds(texts, k)
    out: dict[str, R] = {}
    for fold in range(k):
        held = [t for t, f in zip(texts, assigned, strict=True) if f == fold]
        if not held:
            continue
        model = fit_on([t for t, f in zip(texts, assigned, strict=True) if f != fold])
        for text in held:
            out[text.key] = predict(text, model)
    return out
