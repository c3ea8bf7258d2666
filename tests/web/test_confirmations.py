"""Cancel and Delete ask first; a cancelled event can be restored (SEQUENCE up again); deleting
a festival asks what becomes of its sessions."""

from __future__ import annotations

import icalendar

from events_app.domain import EventFilter, EventStatus
from events_app.store import repository
from tests.builders import child_of, event, london
from tests.html_reader import alerts, attribute, text, texts
from tests.web.organiser_helpers import press


def sequence_in_feed(client, slug: str) -> tuple[str, int]:
    feed = icalendar.Calendar.from_ical(client.get(f"/events/{slug}.ics").data)
    vevent = next(iter(feed.walk("VEVENT")))
    return str(vevent["STATUS"]), int(vevent.get("SEQUENCE", 0))


def test_cancel_asks_first_then_restore_puts_it_back_on(
    signed_in, organiser, store_events, app_session
):
    [talk] = store_events(event("Housing talk", owner_id=organiser.id))
    before = sequence_in_feed(signed_in, talk.slug)

    asked = signed_in.get(f"/organiser/events/{talk.id}/cancel")
    still = sequence_in_feed(signed_in, talk.slug)
    press(signed_in, f"/organiser/events/{talk.id}/cancel", {})
    cancelled = sequence_in_feed(signed_in, talk.slug)
    dashboard = signed_in.get("/organiser/").get_data(as_text=True)
    press(signed_in, f"/organiser/events/{talk.id}/restore", {})
    restored = sequence_in_feed(signed_in, talk.slug)

    assert asked.status_code == 200
    assert text(asked.get_data(as_text=True), "h1") == "Cancel “Housing talk”?"
    assert still == before == ("CONFIRMED", 0)
    assert cancelled == ("CANCELLED", 1)
    assert f"/organiser/events/{talk.id}/restore" in attribute(dashboard, "form", "action")
    assert restored == ("CONFIRMED", 2)


def test_delete_asks_first(signed_in, organiser, store_events, app_session):
    [talk] = store_events(event("Housing talk", owner_id=organiser.id))

    asked = signed_in.get(f"/organiser/events/{talk.id}/delete")

    assert asked.status_code == 200
    assert text(asked.get_data(as_text=True), "h1") == "Delete “Housing talk”?"
    assert [e.title for e in repository.list_events(app_session, EventFilter())] == ["Housing talk"]


def _festival(store_events, owner_id):
    return store_events(
        event("Winter school", owner_id=owner_id, start=london(2027, 1, 9, 10, 0)),
        event(
            "Opening talk",
            owner_id=owner_id,
            start=london(2027, 1, 9, 10, 30),
            parent=child_of("Winter school"),
        ),
        event(
            "Print workshop",
            owner_id=owner_id,
            start=london(2027, 1, 9, 14, 0),
            parent=child_of("Winter school"),
        ),
    )


def test_deleting_a_festival_asks_what_happens_to_its_sessions(
    signed_in, organiser, store_events, app_session
):
    festival, *_ = _festival(store_events, organiser.id)

    asked = signed_in.get(f"/organiser/events/{festival.id}/delete").get_data(as_text=True)
    refused = press(signed_in, f"/organiser/events/{festival.id}/delete", {})
    app_session.rollback()

    assert texts(asked, "legend, fieldset.choice li") == [
        "It has 2 sessions: what happens to them?",
        "Opening talk",
        "Print workshop",
    ]
    assert refused.status_code == 422
    assert alerts(refused.get_data(as_text=True)) == ["Choose what happens to its sessions."]
    assert len(repository.list_events(app_session, EventFilter())) == 3


def test_a_festivals_sessions_can_be_kept(signed_in, organiser, store_events, app_session):
    festival, *_ = _festival(store_events, organiser.id)

    press(signed_in, f"/organiser/events/{festival.id}/delete", {"sessions": "keep"})
    app_session.rollback()
    left = repository.list_events(app_session, EventFilter())

    assert [(e.title, e.parent, e.status) for e in left] == [
        ("Opening talk", None, EventStatus.CONFIRMED),
        ("Print workshop", None, EventStatus.CONFIRMED),
    ]


def test_a_festivals_sessions_can_go_with_it(signed_in, organiser, store_events, app_session):
    festival, *_ = _festival(store_events, organiser.id)

    response = press(signed_in, f"/organiser/events/{festival.id}/delete", {"sessions": "delete"})
    app_session.rollback()

    assert response.status_code == 302
    assert repository.list_events(app_session, EventFilter()) == []
