"""``shopreel migrate-store``: a SQLite store copied into a new store, verified, all or nothing.

The copy to PostgreSQL needs the test server (SHOPREEL_TEST_PG_URL; ``make test-pg``); the
SQLite-to-SQLite copy always runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import cli
from app.config import sqlite_url
from app.db import Store
from app.demo import build_demo
from app.services import migrate_store as service
from app.services.migrate_store import MigrateStoreError, migrate_store
from app.services.stats import Month, month_stats
from app.services.store import open_store
from tests.conftest import DEMO_SEED, TODAY
from tests.dump import dump_hash
from tests.query import fetch, scalar

MONTHS = ("2026-09", "2026-10", "2026-11")
MONEY = (
    ("order_lines", "payable_cents"),
    ("order_lines", "refund_cents"),
    ("ad_spend", "spend_cents"),
    ("customer_tiers", "monetary_cents"),
)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop as a SQLite file (built here: on the server run the shared one is not)."""
    path = tmp_path_factory.mktemp("migrate") / "shop.db"
    built = open_store(sqlite_url(path))
    build_demo(built, seed=DEMO_SEED, today=TODAY)
    built.dispose()
    return path


@pytest.fixture
def demo_source(demo_file: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "source.db"
    copy.write_bytes(demo_file.read_bytes())
    opened = open_store(sqlite_url(copy))
    with opened.engine.begin() as conn:  # a row pointing at a later row of its own table
        from sqlalchemy import text

        conn.execute(
            text(
                "UPDATE customers SET merged_into_id = (SELECT MAX(id) FROM customers) "
                "WHERE id = (SELECT MIN(id) FROM customers)"
            )
        )
    yield opened
    opened.dispose()


def stats(store: Store) -> dict[str, Any]:
    reader = store.reader()
    try:
        return {m: month_stats(reader, Month.parse(m)) for m in MONTHS}
    finally:
        reader.close()


def counts(store: Store) -> dict[str, int]:
    return {t.name: scalar(store, f'SELECT COUNT(*) FROM "{t.name}"') for t in service._tables()}  # noqa: S608


def new_plan_item_id(store: Store) -> int:
    from app.models import PlanItem

    with store.session_scope() as session:
        item = PlanItem(title="复制后新建")
        session.add(item)
        session.flush()
        return item.id


def check_copy(source: Store, target: Store) -> None:
    assert counts(target) == counts(source)
    for table, column in MONEY:
        sql = f"SELECT SUM({column}) FROM {table}"  # noqa: S608
        assert scalar(target, sql) == scalar(source, sql) != 0
    assert stats(target) == stats(source)
    assert stats(target)["2026-10"]["orders_paid"] > 0
    highest = scalar(source, "SELECT MAX(id) FROM plan_items")
    assert new_plan_item_id(target) == highest + 1  # the sequence continues after the copy


def test_the_demo_shop_copies_to_a_server_store_and_verifies(
    demo_source: Store, pg_database: str
) -> None:
    summary = migrate_store(demo_source, pg_database)
    target = Store(pg_database)
    try:
        check_copy(demo_source, target)
        assert fetch(target, "SELECT version_num FROM alembic_version") == [("0005",)]
        # A merged customer points at its survivor, a later row: set once both rows exist.
        merged = "SELECT id, merged_into_id FROM customers WHERE merged_into_id IS NOT NULL"
        assert fetch(target, merged) == fetch(demo_source, merged)
        assert len(fetch(target, merged)) == 1
    finally:
        target.dispose()
    lines = {c.table: c for c in summary.tables}
    assert lines["order_lines"].rows == scalar(demo_source, "SELECT COUNT(*) FROM order_lines")
    assert lines["order_lines"].cents["payable_cents"] == scalar(
        demo_source, "SELECT SUM(payable_cents) FROM order_lines"
    )


def test_a_target_that_holds_data_is_refused_and_left_alone(
    demo_source: Store, pg_database: str
) -> None:
    migrate_store(demo_source, pg_database)
    target = Store(pg_database)
    try:
        before = counts(target)
        with pytest.raises(MigrateStoreError, match=r"already holds data \(\d[\d,]* rows in "):
            migrate_store(demo_source, pg_database)
        assert counts(target) == before
    finally:
        target.dispose()


def test_sqlite_to_sqlite_makes_an_identical_store(demo_source: Store, tmp_path: Path) -> None:
    target_url = sqlite_url(tmp_path / "copy.db")
    summary = migrate_store(demo_source, target_url)
    target = Store(target_url)
    try:
        assert dump_hash(target) == dump_hash(demo_source)
        check_copy(demo_source, target)
    finally:
        target.dispose()
    assert summary.rows == sum(counts(demo_source).values())


def test_a_mismatch_names_the_table_and_leaves_the_target_empty(
    demo_source: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_table = service._copy_table

    def drop_a_refund(table: Any, reading: Any, writing: Any) -> int:
        copied = copy_table(table, reading, writing)
        if table.name == "order_lines":
            from sqlalchemy import text

            writing.execute(
                text(
                    "UPDATE order_lines SET refund_cents = 0 WHERE id = "
                    "(SELECT MIN(id) FROM order_lines WHERE refund_cents > 0)"
                )
            )
        return copied

    monkeypatch.setattr(service, "_copy_table", drop_a_refund)
    target_url = sqlite_url(tmp_path / "copy.db")
    with pytest.raises(MigrateStoreError, match=r"^order_lines\.refund_cents: the copy totals"):
        migrate_store(demo_source, target_url)
    target = Store(target_url)
    try:
        assert set(counts(target).values()) == {0}
    finally:
        target.dispose()


def test_the_store_cannot_be_copied_onto_itself(demo_source: Store) -> None:
    with pytest.raises(MigrateStoreError, match="is the store being copied"):
        migrate_store(demo_source, demo_source.url)


def test_the_command_prints_the_verified_totals(
    demo_source: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(demo_source.sqlite_path)
    target = tmp_path / "copy.db"
    assert cli.main(["migrate-store", "--db", source, "--to", str(target)]) == 0
    out = capsys.readouterr().out
    paid = scalar(demo_source, "SELECT SUM(payable_cents) FROM order_lines")
    assert f"payable_cents {paid:,}" in out
    assert "counts and money totals equal" in out
    assert cli.main(["migrate-store", "--db", source, "--to", str(target)]) == 1
    assert "already holds data" in capsys.readouterr().err
