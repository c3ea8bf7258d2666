"""A built wheel runs on its own: installed into a fresh virtual environment, away from the
source tree, it migrates a database, loads the demo and serves pages with their templates and
static files (the top-level folders reach it through `setup.py`'s copy)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "events_app",
    "templates",
    "static",
    "migrations",
)

SERVE_SCRIPT = """
import json, sys
from events_app import create_app
app = create_app({"TESTING": True, "BASE_URL": "https://events.example.org"})
client = app.test_client()
pages = {}
for path in ("/", "/static/style.css", "/events.ics", "/calendar/2018/7"):
    response = client.get(path, headers={"Host": "events.example.org"})
    pages[path] = [response.status_code, response.get_data(as_text=True)[:20000]]
import events_app
print(json.dumps({"package": events_app.__file__, "pages": pages}))
"""


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding only the built wheel; the dependencies are taken from
    the test environment's site-packages by a path entry (its own .pth files, such as the
    editable install of the source tree, are not run from there)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(origin, source / name)
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "-w",
        work / "dist",
        source,
        cwd=work,
    )
    [wheel] = (work / "dist").glob("events_app-*.whl")
    environment = work / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    purelib = _run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work
    ).strip()
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        wheel,
        cwd=work,
    )
    return environment


def test_installed_wheel_migrates_seeds_and_serves_pages(wheel_venv: Path, tmp_path: Path):
    database = tmp_path / "events.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": ""}
    env.pop("PYTHONPATH")
    _run(wheel_venv / "bin" / "events-app", "migrate", cwd=tmp_path, env=env)
    _run(wheel_venv / "bin" / "events-app", "seed-demo", cwd=tmp_path, env=env)
    output = json.loads(
        _run(wheel_venv / "bin" / "python", "-c", SERVE_SCRIPT, cwd=tmp_path, env=env)
    )

    assert Path(output["package"]).is_relative_to(wheel_venv)
    statuses = {path: status for path, (status, _) in output["pages"].items()}
    assert statuses == {
        "/": 200,
        "/static/style.css": 200,
        "/events.ics": 200,
        "/calendar/2018/7": 200,
    }
    assert "Arise" in output["pages"]["/calendar/2018/7"][1]
    assert output["pages"]["/events.ics"][1].startswith("BEGIN:VCALENDAR")
    assert (
        output["pages"]["/static/style.css"][1]
        == (ROOT / "static" / "style.css").read_text()[:20000]
    )


def test_source_tree_has_no_bundled_copy():
    """The copy exists only inside a built wheel; a stale one in the source tree would shadow
    the real templates."""
    assert not (ROOT / "events_app" / "_bundled").exists()
