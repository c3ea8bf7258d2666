"""Ids are never handed out twice: a deleted row's id must not come to mean another row."""

from sqlalchemy import delete, select

from events_app import accounts, services
from events_app.domain import Role
from events_app.store import repository
from events_app.store.tables import PersonRow, UserRow, VenueRow
from tests.builders import event, person, venue
from tests.conftest import NOW, PASSWORD


def store(session, *events):
    return services.create_events(session, list(events), now=NOW, uid_domain="example.org")


def test_a_deleted_events_id_is_never_given_to_a_new_one(session):
    [first] = store(session, event("First"))
    [last] = store(session, event("Last", venues=[venue("Hall A")], speakers=[person("Ann")]))
    services.delete(session, last.id, now=NOW)

    [new] = store(session, event("New"))

    assert (first.id < last.id < new.id, repository.get_event_by_id(session, last.id)) == (
        True,
        None,
    )


def test_deleted_venues_people_and_users_ids_are_never_reused(session):
    store(session, event("Talk", venues=[venue("Hall A")], speakers=[person("Ann")]))
    user = accounts.create_user(session, "a@example.org", PASSWORD, Role.ORGANISER, NOW)
    old = (
        session.scalar(select(VenueRow.id)),
        session.scalar(select(PersonRow.id)),
        user.id,
    )
    for model in (VenueRow, PersonRow, UserRow):
        session.execute(delete(model))
    session.commit()

    store(session, event("Talk 2", venues=[venue("Hall B")], speakers=[person("Bo")]))
    again = accounts.create_user(session, "b@example.org", PASSWORD, Role.ORGANISER, NOW)
    new = (session.scalar(select(VenueRow.id)), session.scalar(select(PersonRow.id)), again.id)

    assert [n > o for n, o in zip(new, old, strict=True)] == [True, True, True]
