"""A damaged store at start: nothing written, the file kept aside, a sound backup offered."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.config import sqlite_url
from app.db import integrity_check, quick_check
from app.services.backups import make_backup
from app.services.store import StoreDamagedError, open_store
from tests.dump import dump_hash

NOW = datetime(2026, 11, 28, 9, 30)
PAGE = 4096


def damage(path: Path, first_page: int = 200, pages: int = 3) -> None:
    """Overwrite whole pages in the middle of the file, as a failing disk would."""
    with open(path, "r+b") as handle:
        handle.seek(first_page * PAGE)
        handle.write(bytes((n * 37 + 11) % 256 for n in range(pages * PAGE)))


@pytest.fixture
def damaged_demo(demo_db: Path) -> Path:
    """The demo shop with a sound backup from before the damage."""
    make_backup(demo_db, "exit", now=NOW)
    damage(demo_db)
    assert quick_check(demo_db), "the damage must be visible to quick_check"
    return demo_db


def test_opening_a_damaged_store_writes_nothing_and_keeps_a_copy(damaged_demo: Path) -> None:
    files_before = sorted(p.name for p in damaged_demo.parent.iterdir())
    damaged_bytes = damaged_demo.read_bytes()
    with pytest.raises(StoreDamagedError) as raised:
        open_store(sqlite_url(damaged_demo))
    error = raised.value
    assert damaged_demo.read_bytes() == damaged_bytes  # not one byte written
    assert error.damaged_copy is not None
    assert error.damaged_copy.parent == damaged_demo.parent
    assert error.damaged_copy.read_bytes() == damaged_bytes
    new_files = set(p.name for p in damaged_demo.parent.iterdir()) - set(files_before)
    assert error.damaged_copy.name in new_files
    # SQLite's words depend on which pages the damage hit (malformed, btreeInitPage …).
    assert error.problem == "\n".join(quick_check(damaged_demo))


def test_the_copy_aside_is_made_once_per_damaged_state(damaged_demo: Path) -> None:
    for _ in range(2):
        with pytest.raises(StoreDamagedError):
            open_store(sqlite_url(damaged_demo))
    copies = [p for p in damaged_demo.parent.iterdir() if ".damaged-" in p.name]
    assert len(copies) == 1


def test_the_newest_backup_that_checks_out_is_offered_with_the_command(
    damaged_demo: Path,
) -> None:
    sound = add_a_newer_damaged_backup(damaged_demo)
    with pytest.raises(StoreDamagedError) as raised:
        open_store(sqlite_url(damaged_demo))
    error = raised.value
    assert error.backup is not None
    assert error.backup.path == sound
    assert [b.path.name for b, _ in error.skipped] == ["demo-20261128-103000-periodic.db"]
    message = str(error)
    assert f'shopreel restore "{sound}" --db "{damaged_demo}"' in message
    assert "demo-20261128-103000-periodic.db is damaged too" in message


def add_a_newer_damaged_backup(store: Path) -> Path:
    """Put a damaged 'newer' backup beside the sound one; return the sound one's path."""
    folder = store.parent / "backups"
    (sound,) = folder.iterdir()
    newer = folder / "demo-20261128-103000-periodic.db"
    shutil.copyfile(sound, newer)
    damage(newer, first_page=5)
    return sound


def test_without_a_sound_backup_the_message_says_so(demo_db: Path) -> None:
    damage(demo_db)
    with pytest.raises(StoreDamagedError, match="No backup that checks out") as raised:
        open_store(sqlite_url(demo_db))
    assert raised.value.backup is None


def test_restoring_the_offered_backup_gives_back_the_shop(damaged_demo: Path) -> None:
    from app.services.backups import restore_backup

    with pytest.raises(StoreDamagedError) as raised:
        open_store(sqlite_url(damaged_demo))
    backup = raised.value.backup
    assert backup is not None
    expected = dump_hash(backup.path)
    restored = restore_backup(damaged_demo, backup.path, now=NOW + timedelta(hours=1))
    assert restored.previous == raised.value.damaged_copy  # the same copy, not a second one
    open_store(sqlite_url(damaged_demo)).dispose()
    assert integrity_check(damaged_demo) == []
    assert dump_hash(damaged_demo) == expected


def test_the_command_line_prints_where_the_copy_and_backup_are(
    damaged_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--month", "2026-10", "--db", str(damaged_demo)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err
    assert "A copy of the damaged file is kept at" in err
    assert f'shopreel restore "{damaged_demo.parent / "backups"}' in err
