"""events_app: event listings and calendar feeds from pasted announcements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from .config import INSTANCE_PATH, PROJECT_ROOT, load_config
from .web import init_app


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask application; `config` overrides the defaults and the environment."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(INSTANCE_PATH),
    )
    app.config.update(load_config(config))
    init_app(app)
    return app
