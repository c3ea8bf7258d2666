"""Guessing passwords is slowed per (account, address) pair by delays that grow with each
failure; nobody is locked out: not the owner signing in from elsewhere or from a browser the
account used before, not the others behind a shared address."""

from __future__ import annotations

from datetime import timedelta

import pytest

from events_app import accounts
from events_app.domain import Role
from events_app.store import accounts as account_store
from tests.conftest import NOW, PASSWORD
from tests.web.organiser_helpers import csrf_of

GUESSER, OWNER_HOME = "203.0.113.66", "198.51.100.7"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock(app):
    app.config["CLOCK"] = clock = Clock()
    return clock


def attempt(app, address: str, password: str, email: str = "org@example.org"):
    client = app.test_client()
    environ = {"REMOTE_ADDR": address}
    token = csrf_of(client.get("/login", environ_base=environ).get_data(as_text=True))
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base=environ,
    )


def fail_freely(app, address: str, email: str = "org@example.org") -> None:
    for _ in range(accounts.FREE_ATTEMPTS):
        assert attempt(app, address, "wrong password", email).status_code == 401


def test_retry_delays_double_after_the_free_attempts():
    delays = [accounts.retry_delay(n).total_seconds() for n in range(4, 18)]

    assert delays == [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]


def test_after_the_free_attempts_a_pair_waits_a_growing_delay(app, clock, organiser):
    fail_freely(app, GUESSER)
    seen = []
    for expected_wait in (1, 2, 4, 8):
        early = attempt(app, GUESSER, "wrong password")
        seen.append((early.status_code, early.headers.get("Retry-After")))
        clock.now += timedelta(seconds=expected_wait)
        assert attempt(app, GUESSER, "wrong password").status_code == 401

    assert seen == [(429, "1"), (429, "2"), (429, "4"), (429, "8")]
    assert "Please wait 16 seconds" in attempt(app, GUESSER, PASSWORD).get_data(as_text=True)


def test_the_owner_signs_in_from_their_own_address_while_a_guesser_waits(app, clock, organiser):
    fail_freely(app, GUESSER)
    assert attempt(app, GUESSER, "wrong password").status_code == 429

    response = attempt(app, OWNER_HOME, PASSWORD)

    assert response.status_code == 302


def test_twenty_failures_from_a_shared_address_hold_up_no_one_else_behind_it(
    app, clock, organiser, app_session, password_hash
):
    for i in range(4):
        account_store.add_user(
            app_session, f"colleague{i}@example.org", password_hash, Role.ORGANISER, NOW
        )
    app_session.commit()
    for victim in ("org@example.org", "a@example.org", "b@example.org", "c@example.org"):
        fail_freely(app, GUESSER, victim)  # twenty failures from the office's one address

    statuses = [
        attempt(app, GUESSER, PASSWORD, f"colleague{i}@example.org").status_code for i in range(4)
    ]

    assert statuses == [302, 302, 302, 302]


def test_the_owner_after_waiting_the_delay_signs_in_and_the_delays_start_again(
    app, clock, organiser
):
    fail_freely(app, GUESSER)
    clock.now += timedelta(seconds=1)

    assert attempt(app, GUESSER, PASSWORD).status_code == 302
    assert attempt(app, GUESSER, "wrong password").status_code == 401
    assert attempt(app, GUESSER, "wrong password").status_code == 401


def _signed_in_browser(app, address: str):
    """A browser the owner signed in from once (it keeps the known-device cookie), signed out."""
    browser = app.test_client()
    environ = {"REMOTE_ADDR": address}
    token = csrf_of(browser.get("/login", environ_base=environ).get_data(as_text=True))
    signed_in = browser.post(
        "/login",
        data={"email": "org@example.org", "password": PASSWORD, "csrf_token": token},
        environ_base=environ,
    )
    assert signed_in.status_code == 302
    browser.delete_cookie("session")
    return browser


def _attempt_with(browser, address: str, password: str):
    environ = {"REMOTE_ADDR": address}
    token = csrf_of(browser.get("/login", environ_base=environ).get_data(as_text=True))
    return browser.post(
        "/login",
        data={"email": "org@example.org", "password": password, "csrf_token": token},
        environ_base=environ,
    )


def test_the_owners_known_browser_signs_in_behind_the_guessers_own_address(app, clock, organiser):
    owners_browser = _signed_in_browser(app, GUESSER)
    fail_freely(app, GUESSER)
    held_up = attempt(app, GUESSER, PASSWORD)  # a browser this account never used: waits

    known = _attempt_with(owners_browser, GUESSER, PASSWORD)

    assert (held_up.status_code, known.status_code) == (429, 302)


def test_a_known_device_cookie_cannot_be_made_by_a_guesser(app, clock, organiser):
    fail_freely(app, GUESSER)
    forged = app.test_client()
    forged.set_cookie("known_device", "eyJlbWFpbCI6Im9yZ0BleGFtcGxlLm9yZyIsImlkIjoieCJ9.forged")

    assert _attempt_with(forged, GUESSER, PASSWORD).status_code == 429
