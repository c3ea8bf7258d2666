"""Two people edit one event: the second save is shown both versions of each field they
differ on, chooses per field, and saves against the revision it was shown (issue 15)."""

from __future__ import annotations

import pytest

from events_app.store import repository
from tests.builders import event, venue
from tests.web.organiser_helpers import csrf_of, read_page_form, sign_in


@pytest.fixture
def rally(organiser, store_events):
    [stored] = store_events(
        event(
            "Rally",
            owner_id=organiser.id,
            venues=[venue("Conway Hall")],
            description="Bring a flag",
        )
    )
    return stored


@pytest.fixture
def editors(app, organiser):
    """Two browsers signed in as the owner, each with the edit form open at the same revision."""
    clients = [app.test_client(), app.test_client()]
    for client in clients:
        sign_in(client)
    return clients


def open_form(client, event_id):
    page = client.get(f"/organiser/events/{event_id}/edit").get_data(as_text=True)
    return read_page_form(page)[0]


def submit(client, event_id, fields):
    token = csrf_of(client.get("/organiser/").get_data(as_text=True))
    return client.post(f"/organiser/events/{event_id}/edit", data={**fields, "csrf_token": token})


def stored(app_session, event_id):
    app_session.rollback()
    saved = repository.get_event_by_id(app_session, event_id)
    return (saved.title, f"{saved.local_start:%H:%M}", saved.description)


def test_a_late_save_offers_each_differing_field_with_the_untouched_one_defaulting_to_saved(
    editors, rally, app_session
):
    first, second = editors
    a, b = open_form(first, rally.id), open_form(second, rally.id)
    assert submit(first, rally.id, {**a, "title": "Rally for jobs"}).status_code == 302

    late = submit(second, rally.id, {**b, "start_time": "19:00"})
    fields, choices = read_page_form(late.get_data(as_text=True))

    assert late.status_code == 409
    assert choices == [("Title", "saved"), ("Start time", "yours")]
    assert (fields["yours-title"], fields["saved-title"]) == ("Rally", "Rally for jobs")
    assert (fields["yours-start_time"], fields["saved-start_time"]) == ("19:00", "18:00")
    assert stored(app_session, rally.id) == ("Rally for jobs", "18:00", "Bring a flag")

    resolved = submit(second, rally.id, fields)

    assert resolved.status_code == 302
    assert stored(app_session, rally.id) == ("Rally for jobs", "19:00", "Bring a flag")


def test_a_field_both_changed_must_be_chosen_before_anything_is_saved(editors, rally, app_session):
    first, second = editors
    a, b = open_form(first, rally.id), open_form(second, rally.id)
    submit(first, rally.id, {**a, "description": "Bring a flag and a friend"})
    late = submit(second, rally.id, {**b, "description": "Bring a banner", "title": "Rally!"})
    fields, choices = read_page_form(late.get_data(as_text=True))
    assert choices == [("Title", "yours"), ("Description", None)]

    unchosen = submit(second, rally.id, fields)

    assert unchosen.status_code == 422
    assert "Choose which version to keep for: Description." in unchosen.get_data(as_text=True)
    assert stored(app_session, rally.id) == ("Rally", "18:00", "Bring a flag and a friend")
    again, choices_again = read_page_form(unchosen.get_data(as_text=True))
    assert choices_again == [("Title", "yours"), ("Description", None)]

    chosen = submit(second, rally.id, {**again, "pick-description": "yours"})

    assert chosen.status_code == 302
    assert stored(app_session, rally.id) == ("Rally!", "18:00", "Bring a banner")


def test_choices_made_against_a_version_that_changed_again_are_a_conflict_again(
    editors, rally, app_session
):
    first, second = editors
    a, b = open_form(first, rally.id), open_form(second, rally.id)
    submit(first, rally.id, {**a, "title": "Rally for jobs"})
    fields, _ = read_page_form(
        submit(second, rally.id, {**b, "title": "Rally for homes"}).get_data(as_text=True)
    )
    submit(first, rally.id, {**open_form(first, rally.id), "start_time": "17:30"})

    third = submit(second, rally.id, {**fields, "pick-title": "yours"})
    _, choices = read_page_form(third.get_data(as_text=True))

    assert third.status_code == 409
    assert choices == [("Title", "yours"), ("Start time", "saved")]
    assert stored(app_session, rally.id) == ("Rally for jobs", "17:30", "Bring a flag")


def test_a_form_without_what_it_opened_gets_no_defaults(editors, rally):
    first, second = editors
    a, b = open_form(first, rally.id), open_form(second, rally.id)
    submit(first, rally.id, {**a, "title": "Rally for jobs"})
    del b["base"]

    late = submit(second, rally.id, {**b, "start_time": "19:00"})

    assert late.status_code == 409
    assert read_page_form(late.get_data(as_text=True))[1] == [
        ("Title", None),
        ("Start time", None),
    ]


def test_an_offered_field_the_form_does_not_have_is_refused(editors, rally, app_session):
    first, _ = editors
    fields = open_form(first, rally.id)

    response = submit(first, rally.id, {**fields, "offered": "owner_id", "pick-owner_id": "yours"})

    assert response.status_code == 422
    assert stored(app_session, rally.id) == ("Rally", "18:00", "Bring a flag")


def test_a_refused_save_keeps_the_revision_it_was_opened_at(editors, rally, app_session):
    first, second = editors
    a, b = open_form(first, rally.id), open_form(second, rally.id)
    submit(first, rally.id, {**a, "title": "Rally for jobs"})
    refused = submit(second, rally.id, {**b, "start_date": "someday"})
    fields, _ = read_page_form(refused.get_data(as_text=True))

    late = submit(
        second, rally.id, {**fields, "start_date": b["start_date"], "description": "Flags"}
    )

    assert refused.status_code == 422
    assert late.status_code == 409
    assert stored(app_session, rally.id)[0] == "Rally for jobs"


def test_a_late_save_with_the_same_values_has_nothing_to_choose(editors, rally, app_session):
    first, second = editors
    a, b = open_form(first, rally.id), open_form(second, rally.id)
    submit(first, rally.id, {**a, "title": "Rally for jobs"})

    late = submit(second, rally.id, {**b, "title": "Rally for jobs"})

    assert late.status_code == 409
    assert read_page_form(late.get_data(as_text=True))[1] == []
    assert "there is nothing to choose between" in late.get_data(as_text=True)
