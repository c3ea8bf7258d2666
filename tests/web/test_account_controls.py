"""Account controls: changing one's password (with the current one), ending one's other
sessions, and admins disabling and enabling accounts (a disabled account is signed out at once
and cannot sign in)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD
from tests.html_reader import alerts, text, texts
from tests.web.organiser_helpers import csrf_of, sign_in

NEW_PASSWORD = "a brand new passphrase"


def form_post(client, path, data, page="/organiser/account"):
    token = csrf_of(client.get(page).get_data(as_text=True))
    return client.post(path, data={**data, "csrf_token": token})


def signed_in_elsewhere(app, email="org@example.org", password=PASSWORD):
    other = app.test_client()
    assert sign_in(other, email, password).status_code == 302
    return other


def is_signed_in(client) -> bool:
    return client.get("/organiser/").status_code == 200


def change(client, current, new=NEW_PASSWORD, repeat=None):
    return form_post(
        client,
        "/organiser/account/password",
        {"current_password": current, "new_password": new, "repeat_password": repeat or new},
    )


def test_every_page_a_signed_in_organiser_sees_links_to_their_account(app, signed_in):
    links = {}
    for path in ("/", "/organiser/", "/organiser/import/"):
        page = signed_in.get(path).get_data(as_text=True)
        links[path] = re.findall(r'<a href="(/organiser/account)">([^<]*)</a>', page)
    visitor = app.test_client().get("/").get_data(as_text=True)

    assert links == {path: [("/organiser/account", "Your account")] for path in links}
    assert "/organiser/account" not in visitor
    account = signed_in.get(links["/"][0][0])
    assert account.status_code == 200
    assert text(account.get_data(as_text=True), "h1") == "Your account"


def test_changing_the_password_needs_the_current_one(app, signed_in):
    response = change(signed_in, "not my password")

    assert response.status_code == 422
    assert "The current password is not right" in response.get_data(as_text=True)
    assert sign_in(app.test_client(), password=PASSWORD).status_code == 302
    assert sign_in(app.test_client(), password=NEW_PASSWORD).status_code == 401


@pytest.mark.parametrize(
    ("new", "repeat", "message"),
    [
        ("short", "short", "Password must be at least 10 characters"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", "The new passwords differ"),
    ],
)
def test_a_new_password_that_will_not_do_changes_nothing(app, signed_in, new, repeat, message):
    response = change(signed_in, PASSWORD, new, repeat)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert sign_in(app.test_client(), password=PASSWORD).status_code == 302


def test_a_changed_password_signs_out_every_other_session(app, signed_in):
    elsewhere = signed_in_elsewhere(app)

    response = change(signed_in, PASSWORD)

    assert response.status_code == 302
    assert alerts(signed_in.get("/organiser/account").get_data(as_text=True)) == [
        "Password changed. Signed out of 1 other session."
    ]
    assert (is_signed_in(signed_in), is_signed_in(elsewhere)) == (True, False)
    assert sign_in(app.test_client(), password=PASSWORD).status_code == 401
    assert sign_in(app.test_client(), password=NEW_PASSWORD).status_code == 302


def test_ending_other_sessions_keeps_this_one(app, signed_in):
    others = [signed_in_elsewhere(app), signed_in_elsewhere(app)]

    response = form_post(signed_in, "/organiser/account/sessions", {})

    assert response.status_code == 302
    assert alerts(signed_in.get("/organiser/account").get_data(as_text=True)) == [
        "Signed out of 2 other sessions."
    ]
    assert [is_signed_in(c) for c in (signed_in, *others)] == [True, False, False]


@pytest.fixture
def as_admin(client, admin):
    assert sign_in(client, "admin@example.org").status_code == 302
    return client


def access(client, user_id: int, action: str):
    return form_post(
        client, f"/organiser/users/{user_id}/access", {"action": action}, page="/organiser/users/"
    )


def test_a_disabled_account_is_signed_out_at_once_and_cannot_sign_in(app, as_admin, organiser):
    their_browser = signed_in_elsewhere(app)

    response = access(as_admin, organiser.id, "disable")

    assert response.status_code == 302
    assert is_signed_in(their_browser) is False
    assert sign_in(app.test_client()).status_code == 401
    users = texts(as_admin.get("/organiser/users/").get_data(as_text=True), "tbody td")
    assert list(zip(users[0::3], users[2::3], strict=True)) == [
        ("admin@example.org", "can sign in Disable admin@example.org"),
        ("org@example.org", "disabled Enable org@example.org"),
    ]


def test_an_enabled_account_signs_in_again(app, as_admin, organiser):
    access(as_admin, organiser.id, "disable")

    assert access(as_admin, organiser.id, "enable").status_code == 302
    assert sign_in(app.test_client()).status_code == 302


def test_an_admin_cannot_disable_themselves(as_admin, admin):
    response = access(as_admin, admin.id, "disable")

    assert response.status_code == 422
    assert "You cannot disable your own account" in response.get_data(as_text=True)
    assert is_signed_in(as_admin)


def test_organisers_cannot_disable_accounts(signed_in, admin):
    response = form_post(signed_in, f"/organiser/users/{admin.id}/access", {"action": "disable"})

    assert response.status_code == 403


def test_a_disabled_admin_no_longer_counts_as_the_admin_left(app, as_admin, admin, organiser):
    assert (
        form_post(
            as_admin,
            f"/organiser/users/{organiser.id}/role",
            {"role": "admin"},
            "/organiser/users/",
        ).status_code
        == 302
    )
    assert access(as_admin, organiser.id, "disable").status_code == 302

    response = form_post(
        as_admin, f"/organiser/users/{admin.id}/role", {"role": "organiser"}, "/organiser/users/"
    )

    assert response.status_code == 422
    assert "The last admin cannot stop being one" in response.get_data(as_text=True)
