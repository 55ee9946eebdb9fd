"""The only place that makes database engines, sessions and connections.

SQLite (the default, one file per shop) gets WAL, ``synchronous=FULL``, foreign keys and a busy
timeout on every connection, and transactions that really begin with ``BEGIN`` (the pysqlite
recipe), so DDL in migrations rolls back too. Any other SQLAlchemy URL (PostgreSQL for teams)
gets the engine's defaults. SQLAlchemy is imported lazily: the start-up path reads the store with
the standard library's ``sqlite3`` (see :class:`SqliteReader`) and shows the window first.

A store may be encrypted at rest with SQLCipher (the optional ``sqlcipher3`` module). Whether a
file is encrypted is read from its first page (a plaintext SQLite file starts with ``SQLite
format 3``; an encrypted one is random bytes); its key lives in the OS keyring under the store's
absolute path. Every connection to a store file (engine, reader, checks, backups) comes from
:func:`connect`, so ``sqlcipher3`` and ``keyring`` are imported only for an encrypted file.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
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


SQLITE_HEADER = b"SQLite format 3\x00"
KEYRING_SERVICE = "ShopReel store key"
ENCRYPTION_MODULE = "sqlcipher3"
ENCRYPTED_SAMPLE = 4096
# Entropy of random data of that many bytes stays above these (the sample falls short of 8 bits).
RANDOM_BITS_PER_BYTE = {512: 7.3, 1024: 7.6}


class StoreError(Exception):
    """A problem with the store that the user can act on (shown as a message, not a crash)."""


class MissingKeyError(StoreError):
    """An encrypted store whose key is not in this computer's keyring; nothing was read.

    Attributes:
        path: the encrypted file.
    """

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


class KeyRejectedError(StoreError):
    """The key kept for an encrypted store does not open it (or its first page is damaged)."""


class EncryptionUnavailableError(StoreError):
    """An encrypted store, but this installation has no SQLCipher module to open it."""


def encryption_available() -> bool:
    """True when SQLCipher and the keyring can be used (the optional ``encryption`` extra)."""
    from importlib.util import find_spec

    return find_spec(ENCRYPTION_MODULE) is not None and find_spec("keyring") is not None


def is_encrypted(path: Path) -> bool:
    """True when ``path`` looks like a SQLCipher file: no SQLite header, and random bytes.

    An encrypted file is whole pages (a multiple of 512 bytes) that look random from the first
    byte on (SQLCipher starts with a random salt). A missing or empty file is plaintext (new
    stores are made plain; encrypting is a separate, verified conversion), and so is anything
    else without the header: a damaged store, or a file that is no database at all, which the
    integrity checks then report as such.
    """
    try:
        size = path.stat().st_size
        if size == 0 or size % 512:
            return False
        with open(path, "rb") as handle:
            first_page = handle.read(ENCRYPTED_SAMPLE)
    except FileNotFoundError:
        return False
    return not first_page.startswith(SQLITE_HEADER) and _looks_random(first_page)


def _looks_random(data: bytes) -> bool:
    """Shannon entropy above 7.5 bits a byte (random 512+ bytes give about 7.6 to 7.95)."""
    import math
    from collections import Counter

    counts = Counter(data).values()
    entropy = -sum(c / len(data) * math.log2(c / len(data)) for c in counts)
    return entropy > RANDOM_BITS_PER_BYTE.get(len(data), 7.5)


def _keyring_name(path: Path) -> str:
    return str(path.resolve())


class KeyringUnavailableError(StoreError):
    """This computer has no usable keyring (no Credential Manager, Keychain or Secret Service)."""


def keyring_usable() -> bool:
    """True when the OS keyring has a real backend (not keyring's "fail" placeholder)."""
    import keyring

    return keyring.get_keyring().priority > 0


# Keys of this process's temporary copies of an encrypted store (an import preview's scratch
# copy, say): encrypted like the store, and never written to the keyring.
_COPY_KEYS: dict[str, str] = {}


def store_key(path: Path) -> str | None:
    """The key of the store at ``path`` from the OS keyring (64 hex digits), or None."""
    if (copy_key := _COPY_KEYS.get(_keyring_name(path))) is not None:
        return copy_key
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_name(path))
    except KeyringError as exc:
        raise KeyringUnavailableError(_no_keyring(exc)) from exc


def save_store_key(path: Path, key: str) -> None:
    """Keep ``key`` in the OS keyring as the key of the store at ``path``."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_name(path), key)
    except KeyringError as exc:
        raise KeyringUnavailableError(_no_keyring(exc)) from exc


def _no_keyring(exc: Exception) -> str:
    return (
        f"This computer's keyring cannot be used ({exc}). Encrypted stores keep their key "
        "there; nothing was changed."
    )


def new_key() -> str:
    """A fresh random 256-bit key as 64 hex digits (a raw key: no slow passphrase derivation)."""
    import secrets

    return secrets.token_hex(32)


def connect(
    path: Path,
    *,
    readonly: bool = False,
    key: str | None = None,
    key_of: Path | None = None,
    **kwargs: Any,
) -> Any:
    """A DB-API connection to the SQLite file ``path``, decrypted when it is encrypted.

    A plaintext file gets a stdlib ``sqlite3`` connection. An encrypted one (or any file when
    ``key`` is given: a new encrypted file) gets a ``sqlcipher3`` connection with its key
    applied; without ``key`` it is looked up in the keyring under ``key_of`` (a backup is
    encrypted with its store's key) or ``path``. ``kwargs`` go to ``connect``.

    Raises:
        MissingKeyError: the file is encrypted and no key for it is known.
        EncryptionUnavailableError: the file is encrypted and ``sqlcipher3`` is not installed.
    """
    target: Any = f"{path.as_uri()}?mode=ro" if readonly else path
    if readonly:
        kwargs["uri"] = True
    if key is None and not is_encrypted(path):
        return sqlite3.connect(target, **kwargs)
    if not encryption_available():
        raise EncryptionUnavailableError(
            f"{path} is encrypted, and this installation of ShopReel cannot open encrypted "
            "stores. Install it with encryption support (pip install 'shopreel[encryption]')."
        )
    key = key or store_key(key_of or path)
    if key is None:
        raise MissingKeyError(
            path,
            f"{path} is encrypted and its key is not in this computer's keyring (or it is "
            "damaged beyond recognition). If you encrypted it, import the key file you saved "
            "then (Settings, or shopreel key-import FILE). Nothing was read or changed.",
        )
    import sqlcipher3

    conn = sqlcipher3.connect(target, **kwargs)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error, not stderr noise
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    if is_encrypted(path):
        _check_key(conn, path)
    return conn


def _check_key(conn: Any, path: Path) -> None:
    """Read the first page: SQLCipher checks its HMAC there, so a wrong key fails now."""
    import sqlcipher3

    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise KeyRejectedError(
            f"{path} is encrypted and the key kept for it does not open it ({exc}): the key is "
            "wrong, or the file is damaged. Nothing was changed."
        ) from exc


def database_errors() -> tuple[type[Exception], ...]:
    """The DatabaseError classes of the drivers in use (sqlcipher3's is not sqlite3's)."""
    cipher = sys.modules.get(ENCRYPTION_MODULE)
    return (sqlite3.DatabaseError, cipher.DatabaseError) if cipher else (sqlite3.DatabaseError,)


def operational_errors() -> tuple[type[Exception], ...]:
    """The OperationalError classes of the drivers in use."""
    cipher = sys.modules.get(ENCRYPTION_MODULE)
    if cipher is None:
        return (sqlite3.OperationalError,)
    return (sqlite3.OperationalError, cipher.OperationalError)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get the pragmas and transactional DDL."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool, StaticPool

    path = sqlite_path_of(url)
    if not url.startswith("sqlite"):
        return create_engine(url, hide_parameters=True, pool_pre_ping=True)
    if path is not None and is_encrypted(path):
        import sqlcipher3

        connect(path).close()  # a missing key is a clear StoreError here, not a pool error
        engine = create_engine(
            url,
            module=sqlcipher3,
            creator=lambda: connect(path, check_same_thread=False),
            poolclass=NullPool,
            hide_parameters=True,
        )
    elif path is not None:
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


def default_user_name() -> str:
    """The computer's login name: who made a change, until a name is set in Settings."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account, a bare container)
        return ""


class Store:
    """One shop's database: its URL, a lazily made engine and the session factory.

    Attributes:
        url: the SQLAlchemy URL of the store.
        user_name: who is working with it (recorded with hand edits and imports).
    """

    def __init__(self, url: str, *, user_name: str | None = None) -> None:
        self.url = url
        # Who is working: stamped on hand edits and the import lock (the name set in Settings).
        self.user_name = user_name or default_user_name()
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
        self._conn = connect(path, readonly=True, check_same_thread=False)
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


SERVER_DATA_VERSION = (
    "SELECT (SELECT count(*) FROM import_batches), (SELECT coalesce(max(id), 0) FROM "
    "import_batches), (SELECT count(undone_at) FROM import_batches), "
    "(SELECT coalesce(max(id), 0) FROM change_log)"
)


class EngineReader:
    """The same queries through SQLAlchemy, for server databases."""

    def __init__(self, engine: Engine) -> None:
        self._conn = engine.connect()

    def query(self, sql: str, params: dict[str, Any] | None = None) -> Rows:
        """Return the column names and the rows."""
        from sqlalchemy import text

        result = self._conn.execute(text(sql), params or {})
        return list(result.keys()), _plain_rows(result.fetchall())

    def close(self) -> None:
        """Release the connection."""
        self._conn.close()

    def data_version(self) -> int | None:
        """A fingerprint of the imports, undos and hand edits teammates have committed.

        A server has no ``PRAGMA data_version``; every change a window shows comes with an
        import batch (made or undone) or a change-log entry, so their ids and counts do. None
        when it cannot be read (a server store not set up yet).
        """
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        try:
            row = self._conn.execute(text(SERVER_DATA_VERSION)).one()
            self._conn.commit()  # no transaction left open between two looks
        except DBAPIError:
            self._conn.rollback()
            return None
        return hash(tuple(row))


def _plain_rows(rows: Sequence[Any]) -> list[tuple[Any, ...]]:
    """``_plain`` applied only to the columns that need it (a column's values share a type):
    converting every value of a 200,000-row read one by one took seconds."""
    if not rows:
        return []
    columns = list(zip(*rows, strict=True))
    for n, values in enumerate(columns):
        sample = next((v for v in values if v is not None), None)
        if isinstance(sample, Decimal | bool | datetime | date):
            columns[n] = tuple(None if v is None else _plain(v) for v in values)
    return list(zip(*columns, strict=True))


def _plain(value: Any) -> Any:
    """The value SQLite would give: the queries behind the Reader are written once for both.

    PostgreSQL sums integers as NUMERIC (back to int, or float), has real booleans (SQLite's 0/1)
    and real timestamps (SQLite keeps SQLAlchemy's text, ``2026-10-02 10:05:00.000000``).
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def quick_check(path: Path, *, key_of: Path | None = None) -> list[str]:
    """SQLite's ``quick_check``: an empty list when the file is sound, else its complaints."""
    return _check(path, "PRAGMA quick_check", key_of)


def sqlite_revision(path: Path, *, key_of: Path | None = None) -> str | None:
    """The schema revision of a SQLite store, read without SQLAlchemy; None for a new file."""
    if not path.exists():
        return None
    conn = connect(path, readonly=True, key_of=key_of)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except operational_errors():
        return None
    finally:
        conn.close()
    return row[0] if row else None


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite store via the online backup API (never a file copy).

    The copy of an encrypted store is encrypted with the same key, known to this process only.
    """
    key = store_key(source) if is_encrypted(source) else None
    src = connect(source, readonly=True)
    dst = connect(target, key=key)
    if key is not None:
        _COPY_KEYS[_keyring_name(target)] = key
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def integrity_check(path: Path, *, key_of: Path | None = None) -> list[str]:
    """SQLite's full ``integrity_check``: an empty list when the file is sound, else complaints.

    ``key_of``: the store whose key an encrypted file (a backup of it) uses.
    """
    return _check(path, "PRAGMA integrity_check", key_of)


def foreign_key_check(path: Path) -> list[str]:
    """Rows whose foreign key points at nothing, one line each (empty when all are sound)."""
    conn = connect(path, readonly=True)
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except database_errors() as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [f"{table} row {rowid} points at a missing {parent}" for table, rowid, parent, _ in rows]


# An encrypted store's pages are decrypted again whenever SQLite's own cache evicts them (the OS
# cache holds ciphertext): measured on a 425 MB store, integrity_check took 37.6 s with the
# default and a 64 MB cache, 9.3 s with 128 MB and 8.3 s with 256 MB. Half the file, capped.
CHECK_CACHE_CAP_KIB = 256 * 1024


def check_cache_kib(path: Path) -> int:
    """The page cache (KiB) a full check of an encrypted ``path`` gets: half its size, capped."""
    size = path.stat().st_size if path.exists() else 0
    return max(2048, min(size // 2048, CHECK_CACHE_CAP_KIB))


def _check(path: Path, pragma: str, key_of: Path | None = None) -> list[str]:
    conn = connect(path, readonly=True, key_of=key_of)
    try:
        if not isinstance(conn, sqlite3.Connection):  # sqlcipher3: see CHECK_CACHE_CAP_KIB
            conn.execute(f"PRAGMA cache_size = -{check_cache_kib(path)}")
        rows: Sequence[tuple[str]] = conn.execute(pragma).fetchall()
    except database_errors() as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if [r[0] for r in rows] == ["ok"] else [r[0] for r in rows]
