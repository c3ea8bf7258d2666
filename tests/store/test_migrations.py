from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from events_app import services
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory
from events_app.store.migrate import is_current, upgrade
from events_app.store.tables import Base
from tests.builders import event, person, venue


def test_migrations_match_the_models(database_url):
    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert is_current(engine)
    engine.dispose()
    assert differences == []


def test_upgrading_keeps_existing_events(tmp_path):
    """The 0002 migration rebuilds `events` on SQLite; rows that refer to it must survive."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0001")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO venues (id, slug, name, address, postcode, city) "
            "VALUES (1, 'conway-hall', 'Conway Hall', '', '', '')"
        )
        connection.exec_driver_sql(
            "INSERT INTO events (id, uid, slug, title, description, start_utc, timezone, "
            "all_day, status, published, organiser, online, source_text, sequence, created_at, "
            "updated_at) VALUES (1, 'u@x', 'talk', 'Talk', '', '2027-01-01 18:00:00', "
            "'Europe/London', 0, 'confirmed', 1, '', 0, '', 0, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO event_venues (event_id, venue_id, position) VALUES (1, 1, 0)"
        )
    engine.dispose()

    upgrade(url)

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        kept = repository.get_event(session, "talk")
        assert [v.name for v in kept.venues] == ["Conway Hall"]
        assert kept.start == datetime(2027, 1, 1, 18, 0, tzinfo=UTC)
        services.create_event(
            session,
            event("New", venues=[venue()], speakers=[person()]),
            now=datetime(2026, 1, 1, tzinfo=UTC),
            uid_domain="x",
        )
    engine.dispose()


def test_the_autoincrement_migration_keeps_rows_ids_and_links(tmp_path):
    """0004 copies users, venues, people and events on SQLite; every row, id and link stays,
    and after it a deleted event's id is not handed out again."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0003")
    engine = make_engine(url)
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run(
            "INSERT INTO users (id, email, password_hash, role, created_at) "
            "VALUES (7, 'o@x', 'h', 'organiser', '2026-01-01 00:00:00')"
        )
        run(
            "INSERT INTO venues (id, slug, name, address, postcode, city) "
            "VALUES (3, 'hall', 'Hall', '', '', '')"
        )
        run(
            "INSERT INTO people (id, slug, name, honorific, affiliation) "
            "VALUES (4, 'ann', 'Ann', '', '')"
        )
        for number, parent in ((5, "NULL"), (9, "5")):
            run(
                "INSERT INTO events (id, uid, slug, title, description, start_utc, timezone, "
                "all_day, status, published, organiser, online, source_text, sequence, "
                "created_at, updated_at, owner_id, parent_id, revision) VALUES "
                f"({number}, 'u{number}@x', 'e{number}', 'E{number}', '', '2027-01-01 18:00:00', "
                "'Europe/London', 0, 'confirmed', 1, '', 0, '', 0, '2026-01-01 00:00:00', "
                f"'2026-01-01 00:00:00', 7, {parent}, 1)"
            )
        run("INSERT INTO event_venues (event_id, venue_id, position) VALUES (9, 3, 0)")
        run("INSERT INTO event_speakers (event_id, person_id, position) VALUES (9, 4, 0)")
        run("INSERT INTO event_tags (event_id, name) VALUES (9, 'film')")
    engine.dispose()

    upgrade(url)

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        kept = repository.get_event_by_id(session, 9)
        assert (
            kept.owner_id,
            kept.parent.id,
            [v.id for v in kept.venues],
            [p.id for p in kept.speakers],
            kept.tags,
        ) == (7, 5, [3], [4], ["film"])
        services.delete(session, 9, now=datetime(2026, 1, 1, tzinfo=UTC))
        new = services.create_event(
            session, event("New"), now=datetime(2026, 1, 1, tzinfo=UTC), uid_domain="x"
        )
        assert new.id == 10
    engine.dispose()


def test_existing_venues_and_people_get_their_match_keys(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0005")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO people (id, slug, name, honorific, affiliation) "
            "VALUES (4, 'jose', 'José Müller-Østergaard', '', '')"
        )
    engine.dispose()

    upgrade(url)

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        saved = services.create_event(
            session,
            event("Talk", speakers=[person("JOSE MULLER OSTERGAARD")]),
            now=datetime(2026, 1, 1, tzinfo=UTC),
            uid_domain="x",
        )
        assert [p.id for p in saved.speakers] == [4]
    with engine.connect() as connection:
        schemas = dict(
            connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            ).all()
        )
    engine.dispose()
    never_reused = [
        t.name for t in Base.metadata.sorted_tables if t.kwargs.get("sqlite_autoincrement")
    ]
    assert {name: "AUTOINCREMENT" in schemas[name] for name in never_reused} == dict.fromkeys(
        never_reused, True
    )
