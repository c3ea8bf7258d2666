"""The web edge: blueprints for pages and feeds, error pages, and the per-request session."""

from __future__ import annotations

from flask import Flask

from .. import logs
from ..accounts import ABSOLUTE_TIMEOUT
from ..config import session_secret
from ..fetch import configured_fetcher
from ..store.db import VersionProbe, make_engine, make_session_factory
from . import (
    admin,
    api,
    auth,
    caching,
    calendar_views,
    context,
    edge,
    errors,
    feeds,
    formatting,
    health,
    imports,
    language,
    organiser,
    pages,
    query,
    security,
)
from .fastpath import FastPath


def init_app(app: Flask) -> None:
    """Wire the web layer into the app: the request class, logging, blueprints and hooks.
    Long as a list of registrations is, and kept in one function so their order (which
    `before_request` hook runs first) is read in one place."""
    app.request_class = query.StrictRequest
    logs.configure(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"], edge.RequestIdFilter())
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.secret_key = session_secret(app.config)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.config["BASE_URL"].startswith("https://"),
        PERMANENT_SESSION_LIFETIME=ABSOLUTE_TIMEOUT,
        # The cookie lasts the session's absolute lifetime from signing in; idleness is
        # checked on the server. Not re-sent on every response, so feeds stay cookie-free.
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["events_db"] = context.Database(
        engine, make_session_factory(engine), VersionProbe(engine)
    )
    app.teardown_appcontext(context.close_session)
    app.url_map.converters["int"] = query.AsciiIntConverter
    language.register(app)
    formatting.register(app)
    errors.register(app)
    security.register(app)
    app.jinja_env.globals.update(csrf_token=auth.csrf_token, current_user=auth.current_user)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(calendar_views.bp)
    feeds.init_cache(app)
    caching.init_cache(app)
    caching.register(app)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(organiser.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(admin.bp)
    app.extensions["calendar_fetcher"] = configured_fetcher(app.config)
    fastpath = app.extensions["events_fastpath"] = FastPath(app, app.wsgi_app)
    front = {
        "base_url": app.config["BASE_URL"],
        "allowed": app.config["ALLOWED_HOSTS"],
        "proxies": app.config["TRUSTED_PROXIES"],
    }
    app.wsgi_app = edge.wrap(fastpath, **front)  # type: ignore[method-assign]
    # What the worker's event loop answers without a thread: stored answers only, else None.
    app.cached_wsgi = edge.wrap(fastpath.cached_only, **front)  # type: ignore[attr-defined]
