"""Publishing: a draft's address reveals nothing of it, and a festival's deletion reaches its
sessions' calendars."""

from __future__ import annotations

from datetime import timedelta

from events_app import services
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
