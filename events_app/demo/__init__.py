"""Demo data: the Arise festival of July 2018, parsed from the Morning Star article that
announced it, exactly as an organiser's paste would be."""

from __future__ import annotations

from importlib import resources

from ..domain import Event
from ..parsing import parse_announcement
from ..services import events_from_drafts

DEMO_TAG = "arise-2018"


def seed_text() -> str:
    return resources.files(__package__).joinpath("arise-2018.txt").read_text(encoding="utf-8")


def demo_events() -> list[Event]:
    """The festival and its sessions, published; the text names no year, so none is given."""
    text = seed_text()
    result = parse_announcement(text, reference_date=None, timezone="Europe/London")
    return events_from_drafts(result.drafts, source_text=text, published=True, tags=[DEMO_TAG])
