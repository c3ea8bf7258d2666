"""What the organiser's buttons and edit form may change, through the real views: an edit keeps
what the form does not show, and cancel, publish, restore and delete act on the version the
person was looking at, or are refused (409) when someone saved another since."""

from __future__ import annotations

import re

from events_app.domain import EventFilter, EventStatus
from events_app.store import repository
from tests.builders import event
from tests.calendar_server import SMALL_CALENDAR
from tests.web.organiser_helpers import csrf_of, review_form, sign_in
from tests.web.test_import import upload

CALENDAR = SMALL_CALENDAR.replace(
    b"LOCATION:", b"ORGANIZER;CN=Trades Council:mailto:tc@elsewhere.example\r\nLOCATION:"
)
SUMMARY = b"SUMMARY:Housing co-ops: a public meeting"


def stored(app_session):
    app_session.rollback()
    return repository.list_events(app_session, EventFilter(include_drafts=True))


def edit_form(client, event_id: int) -> dict[str, str]:
    page = client.get(f"/organiser/events/{event_id}/edit").get_data(as_text=True)
    return {**review_form(page), "csrf_token": csrf_of(page)}


def confirm_form(client, event_id: int, action: str) -> dict[str, str]:
    page = client.get(f"/organiser/events/{event_id}/{action}").get_data(as_text=True)
    return {
        "csrf_token": csrf_of(page),
        "version": re.search(r'name="version" value="([^"]*)"', page).group(1),
    }


def test_an_edit_through_the_form_keeps_what_the_form_does_not_show(signed_in, app_session):
    """The form shows the imported organiser and has no import snapshot: saving it keeps both,
    so a re-import still knows the new title is the organiser's own and keeps it."""
    upload(signed_in, CALENDAR)
    [imported] = stored(app_session)

    fields = {**edit_form(signed_in, imported.id), "title": "Housing co-ops (with music)"}
    assert signed_in.post(f"/organiser/events/{imported.id}/edit", data=fields).status_code == 302
    [edited] = stored(app_session)
    assert (edited.title, edited.organiser, edited.imported_as) == (
        "Housing co-ops (with music)",
        "Trades Council",
        imported.imported_as,
    )
    upload(signed_in, CALENDAR.replace(SUMMARY, SUMMARY + b"!"))

    [after] = stored(app_session)
    assert (after.title, after.organiser, after.imported_as) == (
        "Housing co-ops (with music)",
        "Trades Council",
        imported.imported_as.replace("a public meeting", "a public meeting!"),
    )


def test_cancel_confirmed_against_an_older_version_is_refused(
    signed_in, organiser, store_events, app_session
):
    [talk] = store_events(event("Talk", owner_id=organiser.id, published=True))
    confirm = confirm_form(signed_in, talk.id, "cancel")
    fields = {**edit_form(signed_in, talk.id), "title": "Talk, moved online"}
    signed_in.post(f"/organiser/events/{talk.id}/edit", data=fields)

    refused = signed_in.post(f"/organiser/events/{talk.id}/cancel", data=confirm)

    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "This event was changed since you opened this page. Here it is as it is now." in page
    assert "Cancel “Talk, moved online”?" in page
    [after] = stored(app_session)
    assert (after.title, after.status) == ("Talk, moved online", EventStatus.CONFIRMED)
    again = signed_in.post(
        f"/organiser/events/{talk.id}/cancel", data=confirm_form(signed_in, talk.id, "cancel")
    )
    assert again.status_code == 302
    assert [(e.title, e.status) for e in stored(app_session)] == [
        ("Talk, moved online", EventStatus.CANCELLED)
    ]


def test_delete_confirmed_against_an_older_version_is_refused(
    signed_in, organiser, store_events, app_session
):
    [talk] = store_events(event("Talk", owner_id=organiser.id))
    confirm = confirm_form(signed_in, talk.id, "delete")
    signed_in.post(
        f"/organiser/events/{talk.id}/edit",
        data={**edit_form(signed_in, talk.id), "title": "Talk, rescheduled"},
    )

    refused = signed_in.post(f"/organiser/events/{talk.id}/delete", data=confirm)

    assert refused.status_code == 409
    assert [e.title for e in stored(app_session)] == ["Talk, rescheduled"]


def test_the_dashboard_buttons_act_on_the_version_shown(
    signed_in, organiser, store_events, app_session
):
    [draft] = store_events(event("Draft talk", owner_id=organiser.id, published=False))
    page = signed_in.get("/organiser/").get_data(as_text=True)
    shown = {"csrf_token": csrf_of(page), "version": str(draft.revision)}
    assert f'name="version" value="{draft.revision}"' in page

    published = signed_in.post(f"/organiser/events/{draft.id}/publish", data=shown)
    stale = signed_in.post(f"/organiser/events/{draft.id}/cancel", data=shown)

    assert (published.status_code, stale.status_code) == (302, 409)
    assert "This event was changed since you opened this page." in stale.get_data(as_text=True)
    assert [(e.title, e.published, e.status) for e in stored(app_session)] == [
        ("Draft talk", True, EventStatus.CONFIRMED)
    ]


def test_another_organisers_event_answers_as_absent(
    client, organiser, store_events, app_session, admin
):
    [theirs] = store_events(event("Admin's talk", owner_id=admin.id, published=False))
    sign_in(client)
    token = csrf_of(client.get("/organiser/").get_data(as_text=True))

    answers = [
        client.post(
            f"/organiser/events/{theirs.id}/{action}", data={"csrf_token": token, "version": "0"}
        ).status_code
        for action in ("publish", "cancel", "restore", "delete")
    ]

    assert answers == [404, 404, 404, 404]
    assert [(e.title, e.published, e.status) for e in stored(app_session)] == [
        ("Admin's talk", False, EventStatus.CONFIRMED)
    ]
