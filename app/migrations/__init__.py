"""Schema migrations (Alembic), applied on start and by ``shopreel migrate``.

The start-up path compares the store's revision (``app.db.sqlite_revision``, standard library only)
with :data:`HEAD_REVISION`; Alembic is imported just when an upgrade is really due.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.db import StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

# Kept equal to the newest file in versions/ (a test checks it).
HEAD_REVISION = "0005"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
# PostgreSQL advisory lock key ("SR" + "MIG"): two apps starting at once upgrade one at a time.
MIGRATION_LOCK_KEY = 0x5352_4D49_4701


class StoreTooNewError(StoreError):
    """The store was written by a newer ShopReel; opening it could damage it."""


def alembic_config() -> Config:
    """Alembic's configuration, built in code: no alembic.ini to ship."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    return config


def check_revision(revision: str | None) -> bool:
    """True when the store needs an upgrade; raise when it comes from a newer app."""
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreTooNewError(
            f"This store was written by a newer ShopReel (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )
    return revision != HEAD_REVISION


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the store's schema to ``revision`` inside one transaction.

    On SQLite, foreign keys are off while the revisions run: batch mode rebuilds a table by
    copying it and dropping the old one, and with foreign keys on that DROP would first delete
    every row, cascading into the tables that point at it (a video's snapshots, say). The keys
    are checked in full before the commit instead; a dangling one rolls the upgrade back.

    On PostgreSQL two apps may start on a new server store at once: the transaction first takes
    an advisory lock, then reads the revision again, so the second app waits for the first one's
    upgrade and then finds nothing left to do.
    """
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # outside any transaction: SQLite ignores this pragma inside one
            _set_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql" and _done_by_another_app(
                    connection, revision
                ):
                    return
                if sqlite:
                    _refuse_too_new(connection)
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    _refuse_dangling_keys(connection)
        finally:
            if sqlite:
                _set_foreign_keys(connection, on=True)


def _done_by_another_app(connection: Connection, revision: str) -> bool:
    """Wait for the migration lock (held to the commit), then: is the store already there?"""
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import text

    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    current = MigrationContext.configure(connection).get_current_revision()
    check_revision(current)
    return current == (HEAD_REVISION if revision == "head" else revision)


def _set_foreign_keys(connection: Connection, *, on: bool) -> None:
    # The driver connection runs in autocommit (db.py); SQLAlchemy would open a transaction first.
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _refuse_dangling_keys(connection: Connection) -> None:
    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if dangling:
        table, rowid, parent, _ = dangling[0]
        raise StoreError(
            f"The upgrade would leave {len(dangling)} rows pointing at nothing "
            f"({table} row {rowid} → {parent}); it was rolled back and nothing was changed."
        )


def current_revision(engine: Engine) -> str | None:
    """The store's revision, through SQLAlchemy (works for any database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _refuse_too_new(connection: object) -> None:
    from alembic.runtime.migration import MigrationContext

    check_revision(MigrationContext.configure(connection).get_current_revision())  # type: ignore[arg-type]
