from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from events_app.store.db import make_engine
from events_app.store.migrate import is_current
from events_app.store.tables import Base


def test_migrations_match_the_models(database_url):
    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert is_current(engine)
    engine.dispose()
    assert differences == []
