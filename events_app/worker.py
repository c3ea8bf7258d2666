"""The gunicorn worker the production set-up runs: gthread, with requests read in its event loop.

gunicorn's gthread worker keeps connections alive and hands each request to a thread, but the
thread then reads the request itself: a client that dribbles its headers or body a byte at a
time holds a thread for as long as it likes, and every request costs two hand-offs between the
event loop and a thread (each a wake-up and a wait for the GIL: on two cores most of the time a
cached answer took). Here the event loop reads each request, without blocking, until its headers
and any body of up to BUFFERED_BODY bytes are in, within HEADER_TIMEOUT seconds for the headers
and BODY_TIMEOUT more for the body, and closes the connection at the deadline as if the client
had gone. Only a complete request reaches a thread, so clients slow in their headers or in a
small body hold none; a larger body is read by its thread, within BODY_TIMEOUT, which is why
gunicorn.conf.py gives each worker dozens of threads rather than a few.

A request the application can answer from memory never reaches a thread at all: where the WSGI
object has a `cached_wsgi` attribute (a WSGI callable that answers only from a cache and returns
None otherwise), a GET or HEAD without a body is offered to it in the loop, and the answer goes
out by non-blocking writes the loop carries on with when the socket is full, as nginx does; a
None means the request goes to a thread as any other. A kept-alive connection stays registered
with the loop between requests, so such an answer costs one read and one write.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import selectors
import time
from datetime import datetime
from functools import partial
from typing import Any

from gunicorn import SERVER, SERVER_SOFTWARE, util
from gunicorn.http import wsgi
from gunicorn.workers.gthread import TConn, ThreadWorker

HEADER_TIMEOUT = float(os.environ.get("HEADER_TIMEOUT", "10"))
BODY_TIMEOUT = float(os.environ.get("BODY_TIMEOUT", "60"))
BUFFERED_BODY = 256 * 1024  # bodies up to this size are read by the loop, larger by a thread
MAX_HEAD = 64 * 1024  # a request whose headers are longer is refused
READ_SIZE = 64 * 1024
SCRIPT_NAME = os.environ.get("SCRIPT_NAME", "")  # as gunicorn reads it
EXPIRY_EVERY = 0.25  # seconds between sweeps for connections past their deadline
HEARTBEAT_EVERY = 1.0  # gunicorn's master only needs a sign of life every `timeout` seconds
CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*(\d+)[ \t]*(?=\r\n|$)")
NEEDS_A_THREAD = (b"\r\ntransfer-encoding", b"\r\nexpect")  # a body of unknown length, 100-continue
# Young collections once per this many new objects (Python's default is 700): see settle_gc.
YOUNG_COLLECTION_EVERY = 20_000
TOO_LONG = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n"
    b"Content-Length: 0\r\n\r\n"
)


def settle_gc() -> None:
    """Keeps the garbage collector's full passes short and rare in a worker that has loaded
    the application.

    A feed of 10,000 events rebuilt after an edit holds some 25,000 new objects for the length
    of the request (its index entries, the cache keys of its pieces); at Python's default of a
    young collection every 700 new objects they were moved to the oldest generation while
    still in use, which set off a full pass every third rebuild, and that pass walked every
    object of the application (its modules, templates, SQLAlchemy's metadata): 70-100 ms,
    most of a fresh feed's time (bench/feeds_bench.py). The application's own objects are
    never garbage, so they are frozen out of the collector's sight once loaded, and young
    collections come every YOUNG_COLLECTION_EVERY objects, so a request's objects are mostly
    gone before one does. Cyclic garbage is still collected, only less often."""
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, oldest)


class DeadlineSocket:
    """A client socket whose reads end (as end of stream) once the deadline has passed: what a
    thread reads of a large body beyond the loop's buffer."""

    def __init__(self, sock: Any, seconds: float) -> None:
        self._sock = sock
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


class Collector:
    """Stands for the socket while gunicorn's Response writes an answer made in the loop: it
    keeps the pieces (status line and headers, body) for non-blocking writes."""

    def __init__(self) -> None:
        self.pieces: list[memoryview] = []

    def sendall(self, data: bytes) -> None:
        if data:
            self.pieces.append(memoryview(data))


class Reading:
    """Where a connection the loop looks after stands: the bytes of the request read so far,
    how many make it whole (None until the headers are in), the answer still to be written, and
    its deadline."""

    __slots__ = ("big", "deadline", "keep", "need", "pending", "received", "started")

    def __init__(self, deadline: float) -> None:
        self.received = bytearray()
        self.need: int | None = None
        self.pending: list[memoryview] = []
        self.keep = False
        self.deadline = deadline
        self.started = False
        self.big = False


def _plain(req: Any) -> bool:
    """A request whose environ _light_environ makes as gunicorn would."""
    return (
        req.version in ((1, 0), (1, 1))
        and req.proxy_protocol_info is None
        and not req._expected_100_continue
        and not SCRIPT_NAME
        and all(name != "SCRIPT_NAME" for name, _ in req.headers)
    )


def _light_environ(req: Any, client: Any, server: Any) -> dict[str, Any]:
    """What the application's stored answers read of a request (its method, path, query and
    headers, the peer, the server), made as gunicorn's wsgi.create makes it but without the
    input stream, the error stream and the rest a GET without a body answered from memory
    never reads."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": req.method,
        "RAW_URI": req.uri,
        "PATH_INFO": util.unquote_to_wsgi_str(req.path),
        "QUERY_STRING": req.query,
        "SCRIPT_NAME": "",
        "SERVER_PROTOCOL": f"HTTP/{req.version[0]}.{req.version[1]}",
        "SERVER_SOFTWARE": SERVER_SOFTWARE,
        "wsgi.url_scheme": req.scheme,
        "wsgi.multithread": True,
    }
    repeated: dict[str, list[str]] = {}
    for name, value in req.headers:
        if name in ("CONTENT-TYPE", "CONTENT-LENGTH"):
            environ[name.replace("-", "_")] = value
            continue
        key = "HTTP_" + name.replace("-", "_")
        if key in environ:
            repeated.setdefault(key, [environ[key]]).append(value)
        else:
            environ[key] = value
    for key, values in repeated.items():
        environ[key] = ",".join(values)
    if isinstance(client, tuple):
        environ["REMOTE_ADDR"], environ["REMOTE_PORT"] = client[0], str(client[1])
    else:
        environ["REMOTE_ADDR"] = client.decode() if isinstance(client, bytes) else client
    if isinstance(server, tuple):
        environ["SERVER_NAME"], environ["SERVER_PORT"] = server[0], str(server[1])
    else:  # a unix socket: what gunicorn says of it
        environ["SERVER_NAME"], environ["SERVER_PORT"] = str(server), ""
    return environ


class StoredAnswer:
    """A stored answer's status and headers as the application gives them, written out here
    as one block: gunicorn's Response checks each header of each answer, which the loop's
    answers (built once by Flask, whose headers cannot hold a line break) do not need. The
    Date is this second's (the application sends none: web.edge.RequestId). It also stands
    for the Response in the access log."""

    def __init__(self) -> None:
        self.status: str | None = None
        self.headers: list[tuple[str, str]] = []
        self.sent = 0

    @property
    def status_code(self) -> int:
        return int((self.status or "0").split(None, 1)[0])

    def start_response(self, status: str, headers: list[tuple[str, str]], exc_info=None):
        self.status, self.headers = status, headers
        return self._refuse_write

    @staticmethod
    def _refuse_write(_data: bytes) -> None:
        raise RuntimeError("answers made in the loop are returned whole, not written")

    def head(self, version: tuple[int, int], close: bool, body: bytes) -> bytes:
        lines = [
            f"HTTP/{version[0]}.{version[1]} {self.status}\r\n"
            f"Server: {SERVER}\r\nDate: {_http_date()}\r\n"
            f"Connection: {'close' if close else 'keep-alive'}\r\n"
        ]
        lines.extend(f"{name}: {value}\r\n" for name, value in self.headers)
        if body and not any(name.lower() == "content-length" for name, _ in self.headers):
            lines.append(f"Content-Length: {len(body)}\r\n")
        lines.append("\r\n")
        return "".join(lines).encode("latin-1")


_date: list[Any] = [0, ""]


def _http_date() -> str:
    """The Date header, formatted once a second."""
    now = int(time.time())
    if _date[0] != now:
        _date[:] = [now, util.http_date(now)]
    return _date[1]


class DeadlineThreadWorker(ThreadWorker):
    def init_process(self) -> None:
        self.looked_after: dict[TConn, Reading] = {}
        self._swept = self._beat = 0.0
        # TLS and HTTP/2 by prior knowledge are read gunicorn's own way.
        self._in_loop = not self.cfg.is_ssl and self.cfg.http2_cleartext not in (
            "prior-knowledge",
            "both",
        )
        super().init_process()

    def load_wsgi(self) -> None:
        super().load_wsgi()
        self._cached = getattr(self.wsgi, "cached_wsgi", None)
        settle_gc()

    def notify(self) -> None:
        """The heartbeat is a file's mtime: touched at most once a second, not at every turn of
        the loop."""
        now = time.monotonic()
        if now - self._beat >= HEARTBEAT_EVERY:
            self._beat = now
            super().notify()

    # The loop's side: connections are read here until a request is whole.

    def accept(self, listener: Any) -> None:
        if not self._in_loop:
            return super().accept(listener)
        try:
            sock, client = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, sock, client, listener.getsockname())  # non-blocking
        self.looked_after[conn] = Reading(time.monotonic() + HEADER_TIMEOUT)
        self.poller.register(sock, selectors.EVENT_READ, partial(self._readable, conn))

    def _readable(self, conn: TConn, _sock: Any = None) -> None:
        state = self.looked_after.get(conn)
        if state is None:  # dropped earlier in the same turn of the loop
            return
        try:
            data = conn.sock.recv(READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return self._drop(conn)
        if not data:
            return self._drop(conn)
        if not state.started:
            state.started = True
            state.deadline = time.monotonic() + HEADER_TIMEOUT
        state.received += data
        try:
            self._advance(conn, state)
        except Exception:  # one connection's trouble never stops the loop
            self.log.exception("Error reading a request")
            self._drop(conn)

    def _advance(self, conn: TConn, state: Reading) -> None:
        """Hands the request on once it is whole (and the answer before it is written);
        refuses headers longer than MAX_HEAD."""
        if state.pending:
            return
        if state.need is None:
            end = state.received.find(b"\r\n\r\n")
            if end < 0:
                if len(state.received) > MAX_HEAD:
                    with contextlib.suppress(OSError):
                        conn.sock.send(TOO_LONG)
                    self._drop(conn)
                return
            head = bytes(state.received[: end + 2]).lower()
            state.need = end + 4
            if any(name in head for name in NEEDS_A_THREAD):
                return self._to_thread(conn, state)
            found = CONTENT_LENGTH.search(head)
            length = int(found.group(1)) if found else 0
            if length > BUFFERED_BODY:
                state.big = True
                return self._to_thread(conn, state)
            state.need += length
            if length:
                state.deadline = time.monotonic() + BODY_TIMEOUT
        if len(state.received) < state.need:
            return
        bodiless_get = state.received.startswith(b"GET ") and state.need == (
            state.received.find(b"\r\n\r\n") + 4
        )
        if self._cached is not None and bodiless_get and self._answer_here(conn, state):
            return
        self._to_thread(conn, state)

    def _parser(self, conn: TConn, raw: bytes) -> Any:
        if conn.parser is None:
            conn.init()  # the parser, made here; the thread finds the connection initialised
            conn.sock.setblocking(False)
        conn.parser.unreader.unread(raw)
        return conn.parser

    def _answer_here(self, conn: TConn, state: Reading) -> bool:
        """The application's cached answer, made and written in the loop; False (the request
        given back as it was) when it has none. A plain request (HTTP/1.x, no PROXY protocol
        line, no Expect, no SCRIPT_NAME) is given a lighter WSGI environ than gunicorn's and
        its answer written here (StoredAnswer); any other goes through gunicorn's Response."""
        raw = bytes(state.received)
        parser = self._parser(conn, raw)
        try:
            req = next(parser)
        except Exception:  # a thread parses it again and refuses it in gunicorn's way
            self._give_back(parser)
            return False
        if not _plain(req):
            return self._answer_through_gunicorn(conn, state, parser, req)
        environ = _light_environ(req, conn.client, conn.server)
        answer = StoredAnswer()
        started = datetime.now()  # noqa: DTZ005 (a duration, as gunicorn's own)
        try:
            pieces = self._cached(environ, answer.start_response)
        except Exception:  # the thread's answer says what went wrong
            pieces = None
        if pieces is None or answer.status is None:
            self._give_back(parser)
            return False
        body = b"".join(pieces)
        self._counted()
        close = not self.alive or not self.cfg.keepalive or req.should_close()
        head = answer.head(req.version, close, body)
        answer.sent = len(body)
        self.log.access(answer, req, environ, datetime.now() - started)  # noqa: DTZ005
        self._send(conn, state, parser, [memoryview(p) for p in (head, body) if p], not close)
        return True

    def _answer_through_gunicorn(self, conn: TConn, state: Reading, parser: Any, req) -> bool:
        collector = Collector()
        resp, environ = wsgi.create(req, collector, conn.client, conn.server, self.cfg)
        environ["wsgi.multithread"] = True
        started = datetime.now()  # noqa: DTZ005 (a duration, as gunicorn's own)
        try:
            answer = self._cached(environ, resp.start_response)
        except Exception:  # the thread's answer says what went wrong
            answer = None
        if answer is None:
            self._give_back(parser)
            return False
        self._counted()
        if not self.alive or not self.cfg.keepalive:
            resp.force_close()
        for piece in answer:
            resp.write(piece)
        resp.close()
        self.log.access(resp, req, environ, datetime.now() - started)  # noqa: DTZ005
        self._send(conn, state, parser, collector.pieces, not resp.should_close())
        return True

    def _counted(self) -> None:
        self.nr += 1
        if self.nr >= self.max_requests:
            self.alive = False  # gunicorn's max_requests: this worker is replaced

    def _send(
        self, conn: TConn, state: Reading, parser: Any, pieces: list[memoryview], keep: bool
    ) -> None:
        """Writes an answer made in the loop; whatever of the next request came with this one
        is read next."""
        state.received = bytearray(parser.unreader.take_buffered())
        state.need, state.started = None, bool(state.received)
        state.pending, state.keep = pieces, keep
        self._write(conn, state)

    @staticmethod
    def _give_back(parser: Any) -> None:
        """The parser as it was before the request (which _to_thread hands it again)."""
        parser.mesg = None
        parser.req_count = max(parser.req_count - 1, 0)
        parser.unreader.take_buffered()

    def _write(self, conn: TConn, state: Reading) -> None:
        """Writes what the socket takes; the rest when it is writable again."""
        while state.pending:
            try:
                sent = conn.sock.sendmsg(state.pending[:64])
            except (BlockingIOError, InterruptedError):
                state.deadline = time.monotonic() + BODY_TIMEOUT
                self.poller.modify(conn.sock, selectors.EVENT_WRITE, partial(self._writable, conn))
                return
            except OSError:
                return self._drop(conn)
            while sent:
                first = state.pending[0]
                if sent >= len(first):
                    sent -= len(first)
                    state.pending.pop(0)
                else:
                    state.pending[0] = first[sent:]
                    sent = 0
        if not state.keep:
            return self._drop(conn, graceful=True)
        state.deadline = time.monotonic() + (
            HEADER_TIMEOUT if state.started else self.cfg.keepalive
        )
        if state.received:
            self._advance(conn, state)

    def _writable(self, conn: TConn, _sock: Any = None) -> None:
        state = self.looked_after.get(conn)
        if state is None:
            return
        self.poller.modify(conn.sock, selectors.EVENT_READ, partial(self._readable, conn))
        self._write(conn, state)

    def _to_thread(self, conn: TConn, state: Reading) -> None:
        self.poller.unregister(conn.sock)
        del self.looked_after[conn]
        self._parser(conn, bytes(state.received))
        conn.big_body = state.big
        self.enqueue_req(conn)

    def _drop(self, conn: TConn, graceful: bool = False) -> None:
        self.looked_after.pop(conn, None)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        self.nr_conns -= 1
        conn.close(graceful=graceful)

    def murder_pending(self) -> None:
        """Past their deadline: connections still sending a request, idle longer than the
        keep-alive, or not reading their answer; every one the loop holds once stopping."""
        super().murder_pending()
        now = time.monotonic()
        if self.alive and now - self._swept < EXPIRY_EVERY:
            return
        self._swept = now
        for conn, state in list(self.looked_after.items()):
            if state.deadline <= now or (not self.alive and not state.pending):
                self._drop(conn)

    # The thread's side: a whole request (or the headers of a large one), already buffered.

    def handle(self, conn: TConn) -> Any:
        if not getattr(conn, "big_body", False) or conn.parser is None:
            return super().handle(conn)
        unreader = conn.parser.unreader
        unreader.sock = DeadlineSocket(unreader.sock, BODY_TIMEOUT)
        try:
            return super().handle(conn)
        finally:
            unreader.sock = unreader.sock._sock

    def finish_request(self, conn: TConn, fs: Any) -> None:
        """Back from a thread: a kept-alive connection returns to the loop, with whatever of
        the next request was read already."""
        if conn.parser is None or not hasattr(conn, "big_body"):
            return super().finish_request(conn, fs)
        try:
            keep = bool(fs.result()) if not fs.cancelled() else False
        except Exception:
            keep = False
        if not keep or not self.alive:
            self.nr_conns -= 1
            conn.close(graceful=keep)
            return
        try:
            conn.sock.setblocking(False)
            state = Reading(time.monotonic() + self.cfg.keepalive)
            state.received = bytearray(conn.parser.unreader.take_buffered())
            state.started = bool(state.received)
            self.looked_after[conn] = state
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._readable, conn))
        except (OSError, ValueError):
            self._drop(conn)
            return
        if state.received:
            self._advance(conn, state)
