"""Importing files: recognised, atomic, idempotent, newer wins, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.db import Store
from app.importers.undo import UndoRefused
from app.services.imports import import_files, undo_import
from app.services.progress import RecordingProgress
from tests.dump import dump_hash
from tests.exports import channels_videos, doudian_line, doudian_orders, write_csv
from tests.query import scalar


def count(store: Store, sql: str) -> object:
    return scalar(store, sql)


def test_a_file_imports_and_is_recorded(store: Store, tmp_path: Path) -> None:
    path = doudian_orders(
        tmp_path / "1788226466_f61614cd00215d6ac3380feea5127266.csv",
        [
            doudian_line(1),
            doudian_line(2, amount="1,299.00"),
            doudian_line(3, paid=""),
        ],
    )
    (result,) = import_files(store, [path])
    assert (result.status, result.kind, result.platform) == (
        "imported",
        "douyin_shop_orders",
        "douyin",
    )
    assert (result.rows, result.inserted, result.updated) == (3, 3, 0)
    assert count(store, "SELECT SUM(payable_cents) FROM order_lines") == 11900 + 129900 + 11900
    assert (
        count(store, "SELECT line_key FROM order_lines ORDER BY id LIMIT 1")
        == "6944348904727400001"
    )
    assert count(store, "SELECT COUNT(*) FROM order_lines WHERE cancelled") == 1
    assert count(store, "SELECT COUNT(*) FROM customers") == 3
    assert count(store, "SELECT snapshot_at FROM import_batches").startswith("2026-09-01 09:34:26")


def test_the_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = doudian_orders(tmp_path / "orders.csv", [doudian_line(1), doudian_line(2)])
    import_files(store, [path])
    before = dump_hash(store)
    (again,) = import_files(store, [path])
    assert again.status == "unchanged"
    assert dump_hash(store) == before


def test_a_newer_export_updates_and_an_older_one_does_not(store: Store, tmp_path: Path) -> None:
    old = doudian_orders(
        tmp_path / "1788226466_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv",
        [
            doudian_line(1),
            doudian_line(2),
        ],
    )
    new = doudian_orders(
        tmp_path / "1790816971_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.csv",
        [
            doudian_line(1, status="已关闭", after_sale="同意退款，退款成功"),
            doudian_line(2),
            doudian_line(3),
        ],
    )
    import_files(store, [old])
    (result,) = import_files(store, [new])
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    assert count(store, "SELECT SUM(refund_cents) FROM order_lines") == 11900
    stale = doudian_orders(
        tmp_path / "1788226400_cccccccccccccccccccccccccccccccc.csv",
        [
            doudian_line(1, status="已完成"),
        ],
    )
    (older,) = import_files(store, [stale])
    assert (older.updated, older.skipped) == (0, 1)
    assert count(store, "SELECT status FROM order_lines WHERE line_key LIKE '%00001'") == "已关闭"


def test_a_bad_cell_rejects_the_whole_file_and_names_it(store: Store, tmp_path: Path) -> None:
    lines = [doudian_line(n) for n in range(1, 60)]
    lines[47] = doudian_line(48, amount="一百")
    path = doudian_orders(tmp_path / "orders.csv", lines)
    before = dump_hash(store)
    (result,) = import_files(store, [path])
    assert result.status == "rejected"
    assert (result.kind, result.platform) == ("douyin_shop_orders", "douyin")  # recognised
    assert result.error is not None
    assert (result.error.row, result.error.column) == (49, "订单应付金额")
    assert "orders.csv" in str(result.error)
    assert "一百" in str(result.error)
    assert dump_hash(store) == before


def test_ids_mangled_by_excel_are_refused(store: Store, tmp_path: Path) -> None:
    line = doudian_line(1)
    line[1] = "6.94434890472744E+18"
    (result,) = import_files(store, [doudian_orders(tmp_path / "o.csv", [line])])
    assert result.status == "rejected"
    assert "Excel" in str(result.error)
    assert result.error.column == "子订单编号"
    assert count(store, "SELECT COUNT(*) FROM order_lines") == 0


def test_an_unknown_table_is_not_guessed(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mine.csv", ["日期", "备注", "金额"], [["2026-10-01", "x", "3"]])
    (result,) = import_files(store, [path])
    assert result.status == "rejected"
    assert "not an export ShopReel recognises" in str(result.error)


def test_dry_run_counts_but_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = channels_videos(tmp_path / "视频号_动态数据明细.csv", [100, 200, 300])
    before = dump_hash(store)
    (result,) = import_files(store, [path], dry_run=True)
    assert (result.status, result.inserted) == ("imported", 3)
    assert dump_hash(store) == before


def test_a_dry_run_marks_the_same_file_again_as_already_imported(
    store: Store, tmp_path: Path
) -> None:
    path = channels_videos(tmp_path / "视频号_动态数据明细.csv", [100, 200, 300])
    copy = tmp_path / "copy of it.csv"
    copy.write_bytes(path.read_bytes())
    first, again = import_files(store, [path, copy], dry_run=True)
    assert (first.status, first.inserted) == ("imported", 3)
    assert (again.status, again.kind, again.platform) == ("unchanged", first.kind, "channels")
    assert scalar(store, "SELECT COUNT(*) FROM import_batches") == 0


def test_cancel_rolls_back_the_current_file(store: Store, tmp_path: Path) -> None:
    path = channels_videos(tmp_path / "v.csv", [100, 200])
    before = dump_hash(store)
    (result,) = import_files(store, [path], progress=RecordingProgress(cancel_after=1))
    assert result.status == "cancelled"
    assert dump_hash(store) == before


def test_video_snapshots_keep_the_newest_numbers(store: Store, tmp_path: Path) -> None:
    first = channels_videos(tmp_path / "a_20261001.csv", [100, 200])
    second = channels_videos(tmp_path / "b_20261101.csv", [150, 200, 50])
    import_files(store, [first])
    (result,) = import_files(store, [second])
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    assert count(store, "SELECT COUNT(*) FROM videos") == 3
    assert count(store, "SELECT COUNT(*) FROM video_snapshots") == 5


def test_undo_puts_the_store_back_exactly(store: Store, tmp_path: Path) -> None:
    empty = dump_hash(store)
    a = doudian_orders(
        tmp_path / "1788226466_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv", [doudian_line(1)]
    )
    b = doudian_orders(
        tmp_path / "1790816971_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.csv",
        [
            doudian_line(1, status="已关闭", after_sale="同意退款，退款成功"),
            doudian_line(2),
        ],
    )
    (first,) = import_files(store, [a])
    after_a = dump_hash(store)
    (second,) = import_files(store, [b])
    with pytest.raises(UndoRefused) as refused:
        undo_import(store, first.batch_id)
    assert refused.value.later == [second.batch_id]
    undo_import(store, second.batch_id)
    assert count(store, "SELECT status FROM order_lines") == "已完成"
    assert count(store, "SELECT COUNT(*) FROM order_lines") == 1
    undo_import(store, first.batch_id)
    assert count(store, "SELECT COUNT(*) FROM order_lines") == 0
    assert count(store, "SELECT COUNT(*) FROM customers") == 0
    assert count(store, "SELECT COUNT(*) FROM import_batches WHERE status = 'undone'") == 2
    assert after_a != empty
    (again,) = import_files(store, [a])
    assert again.status == "imported"  # an undone file can come in again


@pytest.mark.sqlite_only  # a server store's preview checks each file on its own (a dry run)
def test_a_preview_sees_the_files_before_it_and_writes_nothing(
    store: Store, tmp_path: Path
) -> None:
    from app.services.imports import preview_files

    a = doudian_orders(
        tmp_path / "1788226466_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv",
        [doudian_line(1), doudian_line(2)],
    )
    b = doudian_orders(
        tmp_path / "1790816971_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.csv",
        [doudian_line(2, status="已关闭", after_sale="同意退款，退款成功"), doudian_line(3)],
    )
    before = dump_hash(store)
    first, second, again = preview_files(store, [a, b, a])
    assert (first.status, first.inserted) == ("imported", 2)
    assert (second.inserted, second.updated) == (1, 1)  # line 2 came with the first file
    assert again.status == "unchanged"  # the same file twice in one drop
    assert {first.batch_id, second.batch_id} == {None}
    assert dump_hash(store) == before
