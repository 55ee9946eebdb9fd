"""Read and write a store in a GUI test with plain SQL, on SQLite or PostgreSQL alike.

Reads go through the store's Reader (``tests/query.py``): times come back as SQLite-style text
and booleans as 0/1 on both backends. Writes run in one transaction on the store's engine.
SQL must be portable; parameters are ``:named``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from app.db import Store
from tests import pg
from tests.query import fetch


def rows(store: Store, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows of one read-only statement."""
    return fetch(store, sql, params)


def one(store: Store, sql: str, **params: Any) -> Any:
    """The first column of the first row."""
    return rows(store, sql, **params)[0][0]


def execute(store: Store, *statements: str, **params: Any) -> None:
    """Run writing statements (sharing ``params``) in one committed transaction."""
    from sqlalchemy import DateTime, bindparam, text

    with store.engine.begin() as conn:
        for sql in statements:
            statement = text(sql)
            times = [k for k, v in params.items() if isinstance(v, datetime) and f":{k}" in sql]
            if times:  # stored as SQLAlchemy's text on SQLite, a timestamp on the server
                statement = statement.bindparams(*(bindparam(k, type_=DateTime) for k in times))
            conn.execute(statement, params)


def imported_samples(folder: Path, files: list[Path]) -> Iterator[Store]:
    """A new store (a SQLite file in ``folder``, or a server database) with ``files`` imported;
    disposed (and the database dropped) when the generator is closed."""
    from app.services.imports import import_files

    for opened in pg.scratch_store(folder, "gui_samples"):
        import_files(opened, files)
        yield opened
