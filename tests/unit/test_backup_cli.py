"""`shopreel backup`, `restore` and `check`, and the backup every import leaves behind."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.cli import main
from app.services.backups import list_backups
from tests.dump import dump_hash
from tests.exports import doudian_line, doudian_orders


def orders(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0]


def test_backup_writes_a_verified_copy_and_lists_it(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    (backup,) = list_backups(demo_db)
    assert backup.reason == "manual"
    assert "verified in" in out
    assert str(backup.path) in out
    assert dump_hash(backup.path) == dump_hash(demo_db)
    assert main(["backup", "--list", "--db", str(demo_db)]) == 0
    listed = capsys.readouterr().out
    assert "manual" in listed
    assert backup.path.name in listed


def test_restore_puts_a_backup_back_and_keeps_the_current_store(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["backup", "--db", str(demo_db)])
    (backup,) = list_backups(demo_db)
    original = dump_hash(demo_db)
    with closing(sqlite3.connect(demo_db)) as conn:
        conn.execute("DELETE FROM order_lines")
        conn.commit()
    capsys.readouterr()
    assert main(["restore", str(backup.path), "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert dump_hash(demo_db) == original
    kept = [b for b in list_backups(demo_db) if b.reason == "restore"]
    assert len(kept) == 1
    assert orders(kept[0].path) == 0
    assert str(kept[0].path) in out


def test_restore_of_a_bad_file_fails_and_changes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00" * 8192)
    before = dump_hash(demo_db)
    assert main(["restore", str(bad), "--db", str(demo_db)]) == 1
    assert "cannot be restored" in capsys.readouterr().err
    assert dump_hash(demo_db) == before


def test_check_passes_a_sound_store_and_fails_a_damaged_one(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", str(demo_db)]) == 0
    assert ": ok" in capsys.readouterr().out
    with open(demo_db, "r+b") as handle:  # damage a page deep inside the order lines
        handle.seek(demo_db.stat().st_size // 2)
        handle.write(b"\xff" * 4096)
    assert main(["check", "--db", str(demo_db)]) == 1
    assert "problem" in capsys.readouterr().out


def test_check_finds_rows_pointing_at_nothing(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with closing(sqlite3.connect(demo_db)) as conn:  # foreign keys off: as an old bug could do
        conn.execute("UPDATE order_lines SET customer_id = 999999 WHERE id = 1")
        conn.commit()
    assert main(["check", "--db", str(demo_db)]) == 1
    assert "order_lines row 1 points at a missing customers" in capsys.readouterr().out


def test_an_import_from_the_command_line_is_followed_by_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    export = doudian_orders(tmp_path / "orders.csv", [doudian_line(n) for n in range(3)])
    assert main(["import", str(export), "--dry-run", "--db", str(db)]) == 0
    assert list_backups(db) == []  # a dry run changes nothing, so nothing to back up
    assert main(["import", str(export), "--db", str(db)]) == 0
    (backup,) = list_backups(db)
    assert backup.reason == "import"
    assert orders(backup.path) == 3
    assert f"Backed up to {backup.path}" in capsys.readouterr().out
    assert main(["import", str(export), "--db", str(db)]) == 0  # unchanged: no new backup
    assert len(list_backups(db)) == 1


def test_backup_commands_need_a_sqlite_store(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SHOPREEL_DATABASE_URL", "postgresql://shop:secret@db.example/shop")
    assert main(["backup"]) == 1
    err = capsys.readouterr().err
    assert "server database" in err
    assert "secret" not in err
