"""The `events-app` command: serve, migrate, seed-demo, parse."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from urllib.parse import urlsplit

import click

from . import create_app, services
from .config import ConfigError, load_config
from .demo import DEMO_TAG, demo_events
from .store import migrate as migrations
from .store.db import make_engine, make_session_factory


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Event listings and calendar feeds from pasted announcements."""


def _settings() -> dict:
    try:
        return load_config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command("migrate")
def migrate_command() -> None:
    """Bring the database schema up to date (safe to run again)."""
    url = _settings()["DATABASE_URL"]
    migrations.upgrade(url)
    click.echo(f"Database is up to date: {_safe_url(url)}")


cli.add_command(migrate_command, "init-db")


def _safe_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


@cli.command("seed-demo")
def seed_demo_command() -> None:
    """Load the demo festival (Arise, July 2018) unless it is already there."""
    settings = _settings()
    engine = make_engine(settings["DATABASE_URL"])
    try:
        with make_session_factory(engine)() as session:
            created = services.seed_demo(
                session,
                demo_events(),
                now=datetime.now(UTC),
                uid_domain=urlsplit(settings["BASE_URL"]).hostname or "localhost",
                tag=DEMO_TAG,
            )
    finally:
        engine.dispose()
    if created:
        click.echo(f"Loaded {len(created)} demo events.")
    else:
        click.echo("Demo events are already loaded.")


@cli.command("serve")
@click.option(
    "--host", default=lambda: os.environ.get("HOST", "127.0.0.1"), show_default="HOST or 127.0.0.1"
)
@click.option(
    "--port",
    type=int,
    default=lambda: int(os.environ.get("PORT", "5000")),
    show_default="PORT or 5000",
)
def serve_command(host: str, port: int) -> None:
    """Serve the site with the development server (use gunicorn in production)."""
    _settings()
    app = create_app()
    click.echo(f"Serving on http://{host}:{port}/")
    app.run(host=host, port=port, threaded=True, use_reloader=False)


def main() -> None:
    try:
        cli.main(prog_name="events-app", standalone_mode=True)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
