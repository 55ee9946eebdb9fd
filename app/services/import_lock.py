"""The import lock of a team store: two imports at once are serialised, the second is told who.

On PostgreSQL the lock is a session-level advisory lock, taken with ``pg_try_advisory_lock`` on a
connection of its own that is held for the whole import, so it is released by the server even
when the app holding it crashes or loses the network. Beside it, a committed ``store_locks`` row
says who holds it (name, computer, since when) for the next person to read; a row whose advisory
lock is free was left by a crash and is simply overwritten.

On SQLite there is no import lock. A SQLite store is one file on one computer, opened by one
ShopReel window at a time (the single-instance guard), and SQLite itself serialises writers: each
file of an import is one write transaction, so a ``shopreel import`` run beside the window takes
turns with it file by file and nothing is lost. A row-based lock would only add a way for a
crashed import to block the next one.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.db import Store, StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# Advisory lock keys are one 64-bit number per database: "SR" + "IMP" keeps clear of other users.
log = logging.getLogger(__name__)

IMPORT_LOCK_KEY = 0x5352_494D_5001
IMPORT_LOCK_NAME = "import"


@dataclass(frozen=True)
class LockHolder:
    """Who holds a store lock (from its ``store_locks`` row); empty fields when not known."""

    name: str
    host: str
    since: datetime | None


class ImportLockedError(StoreError):
    """Someone else is importing into this store; nothing was imported.

    Attributes:
        holder: who is importing, from where and since when.
    """

    def __init__(self, holder: LockHolder) -> None:
        self.holder = holder
        super().__init__(describe_holder(holder))


def describe_holder(holder: LockHolder) -> str:
    """The English message for a locked import (the window translates its own)."""
    who = holder.name or "Someone"
    if holder.host:
        who = f"{who} ({holder.host})"
    since = f" since {holder.since:%H:%M}" if holder.since is not None else ""
    return f"{who} has been importing{since}; try again when it finishes. Nothing was imported."


def uses_import_lock(store: Store) -> bool:
    """True for a server store (PostgreSQL): its imports take the advisory lock."""
    return store.engine.dialect.name == "postgresql"


@contextmanager
def import_lock(store: Store) -> Iterator[None]:
    """Hold the store's import lock while the block runs (a no-op on SQLite; see the module).

    Raises:
        ImportLockedError: another app holds the lock; nothing in the block ran.
    """
    if not uses_import_lock(store):
        yield
        return
    connection = store.engine.connect()
    try:
        if not _try_lock(connection):
            raise ImportLockedError(read_holder(connection))
        try:
            _write_holder(connection, store.user_name)
            yield
        finally:
            _release(connection)
    finally:
        connection.close()


def _try_lock(connection: Connection) -> bool:
    from sqlalchemy import text

    got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": IMPORT_LOCK_KEY})
    locked = bool(got.scalar())
    connection.commit()  # a session-level lock outlives the transaction that took it
    return locked


def read_holder(connection: Connection) -> LockHolder:
    """Who the ``store_locks`` row says holds the import lock (empty when there is no row)."""
    from sqlalchemy import select

    from app.models import StoreLock

    row = connection.execute(
        select(StoreLock.holder, StoreLock.host, StoreLock.since).where(
            StoreLock.name == IMPORT_LOCK_NAME
        )
    ).first()
    connection.rollback()
    if row is None:
        return LockHolder("", "", None)
    return LockHolder(row.holder, row.host, row.since)


def _write_holder(connection: Connection, user_name: str) -> None:
    """Replace the lock's row (a stale one, left by a crash, included) and commit it."""
    from sqlalchemy import delete, insert

    from app.models import StoreLock

    connection.execute(delete(StoreLock).where(StoreLock.name == IMPORT_LOCK_NAME))
    connection.execute(
        insert(StoreLock).values(
            name=IMPORT_LOCK_NAME,
            holder=user_name[:80],
            host=socket.gethostname()[:120],
            since=datetime.now().replace(microsecond=0),
        )
    )
    connection.commit()


def _release(connection: Connection) -> None:
    """Delete the row and free the advisory lock; a broken connection is thrown away instead."""
    from sqlalchemy import delete, text

    from app.models import StoreLock

    try:
        connection.rollback()  # whatever an error left half-done on this connection
        connection.execute(delete(StoreLock).where(StoreLock.name == IMPORT_LOCK_NAME))
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": IMPORT_LOCK_KEY})
        connection.commit()
    except Exception as exc:  # noqa: BLE001 - the import's own outcome matters more
        # The server frees a session's advisory locks when its connection closes; a row left
        # behind is stale from then on and the next import overwrites it.
        log.warning("releasing the import lock failed (%s); closing its connection", exc)
        connection.invalidate()
