"""kill -9 during `shopreel import`: the store stays sound and every file lands whole or not at all.

Each trial starts the real command in a child process on three generated 抖店 exports, waits
until the child is about to import, sleeps a seeded random fraction of a measured import (the
backup after it included), SIGKILLs it, then checks the store: integrity and foreign keys, each
file's order lines all there or none, a batch recorded exactly when its lines are, every backup
verifies. Importing again must then bring in whatever was missing.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from app.config import sqlite_url
from app.db import foreign_key_check, integrity_check
from app.services.backups import list_backups, verify_backup
from app.services.imports import import_files
from app.services.store import open_store
from tests.exports import doudian_line, doudian_orders

pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX (TerminateProcess elsewhere)"),
]

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 24
SEED = 20261128
FILES = 3
LINES = 2500
# The child loads what the import needs, says so, then runs the real command.
DRIVER = (
    "import sys\n"
    "from app.cli import main\n"
    "import app.services.imports, app.services.backups, app.importers.writers.orders\n"
    "print('ready', flush=True)\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def prefix(file_number: int) -> str:
    return f"6944{file_number}"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three order exports with their own line keys (a shared pool of buyers across them)."""
    folder = tmp_path_factory.mktemp("exports")
    files = []
    for f in range(FILES):
        lines = []
        for n in range(LINES):
            line = doudian_line(n, buyer=n % 700)
            line[0] = f"\t6920{f}{n:014d}"  # 主订单编号
            line[1] = f"\t{prefix(f)}{n:014d}"  # 子订单编号: the line key
            lines.append(line)
        files.append(doudian_orders(folder / f"抖店订单_{f}.csv", lines))
    return files


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "shop.db"
    open_store(sqlite_url(path)).dispose()
    return path


def start_import(db: Path, files: list[Path]) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, "import", *map(str, files), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def fresh_copy(empty_store: Path, folder: Path) -> Path:
    folder.mkdir()
    db = folder / "shop.db"
    shutil.copyfile(empty_store, db)
    return db


def lines_of_each_file(db: Path) -> list[int]:
    with closing(sqlite3.connect(db)) as conn:
        return [
            conn.execute(
                "SELECT COUNT(*) FROM order_lines WHERE line_key LIKE ?", (f"{prefix(f)}%",)
            ).fetchone()[0]
            for f in range(FILES)
        ]


def batches_and_their_lines(db: Path) -> list[tuple[str, int, int]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT b.file_name, b.rows_total, COUNT(o.id) FROM import_batches b "
            "LEFT JOIN order_lines o ON o.batch_id = b.id "
            "WHERE b.status = 'imported' GROUP BY b.id"
        ).fetchall()


def assert_consistent(db: Path) -> int:
    """The store after a kill; returns how many files had landed."""
    assert integrity_check(db) == []
    assert foreign_key_check(db) == []
    counts = lines_of_each_file(db)
    assert all(c in (0, LINES) for c in counts), f"a file landed in part: {counts}"
    batches = batches_and_their_lines(db)
    assert all(total == lines == LINES for _name, total, lines in batches), batches
    assert len(batches) == sum(1 for c in counts if c == LINES)
    for backup in list_backups(db):
        assert verify_backup(backup.path) == [], backup.path
    return len(batches)


def measured_import_seconds(empty_store: Path, exports: list[Path], scratch: Path) -> float:
    db = fresh_copy(empty_store, scratch)
    child = start_import(db, exports)
    started = time.perf_counter()
    child.communicate(timeout=120)
    assert child.returncode == 0
    assert lines_of_each_file(db) == [LINES] * FILES
    return time.perf_counter() - started


def test_kill_9_during_imports_never_leaves_a_file_half_imported(
    empty_store: Path, exports: list[Path], tmp_path: Path
) -> None:
    duration = measured_import_seconds(empty_store, exports, tmp_path / "calibration")
    rng = random.Random(SEED)
    landed: Counter[int] = Counter()
    for trial in range(TRIALS):
        db = fresh_copy(empty_store, tmp_path / f"trial{trial}")
        child = start_import(db, exports)
        time.sleep(rng.uniform(0, duration))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        landed[assert_consistent(db)] += 1

        store = open_store(sqlite_url(db))
        try:
            results = import_files(store, exports)
        finally:
            store.dispose()
        assert {r.status for r in results} <= {"imported", "unchanged"}
        assert lines_of_each_file(db) == [LINES] * FILES
        assert assert_consistent(db) == FILES
    print(f"files landed before the kill, over {TRIALS} trials: {dict(sorted(landed.items()))}")
    assert sum(landed.values()) == TRIALS
    assert landed[FILES] < TRIALS, "every kill came after the import: the harness tested nothing"
