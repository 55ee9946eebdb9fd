"""Undo an import: restore what it changed, remove what it added, unless later ones built on it."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.importers.writers.base import UPDATE_ROWS, DriverValues, from_jsonable
from app.importers.writers.simple import CREATED
from app.models import (
    Account,
    AccountDaily,
    AdSpend,
    Customer,
    ImportBatch,
    ImportChange,
    Order,
    Product,
    Review,
    Shop,
    Video,
    VideoSnapshot,
)
from app.models.base import Base

# Children before parents, so deleting a batch's rows never trips a foreign key.
TABLES: tuple[Table, ...] = tuple(
    m.__table__
    for m in (Order, VideoSnapshot, AdSpend, Review, AccountDaily, Video, Customer, Product)
)
BY_NAME = {t.name: t for t in TABLES}
# (child table, its column, parent table): a later import's rows that lean on this import's rows.
DEPENDENTS = (
    (Order.__table__, "customer_id", Customer.__table__),
    (Order.__table__, "product_id", Product.__table__),
    (VideoSnapshot.__table__, "video_id", Video.__table__),
)


# Rows an import may make outside its own tables (see writers.simple.platform_account), and how
# they look while the user has not made them their own in Settings.
CREATED_TABLES = {m.__table__.name: m.__table__ for m in (Account, Shop)}
UNTOUCHED = {
    "accounts": Account.handle == "(" + Account.platform + ")",
    "shops": Shop.name == "",
}


class UndoRefused(Exception):
    """Later imports changed rows this import brought in; undo those first.

    Attributes:
        later: the ids of the imports in the way.
    """

    def __init__(self, batch_id: int, later: list[int]) -> None:
        self.later = later
        names = ", ".join(f"#{b}" for b in later)
        super().__init__(
            f"Import #{batch_id} cannot be undone on its own: later imports ({names}) changed "
            "the same rows. Undo those first (newest first), then this one."
        )


def blocking_imports(session: Session, batch_id: int) -> list[int]:
    """Imports after ``batch_id`` that changed or lean on its rows."""
    later = set(
        session.scalars(
            select(ImportChange.batch_id).where(
                ImportChange.before_batch_id == batch_id, ImportChange.batch_id != batch_id
            )
        )
    )
    for child, column, parent in DEPENDENTS:
        parents = select(parent.c.id).where(parent.c.batch_id == batch_id)
        query = select(child.c.batch_id).where(
            child.c[column].in_(parents),
            child.c.batch_id != batch_id,
            child.c.batch_id.is_not(None),
        )
        later.update(session.scalars(query.distinct()))
    return sorted(later)


def undo_batch(session: Session, batch_id: int) -> int:
    """Undo one import inside the caller's transaction; returns how many rows it touched."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.status != "imported":
        raise UndoRefused(batch_id, []) if batch is None else ValueError("already undone")
    if later := blocking_imports(session, batch_id):
        raise UndoRefused(batch_id, later)
    changes = session.scalars(
        select(ImportChange)
        .where(ImportChange.batch_id == batch_id)
        .order_by(ImportChange.id.desc())
    ).all()
    touched = 0
    for change in changes:
        if change.action == "update":
            _restore(session, change)
            touched += 1
        elif change.action == UPDATE_ROWS:
            touched += _restore_rows(session, change)
    for table in TABLES:
        touched += session.execute(delete(table).where(table.c.batch_id == batch_id)).rowcount or 0
    for change in changes:
        if change.action == "delete":
            before = {k: from_jsonable(v) for k, v in json.loads(change.before).items()}
            session.execute(insert(BY_NAME[change.table_name]), [before])
            touched += 1
    for change in changes:  # newest first: an account goes before the shop made for it
        if change.action == CREATED:
            touched += _remove_if_unused(session, CREATED_TABLES[change.table_name], change.row_id)
    session.execute(delete(ImportChange).where(ImportChange.batch_id == batch_id))
    batch.status = "undone"
    batch.undone_at = datetime.now().replace(microsecond=0)
    return touched


def _restore(session: Session, change: ImportChange) -> None:
    table = BY_NAME[change.table_name]
    before = {k: from_jsonable(v) for k, v in json.loads(change.before).items()}
    row_id = before.pop("id")
    session.execute(update(table).where(table.c.id == row_id).values(before))


def _restore_rows(session: Session, change: ImportChange) -> int:
    """Put back the values of an ``update_rows`` entry (see ``log_updates``); returns the rows."""
    driver = DriverValues(session, BY_NAME[change.table_name])
    logged = json.loads(change.before)
    names, rows = logged["columns"], logged["rows"]
    values = [
        driver.to_driver(name, [from_jsonable(row[j]) for row in rows])
        for j, name in enumerate(names, start=1)
    ]
    batches = [change.before_batch_id] * len(rows)
    ids = [row[0] for row in rows]
    driver.update(names, list(zip(*values, batches, ids, strict=True)))
    return len(rows)


def _remove_if_unused(session: Session, table: Table, row_id: int) -> int:
    """Delete a row the import made, unless the user edited it or other rows now use it."""
    untouched = select(table.c.id).where(table.c.id == row_id, UNTOUCHED[table.name])
    if session.scalar(untouched) is None:
        return 0
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                used = select(func.count()).select_from(child).where(fk.parent == row_id)
                if session.scalar(used):
                    return 0
    return session.execute(delete(table).where(table.c.id == row_id)).rowcount or 0
