import pytest

from events_app.domain import Role
from events_app.store import accounts as account_store
from tests.conftest import NOW
from tests.web.organiser_helpers import sign_in


def _account(session, email: str, role: Role, password_hash: str):
    user = account_store.add_user(session, email, password_hash, role, NOW)
    session.commit()
    return user


@pytest.fixture
def organiser(app_session, password_hash):
    return _account(app_session, "org@example.org", Role.ORGANISER, password_hash)


@pytest.fixture
def admin(app_session, password_hash):
    return _account(app_session, "admin@example.org", Role.ADMIN, password_hash)


@pytest.fixture
def signed_in(client, organiser):
    assert sign_in(client).status_code == 302
    return client
