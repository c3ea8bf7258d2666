"""`events-app serve` as `make run` starts it: the links it serves name the port it listens on."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def seeded_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if k != "BASE_URL"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'events.db'}",
        "SECRET_KEY": "a-secret-for-this-test-only-0123456789",
    }
    for command in ("migrate", "seed-demo"):
        subprocess.run([BIN / "events-app", command], env=env, check=True, capture_output=True)
    return env


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [BIN / "events-app", "serve"],
        env={**env, "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _get(url: str, server: subprocess.Popen) -> str:
    """The page, once the server answers: it may take a while to start on a loaded machine, and
    a server that exits instead fails the test at once with what it printed."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.communicate()}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


def test_links_name_the_port_served_when_base_url_is_unset(seeded_env):
    port = _free_port()
    server = _serve(seeded_env, port)
    try:
        page = _get(f"http://127.0.0.1:{port}/calendar/2018/7", server)
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)

    absolute = set(re.findall(r"(?:https?|webcal)://127\.0\.0\.1(?::\d+)?", page))
    assert absolute == {f"http://127.0.0.1:{port}", f"webcal://127.0.0.1:{port}"}
    assert out.splitlines()[:2] == [
        f"Serving on http://127.0.0.1:{port}/",
        f"Links use http://127.0.0.1:{port} (from HOST and PORT; set BASE_URL to change it)",
    ]


def test_a_base_url_naming_another_local_port_is_warned_about(seeded_env):
    port = _free_port()
    server = _serve({**seeded_env, "BASE_URL": "http://127.0.0.1:5000"}, port)
    try:
        _get(f"http://127.0.0.1:{port}/healthz", server)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)

    assert (
        f"Warning: BASE_URL is http://127.0.0.1:5000 but the server listens on "
        f"http://127.0.0.1:{port}: links will point elsewhere"
    ) in err.splitlines()


def test_a_taken_port_is_one_line_before_any_serving_message(seeded_env):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [BIN / "events-app", "serve"],
            env={**seeded_env, "PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.strip() == (
        f"Error: Cannot serve on 127.0.0.1:{port}: Address already in use "
        "(choose another with PORT)"
    )


def test_serving_on_is_said_only_once_the_port_listens(seeded_env):
    port = _free_port()
    server = _serve(seeded_env, port)
    try:
        said = server.stdout.readline()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as answered:
            peer = answered.getpeername()
    finally:
        server.terminate()
        server.communicate(timeout=10)

    assert said == f"Serving on http://127.0.0.1:{port}/\n"
    assert peer == ("127.0.0.1", port)
