"""A real server on a free port, a second origin that embeds it, and headless Chromium.

Chromium is Debian's (`.ci/run` installs it); without it these tests skip with a message,
except in CI, where they must run."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from events_app import accounts, create_app, services
from events_app.domain import Event, Role, User
from tests.conftest import NOW
from tests.web.organiser_helpers import PASSWORD

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need(thing: object, message: str) -> None:
    if thing:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class LiveServer:
    def __init__(self, app: Flask) -> None:
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)


ORGANISER = "org@example.org"

Seed = Callable[[Session, User], object]


def _app_on_copy(path: Path, sqlite_template: Path) -> Flask:
    """An app on its own copy of the migrated template database, its clock stopped at NOW."""
    shutil.copy(sqlite_template, path)
    return create_app(
        {"DATABASE_URL": f"sqlite:///{path}", "CLOCK": lambda: NOW, "SITE_NAME": "Test Events"}
    )


def store_events(session: Session, events: Sequence[Event]) -> list[Event]:
    return services.create_events(session, events, now=NOW, uid_domain="example.org")


@pytest.fixture
def live_app(tmp_path: Path, sqlite_template: Path) -> Iterator[Flask]:
    app = _app_on_copy(tmp_path / "live.db", sqlite_template)
    yield app
    app.extensions["events_db"].close()


@pytest.fixture
def account() -> tuple[str, Role]:
    """The e-mail and role of the one account `server` creates; a module overrides it."""
    return ORGANISER, Role.ORGANISER


@pytest.fixture
def seed() -> Seed:
    """What `server` stores beside the account, given the session and the account's user;
    a module overrides it (by default nothing)."""
    return lambda session, owner: None


@pytest.fixture
def server(live_app: Flask, account: tuple[str, Role], seed: Seed) -> Iterator[LiveServer]:
    """The live app serving, with the account (password PASSWORD) and the module's seed."""
    email, role = account
    with live_app.extensions["events_db"].sessions() as session:
        seed(session, accounts.create_user(session, email, PASSWORD, role, NOW))
    with LiveServer(live_app) as running:
        yield running


@contextmanager
def read_only_site(folder: Path, sqlite_template: Path, events: Sequence[Event]):
    """One server for a module whose tests only read: `events` stored, no account."""
    app = _app_on_copy(folder / "site.db", sqlite_template)
    try:
        with app.extensions["events_db"].sessions() as session:
            store_events(session, events)
        with LiveServer(app) as running:
            yield running
    finally:
        app.extensions["events_db"].close()


@pytest.fixture(scope="session")
def browser():
    _need(CHROMIUM, "Chromium is not installed (apt-get install chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser) -> Iterator[Callable[..., object]]:
    """`open_page(size, **options)`: a page in a fresh context at that size, CSP bypassed for
    axe-core; every context opened is closed at the end, whether the test passed or not."""
    contexts = []

    def open_at(size: str, **options: object):
        context = browser.new_context(viewport=SIZES[size], bypass_csp=True, **options)
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def shooter(folder: str):
    """A full-page screenshot taker into test-artifacts/<folder>/<name>.png."""

    def shot(page, name: str) -> None:
        where = ARTIFACTS / folder
        where.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(where / f"{name}.png"), full_page=True)

    return shot


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    return AXE.read_text()


def violations(page, axe_source: str) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it stands, one line each."""
    page.add_script_tag(content=axe_source)
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => v.id + ': ' + v.help + ' at ' +
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""",
        WCAG_22_AA,
    )
    return list(found)


def sign_in(page, server: LiveServer, email: str = ORGANISER, password: str = PASSWORD) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/organiser/")


def follow(page, control) -> None:
    """Click a link or a submit button and wait until the page it leads to has loaded.

    A click returns once it is dispatched, and the list readers (`all_inner_texts`, `count`)
    do not wait for anything: read straight after a click, they may read the page being
    left, and an empty list from that made CI fail at random."""
    with page.expect_navigation():
        control.click()
