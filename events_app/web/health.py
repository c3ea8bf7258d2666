"""Health checks for a process manager or load balancer: is the process up, can it serve."""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from ..store.migrate import code_heads, current_heads
from .context import database

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    """The process answers; nothing else is checked, so a slow database never gets it killed."""
    response = jsonify(status="ok")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/readyz")
def readyz():
    """Ready to serve: the database answers and its schema is the one this code expects."""
    checks = _checks(database().engine)
    ready = all(value in ("ok", "current") for value in checks.values())
    response = jsonify(status="ready" if ready else "unavailable", **checks)
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    if not ready:
        response.headers["Retry-After"] = "10"
    return response


def _checks(engine: Engine) -> dict[str, str]:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            heads = current_heads(connection)
    except SQLAlchemyError as exc:
        log.warning("readiness: database unreachable (%s)", exc.__class__.__name__)
        return {"database": "unreachable", "migrations": "unknown"}
    if heads == code_heads():
        return {"database": "ok", "migrations": "current"}
    return {"database": "ok", "migrations": "pending: run `events-app migrate`"}
