"""What stands in front of the whole application: the Host check, the trusted proxies, and
the rule that a response setting a cookie is private.

Absolute links are built from BASE_URL, never from the request; refusing a Host the site does
not answer to also keeps poisoned links out of any cache in front of it.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import has_request_context, request
from werkzeug.middleware.proxy_fix import ProxyFix

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
HEALTH_PATHS = ("/healthz", "/readyz")
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
REQUEST_ID_KEY = "events_app.request_id"


def allowed_hosts(base_url: str, configured: str) -> frozenset[str]:
    """BASE_URL's host, the loopback names (health checks, the local proxy), and ALLOWED_HOSTS
    (comma-separated; `*` switches the check off)."""
    names = {urlsplit(base_url).hostname or "", *LOCAL_HOSTS}
    names.update(name.strip().lower() for name in configured.split(",") if name.strip())
    return frozenset(names)


def host_name(header: str) -> str:
    """`example.org:8000` → `example.org`; `[::1]:5000` → `::1`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheck:
    """Refuses Host names the site does not answer to. Health checks pass whatever the Host,
    as load balancers often probe by address; they build no links."""

    def __init__(self, downstream: WSGIApp, hosts: frozenset[str]) -> None:
        self._downstream = downstream
        self._hosts = hosts

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if (
            "*" in self._hosts
            or host_name(host) in self._hosts
            or environ.get("PATH_INFO") in HEALTH_PATHS
        ):
            return self._downstream(environ, start_response)
        body = b"Bad request: this site does not answer to that host name.\n"
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body]


class RequestId:
    """Every request gets an id (the proxy's X-Request-ID when it sent a sane one), echoed in
    the response and carried by every log line written while handling it.

    The application's own Date header is left out: the server writes one (gunicorn always,
    the development server when there is none), and with werkzeug's (added by
    make_conditional) every answer carried two, the stored ones' from when they were stored."""

    def __init__(self, downstream: WSGIApp) -> None:
        self._downstream = downstream

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        sent = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = sent if REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        environ[REQUEST_ID_KEY] = request_id

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
            kept = [header for header in headers if header[0].lower() != "date"]
            return start_response(status, [*kept, ("X-Request-ID", request_id)], exc_info)

        return self._downstream(environ, start)


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record logged while it is being handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            in_request = has_request_context()
            record.request_id = request.environ.get(REQUEST_ID_KEY, "-") if in_request else "-"
        return True


def private_cache_control(value: str) -> str:
    """`value` made fit for one person's response: shared caches may not keep it."""
    kept = [
        part.strip()
        for part in value.split(",")
        if part.strip() and part.strip().lower().split("=")[0] not in ("public", "s-maxage")
    ]
    if not any(part.lower() in ("private", "no-store") for part in kept):
        kept.insert(0, "private")
    return ", ".join(kept)


class PrivateWhenSettingCookies:
    """A response that sets a cookie is `Cache-Control: private`, whichever view made it:
    a shared cache (a CDN, a proxy) that kept it would hand one person's session to everyone
    who asks for the same address. An error (5xx) sets no cookie at all: a request that
    failed half-way (a sign-in whose redirect could not be built) must not leave a session."""

    def __init__(self, downstream: WSGIApp) -> None:
        self._downstream = downstream

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
            if status.startswith("5"):
                headers = [(k, v) for k, v in headers if k.lower() != "set-cookie"]
            if any(name.lower() == "set-cookie" for name, _value in headers):
                control = next((v for k, v in headers if k.lower() == "cache-control"), "")
                headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
                headers.append(("Cache-Control", private_cache_control(control)))
            return start_response(status, headers, exc_info)

        return self._downstream(environ, start)


def wrap(downstream: WSGIApp, *, base_url: str, allowed: str, proxies: int) -> WSGIApp:
    """The request id outermost, the Host check, then the X-Forwarded-* headers of `proxies`
    trusted hops (none unless configured, so a client cannot claim another address or scheme);
    innermost, whatever sets a cookie is kept out of shared caches."""
    app: WSGIApp = PrivateWhenSettingCookies(downstream)
    if proxies:
        app = ProxyFix(app, x_for=proxies, x_proto=proxies, x_host=0, x_port=0, x_prefix=0)  # type: ignore[arg-type]
    return RequestId(HostCheck(app, allowed_hosts(base_url, allowed)))
