"""The web edge: blueprints for pages and feeds, error pages, and the per-request session."""

from __future__ import annotations

from flask import Flask

from ..store.db import make_engine, make_session_factory
from . import context, errors, feeds, formatting, pages


def init_app(app: Flask) -> None:
    app.json.sort_keys = False  # type: ignore[attr-defined]
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["events_db"] = context.Database(engine, make_session_factory(engine))
    app.teardown_appcontext(context.close_session)
    formatting.register(app)
    errors.register(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(feeds.bp)
