"""Search folding in SQL: the stored text read as domain.search_folded reads a searched word.

PostgreSQL folds with translate() over the domain's one table of letters, then lower();
SQLite, whose lower() and LIKE know only ASCII letters, calls the same Python function,
registered on each connection (store.db). Either way "Café Rouge" and "CAFÉ" read "cafe".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ..domain import SEARCH_FOLDING, search_folded

SQLITE_FUNCTION = "events_search_folded"
_FROM = "".join(chr(code) for code in SEARCH_FOLDING)
_TO = "".join(SEARCH_FOLDING.values())


class folded(FunctionElement):
    """folded(column): the column's text with accents and case gone."""

    type = String()
    name = "folded"
    inherit_cache = True


@compiles(folded)
def _translated(element: folded, compiler: Any, **kw: Any) -> str:
    (text,) = element.clauses
    return compiler.process(func.lower(func.translate(text, _FROM, _TO)), **kw)


@compiles(folded, "sqlite")
def _by_python(element: folded, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


def register_sqlite(dbapi_connection: Any) -> None:
    """Give a SQLite connection the folding function that `folded` calls."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 1, _sqlite_folded, deterministic=True)


def _sqlite_folded(text: str | None) -> str | None:
    return None if text is None else search_folded(text)
