"""Edits by hand in a shared store: row versions, who-changed stamps and the change log.

Plan items, customers, tier rules and campaigns carry ``version``, ``changed_by`` and
``changed_at``. An edit names the version the user loaded; :func:`update_versioned` writes it only
when the row still has that version (``UPDATE … WHERE id = :id AND version = :expected``) and
bumps it, so two people editing the same row get "changed by someone else" instead of a silent
overwrite. Every hand edit (of those and of pillars, personas and templates) appends a
``change_log`` row in the same transaction: who (``store.user_name``), when, what (the action and
``{column: [before, after]}``) and ``summary``: the row's own name (a title, a customer's name),
which the views put into a sentence in the UI language.

Imports and automatic recomputes write in batches: they neither bump versions nor log.
SQLAlchemy is imported inside the functions: the plan service is on the start-up path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.db import Reader, StoreError
from app.services.tables import as_datetime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# What the change history can be filtered by, and the tables behind each kind.
KIND_TABLES = {
    "plans": ("plan_items", "content_pillars", "personas", "templates"),
    "customers": ("customers",),
    "rules": ("tier_rules",),
    "campaigns": ("campaigns",),
}
VERSIONED_TABLES = ("plan_items", "customers", "tier_rules", "campaigns")
MAX_SUMMARY = 200


class ConcurrentEditError(StoreError):
    """Someone else changed the row since it was loaded; nothing was written.

    Attributes:
        table: the table of the row (``plan_items`` …).
        row_id: the row's id.
        changed_by: who changed it (the name they set in Settings; may be empty).
        changed_at: when, or None when not known.
        version: the row's version now (0 when it is gone).
    """

    def __init__(
        self,
        table: str,
        row_id: int,
        changed_by: str,
        changed_at: datetime | None,
        version: int = 0,
    ) -> None:
        who = changed_by or "someone else"
        when = f" at {changed_at:%Y-%m-%d %H:%M}" if changed_at else ""
        super().__init__(
            f"Changed by {who}{when} while you were editing. Your changes were not saved."
        )
        self.table = table
        self.row_id = row_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version


class DeletedMeanwhileError(ConcurrentEditError):
    """The row was deleted since it was loaded (by ``changed_by`` at ``changed_at``, if logged)."""

    def __init__(
        self, table: str, row_id: int, changed_by: str, changed_at: datetime | None
    ) -> None:
        super().__init__(table, row_id, changed_by, changed_at, 0)
        who = changed_by or "someone else"
        when = f" at {changed_at:%Y-%m-%d %H:%M}" if changed_at else ""
        self.args = (f"Deleted by {who}{when} while you were editing. Nothing was saved.",)


def now() -> datetime:
    """The time stamped on an edit: local clock time to the second, as the store keeps times."""
    return datetime.now().replace(microsecond=0)


def _table(name: str) -> Any:
    from app.models import Base

    return Base.metadata.tables[name]


def update_versioned(
    session: Session,
    table_name: str,
    row_id: int,
    expected: int | None,
    values: Mapping[str, Any],
    user: str,
    *,
    at: datetime | None = None,
) -> dict[str, list[Any]]:
    """Write ``values`` to one versioned row, bump its version and stamp who and when.

    ``expected``: the version the user loaded; None skips the check (a script that read the row
    in the same transaction). Returns ``{column: [before, after]}`` of the columns that changed;
    when none did, nothing is written (no new version: nobody else is put in the wrong).

    Raises:
        ConcurrentEditError: the row has another version now (names who changed it, and when).
        DeletedMeanwhileError: the row is gone.
    """
    from sqlalchemy import select, update

    table = _table(table_name)
    columns = [table.c[name] for name in values]
    found = session.execute(
        select(table.c.version, table.c.changed_by, table.c.changed_at, *columns)
        .where(table.c.id == row_id)
        .with_for_update()
    ).first()
    if found is None:
        raise deleted_error(session, table_name, row_id)
    if expected is not None and found[0] != expected:
        raise ConcurrentEditError(
            table_name, row_id, found[1] or "", as_datetime(found[2]), found[0]
        )
    changes = changed_fields(dict(zip(values, found[3:], strict=True)), values)
    if not changes:
        return {}
    guard = table.c.id == row_id
    if expected is not None:
        guard = guard & (table.c.version == expected)
    stamped = {
        **values,
        "version": table.c.version + 1,
        "changed_by": user,
        "changed_at": at or now(),
    }
    done = session.execute(update(table).where(guard).values(stamped)).rowcount
    if done != 1:
        raise conflict_error(session, table_name, row_id)
    _expire_loaded(session, table_name, row_id)
    return changes


def _expire_loaded(session: Session, table_name: str, row_id: int) -> None:
    """Forget an ORM copy of the row the session holds: the UPDATE went around it."""
    for obj in list(session.identity_map.values()):
        table = getattr(obj, "__table__", None)
        if table is not None and table.name == table_name and getattr(obj, "id", None) == row_id:
            session.expire(obj)


def read_version(session: Session, table_name: str, row_id: int) -> int:
    """A versioned row's version as this transaction sees it (after its own edit)."""
    from sqlalchemy import select

    table = _table(table_name)
    return int(session.scalar(select(table.c.version).where(table.c.id == row_id)) or 0)


def row_label(session: Session, table_name: str, row_id: int, column: str) -> str:
    """One text column of a row (its title or name, for a change log summary); "" when gone."""
    from sqlalchemy import select

    table = _table(table_name)
    value = session.scalar(select(table.c[column]).where(table.c.id == row_id))
    return "" if value is None else str(value)


def check_version(session: Session, table_name: str, row_id: int, expected: int | None) -> None:
    """Refuse (as :func:`update_versioned` does) unless the row is still at ``expected`` (a
    delete's check; None: the row only has to exist)."""
    update_versioned(session, table_name, row_id, expected, {}, "")


def conflict_error(session: Session, table_name: str, row_id: int) -> ConcurrentEditError:
    """The error for a row whose version moved on: read who changed it (or who deleted it)."""
    from sqlalchemy import select

    table = _table(table_name)
    row = session.execute(
        select(table.c.changed_by, table.c.changed_at, table.c.version).where(table.c.id == row_id)
    ).first()
    if row is None:
        return deleted_error(session, table_name, row_id)
    return ConcurrentEditError(table_name, row_id, row[0] or "", as_datetime(row[1]), row[2])


def deleted_error(session: Session, table_name: str, row_id: int) -> DeletedMeanwhileError:
    """The error for a row that is gone, naming who deleted it when the change log says."""
    from sqlalchemy import select

    from app.models import ChangeLog

    entry = session.execute(
        select(ChangeLog.user_name, ChangeLog.at)
        .where(
            ChangeLog.table_name == table_name,
            ChangeLog.row_id == row_id,
            ChangeLog.action == "delete",
        )
        .order_by(ChangeLog.id.desc())
        .limit(1)
    ).first()
    if entry is None:
        return DeletedMeanwhileError(table_name, row_id, "", None)
    return DeletedMeanwhileError(table_name, row_id, entry[0] or "", as_datetime(entry[1]))


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{column: [before, after]}`` for the columns whose value differs (JSON-ready values)."""
    return {
        name: [_plain(before.get(name)), _plain(value)]
        for name, value in after.items()
        if _plain(before.get(name)) != _plain(value)
    }


def _plain(value: Any) -> Any:
    """A value as JSON keeps it: times as ISO text, booleans as they are, numbers as numbers."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool | int | float):
        return value
    if hasattr(value, "__int__") and int(value) == value:  # a Decimal from the server
        return int(value)
    return str(value)


def row_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """A created or deleted row's values, JSON-ready (what the change log keeps for them)."""
    return {name: _plain(value) for name, value in values.items()}


def log_change(  # noqa: PLR0913
    session: Session,
    user: str,
    table_name: str,
    row_id: int | None,
    action: str,
    summary: str,
    fields: Mapping[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> None:
    """Append one change_log row in the session's transaction (the edit and its record commit
    together). ``action``: create, update, delete, move, status, merge, split, undo, mark …"""
    from app.models import ChangeLog

    session.add(
        ChangeLog(
            at=at or now(),
            user_name=user,
            table_name=table_name,
            row_id=row_id,
            action=action,
            summary=summary[:MAX_SUMMARY],
            fields=json.dumps(dict(fields or {}), ensure_ascii=False, sort_keys=True),
        )
    )


# --- Reading the change log ------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    """One logged change, as the history view lists it."""

    id: int
    at: datetime | None
    user_name: str
    table_name: str
    row_id: int | None
    action: str
    summary: str
    fields: dict[str, Any]

    @property
    def kind(self) -> str:
        """plans, customers, rules or campaigns (see :data:`KIND_TABLES`)."""
        return next((k for k, tables in KIND_TABLES.items() if self.table_name in tables), "")


@dataclass(frozen=True)
class Stamp:
    """A versioned row's version and who changed it last, and when (empty: nobody by hand)."""

    version: int = 1
    changed_by: str = ""
    changed_at: datetime | None = None


CHANGES_SQL = """
SELECT id, at, user_name, table_name, row_id, action, summary, fields FROM change_log
"""


def list_changes(
    reader: Reader,
    *,
    kind: str | None = None,
    user: str | None = None,
    table_name: str | None = None,
    row_id: int | None = None,
    limit: int = 2000,
) -> list[ChangeRow]:
    """Logged changes, newest first; filtered by kind (plans …), person and/or one row."""
    where, params = [], {"limit": int(limit)}
    if kind:
        tables = KIND_TABLES.get(kind, ())
        names = [f":t{i}" for i in range(len(tables))] or ["''"]
        where.append(f"table_name IN ({', '.join(names)})")
        params.update({f"t{i}": t for i, t in enumerate(tables)})
    if user is not None:
        where.append("user_name = :user")
        params["user"] = user
    if table_name is not None:
        where.append("table_name = :table")
        params["table"] = table_name
    if row_id is not None:
        where.append("row_id = :row")
        params["row"] = int(row_id)
    sql = CHANGES_SQL + (f" WHERE {' AND '.join(where)}" if where else "")
    sql += " ORDER BY at DESC, id DESC LIMIT :limit"
    return [_change(r) for r in reader.query(sql, params)[1]]


def _change(row: tuple[Any, ...]) -> ChangeRow:
    change_id, at, user, table, row_id, action, summary, fields = row
    try:
        parsed = json.loads(fields or "{}")
    except ValueError:
        parsed = {}
    return ChangeRow(
        int(change_id),
        as_datetime(at),
        user or "",
        table,
        row_id,
        action,
        summary or "",
        parsed if isinstance(parsed, dict) else {},
    )


def change_users(reader: Reader) -> list[str]:
    """Everyone who has changed something, by name."""
    rows = reader.query("SELECT DISTINCT user_name FROM change_log ORDER BY user_name")[1]
    return [r[0] for r in rows if r[0]]


def read_stamp(reader: Reader, table_name: str, row_id: int) -> Stamp | None:
    """A versioned row's :class:`Stamp`, or None when the row is gone."""
    if table_name not in VERSIONED_TABLES:
        raise ValueError(f"{table_name} has no row versions.")
    rows = reader.query(
        f"SELECT version, changed_by, changed_at FROM {table_name} WHERE id = :id",
        {"id": int(row_id)},
    )[1]
    if not rows:
        return None
    version, by, at = rows[0]
    return Stamp(int(version or 1), by or "", as_datetime(at))
