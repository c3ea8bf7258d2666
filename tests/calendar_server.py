"""A real HTTP server on 127.0.0.1 that misbehaves on demand, for the calendar fetcher."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SMALL_CALENDAR = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Tests//EN\r
BEGIN:VEVENT\r
UID:talk-1@elsewhere.example\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=Europe/London:20261210T190000\r
DTEND;TZID=Europe/London:20261210T210000\r
SUMMARY:Housing co-ops: a public meeting\r
LOCATION:Conway Hall, 25 Red Lion Square, London WC1R 4RL\r
END:VEVENT\r
END:VCALENDAR\r
"""

HUGE_SIZE = 50 * 1024 * 1024


class CalendarServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bytes_sent: dict[str, int] = {}
        self.requests: list[str] = []
        self.stopping = threading.Event()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self) -> CalendarServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: CalendarServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        route = {
            "/calendar.ics": self._calendar,
            "/gzipped.ics": self._gzipped,
            "/trickle.ics": self._trickle,
            "/huge.ics": self._huge,
            "/declared-huge.ics": self._declared_huge,
            "/bomb.ics": self._bomb,
            "/to-private": self._redirect_private,
            "/loop": self._loop,
        }.get(self.path.split("?")[0], self._missing)
        route()

    def _send(self, body: bytes, *headers: tuple[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _calendar(self) -> None:
        self._send(SMALL_CALENDAR)

    def _gzipped(self) -> None:
        self._send(gzip.compress(SMALL_CALENDAR), ("Content-Encoding", "gzip"))

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        self.wfile.write(b"BEGIN:VCALENDAR\r\n")
        while not self.server.stopping.is_set():
            try:
                self.wfile.write(b"X")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.1)

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        sent = 0
        block = b"X" * 65536
        try:
            while sent < HUGE_SIZE:
                self.wfile.write(block)
                sent += len(block)
        except OSError:
            pass
        self.server.bytes_sent[self.path] = sent

    def _declared_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(HUGE_SIZE))
        self.end_headers()

    def _bomb(self) -> None:
        body = gzip.compress(b"\0" * HUGE_SIZE, compresslevel=9)
        self._send(body, ("Content-Encoding", "gzip"))

    def _redirect_private(self) -> None:
        self.send_response(302)
        self.send_header("Location", "http://intranet.test/calendar.ics")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _loop(self) -> None:
        self.send_response(301)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _missing(self) -> None:
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()
