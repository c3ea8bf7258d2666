import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from events_app import create_app
from events_app.cli import cli

BIN = Path(sys.executable).parent


@pytest.fixture
def empty_sqlite(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh' / 'events.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_migrate_then_seed_demo_serves_the_festival(empty_sqlite):
    runner = CliRunner()

    migrated = runner.invoke(cli, ["migrate"])
    seeded = runner.invoke(cli, ["seed-demo"])
    again = runner.invoke(cli, ["seed-demo"])

    assert migrated.exit_code == 0, migrated.output
    assert "Database is up to date" in migrated.output
    assert seeded.output == "Loaded 3 demo events.\n"
    assert again.output == "Demo events are already loaded.\n"
    app = create_app({"DATABASE_URL": empty_sqlite})
    body = app.test_client().get("/events.ics").data
    app.extensions["events_db"].engine.dispose()
    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) == 3


def test_init_db_is_another_name_for_migrate(empty_sqlite):
    result = CliRunner().invoke(cli, ["init-db"])

    assert result.exit_code == 0
    assert "Database is up to date" in result.output


def test_bad_configuration_is_one_line_and_a_nonzero_exit(tmp_path):
    env = {
        **os.environ,
        "DEFAULT_TIMEZONE": "Mars/Olympus",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
    }

    done = subprocess.run(
        [BIN / "events-app", "migrate"], env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode != 0
    assert done.stderr.strip() == "Error: DEFAULT_TIMEZONE: unknown time zone 'Mars/Olympus'"


def test_installed_command_lists_its_subcommands():
    done = subprocess.run(
        [BIN / "events-app", "--help"], capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0
    for name in ("serve", "migrate", "init-db", "seed-demo"):
        assert name in done.stdout
    json.dumps(done.stdout)
