"""Backups: the online backup API, verification before keeping, Anki-style thinning, restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.db import integrity_check, sqlite_revision
from app.services import backups
from app.services.backups import (
    Backup,
    BackupError,
    Retention,
    backups_dir,
    list_backups,
    make_backup,
    make_backup_if_changed,
    newest_sound_backup,
    obsolete_backups,
    restore_backup,
    verify_backup,
)
from tests.dump import dump_hash, logical_dump, row_counts

NOW = datetime(2026, 11, 28, 21, 30, 5)


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608


def forget_some_orders(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM order_lines WHERE id % 3 = 0")
    conn.commit()
    conn.close()


def flip_bytes(path: Path, start: int, length: int = 4096) -> None:
    """Overwrite a page's worth of bytes, as a failing disk or a half-synced copy would."""
    with open(path, "r+b") as handle:
        handle.seek(start)
        handle.write(bytes((n * 37 + 11) % 256 for n in range(length)))


# Making backups ---------------------------------------------------------------------------------


def test_backup_then_restore_gives_back_an_identical_store(demo_db: Path, tmp_path: Path) -> None:
    original = logical_dump(demo_db)
    backup = make_backup(demo_db, "manual", now=NOW)
    assert backup.path.parent == tmp_path / "backups"
    assert backup.path.name == "demo-20261128-213005-manual.db"
    assert verify_backup(backup.path) == []
    forget_some_orders(demo_db)
    assert logical_dump(demo_db) != original

    restored = restore_backup(demo_db, backup.path, now=NOW + timedelta(minutes=5))

    assert logical_dump(demo_db) == original
    assert integrity_check(demo_db) == []
    # The store as it was before the restore is itself a verified backup.
    assert restored.previous is not None
    assert restored.previous.name.endswith("-restore.db")
    assert count(restored.previous, "order_lines") < count(demo_db, "order_lines")


def test_restore_into_a_new_place_gives_an_identical_dump(demo_db: Path, tmp_path: Path) -> None:
    backup = make_backup(demo_db, "manual", now=NOW)
    target = tmp_path / "elsewhere" / "shop.db"
    restored = restore_backup(target, backup.path)
    assert restored.previous is None
    assert dump_hash(target) == dump_hash(demo_db)
    assert row_counts(target) == row_counts(demo_db)


def test_a_backup_holds_commits_still_in_the_write_ahead_log(demo_db: Path) -> None:
    """A file copy of the store would miss these rows; the backup API reads through the log."""
    writer = sqlite3.connect(demo_db, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE shops SET name = '备份里也有的新名字'")
    pending = sqlite3.connect(demo_db, isolation_level=None)
    pending.execute("BEGIN IMMEDIATE")
    pending.execute("DELETE FROM order_lines")  # not committed: must not be in the backup
    try:
        assert Path(f"{demo_db}-wal").stat().st_size > 0
        backup = make_backup(demo_db, "manual", now=NOW)
    finally:
        pending.execute("ROLLBACK")
        pending.close()
        writer.close()
    with sqlite3.connect(backup.path) as conn:
        assert conn.execute("SELECT name FROM shops").fetchone()[0] == "备份里也有的新名字"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert count(backup.path, "order_lines") == count(demo_db, "order_lines") > 0
    assert not Path(f"{backup.path}-wal").exists()


def test_backups_are_listed_newest_first_with_time_reason_and_size(demo_db: Path) -> None:
    first = make_backup(demo_db, "import", now=NOW)
    second = make_backup(demo_db, "exit", now=NOW)  # same second: a second name, not a clash
    third = make_backup(demo_db, "periodic", now=NOW + timedelta(minutes=30))
    (backups_dir(demo_db) / "notes.txt").write_text("not a backup", encoding="utf-8")
    (backups_dir(demo_db) / "other-20261128-213005-manual.db").write_bytes(b"another store's")
    listed = list_backups(demo_db)
    assert [b.path for b in listed] == [third.path, second.path, first.path]
    assert second.path.name == "demo-20261128-213005-exit.db"
    assert [b.reason for b in listed] == ["periodic", "exit", "import"]
    assert listed[0].made_at == datetime(2026, 11, 28, 22, 0, 5)
    assert listed[0].size == third.path.stat().st_size > 100_000


def test_a_backup_that_does_not_verify_is_not_kept_and_nothing_is_thinned(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = [make_backup(demo_db, "manual", now=datetime(2025, m, 1)) for m in (1, 2, 3)]
    monkeypatch.setattr(
        backups, "integrity_check", lambda _path, **_kw: ["row 7 missing from index"]
    )
    with pytest.raises(BackupError, match="integrity check"):
        make_backup(demo_db, "manual", now=NOW)
    assert [b.path for b in list_backups(demo_db)] == [b.path for b in reversed(old)]
    assert sorted(p.name for p in backups_dir(demo_db).iterdir()) == sorted(
        b.path.name for b in old
    )


def test_no_backup_is_started_without_room_for_it(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = shutil.disk_usage(demo_db.parent)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=1_000_000))
    with pytest.raises(BackupError, match="free disk space"):
        make_backup(demo_db, "manual", now=NOW)
    assert list(backups_dir(demo_db).iterdir()) == []


def test_a_missing_store_cannot_be_backed_up(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no store"):
        make_backup(tmp_path / "none.db", "manual")


def test_backing_up_only_when_the_store_changed(demo_db: Path) -> None:
    first = make_backup_if_changed(demo_db, "periodic")
    assert first is not None
    os.utime(demo_db, (first.made_at.timestamp() - 5, first.made_at.timestamp() - 5))
    assert make_backup_if_changed(demo_db, "periodic") is None
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE shops SET name = '改名了'")
    later = make_backup_if_changed(demo_db, "periodic", now=datetime.now() + timedelta(seconds=2))
    assert later is not None
    with sqlite3.connect(later.path) as conn:
        assert conn.execute("SELECT name FROM shops").fetchone()[0] == "改名了"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_backups_are_private_to_the_user(demo_db: Path) -> None:
    backup = make_backup(demo_db, "manual", now=NOW)
    assert backup.path.stat().st_mode & 0o777 == 0o600
    assert backups_dir(demo_db).stat().st_mode & 0o777 == 0o700


# Thinning ---------------------------------------------------------------------------------------


def at(text: str) -> Backup:
    return Backup(Path(f"/b/{text}.db"), datetime.fromisoformat(text), "periodic", 1)


def names(found: list[Backup]) -> list[str]:
    return [b.made_at.isoformat(sep=" ") for b in found]


def test_thinning_keeps_recent_then_one_per_day_week_month() -> None:
    """A hand-worked case; today is Wednesday 2026-03-18, and the limits are 3 / 2 / 1."""
    kept_or_not = [
        ("2026-03-18 09:00:00", True),  # today and yesterday: all kept
        ("2026-03-18 08:00:00", True),
        ("2026-03-17 23:00:00", True),
        ("2026-03-17 01:00:00", True),
        ("2026-03-16 18:00:00", True),  # daily 1: the newest of the day
        ("2026-03-16 06:00:00", False),  # same day, older
        ("2026-03-12 00:00:00", True),  # daily 2
        ("2026-03-11 00:00:00", True),  # daily 3
        ("2026-03-09 12:00:00", False),  # Monday, but its week already has the 11th
        ("2026-03-08 02:00:00", True),  # weekly 1: Sunday, the newest of its week
        ("2026-03-08 01:00:00", False),
        ("2026-02-25 00:00:00", True),  # weekly 2
        ("2026-02-24 00:00:00", False),  # weekly used up; monthly: February has the 25th
        ("2026-02-20 00:00:00", False),
        ("2026-01-31 00:00:00", True),  # monthly 1
        ("2026-01-02 00:00:00", False),  # all limits used
        ("2025-12-31 00:00:00", False),
    ]
    found = [at(t) for t, _ in kept_or_not]
    obsolete = obsolete_backups(found, date(2026, 3, 18), Retention(2, 3, 2, 1))
    assert names(obsolete) == [t for t, kept in kept_or_not if not kept]


def test_a_year_of_daily_backups_thins_to_recent_12_daily_10_weekly_9_monthly() -> None:
    today = date(2026, 11, 28)  # a Saturday
    year = [
        Backup(
            Path(f"/b/{n}.db"),
            datetime.combine(today - timedelta(days=n), datetime.min.time()),
            "exit",
            1,
        )
        for n in range(0, 366)
    ]
    obsolete = {b.made_at.date() for b in obsolete_backups(year, today)}
    kept = sorted({b.made_at.date() for b in year} - obsolete, reverse=True)
    recent, daily = kept[:2], kept[2:14]
    weekly, monthly = kept[14:24], kept[24:]
    assert recent == [today, today - timedelta(days=1)]
    assert daily == [today - timedelta(days=n) for n in range(2, 14)]  # 26 Nov … 15 Nov
    # 15 Nov is a Sunday; the weekly keepers are the Sundays of the ten weeks before its week.
    assert weekly == [date(2026, 11, 8) - timedelta(weeks=n) for n in range(10)]
    assert weekly[-1] == date(2026, 9, 6)
    # Then the last day of each month before September.
    assert monthly == [
        date(2026, 8, 31),
        date(2026, 7, 31),
        date(2026, 6, 30),
        date(2026, 5, 31),
        date(2026, 4, 30),
        date(2026, 3, 31),
        date(2026, 2, 28),
        date(2026, 1, 31),
        date(2025, 12, 31),
    ]
    assert len(kept) == 2 + 12 + 10 + 9


def test_the_newest_backup_is_never_thinned_however_old() -> None:
    lone = [at("2019-05-01 10:00:00"), at("2019-05-01 09:00:00")]
    obsolete = obsolete_backups(lone, date(2026, 11, 28), Retention(2, 0, 0, 0))
    assert names(obsolete) == ["2019-05-01 09:00:00"]


def test_each_backup_thins_the_older_ones_on_disk(demo_db: Path) -> None:
    first = make_backup(demo_db, "manual", now=datetime(2026, 1, 1, 12))
    folder = backups_dir(demo_db)
    for day in range(2, 29):  # a month of daily backups, copied from the first
        shutil.copyfile(first.path, folder / f"demo-202601{day:02d}-120000-periodic.db")
    make_backup(demo_db, "manual", now=datetime(2026, 3, 1, 12))
    kept = {b.made_at.date() for b in list_backups(demo_db)}
    assert date(2026, 3, 1) in kept
    # The new one, 12 daily (28 … 17 January), then the Sundays 11 and 4 January.
    assert kept == {date(2026, 3, 1), date(2026, 1, 11), date(2026, 1, 4)} | {
        date(2026, 1, day) for day in range(17, 29)
    }


# Choosing and refusing what to restore ----------------------------------------------------------


def test_restore_refuses_a_file_that_is_not_a_sound_shopreel_store(
    demo_db: Path, tmp_path: Path
) -> None:
    before = dump_hash(demo_db)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not sqlite at all" * 300)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (t TEXT)")
    newer = tmp_path / "newer.db"
    shutil.copyfile(demo_db, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    for bad, why in ((garbage, "not a database"), (other, "not a ShopReel"), (newer, "newer")):
        with pytest.raises(BackupError, match=why):
            restore_backup(demo_db, bad)
    assert dump_hash(demo_db) == before
    assert list_backups(demo_db) == []  # refused before anything was written


def test_restore_refuses_while_another_connection_has_the_store_open(demo_db: Path) -> None:
    backup = make_backup(demo_db, "manual", now=NOW)
    forget_some_orders(demo_db)
    before = dump_hash(demo_db)
    other = sqlite3.connect(demo_db)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("SELECT COUNT(*) FROM order_lines").fetchone()
    try:
        with pytest.raises(BackupError, match="open in another program"):
            restore_backup(demo_db, backup.path)
    finally:
        other.close()
    assert dump_hash(demo_db) == before


def test_restore_of_a_damaged_store_keeps_the_damaged_file_aside(demo_db: Path) -> None:
    backup = make_backup(demo_db, "manual", now=NOW)
    original = dump_hash(demo_db)
    flip_bytes(demo_db, 8 * 4096, 4 * 4096)
    damaged_bytes = demo_db.read_bytes()
    restored = restore_backup(demo_db, backup.path)
    assert dump_hash(demo_db) == original
    assert restored.previous is not None
    assert ".damaged-" in restored.previous.name
    assert restored.previous.read_bytes() == damaged_bytes


def test_the_newest_sound_backup_skips_damaged_ones_and_says_why(demo_db: Path) -> None:
    good = make_backup(demo_db, "manual", now=NOW)
    bad = make_backup(demo_db, "exit", now=NOW + timedelta(hours=1))
    flip_bytes(bad.path, 4096, 8 * 4096)
    found = newest_sound_backup(demo_db)
    assert found.backup is not None
    assert found.backup.path == good.path
    assert [b.path for b, _why in found.damaged] == [bad.path]
    assert found.damaged[0][1]  # the check's complaint, shown to the user


def test_restore_over_an_empty_store_keeps_it_as_a_backup(demo_db: Path, tmp_path: Path) -> None:
    from app.config import sqlite_url
    from app.services.store import open_store

    backup = make_backup(demo_db, "manual", now=NOW)
    assert sqlite_revision(backup.path) is not None
    store = open_store(sqlite_url(tmp_path / "fresh.db"))
    store.dispose()
    restored = restore_backup(tmp_path / "fresh.db", backup.path)
    assert dump_hash(tmp_path / "fresh.db") == dump_hash(demo_db)
    assert restored.previous is not None
    assert count(restored.previous, "order_lines") == 0


def test_copies_left_by_a_killed_backup_are_cleared_once_stale(demo_db: Path) -> None:
    folder = backups_dir(demo_db)
    folder.mkdir()
    stale = folder / "demo-20261128-080000-exit.db.tmp"
    fresh = folder / "demo-20261128-212959-exit.db.tmp"  # perhaps another process's, running
    for leftover in (stale, fresh):
        leftover.write_bytes(b"half a copy")
    hours_ago = NOW.timestamp() - 3 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(fresh, (NOW.timestamp() - 60, NOW.timestamp() - 60))
    make_backup(demo_db, "manual", now=NOW)
    assert not stale.exists()
    assert fresh.exists()
    assert [b.reason for b in list_backups(demo_db)] == ["manual"]
