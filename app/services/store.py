"""Opening a store: start-up checks, migrations, and telling the user what is wrong."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app import migrations
from app.config import describe_url
from app.db import Store, StoreError, quick_check, sqlite_revision


class StoreDamagedError(StoreError):
    """SQLite's quick_check found damage; the user should restore a backup."""


class NotAStoreError(StoreError):
    """The file is a database of some other program; ShopReel will not write into it."""


class MigrationError(StoreError):
    """An upgrade of the schema failed and was rolled back; the store is as it was."""


def open_store(url: str) -> Store:
    """Open the store at ``url``: check it, create or upgrade its schema, and return it.

    For SQLite files the check and the revision read use the standard library, so a store that is
    already current opens without importing SQLAlchemy or Alembic. Before an upgrade of an
    existing store a verified backup is made (and kept, whatever the upgrade does).
    """
    store = Store(url)
    path = store.sqlite_path
    before = None
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            problems = quick_check(path)
            if problems:
                raise StoreDamagedError(
                    f"The store {path} is damaged ({problems[0]}). "
                    "Restore a backup; nothing was changed."
                )
        before = sqlite_revision(path)
        needs_upgrade = migrations.check_revision(before)
        if needs_upgrade and before is None and _has_tables(path):
            raise NotAStoreError(
                f"{path} is a database, but not a ShopReel store; it was not changed."
            )
    else:
        needs_upgrade = migrations.check_revision(migrations.current_revision(store.engine))
    if needs_upgrade:
        _upgrade(store, path, before)
    return store


def _upgrade(store: Store, path: Path | None, before: str | None) -> None:
    backup = None
    if path is not None and before is not None:
        from app.services.backups import make_backup

        backup = make_backup(path, "migration")
    try:
        migrations.upgrade(store.engine)
    except Exception as exc:
        store.dispose()
        kept = f" A backup made just before is at {backup.path}." if backup else ""
        raise MigrationError(
            f"Upgrading the store {describe_url(store.url)} from schema {before} failed ({exc}). "
            f"The upgrade was rolled back and nothing was changed.{kept}"
        ) from exc


def _has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        conn.close()
