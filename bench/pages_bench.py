"""Pages at scale: the query plans of every list query, each page's uncached render, and p99
under load, at 10,000 and 100,000 events, on SQLite and PostgreSQL.

    .venv/bin/python bench/pages_bench.py                          # both sizes, both databases
    .venv/bin/python bench/pages_bench.py --sizes 10000 --backends sqlite --seconds 3
    .venv/bin/python bench/pages_bench.py --plans-only             # no gunicorn, no wrk

For each database and size, with events bulk-inserted (feeds_bench.seed) and speakers, tags
and an organiser who owns a tenth of them:
- every SELECT that the front page, a month, a week, search, a venue's page, a speaker's page
  and the organiser dashboard run, with its plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
  PostgreSQL); a plan that reads a whole table of events or of their links is marked FULL SCAN;
- each page rendered uncached (as a signed-in organiser sees it: no response cache), the
  median of five, in this process;
- wrk -t2 -c16 on each page against gunicorn with the repository's config (visitors' pages
  through the response cache, the dashboard signed in), plain and gzip: requests/s, p50, p99;
- each gunicorn worker's memory (RSS) after the load.

PostgreSQL comes from BENCH_POSTGRES_URL (default: the local server's `perf` database, which is
emptied). Needs wrk (apt-get install -y wrk) for the load figures. Each page is loaded by wrk
for WARM_UP seconds, not counted, before the measured run, so the figures are of a site whose
every worker has served each page before, and the warm-up and the wrk window fall within one
minute of the clock: when the minute turns,
each worker builds each page again once, which is the uncached render figure, not a p99.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feeds_bench import NOW, SECRET_KEY, seed  # noqa: E402
from load_and_faults import _worker_rss, fresh_database, wrk  # noqa: E402
from sqlalchemy import event, insert, text, update  # noqa: E402

from events_app import accounts, create_app  # noqa: E402
from events_app.domain import Role  # noqa: E402
from events_app.store.db import make_engine, make_session_factory  # noqa: E402
from events_app.store.tables import EventRow, EventSpeakerRow, PersonRow, TagRow  # noqa: E402
from events_app.web.caching import SESSION_PAGE_CACHE_BYTES, BoundedCache  # noqa: E402
from tests.faults.servers import Gunicorn, Organiser  # noqa: E402

EMAIL, PASSWORD = "bench-organiser@example.org", "correct horse battery"
PEOPLE = 200
PAGES = {
    "front page": "/",
    "month": "/calendar/2027/3",
    "week": "/week/2027-03-08",
    "search": "/search?q=meeting+5",
    "venue": "/venues/hall-7",
    "speaker": "/speakers/speaker-7",
    "dashboard": "/organiser/",
}
BIG_TABLES = ("events", "event_venues", "event_speakers", "event_tags", "event_links")


def seed_more(url: str, count: int) -> None:
    """Speakers (one per event, of PEOPLE), a tag on every fifth event, and an organiser who
    owns every tenth."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            insert(PersonRow),
            [
                {"id": p + 1, "slug": f"speaker-{p}", "name": f"Speaker {p}", "match_key": ""}
                for p in range(PEOPLE)
            ],
        )
        connection.execute(
            insert(EventSpeakerRow),
            [{"event_id": i + 1, "person_id": i % PEOPLE + 1, "position": 0} for i in range(count)],
        )
        connection.execute(
            insert(TagRow), [{"event_id": i + 1, "name": "housing"} for i in range(0, count, 5)]
        )
        if connection.dialect.name == "postgresql":
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('people', 'id'), "
                    "(SELECT max(id) FROM people))"
                )
            )
    with make_session_factory(engine)() as session:
        user = accounts.create_user(session, EMAIL, PASSWORD, Role.ORGANISER, NOW)
        session.execute(update(EventRow).where(EventRow.id % 10 == 0).values(owner_id=user.id))
        session.commit()
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    engine.dispose()


@contextlib.contextmanager
def captured(engine):
    """The SELECTs run on `engine` inside the block, each once, with its parameters."""
    seen: dict[str, object] = {}

    def note(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.setdefault(statement, parameters)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def plan(engine, statement: str, parameters) -> list[str]:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            lines = [row[3] for row in cursor.fetchall()]
        else:
            cursor.execute("EXPLAIN " + statement, parameters)
            lines = [row[0] for row in cursor.fetchall()]
        cursor.close()
        raw.rollback()
        return lines
    finally:
        raw.close()


def full_scans(lines: list[str]) -> list[str]:
    """Plan lines that read a whole big table: SQLite's `SCAN t` without an index, PostgreSQL's
    `Seq Scan on t`."""
    found = []
    for line in lines:
        match = re.search(r"(?:^|\s)SCAN (\w+)(?: AS \w+)?$", line.strip()) or re.search(
            r"Seq Scan on (\w+)", line
        )
        if match and match.group(1) in BIG_TABLES:
            found.append(line.strip())
    return found


def signed_in(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = client.post("/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 302, answer.status_code


def forget_session_pages(app) -> None:
    """The dashboard's figure is of building it: the page kept for the session is let go."""
    app.extensions["events_session_pages"] = BoundedCache(SESSION_PAGE_CACHE_BYTES)


def plans_and_renders(url: str) -> list[str]:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET_KEY, "CLOCK": lambda: NOW})
    engine = app.extensions["events_db"].engine
    client = app.test_client()
    signed_in(client)
    lines, scans = [], 0
    for name, path in PAGES.items():
        with captured(engine) as seen:
            answer = client.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        took = []
        for _ in range(5):
            forget_session_pages(app)
            started = time.perf_counter()
            client.get(path)
            took.append(time.perf_counter() - started)
        lines.append(
            f"### {name} ({path}): uncached render {statistics.median(took) * 1000:.1f} ms "
            f"(median of 5), {len(seen)} SELECTs"
        )
        for statement, parameters in seen.items():
            steps = plan(engine, statement, parameters)
            bad = full_scans(steps)
            scans += bool(bad)
            flat = " ".join(statement.split())
            lines.append(
                f"- {'FULL SCAN ' if bad else ''}`{flat[:160]}{'...' if len(flat) > 160 else ''}`"
            )
            lines.extend(f"    {step}" for step in steps)
    app.extensions["events_db"].close()
    lines.append(f"list queries reading a whole big table: {scans}")
    return lines


# Seconds of wrk before the measured run, on each page and encoding: requests one at a time
# (as this bench warmed up before) leave to chance which worker has built what, and a worker
# building a page inside the measured window holds up the requests behind it; a second at
# 16 connections reaches every worker.
WARM_UP = 1


MINUTE_MARGIN = 8  # seconds left in the minute, beyond wrk's own, for the warm-up


def _wait_for_a_minute_with_room(seconds: float) -> None:
    """Waits for the next minute unless this one has `seconds` left. Every stored page is
    built again, once per worker, when the minute turns (the key holds it: what is upcoming
    moves with the clock); a short wrk window that took in that turn had its p99 set by the
    one rebuild, and one that did not had not, so the windows are kept inside one minute and
    the rebuild's cost is the uncached render above."""
    left = 60 - time.time() % 60
    if left < seconds:
        time.sleep(left + 0.2)


def load(url: str, seconds: int) -> list[str]:
    server = Gunicorn(url, workers=2)
    lines = ["| page | client | req/s | p50 ms | p99 ms | errors |", "|---|---|---|---|---|---|"]
    try:
        cookie = _cookie(server.url)
        for name, path in {**PAGES, "feed": "/events.ics", "API": "/api/v1/events"}.items():
            headers = {"Cookie": cookie} if name == "dashboard" else {}
            for client, extra in (("plain", {}), ("gzip", {"Accept-Encoding": "gzip"})):
                sent = {**headers, **extra}
                _wait_for_a_minute_with_room(seconds + MINUTE_MARGIN)
                asked = urllib.request.Request(server.url + path, headers=sent)
                urllib.request.urlopen(asked, timeout=300).read()
                wrk(server.url + path, 16, WARM_UP, sent)  # not counted: every worker builds
                r = wrk(server.url + path, 16, seconds, sent)
                lines.append(
                    f"| {name} | {client} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
                    f"| {r['errors']:.0f} |"
                )
        lines.append(f"\nworker RSS after the load: {_worker_rss(server.process.pid)}")
    finally:
        server.stop()
    return lines


def _cookie(base: str) -> str:
    browser = Organiser(base, EMAIL, PASSWORD)
    jar = browser.opener.handlers
    for handler in jar:
        if hasattr(handler, "cookiejar"):
            return "; ".join(f"{c.name}={c.value}" for c in handler.cookiejar)
    raise RuntimeError("no session cookie")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--plans-only", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/perf")
    for backend in args.backends:
        for size in (int(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory() as folder:
                url = fresh_database(backend, Path(folder))
                started = time.perf_counter()
                seed(url, size)
                seed_more(url, size)
                took = time.perf_counter() - started
                print(f"\n## {backend}, {size:,} events (seeded in {took:.1f} s)\n", flush=True)
                print("\n".join(plans_and_renders(url)), flush=True)
                if not args.plans_only:
                    print("\n" + "\n".join(load(url, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
