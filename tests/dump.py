"""A logical dump of a store: every table's rows, sorted, as one hashable text."""

from __future__ import annotations

import hashlib
from contextlib import closing
from pathlib import Path

from app.db import Store, connect

WALL_CLOCK_COLUMNS = frozenset(
    {
        ("customers", "created"),
        ("import_batches", "imported_at"),
        ("import_batches", "undone_at"),  # to the second: two runs' undos may straddle one
        ("customer_merges", "merged_at"),
        ("customer_tiers", "assigned_at"),  # a recompute stamps the clock time of its day
    }
)


def logical_dump(
    path: Path | Store,
    ignore: frozenset[tuple[str, str]] = frozenset(),
    *,
    key_of: Path | None = None,
) -> str:
    """All user tables' rows, sorted, one line each (identical stores give identical text).

    ``ignore``: (table, column) pairs left out, e.g. :data:`WALL_CLOCK_COLUMNS` when two stores
    built at different moments are compared. An encrypted file is read with its key from the
    keyring (``key_of``: the store whose key a backup uses).
    """
    if isinstance(path, Store):
        if path.sqlite_path is None:
            return _server_dump(path, ignore)
        path = path.sqlite_path
    # closing(): a connection left to the garbage collector keeps the store's -wal file alive.
    with closing(connect(path, key_of=key_of)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        lines = []
        for table in tables:
            columns = [
                f'"{c[1]}"'
                for c in conn.execute(f'PRAGMA table_info("{table}")')
                if (table, c[1]) not in ignore
            ]
            select = f'SELECT {", ".join(columns)} FROM "{table}"'  # noqa: S608
            rows = sorted(repr(r) for r in conn.execute(select))
            lines.append(f"## {table} {len(rows)}")
            lines.extend(rows)
    return "\n".join(lines)


def _server_dump(store: Store, ignore: frozenset[tuple[str, str]]) -> str:
    """The same dump of a server store (through SQLAlchemy; booleans written as SQLite's 0/1)."""
    from sqlalchemy import inspect, text

    lines = []
    with store.engine.connect() as conn:
        inspector = inspect(conn)
        for table in sorted(inspector.get_table_names()):
            columns = [
                f'"{c["name"]}"'
                for c in inspector.get_columns(table)
                if (table, c["name"]) not in ignore
            ]
            select = f'SELECT {", ".join(columns)} FROM "{table}"'  # noqa: S608
            rows = sorted(repr(tuple(_plain(v) for v in r)) for r in conn.execute(text(select)))
            lines.append(f"## {table} {len(rows)}")
            lines.extend(rows)
    return "\n".join(lines)


def _plain(value: object) -> object:
    return int(value) if isinstance(value, bool) else value


def dump_hash(path: Path | Store, *, key_of: Path | None = None) -> str:
    """A short fingerprint of the logical dump."""
    return hashlib.sha256(logical_dump(path, key_of=key_of).encode()).hexdigest()


def row_counts(path: Path, *, key_of: Path | None = None) -> dict[str, int]:
    """Rows per table."""
    with closing(connect(path, key_of=key_of)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
