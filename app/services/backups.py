"""Verified backups of a SQLite store, thinned Anki-style, and putting one back.

A backup is written with SQLite's online backup API (a consistent snapshot even while another
connection writes; never a file copy) into ``<name>.tmp``, checked with ``PRAGMA
integrity_check``, flushed to disk and only then renamed to its final name. Older backups are
thinned only after that, so a file that carries a backup's name checked out when it was made,
and the newest of them is never deleted.

Backups live in a ``backups`` folder beside the store (for the default store: the user's data
folder), named ``<store>-<YYYYMMDD>-<HHMMSS>-<reason>.db``.

The backups of an encrypted store are encrypted with the store's key (the backup API copies the
encrypted pages); reading one looks its key up under the store's path (``key_of``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.config import ensure_private_dir, make_private
from app.db import (
    StoreError,
    connect,
    database_errors,
    integrity_check,
    is_encrypted,
    quick_check,
    sqlite_revision,
    store_key,
)

BACKUP_DIR_NAME = "backups"
REASONS = ("manual", "import", "migration", "exit", "periodic", "restore", "encrypt", "decrypt")
_STAMP = "%Y%m%d-%H%M%S"
# Room for the copy plus its temporary journal; a backup that cannot finish is not started.
_SPACE_FACTOR = 1.1
_SPACE_MARGIN = 16 * 1024 * 1024
ABANDONED_AFTER_S = 3600


class BackupError(StoreError):
    """A backup could not be made or used; the store and the older backups are untouched."""


@dataclass(frozen=True)
class Backup:
    """One backup file.

    Attributes:
        path: the file.
        made_at: when it was made (local time, from its name).
        reason: why: one of :data:`REASONS`.
        size: its size in bytes.
    """

    path: Path
    made_at: datetime
    reason: str
    size: int


@dataclass(frozen=True)
class Retention:
    """How many backups to keep: all from the last ``recent_days``, then one per day, week, month.

    The defaults are Anki's: everything from today and yesterday, then 12 daily, 10 weekly and
    9 monthly backups (about a year of history in roughly 33 files).
    """

    recent_days: int = 2
    daily: int = 12
    weekly: int = 10
    monthly: int = 9


def backups_dir(store_path: Path) -> Path:
    """The folder holding the backups of the store at ``store_path``."""
    return store_path.parent / BACKUP_DIR_NAME


def _name_pattern(store_path: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(store_path.stem)
        + r"-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+)(?:-(?P<n>\d+))?\.db$"
    )


def list_backups(store_path: Path) -> list[Backup]:
    """The store's backups, newest first (files that do not follow the naming are ignored)."""
    folder = backups_dir(store_path)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(store_path)
    found = []
    for entry in folder.iterdir():
        match = pattern.fullmatch(entry.name)
        if match is None or match["reason"] not in REASONS or not entry.is_file():
            continue
        made_at = datetime.strptime(match["stamp"], _STAMP)
        found.append((made_at, int(match["n"] or 0), entry))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [Backup(p, made_at, _reason_of(pattern, p), p.stat().st_size) for made_at, _, p in found]


def _reason_of(pattern: re.Pattern[str], path: Path) -> str:
    match = pattern.fullmatch(path.name)
    assert match is not None
    return match["reason"]


def make_backup(
    store_path: Path,
    reason: str,
    *,
    now: datetime | None = None,
    retention: Retention | None = None,
) -> Backup:
    """Back up the store, verify the copy, then thin the older backups.

    Raises:
        BackupError: the store is missing, the disk is too full, or the copy does not verify
            (then the store itself is probably damaged); nothing is deleted in that case.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if not store_path.is_file():
        raise BackupError(f"There is no store at {store_path} to back up.")
    now = now or datetime.now()
    folder = ensure_private_dir(backups_dir(store_path))
    _remove_abandoned_copies(folder, now)
    _check_free_space(store_path, folder)
    target = _free_name(folder, store_path, now, reason)
    temporary = target.with_name(target.name + ".tmp")
    try:
        _snapshot(store_path, temporary, journal_mode="DELETE", key_of=store_path)
        problems = integrity_check(temporary, key_of=store_path)
        if problems:
            raise BackupError(
                f"The backup of {store_path} does not pass SQLite's integrity check "
                f"({problems[0]}); the store itself may be damaged. Run `shopreel check`."
            )
        make_private(temporary)
        fsync_file(temporary)
        os.replace(temporary, target)
        _fsync_dir(folder)
    finally:
        temporary.unlink(missing_ok=True)
    thin_backups(store_path, now.date(), retention or Retention())
    return Backup(target, now.replace(microsecond=0), reason, target.stat().st_size)


def make_backup_if_changed(
    store_path: Path, reason: str, *, now: datetime | None = None
) -> Backup | None:
    """Back up unless the newest backup is younger than the store's last write (None then).

    Backups are stamped to the second, rounded down: a write in the same second as the newest
    backup counts as a change (one backup too many, never one too few).
    """
    newest = next(iter(list_backups(store_path)), None)
    if newest is not None and _last_write(store_path) < newest.made_at.timestamp():
        return None
    return make_backup(store_path, reason, now=now)


def _last_write(store_path: Path) -> float:
    """When the store (or its write-ahead log, which holds recent commits) last changed."""
    times = [store_path.stat().st_mtime]
    wal = Path(f"{store_path}-wal")
    if wal.exists() and wal.stat().st_size > 0:  # readers leave an empty log behind
        times.append(wal.stat().st_mtime)
    return max(times)


def _snapshot(source: Path, target: Path, *, journal_mode: str, key_of: Path) -> None:
    """Copy ``source`` into ``target`` with the online backup API, then set its journal mode.

    An encrypted source gives a target encrypted with the same key (``key_of``'s).
    """
    target.unlink(missing_ok=True)
    src = connect(source, readonly=True, key_of=key_of)
    try:
        dst = connect(target, key=store_key(key_of) if is_encrypted(source) else None)
    except BaseException:
        src.close()
        raise
    try:
        src.backup(dst)
        # A backup is one self-contained file; the store itself runs in WAL mode.
        dst.execute(f"PRAGMA journal_mode={journal_mode}")
    except database_errors() as exc:
        raise BackupError(f"Could not copy {source}: {exc}") from exc
    finally:
        dst.close()
        src.close()


def _remove_abandoned_copies(folder: Path, now: datetime) -> None:
    """Delete ``.tmp`` copies a killed process left (an hour old: no backup takes that long)."""
    for leftover in folder.glob("*.db.tmp"):
        with contextlib.suppress(OSError):
            if now.timestamp() - leftover.stat().st_mtime > ABANDONED_AFTER_S:
                leftover.unlink()


def _free_name(folder: Path, store_path: Path, now: datetime, reason: str) -> Path:
    base = f"{store_path.stem}-{now.strftime(_STAMP)}-{reason}"
    candidate = folder / f"{base}.db"
    n = 1
    while candidate.exists():
        candidate = folder / f"{base}-{n}.db"
        n += 1
    return candidate


def _check_free_space(store_path: Path, folder: Path) -> None:
    size = store_path.stat().st_size
    wal = Path(f"{store_path}-wal")
    if wal.exists():
        size += wal.stat().st_size
    free = shutil.disk_usage(folder).free
    if free < size * _SPACE_FACTOR + _SPACE_MARGIN:
        raise BackupError(
            f"Not enough free disk space for a backup of {store_path} "
            f"({free // 2**20} MB free, about {size // 2**20} MB needed). "
            "Free some space; no backup was made and none was deleted."
        )


def fsync_file(path: Path) -> None:
    """Flush a file's bytes to the disk."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows cannot open a folder for this and needs no call)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def rewrite_backup(path: Path, edit: Callable[[Any], None], *, key_of: Path) -> None:
    """Change a backup of the store ``key_of`` safely: ``edit`` works on a copy, which replaces
    it once it verifies.

    ``edit`` gets a connection to the copy in autocommit mode (it begins and commits itself).
    """
    temporary = path.with_name(path.name + ".tmp")
    try:
        _snapshot(path, temporary, journal_mode="DELETE", key_of=key_of)
        conn = connect(temporary, key_of=key_of, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=MEMORY")  # no journal file holding old pages
            edit(conn)
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
        problems = integrity_check(temporary, key_of=key_of)
        if problems:
            raise BackupError(f"The changed copy of {path.name} does not verify: {problems[0]}")
        make_private(temporary)
        fsync_file(temporary)
        os.replace(temporary, path)
        _fsync_dir(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


# Thinning ----------------------------------------------------------------------------------------


def obsolete_backups(
    backups: Iterable[Backup], today: date, retention: Retention | None = None
) -> list[Backup]:
    """The backups the retention policy lets go, oldest last; never the newest one.

    Going from the newest backup back: every backup from the last ``recent_days`` days is kept;
    after those, the newest backup of each earlier day until ``daily`` days are kept, then the
    newest of each earlier week (weeks start on Monday) until ``weekly``, then the newest of each
    earlier month until ``monthly``. Everything else is obsolete.
    """
    retention = retention or Retention()
    left = {"daily": retention.daily, "weekly": retention.weekly, "monthly": retention.monthly}
    first_recent_day = today.toordinal() - retention.recent_days + 1
    last_kept: tuple[int, int, int] | None = None
    obsolete: list[Backup] = []
    ordered = sorted(backups, key=lambda b: b.made_at, reverse=True)
    for position, backup in enumerate(ordered):
        periods = _periods(backup.made_at.date())
        if periods[0] >= first_recent_day:
            keep, stage = True, None
        else:
            stage = next((s for s in ("daily", "weekly", "monthly") if left[s] > 0), None)
            level = {"daily": 0, "weekly": 1, "monthly": 2}.get(stage or "", 0)
            keep = stage is not None and (last_kept is None or periods[level] < last_kept[level])
        keep = keep or position == 0  # the newest backup is never given up
        if keep:
            last_kept = periods
            if stage is not None:
                left[stage] -= 1
        else:
            obsolete.append(backup)
    return obsolete


def _periods(day: date) -> tuple[int, int, int]:
    """The day, the Monday-based week and the month a date falls in, as growing numbers."""
    ordinal = day.toordinal()  # date(1, 1, 1) is day 1 and a Monday
    return ordinal, (ordinal - 1) // 7, day.year * 12 + day.month


def thin_backups(store_path: Path, today: date, retention: Retention | None = None) -> list[Path]:
    """Delete the backups :func:`obsolete_backups` names; return the deleted paths."""
    deleted = []
    for backup in obsolete_backups(list_backups(store_path), today, retention):
        try:
            backup.path.unlink()
        except OSError:
            continue  # kept one more day; thinning retries after the next backup
        deleted.append(backup.path)
    return deleted


# Checking and restoring -------------------------------------------------------------------------


def verify_backup(path: Path, *, key_of: Path | None = None) -> list[str]:
    """What is wrong with a file as a store to restore: integrity, then that it is ShopReel's.

    ``key_of``: the store whose key an encrypted backup uses (default: the file's own entry).
    """
    if not path.is_file():
        return [f"{path} does not exist"]
    try:
        problems = integrity_check(path, key_of=key_of)
    except StoreError as exc:  # encrypted, and no key (or no SQLCipher) to read it
        return [str(exc)]
    if problems:
        return problems
    from app import migrations

    revision = sqlite_revision(path, key_of=key_of)
    if revision is None:
        return [f"{path.name} is a SQLite file but not a ShopReel store"]
    if revision not in migrations.KNOWN_REVISIONS:
        return [f"{path.name} was written by a newer ShopReel (schema {revision})"]
    return []


@dataclass(frozen=True)
class SoundBackup:
    """The newest backup that verifies, and the newer ones that did not (with the reason).

    Attributes:
        backup: the newest sound backup, or None when there is none.
        damaged: newer backups that failed the check, each with its first complaint.
    """

    backup: Backup | None
    damaged: tuple[tuple[Backup, str], ...] = ()


def newest_sound_backup(store_path: Path) -> SoundBackup:
    """Check the backups from the newest down and return the first that verifies."""
    damaged = []
    for backup in list_backups(store_path):
        problems = verify_backup(backup.path, key_of=store_path)
        if not problems:
            return SoundBackup(backup, tuple(damaged))
        damaged.append((backup, problems[0]))
    return SoundBackup(None, tuple(damaged))


@dataclass(frozen=True)
class Restored:
    """What a restore did.

    Attributes:
        source: the file put back.
        previous: where the store as it was before went: a ``restore`` backup, or a copy of the
            damaged file; None when there was no store.
    """

    source: Path
    previous: Path | None


def restore_backup(store_path: Path, source: Path, *, now: datetime | None = None) -> Restored:
    """Replace the store with ``source`` after backing the current store up.

    The source is verified first (integrity_check); the current store is backed up (or, when
    damaged, copied aside as it is); the source is copied next to the store with the backup API
    and checked again (quick_check); then one atomic rename puts it in place. Every connection
    to the store must be closed: a store another program has open is refused.

    Raises:
        BackupError: the source does not verify, the store is in use, or a step failed; the
            store is then as it was.
    """
    problems = verify_backup(source, key_of=store_path)
    if problems:
        raise BackupError(f"{source} cannot be restored: {problems[0]}. Nothing was changed.")
    now = now or datetime.now()
    previous: Path | None = None
    if store_path.exists():
        settle_store(store_path)
        if quick_check(store_path):
            previous = set_aside_damaged(store_path)
        else:
            previous = make_backup(store_path, "restore", now=now).path
    else:
        store_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = store_path.with_name(store_path.name + ".restoring")
    try:
        _snapshot(source, temporary, journal_mode="WAL", key_of=store_path)
        # The source passed integrity_check above; this catches a bad write of the copy.
        problems = quick_check(temporary, key_of=store_path)
        if problems:
            raise BackupError(f"The copy of {source} does not verify ({problems[0]}).")
        make_private(temporary)
        fsync_file(temporary)
        os.replace(temporary, store_path)
        _fsync_dir(store_path.parent)
    finally:
        temporary.unlink(missing_ok=True)
    return Restored(source, previous)


def settle_store(store_path: Path) -> None:
    """Fold the write-ahead log into the store; refuse when another program has it open.

    SQLite removes the ``-wal`` file when its last connection closes; if it is still there after
    ours closes, someone else is using the store and replacing the file would corrupt their view.
    """
    wal = Path(f"{store_path}-wal")
    if wal.exists():
        try:
            conn = connect(store_path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except (*database_errors(), StoreError):
            return  # a damaged store: it is copied aside as it is, log and all
    if wal.exists():
        raise BackupError(
            f"{store_path} is open in another program (ShopReel, or a `shopreel` command). "
            "Close it and try again; nothing was changed."
        )


def set_aside_damaged(store_path: Path) -> Path:
    """Copy a damaged store (with its log) beside it as it is, once per damaged state.

    The ``-shm`` index is not copied: SQLite rebuilds it from the log.

    A damaged file is copied byte for byte (the backup API could stop at the damage); the
    original stays where it is, so nothing is ever deleted.
    """
    stamp = datetime.fromtimestamp(_last_write(store_path)).strftime(_STAMP)
    target = store_path.with_name(f"{store_path.name}.damaged-{stamp}")
    if not target.exists():
        wal = Path(f"{store_path}-wal")
        if wal.exists() and wal.stat().st_size > 0:  # commits not yet in the main file
            _copy_raw(wal, Path(f"{target}-wal"))
        _copy_raw(store_path, target)  # last: its presence means the copy is complete
    return target


def _copy_raw(source: Path, target: Path) -> None:
    temporary = target.with_name(target.name + ".tmp")
    shutil.copyfile(source, temporary)
    make_private(temporary)
    fsync_file(temporary)
    os.replace(temporary, target)
