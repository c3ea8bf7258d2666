"""events-app ingest-mail: one message on standard input becomes an account's drafts."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from events_app.cli import cli
from events_app.domain import EventFilter, Role
from events_app.store import accounts as account_store
from events_app.store import repository
from tests.conftest import NOW
from tests.ingest.material import ARTICLE_TEXT, email


@pytest.fixture
def organiser_db(database_url, session, password_hash, monkeypatch):
    account_store.add_user(session, "org@example.org", password_hash, Role.ORGANISER, NOW)
    session.commit()
    monkeypatch.setenv("DATABASE_URL", database_url)
    return session


def stored_titles(session) -> list[tuple[str, bool, str]]:
    session.rollback()
    events = repository.list_events(session, EventFilter(include_drafts=True))
    return sorted(
        (e.title, e.published, e.start.astimezone(ZoneInfo(e.timezone)).date().isoformat())
        for e in events
    )


def test_ingest_mail_stores_the_messages_events_as_drafts(organiser_db, database_url):
    result = CliRunner().invoke(
        cli, ["ingest-mail", "--owner", "org@example.org"], input=email(body=ARTICLE_TEXT)
    )
    assert (result.exit_code, result.output) == (
        0,
        "Stored 3 drafts for org@example.org from sam@union.example · "
        f"Arise festival this weekend in {database_url}.\n",
    )
    assert stored_titles(organiser_db) == [
        ("Arise — A Festival of Labour’s Left Ideas", False, "2018-07-28"),
        ("Opening rally for Arise", False, "2018-07-27"),
        ("Session on Latin America", False, "2018-07-28"),
    ]


@pytest.mark.parametrize(
    ("owner", "message", "error"),
    [
        (
            "nobody@example.org",
            email(body=ARTICLE_TEXT),
            "Error: There is no account for nobody@example.org\n",
        ),
        (
            "org@example.org",
            b"just some words, no headers",
            "Error: Standard input is not an e-mail (it has no message headers)\n",
        ),
        (
            "org@example.org",
            email(body="Thanks for coming last week, see you soon."),
            "Error: No event found in the message "
            "(sam@union.example · Arise festival this weekend)\n",
        ),
    ],
    ids=["no-account", "not-an-email", "no-event"],
)
def test_ingest_mail_refuses_in_one_line_and_stores_nothing(organiser_db, owner, message, error):
    result = CliRunner().invoke(cli, ["ingest-mail", "--owner", owner], input=message)
    assert (result.exit_code, result.output) == (1, error)
    assert stored_titles(organiser_db) == []
