"""Load and faults against gunicorn on loopback, for SQLite and for PostgreSQL.

    .venv/bin/python bench/load_and_faults.py                    # both databases, full run
    .venv/bin/python bench/load_and_faults.py --backends sqlite --seconds 5 --writer-seconds 10

For each database, with 10,000 published events:
- requests per second, p50 and p99 latency and the error count from wrk at 16 and 64
  connections on /, /events.ics and /api/v1/events (gunicorn with the repository's config);
- twenty concurrent writer processes for a minute (SQLite): writes done, errors such as
  "database is locked" (the goal is none);
- kill -9 of gunicorn during a stream of writes over HTTP: writes acknowledged against writes
  found after restart, and SQLite's integrity check;
- the database going away (PostgreSQL, through a forwarder that is cut): what /, /events.ics and
  /readyz answer while it is away, and whether the first request after it returns succeeds;
- 50 slow clients (half dribbling their headers, half a form body, a byte every half second)
  against the default set-up: how long /healthz takes meanwhile (median, p99, slowest; the goal
  is under 100 ms), and the memory (RSS) of each worker after the run.

PostgreSQL comes from BENCH_POSTGRES_URL (default: the local server's `test` database, which the
test suite also uses: do not run both at once). Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feeds_bench import NOW, SECRET_KEY, seed  # noqa: E402
from sqlalchemy import make_url, text  # noqa: E402

from events_app import accounts, create_app  # noqa: E402
from events_app.domain import EventFilter, Role  # noqa: E402
from events_app.store import repository  # noqa: E402
from events_app.store.db import make_engine, make_session_factory  # noqa: E402
from events_app.store.migrate import upgrade  # noqa: E402
from tests.faults.servers import Gunicorn, Organiser  # noqa: E402
from tests.faults.tcp_proxy import TcpProxy  # noqa: E402
from tests.faults.test_concurrent_writers import writer  # noqa: E402

PASSWORD = "correct horse battery"
PATHS = ("/", "/events.ics", "/api/v1/events")
EVENTS = 10_000


def fresh_database(backend: str, folder: Path) -> str:
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
    else:
        url = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)
    return url


def wrk(
    url: str, connections: int, seconds: int, headers: dict[str, str] | None = None
) -> dict[str, float]:
    sent = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    done = subprocess.run(
        [*command, *sent, url],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=True,
    )
    out = done.stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def load(url: str, seconds: int) -> list[str]:
    server = Gunicorn(url, workers=int(os.environ.get("WEB_CONCURRENCY", "5")))
    lines = []
    try:
        for _ in range(30):  # every worker renders each page once before the clock starts
            for path in PATHS:
                urllib.request.urlopen(server.url + path, timeout=120).read()
        for connections in (16, 64):
            for path in PATHS:
                r = wrk(server.url + path, connections, seconds)
                lines.append(
                    f"| {path} | {connections} | {r['rps']:.0f} | {r['p50']:.1f} | "
                    f"{r['p99']:.1f} | {r['errors']:.0f} |"
                )
    finally:
        server.stop()
    return lines


def writers(url: str, seconds: float) -> str:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=writer, args=(url, n, seconds, results)) for n in range(20)]
    for process in processes:
        process.start()
    reports = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join()
    errors = [e for _n, _w, errs in reports for e in errs]
    locked = sum("locked" in e for e in errors)
    written = sum(w for _n, w, _e in reports)
    return (
        f"20 writer processes for {seconds:.0f} s: {written} events written "
        f"({written / seconds:.0f}/s), {len(errors)} errors, {locked} 'database is locked'"
    )


def kill_nine(url: str) -> str:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        accounts.create_user(session, "bench@example.org", PASSWORD, Role.ORGANISER, NOW)
        before = repository.count_events(session, EventFilter(include_drafts=True))
    server = Gunicorn(url)
    acknowledged: list[str] = []
    stop = threading.Event()

    def write(n: int) -> None:
        browser = Organiser(server.url, "bench@example.org", PASSWORD)
        i = 0
        while not stop.is_set():
            try:
                if browser.publish(f"Kill test {n}-{i}") == 302:
                    acknowledged.append(f"Kill test {n}-{i}")
            except OSError:
                return
            i += 1

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while not acknowledged and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(3)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join()
    engine.dispose()
    restarted = Gunicorn(url)
    restarted.stop()
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        titles = {
            e.title
            for e in repository.list_events(
                session, EventFilter(include_drafts=True, text="Kill test"), limit=None
            )
        }
        integrity = (
            session.execute(text("PRAGMA integrity_check")).scalar_one()
            if url.startswith("sqlite")
            else "n/a (PostgreSQL)"
        )
        total = repository.count_events(session, EventFilter(include_drafts=True))
    engine.dispose()
    missing = len(set(acknowledged) - titles)
    return (
        f"kill -9 3 s into a stream of writes from 8 clients: {len(acknowledged)} acknowledged, "
        f"{len(set(acknowledged) & titles)} found after restart, {missing} missing, "
        f"{total - before - len(titles)} stray; integrity check: {integrity}"
    )


def database_down(url: str) -> str:
    parts = make_url(url)
    proxy = TcpProxy((parts.host or "127.0.0.1", parts.port or 5432)).start()
    proxied = parts.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    server = Gunicorn(proxied)
    try:
        up = [_status(server.url + p) for p in ("/", "/events.ics", "/readyz")]
        proxy.cut()
        down = [_status(server.url + p) for p in ("/", "/events.ics", "/api/v1/events", "/readyz")]
        proxy.start()
        back = [_status(server.url + p) for p in ("/", "/events.ics", "/readyz")]
    finally:
        server.stop()
        proxy.cut()
    return (
        f"database up: {up}; cut: {down} (each 503 with Retry-After); "
        f"first requests after it returns: {back}"
    )


def _status(url: str) -> str:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            code, retry = response.status, response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        code, retry = error.code, error.headers.get("Retry-After")
    took = (time.perf_counter() - started) * 1000
    return f"{code}{' Retry-After ' + retry if retry else ''} in {took:.0f} ms"


SLOW_CLIENTS = 50


def _dribble(port: int, opening: bytes, stop: threading.Event) -> None:
    """Send a request a byte every half second, reconnecting when the server hangs up."""
    while not stop.is_set():
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(opening)
            while not stop.wait(0.5):
                conn.sendall(b"a")


def _post(length: int) -> bytes:
    return (
        b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        + f"Content-Length: {length}\r\n\r\ne=".encode()
    )


# Headers that never end; a form body the worker's loop buffers (events_app.worker.BUFFERED_BODY);
# an upload's body too large for that, which a thread reads, within BODY_TIMEOUT.
SLOW_OPENINGS = (
    b"GET /events.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
    _post(100_000),
    _post(900_000),  # under MAX_CONTENT_LENGTH (1 MiB), so the form is read
)


def slow_clients(url: str, seconds: float) -> str:
    """/healthz answered while SLOW_CLIENTS clients dribble headers, small bodies or large
    ones (a third each)."""
    server = Gunicorn(url, workers=os.cpu_count() or 1)
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=_dribble, args=(server.port, SLOW_OPENINGS[n % 3], stop), daemon=True
        )
        for n in range(SLOW_CLIENTS)
    ]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1)
        took = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.perf_counter()
            urllib.request.urlopen(server.url + "/healthz", timeout=30).read()
            took.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)
        memory = _worker_rss(server.process.pid)
    finally:
        stop.set()
        server.stop()
    took.sort()
    return (
        f"{SLOW_CLIENTS} slow clients (headers, small and large bodies) for {seconds:.0f} s, "
        f"{os.environ.get('THREADS', 'default')} threads: /healthz median "
        f"{statistics.median(took):.1f} ms, p99 {took[int(len(took) * 0.99) - 1]:.1f} ms, "
        f"slowest {took[-1]:.1f} ms ({len(took)} probes); worker RSS {memory}"
    )


def _worker_rss(master: int) -> str:
    """Each worker's resident memory, from /proc (Linux)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) // 1024)
    return ", ".join(f"{size} MB" for size in sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per run")
    parser.add_argument("--writer-seconds", type=float, default=60.0)
    parser.add_argument("--slow-seconds", type=float, default=20.0)
    parser.add_argument(
        "--only-slow-clients", action="store_true", help="skip the other measurements"
    )
    args = parser.parse_args()
    for backend in args.backends:
        with tempfile.TemporaryDirectory() as folder:
            url = fresh_database(backend, Path(folder))
            seed(url, EVENTS)
            create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET_KEY}).extensions[
                "events_db"
            ].close()
            print(f"\n## {backend}, {EVENTS:,} events\n", flush=True)
            if not args.only_slow_clients:
                measure_all(backend, url, args)
            print("- " + slow_clients(url, args.slow_seconds), flush=True)


def measure_all(backend: str, url: str, args: argparse.Namespace) -> None:
    print("| path | connections | req/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for line in load(url, args.seconds):
        print(line, flush=True)
    print()
    if backend == "sqlite":
        print("- " + writers(url, args.writer_seconds), flush=True)
    print("- " + kill_nine(url), flush=True)
    if backend == "postgresql":
        print("- " + database_down(url), flush=True)
    else:
        print("- database down: SQLite is a file in the process, it cannot be away")


if __name__ == "__main__":
    main()
