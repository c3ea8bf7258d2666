"""Build hook: an installed wheel carries the top-level templates, static files and migrations.

All metadata lives in pyproject.toml; this file only adds the copy that `events_app.paths` looks
for, since setuptools' package data cannot reach folders outside the package.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = ("templates", "static", "migrations")


class BuildWithResources(build_py):
    """build_py, then the resource folders copied to events_app/_bundled/ (not for editable
    installs, which read them from the source tree)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in RESOURCES:
            target = Path(self.build_lib) / "events_app" / "_bundled" / name
            self.copy_tree(name, str(target))


setup(cmdclass={"build_py": BuildWithResources})
