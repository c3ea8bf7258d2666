"""Slow clients against gunicorn with the repository's config: they hold a thread each, not the
process, and only until the header deadline (events_app.worker)."""

from __future__ import annotations

import json
import socket
import urllib.request
from contextlib import ExitStack

import pytest

from events_app.worker import BUFFERED_BODY
from tests.faults.servers import Gunicorn

PARTIAL = b"GET /events.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def test_a_client_that_stalls_in_its_headers_is_cut_off(sqlite_url, monkeypatch):
    monkeypatch.setenv("HEADER_TIMEOUT", "1")
    server = Gunicorn(sqlite_url, workers=1)
    try:
        with socket.create_connection(("127.0.0.1", server.port)) as slow:
            slow.sendall(PARTIAL)
            slow.settimeout(20)  # far beyond the deadline; the sync workers never closed it

            assert slow.recv(100) == b""
    finally:
        server.stop()


# A body larger than the loop buffers is read by a thread: twenty stalled in theirs hold twenty
# threads of the one worker, and a thread is still free for /healthz (with four threads a
# worker, as gunicorn.conf.py once had, the upload case times out).
STALLED_UPLOAD = (
    b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\n"
    + f"Content-Length: {BUFFERED_BODY + 1}\r\n\r\ne=".encode()
)


@pytest.mark.parametrize(
    "opening", [PARTIAL, STALLED_UPLOAD], ids=["headers-dribbled", "body-too-big-for-the-loop"]
)
def test_slow_clients_leave_one_worker_answering(sqlite_url, opening):
    server = Gunicorn(sqlite_url, workers=1)
    try:
        with ExitStack() as stack:
            for _ in range(20):
                slow = stack.enter_context(socket.create_connection(("127.0.0.1", server.port)))
                slow.sendall(opening)

            with urllib.request.urlopen(server.url + "/healthz", timeout=8) as response:
                assert (response.status, json.load(response)) == (200, {"status": "ok"})
    finally:
        server.stop()
