"""What a request needs from the application: a database session, the clock, absolute URLs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .. import config, services
from ..feeds import SiteUrls
from ..store.db import VersionProbe


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    versions: VersionProbe

    def close(self) -> None:
        """Give back every connection: the probe's, then the pool's."""
        self.versions.close()
        self.engine.dispose()


def database() -> Database:
    return current_app.extensions["events_db"]


def db_session() -> Session:
    """One session per request, closed when the request ends."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session


def close_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def data_version() -> int:
    return database().versions.read()


def now() -> datetime:
    """The current instant; tests pin it with the CLOCK setting."""
    clock: Callable[[], datetime] | None = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(UTC)


def site_name() -> str:
    """The site's name as pages, calendars and feeds show it (SITE_NAME)."""
    return current_app.config["SITE_NAME"]


def site_urls() -> SiteUrls:
    return SiteUrls(current_app.config["BASE_URL"])


def uid_domain() -> str:
    return config.uid_domain(current_app.config["BASE_URL"])


def default_timezone() -> str:
    return current_app.config["DEFAULT_TIMEZONE"]


def reading_context() -> dict[str, Any]:
    """What this site reads every announcement against, whichever way it comes (pasted,
    linked, uploaded or sent to the API): this year, for dates that name none, and the venues
    already stored, so one text names a known place the same way on every path."""
    return {"fallback_year": now().year, "known_venues": services.known_venue_names(db_session())}
