"""Imports flow one way: only the web layer (and the app factory that builds it) speaks Flask;
logging, the use cases, the read side, the store, the feeds and the parser never do."""

from __future__ import annotations

import ast
from pathlib import Path

import events_app

PACKAGE = Path(events_app.__file__).parent
MAY_IMPORT_FLASK = ("__init__.py", "cli.py", "web/")


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_the_web_layer_imports_flask():
    speaking_flask = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "flask" in imported_roots(path)
        and not str(path.relative_to(PACKAGE)).startswith(MAY_IMPORT_FLASK)
    )

    assert speaking_flask == []
