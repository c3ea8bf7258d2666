"""The public event page offers "Edit this event" to whoever may edit it, and to nobody else
(issue 15); signed-in pages are never served from the shared cache, so no visitor sees it."""

from __future__ import annotations

import re

import pytest

from events_app import accounts
from events_app.domain import Role
from tests.builders import event
from tests.conftest import NOW, PASSWORD
from tests.web.organiser_helpers import sign_in


@pytest.fixture
def rally(organiser, store_events):
    [stored] = store_events(event("Rally", owner_id=organiser.id))
    return stored


def edit_links(client, rally) -> list[str]:
    page = client.get(f"/events/{rally.slug}").get_data(as_text=True)
    return re.findall(r'<a class="button" href="([^"]+)">Edit this event</a>', page)


def test_the_owner_and_an_admin_see_the_edit_link_and_others_do_not(app, rally, app_session):
    accounts.create_user(app_session, "other@example.org", PASSWORD, Role.ORGANISER, NOW)
    accounts.create_user(app_session, "admin@example.org", PASSWORD, Role.ADMIN, NOW)
    seen = {}
    for who in (None, "org@example.org", "other@example.org", "admin@example.org"):
        client = app.test_client()
        edit_links(client, rally)  # the anonymous answer is cached first
        if who:
            sign_in(client, who)
        seen[who] = edit_links(client, rally)

    assert seen == {
        None: [],
        "org@example.org": [f"/organiser/events/{rally.id}/edit"],
        "other@example.org": [],
        "admin@example.org": [f"/organiser/events/{rally.id}/edit"],
    }
