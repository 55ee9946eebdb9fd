"""What the Imports tab shows when it opens: a few key figures and one table, read in one go;
and the small questions the window asks at start-up (is the store empty? the shop's name).

The SQL is portable (SQLite and PostgreSQL) and uses ``:named`` parameters, so it runs both on
the start-up path's stdlib ``sqlite3`` connection and through SQLAlchemy for a server store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.db import Reader
from app.services.tables import Table, as_datetime


@dataclass(frozen=True)
class Kpi:
    """One key figure: an id the view translates, and its value (int, float rate, Money …)."""

    key: str
    value: Any


@dataclass(frozen=True)
class TabData:
    """What a tab shows: key figures above one table."""

    kpis: tuple[Kpi, ...]
    table: Table


def store_is_empty(reader: Reader) -> bool:
    """True when the store holds no shop data at all (a new user's first start)."""
    tables = ("videos", "order_lines", "customers", "plan_items", "import_batches", "campaigns")
    sql = "SELECT " + " + ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)
    return reader.query(sql)[1][0][0] == 0


def load_tab(reader: Reader, tab: str, today: date) -> TabData:
    """The figures and table of one tab."""
    return LOADERS[tab](reader, today)


def _table(reader: Reader, sql: str, params: dict[str, Any] | None = None) -> Table:
    columns, rows = reader.query(sql, params)
    return Table(tuple(columns), rows)


def _with_dates(row: tuple[Any, ...], positions: Iterable[int]) -> tuple[Any, ...]:
    values = list(row)
    for i in positions:
        values[i] = as_datetime(values[i])
    return tuple(values)


# --- Imports ------------------------------------------------------------------------------------

IMPORTS_SQL = """
SELECT b.id, b.imported_at, b.file_name, b.platform, b.kind, b.snapshot_at, b.rows_total,
       b.inserted, b.updated, b.unchanged, b.skipped, b.status
FROM import_batches b
ORDER BY b.imported_at DESC, b.id DESC
"""


def load_imports(reader: Reader, today: date) -> TabData:
    """Every imported file and what it did, newest first."""
    raw = _table(reader, IMPORTS_SQL)
    table = Table(raw.columns, [_with_dates(r, (1, 5)) for r in raw.rows])
    imported = [r for r in table.rows if r[11] == "imported"]
    kpis = (
        Kpi("files", len(imported)),
        Kpi("rows", sum(r[6] or 0 for r in imported)),
        Kpi("platforms", len({r[3] for r in imported})),
        Kpi("last_import", max((r[1] for r in imported), default=None)),
    )
    return TabData(kpis, table)


LOADERS: dict[str, Callable[[Reader, date], TabData]] = {
    "imports": load_imports,
}


def today_or(value: date | None) -> date:
    """The day the figures are computed for (tests and the CLI may fix it)."""
    return value or date.today()


def shop_name(reader: Reader) -> str:
    """The shop's name from its profile ('' for a new store)."""
    rows = reader.query("SELECT name FROM shops ORDER BY id LIMIT 1")[1]
    return str(rows[0][0]) if rows else ""
