"""Feeds under load: events_app against a bare Flask app and nginx serving the same bytes.

    .venv/bin/python bench/feeds_bench.py            # 1,000 and 10,000 events
    .venv/bin/python bench/feeds_bench.py --sizes 1000 --rounds 5 --seconds 2
    .venv/bin/python bench/feeds_bench.py --sizes 10000 --no-load   # no wrk: render figures

For each size it reports: the first render of the whole .ics feed (nothing stored yet); the time
a cold worker (empty caches, render store filled) takes for the .ics and JSON feeds; the time
until the feed is fresh again after one event is edited, plain and for a gzip client (each the
median of five tries); the feed's size gzipped and brotli-compressed; the share of conditional
requests (If-None-Match) answered 304; and requests per second from wrk for /events.ics (plain,
gzip, and 304 to the server's own ETag), /api/v1/events and /, from events_app, from the bare
app (bench/bare_app.py) under the same gunicorn and worker model (gunicorn.conf.py), and from
nginx serving the same bytes from files. The three servers run at once and take turns, a short
wrk run each per figure over several rounds, and each ratio is the median of the rounds' ratios
(with their range), so load that changes during the run skews no ratio.

Needs wrk (apt-get install -y wrk); nginx (apt-get install -y nginx) for the nginx column, which
is left out, saying so, where it is not installed. Every server runs in a process group of its
own and every wait is bounded: a server that does not answer is killed, never waited on. Load
goes to 127.0.0.1 only. Figures vary between runs on a shared machine: compare the ratios
within one run, not the absolutes.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gzip
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
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
from events_app.worker import settle_gc

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 28, tzinfo=UTC)
SECRET_KEY = secrets.token_hex(32)  # the app refuses to start without one
TRIES = 5
WORKERS = 2


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


START_WAIT, STOP_WAIT = 120, 20  # seconds: every server is given this long, then killed


class Server:
    """A server started in a process group of its own, waited for within START_WAIT, and
    stopped (SIGTERM to the group, then SIGKILL after STOP_WAIT) however the bench ends, so no
    worker or nginx process outlives a run that failed or was interrupted."""

    def __init__(self, name: str, command: list[str], base: str, env: dict[str, str]) -> None:
        self.name, self.base = name, base
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "SECRET_KEY": SECRET_KEY, **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                urllib.request.urlopen(base + "/events.ics", timeout=START_WAIT).read()
                return
            except urllib.error.HTTPError as error:
                self.stop()
                raise RuntimeError(f"{name} answered {error.code} to /events.ics") from error
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{name} did not answer within {START_WAIT} s")

    def stop(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=STOP_WAIT)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def gunicorn(app: str, env: dict[str, str]) -> Server:
    """`app` under gunicorn with the repository's gunicorn.conf.py (its worker model: the
    threaded workers, keep-alive), two workers for the two cores of the shared machine."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    return Server(app, command, f"http://127.0.0.1:{port}", env)


NGINX_INSTALL = "nginx is not installed: apt-get install -y nginx (the nginx column is left out)"
NGINX_CONF = """
daemon off;
user {user};
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    gzip_static on;
    etag on;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location = /events.ics {{ default_type text/calendar; try_files /events.ics =404; }}
        location = /api/v1/events {{ default_type application/json; try_files /api.json =404; }}
        location = / {{ default_type "text/html; charset=utf-8"; try_files /index.html =404; }}
    }}
}}
"""


def nginx(root: Path, folder: Path) -> Server | None:
    """nginx serving the same bytes from files (gzip_static sends the .gz beside a file to a
    gzip client), as many workers as gunicorn has; None, said once, where it is not installed."""
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if binary is None:
        print(f"  {NGINX_INSTALL}")
        return None
    folder.mkdir()
    port = free_port()
    conf = folder / "nginx.conf"
    user = pwd.getpwuid(os.geteuid()).pw_name  # the bench's own files, whoever runs it
    conf.write_text(
        NGINX_CONF.format(user=user, workers=WORKERS, folder=folder, port=port, root=root)
    )
    command = [binary, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")]
    return Server("nginx", command, f"http://127.0.0.1:{port}", {})


def wrk(url: str, seconds: int, headers: dict[str, str] | None = None) -> float:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
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
    return f"{wall:.3f} s (CPU {cpu:.3f} s, slowest {max(t.wall for t in tries):.3f} s)"


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


def measure(count: int, load: tuple[int, int] | None, folder: Path) -> None:
    url = f"sqlite:///{folder / f'bench-{count}.db'}"
    upgrade(url)
    seed(url, count)
    app = create_app({"DATABASE_URL": url, "CLOCK": lambda: NOW, "SECRET_KEY": SECRET_KEY})
    settle_gc()  # the collector as a gunicorn worker sets it once the app is loaded
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
    if load is not None:
        _load(url, count, *load, folder)


def _report_rendering(count, length, cold, cold_worker, cold_json, fresh, sizes) -> None:
    print(f"\n{count:,} events (.ics feed {length / 1e6:.1f} MB)")
    print(f"  first render of the whole feed (empty render store): {cold.wall:.2f} s")
    print(
        f"  a cold worker, render store filled (median of {TRIES}): "
        f".ics {medians(cold_worker)}, JSON {medians(cold_json)}"
    )
    print(
        f"  fresh feed after one edit (median of {TRIES}, slowest): {medians(fresh['identity'])} "
        f"plain, {medians(fresh['gzip'])} for a gzip client (garbage collector as in a worker)"
    )
    print(
        "  compressed: "
        + ", ".join(f"{k} {v / 1e3:.0f} KB ({v / length:.1%})" for k, v in sizes.items())
    )


# What each load figure asks for: a path (the bare app and nginx drop the query), and headers.
FIGURES = {
    "/events.ics": ("/events.ics", {}),
    "/events.ics gzip": ("/events.ics", {"Accept-Encoding": "gzip"}),
    "/events.ics 304": ("/events.ics", {"If-None-Match": None}),  # each server's own ETag
    "/api/v1/events": ("/api/v1/events?when=all", {}),
    "/": ("/", {}),
}


def _load(url: str, count: int, seconds: int, rounds: int, folder: Path) -> None:
    """Each figure from wrk against events_app, the bare app and nginx, all three running at
    once and taking turns: in each of `rounds` rounds every server gets one short wrk run per
    figure, the first server of the round rotating. The machine is shared, so its load changes
    within a run; a ratio is taken within a round (seconds apart) and the median over rounds
    is reported, not a ratio of figures measured minutes apart."""
    bare_dir = folder / f"bare-{count}"
    bare_dir.mkdir()
    with contextlib.ExitStack() as running:
        ours = running.enter_context(gunicorn("wsgi:app", {"DATABASE_URL": url}))
        _write_bare_files(ours.base, bare_dir)
        share = not_modified_share(ours.base + "/events.ics")
        servers = {"events_app": (ours.base, True)}
        bare = running.enter_context(gunicorn("bench.bare_app:app", {"BARE_DIR": str(bare_dir)}))
        servers["bare app"] = (bare.base, False)
        web = nginx(bare_dir, folder / f"nginx-{count}")
        if web is not None:
            servers["nginx"] = (running.enter_context(web).base, False)
        rates = _turns(servers, seconds, rounds)
    print(f"  conditional requests answered 304: {share:.0%}")
    _report_load(rates, seconds, rounds)


def _write_bare_files(base: str, bare_dir: Path) -> None:
    """The bytes events_app serves, for the bare app and nginx to serve from files."""
    for path, name in (
        ("/events.ics", "events.ics"),
        ("/api/v1/events?when=all", "api.json"),
        ("/", "index.html"),
    ):
        (bare_dir / name).write_bytes(urllib.request.urlopen(base + path, timeout=60).read())
    packed = urllib.request.Request(base + "/events.ics", headers={"Accept-Encoding": "gzip"})
    (bare_dir / "events.ics.gz").write_bytes(urllib.request.urlopen(packed, timeout=60).read())


def _turns(
    servers: dict[str, tuple[str, bool]], seconds: int, rounds: int
) -> dict[str, dict[str, list[float]]]:
    """requests/s per server, per figure, one entry per round."""
    rates: dict[str, dict[str, list[float]]] = {
        name: {figure: [] for figure in FIGURES} for name in servers
    }
    names = list(servers)
    for round_ in range(rounds):
        for figure, (path, headers) in FIGURES.items():
            for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
                base, keep_query = servers[name]
                address = base + (path if keep_query else path.split("?")[0])
                sent = headers
                if "If-None-Match" in headers:  # each server's own ETag
                    etag = urllib.request.urlopen(address, timeout=60).headers["ETag"]
                    sent = {"If-None-Match": etag}
                rates[name][figure].append(wrk(address, seconds, sent))
    return rates


def _report_load(rates: dict[str, dict[str, list[float]]], seconds: int, rounds: int) -> None:
    servers = list(rates)
    print(
        f"  requests/s (median of {rounds} rounds, servers taking turns, wrk -t2 -c16 "
        f"-d{seconds}s each; load average {os.getloadavg()[0]:.1f} at the end); events_app and "
        f"the bare app under gunicorn with gunicorn.conf.py's worker model, {WORKERS} workers "
        f"each; nginx {WORKERS} workers. Ratios: the median of each round's ratio"
    )
    ratios = [("events_app", "bare app"), ("events_app", "nginx"), ("bare app", "nginx")]
    ratios = [(a, b) for a, b in ratios if a in rates and b in rates]
    print(
        "  | figure | "
        + " | ".join(servers)
        + " | "
        + " | ".join(f"{a} / {b}" for a, b in ratios)
        + " |"
    )
    print("  " + "|---" * (1 + len(servers) + len(ratios)) + "|")
    for figure in FIGURES:
        cells = [f"{median(rates[name][figure]):.0f}" for name in servers]
        for a, b in ratios:
            per_round = [x / y for x, y in zip(rates[a][figure], rates[b][figure], strict=True)]
            cells.append(f"{median(per_round):.2f} ({min(per_round):.2f}-{max(per_round):.2f})")
        print(f"  | {figure} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--seconds", type=int, default=2, help="each wrk run")
    parser.add_argument("--rounds", type=int, default=5, help="turns each server takes")
    parser.add_argument("--no-load", action="store_true", help="render figures only, no wrk")
    args = parser.parse_args()
    if not args.no_load and shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            load = None if args.no_load else (args.seconds, args.rounds)
            measure(size, load, Path(folder))


if __name__ == "__main__":
    main()
