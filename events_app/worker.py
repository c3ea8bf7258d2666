"""The gunicorn worker the production set-up runs: gthread, with a deadline on reading requests.

gthread keeps connections alive (a calendar app polling every few minutes, a browser loading a
page's assets) and hands each request to a thread, so a worker's threads wait on sockets and on
the database while others run. A thread reading a request blocks until the request is in, so a
client that dribbles its headers or body a byte at a time would hold a thread for as long as it
likes; here the headers must be in within HEADER_TIMEOUT seconds and the body within
BODY_TIMEOUT more, after which the connection is closed as if the client had gone.
"""

from __future__ import annotations

import os
import time
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

HEADER_TIMEOUT = float(os.environ.get("HEADER_TIMEOUT", "10"))
BODY_TIMEOUT = float(os.environ.get("BODY_TIMEOUT", "60"))


class DeadlineSocket:
    """A client socket whose reads end (as end of stream) once the deadline has passed."""

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self._deadline = time.monotonic() + HEADER_TIMEOUT

    def allow(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds

    def recv(self, size: int, *flags: int) -> bytes:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            return b""
        self._sock.settimeout(remaining)
        try:
            return self._sock.recv(size, *flags)
        except TimeoutError:
            return b""
        finally:
            self._sock.settimeout(None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class DeadlineThreadWorker(ThreadWorker):
    def handle(self, conn):
        """Each request on a connection gets HEADER_TIMEOUT seconds for its headers. (Where
        gunicorn itself speaks TLS the socket is wrapped by ssl and is left as it is: TLS
        belongs in the proxy in front, which also buffers slow clients.)"""
        if self.cfg.is_ssl:
            return super().handle(conn)
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket(conn.sock)
        conn.sock.allow(HEADER_TIMEOUT)
        return super().handle(conn)

    def handle_request(self, req, conn):
        """The headers are in: the body gets BODY_TIMEOUT seconds."""
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.allow(BODY_TIMEOUT)
        return super().handle_request(req, conn)
