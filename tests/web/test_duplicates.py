"""Pasting the same text twice: the review page names the events already listed, leaves
their drafts unticked and links to the existing events to update them instead."""

from __future__ import annotations

from events_app.domain import EventFilter
from events_app.store import repository
from tests.html_reader import attribute, texts
from tests.web.organiser_helpers import READING_GROUP, paste, post, review_form


def publish(client, text: str, **changes) -> None:
    fields = {
        **review_form(paste(client, text=text, reference="2026-11-20").get_data(as_text=True)),
        **changes,
    }
    response = post(client, "/organiser/publish", {**fields, "action": "publish"})
    assert response.status_code == 302


def test_the_same_text_pasted_again_is_named_and_left_unticked(signed_in, app_session):
    publish(signed_in, READING_GROUP)
    (stored,) = repository.list_events(app_session, EventFilter())

    again = paste(signed_in, text=READING_GROUP, reference="2026-11-20").get_data(as_text=True)
    fields = review_form(again)

    assert attribute(again, "p.duplicate a", "href") == [f"/organiser/events/{stored.id}/edit"] * 2
    assert "e0-include" not in fields
    refused = post(signed_in, "/organiser/publish", {**fields, "action": "publish"})
    assert refused.status_code == 422
    app_session.rollback()
    assert len(repository.list_events(app_session, EventFilter())) == 1


def test_a_retitled_event_from_the_same_text_is_still_found(signed_in, app_session):
    publish(signed_in, READING_GROUP, **{"e0-title": "Crown reading group"})

    again = paste(signed_in, text=READING_GROUP, reference="2026-11-20").get_data(as_text=True)

    assert texts(again, "p.duplicate") == [
        "Already listed: Crown reading group, Saturday 5 December 2026, time to be announced. "
        "It is left out so it is not added twice; edit the existing event Crown reading group "
        "to update it instead, or tick the box to add it anyway."
    ]


def test_a_new_text_is_not_taken_for_a_duplicate(signed_in, app_session):
    publish(signed_in, READING_GROUP)

    other = READING_GROUP.replace("Saturday 5 December", "Saturday 12 December")
    page = paste(signed_in, text=other, reference="2026-11-20").get_data(as_text=True)

    assert "Already listed" not in page
    assert "e0-include" in review_form(page)
