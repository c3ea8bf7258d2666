"""A response cache in front of Flask for the public feeds, the API and visitors' pages.

Feed readers and calendar apps poll the same few addresses again and again, and visitors who
are not signed in all see the same pages. Once Flask has answered one of them from its own
response cache (web.caching.serve_cached, which marks such answers as the same for everyone),
the exact response (status 200, every header, the body in the encoding the client asked for)
is kept under the address (with only the query parameters that change the answer), the
encoding, the data version and the minute; later requests for it are answered here without
going through Flask at all, with 304 for a matching If-None-Match. Only requests without
cookies, and only marked responses that set no cookie, are kept, within a budget of bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from flask import Flask
from werkzeug.datastructures import MultiDict

from . import language
from .caching import (
    ENCODINGS,
    RESPONSE_CACHE_BYTES,
    STORABLE,
    BoundedCache,
    answer_query,
    negotiate,
)
from .caching import not_modified as etag_matches

# Where nothing is ever the same for two visitors, or Flask serves files itself.
NOT_HERE = ("/organiser", "/login", "/logout", "/static/", "/healthz", "/readyz")
NOT_MODIFIED_DROPS = ("content-length", "content-type", "content-encoding")


@dataclass(frozen=True)
class Stored:
    headers: list[tuple[str, str]]
    body: bytes
    etag: str

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers)


class FastPath:
    def __init__(self, app: Flask, downstream: Callable[..., Iterable[bytes]]) -> None:
        self._app = app
        self._downstream = downstream
        self.entries = BoundedCache(app.config.get("RESPONSE_CACHE_BYTES", RESPONSE_CACHE_BYTES))

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        key = self._key(environ)
        if key is None:
            return self._downstream(environ, start_response)
        stored = self.entries.get(key)
        if stored is not None:
            return self._answer(stored, environ, start_response)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
            captured["status"], captured["headers"] = status, headers
            return (
                start_response(status, headers, exc_info)
                if exc_info
                else (start_response(status, headers))
            )

        result = self._downstream(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if environ.get(STORABLE):
            self._remember(key, captured, body)
        return [body]

    def cached_only(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        """The stored answer, or None (nothing started) where there is none: what the worker's
        event loop offers a request before it gives it to a thread (events_app.worker)."""
        key = self._key(environ)
        stored = self.entries.get(key) if key is not None else None
        return None if stored is None else self._answer(stored, environ, start_response)

    def _key(self, environ: dict[str, Any]) -> tuple | None:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("HTTP_COOKIE"):
            return None
        path = environ.get("PATH_INFO", "")
        if path.startswith(NOT_HERE) or environ.get("HTTP_IF_MODIFIED_SINCE"):
            return None
        clock = self._app.config.get("CLOCK")
        moment = (clock() if clock else datetime.now(UTC)).replace(second=0, microsecond=0)
        try:
            version = self._app.extensions["events_db"].versions.read()
        except Exception:  # the database is away: let Flask answer, with its 503 page
            return None
        query = MultiDict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        if language.ASKED in query:  # the switcher's answer sets the cookie: Flask gives it
            return None
        encoding = negotiate(environ.get("HTTP_ACCEPT_ENCODING"), ENCODINGS)
        spoken = language.choose(None, None, environ.get("HTTP_ACCEPT_LANGUAGE"))
        return (path, answer_query(query), encoding, version, moment, spoken)

    def _answer(self, stored: Stored, environ: dict[str, Any], start_response):
        if etag_matches(environ.get("HTTP_IF_NONE_MATCH"), stored.etag):
            headers = [(k, v) for k, v in stored.headers if k.lower() not in NOT_MODIFIED_DROPS]
            start_response("304 NOT MODIFIED", headers)
            return [b""]
        start_response("200 OK", list(stored.headers))
        return [stored.body]

    def _remember(self, key: tuple, captured: dict[str, Any], body: bytes) -> None:
        if not captured.get("status", "").startswith("200"):
            return
        headers = captured["headers"]
        found = {k.lower(): v for k, v in headers}
        if "set-cookie" in found or "private" in found.get("cache-control", ""):
            return
        stored = Stored(list(headers), body, found.get("etag", ""))
        self.entries.put(key, stored, stored.size)
