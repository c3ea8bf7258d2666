"""Outside tests and debug mode the service does not start without a real SECRET_KEY: under
gunicorn it stops with one line; the development server (`make run`) signs with a random key."""

from __future__ import annotations

import os
import subprocess
import urllib.request

import pytest

from events_app import create_app
from events_app.config import DEVELOPMENT_SECRET, ConfigError, session_secret
from tests.cli.test_serve import BIN, _free_port, _get
from tests.faults.servers import GUNICORN, ROOT

MESSAGE = (
    "SECRET_KEY must be set to a random value of at least 32 characters, such as the output of "
    "python3 -c 'import secrets; print(secrets.token_hex(32))'"
)
LONG = "k" * 32


@pytest.mark.parametrize("key", ["", None, DEVELOPMENT_SECRET, "short-secret", "k" * 31])
def test_a_missing_public_or_short_secret_is_refused(key):
    with pytest.raises(ConfigError) as refused:
        session_secret({"SECRET_KEY": key})

    assert str(refused.value) == MESSAGE


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"SECRET_KEY": LONG}, LONG),
        ({"SECRET_KEY": "", "TESTING": True}, DEVELOPMENT_SECRET),
        ({"SECRET_KEY": "", "DEBUG": True}, DEVELOPMENT_SECRET),
        ({"SECRET_KEY": "x", "TESTING": True}, "x"),
    ],
)
def test_the_secret_used(settings, expected):
    assert session_secret(settings) == expected


def test_the_app_refuses_to_build_with_the_old_public_default(sqlite_url):
    with pytest.raises(ConfigError):
        create_app({"DATABASE_URL": sqlite_url, "SECRET_KEY": DEVELOPMENT_SECRET})


def _environment(sqlite_url: str, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "BASE_URL")}
    return {**env, "DATABASE_URL": sqlite_url, **settings}


@pytest.mark.parametrize("key", [None, DEVELOPMENT_SECRET])
def test_gunicorn_stops_with_one_line_without_a_real_secret(sqlite_url, key):
    env = _environment(sqlite_url, BIND=f"127.0.0.1:{_free_port()}", WEB_CONCURRENCY="1")
    if key is not None:
        env["SECRET_KEY"] = key

    finished = subprocess.run(
        [str(GUNICORN), "wsgi:app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert finished.returncode != 0
    # The worker writes the line; the master's own log lines may land on the same stream
    # between its characters' flush and the newline, so look for the message, not a whole line.
    assert f"events-app: {MESSAGE}" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_the_development_server_signs_with_a_random_key_when_none_is_set(sqlite_url):
    subprocess.run(
        [BIN / "events-app", "migrate"], env=_environment(sqlite_url), check=True, timeout=120
    )
    port = _free_port()
    server = subprocess.Popen(
        [BIN / "events-app", "serve"],
        env=_environment(sqlite_url, PORT=str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = _get(f"http://127.0.0.1:{port}/login", server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=10) as response:
            cookie = response.headers.get("Set-Cookie", "")
    finally:
        server.terminate()
        output, _errors = server.communicate(timeout=30)

    assert "Sign in" in page
    assert cookie.startswith("session=")
    assert "SECRET_KEY is not set: sessions are signed with a random key for this run" in output
