"""The shared upsert: compare with what the store holds, insert, update, log for undo."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import compress, repeat
from operator import is_, is_not, itemgetter, ne
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
    text,
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


def newer_batches(snapshot: datetime | None, snapshots: dict[int, datetime | None]) -> set[int]:
    """The imports whose data is newer than ``snapshot`` (none when it is unknown)."""
    if snapshot is None:
        return set()
    return {
        batch for batch, stored in snapshots.items() if stored is not None and stored > snapshot
    }


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


UPDATE_ROWS = "update_rows"  # an ImportChange holding many updated rows' values before


def _dt_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return jsonable(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def log_updates(
    session: Session,
    batch_id: int,
    table: Table,
    groups: dict[tuple[int | None, tuple[str, ...]], list[tuple[Any, ...]]],
) -> None:
    """Record the rows an import updated, one entry per group of rows.

    ``groups``: (the batch the rows came from, the columns changed) → one ``[row id, value
    before of each column …]`` per row. An entry's ``before`` is ``{"columns": […], "rows":
    […]}``; undo puts the values back with one executemany (a 200,000-row re-import logs one
    entry, where an entry per row took seconds to write and a minute to undo).
    """
    entries = [
        {
            "batch_id": batch_id,
            "table_name": table.name,
            "row_id": rows[0][0],  # the first row's: an entry is about many
            "action": UPDATE_ROWS,
            "before_batch_id": before_batch,
            "before": json.dumps(
                {"columns": list(names), "rows": rows}, ensure_ascii=False, default=_dt_json
            ),
        }
        for (before_batch, names), rows in groups.items()
    ]
    if entries:
        session.connection().execute(insert(ImportChange.__table__), entries)


def log_changes(
    session: Session, batch_id: int, table: Table, action: str, before_rows: Iterable[dict]
) -> None:
    """Record rows as they were before this import changed or deleted them."""
    encoded: dict[Any, str] = {}  # value → its JSON (statuses and amounts repeat)

    def as_json(value: Any) -> str:
        key = (type(value), value)  # True and 1 are equal keys but not the same JSON
        try:
            return encoded[key]
        except KeyError:
            text = encoded[key] = json.dumps(jsonable(value), ensure_ascii=False)
            return text

    row_ids, before_batches, befores = [], [], []
    for row in before_rows:
        row_ids.append(row["id"])
        before_batches.append(row.get("batch_id"))
        # What json.dumps(dict) writes, with each value encoded once.
        pairs = ", ".join(f"{as_json(k)}: {as_json(v)}" for k, v in row.items())
        befores.append("{" + pairs + "}")
    if not row_ids:
        return
    count = len(row_ids)
    columns = {
        "batch_id": [batch_id] * count,
        "table_name": [table.name] * count,
        "row_id": row_ids,
        "action": [action] * count,
        "before_batch_id": before_batches,
        "before": befores,
    }
    changes = ImportChange.__table__
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        _sqlite_insert(connection, changes, columns)
    else:
        _server_insert(connection, changes, columns)


def stored_rows(
    session: Session,
    table: Table,
    key_columns: Sequence[str],
    keys: Sequence[tuple[Any, ...]],
    columns: Sequence[str],
) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """The stored rows with these natural keys: key → (id, batch id, *driver values of
    ``columns``, *key), lighter than ``fetch_existing`` where the values need no decoding."""
    return _existing(session, DriverValues(session, table), key_columns, list(keys), columns)


def fetch_existing(
    session: Session,
    table: Table,
    key_columns: Sequence[str],
    keys: Sequence[tuple[Any, ...]],
    columns: Sequence[str],
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The stored rows with these natural keys, by key."""
    driver = DriverValues(session, table)
    if driver.sqlite:
        extra = [c for c in columns if c not in key_columns]
        found = _existing(session, driver, key_columns, list(dict.fromkeys(keys)), extra)
        bookkeeping = ("id", "batch_id") if "batch_id" in table.c else ("id",)
        return {
            key: {
                **dict(zip(bookkeeping, row, strict=False)),
                **dict(zip(key_columns, key, strict=True)),
                **{c: driver.from_driver(c, v) for c, v in zip(extra, row[2:], strict=False)},
            }
            for key, row in found.items()
        }
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

    Every row has the same columns. Returns the counts and, when ``want_ids``, the row id of every
    key (new and existing).
    """
    if not rows:
        return Counts(), {}
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    return upsert_columns(
        session, table, key_columns, columns, context, snapshots, want_ids=want_ids
    )


def upsert_columns(
    session: Session,
    table: Table,
    key_columns: Sequence[str],
    columns: dict[str, list[Any]],
    context: WriteContext,
    snapshots: dict[int, datetime | None],
    *,
    want_ids: bool = True,
) -> tuple[Counts, dict[tuple[Any, ...], int]]:
    """``upsert`` for rows held column by column (column name → one value per row).

    Stored rows are compared column by column in the form the driver stores them (C-level
    comparisons); only cells that differ there are compared as Python values, as ever.
    """
    counts = Counts()
    keys = list(zip(*(columns[k] for k in key_columns), strict=True))
    if not keys:
        return counts, {}
    last = dict(zip(keys, range(len(keys)), strict=True))  # a repeated key: the last row wins
    counts.skipped += len(keys) - len(last)
    if len(last) < len(keys):
        picks = list(last.values())
        columns = {name: [values[i] for i in picks] for name, values in columns.items()}
        keys = list(last)
    driver = DriverValues(session, table)
    compare = [c for c in columns if c not in key_columns]
    stored_form = {name: driver.to_driver(name, values) for name, values in columns.items()}
    existing = _existing(session, driver, key_columns, keys, compare, only_keys=want_ids)
    newer = newer_batches(context.snapshot_at, snapshots)
    found = list(map(existing.get, keys))  # (id, batch id, *stored values) or None: new
    inserts = list(compress(range(len(keys)), map(is_, found, repeat(None))))
    matched = list(compress(range(len(keys)), map(is_not, found, repeat(None))))
    rows = list(filter(None, found))
    del found
    if newer:
        kept = [k for k, row in enumerate(rows) if row[1] not in newer]
        counts.skipped += len(rows) - len(kept)
        matched, rows = [matched[k] for k in kept], [rows[k] for k in kept]
    by_column = driver.changed_columns(compare, rows, matched, stored_form, columns)
    # Rows grouped by the batch they came from and the columns they change: one log entry and
    # one UPDATE setting only those columns (fewer index writes) per group.
    groups = _change_groups(rows, by_column)
    changed = sum(map(len, groups.values()))
    counts.unchanged += len(rows) - changed
    updates: dict[tuple[int, ...], list[tuple[Any, ...]]] = {}
    before: dict[tuple[int | None, tuple[str, ...]], list[tuple[Any, ...]]] = {}
    for (batch_id, positions), group in groups.items():
        picked = list(map(rows.__getitem__, group))
        at = list(map(matched.__getitem__, group))
        ids = list(map(itemgetter(0), picked))
        names = tuple(compare[j] for j in positions)
        # Undo needs only what this import changed (a status, a refund …).
        was = [
            driver.from_driver_all(compare[j], list(map(itemgetter(2 + j), picked)))
            for j in positions
        ]
        before[batch_id, names] = list(zip(ids, *was, strict=True))
        new = [list(map(stored_form[name].__getitem__, at)) for name in names]
        batch = [context.batch_id] * len(group)
        updates.setdefault(positions, []).extend(zip(*new, batch, ids, strict=True))
    counts.updated += changed
    if inserts:
        picked = {name: [values[i] for i in inserts] for name, values in stored_form.items()}
        picked["batch_id"] = [context.batch_id] * len(inserts)
        driver.insert(picked)
    for positions, params in updates.items():
        driver.update([compare[j] for j in positions], params)
    log_updates(session, context.batch_id, table, before)
    counts.inserted += len(inserts)
    if not want_ids:
        return counts, {}
    ids = {key: row[0] for key, row in existing.items()}
    if inserts:
        ids.update(fetch_ids(session, table, key_columns, [keys[i] for i in inserts]))
    return counts, ids


def _really_changed(old: Any, new: Any) -> bool:
    """Whether a cell whose driver values differ holds another Python value too."""
    return type(old) is str and type(new) is str or not _same(old, new)


def _change_groups(
    rows: list[tuple[Any, ...]], by_column: dict[int, list[int]]
) -> dict[tuple[Any, tuple[int, ...]], list[int]]:
    """The changed rows grouped by (the batch they came from, the columns they change), each
    group's rows ascending, groups in the order of their first row.

    numpy does the per-row work: a re-import changing the status of 200,000 rows makes one
    group, found without a Python step per row.
    """
    if not by_column:
        return {}
    if max(by_column) >= 64:  # more columns than a mark has bits: row by row
        return _change_groups_by_row(rows, by_column)
    import numpy as np

    marks = np.zeros(len(rows), dtype=np.uint64)
    for j, positions in by_column.items():
        marks[np.fromiter(positions, dtype=np.int64, count=len(positions))] |= np.uint64(1 << j)
    changed = np.flatnonzero(marks)
    batches = [row[1] for row in map(rows.__getitem__, changed.tolist())]
    codes = {batch: code for code, batch in enumerate(dict.fromkeys(batches))}
    batch_codes = np.fromiter(map(codes.__getitem__, batches), dtype=np.int64, count=len(batches))
    signature = marks[changed]
    order = np.lexsort((signature, batch_codes))  # stable: rows stay ascending in a group
    sorted_codes, sorted_marks = batch_codes[order], signature[order]
    starts = np.flatnonzero(
        np.concatenate(
            (
                [True],
                (sorted_codes[1:] != sorted_codes[:-1]) | (sorted_marks[1:] != sorted_marks[:-1]),
            )
        )
    )
    members = np.split(changed[order], starts[1:])
    batch_of = list(codes)
    found = []
    for start, positions in zip(starts.tolist(), members, strict=True):
        mark = int(sorted_marks[start])
        columns = tuple(j for j in sorted(by_column) if mark >> j & 1)
        found.append((int(positions[0]), (batch_of[int(sorted_codes[start])], columns), positions))
    found.sort(key=itemgetter(0))
    return {key: positions.tolist() for _, key, positions in found}


def _change_groups_by_row(
    rows: list[tuple[Any, ...]], by_column: dict[int, list[int]]
) -> dict[tuple[Any, tuple[int, ...]], list[int]]:
    """``_change_groups`` one row at a time."""
    columns: dict[int, list[int]] = {}
    for j in sorted(by_column):
        for k in by_column[j]:
            columns.setdefault(k, []).append(j)
    groups: dict[tuple[Any, tuple[int, ...]], list[int]] = {}
    for k in sorted(columns):
        groups.setdefault((rows[k][1], tuple(columns[k])), []).append(k)
    return groups


class DriverValues:
    """How one table's values travel to and from the database driver.

    SQLite takes datetimes and dates as ISO text and booleans as integers, written exactly as
    SQLAlchemy writes them; rows go straight to the driver (SQLAlchemy's per-row processing
    doubles the time of a 200,000-row import). Other databases take Python values through Core.
    """

    def __init__(self, session: Session, table: Table) -> None:
        self.connection = session.connection()
        self.table = table
        self.sqlite = self.connection.dialect.name == "sqlite"
        self._decoders: dict[str, Callable[[Any], Any] | None] = {}

    def to_driver(self, name: str, values: list[Any]) -> list[Any]:
        """The values as the driver stores them."""
        convert = _sqlite_converter(self.table.c[name].type) if self.sqlite else None
        if convert is None:
            return values
        stored: dict[Any, Any] = {None: None}
        for value in dict.fromkeys(values):
            if value is not None:
                stored[value] = convert(value)
        return list(map(stored.__getitem__, values))

    def decoder(self, name: str) -> Callable[[Any], Any] | None:
        """What turns a stored value of the column into SQLAlchemy's Python value, if anything."""
        if name not in self._decoders:
            column_type = self.table.c[name].type
            dialect = self.connection.dialect
            self._decoders[name] = (
                column_type.dialect_impl(dialect).result_processor(dialect, None)
                if self.sqlite
                else None
            )
        return self._decoders[name]

    def from_driver_all(self, name: str, values: list[Any]) -> list[Any]:
        """``from_driver`` of each value."""
        decode = self.decoder(name)
        if decode is None:
            return values
        return [value if value is None else decode(value) for value in values]

    def from_driver(self, name: str, value: Any) -> Any:
        """A stored value as SQLAlchemy would give it (a datetime for a DateTime column …)."""
        decode = self.decoder(name)
        return value if decode is None or value is None else decode(value)

    def changed_columns(
        self,
        compare: Sequence[str],
        rows: list[tuple[Any, ...]],
        matched: list[int],
        stored_form: dict[str, list[Any]],
        columns: dict[str, list[Any]],
    ) -> dict[int, list[int]]:
        """The stored rows that really change, column by column: position in ``compare`` →
        positions in ``rows`` (ascending; only columns with a change).

        ``rows`` are stored rows (id, batch id, driver values of ``compare``); ``matched`` their
        rows in the new data (``stored_form`` in driver values, ``columns`` Python values).
        Column by column, a C-level comparison of driver values finds the cells that differ;
        only those are compared as Python values (a float within 1e-9, a time stored in
        another text form are the same), so unchanged rows and columns cost no Python code.
        """
        changed: dict[int, list[int]] = {}
        every = len(matched) == len(next(iter(stored_form.values()), []))  # every row, in order
        for j, name in enumerate(compare):
            olds = list(map(itemgetter(2 + j), rows))
            news = stored_form[name] if every else list(map(stored_form[name].__getitem__, matched))
            if olds == news:  # list equality stays in C: the common unchanged column
                continue
            differ = list(compress(range(len(rows)), map(ne, olds, news)))
            decode, values = self.decoder(name), columns[name]
            really = [
                k
                for k in differ
                if _really_changed(
                    olds[k] if decode is None or olds[k] is None else decode(olds[k]),
                    values[matched[k]],
                )
            ]
            if really:
                changed[j] = really
        return changed

    def fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Rows of a driver-level query, as tuples."""
        cursor = self.connection.connection.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()

    def insert(self, columns: dict[str, list[Any]]) -> None:
        """INSERT the rows (driver values, column by column) in one executemany."""
        if not self.sqlite:
            _server_insert(self.connection, self.table, columns)
            return
        _sqlite_insert(self.connection, self.table, columns)

    def _update_from(self, names: Sequence[str], params: list[tuple[Any, ...]]) -> None:
        """A big UPDATE as one ``UPDATE … FROM`` a temporary table of the new values: the
        per-row lookups happen in one statement rather than one statement per row."""
        temp = "temp.shopreel_update_rows"
        values = [f"v{n}" for n in range(len(names))]
        run = self.connection.exec_driver_sql
        run(f"DROP TABLE IF EXISTS {temp}")
        run(f"CREATE TABLE {temp} (id INTEGER PRIMARY KEY, {', '.join(values)})")
        marks = ", ".join("?" * (len(values) + 1))
        run(f"INSERT INTO {temp} ({', '.join(values)}, id) VALUES ({marks})", params)
        target = f'"{self.table.name}"'
        assignments = ", ".join(f'"{n}" = u.{v}' for n, v in zip(names, values, strict=True))
        run(f"UPDATE {target} SET {assignments} FROM {temp} AS u WHERE {target}.id = u.id")
        run(f"DROP TABLE {temp}")

    def update(self, names: Sequence[str], params: list[tuple[Any, ...]]) -> None:
        """UPDATE by id: each of ``params`` is (new values of ``names`` …, batch id, row id)."""
        if self.sqlite:
            assignments = ", ".join(f'"{name}" = ?' for name in (*names, "batch_id"))
            sql = f'UPDATE "{self.table.name}" SET {assignments} WHERE id = ?'
            changed = [*names, "batch_id"]
            with _indexes_rebuilt(self.connection, self.table, len(params), updated=changed):
                if len(params) < REBUILD_INDEXES_ROWS:
                    self.connection.exec_driver_sql(sql, params)
                else:
                    self._update_from(changed, params)
            return
        if _copies(self.connection, len(params)):
            _copy_update(self.connection, self.table, [*names, "batch_id"], params)
            return
        statement = (
            update(self.table)
            .where(self.table.c.id == bindparam("_id"))
            .values({c: bindparam(f"v_{c}") for c in (*names, "batch_id")})
        )
        binds = [f"v_{c}" for c in (*names, "batch_id")] + ["_id"]
        self.connection.execute(statement, [dict(zip(binds, p, strict=True)) for p in params])


def _existing(
    session: Session,
    driver: DriverValues,
    key_columns: Sequence[str],
    keys: list[tuple[Any, ...]],
    compare: Sequence[str],
    *,
    only_keys: bool = True,
) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Stored rows with these keys: key → (id, batch id, *driver values of ``compare``, *key).

    ``only_keys=False``: may also hold other stored rows (of the keys' platform), for a caller
    that only looks its keys up (leaving them saves a set of 200,000 keys on a re-import).
    """
    table = driver.table
    if not driver.sqlite:
        found = fetch_existing(session, table, key_columns, keys, compare)
        return {
            key: (row["id"], row.get("batch_id"), *(row[c] for c in compare), *key)
            for key, row in found.items()
        }
    batch = '"batch_id"' if "batch_id" in table.c else "NULL"
    wanted = ", ".join(f'"{c}"' for c in (*compare, *key_columns))
    select_sql = f'SELECT "id", {batch}, {wanted} FROM "{table.name}"'
    width = len(key_columns)
    platforms = {k[0] for k in keys} if key_columns[0] == "platform" else set()
    scanned = len(platforms) == 1 and len(keys) > BULK_THRESHOLD
    if scanned:
        # Many keys of one platform: one scan of the platform's rows beats thousands of IN lists.
        rows = driver.fetch(select_sql + ' WHERE "platform" = ?', (next(iter(platforms)),))
    else:
        rows = []
        key_sql = ", ".join(f'"{k}"' for k in key_columns)
        parts = [driver.to_driver(k, [key[i] for key in keys]) for i, k in enumerate(key_columns)]
        stored_keys = list(zip(*parts, strict=True))
        step = max(1, 900 // width)
        for start in range(0, len(stored_keys), step):
            chunk = stored_keys[start : start + step]
            one = "(" + ", ".join("?" * width) + ")"
            sql = f"{select_sql} WHERE ({key_sql}) IN (VALUES {', '.join([one] * len(chunk))})"
            rows += driver.fetch(sql, [value for key in chunk for value in key])
    first = 2 + len(compare)
    if any(driver.decoder(k) is not None for k in key_columns):
        stored_keys = [
            tuple(driver.from_driver(k, v) for k, v in zip(key_columns, row[first:], strict=True))
            for row in rows
        ]
    elif width > 1:
        stored_keys = list(map(itemgetter(*range(first, first + width)), rows))
    else:
        stored_keys = list(map(itemgetter(slice(first, None)), rows))
    found = dict(zip(stored_keys, rows, strict=True))  # the rows end with their key: no copy
    if scanned and only_keys:
        for key in found.keys() - set(keys):  # the platform's rows this file does not carry
            del found[key]
    return found


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows that share their columns, as fast as the driver allows.

    On SQLite the rows go straight to the driver's executemany with values stored the way
    SQLAlchemy stores them (its per-row parameter processing doubles the time of a 200,000-row
    import); other databases take Core's executemany.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        _server_insert(connection, table, {name: [row[name] for row in rows] for name in rows[0]})
        return
    driver = DriverValues(session, table)
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    _sqlite_insert(connection, table, {n: driver.to_driver(n, v) for n, v in columns.items()})


COPY_ROWS = 1000  # from this many rows, PostgreSQL gets them by COPY rather than INSERTs


def _copies(connection: Any, count: int) -> bool:
    """Whether ``count`` rows go to the server by COPY (PostgreSQL through psycopg 3)."""
    return (
        count >= COPY_ROWS
        and connection.dialect.name == "postgresql"
        and connection.dialect.driver == "psycopg"
    )


def _server_insert(connection: Any, table: Table, columns: dict[str, list[Any]]) -> None:
    """INSERT rows given column by column into a server database: COPY when there are many.

    200,000 order lines took 34 s into PostgreSQL as Core's batched INSERTs; COPY streams them
    in one statement. Python-side column defaults are filled here, as Core would.
    """
    count = len(next(iter(columns.values())))
    if not _copies(connection, count):
        names = list(columns)
        rows = [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]
        connection.execute(insert(table), rows)
        return
    filled = dict(columns)
    for column in table.c:
        if column.name not in filled and column.default is not None and column.default.is_scalar:
            filled[column.name] = [column.default.arg] * count
    with _server_indexes_rebuilt(connection, table, count):
        _copy_rows(connection, f'"{table.name}"', list(filled), zip(*filled.values(), strict=True))


def _copy_rows(connection: Any, target: str, names: Sequence[str], rows: Iterable[Any]) -> None:
    """Stream rows into ``target`` with psycopg's COPY, inside the current transaction."""
    quoted = ", ".join(f'"{n}"' for n in names)
    cursor = connection.connection.driver_connection.cursor()
    try:
        with cursor.copy(f"COPY {target} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    finally:
        cursor.close()


def _copy_update(
    connection: Any, table: Table, names: Sequence[str], params: list[tuple[Any, ...]]
) -> None:
    """A big UPDATE on PostgreSQL: COPY the new values into a temporary table, then one
    ``UPDATE … FROM`` it (``params``: new values of ``names`` …, row id)."""
    temp = "shopreel_update_rows"
    run = connection.exec_driver_sql
    types = ", ".join(
        f"v{n} {table.c[name].type.compile(dialect=connection.dialect)}"
        for n, name in enumerate(names)
    )
    run(f"CREATE TEMPORARY TABLE {temp} (id INTEGER PRIMARY KEY, {types}) ON COMMIT DROP")
    values = [f"v{n}" for n in range(len(names))]
    _copy_rows(connection, temp, [*values, "id"], params)
    run(f"ANALYZE {temp}")  # a planner that knows its size joins by hash, not row by row
    target = f'"{table.name}"'
    assignments = ", ".join(f'"{n}" = u.{v}' for n, v in zip(names, values, strict=True))
    with _server_indexes_rebuilt(connection, table, len(params), updated=names):
        run(f"UPDATE {target} SET {assignments} FROM {temp} AS u WHERE {target}.id = u.id")
    run(f"DROP TABLE {temp}")


def _sqlite_insert(connection: Any, table: Table, columns: dict[str, list[Any]]) -> None:
    """INSERT rows given as driver values, column by column, filling Python-side defaults."""
    names = list(columns)
    # Core fills Python-side column defaults; raw SQL must name them itself.
    defaults = {
        c.name: c.default.arg
        for c in table.c
        if c.name not in columns and c.default is not None and c.default.is_scalar
    }
    count = len(next(iter(columns.values())))
    for name, value in defaults.items():
        convert = _sqlite_converter(table.c[name].type)
        columns = {**columns, name: [value if convert is None else convert(value)] * count}
    names = list(columns)
    sql = (
        f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{n}{chr(34)}" for n in names)}) '
        f"VALUES ({', '.join('?' * len(names))})"
    )
    rows = list(zip(*columns.values(), strict=True))
    with _indexes_rebuilt(connection, table, len(rows)):
        connection.exec_driver_sql(sql, rows)


REBUILD_INDEXES_ROWS = 20_000


@contextmanager
def _indexes_rebuilt(
    connection: Any, table: Table, count: int, updated: Sequence[str] | None = None
) -> Iterator[None]:
    """Drop the table's secondary indexes for a big insert and build them again after it.

    Building an index over sorted keys once beats updating seven indexes row by row: 200,000
    order lines into an empty table took 2.6 s with the indexes in place, 1.2 s + 0.5 s this
    way. Done only when the new rows are at least as many as those already stored (rebuilding
    covers them all), inside the import's transaction: a failure or a cancel rolls the DDL back
    with the rows. UNIQUE constraints (the natural keys) are never dropped.

    ``updated``: the columns a big UPDATE sets instead; only the indexes over them are dropped,
    when the updated rows are at least half of those stored (a re-import changing every
    row's status moves every row's batch_id index entry: 0.1 s of its 0.6 s UPDATE).
    """
    if count < REBUILD_INDEXES_ROWS:
        yield
        return
    stored = connection.exec_driver_sql(f'SELECT max(rowid) FROM "{table.name}"').scalar() or 0
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
        " AND sql IS NOT NULL",
        (table.name,),
    ).fetchall()
    if updated is not None:
        indexes = [(name, sql) for name, sql in indexes if _indexed(connection, name) & {*updated}]
        stored //= 2
    if stored > count or not indexes:
        yield
        return
    for name, _ in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, create in indexes:
        connection.exec_driver_sql(create)


@contextmanager
def _server_indexes_rebuilt(
    connection: Any, table: Table, count: int, updated: Sequence[str] | None = None
) -> Iterator[None]:
    """``_indexes_rebuilt`` on PostgreSQL: the secondary indexes dropped for a big write.

    An UPDATE that changes an indexed column writes a new entry into every index of the row
    (no heap-only update), so a big one drops them all, as a big insert does. The DDL is part
    of the import's transaction (rolled back with it); it locks the table until the import
    commits, which only imports as big as the table itself do.
    """
    if count < REBUILD_INDEXES_ROWS:
        yield
        return
    run = connection.exec_driver_sql
    stored = run(f'SELECT count(*) FROM "{table.name}"').scalar() or 0
    indexes = run(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
        "WHERE t.relname = %(table)s AND t.relnamespace = 'public'::regnamespace "
        "AND NOT x.indisunique AND NOT x.indisprimary",
        {"table": table.name},
    ).fetchall()
    if updated is not None:
        indexed = {c.name for c in table.c if c.index} | {
            c.name for index in table.indexes for c in index.columns
        }
        if not indexed & {*updated}:
            indexes = []  # heap-only updates: the indexes are not written
        stored //= 2
    if stored > count or not indexes:
        yield
        return
    for name, _ in indexes:
        run(f'DROP INDEX "{name}"')
    yield
    for _, create in indexes:
        run(create)


def _indexed(connection: Any, index: str) -> set[str]:
    """The columns an index covers."""
    rows = connection.exec_driver_sql(f'PRAGMA index_info("{index}")').fetchall()
    return {row[2] for row in rows}


def insert_returning_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and give their new ids, in order.

    SQLite numbers new rows max(id)+1, +2 … within one write transaction (nothing else can
    write meanwhile), which is checked; other databases use INSERT … RETURNING.
    """
    connection = session.connection()
    if _copies(connection, len(rows)):
        # Many rows: take their ids from the sequence, then COPY them with those ids (RETURNING
        # over batched INSERTs spent seconds building the statements of 60,000 customers).
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
        ).scalar_one()
        ids = list(
            connection.execute(
                text("SELECT nextval(:sequence) FROM generate_series(1, :count)"),
                {"sequence": sequence, "count": len(rows)},
            ).scalars()
        )
        columns = {name: [row[name] for row in rows] for name in rows[0]}
        _server_insert(connection, table, {"id": ids, **columns})
        return ids
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


def _same(stored: Any, new: Any) -> bool:
    if isinstance(stored, float) or isinstance(new, float):
        return stored is not None and new is not None and abs(stored - new) < 1e-9
    if isinstance(new, datetime) and isinstance(stored, str):
        return datetime.fromisoformat(stored) == new
    return stored == new
