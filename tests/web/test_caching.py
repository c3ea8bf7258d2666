"""The response caches, validators, compression and CORS of the public feeds and the API."""

import dataclasses
import gzip
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import brotli
import pytest

from events_app import create_app, services
from events_app.domain import EventEdit
from events_app.web.caching import (
    RUN_MAX_BYTES,
    BoundedCache,
    Rendered,
    ResponseCache,
    gzip_of_parts,
)
from tests.builders import event
from tests.conftest import BASE_URL, NOW

FEEDS = ["/events.ics", "/events.json", "/feed.json", "/api/v1/events"]


@pytest.fixture
def feeds(store_events):
    return store_events(
        *[event(f"Meeting {n}", start=NOW + timedelta(days=n)) for n in range(1, 8)]
    )


@pytest.fixture
def small_app(database_url):
    """An app with a cache budget of its own, closed at the end even when the test fails."""
    made = []

    def make(budget: int):
        made.append(
            create_app(
                {
                    "DATABASE_URL": database_url,
                    "BASE_URL": BASE_URL,
                    "CLOCK": lambda: NOW,
                    "RESPONSE_CACHE_BYTES": budget,
                }
            )
        )
        return made[-1]

    yield make
    for app in made:
        app.extensions["events_db"].close()


def _caches(app) -> list[BoundedCache]:
    return [
        app.extensions["events_fastpath"].entries,
        app.extensions["events_response_cache"].answers,
    ]


def test_bounded_cache_lets_the_least_recently_used_go_by_bytes():
    cache = BoundedCache(max_bytes=3 * (100 + BoundedCache.ENTRY_OVERHEAD))
    for name in "abc":
        cache.put(name, name * 100, 100)
    cache.get("a")

    cache.put("d", "d" * 100, 100)
    cache.put("huge", "x", cache.max_bytes)

    assert [cache.get(k) is not None for k in ("a", "b", "c", "d", "huge")] == [
        True,
        False,
        True,
        True,
        False,
    ]
    assert cache.size_bytes == 3 * (100 + BoundedCache.ENTRY_OVERHEAD)


@pytest.mark.parametrize("path", [*FEEDS, "/", "/past"])
def test_junk_query_parameters_are_one_cached_answer(small_app, feeds, path):
    app = small_app(2_000_000)
    client = app.test_client()
    first = client.get(path)

    answers = {client.get(f"{path}?x={n}").data for n in range(1000)}

    assert (first.status_code, answers) == (200, {first.data})
    assert [len(cache) for cache in _caches(app)] == [1, 1]
    assert all(cache.size_bytes <= cache.max_bytes for cache in _caches(app))


def test_junk_parameters_stay_out_of_the_links_an_answer_gives(client, feeds):
    plain = client.get("/api/v1/events?limit=2").get_json()
    junk = client.get("/api/v1/events?limit=2&utm_source=spam&x=1").get_json()

    assert junk == plain
    assert plain["next"] == f"{BASE_URL}/api/v1/events?limit=2&page=2"


def test_many_distinct_answers_stay_within_the_byte_budget(small_app, feeds):
    budget = 100_000
    app = small_app(budget)
    client = app.test_client()

    bodies = [client.get(f"/events.json?q=word{n}").data for n in range(400)]

    assert [cache.size_bytes <= budget for cache in _caches(app)] == [True, True]
    assert [0 < len(cache) < 400 for cache in _caches(app)] == [True, True]
    assert client.get("/events.json?q=word399").data == bodies[-1]


def _etag_of(client, path: str, **headers) -> str:
    return client.get(path, headers=headers).headers["ETag"]


@pytest.mark.parametrize("signed_cookie", [False, True], ids=["fast-path", "flask"])
@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("{etag}", 304),
        ("W/{etag}", 304),
        ('"other", W/{etag}', 304),
        ("*", 304),
        ('W/"other"', 200),
        ('"other", "another"', 200),
    ],
)
@pytest.mark.parametrize("path", FEEDS)
def test_if_none_match_uses_weak_comparison(client, feeds, path, header, status, signed_cookie):
    if signed_cookie:  # a cookie keeps the request out of the fast path, through Flask
        client.set_cookie("theme", "dark")
    etag = _etag_of(client, path)

    again = client.get(path, headers={"If-None-Match": header.format(etag=etag)})

    assert (again.status_code, again.headers["ETag"]) == (status, etag)
    assert (again.data == b"") == (status == 304)


@pytest.mark.parametrize("path", [*FEEDS, "/events/meeting-1-2026-11-29.ics"])
def test_cors_preflight_for_public_reads_is_granted(client, feeds, path):
    response = client.options(
        path,
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response.status_code == 204
    assert {k: v for k, v in response.headers.items() if k.startswith("Access-Control")} == {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
        "Access-Control-Max-Age": "86400",
        "Access-Control-Expose-Headers": "ETag, Last-Modified",
    }


def test_cors_preflight_for_the_parse_api_is_not_granted(client):
    response = client.options(
        "/api/v1/parse",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )

    assert [k for k, _ in response.headers if k.startswith("Access-Control")] == []


@pytest.mark.parametrize("path", FEEDS)
def test_public_reads_expose_their_validators_to_scripts(client, feeds, path):
    response = client.get(path, headers={"Origin": "https://elsewhere.example"})

    assert (
        response.headers["Access-Control-Allow-Origin"],
        response.headers["Access-Control-Expose-Headers"],
    ) == ("*", "ETag, Last-Modified")


DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress}


@pytest.mark.parametrize("signed_cookie", [False, True], ids=["fast-path", "flask"])
@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip, deflate", "gzip"), ("gzip, br", "br"), ("br;q=0, gzip", "gzip")],
)
@pytest.mark.parametrize("path", FEEDS)
def test_compressed_answers_by_accept_encoding(
    client, feeds, path, accept, encoding, signed_cookie
):
    if signed_cookie:
        client.set_cookie("theme", "dark")
    plain = client.get(path)

    packed = client.get(path, headers={"Accept-Encoding": accept})
    again = client.get(
        path, headers={"Accept-Encoding": accept, "If-None-Match": packed.headers["ETag"]}
    )
    plain_again = client.get(
        path, headers={"Accept-Encoding": "identity", "If-None-Match": packed.headers["ETag"]}
    )

    assert packed.headers["Content-Encoding"] == encoding
    assert DECODERS[encoding](packed.data) == plain.data
    assert (packed.headers["Vary"], plain.headers["Vary"]) == ("Accept-Encoding",) * 2
    assert packed.headers["ETag"] != plain.headers["ETag"]
    assert (again.status_code, again.data, again.headers["ETag"]) == (
        304,
        b"",
        packed.headers["ETag"],
    )
    assert "Content-Encoding" not in plain.headers
    assert (plain_again.status_code, plain_again.data) == (200, plain.data)


def _one_member(packed: bytes) -> bytes:
    """The body of a gzip stream that must be a single member: some readers stop after one."""
    reader = zlib.decompressobj(wbits=31)
    plain = reader.decompress(packed)
    assert (reader.eof, reader.unused_data) == (True, b"")
    return plain


PIECE = b"BEGIN:VEVENT\r\nSUMMARY:Meeting %d\r\nDESCRIPTION:" + b"Agenda, speakers. " * 20


@pytest.mark.parametrize(
    "parts",
    [
        [],
        [b""],
        [b"head", b"", b"tail"],
        [PIECE % n for n in range(2_000)],
        [b"x" * (RUN_MAX_BYTES + 1), *[PIECE % n for n in range(50)], b"y" * 3 * RUN_MAX_BYTES],
    ],
    ids=["none", "one empty", "small", "many pieces", "parts larger than a run"],
)
def test_gzip_of_parts_is_one_gzip_member_of_the_whole(parts):
    body = b"".join(parts)

    packed = gzip_of_parts(parts, body, BoundedCache(64 * 1024 * 1024))

    assert _one_member(packed) == body


def test_gzip_of_parts_reuses_runs_and_gives_the_same_bytes_as_a_fresh_start():
    """After one part changes, the gzip made with what was kept equals the gzip a worker that
    kept nothing makes: one ETag, one set of bytes, on every server."""
    parts = [PIECE % n for n in range(2_000)]
    kept = BoundedCache(64 * 1024 * 1024)
    gzip_of_parts(parts, b"".join(parts), kept)
    parts[1_000] = PIECE % 99_999
    body = b"".join(parts)

    assert gzip_of_parts(parts, body, kept) == gzip_of_parts(
        parts, body, BoundedCache(64 * 1024 * 1024)
    )
    assert _one_member(gzip_of_parts(parts, body, kept)) == body


@pytest.mark.parametrize("path", ["/events.ics", "/events.json"])
def test_feeds_gzipped_after_each_edit_are_the_plain_feed(client, app_session, store_events, path):
    stored = store_events(
        *[event(f"Meeting {n}", start=NOW + timedelta(hours=n)) for n in range(1, 300)]
    )
    for n in (5, 150, 290):
        edit = dataclasses.replace(EventEdit.of(stored[n]), title=f"Edited {n}")
        services.edit_event(app_session, stored[n].id, edit, now=NOW)
        plain = client.get(path).data

        packed = client.get(path, headers={"Accept-Encoding": "gzip"})

        assert (packed.headers["Content-Encoding"], _one_member(packed.data)) == ("gzip", plain)
        assert f"Edited {n}".encode() in plain


def test_an_answer_asked_for_by_many_threads_at_once_is_built_once():
    cache = ResponseCache()
    builds, release = [], threading.Event()
    entered = threading.Semaphore(0)

    def build() -> Rendered:
        builds.append(1)
        release.wait(10)
        return Rendered(b"the page", "text/html", None)

    def ask() -> bytes:
        entered.release()
        return cache.get("key", build).variant(None).body

    with ThreadPoolExecutor(8) as pool:
        answers = [pool.submit(ask) for _ in range(8)]
        for _ in range(8):
            entered.acquire()
        release.set()
        bodies = [answer.result() for answer in answers]

    assert (len(builds), bodies) == (1, [b"the page"] * 8)


def test_an_answer_whose_build_failed_is_built_again_by_the_next_request():
    cache = ResponseCache()

    def failing() -> Rendered:
        raise LookupError("no such venue")

    with pytest.raises(LookupError):
        cache.get("key", failing)
    made = cache.get("key", lambda: Rendered(b"found", "text/html", None))

    assert made.variant(None).body == b"found"
