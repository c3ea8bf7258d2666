"""Two editors, one event: what the 409 page offers when a save comes after someone else's.

The edit form carries a digest of each field as it was opened (`base`). When the save is
refused because the event changed meanwhile, every field where the editor's value and the
saved one differ is offered side by side; the digests say which side changed it, so a field
the editor left alone defaults to the saved value (the other editor's change is never undone
unseen), a field only the editor changed defaults to theirs, and a field both changed must be
chosen. The choices come back as `pick-<field>`, with both values carried along, and are read
into one form, saved against the revision the page was shown with."""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from ..domain import InvalidEventError
from ..zone_input import read_zone
from .forms import EventForm

LABELS = {
    "title": "Title",
    "start_date": "Start date",
    "start_time": "Start time",
    "end_date": "End date",
    "end_time": "End time",
    "timezone": "Time zone",
    "clock_pass": "Which pass of the repeated hour",
    "all_day": "All day",
    "attendance": "How people attend",
    "url": "Event page",
    "join_url": "Join link",
    "venues": "Venues",
    "speakers": "Speakers",
    "tickets": "Tickets link",
    "price": "Price",
    "tags": "Tags",
    "organiser": "Organiser",
    "cover_alt": "Cover image description",
    "show_source": "Show the announcement on the page",
    "recurrence": "Repeats",
    "description": "Description",
}
FIELDS = tuple(LABELS)
FLAGS = ("all_day", "show_source")
PICKS = ("yours", "saved")
DIGEST_CHARS = 12
BASE_MAX = 2_000


@dataclass(frozen=True)
class Difference:
    """One field the two versions disagree on; `default` is the side pre-chosen ("" for none)."""

    name: str
    label: str
    yours: str
    saved: str
    default: str
    reason: str

    def shown(self, side: str) -> str:
        value = self.yours if side == "yours" else self.saved
        if self.name in FLAGS:
            return "Yes" if value else "No"
        return value or "(empty)"


def values_of(form: EventForm) -> dict[str, str]:
    """The form's fields as the strings a browser submits (a ticked box is "1"); the repeat
    is the rule the repeats control makes, as the raw rule field carries it here."""
    values = {
        name: ("1" if getattr(form, name) else "") if name in FLAGS else getattr(form, name)
        for name in FIELDS
    }
    with contextlib.suppress(InvalidEventError):  # a control that cannot be read: as sent
        values["recurrence"] = form.rule(read_zone(form.timezone))
    return values


def _digest(value: str) -> str:
    return hashlib.blake2s(value.encode(), digest_size=DIGEST_CHARS // 2).hexdigest()


def base_of(form: EventForm) -> str:
    """The digests of the fields as the editor opened them, for the form's hidden `base`."""
    return ",".join(_digest(value) for value in values_of(form).values())


def _read_base(text: str | None) -> dict[str, str]:
    """The opened digests by field; empty (nothing known) for a missing or malformed one."""
    parts = (text or "")[:BASE_MAX].split(",")
    if len(parts) != len(FIELDS) or any(len(p) != DIGEST_CHARS for p in parts):
        return {}
    return dict(zip(FIELDS, parts, strict=True))


def differences(yours: EventForm, saved: EventForm, base: str | None) -> list[Difference]:
    """The fields on which the editor's values and the saved event differ, in form order."""
    opened = _read_base(base)
    mine, theirs = values_of(yours), values_of(saved)
    found = []
    for name in FIELDS:
        if mine[name] == theirs[name]:
            continue
        you_changed = opened.get(name) != _digest(mine[name])
        they_changed = opened.get(name) != _digest(theirs[name])
        if not opened or (you_changed and they_changed):
            default, reason = "", "You both changed this: choose one."
        elif you_changed:
            default, reason = "yours", "Only you changed this."
        else:
            default, reason = "saved", "You left this as it was; the other editor changed it."
        found.append(Difference(name, LABELS[name], mine[name], theirs[name], default, reason))
    return found


def resolved(form: MultiDict[str, str]) -> tuple[MultiDict[str, str], list[str]]:
    """The edit form the 409 page's choices make: each offered field takes the chosen side's
    value, the rest pass through. Also the labels of offered fields left unchosen (their
    value is then the editor's, for showing the choice again, never for saving)."""
    offered = [n for n in form.get("offered", "").split(",") if n]
    if any(name not in LABELS for name in offered):
        raise InvalidEventError("The choice of versions names a field the form does not have")
    merged = MultiDict(form)
    unchosen = []
    for name in offered:
        pick = form.get(f"pick-{name}", "")
        if pick not in PICKS:
            unchosen.append(LABELS[name])
            pick = "yours"
        merged.setlist(name, [form.get(f"{pick}-{name}", "")])
    return merged, unchosen


def kept(offered: list[Difference], values: EventForm) -> list[tuple[str, str]]:
    """The hidden fields that carry the values both versions share: every field not offered
    (an empty one is left out, as a browser leaves out an unticked box)."""
    names = {d.name for d in offered}
    return [(n, v) for n, v in values_of(values).items() if n not in names and v]
