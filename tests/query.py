"""Read a store in a test with plain SQL, on SQLite or PostgreSQL alike (through its Reader)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from app.db import Store


def fetch(store: Store, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """The rows of one read-only statement with ``:named`` parameters."""
    reader = store.reader()
    try:
        return reader.query(sql, params)[1]
    finally:
        reader.close()


def scalar(store: Store, sql: str, params: dict[str, Any] | None = None) -> Any:
    """The first column of the first row."""
    return fetch(store, sql, params)[0][0]


def fetch_from(
    target: Store | Path, sql: str, params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """:func:`fetch` from a Store, or from a SQLite file given by its path (``demo_db``)."""
    if isinstance(target, Store):
        return fetch(target, sql, params)
    with closing(sqlite3.connect(target)) as conn:
        return conn.execute(sql, params or {}).fetchall()
