"""The shared upsert: compare with what the store holds, insert, update, log for undo."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Table,
    bindparam,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from app.models import ImportBatch, ImportChange

CHUNK = 500
BULK_THRESHOLD = 2000


@dataclass
class Counts:
    """What an import did to the store's rows."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def add(self, other: Counts) -> None:
        """Add another writer's counts to these."""
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped += other.skipped


@dataclass(frozen=True)
class WriteContext:
    """What every writer needs to know about the import in progress.

    Attributes:
        batch_id: the ImportBatch the rows are tagged with.
        snapshot_at: the time the file's data stands for (None: import order decides).
        platform: the platform of the rows.
        options: the export kind's options (currency, refund marker …).
    """

    batch_id: int
    snapshot_at: datetime | None
    platform: str
    options: dict[str, str]


def batch_snapshots(session: Session) -> dict[int, datetime | None]:
    """Snapshot time of every import still in effect."""
    rows = session.execute(select(ImportBatch.id, ImportBatch.snapshot_at)).all()
    return {batch_id: snapshot for batch_id, snapshot in rows}


def is_older(
    snapshot: datetime | None, existing_batch: int | None, snapshots: dict[int, datetime | None]
) -> bool:
    """True when the file's data is older than what the stored row came from."""
    if snapshot is None or existing_batch is None:
        return False
    stored = snapshots.get(existing_batch)
    return stored is not None and stored > snapshot


def jsonable(value: Any) -> Any:
    """A value as stored in the change log."""
    if isinstance(value, datetime | date):
        return {"$dt": value.isoformat()}
    return value


def from_jsonable(value: Any) -> Any:
    """A value back from the change log."""
    if isinstance(value, dict) and "$dt" in value:
        text = value["$dt"]
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    return value


def log_changes(
    session: Session, batch_id: int, table: Table, action: str, before_rows: Iterable[dict]
) -> None:
    """Record rows as they were before this import changed or deleted them."""
    entries = [
        {
            "batch_id": batch_id,
            "table_name": table.name,
            "row_id": row["id"],
            "action": action,
            "before_batch_id": row.get("batch_id"),
            "before": json.dumps({k: jsonable(v) for k, v in row.items()}, ensure_ascii=False),
        }
        for row in before_rows
    ]
    if entries:
        session.connection().execute(insert(ImportChange.__table__), entries)


def fetch_existing(
    session: Session,
    table: Table,
    key_columns: Sequence[str],
    keys: Sequence[tuple[Any, ...]],
    columns: Sequence[str],
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The stored rows with these natural keys, by key."""
    bookkeeping = ["id", "batch_id"] if "batch_id" in table.c else ["id"]
    wanted = [*bookkeeping, *key_columns, *[c for c in columns if c not in key_columns]]
    selected = select(*(table.c[c] for c in wanted))
    unique = list(dict.fromkeys(keys))
    if not unique:
        return {}
    platforms = {k[0] for k in unique} if key_columns[0] == "platform" else set()
    if len(platforms) == 1 and len(unique) > BULK_THRESHOLD:
        # Many keys of one platform: one scan of the platform's rows beats thousands of IN lists.
        wanted_keys = set(unique)
        result = session.connection().execute(
            selected.where(table.c.platform == next(iter(platforms)))
        )
        names = list(result.keys())
        positions = [names.index(k) for k in key_columns]
        scanned: dict[tuple[Any, ...], dict[str, Any]] = {}
        for values in result.fetchall():
            key = tuple(values[i] for i in positions)
            if key in wanted_keys:
                scanned[key] = dict(zip(names, values, strict=True))
        return scanned
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    key_expr = tuple_(*(table.c[k] for k in key_columns))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        for row in session.execute(selected.where(key_expr.in_(chunk))).mappings():
            found[tuple(row[k] for k in key_columns)] = dict(row)
    return found


def upsert(
    session: Session,
    table: Table,
    key_columns: Sequence[str],
    rows: list[dict[str, Any]],
    context: WriteContext,
    snapshots: dict[int, datetime | None],
    *,
    want_ids: bool = True,
) -> tuple[Counts, dict[tuple[Any, ...], int]]:
    """Insert new rows, update changed ones (unless the store's data is newer), log the updates.

    Returns the counts and, when ``want_ids``, the row id of every key (new and existing).
    """
    counts = Counts()
    if not rows:
        return counts, {}
    compare = [c for c in rows[0] if c not in key_columns]
    keyed = {tuple(r[k] for k in key_columns): r for r in rows}  # a repeated key: last row wins
    counts.skipped += len(rows) - len(keyed)
    existing = fetch_existing(session, table, key_columns, list(keyed), compare)
    inserts: list[dict[str, Any]] = []
    # Updates grouped by the columns they change: SET only those (fewer index writes).
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    before = []
    for key, row in keyed.items():
        stored = existing.get(key)
        if stored is None:
            row["batch_id"] = context.batch_id
            inserts.append(row)
        elif is_older(context.snapshot_at, stored["batch_id"], snapshots):
            counts.skipped += 1
        elif not (changed := _changed(stored, row, compare)):
            counts.unchanged += 1
        else:
            # Undo needs only what this import changed (a status, a refund …).
            before.append({c: stored[c] for c in ("id", "batch_id", *changed)})
            change = {c: row[c] for c in changed}
            change["_id"] = stored["id"]
            change["batch_id"] = context.batch_id
            updates.setdefault(tuple(changed), []).append(change)
    if inserts:
        bulk_insert(session, table, inserts)
    for group in updates.values():
        update_rows(session, table, group, exclude=key_columns)
    if before:
        log_changes(session, context.batch_id, table, "update", before)
    counts.inserted += len(inserts)
    counts.updated += len(before)
    if not want_ids:
        return counts, {}
    ids = {k: v["id"] for k, v in existing.items()}
    if inserts:
        ids.update(fetch_ids(session, table, key_columns, [k for k in keyed if k not in ids]))
    return counts, ids


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows that share their columns, as fast as the driver allows.

    On SQLite the rows go straight to the driver's executemany with values stored the way
    SQLAlchemy stores them (its per-row parameter processing doubles the time of a 200,000-row
    import); other databases take Core's executemany.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), rows)
        return
    row_names = list(rows[0])
    names = list(row_names)
    # Core fills Python-side column defaults; raw SQL must name them itself.
    defaults = {
        c.name: c.default.arg
        for c in table.c
        if c.name not in names and c.default is not None and c.default.is_scalar
    }
    names += list(defaults)
    converters = [_sqlite_converter(table.c[name].type) for name in names]
    sql = (
        f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{n}{chr(34)}" for n in names)}) '
        f"VALUES ({', '.join('?' * len(names))})"
    )
    fixed = tuple(defaults.values())
    pick = itemgetter(*row_names) if len(row_names) > 1 else (lambda r: (r[row_names[0]],))
    params = [
        tuple(
            v if v is None or c is None else c(v)
            for v, c in zip((*pick(row), *fixed), converters, strict=True)
        )
        for row in rows
    ]
    connection.exec_driver_sql(sql, params)


def insert_returning_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and give their new ids, in order.

    SQLite numbers new rows max(id)+1, +2 … within one write transaction (nothing else can
    write meanwhile), which is checked; other databases use INSERT … RETURNING.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(statement, rows).scalars())
    start = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    bulk_insert(session, table, rows)
    added = connection.execute(select(func.count()).where(table.c.id > start)).scalar_one()
    if added != len(rows):
        raise RuntimeError(f"{table.name}: expected {len(rows)} new ids, found {added}")
    return list(range(start + 1, start + 1 + len(rows)))


def _sqlite_converter(column_type: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect stores a Python value of this column type."""
    if isinstance(column_type, DateTime):
        return lambda v: v.isoformat(sep=" ", timespec="microseconds")
    if isinstance(column_type, Date):
        return lambda v: v.isoformat()
    if isinstance(column_type, Boolean):
        return int
    return None


def update_rows(
    session: Session, table: Table, rows: list[dict[str, Any]], exclude: Sequence[str] = ()
) -> None:
    """Executemany UPDATE by ``_id``; every row sets the same columns."""
    names = [c for c in rows[0] if c != "_id" and c not in exclude]
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        converters = [_sqlite_converter(table.c[name].type) for name in names]
        assignments = ", ".join(f'"{name}" = ?' for name in names)
        pick = itemgetter(*names, "_id")
        params = [
            tuple(
                v if v is None or c is None else c(v)
                for v, c in zip(pick(row), [*converters, None], strict=True)
            )
            for row in rows
        ]
        connection.exec_driver_sql(f'UPDATE "{table.name}" SET {assignments} WHERE id = ?', params)
        return
    statement = (
        update(table)
        .where(table.c.id == bindparam("_id"))
        .values({c: bindparam(f"v_{c}") for c in names})
    )
    params = [{"_id": r["_id"], **{f"v_{c}": r[c] for c in names}} for r in rows]
    connection.execute(statement, params)


def fetch_ids(
    session: Session, table: Table, key_columns: Sequence[str], keys: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], int]:
    """Row ids of the given natural keys."""
    found = fetch_existing(session, table, key_columns, keys, [])
    return {k: v["id"] for k, v in found.items()}


def _changed(stored: dict[str, Any], row: dict[str, Any], compare: Sequence[str]) -> list[str]:
    """The columns whose new value differs from the stored one."""
    return [c for c in compare if stored[c] != row[c] and not _same(stored[c], row[c])]


def _same(stored: Any, new: Any) -> bool:
    if isinstance(stored, float) or isinstance(new, float):
        return stored is not None and new is not None and abs(stored - new) < 1e-9
    if isinstance(new, datetime) and isinstance(stored, str):
        return datetime.fromisoformat(stored) == new
    return stored == new
