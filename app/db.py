"""The only place that makes database engines, sessions and connections.

SQLite (the default, one file per shop) gets WAL, ``synchronous=FULL``, foreign keys and a busy
timeout on every connection, and transactions that really begin with ``BEGIN`` (the pysqlite
recipe), so DDL in migrations rolls back too. Any other SQLAlchemy URL (PostgreSQL for teams)
gets the engine's defaults. SQLAlchemy is imported lazily: the start-up path reads the store with
the standard library's ``sqlite3`` (see :class:`SqliteReader`) and shows the window first.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.config import ensure_private_dir, sqlite_path_of

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    # A store's schema is data from a file: it must not run app-defined SQL functions.
    "PRAGMA trusted_schema=OFF",
    # 64 MB of page cache: inserting 200,000 order lines updates eight indexes.
    "PRAGMA cache_size=-65536",
)

Rows = tuple[list[str], list[tuple[Any, ...]]]


class StoreError(Exception):
    """A problem with the store that the user can act on (shown as a message, not a crash)."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get the pragmas and transactional DDL."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool, StaticPool

    path = sqlite_path_of(url)
    if not url.startswith("sqlite"):
        return create_engine(url, hide_parameters=True, pool_pre_ping=True)
    if path is not None:
        create_private_store(path)
        # A file database opens fast; NullPool keeps no connection alive across threads.
        engine = create_engine(url, poolclass=NullPool, hide_parameters=True)
    else:
        # In-memory: one shared connection, or every session would see an empty database.
        engine = create_engine(
            url,
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
            hide_parameters=True,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # pysqlite would otherwise defer BEGIN and commit DDL on its own.
        dbapi_connection.isolation_level = None
        for pragma in SQLITE_PRAGMAS:
            dbapi_connection.execute(pragma)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def create_private_store(path: Path) -> None:
    """Make an empty store file only its owner can read (0600 on POSIX), unless it exists.

    SQLite gives its -wal and -shm files the main file's permissions, so they follow. A folder
    made here for the store is private too (0700); an existing folder is left as it is.
    """
    if not path.parent.exists():
        ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class Store:
    """One shop's database: its URL, a lazily made engine and the session factory.

    Attributes:
        url: the SQLAlchemy URL of the store.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path_of(self.url)

    @property
    def engine(self) -> Engine:
        """The engine, made on first use."""
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error, always close."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def reader(self) -> Reader:
        """A read-only way to run the summary queries: stdlib sqlite3 where possible."""
        path = self.sqlite_path
        if path is not None:
            return SqliteReader(path)
        return EngineReader(self.engine)

    def dispose(self) -> None:
        """Close pooled connections (before a file is moved, or at exit)."""
        if self._engine is not None:
            self._engine.dispose()


class Reader(Protocol):
    """Runs one read-only SQL statement with ``:named`` parameters."""

    def query(self, sql: str, params: dict[str, Any] | None = None) -> Rows:
        """Return the column names and the rows."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...

    def data_version(self) -> int | None:
        """A number that changes when another connection commits (None: not known)."""
        ...


class SqliteReader:
    """Read-only stdlib connection: no SQLAlchemy import on the start-up path."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise StoreError(f"The store {path} does not exist.")
        self._conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    def query(self, sql: str, params: dict[str, Any] | None = None) -> Rows:
        """Return the column names and the rows."""
        cursor = self._conn.execute(sql, params or {})
        columns = [d[0] for d in cursor.description or ()]
        return columns, cursor.fetchall()

    def close(self) -> None:
        """Release the connection."""
        self._conn.close()

    def data_version(self) -> int | None:
        """SQLite's ``data_version``: changes when another connection (or process) commits."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])


class EngineReader:
    """The same queries through SQLAlchemy, for server databases."""

    def __init__(self, engine: Engine) -> None:
        self._conn = engine.connect()

    def query(self, sql: str, params: dict[str, Any] | None = None) -> Rows:
        """Return the column names and the rows."""
        from sqlalchemy import text

        result = self._conn.execute(text(sql), params or {})
        return list(result.keys()), [tuple(_plain(v) for v in r) for r in result]

    def close(self) -> None:
        """Release the connection."""
        self._conn.close()

    def data_version(self) -> int | None:
        """Not known for a server database (the user refreshes)."""
        return None


def _plain(value: Any) -> Any:
    """PostgreSQL sums integers as NUMERIC: give back the int (or float) SQLite would."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def quick_check(path: Path) -> list[str]:
    """SQLite's ``quick_check``: an empty list when the file is sound, else its complaints."""
    return _check(path, "PRAGMA quick_check")


def sqlite_revision(path: Path) -> str | None:
    """The schema revision of a SQLite store, read with stdlib sqlite3; None for a new file."""
    if not path.exists():
        return None
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite store via the online backup API (never a file copy)."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def integrity_check(path: Path) -> list[str]:
    """SQLite's full ``integrity_check``: an empty list when the file is sound, else complaints."""
    return _check(path, "PRAGMA integrity_check")


def foreign_key_check(path: Path) -> list[str]:
    """Rows whose foreign key points at nothing, one line each (empty when all are sound)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [f"{table} row {rowid} points at a missing {parent}" for table, rowid, parent, _ in rows]


def _check(path: Path, pragma: str) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows: Sequence[tuple[str]] = conn.execute(pragma).fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if [r[0] for r in rows] == ["ok"] else [r[0] for r in rows]
