"""Read a store in a test with plain SQL, on SQLite or PostgreSQL alike (through its Reader)."""

from __future__ import annotations

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
