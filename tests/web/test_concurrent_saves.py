"""Eight signed-in browsers save one event at the same moment, through the real views: one is
stored, seven are told it changed (409); none is told the database cannot be reached (503)."""

from __future__ import annotations

import threading

from tests.builders import event
from tests.web.organiser_helpers import csrf_of, review_form, sign_in

EDITORS = 8


def test_eight_browsers_saving_one_event_get_one_302_and_seven_409s(
    app, organiser, store_events, app_session
):
    [stored] = store_events(event("Rally", owner_id=organiser.id))
    clients = [app.test_client() for _ in range(EDITORS)]
    forms = []
    for client in clients:
        sign_in(client)
        page = client.get(f"/organiser/events/{stored.id}/edit").get_data(as_text=True)
        forms.append({**review_form(page), "csrf_token": csrf_of(page)})
    all_ready = threading.Barrier(EDITORS)
    statuses: list[int] = []

    def browser(number: int) -> None:
        fields = {**forms[number], "title": f"Rally, edit {number}"}
        all_ready.wait(timeout=20)
        response = clients[number].post(f"/organiser/events/{stored.id}/edit", data=fields)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=browser, args=(n,)) for n in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [302] + [409] * 7
