"""The store: schema from migrations, pragmas, constraints, revision checks, rollback of DDL."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from app import migrations
from app.config import sqlite_url
from app.db import Store, sqlite_revision
from app.models import Account, Base, Customer, Order, Shop, Video, VideoSnapshot
from app.services.store import StoreDamagedError, open_store


def test_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert set(inspect(store.engine).get_table_names()) >= set(Base.metadata.tables)


def test_head_revision_constant_matches_the_scripts() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert script.get_current_head() == migrations.HEAD_REVISION
    assert set(migrations.KNOWN_REVISIONS) == {r.revision for r in script.walk_revisions()}


@pytest.mark.sqlite_only
def test_sqlite_connections_get_the_safe_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0


def test_order_lines_are_unique_per_platform_and_line_key(store: Store) -> None:
    with store.session_scope() as s:
        s.add(Order(platform="douyin", line_key="6912345678901234567", order_no="1"))
    with pytest.raises(IntegrityError), store.session_scope() as s:
        s.add(Order(platform="douyin", line_key="6912345678901234567", order_no="2"))
    with store.session_scope() as s:  # the same key on another platform is another line
        s.add(Order(platform="tiktok", line_key="6912345678901234567", order_no="3"))
        assert s.scalar(select(Order.line_key).where(Order.order_no == "3")) == (
            "6912345678901234567"
        )


def test_foreign_keys_are_enforced_and_cascade(store: Store) -> None:
    with pytest.raises(IntegrityError), store.session_scope() as s:
        s.add(VideoSnapshot(video_id=999, snapshot_at=_dt("2026-10-01")))
    with store.session_scope() as s:
        video = Video(platform="douyin", video_key="v1", title="t")
        video.snapshots.append(VideoSnapshot(snapshot_at=_dt("2026-10-01"), views=10))
        s.add(video)
    with store.session_scope() as s:
        s.execute(text("DELETE FROM videos"))
    with store.session_scope() as s:
        assert s.scalar(select(VideoSnapshot.id)) is None


def _write_then_fail(store: Store) -> None:
    with store.session_scope() as s:
        shop = Shop(name="半途")
        shop.accounts.append(Account(platform="douyin", handle="a"))
        s.add(shop)
        s.flush()
        raise RuntimeError("stop")


def test_a_failed_unit_of_work_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(RuntimeError):
        _write_then_fail(store)
    with store.session_scope() as s:
        assert s.scalar(select(Shop.id)) is None
        assert s.scalar(select(Account.id)) is None


def test_customer_identity_ids_stay_text(store: Store) -> None:
    with store.session_scope() as s:
        s.add(Order(platform="douyin", line_key="0069123456789012345", order_no="0001"))
        s.add(Customer(display_name="张**", masked_phone="138****0000"))
    with store.session_scope() as s:
        assert s.scalar(select(Order.line_key)) == "0069123456789012345"


def test_reopening_a_current_store_runs_no_migration(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "s.db")
    open_store(url).dispose()
    before = (tmp_path / "s.db").stat().st_mtime_ns
    assert sqlite_revision(tmp_path / "s.db") == migrations.HEAD_REVISION
    open_store(url).dispose()
    assert (tmp_path / "s.db").stat().st_mtime_ns == before


def test_a_store_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    open_store(sqlite_url(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    data_before = path.read_bytes()
    with pytest.raises(migrations.StoreTooNewError, match="newer ShopReel"):
        open_store(sqlite_url(path))
    assert path.read_bytes() == data_before


def test_a_damaged_file_is_reported_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreDamagedError, match="damaged"):
        open_store(sqlite_url(path))


def test_a_failing_migration_rolls_back_its_ddl_whole(tmp_path: Path) -> None:
    """With the BEGIN recipe and transactional_ddl, a half-run revision leaves no trace."""
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(migrations.__file__).parent, scripts)
    (scripts / "versions" / "9999_broken.py").write_text(
        '"""broken"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9999'\ndown_revision = '{migrations.HEAD_REVISION}'\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.add_column('shops', sa.Column('motto', sa.Text))\n"
        "    raise RuntimeError('step 3 failed')\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    store = open_store(sqlite_url(tmp_path / "s.db"))
    config = migrations.alembic_config()
    config.set_main_option("script_location", str(scripts))
    with pytest.raises(RuntimeError, match="step 3"):
        _upgrade_with(store, config)
    tables = inspect(store.engine).get_table_names()
    assert "half_done" not in tables
    assert "motto" not in {c["name"] for c in inspect(store.engine).get_columns("shops")}
    assert migrations.current_revision(store.engine) == migrations.HEAD_REVISION
    store.dispose()


def _upgrade_with(store: Store, config: object) -> None:
    from alembic import command

    with store.engine.begin() as conn:
        config.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.upgrade(config, "head")  # type: ignore[arg-type]


def _dt(text_value: str):  # noqa: ANN202 - tiny local helper
    from datetime import datetime

    return datetime.fromisoformat(text_value)


def test_server_sums_come_back_as_plain_numbers() -> None:
    from decimal import Decimal

    from app.db import _plain

    assert _plain(Decimal("373502")) == 373502
    assert isinstance(_plain(Decimal("373502")), int)
    assert _plain(Decimal("1.5")) == 1.5
    assert _plain("x") == "x"


def test_an_old_store_is_upgraded_on_open_and_keeps_its_rows(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "old.db")
    old = Store(url)
    migrations.upgrade(old.engine, "0001")
    with old.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO order_lines (platform, line_key, order_no, product_name, sku, quantity,"
            " payable_cents, refund_cents, currency, status, cancelled, traffic_source,"
            " traffic_format, author, region, channel_code)"
            " VALUES ('douyin', '6944348904727432479', '1', '开衫', '', 1, 11900, 0, 'CNY',"
            " '已完成', 0, '', '', '', '', '')"
        )
    old.dispose()
    assert sqlite_revision(tmp_path / "old.db") == "0001"
    store = open_store(url)
    assert sqlite_revision(tmp_path / "old.db") == migrations.HEAD_REVISION
    with store.session_scope() as s:
        line = s.scalars(select(Order)).one()
        assert (line.line_key, line.payable_cents, line.after_sale_status) == (
            "6944348904727432479",
            11900,
            "",
        )
    store.dispose()


# Backups around upgrades --------------------------------------------------------------------------


def _store_at(path: Path, revision: str) -> None:
    old = Store(sqlite_url(path))
    migrations.upgrade(old.engine, revision)
    with old.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO shops (name) VALUES ('旧店')")
    old.dispose()


def _broken_head(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the app's newest revision a '9999' that fails after two steps."""
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(migrations.__file__).parent, scripts)
    (scripts / "versions" / "9999_broken.py").write_text(
        '"""broken"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9999'\ndown_revision = '{migrations.HEAD_REVISION}'\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    with op.batch_alter_table('videos') as batch:\n"
        "        batch.add_column(sa.Column('motto', sa.Text))\n"
        "    raise RuntimeError('step 3 failed')\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    config = migrations.alembic_config()
    config.set_main_option("script_location", str(scripts))
    monkeypatch.setattr(migrations, "alembic_config", lambda: config)
    monkeypatch.setattr(migrations, "HEAD_REVISION", "9999")
    monkeypatch.setattr(migrations, "KNOWN_REVISIONS", (*migrations.KNOWN_REVISIONS, "9999"))


def test_an_upgrade_starts_with_a_verified_backup_of_the_old_store(tmp_path: Path) -> None:
    from app.services.backups import list_backups, verify_backup
    from tests.dump import dump_hash

    path = tmp_path / "old.db"
    _store_at(path, "0002")
    before = dump_hash(path)
    open_store(sqlite_url(path)).dispose()
    (backup,) = list_backups(path)
    assert backup.reason == "migration"
    assert verify_backup(backup.path) == []
    assert sqlite_revision(backup.path) == "0002"
    assert dump_hash(backup.path) == before


def test_a_new_or_current_store_is_not_backed_up_on_open(tmp_path: Path) -> None:
    from app.services.backups import backups_dir

    url = sqlite_url(tmp_path / "s.db")
    open_store(url).dispose()
    open_store(url).dispose()
    assert not backups_dir(tmp_path / "s.db").exists()


def test_a_failed_upgrade_on_open_changes_nothing_and_keeps_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.backups import list_backups, verify_backup
    from app.services.store import MigrationError
    from tests.dump import dump_hash

    path = tmp_path / "s.db"
    _store_at(path, migrations.HEAD_REVISION)
    before = dump_hash(path)
    _broken_head(tmp_path, monkeypatch)
    with pytest.raises(MigrationError, match="rolled back") as raised:
        open_store(sqlite_url(path))
    assert dump_hash(path) == before
    (backup,) = list_backups(path)
    assert str(backup.path) in str(raised.value)
    assert verify_backup(backup.path) == []
    assert dump_hash(backup.path) == before


def test_a_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    from app.services.store import NotAStoreError

    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    data_before = path.read_bytes()
    with pytest.raises(NotAStoreError, match="not a ShopReel store"):
        open_store(sqlite_url(path))
    assert path.read_bytes() == data_before


def test_rebuilding_a_table_in_an_upgrade_keeps_the_rows_pointing_at_it(tmp_path: Path) -> None:
    """0003 rebuilds `videos` (batch mode): with foreign keys on, the old table's DROP would
    cascade and delete every snapshot and unlink every order from its video."""
    path = tmp_path / "old.db"
    old = Store(sqlite_url(path))
    migrations.upgrade(old.engine, "0002")
    with old.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO videos (id, platform, video_key, title, tags, format)"
            " VALUES (1, 'douyin', 'v1', '开衫穿搭', '', '')"
        )
        conn.exec_driver_sql(
            "INSERT INTO video_snapshots (video_id, snapshot_at, views)"
            " VALUES (1, '2026-10-01 00:00:00', 1200)"
        )
        conn.exec_driver_sql(
            "INSERT INTO order_lines (platform, line_key, order_no, product_name, sku, quantity,"
            " payable_cents, refund_cents, currency, status, cancelled, traffic_source,"
            " traffic_format, author, region, channel_code, video_id)"
            " VALUES ('douyin', 'k1', '1', '开衫', '', 1, 11900, 0, 'CNY', '已完成', 0, '', '',"
            " '', '', '', 1)"
        )
    old.dispose()
    open_store(sqlite_url(path)).dispose()
    assert sqlite_revision(path) == migrations.HEAD_REVISION
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT video_id, views FROM video_snapshots").fetchall() == [(1, 1200)]
        assert conn.execute("SELECT video_id FROM order_lines").fetchall() == [(1,)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_unreachable_team_server_is_a_clear_error_without_the_password() -> None:
    from app.services.store import ServerUnreachableError

    with pytest.raises(ServerUnreachableError) as refused:
        open_store("postgresql+psycopg://shop:s3cret@127.0.0.1:1/shopreel")
    message = str(refused.value)
    assert "cannot be reached" in message
    assert "127.0.0.1:1" in message
    assert "Connection refused" in message or "connection failed" in message
    assert "s3cret" not in message


def test_a_window_notices_what_another_app_commits(store: Store, tmp_path: Path) -> None:
    """The reader's data version moves when a teammate (another Store on the same URL) imports
    or edits, and stays put while nothing is committed (SQLite file or server alike)."""
    from datetime import datetime

    from app.services import plan
    from app.services.imports import import_files
    from tests.exports import doudian_line, doudian_orders

    reader = store.reader()
    other = open_store(store.url)
    try:
        first = reader.data_version()
        assert first is not None
        assert reader.data_version() == first
        import_files(other, [doudian_orders(tmp_path / "a.csv", [doudian_line(1)])])
        imported = reader.data_version()
        assert imported != first
        row = plan.PlanItemRow(id=None, title="开箱", planned_at=datetime(2026, 12, 1, 20))
        plan.save_plan_item(other, row)
        assert reader.data_version() not in (first, imported)
    finally:
        reader.close()
        other.dispose()
