"""The `events-app` command: serve, migrate, seed-demo, create-user, parse, import."""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import socket
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
from sqlalchemy.exc import OperationalError, ProgrammingError
from werkzeug.serving import make_server

from . import accounts, create_app, services
from .calendar_import import CalendarImportError, read_calendar
from .config import ConfigError, load_config, uid_domain
from .demo import DEMO_TAG, demo_events
from .domain import InvalidEventError, Role, UnknownTimeZoneError
from .fetch import FetchError, configured_fetcher
from .ingest import MAX_FILE_BYTES, IngestError, kind_of
from .ingest import read as ingest
from .parsing import ParseError, draft_to_dict, parse_announcement
from .passwords import WeakPasswordError
from .store import accounts as account_store
from .store import migrate as migrations
from .store.db import make_engine, make_session_factory
from .zone_input import read_zone


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
                uid_domain=uid_domain(settings["BASE_URL"]),
                tag=DEMO_TAG,
            )
    finally:
        engine.dispose()
    where = _safe_url(settings["DATABASE_URL"])
    if created:
        click.echo(f"Loaded {len(created)} demo events into {where}.")
    else:
        click.echo(f"Demo events are already loaded in {where}.")


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
    """Serve the site with the development server (use gunicorn in production).

    Without `BASE_URL` the absolute links (subscribe, webcal, the API's `url` fields, canonical
    and Open Graph addresses) name the address actually served, so `PORT=8123 make run` links
    to port 8123; a `BASE_URL` naming another local address gets a warning."""
    _settings()
    served = served_url(host, port)
    base_from_environment = bool(os.environ.get("BASE_URL"))
    overrides = {} if base_from_environment else {"BASE_URL": served}
    if not os.environ.get("SECRET_KEY"):
        overrides["SECRET_KEY"] = secrets.token_hex(32)
        click.echo("SECRET_KEY is not set: sessions are signed with a random key for this run")
    app = create_app(overrides)
    listener = bound_socket(host, port)
    server = make_server(host, port, app, threaded=True, fd=listener.fileno())
    listener.close()  # the server holds its own copy of the descriptor
    click.echo(f"Serving on {served}/")
    if not base_from_environment:
        click.echo(f"Links use {served} (from HOST and PORT; set BASE_URL to change it)")
    elif _is_local(app.config["BASE_URL"]) and app.config["BASE_URL"] != served:
        click.echo(
            f"Warning: BASE_URL is {app.config['BASE_URL']} but the server listens on {served}: "
            "links will point elsewhere",
            err=True,
        )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()


def served_url(host: str, port: int) -> str:
    """The address a browser on this machine uses for the server; a wildcard listen address
    (0.0.0.0, ::) is reached through the loopback one."""
    name = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    if ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}"


def _is_local(url: str) -> bool:
    return (urlsplit(url).hostname or "") in ("127.0.0.1", "localhost", "::1", "0.0.0.0")


def bound_socket(host: str, port: int) -> socket.socket:
    """The listening socket the server will use, bound before "Serving on" is said: a taken
    address is one line and no such message (the development server would print its own
    lines and exit), and the message is never true before the server can answer."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise click.ClickException(
            f"Cannot serve on {host}:{port}: {exc.strerror or exc} (choose another with PORT)"
        ) from exc
    return listener


@cli.command("create-user")
@click.option("--email", required=True, help="the address the user signs in with")
@click.option(
    "--role", type=click.Choice(["admin", "organiser"]), default="organiser", show_default=True
)
def create_user_command(email: str, role: str) -> None:
    """Create an account. The password is asked for (or read from standard input), never
    given as an argument, where it would stay in the shell history and process list."""
    settings = _settings()
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    engine = make_engine(settings["DATABASE_URL"])
    try:
        with make_session_factory(engine)() as session:
            user = accounts.create_user(session, email, password, Role(role), datetime.now(UTC))
    except (accounts.AccountError, WeakPasswordError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()
    click.echo(f"Created {user.role.value} {user.email} in {_safe_url(settings['DATABASE_URL'])}.")


@cli.command("parse")
@click.option("--reference-date", default="", help="YYYY-MM-DD the text was published; empty: none")
@click.option("--timezone", "zone", default=None, help="zone where the text names none")
@click.option("--url", default="", help="read the announcement at this web address instead")
@click.argument("source", type=click.File("rb"), default="-")
def parse_command(reference_date: str, zone: str | None, url: str, source) -> None:
    """Read an announcement and print its events as JSON.

    SOURCE is a file (or - for standard input): text, a web page saved as HTML, an e-mail
    (.eml), a poster (PNG, JPEG, WebP) or a PDF, told apart by their content. --url fetches a
    page instead, with the same rules as a calendar import."""
    reference = _reference_date(reference_date)
    settings = _settings()
    zone = _zone(zone or settings["DEFAULT_TIMEZONE"])
    if url:
        document = _ingested(
            lambda: ingest.read_link(url, configured_fetcher(settings), default_timezone=zone),
            zone,
            reference,
        )
    else:
        raw = source.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise click.ClickException(
                f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        if kind_of(raw) == "text":
            document = _parsed_text(raw, zone, reference)
        else:
            document = _ingested(
                lambda: ingest.read_bytes(raw, default_timezone=zone, now=datetime.now(UTC)),
                zone,
                reference,
            )
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _parsed_text(raw: bytes, zone: str, reference: date | None) -> dict:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise click.ClickException("Text must be UTF-8") from exc
    try:
        result = parse_announcement(
            text,
            reference_date=reference,
            timezone=zone,
            fallback_year=datetime.now(UTC).year,
        )
    except ParseError as exc:
        raise click.ClickException(str(exc)) from exc
    return {"events": [draft_to_dict(d) for d in result.drafts], "warnings": result.warnings}


def _ingested(read, zone: str, reference: date | None) -> dict:
    """A page, an e-mail or a poster read by `events_app.ingest`."""
    try:
        source = read()
        result = ingest.parse_source(
            source, timezone=zone, reference_date=reference, fallback_year=datetime.now(UTC).year
        )
    except (IngestError, FetchError, ParseError) as exc:
        raise click.ClickException(str(exc)) from exc
    return ingest.result_to_dict(result)


@cli.command("ingest-mail")
@click.option("--owner", required=True, help="e-mail of the account the drafts will belong to")
def ingest_mail_command(owner: str) -> None:
    """Read one e-mail on standard input and store its events as that account's drafts.

    What a mail server's pipe delivery calls ("|events-app ingest-mail --owner ..."): the
    drafts wait on the organiser page for review, and one line says what was stored.
    Long because each way a delivery can fail gets its own one-line error and exit code."""
    settings = _settings()
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise click.ClickException(f"The message is larger than {MAX_FILE_BYTES // 2**20} MB")
    if kind_of(data) != "email":
        raise click.ClickException("Standard input is not an e-mail (it has no message headers)")
    engine = make_engine(settings["DATABASE_URL"])
    try:
        source = ingest.read_bytes(
            data, default_timezone=settings["DEFAULT_TIMEZONE"], now=datetime.now(UTC)
        )
        result = ingest.parse_source(
            source,
            timezone=settings["DEFAULT_TIMEZONE"],
            fallback_year=datetime.now(UTC).year,
            parse=services.read_announcement,
        )
        if not result.drafts:
            raise click.ClickException(f"No event found in the message ({source.origin})")
        with make_session_factory(engine)() as session:
            found = account_store.find_user(session, accounts.normalise_email(owner))
            if found is None:
                raise click.ClickException(f"There is no account for {owner}")
            events = [
                dataclasses.replace(event, owner_id=found[0].id)
                for event in services.events_from_drafts(result.drafts, source_text=source.text)
            ]
            stored = services.create_events(
                session,
                events,
                now=datetime.now(UTC),
                uid_domain=uid_domain(settings["BASE_URL"]),
            )
    except (IngestError, ParseError, InvalidEventError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()
    plural = "s" if len(stored) != 1 else ""
    click.echo(
        f"Stored {len(stored)} draft{plural} for {owner} from {source.origin} "
        f"in {_safe_url(settings['DATABASE_URL'])}."
    )


@cli.command("import")
@click.option("--owner", required=True, help="e-mail of the account the events will belong to")
@click.argument("source")
def import_command(owner: str, source: str) -> None:
    """Import a calendar (.ics file, or an http, https or webcal address) as drafts.

    Importing the same calendar again updates the events it brought in before."""
    settings = _settings()
    data = _calendar_source(source, settings)
    try:
        calendar = read_calendar(
            data,
            now=datetime.now(UTC),
            default_timezone=settings["DEFAULT_TIMEZONE"],
            max_events=settings["IMPORT_MAX_EVENTS"],
            budget_seconds=settings["IMPORT_BUDGET_SECONDS"],
        )
    except CalendarImportError as exc:
        raise click.ClickException(str(exc)) from exc
    engine = make_engine(settings["DATABASE_URL"])
    try:
        with make_session_factory(engine)() as session:
            found = account_store.find_user(session, accounts.normalise_email(owner))
            if found is None:
                raise click.ClickException(f"There is no account for {owner}")
            with click.progressbar(
                length=len(calendar.events), label="Importing", file=sys.stderr
            ) as bar:
                summary = services.import_events(
                    session,
                    calendar.events,
                    owner=found[0],
                    now=datetime.now(UTC),
                    progress=bar.update,
                )
    except InvalidEventError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()
    for note in calendar.warnings + summary.refused + summary.notes:
        click.echo(f"note: {note}", err=True)
    where = _safe_url(settings["DATABASE_URL"])
    click.echo(f"Imported {len(calendar.events)} events into {where}: {summary.describe()}.")


def _calendar_source(source: str, settings: dict) -> bytes:
    if "://" in source:
        try:
            return configured_fetcher(settings).fetch(source)
        except FetchError as exc:
            raise click.ClickException(str(exc)) from exc
    path = Path(source)
    if not path.is_file():
        raise click.ClickException(f"No such file: {source}")
    with path.open("rb") as handle:
        try:
            return configured_fetcher(settings).read(handle)
        except FetchError as exc:
            raise click.ClickException(str(exc)) from exc


def _zone(value: str) -> str:
    try:
        return read_zone(value)
    except UnknownTimeZoneError as exc:
        raise click.ClickException(str(exc)) from exc


def _reference_date(value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise click.ClickException("--reference-date must be a date, YYYY-MM-DD") from exc


def main() -> None:
    try:
        cli.main(prog_name="events-app", standalone_mode=True)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except (OperationalError, ProgrammingError) as exc:
        click.echo(f"error: {_database_problem(exc)}", err=True)
        sys.exit(1)


def _database_problem(exc: OperationalError | ProgrammingError) -> str:
    """One line for a database that failed a command: never migrated (or behind the code),
    or out of reach."""
    url = load_config()["DATABASE_URL"]
    engine = make_engine(url)
    try:
        if migrations.needs_migrating(engine):
            return (
                f"the database {_safe_url(url)} is not set up for this version: "
                "run `events-app migrate` first"
            )
    finally:
        engine.dispose()
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else exc.__class__.__name__
    return f"the database {_safe_url(url)} cannot be used: {reason}"
