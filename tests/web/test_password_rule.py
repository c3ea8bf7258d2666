"""One password rule: the forms ask for the length the server (and the CLI) enforce."""

from __future__ import annotations

import re

from events_app.passwords import MIN_LENGTH
from tests.web.organiser_helpers import sign_in


def asked_lengths(page: str) -> list[tuple[str, str]]:
    return re.findall(r'id="(\w*password)"[^>]*minlength="(\d+)"', page)


def test_the_account_and_user_forms_ask_for_the_servers_length(client, admin):
    sign_in(client, "admin@example.org")

    account = client.get("/organiser/account").get_data(as_text=True)
    users = client.get("/organiser/users/").get_data(as_text=True)

    rule = str(MIN_LENGTH)
    assert asked_lengths(account) == [("new_password", rule), ("repeat_password", rule)]
    assert asked_lengths(users) == [("password", rule)]
    assert f"at least {MIN_LENGTH} characters" in account
    assert f"at least {MIN_LENGTH} characters" in users
