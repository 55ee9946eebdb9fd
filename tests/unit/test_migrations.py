"""Every released schema version upgrades with its data intact; a failure anywhere changes nothing.

Stores at each released revision are built by the revision's own scripts (checked against the
frozen schemas in tests/fixtures/schemas) and filled with rows in every table (tests/stores.py).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app import migrations
from app.config import sqlite_url
from app.db import foreign_key_check, integrity_check, sqlite_revision
from app.services.backups import list_backups, verify_backup
from app.services.store import MigrationError, open_store
from tests.dump import dump_hash
from tests.stores import (
    build_store_at,
    columns_by_table,
    fill_every_table,
    frozen_schema,
    rows_by_id,
    schema_of,
)

OLD_REVISIONS = [r for r in migrations.KNOWN_REVISIONS if r != migrations.HEAD_REVISION]
# Fail at every n-th SQL statement of an upgrade (and at each of the last few). A full sweep of
# every statement: SHOPREEL_MIGRATION_STRIDE=1 (about a minute).
STRIDE = int(os.environ.get("SHOPREEL_MIGRATION_STRIDE", "6"))


class InjectedFailure(Exception):
    """Raised in place of one SQL statement of an upgrade."""


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A filled store at every released revision, built once; copy before changing."""
    folder = tmp_path_factory.mktemp("released")
    stores = {}
    for revision in migrations.KNOWN_REVISIONS:
        path = folder / revision / "shop.db"
        path.parent.mkdir()
        build_store_at(path, revision)
        fill_every_table(path)
        stores[revision] = path
    return stores


def copy_of(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "shop.db"
    shutil.copyfile(source, target)
    return target


@pytest.mark.parametrize("revision", migrations.KNOWN_REVISIONS)
def test_each_released_revision_still_builds_its_frozen_schema(
    revision: str, tmp_path: Path
) -> None:
    """Editing a released migration would upgrade users' stores differently from new ones."""
    build_store_at(tmp_path / "s.db", revision)
    assert schema_of(tmp_path / "s.db") == frozen_schema(revision)


def test_every_known_revision_has_a_frozen_schema() -> None:
    for revision in migrations.KNOWN_REVISIONS:
        tables = [line for line in frozen_schema(revision).splitlines() if line.startswith("table")]
        assert len(tables) >= 25, revision


@pytest.mark.parametrize("revision", OLD_REVISIONS)
def test_a_store_of_every_released_version_upgrades_with_its_data_intact(
    revision: str, released: dict[str, Path], tmp_path: Path
) -> None:
    path = copy_of(released[revision], tmp_path)
    old_columns = columns_by_table(path)
    before = {t: rows_by_id(path, t, cols) for t, cols in old_columns.items()}
    assert sum(len(rows) for rows in before.values()) > 100
    old_dump = dump_hash(path)

    open_store(sqlite_url(path)).dispose()

    assert sqlite_revision(path) == migrations.HEAD_REVISION
    assert integrity_check(path) == []
    assert foreign_key_check(path) == []
    for table, columns in old_columns.items():
        if table != "alembic_version":
            assert rows_by_id(path, table, columns) == before[table], table
    (backup,) = list_backups(path)
    assert backup.reason == "migration"
    assert verify_backup(backup.path) == []
    assert dump_hash(backup.path) == old_dump


def downgrade(path: Path, revision: str) -> None:
    """Take a store down to ``revision`` with its released downgrade scripts (keys off)."""
    from alembic import command

    from app.db import Store

    store = Store(sqlite_url(path))
    config = migrations.alembic_config()
    with store.engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    store.dispose()


def test_the_demo_shop_taken_back_to_0001_upgrades_with_every_row(demo_db: Path) -> None:
    """The same at a shop's real volume: thousands of orders, Chinese text, masked phones."""
    downgrade(demo_db, "0001")
    assert sqlite_revision(demo_db) == "0001"
    old_columns = columns_by_table(demo_db)
    before = {t: rows_by_id(demo_db, t, cols) for t, cols in old_columns.items()}
    assert len(before["order_lines"]) > 1000
    assert len(before["video_snapshots"]) > 100

    open_store(sqlite_url(demo_db)).dispose()

    assert foreign_key_check(demo_db) == []
    for table, columns in old_columns.items():
        if table != "alembic_version":
            assert rows_by_id(demo_db, table, columns) == before[table], table


@contextmanager
def failing_at(statement: int) -> Iterator[list[int]]:
    """Make the ``statement``-th SQL statement any engine runs raise instead (0: none)."""
    seen = [0]

    def before_cursor_execute(*_args: object) -> None:
        seen[0] += 1
        if seen[0] == statement:
            raise InjectedFailure(f"injected at statement {statement}")

    event.listen(Engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", before_cursor_execute)


def statements_of_upgrade(source: Path | None, scratch: Path) -> int:
    path = copy_of(source, scratch) if source else scratch / "shop.db"
    with failing_at(0) as seen:
        open_store(sqlite_url(path)).dispose()
    return seen[0]


def steps_to_fail(total: int) -> list[int]:
    return sorted({*range(1, total + 1, STRIDE), *range(max(1, total - 4), total + 1)})


@pytest.mark.parametrize("revision", [None, *OLD_REVISIONS], ids=["new", *OLD_REVISIONS])
def test_a_failure_at_any_step_of_an_upgrade_leaves_schema_and_data_unchanged(
    revision: str | None, released: dict[str, Path], tmp_path: Path
) -> None:
    source = released[revision] if revision else None
    total = statements_of_upgrade(source, tmp_path / "count")
    assert total > 20  # the counter saw the upgrade (0003 → 0004 alone is ~45)
    for step in steps_to_fail(total):
        folder = tmp_path / f"step{step}"
        path = copy_of(source, folder) if source else folder / "shop.db"
        folder.mkdir(exist_ok=True)
        schema_before = schema_of(path) if source else ""
        dump_before = dump_hash(path) if source else None
        with failing_at(step), pytest.raises(MigrationError, match="rolled back"):
            open_store(sqlite_url(path))
        assert schema_of(path) == schema_before, f"schema changed, failing at {step}/{total}"
        if source is None:
            assert list_backups(path) == []
            continue
        assert sqlite_revision(path) == revision
        assert dump_hash(path) == dump_before, f"data changed, failing at {step}/{total}"
        (backup,) = list_backups(path)
        assert verify_backup(backup.path) == []
        assert dump_hash(backup.path) == dump_before


def test_a_store_from_a_newer_app_is_refused_and_never_touched(
    released: dict[str, Path], tmp_path: Path
) -> None:
    path = copy_of(released[migrations.HEAD_REVISION], tmp_path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0042'")
        conn.commit()
    data_before = path.read_bytes()
    with pytest.raises(migrations.StoreTooNewError, match="newer ShopReel"):
        open_store(sqlite_url(path))
    assert path.read_bytes() == data_before
    assert list_backups(path) == []
