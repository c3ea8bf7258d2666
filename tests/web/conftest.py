import pytest

from events_app import accounts
from events_app.domain import Role
from tests.conftest import NOW
from tests.web.organiser_helpers import PASSWORD, sign_in


@pytest.fixture
def organiser(app_session):
    return accounts.create_user(app_session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)


@pytest.fixture
def admin(app_session):
    return accounts.create_user(app_session, "admin@example.org", PASSWORD, Role.ADMIN, NOW)


@pytest.fixture
def signed_in(client, organiser):
    assert sign_in(client).status_code == 302
    return client
