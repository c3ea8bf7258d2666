"""Feeds under load: events_app against a bare Flask app serving the same bytes.

    .venv/bin/python bench/feeds_bench.py            # 1,000 and 10,000 events
    .venv/bin/python bench/feeds_bench.py --sizes 1000 --seconds 3
    .venv/bin/python bench/feeds_bench.py --sizes 10000 --no-load   # no wrk: render figures

For each size it reports: the first render of the whole .ics feed (nothing stored yet); the time
a cold worker (empty caches, render store filled) takes for the .ics and JSON feeds; the time
until the feed is fresh again after one event is edited, plain and for a gzip client (each the
median of five tries); the
feed's size gzipped and brotli-compressed; the share of conditional requests (If-None-Match)
answered 304; and requests per second from wrk for /events.ics, /api/v1/events and /, each as
a ratio to the bare app under the same gunicorn in the same run. Needs wrk (apt-get install
wrk). Load goes to 127.0.0.1 only. Figures vary between runs on a shared machine: compare the
ratios, not the absolutes.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from events_app import create_app, services
from events_app.domain import EventEdit
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory
from events_app.store.migrate import upgrade
from events_app.store.tables import EventRow, EventVenueRow, VenueRow

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 28, tzinfo=UTC)
SECRET_KEY = secrets.token_hex(32)  # the app refuses to start without one
TRIES = 5


def seed(url: str, count: int) -> None:
    """`count` published events over the coming years at 50 venues, inserted in bulk."""
    london = ZoneInfo("Europe/London")
    engine = make_engine(url)
    first = datetime(2027, 1, 1, 18, 0, tzinfo=london)
    with engine.begin() as connection:
        connection.execute(
            insert(VenueRow),
            [
                {
                    "id": v + 1,
                    "slug": f"hall-{v}",
                    "name": f"Hall {v}",
                    "address": f"{v} High Street",
                    "postcode": "WC1R 4RL",
                    "city": "London",
                }
                for v in range(50)
            ],
        )
        rows = []
        for i in range(count):
            start = first + timedelta(hours=7 * i)
            rows.append(
                {
                    "id": i + 1,
                    "uid": f"{uuid.uuid4()}@bench",
                    "slug": f"event-{i}",
                    "title": f"Public meeting {i}",
                    "description": "A meeting, with speakers. " * 4,
                    "start_utc": start,
                    "end_utc": start + timedelta(hours=2),
                    "timezone": "Europe/London",
                    "all_day": False,
                    "status": "confirmed",
                    "published": True,
                    "organiser": "",
                    "online": False,
                    "source_text": "",
                    "sequence": 0,
                    "revision": 1,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
        connection.execute(insert(EventRow), rows)
        connection.execute(
            insert(EventVenueRow),
            [{"event_id": i + 1, "venue_id": i % 50 + 1, "position": 0} for i in range(count)],
        )
        if connection.dialect.name == "postgresql":
            for table in ("events", "venues"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(app: str, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": SECRET_KEY, **env},
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/events.ics", timeout=60).read()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url: str, seconds: int) -> float:
    done = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    if re.search(r"Non-2xx or 3xx responses: \d+", done.stdout):
        raise RuntimeError(f"errors from {url}:\n{done.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))


@dataclasses.dataclass(frozen=True)
class Took:
    """Wall time, and this process's CPU time, which a loaded machine disturbs far less."""

    wall: float
    cpu: float


def timed(client, path: str, **kwargs) -> tuple[Took, bytes]:
    started, cpu = time.perf_counter(), time.process_time()
    body = client.get(path, **kwargs).data
    return Took(time.perf_counter() - started, time.process_time() - cpu), body


def medians(tries: list[Took]) -> str:
    wall, cpu = median(t.wall for t in tries), median(t.cpu for t in tries)
    return f"{wall:.3f} s (CPU {cpu:.3f} s)"


def not_modified_share(url: str, tries: int = 200) -> float:
    etag = urllib.request.urlopen(url, timeout=60).headers["ETag"]
    answered = 0
    for _ in range(tries):
        request = urllib.request.Request(url, headers={"If-None-Match": etag})
        try:
            urllib.request.urlopen(request, timeout=60)
        except urllib.error.HTTPError as exc:
            answered += exc.code == 304
    return answered / tries


def measure(count: int, seconds: int | None, folder: Path) -> None:
    url = f"sqlite:///{folder / f'bench-{count}.db'}"
    upgrade(url)
    seed(url, count)
    app = create_app({"DATABASE_URL": url, "CLOCK": lambda: NOW, "SECRET_KEY": SECRET_KEY})
    client = app.test_client()
    cold, body = timed(client, "/events.ics")
    timed(client, "/events.json")
    # A new worker or app server: empty caches of its own, the render store already filled.
    # Each figure is the median of a few tries: the machine is shared.
    cold_worker: list[Took] = []
    cold_json: list[Took] = []
    for _ in range(TRIES):
        second = create_app({"DATABASE_URL": url, "CLOCK": lambda: NOW, "SECRET_KEY": SECRET_KEY})
        took, cold_body = timed(second.test_client(), "/events.ics")
        cold_worker.append(took)
        cold_json.append(timed(second.test_client(), "/events.json")[0])
        second.extensions["events_db"].close()
        assert cold_body == body
    sizes = {
        name: len(client.get("/events.ics", headers={"Accept-Encoding": name}).data)
        for name in ("gzip", "br")
    }
    with make_session_factory(make_engine(url))() as session:
        fresh: dict[str, list[Took]] = {"identity": [], "gzip": []}
        for n in range(2 * TRIES):
            encoding = ("identity", "gzip")[n % 2]
            event = repository.get_event_by_id(session, count // 2 + n)
            services.edit_event(
                session,
                event.id,
                dataclasses.replace(EventEdit.of(event), title="Edited"),
                now=NOW + timedelta(minutes=1),
            )
            took, fresh_body = timed(client, "/events.ics", headers={"Accept-Encoding": encoding})
            fresh[encoding].append(took)
            plain = gzip.decompress(fresh_body) if encoding == "gzip" else fresh_body
            assert plain.count(b"SUMMARY:Edited") == n + 1
    app.extensions["events_db"].close()
    _report_rendering(count, len(body), cold, cold_worker, cold_json, fresh, sizes)
    if seconds is not None:
        _load(url, count, seconds, folder)


def _report_rendering(count, length, cold, cold_worker, cold_json, fresh, sizes) -> None:
    print(f"\n{count:,} events (.ics feed {length / 1e6:.1f} MB)")
    print(f"  first render of the whole feed (empty render store): {cold.wall:.2f} s")
    print(
        f"  a cold worker, render store filled (median of {TRIES}): "
        f".ics {medians(cold_worker)}, JSON {medians(cold_json)}"
    )
    print(
        f"  fresh feed after one edit (median of {TRIES}): {medians(fresh['identity'])} "
        f"plain, {medians(fresh['gzip'])} for a gzip client"
    )
    print(
        "  compressed: "
        + ", ".join(f"{k} {v / 1e3:.0f} KB ({v / length:.1%})" for k, v in sizes.items())
    )


def _load(url: str, count: int, seconds: int, folder: Path) -> None:
    bare_dir = folder / f"bare-{count}"
    bare_dir.mkdir()
    ours, base = gunicorn("wsgi:app", {"DATABASE_URL": url})
    for path, name in (
        ("/events.ics", "events.ics"),
        ("/api/v1/events?when=all", "api.json"),
        ("/", "index.html"),
    ):
        (bare_dir / name).write_bytes(urllib.request.urlopen(base + path, timeout=60).read())
    share = not_modified_share(base + "/events.ics")
    rates = {
        path: wrk(base + path, seconds) for path in ("/events.ics", "/api/v1/events?when=all", "/")
    }
    stop(ours)
    bare, bare_base = gunicorn("bench.bare_app:app", {"BARE_DIR": str(bare_dir)})
    bare_rates = {path: wrk(bare_base + path.split("?")[0], seconds) for path in rates}
    stop(bare)

    print(f"  conditional requests answered 304: {share:.0%}")
    for path, rate in rates.items():
        print(
            f"  {path:<26} {rate:9.0f} req/s, bare {bare_rates[path]:9.0f}: "
            f"ratio {rate / bare_rates[path]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--no-load", action="store_true", help="render figures only, no wrk")
    args = parser.parse_args()
    if not args.no_load and shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            measure(size, None if args.no_load else args.seconds, Path(folder))


if __name__ == "__main__":
    main()
