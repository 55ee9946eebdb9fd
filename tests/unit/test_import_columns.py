"""Column-by-column parsing gives exactly what parsing cell by cell and row by row gave."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.db import Store
from app.importers import fast, values
from app.importers.detect import detect
from app.importers.errors import BadValue, ImportFileError
from app.importers.normalise import PARSERS, _columns
from app.importers.reading import Sheet, Workbook
from app.services.imports import import_files, undo_import
from tests.dump import dump_hash
from tests.exports import DOUDIAN_HEADERS, doudian_line, doudian_orders
from tests.query import fetch

TEXT_CELLS = st.one_of(
    st.sampled_from(["", " ", "-", "--", "None", "合计", "undefined", "\t", "数据将于第二天更新"]),
    st.from_regex(r"\t?[0-9]{1,19}\t?", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}", fullmatch=True),
    st.from_regex(r" ?[0-9]{1,6}(\.[0-9]{1,3})? ?", fullmatch=True),
    st.text(alphabet="0123456789.-:/ \t,E+'=\"元¥万w%", max_size=12),
    st.text(max_size=6),
)
CELLS = st.one_of(
    TEXT_CELLS,
    st.none(),
    st.integers(-(10**17), 10**17),
    st.floats(allow_nan=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
)


def cell_by_cell(parse: Any, cells: list[Any]) -> tuple[list[Any], int | None, str | None]:
    out, first, expected = [], None, None
    for index, cell in enumerate(cells):
        try:
            out.append(parse(cell))
        except BadValue as exc:
            out.append(fast.FAILED)
            if first is None:
                first, expected = index, exc.expected
    return out, first, expected


def column_at_once(parse: Any, cells: list[Any]) -> tuple[list[Any], int | None, str | None]:
    out, failed = fast.parse_column(parse, cells)
    return (
        out,
        None if failed is None else failed[0],
        None if failed is None else failed[1].expected,
    )


@settings(max_examples=200, deadline=None, database=None)
@given(
    parser=st.sampled_from(sorted(PARSERS)),
    cells=st.one_of(st.lists(TEXT_CELLS, max_size=30), st.lists(CELLS, max_size=30)),
)
def test_a_column_parses_as_its_cells_do(parser: str, cells: list[Any]) -> None:
    parse = PARSERS[parser]
    assert column_at_once(parse, cells) == cell_by_cell(parse, cells)


@pytest.mark.parametrize(
    ("parse", "cells"),
    [
        (fast.parse_id, ["6944348904727432479", "\t6944348904727432480", "0012 "]),
        (fast.parse_id, ["6944348904727432479", "６９", "1"]),
        (fast.parse_id, ["6944", "6.94E+18", "1"]),
        (fast.parse_datetime, ["2026-08-03 05:30:33", "", " 2026-08-03 05:30:33", None, "\t"]),
        (fast.parse_datetime, ["2026-08-03 05:30:33", "2026-02-30 05:30:33"]),
        (fast.parse_datetime, ["2026-08-03 05:30:33", "2026/08/03 05:30"]),
    ],
)
def test_whole_column_fast_paths_fall_back_exactly(parse: Any, cells: list[Any]) -> None:
    assert column_at_once(parse, cells) == cell_by_cell(parse, cells)


def row_by_row(grid: list[list[object]]) -> tuple[list[dict[str, Any]], int] | tuple[str, int]:
    """The importer's former loop: skip empty and description rows, parse each row's fields."""
    detection = detect(Workbook("x.csv", "csv", "utf-8", [Sheet("x", [list(r) for r in grid])]))
    records, skipped = [], 0
    for offset, row in enumerate(grid[1:]):
        if all(
            c is None
            or (type(c) is str and (not c.strip() or values.is_null(values.clean_text(c))))
            for c in row
        ):
            skipped += 1
            continue
        record: dict[str, Any] = {"_row": offset + 2}
        for column in detection.kind.columns:
            position = detection.positions.get(column.field)
            raw = row[position] if position is not None and position < len(row) else None
            try:
                value = PARSERS[column.parse](raw)
            except BadValue:
                return (column.field, offset + 2)
            if value is None and column.required:
                return (column.field, offset + 2)
            record[column.field] = value
        records.append(record)
    return records, skipped


def cell_strategy(column: str) -> st.SearchStrategy[str]:
    good = {
        "子订单编号": st.from_regex(r"\t?69[0-9]{17}", fullmatch=True),
        "订单应付金额": st.sampled_from(["119.00", "1,299.00", "0.5", "一百", ""]),
        "支付完成时间": st.sampled_from(["2026-10-02 10:05:00", "", "2026-02-30 10:00:00"]),
        "商品数量": st.sampled_from(["1", "2", "1.5", ""]),
        "订单状态": st.sampled_from(["已完成", "已关闭", "-", ""]),
    }
    return good.get(column, st.sampled_from(["", "x"]))


@settings(max_examples=60, deadline=None, database=None)
@given(
    rows=st.lists(
        st.one_of(
            st.fixed_dictionaries({c: cell_strategy(c) for c in DOUDIAN_HEADERS}).map(
                lambda cells: [cells[c] for c in DOUDIAN_HEADERS]
            ),
            st.just([""] * len(DOUDIAN_HEADERS)),
            st.just([]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_columns_give_what_row_by_row_parsing_gave(rows: list[list[str]]) -> None:
    grid: list[list[object]] = [list(DOUDIAN_HEADERS), *rows]
    expected = row_by_row(grid)
    detection = detect(Workbook("x.csv", "csv", "utf-8", [Sheet("x", grid)]))
    if isinstance(expected[0], str):  # row by row refused a cell: the same one, by field and row
        with pytest.raises(ImportFileError) as refused:
            _columns(detection, "x.csv")
        error = refused.value
        field = next(c.field for c in detection.kind.columns if c.headers[0] == error.column)
        assert (field, error.row) == expected
        return
    columns, total, skipped = _columns(detection, "x.csv")
    records, expected_skipped = expected
    assert columns.to_records() == records
    assert (total, skipped) == (len(rows), expected_skipped)


def test_a_re_import_logs_its_updates_by_group_and_undo_puts_them_back(
    store: Store, tmp_path: Path
) -> None:
    first = doudian_orders(
        tmp_path / "a.csv", [doudian_line(1), doudian_line(2, paid=""), doudian_line(3)]
    )
    changed = doudian_orders(
        tmp_path / "b.csv",
        [
            doudian_line(1, status="已关闭", paid="2026-10-03 08:00:00"),
            doudian_line(2),
            doudian_line(3, status="已关闭", paid="2026-10-04 09:00:00"),
        ],
    )
    import_files(store, [first])
    lines_before = order_lines(store)
    (result,) = import_files(store, [changed])
    assert result.updated == 3
    entries = fetch(
        store, "SELECT action, before_batch_id, row_id, before FROM import_changes ORDER BY id"
    )
    assert [(action, batch) for action, batch, _, _ in entries] == [("update_rows", 1)] * 2
    logged = [(row_id, json.loads(text)) for _, _, row_id, text in entries]
    assert logged == [
        (
            1,
            {
                "columns": ["status", "paid_at"],
                "rows": [
                    [1, "已完成", {"$dt": "2026-10-02T10:05:00"}],
                    [3, "已完成", {"$dt": "2026-10-02T10:05:00"}],
                ],
            },
        ),
        (
            2,
            {
                "columns": ["cancel_reason", "paid_at", "cancelled"],
                "rows": [[2, "拍错了", None, True]],
            },
        ),
    ]
    assert result.batch_id is not None
    assert undo_import(store, result.batch_id) == 3
    assert order_lines(store) == lines_before


def order_lines(store: Store) -> list[tuple[Any, ...]]:
    return fetch(store, "SELECT * FROM order_lines ORDER BY id")


@pytest.mark.sqlite_only
def test_a_stored_time_written_without_microseconds_still_compares_equal(
    store: Store, tmp_path: Path
) -> None:
    lines = [doudian_line(n) for n in range(1, 4)]
    import_files(store, [doudian_orders(tmp_path / "a.csv", lines)])
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE order_lines SET paid_at = substr(paid_at, 1, 19)")
    again = doudian_orders(tmp_path / "b.csv", lines)
    again.write_bytes(again.read_bytes().replace(b"\n", b"\r\n"))  # the same rows, other bytes
    (result,) = import_files(store, [again])
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 3)


def schema(store: Store) -> list[tuple[str, str]]:
    with sqlite3.connect(store.sqlite_path) as connection:
        return connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()


@pytest.mark.sqlite_only
def test_a_big_insert_rebuilds_the_indexes_it_dropped(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.importers.writers import base

    monkeypatch.setattr(base, "REBUILD_INDEXES_ROWS", 2)
    before = schema(store)
    lines = [doudian_line(n, buyer=n % 3) for n in range(1, 8)]
    (result,) = import_files(store, [doudian_orders(tmp_path / "a.csv", lines)])
    assert (result.inserted, schema(store)) == (7, before)
    with sqlite3.connect(store.sqlite_path) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM order_lines WHERE order_no = '6920435235807500003'"
        ).fetchall()
    assert "ix_order_lines_order_no" in str(plan)


@pytest.mark.sqlite_only
def test_a_big_update_rebuilds_the_indexes_over_the_columns_it_sets(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.importers.writers import base

    lines = [doudian_line(n, buyer=n % 3) for n in range(1, 8)]
    import_files(store, [doudian_orders(tmp_path / "a.csv", lines)])
    before = schema(store)
    monkeypatch.setattr(base, "REBUILD_INDEXES_ROWS", 2)
    executed: list[str] = []
    indexed = base._indexed

    def watched(connection: Any, index: str) -> set[str]:
        executed.append(index)
        return indexed(connection, index)

    monkeypatch.setattr(base, "_indexed", watched)
    again = [doudian_line(n, status="已关闭", buyer=n % 3) for n in range(1, 8)]
    (result,) = import_files(store, [doudian_orders(tmp_path / "b.csv", again)])
    assert (result.updated, schema(store)) == (7, before)
    assert "ix_order_lines_batch_id" in executed  # the update looked at the indexes
    with sqlite3.connect(store.sqlite_path) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM order_lines WHERE batch_id = ?", (result.batch_id,)
        ).fetchall()
        rows = connection.execute(
            "SELECT count(*) FROM order_lines INDEXED BY ix_order_lines_batch_id"
            " WHERE batch_id = ? AND status = '已关闭'",
            (result.batch_id,),
        ).fetchone()
    assert "ix_order_lines_batch_id" in str(plan)
    assert rows == (7,)


@pytest.mark.sqlite_only
def test_a_failure_while_the_indexes_are_dropped_rolls_them_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import contextmanager

    from app.importers.writers import base

    monkeypatch.setattr(base, "REBUILD_INDEXES_ROWS", 2)
    dropped = base._indexes_rebuilt

    @contextmanager
    def failing(connection: Any, table: Any, count: int) -> Any:
        with dropped(connection, table, count):
            raise OSError("disk full")  # the insert fails after the indexes were dropped
        yield

    monkeypatch.setattr(base, "_indexes_rebuilt", failing)
    assert store.sqlite_path is not None
    before, data = schema(store), dump_hash(store)
    path = doudian_orders(tmp_path / "a.csv", [doudian_line(n) for n in range(1, 8)])
    with pytest.raises(OSError, match="disk full"):
        import_files(store, [path])
    assert (schema(store), dump_hash(store)) == (before, data)


def test_the_core_path_for_server_databases_writes_what_the_sqlite_path_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL stores go through SQLAlchemy Core (DriverValues.sqlite is False); run that
    path on SQLite and compare: first import, a changed re-import and its undo."""
    from app.config import sqlite_url
    from app.importers.writers import base
    from app.services.store import open_store
    from tests.dump import WALL_CLOCK_COLUMNS, logical_dump

    first = doudian_orders(tmp_path / "a.csv", [doudian_line(n, buyer=n % 4) for n in range(1, 40)])
    changed = doudian_orders(
        tmp_path / "b.csv",
        [doudian_line(n, status="已关闭", buyer=n % 4) for n in range(20, 60)],
    )

    def run(name: str) -> list[str]:
        store = open_store(sqlite_url(tmp_path / name))
        dumps = []
        for path, counts in ((first, (39, 0)), (changed, (20, 20))):
            (result,) = import_files(store, [path])
            assert (result.status, result.inserted, result.updated) == ("imported", *counts)
            dumps.append(logical_dump(tmp_path / name, WALL_CLOCK_COLUMNS))
        assert result.batch_id is not None
        undo_import(store, result.batch_id)
        dumps.append(logical_dump(tmp_path / name, WALL_CLOCK_COLUMNS))
        store.dispose()
        return dumps

    fast = run("fast.db")
    original = base.DriverValues.__init__

    def as_server(self: base.DriverValues, session: Any, table: Any) -> None:
        original(self, session, table)
        self.sqlite = False

    monkeypatch.setattr(base.DriverValues, "__init__", as_server)
    monkeypatch.setattr(base, "BULK_THRESHOLD", 5)  # the platform scan, as a big file gets
    assert run("core.db") == fast


@settings(max_examples=200, deadline=None)
@given(
    batches=st.lists(st.sampled_from([None, 1, 2]), min_size=1, max_size=30),
    changes=st.dictionaries(
        st.sampled_from([0, 1, 5, 19, 63, 64]), st.sets(st.integers(0, 29)), max_size=4
    ),
)
def test_change_groups_match_the_row_by_row_grouping(
    batches: list[int | None], changes: dict[int, set[int]]
) -> None:
    """numpy's grouping of changed rows is the row-by-row one: same groups, same order."""
    from app.importers.writers import base

    rows = [(100 + k, batch) for k, batch in enumerate(batches)]
    by_column = {j: sorted(k for k in ks if k < len(rows)) for j, ks in changes.items()}
    by_column = {j: ks for j, ks in by_column.items() if ks}
    expected = base._change_groups_by_row(rows, by_column)
    assert list(base._change_groups(rows, by_column).items()) == list(expected.items())
    narrow = {j: ks for j, ks in by_column.items() if j < 64}
    expected = base._change_groups_by_row(rows, narrow)
    assert list(base._change_groups(rows, narrow).items()) == list(expected.items())
    assert sum(map(len, expected.values())) == len({k for ks in narrow.values() for k in ks})


def test_on_a_server_copy_writes_what_batched_inserts_write(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL takes many rows by COPY (inserts, new customers' ids, big updates, the undo
    log); the same imports through Core's INSERT/UPDATE give the same store, undo included."""
    if store.sqlite_path is not None:
        pytest.skip("COPY is PostgreSQL's")
    from app.importers.writers import base
    from app.services.store import open_store
    from tests import pg
    from tests.dump import WALL_CLOCK_COLUMNS, logical_dump

    first = doudian_orders(tmp_path / "a.csv", [doudian_line(n, buyer=n % 4) for n in range(1, 40)])
    changed = doudian_orders(
        tmp_path / "b.csv",
        [doudian_line(n, status="已关闭", buyer=n % 4) for n in range(1, 60)],
    )

    def run(target: Store) -> list[str]:
        dumps = []
        for path, counts in ((first, (39, 0)), (changed, (20, 39))):
            (result,) = import_files(target, [path])
            assert (result.status, result.inserted, result.updated) == ("imported", *counts)
            dumps.append(logical_dump(target, WALL_CLOCK_COLUMNS))
        assert result.batch_id is not None
        undo_import(target, result.batch_id)
        dumps.append(logical_dump(target, WALL_CLOCK_COLUMNS))
        return dumps

    def indexes(target: Store) -> list[tuple[str, str]]:
        return fetch(target, "SELECT indexname, indexdef FROM pg_indexes ORDER BY indexname")

    monkeypatch.setattr(base, "COPY_ROWS", 2)
    monkeypatch.setattr(base, "REBUILD_INDEXES_ROWS", 2)  # and big writes rebuild the indexes
    while_writing: list[set[str]] = []  # the order lines' indexes during each big write
    original_run = base._server_indexes_rebuilt

    @contextmanager
    def watched(connection: Any, table: Any, count: int, updated: Any = None) -> Any:
        with original_run(connection, table, count, updated):
            if table.name == "order_lines":
                listed = "SELECT indexname FROM pg_indexes WHERE tablename = 'order_lines'"
                while_writing.append({r[0] for r in connection.exec_driver_sql(listed)})
            yield

    monkeypatch.setattr(base, "_server_indexes_rebuilt", watched)
    copied = run(store)
    monkeypatch.setattr(base, "COPY_ROWS", 10**9)
    monkeypatch.setattr(base, "REBUILD_INDEXES_ROWS", 10**9)
    name = pg.unique_name("shopreel_inserts")
    inserted = open_store(pg.create_database(name))
    try:
        assert run(inserted) == copied
        assert indexes(store) == indexes(inserted)
        # the first insert and the re-import's update of most rows ran without the indexes;
        # 20 new rows into a table of 39 did not (a rebuild would cost more than it saves)
        assert ["ix_order_lines_batch_id" in names for names in while_writing[:3]] == [
            False,
            True,
            False,
        ]
        assert "ix_order_lines_batch_id" in dict(indexes(store))
    finally:
        inserted.dispose()
        pg.drop_database(name)
