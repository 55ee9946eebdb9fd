"""Stores at every released schema version, filled with representative rows, for upgrade tests.

A store at revision R is built the way a released ShopReel built it: an empty file upgraded to R
by the migration scripts. That the scripts of released revisions never change is checked against
the frozen schemas in ``tests/fixtures/schemas/<R>.txt`` (regenerate a file only when adding a
new revision: ``python -m tests.stores``).

:func:`fill_every_table` then puts rows in every table of that revision, reading its real
columns (so a revision's own columns get values), pointing every foreign key at a real parent,
with Chinese text, masked phones and money in cents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from app import migrations
from app.config import sqlite_url
from app.db import Store

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemas"
PLATFORMS = ("douyin", "kuaishou", "channels", "xiaohongshu", "tiktok")
NAMES = ("张**", "李*", "王**", "赵*", "陈**", "刘*", "周**")
WORDS = ("法式开衫", "空调衫外搭", "薄款针织", "通勤百搭", "显瘦高腰", "春夏新款", "直播福利")


def build_store_at(path: Path, revision: str) -> None:
    """An empty store upgraded by the migration scripts to ``revision``."""
    store = Store(sqlite_url(path))
    try:
        migrations.upgrade(store.engine, revision)
    finally:
        store.dispose()


def schema_of(path: Path) -> str:
    """The store's schema, structurally: columns, foreign keys and indexes of every table.

    Read through PRAGMAs rather than the CREATE text, whose constraint order batch mode does not
    keep stable between runs.
    """
    with closing(sqlite3.connect(path)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return "".join(_describe_table(conn, table) for table in tables)


def _describe_table(conn: sqlite3.Connection, table: str) -> str:
    lines = [f"table {table}"]
    for _cid, name, kind, notnull, default, pk in conn.execute(f'PRAGMA table_info("{table}")'):
        lines.append(f"  column {name} {kind} notnull={notnull} default={default} pk={pk}")
    keys = conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
    lines += sorted(f"  foreign key {k[3]} -> {k[2]}.{k[4]} on delete {k[6]}" for k in keys)
    indexes = []
    for _seq, name, unique, origin, partial in conn.execute(f'PRAGMA index_list("{table}")'):
        columns = ", ".join(c[2] for c in conn.execute(f'PRAGMA index_info("{name}")'))
        label = name if origin == "c" else f"({origin})"  # sqlite_autoindex_* numbers vary
        indexes.append(f"  index {label} unique={unique} partial={partial} on ({columns})")
    return "\n".join(lines + sorted(indexes)) + "\n"


def frozen_schema(revision: str) -> str:
    """The schema a released revision produced, as committed."""
    return (SCHEMAS / f"{revision}.txt").read_text(encoding="utf-8")


def fill_every_table(path: Path, rows: int = 6) -> dict[str, int]:
    """Insert ``rows`` rows into every table (parents first); return the count per table."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        counts = {}
        for table in _parents_first(conn):
            columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            parents = {fk[3]: fk[2] for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
            for n in range(rows):
                values = {
                    name: _value(conn, table, name, kind, n, parents.get(name))
                    for _cid, name, kind, _notnull, _default, pk in columns
                    if not pk
                }
                names = ", ".join(f'"{c}"' for c in values)
                marks = ", ".join("?" for _ in values)
                conn.execute(
                    f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values())
                )  # noqa: S608
            counts[table] = rows
        conn.commit()
    return counts


def _parents_first(conn: sqlite3.Connection) -> Iterator[str]:
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name"
        )
    ]
    needs = {
        t: {fk[2] for fk in conn.execute(f'PRAGMA foreign_key_list("{t}")')} - {t} for t in tables
    }
    done: set[str] = set()
    while len(done) < len(tables):
        ready = [t for t in tables if t not in done and needs[t] <= done]
        if not ready:
            raise AssertionError(f"foreign keys form a cycle among {set(tables) - done}")
        for table in ready:
            done.add(table)
            yield table


def _value(
    conn: sqlite3.Connection, table: str, column: str, kind: str, n: int, parent: str | None
) -> Any:
    """A representative value for one cell of row ``n``."""
    if parent is not None:
        if parent == table:
            return None  # a self-reference (a merged customer): left unset
        ids = [r[0] for r in conn.execute(f'SELECT id FROM "{parent}" ORDER BY id')]  # noqa: S608
        return ids[n % len(ids)]
    kind = kind.upper()
    if column == "platform":
        return PLATFORMS[n % len(PLATFORMS)]
    if column == "currency":
        return "CNY" if n % 3 else "USD"
    if "phone" in column:
        return f"138****{1000 + n:04d}"
    if column in ("display_name", "author", "recipient"):
        return NAMES[n % len(NAMES)]
    if kind in ("INTEGER", "BIGINT"):
        return 11900 * (n + 1) if "cents" in column else n * 7 + 3
    if kind == "BOOLEAN":
        return n % 2
    if kind == "FLOAT":
        return round(0.05 * (n + 1), 4)
    if kind == "DATETIME":
        return f"2026-10-{n + 1:02d} 1{n % 10}:0{n % 6}:00.000000"
    if kind == "DATE":
        return f"2026-10-{n + 1:02d}"
    return f"{WORDS[n % len(WORDS)]}·{column}·{n}"


def rows_by_id(path: Path, table: str, columns: list[str]) -> dict[Any, tuple[Any, ...]]:
    """``columns`` of every row of ``table``, by primary key (rowid)."""
    names = ", ".join(f'"{c}"' for c in columns)
    with closing(sqlite3.connect(path)) as conn:
        return {
            r[0]: tuple(r[1:])
            for r in conn.execute(f'SELECT rowid, {names} FROM "{table}"')  # noqa: S608
        }


def columns_by_table(path: Path) -> dict[str, list[str]]:
    """Every user table's column names."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


def write_frozen_schemas() -> None:
    """Write the schema of every known revision (run by hand when a revision is added)."""
    import tempfile

    SCHEMAS.mkdir(parents=True, exist_ok=True)
    for revision in migrations.KNOWN_REVISIONS:
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "s.db"
            build_store_at(path, revision)
            target = SCHEMAS / f"{revision}.txt"
            if not target.exists():
                target.write_text(schema_of(path), encoding="utf-8")
                print(f"wrote {target}")


if __name__ == "__main__":
    write_frozen_schemas()
