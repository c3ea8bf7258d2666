"""The calendar fetcher refuses our own network before connecting, and caps time and size."""

from __future__ import annotations

import io
import socket

import pytest

from events_app.fetch import (
    AddressNotAllowedError,
    Fetcher,
    FetchError,
    FetchTimeoutError,
    TooLargeError,
    is_public_address,
)
from events_app.web.errors import status_of
from tests.calendar_server import HUGE_SIZE, SMALL_CALENDAR, CalendarServer

PUBLIC = "93.184.215.14"
DNS = {
    "localhost": ["127.0.0.1", "::1"],
    "calendar.example": [PUBLIC],
    "metadata.google.internal": ["169.254.169.254"],
    "sneaky.example": [PUBLIC, "10.0.0.7"],
    "rebind.example": ["192.168.0.10"],
}


class RecordingConnector:
    """Stands in for socket.create_connection and remembers every attempt."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def __call__(self, address: tuple[str, int], timeout: float) -> socket.socket:
        self.calls.append(address)
        raise ConnectionRefusedError("no network in this test")


def fake_resolver(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise FetchError(f"The address {host} cannot be found")
    return DNS[host]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/calendar.ics",
        "http://127.1.2.3:8080/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "webcal://localhost/",
        "https://localhost/events.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[2002:7f00:1::]/",
        "http://224.0.0.1/",
        "http://sneaky.example/",
        "http://rebind.example/",
    ],
)
def test_private_addresses_are_refused_without_a_connection(url):
    connector = RecordingConnector()
    fetcher = Fetcher(resolve=fake_resolver, connect=connector)

    with pytest.raises(AddressNotAllowedError, match="Address not allowed"):
        fetcher.fetch(url)

    assert connector.calls == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://calendar.example/x.ics", "must start with https://, http:// or webcal://"),
        ("file:///etc/passwd", "must start with https://"),
        ("gopher://calendar.example/", "must start with https://"),
        ("http://user:secret@calendar.example/", "user name or password"),
        ("http:///nohost", "no host name"),
        ("http://calendar.example:99999/", "not a web address"),
        ("http://unknown.example/", "cannot be found"),
    ],
)
def test_addresses_that_are_not_fetchable_say_why(url, message):
    connector = RecordingConnector()
    fetcher = Fetcher(resolve=fake_resolver, connect=connector)

    with pytest.raises(FetchError, match=message):
        fetcher.fetch(url)

    assert connector.calls == []


def test_a_public_address_is_connected_to_as_resolved():
    connector = RecordingConnector()
    fetcher = Fetcher(resolve=fake_resolver, connect=connector)

    with pytest.raises(FetchError, match="could not be fetched"):
        fetcher.fetch("webcal://calendar.example/events.ics")

    assert connector.calls == [(PUBLIC, 80)]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2a00:1450:4009:81f::200e", True),
        ("127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("169.254.169.254", False),
        ("fd00:ec2::254", False),
        ("198.18.0.1", False),
        ("240.0.0.1", False),
    ],
)
def test_public_means_globally_routable(address, public):
    assert is_public_address(address) is public


@pytest.fixture
def server():
    with CalendarServer() as running:
        yield running


def local_fetcher(server: CalendarServer, **limits) -> tuple[Fetcher, list[str]]:
    """A fetcher that treats the test server on 127.0.0.1 as the public internet, so the caps
    can be shown against a real socket; every other address stays forbidden."""
    names = {"calendar.test": "127.0.0.1", "intranet.test": "10.20.30.40"}
    connected: list[str] = []

    def connect(address, timeout):
        connected.append(address[0])
        return socket.create_connection(address, timeout)

    fetcher = Fetcher(
        resolve=lambda host, port: [names[host]],
        address_allowed=lambda address: address == "127.0.0.1",
        connect=connect,
        **limits,
    )
    return fetcher, connected


def url(server: CalendarServer, path: str) -> str:
    return f"http://calendar.test:{server.port}{path}"


def test_a_calendar_is_fetched(server):
    fetcher, _ = local_fetcher(server)

    assert fetcher.fetch(url(server, "/calendar.ics")) == SMALL_CALENDAR


def test_a_gzipped_calendar_is_unpacked(server):
    fetcher, _ = local_fetcher(server)

    assert fetcher.fetch(url(server, "/gzipped.ics")) == SMALL_CALENDAR


def test_a_redirect_to_a_private_address_is_refused_at_that_hop(server):
    fetcher, connected = local_fetcher(server)

    with pytest.raises(AddressNotAllowedError):
        fetcher.fetch(url(server, "/to-private"))

    assert connected == ["127.0.0.1"]
    assert server.requests == ["/to-private"]


def test_a_redirect_loop_ends(server):
    fetcher, connected = local_fetcher(server, max_redirects=3)

    with pytest.raises(FetchError, match="redirects more than 3 times"):
        fetcher.fetch(url(server, "/loop"))

    assert len(connected) == 4


def test_a_server_that_trickles_is_cut_off(server):
    fetcher, _ = local_fetcher(server, timeout=1.0)

    with pytest.raises(FetchTimeoutError, match="longer than 1 seconds"):
        fetcher.fetch(url(server, "/trickle.ics"))


@pytest.mark.parametrize("path", ["/huge.ics", "/declared-huge.ics", "/bomb.ics"])
def test_reading_stops_at_the_size_cap(server, path):
    fetcher, _ = local_fetcher(server, max_bytes=1024 * 1024)

    with pytest.raises(TooLargeError, match="larger than 1 MB") as refused:
        fetcher.fetch(url(server, path))

    assert status_of(refused.value) == 413


@pytest.mark.parametrize(("size", "read"), [(1024 * 1024, True), (1024 * 1024 + 1, False)])
def test_a_file_given_rather_than_fetched_is_held_to_the_same_cap(size, read):
    fetcher = Fetcher(max_bytes=1024 * 1024)
    data = b"x" * size

    if read:
        assert fetcher.read(io.BytesIO(data)) == data
        return
    with pytest.raises(TooLargeError) as refused:
        fetcher.read(io.BytesIO(data))
    assert (str(refused.value), status_of(refused.value)) == (
        "The calendar is larger than 1 MB, the most this site imports",
        413,
    )


def test_the_huge_body_is_not_read_to_its_end(server):
    fetcher, _ = local_fetcher(server, max_bytes=1024 * 1024)

    with pytest.raises(TooLargeError):
        fetcher.fetch(url(server, "/huge.ics"))
    server.shutdown()

    assert server.bytes_sent["/huge.ics"] < HUGE_SIZE


def test_a_missing_calendar_names_the_status(server):
    fetcher, _ = local_fetcher(server)

    with pytest.raises(FetchError, match="answered 404"):
        fetcher.fetch(url(server, "/nothing-here.ics"))
