"""events_app: event listings and calendar feeds from pasted announcements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from .config import load_config
from .paths import instance_dir, resource_dir
from .web import init_app


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask application; `config` overrides the defaults and the environment."""
    app = Flask(
        __name__,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
        instance_path=str(instance_dir()),
    )
    app.config.update(load_config(config))
    init_app(app)
    return app
