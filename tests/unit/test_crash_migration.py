"""kill -9 during `shopreel migrate` on a store of the oldest released schema.

Each trial copies a filled 0001 store, starts the real command in a child process, waits until
the child is about to migrate, sleeps a seeded random fraction of a measured migration (the
pre-migration backup included), SIGKILLs it, then checks the store: integrity and foreign keys
ok, the schema either the old one or the newest (the upgrade is one transaction), every row of
the old schema still there, and the pre-migration backup present (and equal to the old store)
whenever the schema moved. Opening the store again must finish the upgrade.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app import migrations
from app.config import sqlite_url
from app.db import foreign_key_check, integrity_check, sqlite_revision
from app.services.backups import list_backups, verify_backup
from app.services.store import open_store
from tests.dump import dump_hash
from tests.stores import build_store_at, columns_by_table, fill_every_table, rows_by_id

pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX (TerminateProcess elsewhere)"),
]

ROOT = Path(__file__).resolve().parents[2]
OLDEST = migrations.KNOWN_REVISIONS[0]
TRIALS = 16
SEED = 20261128
ROWS = 500  # per table: about 3 MB, a migration of a few tenths of a second
DRIVER = (
    "import sys\n"
    "from app.cli import main\n"
    "import app.services.store, app.services.backups, alembic.command, sqlalchemy\n"
    "print('ready', flush=True)\n"
    "sys.exit(main(sys.argv[1:]))\n"
)

Rows = dict[str, tuple[list[str], dict[Any, tuple[Any, ...]]]]


@pytest.fixture(scope="module")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("oldest") / "shop.db"
    build_store_at(path, OLDEST)
    fill_every_table(path, rows=ROWS)
    return path


@pytest.fixture(scope="module")
def old_rows(old_store: Path) -> Rows:
    """Every row of the old store, by table, over the old schema's columns."""
    return {
        table: (columns, rows_by_id(old_store, table, columns))
        for table, columns in columns_by_table(old_store).items()
        if table != "alembic_version"
    }


def start_migrate(db: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, "migrate", "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def fresh_copy(old_store: Path, folder: Path) -> Path:
    folder.mkdir()
    db = folder / "shop.db"
    shutil.copyfile(old_store, db)
    return db


def assert_intact(db: Path, old_rows: Rows) -> None:
    """Sound, and every row of the old schema still there with the same values."""
    assert integrity_check(db) == []
    assert foreign_key_check(db) == []
    for table, (columns, rows) in old_rows.items():
        assert rows_by_id(db, table, columns) == rows, table


def measured_migrate_seconds(old_store: Path, scratch: Path) -> float:
    db = fresh_copy(old_store, scratch)
    child = start_migrate(db)
    started = time.perf_counter()
    child.communicate(timeout=120)
    assert child.returncode == 0
    assert sqlite_revision(db) == migrations.HEAD_REVISION
    return time.perf_counter() - started


def test_kill_9_during_migrate_leaves_the_old_or_the_new_schema_with_every_row(
    old_store: Path, old_rows: Rows, tmp_path: Path
) -> None:
    assert sum(len(rows) for _columns, rows in old_rows.values()) > 10_000
    old_dump = dump_hash(old_store)
    duration = measured_migrate_seconds(old_store, tmp_path / "calibration")
    rng = random.Random(SEED)
    outcomes: Counter[str | None] = Counter()
    for trial in range(TRIALS):
        db = fresh_copy(old_store, tmp_path / f"trial{trial}")
        child = start_migrate(db)
        time.sleep(rng.uniform(0, duration))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)

        revision = sqlite_revision(db)
        outcomes[revision] += 1
        assert revision in (OLDEST, migrations.HEAD_REVISION)
        assert_intact(db, old_rows)
        backups = list_backups(db)
        for backup in backups:
            assert verify_backup(backup.path) == [], backup.path
        if revision == migrations.HEAD_REVISION:
            (backup,) = backups
            assert backup.reason == "migration"
            assert dump_hash(backup.path) == old_dump

        open_store(sqlite_url(db)).dispose()  # the next start finishes the upgrade
        assert sqlite_revision(db) == migrations.HEAD_REVISION
        assert_intact(db, old_rows)
        assert any(dump_hash(b.path) == old_dump for b in list_backups(db))
    print(f"schema after the kill, over {TRIALS} trials: {dict(outcomes)}")
    assert outcomes[OLDEST] > 0, "every kill came after the upgrade: the harness tested nothing"
