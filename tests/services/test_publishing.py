"""Publishing: a draft's address reveals nothing of it, and a festival's deletion reaches its
sessions' calendars."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from events_app import services
from events_app.domain import EventFilter, EventSummary, FestivalNamed, InvalidEventError
from events_app.parsing import Draft
from events_app.store import repository
from tests.builders import child_of, event, london
from tests.conftest import NOW


def store(session, *events):
    return services.create_events(session, list(events), now=NOW, uid_domain="example.org")


def test_a_draft_of_the_same_title_and_day_does_not_show_in_a_published_slug(session):
    [draft] = store(session, event("Rally", published=False))
    [published] = store(session, event("Rally"))

    assert (published.slug, draft.slug.startswith("draft-"), "rally" in draft.slug) == (
        "rally-2027-01-14",
        True,
        False,
    )


def test_publishing_a_draft_gives_it_its_title_address(session):
    [first] = store(session, event("Rally"))
    [draft] = store(session, event("Rally", published=False))

    services.publish(session, draft.id, now=NOW)

    after = repository.get_event_by_id(session, draft.id)
    assert (first.slug, after.slug, after.published) == (
        "rally-2027-01-14",
        "rally-2027-01-14-2",
        True,
    )


def test_a_session_whose_festival_is_named_but_not_in_the_batch_is_refused_whole(session):
    """A festival is named by title only within the batch that stores it; a name that is not
    there stores nothing, rather than a session linked to no festival or to id 0."""
    with pytest.raises(InvalidEventError, match="“Talk” is part of “Festival”, which is not there"):
        store(session, event("Opening"), event("Talk", parent=child_of("Festival")))

    assert repository.list_events(session, EventFilter(include_drafts=True)) == []


def _parent_id(session, stored):
    parent = repository.get_event_by_id(session, stored.id).parent
    return parent and parent.id


def test_drafts_name_their_festival_by_title_until_it_is_stored(session):
    drafts = [
        Draft("Winter school", datetime(2026, 12, 12, 10), "Europe/London"),
        Draft(
            "Opening talk", datetime(2026, 12, 12, 10, 30), "Europe/London", parent="Winter school"
        ),
    ]

    events = services.events_from_drafts(drafts)
    stored = store(session, *events)

    assert ([e.parent for e in events], [_parent_id(session, e) for e in stored]) == (
        [None, FestivalNamed("Winter school")],
        [None, stored[0].id],
    )


def test_deleting_a_festival_moves_its_sessions_revision_and_sequence(session):
    festival, talk = store(
        session,
        event("Festival", start=london(2027, 7, 1, 10, 0)),
        event("Talk", start=london(2027, 7, 1, 12, 0), parent=child_of("Festival")),
    )
    talk = repository.get_event_by_id(session, talk.id)
    assert talk.parent.id == festival.id

    services.delete(session, festival.id, now=NOW + timedelta(days=3))

    after = repository.get_event_by_id(session, talk.id)
    assert (after.parent, after.revision > talk.revision, after.sequence, after.updated_at) == (
        None,
        True,
        talk.sequence + 1,
        NOW + timedelta(days=3),
    )


def test_deleting_a_festival_with_no_choice_about_its_sessions_is_refused_under_the_lock(session):
    """The choice is checked on the festival as the row lock shows it: a session added after
    the caller looked (here, before the call) is not deleted or let go without asking."""
    [festival] = store(session, event("Festival", start=london(2027, 7, 1, 10, 0)))
    store(
        session,
        event(
            "Talk",
            start=london(2027, 7, 1, 12, 0),
            parent=EventSummary(
                id=festival.id,
                slug=festival.slug,
                title=festival.title,
                uid=festival.uid,
                start=festival.start,
                timezone=festival.timezone,
            ),
        ),
    )

    with pytest.raises(services.SessionsChoiceError) as refused:
        services.delete(session, festival.id, now=NOW, with_sessions=None)

    assert not session.in_transaction()
    assert [s.title for s in refused.value.current.sessions] == ["Talk"]
    assert sorted(e.title for e in repository.list_events(session, EventFilter())) == [
        "Festival",
        "Talk",
    ]


def test_deleting_an_event_without_sessions_needs_no_choice(session):
    [alone] = store(session, event("Talk"))

    services.delete(session, alone.id, now=NOW, with_sessions=None)

    assert repository.list_events(session, EventFilter()) == []
