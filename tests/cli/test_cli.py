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
from tests.ingest.material import email

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
    assert seeded.output == f"Loaded 3 demo events into {empty_sqlite}.\n"
    assert again.output == f"Demo events are already loaded in {empty_sqlite}.\n"
    app = create_app({"DATABASE_URL": empty_sqlite})
    body = app.test_client().get("/events.ics").data
    app.extensions["events_db"].close()
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
    for name in ("serve", "migrate", "init-db", "seed-demo", "parse"):
        assert name in done.stdout


def run_parse(*args: str, stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "events-app", "parse", *args], input=stdin, capture_output=True, timeout=60
    )


def test_parse_prints_the_seed_festival_as_json():
    seed = Path(__file__).parents[2] / "events_app" / "demo" / "arise-2018.txt"

    done = run_parse("--reference-date=", "-", stdin=seed.read_bytes())

    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)["events"]
    by_title = {e["title"]: e for e in events}
    assert sorted(by_title) == [
        "Arise — A Festival of Labour’s Left Ideas",
        "Opening rally for Arise",
        "Session on Latin America",
    ]
    rally = by_title["Opening rally for Arise"]
    assert (rally["start"], rally["end"], rally["timezone"]) == (
        "2018-07-27T18:30",
        None,
        "Europe/London",
    )
    assert rally["venues"] == [
        {"name": "Student Central", "address": None, "postcode": "WC1E", "city": None}
    ]
    festival = by_title["Arise — A Festival of Labour’s Left Ideas"]
    assert (festival["start"], festival["end"]) == ("2018-07-28T10:00", "2018-07-28T17:00")
    assert [v["name"] for v in festival["venues"]] == ["Student Central", "Unite House"]
    assert [p["name"] for p in festival["speakers"]] == [
        "John McDonnell",
        "Diane Abbott",
        "Richard Burgon",
        "Shami Chakrabarti",
        "Steve Turner",
    ]
    session = by_title["Session on Latin America"]
    assert (session["start"], session["parent"]) == ("2018-07-28", festival["title"])
    assert [p["name"] for p in session["speakers"]] == ["Chris Williamson"]


def test_parse_reads_a_file_with_a_reference_date(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "Film night: Friday 23 October at 7, Hackney Picturehouse, 270 Mare Street, London E8 1HE.",
        encoding="utf-8",
    )

    done = run_parse("--reference-date=2026-10-01", str(notice), stdin=b"")

    [event] = json.loads(done.stdout)["events"]
    assert (event["title"], event["start"]) == ("Film night", "2026-10-23T19:00")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ((), b"\xff\xfe not utf-8", "Error: Text must be UTF-8"),
        ((), b"   ", "Error: No event found in the text: it is empty"),
        (
            ("--reference-date=2026-13-45",),
            b"x",
            "Error: --reference-date must be a date, YYYY-MM-DD",
        ),
        (
            ("--timezone=Mars/Olympus",),
            b"Meeting 3 May 2026",
            "Error: Unknown time zone: 'Mars/Olympus': give an IANA name such as Europe/London",
        ),
        (
            ("--timezone=EST",),
            b"Meeting 3 May 2026",
            "Error: Unknown time zone: 'EST': an abbreviation is one side of the year's clock "
            "change; give the place's zone, such as America/New_York",
        ),
        (
            ("--timezone=sydney",),
            b"Meeting 3 May 2026",
            "Error: Unknown time zone: 'sydney': did you mean Australia/Sydney?",
        ),
        ((), b"x" * 1_000_001, "Error: Text is too long: at most 1,000,000 characters"),
    ],
    ids=["not-utf8", "empty", "bad-reference", "bad-zone", "abbreviation", "city", "too-long"],
)
def test_parse_refuses_bad_input_in_one_line(args, stdin, message):
    done = run_parse(*args, "-", stdin=stdin)

    assert done.returncode != 0
    assert done.stderr.decode().strip() == message
    assert done.stdout == b""


def run_create_user(env: dict, *args: str, password: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "events-app", "create-user", *args],
        input=password + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_create_user_reads_the_password_from_standard_input(empty_sqlite):
    CliRunner().invoke(cli, ["migrate"])
    env = {**os.environ, "DATABASE_URL": empty_sqlite}

    created = run_create_user(
        env, "--email", "Org@Example.org", "--role", "admin", password="a long enough password"
    )
    again = run_create_user(env, "--email", "org@example.org", password="another password!")
    weak = run_create_user(env, "--email", "new@example.org", password="short")

    assert (created.returncode, created.stdout) == (
        0,
        f"Created admin org@example.org in {empty_sqlite}.\n",
    )
    assert again.returncode != 0
    assert again.stderr.strip() == "Error: There is already an account for org@example.org"
    assert weak.returncode != 0
    assert weak.stderr.strip() == "Error: Password must be at least 10 characters"


THREE_EVENTS = "".join(
    f"BEGIN:VEVENT\r\nUID:cli-{n}@elsewhere.example\r\nDTSTAMP:20261101T000000Z\r\n"
    f"DTSTART;TZID=Europe/London:2027011{n}T190000\r\nSUMMARY:Reading group {n}\r\nEND:VEVENT\r\n"
    for n in range(3)
)
CALENDAR = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n{THREE_EVENTS}END:VCALENDAR\r\n"


@pytest.fixture
def with_owner(empty_sqlite):
    runner = CliRunner()
    runner.invoke(cli, ["migrate"])
    created = runner.invoke(
        cli, ["create-user", "--email", "org@example.org"], input="correct horse battery\n"
    )
    assert created.exit_code == 0, created.output
    return empty_sqlite


def test_import_shows_progress_and_a_summary_and_is_idempotent(with_owner, tmp_path):
    source = tmp_path / "group.ics"
    source.write_text(CALENDAR)
    runner = CliRunner()

    first = runner.invoke(cli, ["import", "--owner", "org@example.org", str(source)])
    again = runner.invoke(cli, ["import", "--owner", "ORG@example.org", str(source)])

    assert first.exit_code == 0, first.output
    assert first.stdout == (
        f"Imported 3 events into {with_owner}: 3 new drafts, 0 updated, 0 unchanged.\n"
    )
    assert first.stderr.startswith("Importing")
    assert again.stdout == (
        f"Imported 3 events into {with_owner}: 0 new drafts, 0 updated, 3 unchanged.\n"
    )


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["--owner", "nobody@example.org"], CALENDAR, "There is no account for nobody@example.org"),
        (["--owner", "org@example.org"], "not a calendar", "Not a valid iCalendar file"),
        (["--owner", "org@example.org", "http://127.0.0.1:9/x.ics"], None, "Address not allowed"),
        (["--owner", "org@example.org", "/no/such/file.ics"], None, "No such file"),
    ],
)
def test_import_refuses_with_one_line(with_owner, tmp_path, args, content, message):
    if content is not None:
        source = tmp_path / "cal.ics"
        source.write_text(content)
        args = [*args, str(source)]

    result = CliRunner().invoke(cli, ["import", *args])

    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {message}")


def test_parse_says_each_note_and_warning_once():
    """What is said of the e-mail is in its source's notes; the reading's own warnings are
    the document's; neither is repeated in the other."""
    message = email(
        body="Book club: Friday 4 December 2026 at 7pm, the Crown, 1 Upper Street, London N1 1AA.",
        subject="Book club",
        attachment=(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text", "calendar", "club.ics"),
    )

    done = run_parse(stdin=message)

    document = json.loads(done.stdout)
    assert done.returncode == 0
    assert document["source"]["notes"] == ["Events read from the attached club.ics"]
    assert document["warnings"] == []
    assert [e["warnings"] for e in document["events"]] == [["End time not given"]]


def test_import_of_a_rule_that_outlasts_the_budget_ends_with_one_line(
    with_owner, tmp_path, monkeypatch
):
    monkeypatch.setenv("IMPORT_BUDGET_SECONDS", "1")
    source = tmp_path / "never.ics"
    source.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:n@x\r\n"
        "DTSTART:20261201T090000Z\r\nRRULE:FREQ=DAILY;BYDAY=FR;BYSETPOS=4\r\n"
        "SUMMARY:Quiz night\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )

    result = CliRunner().invoke(cli, ["import", "--owner", "org@example.org", str(source)])

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: Nothing was imported: working out the dates of “Quiz night” took longer than "
        "1 seconds (its repeat rule RRULE:FREQ=DAILY;BYDAY=FR;BYSETPOS=4 may never meet a "
        "real date); remove or simplify that rule and import the calendar again"
    ]
