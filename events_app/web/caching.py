"""HTTP around the public feeds and pages: a response cache keyed by the data's version, cache
validators, compression made once per change, cache lifetime, and any-origin reads (CORS).

A response is built once per change of the data (and, for what depends on the clock, once a
minute) in each worker, compressed once for each encoding clients ask for (gzip, and brotli
where it is installed), and served as stored bytes with a strong ETag per encoding. The key
holds the database's data version, so every worker and app server sees a change at once, and
only the query parameters that change an answer, so junk parameters cannot fill memory. Every
cache is bounded in bytes.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, current_app, request, session
from werkzeug.datastructures import MultiDict
from werkzeug.http import parse_accept_header, parse_etags, unquote_etag

from ..domain import Event
from . import language
from .context import data_version, now
from .query import FILTER_PARAMS
from .security import chosen_headers

try:  # brotli is a compiled extension: where it does not install, gzip alone is offered
    import brotli
except ImportError:  # pragma: no cover - depends on the platform
    brotli = None

RESPONSE_CACHE_BYTES = 64 * 1024 * 1024
SESSION_PAGE_CACHE_BYTES = 8 * 1024 * 1024
# Shared caches (a CDN) may keep a public answer five minutes, serve it a minute past that while
# they revalidate (RFC 5861), and a day past it while this site answers with errors or not at
# all: a calendar is better served yesterday's feed than none.
PUBLIC_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400"
# Every query parameter a cached view reads. Anything else is left out of cache keys and of
# the links an answer gives back to itself, so `?x=1`, `?x=2` ... are one answer, stored once.
ANSWER_PARAMS = (*FILTER_PARAMS, "when", "limit", "page", "title", "theme")
COMPRESS_FROM = 512
GZIP_LEVEL, BROTLI_QUALITY = 6, 4
ENCODINGS = ("br", "gzip") if brotli is not None else ("gzip",)
CORS_METHODS = "GET, HEAD, OPTIONS"
CORS_HEADERS = "If-None-Match, If-Modified-Since"
CORS_EXPOSE = "ETag, Last-Modified"
CORS_MAX_AGE = "86400"
CORS_BLUEPRINTS = ("feeds", "api")
# Set in the WSGI environ of a request answered from the response cache: the answer is the same
# for every request with this key, so the fast path in front of Flask may keep it too.
STORABLE = "events_app.storable"


class BoundedCache:
    """Values by key, the least recently used going first once their sizes (as the caller
    counts them, in bytes) add up past `max_bytes`. Safe to share between threads."""

    ENTRY_OVERHEAD = 256  # the key, the dict slot and the value's object, roughly

    def __init__(self, max_bytes: int) -> None:
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_bytes = max_bytes
        self.size_bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def get_many(self, keys: Sequence[Hashable]) -> list[Any]:
        """The value of each key (None where there is none), under one taking of the lock: a
        large feed looks up ten thousand pieces after every change."""
        with self._lock:
            entries = self._entries
            found = [entries.get(key) for key in keys]
            for key, hit in zip(keys, found, strict=True):
                if hit is not None:
                    entries.move_to_end(key)
        return [None if hit is None else hit[0] for hit in found]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        """Keep the value unless it alone would take more than half the budget."""
        size += self.ENTRY_OVERHEAD
        if size > self.max_bytes // 2:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size_bytes -= old[1]
            self._entries[key] = (value, size)
            self.size_bytes += size
            while self.size_bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size_bytes -= dropped


@dataclass(frozen=True)
class Rendered:
    """What a view builds: the body and what its validators come from, and, for a document
    joined from parts (a feed of per-event pieces), the parts, which let gzip be made by
    compressing only the runs of parts that changed since the last time (see gzip_of_parts)."""

    body: bytes
    mimetype: str
    last_modified: datetime | None
    headers: tuple[tuple[str, str], ...] = ()  # chosen by the view, such as a page's policy
    parts: Sequence[bytes] | None = None

    @classmethod
    def joined(
        cls, parts: Sequence[bytes], mimetype: str, last_modified: datetime | None
    ) -> Rendered:
        return cls(b"".join(parts), mimetype, last_modified, parts=parts)


@dataclass(frozen=True)
class Variant:
    body: bytes
    etag: str
    encoding: str | None = None


class Cached:
    """A built answer and its encodings, each with its own strong ETag (a cache or a client
    must never take the gzip bytes for the plain ones). An encoding is made the first time a
    client asks for it, once, so that a change is served plain at once and compressed to the
    first client that takes it, without making every worker compress what nobody asked for.
    A document joined from parts keeps them until its gzip form is made from them."""

    def __init__(self, made: Rendered, encoded: BoundedCache) -> None:
        self.mimetype = made.mimetype
        self.last_modified = made.last_modified
        self.headers = made.headers
        self.digest = hashlib.md5(made.body, usedforsecurity=False).hexdigest()
        self.offered = ("identity", *ENCODINGS) if len(made.body) >= COMPRESS_FROM else ()
        self._variants = {"identity": Variant(made.body, self.digest)}
        self._parts = made.parts if "gzip" in self.offered else None
        self._encoded = encoded
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """The plain body, room for its compressed forms (a tenth of it, or less, each) and
        the parts it may hold (counted whole, though most are the piece cache's own)."""
        plain = len(self._variants["identity"].body)
        held = plain if self._parts is not None else 0
        return plain * (10 + len(self.offered)) // 10 + held

    def variant(self, accept_encoding: str | None) -> Variant:
        name = negotiate(accept_encoding, self.offered)
        found = self._variants.get(name)
        if found is None:
            with self._lock:
                found = self._variants.get(name) or self._encode(name)
        return found

    def _encode(self, encoding: str) -> Variant:
        """Compress, or take the bytes a rebuild with the same body already compressed; gzip
        of a document joined from parts is made from the runs of parts compressed before."""
        key = (self.digest, encoding)
        body = self._encoded.get(key)
        plain = self._variants["identity"].body
        if body is None and encoding == "gzip" and self._parts is not None:
            body = gzip_of_parts(self._parts, plain, self._encoded)
        elif body is None:
            body = _compressed(plain, encoding)
            self._encoded.put(key, body, len(body))
        if encoding == "gzip":
            self._parts = None
        made = self._variants[encoding] = Variant(body, f"{self.digest}-{encoding}", encoding)
        return made


def negotiate(accept_encoding: str | None, offered: Sequence[str]) -> str:
    """The encoding to send: brotli, then gzip, when the client takes them, else identity."""
    accepted = parse_accept_header(accept_encoding)
    for name in ENCODINGS:
        if name in offered and accepted.quality(name) > 0:
            return name
    return "identity"


def _compressed(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


# gzip (RFC 1952) with no name and no time, from an unknown system, around one deflate stream.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
FINAL_EMPTY_BLOCK = b"\x03\x00"  # a last, empty block of fixed codes: the stream's end
RUN_SPREAD = 128  # on average one part in this many ends a run
RUN_MAX_BYTES = 256 * 1024


def gzip_of_parts(parts: Sequence[bytes], body: bytes, memo: BoundedCache) -> bytes:
    """gzip of `body` (the parts joined), made of the parts' runs each deflated on its own and
    ended on a byte boundary (a sync flush), so the runs join into one deflate stream in one
    gzip member, as every client reads it (several members are valid gzip, but some readers
    stop after the first). Each run's deflate is kept in `memo` under the run itself: after an
    edit only the run holding the changed piece is compressed again, a millisecond instead of
    a tenth of a second for a 10,000-event feed, at under a tenth more bytes than one pass."""
    runs = _runs(parts)
    keys = [("deflate", run) for run in runs]
    found = memo.get_many(keys)
    for n, deflated in enumerate(found):
        if deflated is None:
            found[n] = deflated = _deflated(b"".join(runs[n]))
            memo.put(keys[n], deflated, len(deflated) + sum(len(part) for part in runs[n]))
    trailer = struct.pack("<II", zlib.crc32(body), len(body) & 0xFFFFFFFF)
    return b"".join([GZIP_HEADER, *found, FINAL_EMPTY_BLOCK, trailer])


def _runs(parts: Sequence[bytes]) -> list[tuple[bytes, ...]]:
    """The parts cut into runs where a part says so by its own bytes (its CRC-32), never by its
    position: a piece added, edited or removed changes the runs around it only, and every
    worker and server cuts the same document alike, so the gzip bytes under one ETag are the
    same everywhere. A run also stops at RUN_MAX_BYTES."""
    runs: list[tuple[bytes, ...]] = []
    start, size = 0, 0
    for n, part in enumerate(parts):
        size += len(part)
        if size >= RUN_MAX_BYTES or zlib.crc32(part) % RUN_SPREAD == RUN_SPREAD - 1:
            runs.append(tuple(parts[start : n + 1]))
            start, size = n + 1, 0
    if start < len(parts):
        runs.append(tuple(parts[start:]))
    return runs


def _deflated(data: bytes) -> bytes:
    """Raw deflate of `data` ending on a byte boundary with no last-block mark, so that another
    run's deflate may follow it in the same stream."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


class Flight:
    """One build of an answer under way, which other requests for the same key wait for."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.made: Cached | None = None


class ResponseCache:
    """Built answers by key. Compressed forms are kept by the body's digest as well, so a
    rebuild that gives the same bytes (the next minute, after an edit elsewhere) reuses them.

    An answer missing is built once however many requests ask for it at the same moment: the
    first builds, the others wait for its answer. Every answer is missing at once after a
    change or when the minute turns, and a worker's threads (dozens) each building the same
    page, all under one GIL, made every one of them wait for all the builds instead of one."""

    def __init__(self, max_bytes: int = RESPONSE_CACHE_BYTES) -> None:
        self.answers = BoundedCache(max_bytes)
        self.encoded = BoundedCache(max_bytes // 2)
        self._flights: dict[Hashable, Flight] = {}
        self._flights_lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Rendered]) -> Cached:
        found = self.answers.get(key)
        if found is not None:
            return found
        with self._flights_lock:
            flight = self._flights.setdefault(key, Flight())
        try:
            with flight.lock:
                if flight.made is None:  # the first here, or the build before failed (a 404)
                    flight.made = self.answers.get(key) or Cached(build(), self.encoded)
                    self.answers.put(key, flight.made, flight.made.size)
                return flight.made
        finally:
            with self._flights_lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]


def init_cache(app: Flask) -> None:
    app.extensions["events_response_cache"] = ResponseCache(
        app.config.get("RESPONSE_CACHE_BYTES", RESPONSE_CACHE_BYTES)
    )
    app.extensions["events_session_pages"] = BoundedCache(
        app.config.get("SESSION_PAGE_CACHE_BYTES", SESSION_PAGE_CACHE_BYTES)
    )


def for_this_session(who: Hashable, build: Callable[[], str]) -> str:
    """A signed-in page built again only when what it shows may have changed: kept by `who`
    (the account and what of it the page shows, the session's form token), the address with
    its query, the data version, the minute and the language. An organiser's dashboard reloads
    (after each edit, in a second tab) are answered from memory; a page with a flash message
    waiting is always built, as building it shows (and spends) the message."""
    if "_flashes" in session:
        return build()
    moment = now().replace(second=0, microsecond=0)
    key = (who, request.full_path, data_version(), moment, language.current())
    pages: BoundedCache = current_app.extensions["events_session_pages"]
    page = pages.get(key)
    if page is None:
        page = build()
        pages.put(key, page, len(page))
    return page


def register(app: Flask) -> None:
    app.after_request(_cors_preflight)


def answer_args(args: MultiDict[str, str]) -> list[tuple[str, str]]:
    """The parameters that change an answer, the first value of each (as views read them),
    in one fixed order."""
    return [(name, args[name]) for name in ANSWER_PARAMS if name in args]


def answer_query(args: MultiDict[str, str]) -> str:
    return urlencode(answer_args(args))


def answer_path() -> str:
    """This request's path and the query that matters, as the answer names itself."""
    query = answer_query(request.args)
    return f"{request.path}?{query}" if query else request.path


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110's weak comparison, as If-None-Match requires: `W/"x"` matches `"x"` (what a
    proxy that compresses makes of a strong tag), a list matches if any member does, `*` always."""
    if not if_none_match:
        return False
    return parse_etags(if_none_match).contains_weak(unquote_etag(etag)[0])


def serve_cached(kind: str, build: Callable[[], Rendered], *, public: bool = True) -> Response:
    """The stored response for this address and data version, built if there is none yet."""
    key = (
        kind,
        request.path,
        answer_query(request.args),
        data_version(),
        now().replace(second=0, microsecond=0),
        current_app.config["FEED_PAST_DAYS"],
        language.current(),
    )
    cached = current_app.extensions["events_response_cache"].get(key, build)
    request.environ[STORABLE] = True
    variant = cached.variant(request.headers.get("Accept-Encoding"))
    response = Response(variant.body, mimetype=cached.mimetype)
    response.headers.update(cached.headers)
    if variant.encoding:
        response.headers["Content-Encoding"] = variant.encoding
    if cached.offered:
        response.vary.add("Accept-Encoding")
    response.set_etag(variant.etag)
    if cached.last_modified is not None:
        response.last_modified = cached.last_modified
    if public:
        _public(response)
    return response.make_conditional(request)


def _public(response: Response) -> None:
    response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE


def _cors_preflight(response: Response) -> Response:
    """A CORS preflight for reading a public feed or the API from any origin is granted (the
    Fetch standard's OPTIONS with Origin and Access-Control-Request-Method); nothing else is,
    so `POST /api/v1/parse` stays out of other sites' reach."""
    if (
        request.method == "OPTIONS"
        and request.blueprint in CORS_BLUEPRINTS
        and request.url_rule is not None
        and "GET" in (request.url_rule.methods or ())
        and request.headers.get("Origin")
        and request.headers.get("Access-Control-Request-Method") in ("GET", "HEAD")
    ):
        response.status_code = 204
        response.set_data(b"")
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
        response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE
        response.headers.pop("Content-Type", None)
    return response


def cached_page(view: Callable[..., str]) -> Callable[..., Response | str]:
    """Serve a public page from the response cache to visitors who are not signed in; the
    headers its view chose (web.security.chosen_headers) are kept and served with it."""

    @functools.wraps(view)
    def wrapped(*args: object, **kwargs: object) -> Response | str:
        if not anonymous():
            return view(*args, **kwargs)

        def build() -> Rendered:
            body = view(*args, **kwargs).encode()
            return Rendered(body, "text/html", None, chosen_headers())

        return serve_cached(f"page:{request.endpoint}", build, public=False)

    return wrapped


def anonymous() -> bool:
    """Whether the page would look the same to anyone: no signed-in session, no flash."""
    return "token" not in session and "_flashes" not in session


def newest(changed: Sequence[Event]) -> datetime | None:
    return max((e.updated_at for e in changed if e.updated_at is not None), default=None)
