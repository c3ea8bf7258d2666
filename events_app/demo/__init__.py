"""Demo data: the Arise festival of July 2018, as announced in a Morning Star article."""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from zoneinfo import ZoneInfo

from ..domain import Event, EventSummary, Person, Venue

DEMO_TAG = "arise-2018"


def seed_text() -> str:
    return resources.files(__package__).joinpath("arise-2018.txt").read_text(encoding="utf-8")


def demo_events() -> list[Event]:
    """The festival first, then its sessions (whose `parent` names the festival by title)."""
    london = ZoneInfo("Europe/London")
    source = seed_text()
    student_central = Venue(name="Student Central", postcode="WC1E", city="London")
    unite_house = Venue(name="Unite House", city="London")
    festival = Event(
        title="Arise — A Festival of Labour’s Left Ideas",
        start=datetime(2018, 7, 28, 10, 0, tzinfo=london),
        end=datetime(2018, 7, 28, 17, 0, tzinfo=london),
        timezone="Europe/London",
        venues=[student_central, unite_house],
        speakers=[
            Person("John McDonnell", honorific="MP"),
            Person("Diane Abbott", honorific="MP"),
            Person("Richard Burgon", honorific="MP"),
            Person("Shami Chakrabarti"),
            Person("Steve Turner", affiliation="Unite the Union"),
        ],
        tags=[DEMO_TAG],
        source_text=source,
        published=True,
    )
    parent = EventSummary(
        id=0,
        slug="",
        title=festival.title,
        uid="",
        start=festival.start,
        timezone=festival.timezone,
    )
    rally = Event(
        title="Arise opening rally",
        start=datetime(2018, 7, 27, 18, 30, tzinfo=london),
        timezone="Europe/London",
        venues=[student_central],
        tags=[DEMO_TAG],
        source_text=source,
        parent=parent,
        published=True,
    )
    session = Event(
        title="Session on Latin America",
        start=datetime(2018, 7, 28, tzinfo=london),
        end=datetime(2018, 7, 29, tzinfo=london),
        all_day=True,
        timezone="Europe/London",
        speakers=[Person("Chris Williamson")],
        tags=[DEMO_TAG],
        source_text=source,
        parent=parent,
        published=True,
    )
    return [festival, rally, session]
