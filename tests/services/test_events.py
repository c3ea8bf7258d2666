import dataclasses
from datetime import timedelta

import pytest

from events_app import services
from events_app.demo import DEMO_TAG, demo_events
from events_app.domain import (
    EventEdit,
    EventFilter,
    EventStatus,
    InvalidEventError,
    Link,
    LinkKind,
)
from events_app.store import repository
from tests.builders import event, london, person, venue
from tests.conftest import NOW

LATER = NOW + timedelta(hours=1)


@pytest.fixture
def saved(session):
    [stored] = services.create_events(
        session,
        [event("Branch meeting", venues=[venue()], speakers=[person()])],
        now=NOW,
        uid_domain="example.org",
    )
    return stored


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Branch AGM"},
        {"start": london(2027, 1, 14, 19, 0)},
        {"end": None},
        {"status": EventStatus.CANCELLED},
        {"description": "Agenda attached"},
        {"venues": [venue("Camden Town Hall")]},
        {"speakers": []},
        {"links": [Link("https://example.org/join", LinkKind.ONLINE)]},
        {"tags": ["agm"]},
    ],
    ids=lambda change: next(iter(change)),
)
def test_changes_a_calendar_shows_raise_the_sequence(session, saved, change):
    edit = dataclasses.replace(EventEdit.of(saved), **change)

    updated = services.edit_event(session, saved.id, edit, now=LATER)

    assert updated.sequence == 1
    assert updated.updated_at == LATER
    assert updated.uid == saved.uid
    assert updated.slug == saved.slug


def test_changes_no_calendar_shows_keep_the_sequence(session):
    """Saying an all-day fair's times are not known yet changes its page, not its calendar
    entry (a day's entry either way)."""
    start = london(2027, 1, 14, 0, 0)
    [fair] = services.create_events(
        session,
        [event("Fair", start=start, end=start + timedelta(days=1), all_day=True)],
        now=NOW,
        uid_domain="example.org",
    )
    edit = dataclasses.replace(EventEdit.of(fair), time_tba=True)

    updated = services.edit_event(session, fair.id, edit, now=LATER)

    assert (updated.sequence, updated.revision) == (0, fair.revision + 1)
    assert repository.get_event(session, fair.slug).time_tba


def test_cancelling_keeps_the_event_listed_as_cancelled(session, saved):
    services.cancel(session, saved.id, now=LATER)

    [listed] = repository.list_events(session, EventFilter())
    assert listed.status == EventStatus.CANCELLED
    assert listed.sequence == 1


def test_a_bad_event_in_a_batch_stores_nothing(session):
    with pytest.raises(InvalidEventError, match="Title is too long: at most 300 characters"):
        services.create_events(
            session, [event("Fine"), event("x" * 301)], now=NOW, uid_domain="example.org"
        )

    assert repository.list_events(session, EventFilter(include_drafts=True)) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "Title is required"),
        ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
        ({"end": london(2027, 1, 14, 17, 0)}, "The end must not be before the start"),
        ({"links": [Link("javascript:alert(1)")]}, "Link must start with http:// or https://"),
        ({"links": [Link("JaVaScRiPt:alert(1)")]}, "Link must start with http:// or https://"),
        ({"links": [Link("data:text/html,hi")]}, "Link must start with http:// or https://"),
        ({"description": "nul\x00byte"}, "Text must not contain NUL characters"),
        ({"venues": [venue("")]}, "Every venue needs a name"),
    ],
    ids=[
        "blank-title",
        "zone",
        "end-before-start",
        "javascript",
        "mixed-case",
        "data",
        "nul",
        "venue",
    ],
)
def test_invalid_events_are_refused_with_a_reason(session, fields, message):
    with pytest.raises(InvalidEventError, match=message):
        services.create_event(
            session,
            event("Meeting", **fields) if "title" not in fields else event(**fields),
            now=NOW,
            uid_domain="example.org",
        )


def test_demo_seed_loads_once(session):
    first = services.seed_demo(session, demo_events(), now=NOW, uid_domain="x", tag=DEMO_TAG)
    second = services.seed_demo(session, demo_events(), now=NOW, uid_domain="x", tag=DEMO_TAG)

    assert sorted(e.title for e in first) == [
        "Arise — A Festival of Labour’s Left Ideas",
        "Opening rally for Arise",
        "Session on Latin America",
    ]
    assert first[0].title == "Arise — A Festival of Labour’s Left Ideas"
    assert second == []
    assert repository.count_events(session, EventFilter()) == 3
