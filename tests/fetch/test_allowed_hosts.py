"""FETCH_ALLOWED_HOSTS: the one way to let the fetcher reach a private address (an intranet)."""

from __future__ import annotations

import pytest

from events_app import create_app
from events_app.fetch import AddressNotAllowedError, Fetcher, Page, allowed_hosts
from tests.calendar_server import SMALL_CALENDAR, CalendarServer


@pytest.fixture
def server():
    with CalendarServer() as running:
        yield running


def intranet_fetcher(allowed: str) -> Fetcher:
    """The real address rule, with 'intranet.test' resolving to the loopback test server."""
    names = {"intranet.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]}
    return Fetcher(resolve=lambda host, port: names[host], allowed_private=allowed_hosts(allowed))


@pytest.mark.parametrize(
    ("setting", "hosts"),
    [
        ("", frozenset()),
        (" , ", frozenset()),
        ("Intranet.Example., 10.0.0.5", frozenset({"intranet.example", "10.0.0.5"})),
        ("[FD00:0:0::1]", frozenset({"fd00::1"})),
    ],
)
def test_allowed_hosts_reads_the_setting(setting, hosts):
    assert allowed_hosts(setting) == hosts


def test_private_address_refused_by_default(server):
    with pytest.raises(AddressNotAllowedError):
        intranet_fetcher("").fetch(f"http://intranet.test:{server.port}/calendar.ics")
    assert server.requests == []


def test_private_address_fetched_when_its_name_is_allowed(server):
    page = intranet_fetcher("intranet.test").fetch_page(
        f"http://intranet.test:{server.port}/calendar.ics"
    )
    assert page == Page(
        f"http://intranet.test:{server.port}/calendar.ics", "text/calendar", SMALL_CALENDAR
    )


def test_private_address_fetched_when_the_address_is_allowed(server):
    body = intranet_fetcher("127.0.0.1").fetch(f"http://127.0.0.1:{server.port}/calendar.ics")
    assert body == SMALL_CALENDAR


def test_allowing_one_name_does_not_allow_another_on_the_same_network(server):
    with pytest.raises(AddressNotAllowedError):
        intranet_fetcher("intranet.test").fetch(f"http://other.test:{server.port}/calendar.ics")
    assert server.requests == []


def test_allowed_host_redirecting_to_a_private_address_is_refused_at_that_hop(server):
    # /to-private redirects to intranet.test, which is private and not allowed here.
    with pytest.raises(AddressNotAllowedError):
        intranet_fetcher("other.test").fetch(f"http://other.test:{server.port}/to-private")
    assert server.requests == ["/to-private"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [(None, frozenset()), ("wiki.corp, 10.1.2.3", {"wiki.corp", "10.1.2.3"})],
)
def test_app_fetcher_takes_the_setting(tmp_path, monkeypatch, setting, expected):
    monkeypatch.delenv("FETCH_ALLOWED_HOSTS", raising=False)
    if setting is not None:
        monkeypatch.setenv("FETCH_ALLOWED_HOSTS", setting)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.extensions["calendar_fetcher"].allowed_private == frozenset(expected)
