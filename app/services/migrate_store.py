"""Copy a store into a new one (a shop's SQLite file into the team's PostgreSQL server), verified.

``shopreel migrate-store --to URL``: the target gets the schema by the same migrations, then every
table is copied in foreign-key order with its ids, in ONE transaction on the target. Before the
commit, each table's row count and the total of each of its ``*_cents`` columns are compared with
the source; any difference rolls everything back, so the target is either a full copy or as it was.
PostgreSQL's id sequences are then set past the copied ids, so new rows get fresh ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.config import describe_url
from app.db import Store, StoreError

if TYPE_CHECKING:
    from sqlalchemy import Column, Table
    from sqlalchemy.engine import Connection

CHUNK_ROWS = 5000  # rows read and inserted at a time: memory stays flat on a big shop


class MigrateStoreError(StoreError):
    """The copy was refused or did not verify; the target was left as it was."""


@dataclass(frozen=True)
class TableCheck:
    """One table as verified: its rows and the totals of its money columns (cents), both sides.

    Attributes:
        table: the table's name.
        rows: rows in the source (the target holds as many, or the copy was rolled back).
        cents: each ``*_cents`` column's total in the source.
    """

    table: str
    rows: int
    cents: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MigrationSummary:
    """What ``migrate_store`` copied and verified, and how long it took."""

    source: str
    target: str
    tables: tuple[TableCheck, ...]
    seconds: float

    @property
    def rows(self) -> int:
        """Rows copied in all."""
        return sum(t.rows for t in self.tables)


def migrate_store(
    source: Store, target_url: str, *, on_table: Callable[[str, int], None] | None = None
) -> MigrationSummary:
    """Copy ``source`` into the new store at ``target_url`` and verify it (all or nothing).

    ``on_table(name, rows)`` is called as each table is copied.

    Raises:
        MigrateStoreError: the target already holds data or is the source, or the copy's
            counts or money totals differ from the source's (the message says where).
    """
    from sqlalchemy.exc import DBAPIError

    from app.services.store import open_store

    if _same_store(source.url, target_url):
        raise MigrateStoreError("The target is the store being copied; nothing was changed.")
    started = time.perf_counter()
    try:
        _refuse_data(target_url)
        target = open_store(target_url)  # creates the schema (or finishes a half-made one)
    except DBAPIError as exc:
        raise MigrateStoreError(
            f"{describe_url(target_url)} cannot be used ({_first_line(exc.orig)}). "
            "Nothing was changed."
        ) from exc
    try:
        _refuse_data(target_url, target)
        checks = _copy_all(source, target, on_table)
    finally:
        target.dispose()
    return MigrationSummary(
        describe_url(source.url),
        describe_url(target_url),
        tuple(checks),
        time.perf_counter() - started,
    )


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if error is not None and str(error) else ""


def _same_store(first: str, second: str) -> bool:
    from sqlalchemy.engine import make_url

    a, b = make_url(first), make_url(second)
    return (a.get_backend_name(), a.host, a.port, a.database) == (
        b.get_backend_name(),
        b.host,
        b.port,
        b.database,
    )


def _tables() -> list[Table]:
    from app.models import Base

    return list(Base.metadata.sorted_tables)  # parents before the tables that point at them


def _refuse_data(url: str, opened: Store | None = None) -> None:
    """Refuse a target whose ShopReel tables hold rows (checked before and after migrating)."""
    from sqlalchemy import func, inspect, select

    store = opened or Store(url)
    try:
        with store.engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            for table in _tables():
                if table.name not in present:
                    continue
                rows = conn.execute(select(func.count()).select_from(table)).scalar_one()
                if rows:
                    raise MigrateStoreError(
                        f"{describe_url(url)} already holds data ({rows:,} rows in "
                        f"{table.name}). migrate-store copies into a new, empty store only; "
                        "nothing was changed."
                    )
    finally:
        if opened is None:
            store.dispose()


def _copy_all(
    source: Store, target: Store, on_table: Callable[[str, int], None] | None
) -> list[TableCheck]:
    checks: list[TableCheck] = []
    with source.engine.connect() as reading, target.engine.begin() as writing:
        for table in _tables():
            copied = _copy_table_or_say_which(table, reading, writing)
            if on_table is not None:
                on_table(table.name, copied)
        _reset_sequences(writing)
        for table in _tables():
            checks.append(_verify(table, reading, writing))
    return checks


def _copy_table_or_say_which(table: Table, reading: Connection, writing: Connection) -> int:
    from sqlalchemy.exc import DBAPIError

    try:
        return _copy_table(table, reading, writing)
    except DBAPIError as exc:
        raise MigrateStoreError(
            f"{table.name}: the target refused a row ({_first_line(exc.orig)}). "
            "The copy was rolled back; nothing was changed."
        ) from exc


def _copy_table(table: Table, reading: Connection, writing: Connection) -> int:
    """Insert the table's rows with their ids; a column pointing into the table goes in after."""
    from sqlalchemy import bindparam, select

    self_refs = [fk.parent for fk in table.foreign_keys if fk.column.table is table]
    later: list[dict[str, Any]] = []
    copied = 0
    for chunk in _chunks(reading.execute(select(table).order_by(*table.primary_key))):
        rows = [dict(row._mapping) for row in chunk]
        for row in rows:
            pointers = {c.key: row[c.key] for c in self_refs if row[c.key] is not None}
            if pointers:
                later.append({"_id": row["id"], **{f"_{k}": v for k, v in pointers.items()}})
                row.update(dict.fromkeys(pointers))
        writing.execute(table.insert(), rows)
        copied += len(rows)
    for column in self_refs:
        updates = [u for u in later if f"_{column.key}" in u]
        if updates:
            writing.execute(
                table.update()
                .where(table.c.id == bindparam("_id"))
                .values({column.key: bindparam(f"_{column.key}")}),
                [{"_id": u["_id"], f"_{column.key}": u[f"_{column.key}"]} for u in updates],
            )
    return copied


def _chunks(result: Any) -> Iterator[Sequence[Any]]:
    while chunk := result.fetchmany(CHUNK_ROWS):
        yield chunk


def _reset_sequences(writing: Connection) -> None:
    """PostgreSQL: each id sequence continues after the highest copied id (SQLite needs none)."""
    from sqlalchemy import text

    if writing.dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" not in table.c:
            continue
        writing.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )


def _verify(table: Table, reading: Connection, writing: Connection) -> TableCheck:
    """Rows and ``*_cents`` totals on both sides; a difference raises (rolling the copy back)."""
    source = _figures(table, reading)
    copied = _figures(table, writing)
    if copied["rows"] != source["rows"]:
        raise MigrateStoreError(
            f"{table.name}: the copy has {copied['rows']:,} rows, the source {source['rows']:,}. "
            "The copy was rolled back; nothing was changed."
        )
    for column, total in source.items():
        if column != "rows" and copied[column] != total:
            raise MigrateStoreError(
                f"{table.name}.{column}: the copy totals {copied[column]:,}, the source "
                f"{total:,}. The copy was rolled back; nothing was changed."
            )
    cents = {k: v for k, v in source.items() if k != "rows"}
    return TableCheck(table.name, source["rows"], cents)


def _figures(table: Table, conn: Connection) -> dict[str, int]:
    from sqlalchemy import func, select

    money: list[Column[Any]] = [c for c in table.columns if c.name.endswith("_cents")]
    query = select(
        func.count().label("rows"),
        *(func.coalesce(func.sum(c), 0).label(c.name) for c in money),
    ).select_from(table)
    row = conn.execute(query).one()
    return {key: int(value) for key, value in row._mapping.items()}


def describe_summary(summary: MigrationSummary) -> list[str]:
    """The lines ``shopreel migrate-store`` prints: one per table, then the total."""
    lines = [f"Copied {summary.source} -> {summary.target}, verified:"]
    for check in summary.tables:
        money = "".join(f", {name} {total:,}" for name, total in check.cents.items())
        lines.append(f"  {check.table:<28} {check.rows:>9,} rows{money}")
    lines.append(
        f"{summary.rows:,} rows in {len(summary.tables)} tables, counts and money totals "
        f"equal, in {summary.seconds:.1f} s."
    )
    return lines
