"""Where the service finds its templates, static files and migrations, and keeps its instance data.

The design card keeps `templates/`, `static/` and `migrations/` at the top of the repository, beside
the package. An installed wheel has no repository around it, so `setup.py` copies the three folders
into the package (`events_app/_bundled/`) when it builds one; a source checkout (or an editable
install) has no such copy and reads the top-level folders directly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent
BUNDLED_DIR = PACKAGE_DIR / "_bundled"
RESOURCE_NAMES = ("templates", "static", "migrations")


def is_installed() -> bool:
    """Whether this is an installed wheel (its resources bundled) rather than a source tree."""
    return BUNDLED_DIR.is_dir()


def resource_dir(name: str) -> Path:
    """The folder holding one of `RESOURCE_NAMES`, wherever this copy of the code keeps it."""
    if name not in RESOURCE_NAMES:
        raise ValueError(f"not a resource folder: {name}")
    return (BUNDLED_DIR if is_installed() else SOURCE_ROOT) / name


def instance_dir() -> Path:
    """Where the SQLite database lives by default: `instance/` in a source tree (as `make run`
    has always used), Flask's own convention `<prefix>/var/events_app-instance` for an installed
    wheel (never inside site-packages); `INSTANCE_PATH` in the environment overrides both."""
    if os.environ.get("INSTANCE_PATH"):
        return Path(os.environ["INSTANCE_PATH"])
    if is_installed():
        return Path(sys.prefix) / "var" / "events_app-instance"
    return SOURCE_ROOT / "instance"
