"""Properties of importing: twice is once, and a failed import changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import sqlite_url
from app.services.imports import import_files
from app.services.store import open_store
from tests.dump import dump_hash, logical_dump
from tests.exports import DOUDIAN_HEADERS, doudian_line, doudian_orders

SETTINGS = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

line_specs = st.lists(
    st.tuples(
        st.integers(1, 400),  # line number (the key)
        st.integers(1, 999_999),  # amount in cents
        st.sampled_from(["已完成", "已发货", "已关闭"]),
        st.booleans(),  # paid
        st.integers(1, 50),  # buyer
    ),
    min_size=1,
    max_size=25,
    unique_by=lambda spec: spec[0],
)


def orders_file(folder: Path, name: str, specs: list[tuple[int, int, str, bool, int]]) -> Path:
    lines = [
        doudian_line(
            n,
            amount=f"{cents / 100:,.2f}",
            status=status,
            paid="2026-10-02 10:05:00" if paid else "",
            buyer=buyer,
        )
        for n, cents, status, paid, buyer in specs
    ]
    return doudian_orders(folder / name, lines)


@cache
def empty_store_file() -> bytes:
    """A migrated empty store, made once (migrating for every example would dominate)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "empty.db"
        open_store(sqlite_url(path)).dispose()
        return path.read_bytes()


def new_store(root: Path):  # noqa: ANN201
    (root / "shop.db").write_bytes(empty_store_file())
    return open_store(sqlite_url(root / "shop.db"))


def data_dump(path: Path) -> str:
    """The store without its import bookkeeping (a second file is a second batch)."""
    return "\n".join(
        line
        for part in logical_dump(path).split("## ")
        if not part.startswith(("import_batches", "import_changes"))
        for line in [part]
    )


@SETTINGS
@given(specs=line_specs)
def test_importing_the_same_data_twice_equals_importing_it_once(specs) -> None:  # noqa: ANN001
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = new_store(root)
        first = orders_file(root, "1788226466_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv", specs)
        again = orders_file(root, "1790816971_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.csv", specs)
        # The same data in other bytes (Windows line ends), as a re-download would give.
        again.write_bytes(again.read_bytes().replace(b"\n", b"\r\n"))
        import_files(store, [first])
        once = data_dump(root / "shop.db")
        (same_file,) = import_files(store, [first])
        (same_data,) = import_files(store, [again])
        store.dispose()
        assert same_file.status == "unchanged"
        assert (same_data.inserted, same_data.updated) == (0, 0)
        assert same_data.unchanged == len(specs)
        assert data_dump(root / "shop.db") == once


@SETTINGS
@given(
    specs=line_specs,
    broken_row=st.integers(0, 24),
    broken=st.sampled_from(
        [
            ("订单应付金额", "一百"),
            ("订单应付金额", "12..3"),
            ("子订单编号", "6.9E+18"),
            ("子订单编号", "6944 3489"),
            ("支付完成时间", "2026-02-30 10:00:00"),
            ("商品数量", "1.5"),
        ]
    ),
)
def test_a_failed_import_changes_nothing(specs, broken_row, broken) -> None:  # noqa: ANN001
    column, junk = broken
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = new_store(root)
        import_files(store, [orders_file(root, "base.csv", specs[: len(specs) // 2 + 1])])
        store.dispose()
        shutil.copyfile(root / "shop.db", root / "before.db")
        path = orders_file(root, "next.csv", specs)
        rows = path.read_text(encoding="utf-8-sig").splitlines()
        target = 1 + broken_row % len(specs)
        cells = rows[target].split(",")
        cells[DOUDIAN_HEADERS.index(column)] = junk
        rows[target] = ",".join(cells)
        path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
        store = open_store(sqlite_url(root / "shop.db"))
        (result,) = import_files(store, [path])
        store.dispose()
        assert result.status == "rejected"
        assert result.error is not None
        assert result.error.row == target + 1
        assert dump_hash(root / "shop.db") == dump_hash(root / "before.db")
