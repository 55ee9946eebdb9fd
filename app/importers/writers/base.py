"""The shared upsert: compare with what the store holds, insert, update, log for undo."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, tuple_, update
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
        session.execute(insert(ImportChange), entries)


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
        query = selected.where(table.c.platform == next(iter(platforms)))
        rows = (dict(r) for r in session.execute(query).mappings())
        return {
            key: row for row in rows if (key := tuple(row[k] for k in key_columns)) in wanted_keys
        }
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
) -> tuple[Counts, dict[tuple[Any, ...], int]]:
    """Insert new rows, update changed ones (unless the store's data is newer), log the updates.

    Returns the counts and the row id of every key (new and existing).
    """
    counts = Counts()
    if not rows:
        return counts, {}
    compare = [c for c in rows[0] if c not in key_columns]
    keyed = {tuple(r[k] for k in key_columns): r for r in rows}  # a repeated key: last row wins
    counts.skipped += len(rows) - len(keyed)
    existing = fetch_existing(session, table, key_columns, list(keyed), compare)
    inserts, updates, before = [], [], []
    for key, row in keyed.items():
        stored = existing.get(key)
        if stored is None:
            row["batch_id"] = context.batch_id
            inserts.append(row)
        elif is_older(context.snapshot_at, stored["batch_id"], snapshots):
            counts.skipped += 1
        elif all(_same(stored[c], row[c]) for c in compare):
            counts.unchanged += 1
        else:
            before.append({c: stored[c] for c in ("id", "batch_id", *compare)})
            row["_id"] = stored["id"]
            row["batch_id"] = context.batch_id
            updates.append(row)
    if inserts:
        session.execute(insert(table), inserts)
    if updates:
        update_rows(session, table, updates, exclude=key_columns)
        log_changes(session, context.batch_id, table, "update", before)
    counts.inserted += len(inserts)
    counts.updated += len(updates)
    ids = {k: v["id"] for k, v in existing.items()}
    if inserts:
        ids.update(fetch_ids(session, table, key_columns, [k for k in keyed if k not in ids]))
    return counts, ids


def update_rows(
    session: Session, table: Table, rows: list[dict[str, Any]], exclude: Sequence[str] = ()
) -> None:
    """Executemany UPDATE by ``_id``; every row sets the same columns."""
    names = [c for c in rows[0] if c != "_id" and c not in exclude]
    statement = (
        update(table)
        .where(table.c.id == bindparam("_id"))
        .values({c: bindparam(f"v_{c}") for c in names})
    )
    params = [{"_id": r["_id"], **{f"v_{c}": r[c] for c in names}} for r in rows]
    session.connection().execute(statement, params)


def fetch_ids(
    session: Session, table: Table, key_columns: Sequence[str], keys: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], int]:
    """Row ids of the given natural keys."""
    found = fetch_existing(session, table, key_columns, keys, [])
    return {k: v["id"] for k, v in found.items()}


def _same(stored: Any, new: Any) -> bool:
    if isinstance(stored, float) or isinstance(new, float):
        return stored is not None and new is not None and abs(stored - new) < 1e-9
    if isinstance(new, datetime) and isinstance(stored, str):
        return datetime.fromisoformat(stored) == new
    return stored == new
