"""Opening a store: start-up checks, migrations, and telling the user what is wrong."""

from __future__ import annotations

from pathlib import Path

from app import migrations
from app.config import describe_url
from app.db import Store, StoreError, connect, quick_check, sqlite_revision


class StoreDamagedError(StoreError):
    """SQLite's quick_check found damage: nothing was written; a copy was kept aside.

    Attributes:
        path: the damaged store (left exactly as it was).
        problem: quick_check's first complaint.
        damaged_copy: the byte-for-byte copy of the damaged file, kept beside it.
        backup: the newest backup that passes integrity_check, or None.
        skipped: newer backups that did not pass, each with its first complaint.
    """

    def __init__(self, path: Path, problem: str, damaged_copy: Path | None) -> None:
        from app.services.backups import newest_sound_backup

        sound = newest_sound_backup(path)
        self.path, self.problem, self.damaged_copy = path, problem, damaged_copy
        self.backup, self.skipped = sound.backup, sound.damaged
        super().__init__(self._describe())

    def _describe(self) -> str:
        lines = [f"The store {self.path} is damaged ({self.problem}). Nothing was written to it."]
        if self.damaged_copy is not None:
            lines.append(f"A copy of the damaged file is kept at {self.damaged_copy}.")
        for backup, why in self.skipped:
            lines.append(f"The backup {backup.path.name} is damaged too ({why}).")
        if self.backup is None:
            lines.append("No backup that checks out was found; nothing can be restored here.")
        else:
            lines.append(
                f"The newest backup that checks out is {self.backup.path} "
                f"(made {self.backup.made_at:%Y-%m-%d %H:%M}). To restore it: "
                f'shopreel restore "{self.backup.path}" --db "{self.path}"'
            )
        return "\n".join(lines)


class NotAStoreError(StoreError):
    """The file is a database of some other program; ShopReel will not write into it."""


class MigrationError(StoreError):
    """An upgrade of the schema failed and was rolled back; the store is as it was."""


class ServerUnreachableError(StoreError):
    """The team's database server did not answer, or refused the login; nothing was read."""


def _server_revision(store: Store) -> str | None:
    """The schema revision of a server store, with a clear message when it cannot be reached."""
    from sqlalchemy.exc import DBAPIError

    try:
        return migrations.current_revision(store.engine)
    except DBAPIError as exc:
        if not exc.connection_invalidated and not _is_connect_failure(exc):
            raise
        store.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ServerUnreachableError(
            f"The team server {describe_url(store.url)} cannot be reached ({reason}). Check the "
            "network connection and that the server is running, or ask whoever set it up; "
            "Settings > Store can switch back to this computer's store. Nothing was changed."
        ) from exc


def _is_connect_failure(exc: Exception) -> bool:
    """A failure to connect or log in (an OperationalError raised before any statement ran)."""
    from sqlalchemy.exc import OperationalError

    return isinstance(exc, OperationalError) and getattr(exc, "statement", None) is None


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
                raise StoreDamagedError(path, problems[0], _keep_aside(path))
        before = sqlite_revision(path)
        needs_upgrade = migrations.check_revision(before)
        if needs_upgrade and before is None and _has_tables(path):
            raise NotAStoreError(
                f"{path} is a database, but not a ShopReel store; it was not changed."
            )
    else:
        needs_upgrade = migrations.check_revision(_server_revision(store))
    if needs_upgrade:
        _upgrade(store, path, before)
    if path is not None:
        _keep_private(path)
    return store


def _keep_private(path: Path) -> None:
    """The data folder 0700 and the store's files 0600 (also for stores made by older versions)."""
    from app.config import ensure_private_dir, make_private, user_data_dir

    if path.parent == user_data_dir():
        ensure_private_dir(path.parent)
    for suffix in ("", "-wal", "-shm"):
        make_private(Path(f"{path}{suffix}"))


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


def _keep_aside(path: Path) -> Path | None:
    from app.services.backups import set_aside_damaged

    try:
        return set_aside_damaged(path)
    except OSError:  # a full disk, say: the damaged file itself is still there untouched
        return None


def _has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    conn = connect(path, readonly=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        conn.close()
