"""Fetching a calendar from a URL someone typed in, without letting them reach our own network.

The name is resolved once, every address it resolves to must be public, and the connection is
made to that checked address (so a second, different DNS answer cannot slip in). Redirects are
followed by hand and every hop is checked again. Time, size and the number of hops are capped;
the body is never decompressed beyond the size cap.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

Resolver = Callable[[str, int], list[str]]
Connector = Callable[[tuple[str, int], float], socket.socket]

REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "events-app calendar import"


class FetchError(ValueError):
    """The URL cannot be fetched; the message says why, for the person who gave it."""


class AddressNotAllowedError(FetchError):
    """The address, or one it resolves or redirects to, is not on the public internet."""


class TooLargeError(FetchError):
    """The body (after inflating) is larger than allowed."""


class FetchTimeoutError(FetchError):
    """The whole fetch, redirects included, took longer than allowed."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"The address {host} cannot be found") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


SPECIAL_PURPOSE = tuple(
    ipaddress.ip_network(block)
    for block in (
        # IANA IPv4 Special-Purpose Address Registry: every block, globally reachable or not
        # (a calendar is never served from an anycast relay or a protocol assignment).
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.31.196.0/24",
        "192.52.193.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "192.175.48.0/24",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "255.255.255.255/32",
        # IANA IPv6 Special-Purpose Address Registry, plus the deprecated site-local fec0::/10
        # and multicast, which Python 3.11's is_global still calls global.
        "::/128",
        "::1/128",
        "::ffff:0:0/96",
        "64:ff9b::/96",
        "64:ff9b:1::/48",
        "100::/64",
        "100:0:0:1::/64",
        "2001::/23",
        "2001:db8::/32",
        "2002::/16",
        "2620:4f:8000::/48",
        "3fff::/20",
        "5f00::/16",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
    )
)


def is_public_address(address: str) -> bool:
    """Only globally routable unicast addresses: `is_global`, and outside every special-purpose
    block (loopback, private, link-local where cloud metadata services live, shared, reserved,
    documentation, translation, multicast ...). An IPv4 address inside an IPv6 one (mapped,
    6to4, Teredo) is judged as itself, so the wrapping cannot smuggle a private one through."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
    return ip.is_global and not any(ip in block for block in SPECIAL_PURPOSE)


def allowed_hosts(setting: str) -> frozenset[str]:
    """The hosts of FETCH_ALLOWED_HOSTS ('intranet.example, 10.0.0.5, [fd00::1]'), in the form
    `Fetcher` compares: names lower case without a final dot, addresses in their short form."""
    hosts = set()
    for item in setting.split(","):
        host = item.strip().strip("[]").lower().rstrip(".")
        if host:
            hosts.add(_literal_address(host) or host)
    return frozenset(hosts)


def configured_fetcher(settings: Mapping[str, Any]) -> Fetcher:
    """The fetcher the site's settings ask for (IMPORT_MAX_BYTES, IMPORT_TIMEOUT,
    FETCH_ALLOWED_HOSTS): one reading of them for the web app and the command alike."""
    return Fetcher(
        max_bytes=settings["IMPORT_MAX_BYTES"],
        timeout=settings["IMPORT_TIMEOUT"],
        allowed_private=allowed_hosts(settings["FETCH_ALLOWED_HOSTS"]),
    )


@dataclass(frozen=True)
class Page:
    """What a fetch brought back: the address it ended at (after redirects), the type the
    server declared, and the body."""

    url: str
    content_type: str
    body: bytes


@dataclass
class Fetcher:
    """Fetches http, https and webcal URLs (webcal is read as http, webcals as https)."""

    resolve: Resolver = system_resolver
    address_allowed: Callable[[str], bool] = is_public_address
    connect: Connector = socket.create_connection
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 10.0
    max_redirects: int = 5
    allowed_private: frozenset[str] = frozenset()
    """Hosts (names or addresses, see `allowed_hosts`) that may be on a private network, such as
    an organisation's intranet (FETCH_ALLOWED_HOSTS); every other rule still holds for them."""
    what: str = "calendar"
    """What is fetched, for the messages ('The page's server answered 404 ...')."""
    tls: ssl.SSLContext | None = None
    """The TLS settings; the system's defaults, loaded on the first https fetch (loading the
    certificate store takes longer than building the rest of the application)."""

    def tls_context(self) -> ssl.SSLContext:
        if self.tls is None:
            self.tls = ssl.create_default_context()
        return self.tls

    def fetch(self, url: str) -> bytes:
        return self.fetch_page(url).body

    def read(self, stream: IO[bytes]) -> bytes:
        """A file given rather than fetched (an upload, a path), held to the same limit."""
        data = stream.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise self._too_large()
        return data

    def fetch_page(self, url: str) -> Page:
        deadline = time.monotonic() + self.timeout
        for _hop in range(self.max_redirects + 1):
            status, location, body, content_type = self._get(url, deadline)
            if status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            if status != 200:
                raise FetchError(f"The {self.what}'s server answered {status} instead of the file")
            return Page(url, content_type, body)
        raise FetchError(
            f"The {self.what}'s address redirects more than {self.max_redirects} times"
        )

    def _get(self, url: str, deadline: float) -> tuple[int, str, bytes, str]:
        scheme, host, port, target = _target(url)
        address = self._checked_address(host, port)
        connection = _connection(scheme, host, port, address, self, deadline)
        watchdog = threading.Timer(max(deadline - time.monotonic(), 0), connection.close_socket)
        watchdog.start()
        response: http.client.HTTPResponse | None = None
        try:
            connection.request("GET", target, headers=_headers(host, port, scheme))
            response = connection.getresponse()
            if response.status in REDIRECTS:
                return response.status, response.getheader("Location", ""), b"", ""
            if response.status != 200:
                return response.status, "", b"", ""
            content_type = response.getheader("Content-Type", "")
            return 200, "", self._body(response, deadline), content_type
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline:
                raise self._timeout() from exc
            raise FetchError(f"The {self.what} could not be fetched from {host}") from exc
        finally:
            watchdog.cancel()
            if response is not None:
                response.close()
            connection.close()

    def _checked_address(self, host: str, port: int) -> str:
        literal = _literal_address(host)
        addresses = [literal] if literal else self.resolve(host, port)
        if not addresses:
            raise FetchError(f"The address {host} cannot be found")
        named = host.lower().rstrip(".") in self.allowed_private
        if not named and not all(
            self.address_allowed(a) or a in self.allowed_private for a in addresses
        ):
            raise AddressNotAllowedError(
                f"Address not allowed: {self.what}s can only be fetched from public internet "
                "addresses"
            )
        return addresses[0]

    def _body(self, response: http.client.HTTPResponse, deadline: float) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large()
        encoding = (response.getheader("Content-Encoding") or "identity").lower()
        if encoding not in ("identity", "gzip", "x-gzip"):
            raise FetchError(
                f"The {self.what}'s server sent an encoding this site cannot read: {encoding}"
            )
        inflate = zlib.decompressobj(wbits=47) if encoding != "identity" else None
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() >= deadline:
                raise self._timeout()
            chunk = response.read1(64 * 1024)
            if not chunk:
                break
            if inflate is not None:
                chunk = inflate.decompress(chunk, self.max_bytes + 1 - size)
                if inflate.unconsumed_tail:
                    raise self._too_large()
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large()
            chunks.append(chunk)
        if time.monotonic() >= deadline:
            raise self._timeout()
        return b"".join(chunks)

    def _too_large(self) -> TooLargeError:
        return TooLargeError(
            f"The {self.what} is larger than {self.max_bytes // (1024 * 1024)} MB, "
            "the most this site imports"
        )

    def _timeout(self) -> FetchTimeoutError:
        return FetchTimeoutError(
            f"The {self.what}'s server took longer than {self.timeout:g} seconds to send it"
        )


def _target(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError("That is not a web address") from exc
    scheme = {"webcal": "http", "webcals": "https"}.get(parts.scheme.lower(), parts.scheme.lower())
    if scheme not in ("http", "https"):
        raise FetchError("The address must start with https://, http:// or webcal://")
    if not parts.hostname:
        raise FetchError("The address has no host name")
    if parts.username or parts.password:
        raise FetchError("Addresses with a user name or password are not fetched")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80), target


def _literal_address(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


def _headers(host: str, port: int, scheme: str) -> dict[str, str]:
    shown = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return {
        "Host": shown if port == default else f"{shown}:{port}",
        "User-Agent": USER_AGENT,
        "Accept": "text/calendar, */*;q=0.5",
        "Accept-Encoding": "gzip, identity",
    }


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP connection to the address already checked, whatever the name resolves to now."""

    def __init__(self, host: str, port: int, address: str, fetcher: Fetcher, deadline: float):
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.01))
        self._address = address
        self._fetcher = fetcher

    def _open(self) -> socket.socket:
        return self._fetcher.connect((self._address, self.port), self.timeout)

    def connect(self) -> None:
        self.sock = self._open()

    def close_socket(self) -> None:
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _PinnedTLSConnection(_PinnedConnection):
    def connect(self) -> None:
        raw = self._open()
        self.sock = self._fetcher.tls_context().wrap_socket(raw, server_hostname=self.host)


def _connection(
    scheme: str, host: str, port: int, address: str, fetcher: Fetcher, deadline: float
) -> _PinnedConnection:
    kind = _PinnedTLSConnection if scheme == "https" else _PinnedConnection
    return kind(host, port, address, fetcher, deadline)
