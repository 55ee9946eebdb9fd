"""Opening a store: start-up checks, migrations, and telling the user what is wrong."""

from __future__ import annotations

from app import migrations
from app.db import Store, StoreError, quick_check, sqlite_revision


class StoreDamagedError(StoreError):
    """SQLite's quick_check found damage; the user should restore a backup."""


def open_store(url: str) -> Store:
    """Open the store at ``url``: check it, create or upgrade its schema, and return it.

    For SQLite files the check and the revision read use the standard library, so a store that is
    already current opens without importing SQLAlchemy or Alembic.
    """
    store = Store(url)
    path = store.sqlite_path
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            problems = quick_check(path)
            if problems:
                raise StoreDamagedError(
                    f"The store {path} is damaged ({problems[0]}). "
                    "Restore a backup; nothing was changed."
                )
        needs_upgrade = migrations.check_revision(sqlite_revision(path))
    else:
        needs_upgrade = migrations.check_revision(migrations.current_revision(store.engine))
    if needs_upgrade:
        migrations.upgrade(store.engine)
    return store
