"""The worker's event loop reads requests itself (events_app.worker): requests that arrive in
pieces, several in one write, or with a body, are answered whole and in order, whether the
loop answers them from the application's store or hands them to a thread."""

from __future__ import annotations

import gc
import socket
import time
import weakref

import pytest

from events_app.worker import YOUNG_COLLECTION_EVERY, settle_gc
from tests.faults.servers import Gunicorn

GET = b"GET /events.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
POST = (
    b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 21\r\n\r\n"
    b"email=a%40b.c&pass=x0"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory, sqlite_template):
    path = tmp_path_factory.mktemp("worker") / "events.db"
    path.write_bytes(sqlite_template.read_bytes())
    started = Gunicorn(f"sqlite:///{path}", workers=1)
    yield started
    started.stop()


def responses(sock: socket.socket, count: int) -> list[tuple[bytes, bytes]]:
    """`count` responses read off the connection: (status line, body) each."""
    reader = sock.makefile("rb")
    found = []
    for _ in range(count):
        status = reader.readline().rstrip()
        length = 0
        while (line := reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        found.append((status, reader.read(length)))
    return found


def exchange(server, *writes: bytes, count: int) -> list[tuple[bytes, bytes]]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        for write in writes:
            sock.sendall(write)
            time.sleep(0.05)
        return responses(sock, count)


def test_requests_in_one_write_are_answered_in_order(server):
    one = exchange(server, GET, count=1)  # stored by the application from here on

    assert exchange(server, GET + GET + GET, count=3) == one * 3


@pytest.mark.parametrize("cut", [5, 30, len(GET) - 2])
def test_a_request_in_pieces_is_answered_as_a_whole_one(server, cut):
    whole = exchange(server, GET, count=1)

    assert exchange(server, GET[:cut], GET[cut:], count=1) == whole


def test_a_body_in_pieces_reaches_the_application_whole(server):
    whole = exchange(server, POST, count=1)

    assert exchange(server, POST[:60], POST[60:-5], POST[-5:], count=1) == whole


def test_a_kept_alive_connection_serves_stored_and_fresh_answers_in_turn(server):
    alone = [exchange(server, request, count=1)[0] for request in (GET, POST, GET)]

    assert exchange(server, GET, POST, GET, count=3) == alone


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_settled_collector_hides_the_loaded_app_and_still_collects_cycles():
    """settle_gc freezes what is loaded (never garbage) and makes young collections rarer;
    cyclic garbage made afterwards is still collected."""
    threshold = gc.get_threshold()
    try:
        settle_gc()
        settled = (gc.get_freeze_count() > 0, gc.get_threshold())
        first, second = Node(), Node()
        first.other, second.other = second, first
        watched = weakref.ref(first)
        del first, second
        gc.collect()

        assert settled == (True, (YOUNG_COLLECTION_EVERY, *threshold[1:]))
        assert watched() is None
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def head_of(sock: socket.socket) -> list[tuple[bytes, bytes]]:
    """The status line and headers of the next response (its body read and dropped)."""
    reader = sock.makefile("rb")
    lines = [(b"status", reader.readline().rstrip())]
    while (line := reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        lines.append((name.lower(), value.strip()))
    length = dict(lines).get(b"content-length", b"0")
    reader.read(int(length))
    return lines


def test_an_answer_written_by_the_loop_says_what_the_applications_own_says(server):
    """A request with a cookie is never answered from the store: a thread and Flask answer
    it, and gunicorn's Response writes it. The loop's answer has the same status and headers,
    but for the request id and one Date, of this second."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(GET)
        head_of(sock)  # stored from here on
        sock.sendall(GET)
        stored = head_of(sock)
        sock.sendall(GET.replace(b"\r\n\r\n", b"\r\nCookie: x=1\r\n\r\n"))
        built = head_of(sock)
    per_request = (b"x-request-id", b"date")

    assert ([n for n, _ in stored].count(b"date"), [n for n, _ in built].count(b"date")) == (1, 1)
    assert [h for h in stored if h[0] not in per_request] == [
        h for h in built if h[0] not in per_request
    ]


def test_an_http_1_0_request_answered_by_the_loop_is_closed_after_its_answer(server):
    exchange(server, GET, count=1)  # stored from here on
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(b"GET /events.ics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        head = head_of(sock)

        assert (head[0], dict(head)[b"connection"], sock.recv(1)) == (
            (b"status", b"HTTP/1.0 200 OK"),
            b"close",
            b"",
        )
