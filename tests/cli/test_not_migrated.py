"""A command run before `events-app migrate` says so in one line, naming the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    ("command", "stdin"),
    [(["seed-demo"], ""), (["create-user", "--email", "a@example.org"], "a-long-password\n")],
)
def test_a_command_before_migrate_says_to_run_it(tmp_path, command, stdin):
    url = f"sqlite:///{tmp_path / 'never-migrated.db'}"

    done = subprocess.run(
        [BIN / "events-app", *command],
        env={**os.environ, "DATABASE_URL": url},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"error: the database {url} is not set up for this version: "
        "run `events-app migrate` first\n"
    )


def test_a_database_out_of_reach_is_one_line_too():
    url = "postgresql://postgres@127.0.0.1:1/nothing"

    done = subprocess.run(
        [BIN / "events-app", "seed-demo"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert done.stderr.startswith(f"error: the database {url} cannot be used: ")
    assert len(done.stderr.splitlines()) == 1
