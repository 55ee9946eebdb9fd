"""Column-mapping templates: an unknown table is refused until the user maps it, then recognised."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from app.db import Store
from app.importers.errors import ImportFileError
from app.importers.mapping import ORDER_PLATFORMS, suggest, template_kind
from app.importers.normalise import parse_file
from app.models.orders import SALES_CHANNELS
from app.services.imports import import_files, import_one, undo_import
from app.services.mappings import (
    MappingError,
    delete_template,
    guess_header_row,
    is_unrecognised,
    list_templates,
    preview_mapping,
    read_layout,
    save_template,
    template_kinds,
)
from app.services.tables import Money
from tests.query import scalar

KS_HEADERS = [
    "订单号",
    "商品名称",
    "实付金额",
    "下单时间",
    "支付时间",
    "订单状态",
    "收货人",
    "手机号",
]
KS_MAPPING = {
    "order_no": "订单号",
    "product_name": "商品名称",
    "payable": "实付金额",
    "created_at": "下单时间",
    "paid_at": "支付时间",
    "status": "订单状态",
    "recipient": "收货人",
    "phone": "手机号",
}


def ks_row(n: int, amount: str = "89.90", name: str = "张三") -> list[str]:
    return [
        f"20261101{n:08d}",
        f"保温杯 {n}号",
        amount,
        f"2026-11-{n:02d} 10:00:00",
        f"2026-11-{n:02d} 10:01:02",
        "交易成功",
        name,
        f"138****{n:04d}",
    ]


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([headers, *rows])
    return path


@pytest.fixture
def ks_csv(tmp_path: Path) -> Path:
    """A 快手小店-like order export: no export kind knows its layout."""
    return write_csv(
        tmp_path / "快手小店订单.csv",
        KS_HEADERS,
        [ks_row(1), ks_row(2, amount="¥1,299.00", name="李四"), ks_row(3, amount="59")],
    )


def count(store: Store, sql: str) -> Any:
    return scalar(store, sql)


def save_ks(store: Store, **overrides: Any) -> Any:
    args: dict[str, Any] = {
        "name": "快手小店订单",
        "target": "orders",
        "platform": "kuaishou",
        "headers": KS_HEADERS,
        "mapping": KS_MAPPING,
        "currency": "CNY",
    }
    args.update(overrides)
    return save_template(store, **args)


def test_an_unknown_table_is_refused_until_mapped(store: Store, ks_csv: Path) -> None:
    (refused,) = import_files(store, [ks_csv])
    assert refused.status == "rejected"
    assert refused.error is not None
    assert "not an export ShopReel recognises" in str(refused.error)
    assert is_unrecognised(refused.error)
    assert count(store, "SELECT COUNT(*) FROM order_lines") == 0

    template = save_ks(store)
    (result,) = import_files(store, [ks_csv])
    assert (result.status, result.kind, result.platform) == (
        "imported",
        f"mapped:{template.id}",
        "kuaishou",
    )
    assert (result.rows, result.inserted) == (3, 3)
    assert count(store, "SELECT COUNT(*) FROM order_lines WHERE platform = 'kuaishou'") == 3
    assert count(store, "SELECT SUM(payable_cents) FROM order_lines") == 8990 + 129900 + 5900
    assert count(store, "SELECT DISTINCT currency FROM order_lines") == "CNY"
    # One row is one order: the order number is the line key.
    assert count(store, "SELECT line_key FROM order_lines ORDER BY id LIMIT 1") == (
        "2026110100000001"
    )
    assert count(store, "SELECT COUNT(*) FROM customers") == 3
    assert count(store, "SELECT kind FROM import_batches") == f"mapped:{template.id}"
    assert result.date_range == (date(2026, 11, 1), date(2026, 11, 3))


def test_a_second_file_of_the_layout_is_recognised_and_others_are_not(
    store: Store, ks_csv: Path, tmp_path: Path
) -> None:
    save_ks(store)
    import_files(store, [ks_csv])
    # The same columns in another order, with a column the template does not use.
    headers = ["备注", *reversed(KS_HEADERS)]
    later = write_csv(
        tmp_path / "快手小店订单 (1).csv",
        headers,
        [["", *reversed(ks_row(n, amount="10.00"))] for n in (3, 4)],
    )
    other = write_csv(tmp_path / "别的表.csv", ["订单号", "金额合计", "日期"], [["1", "2", "3"]])
    done, refused = import_files(store, [later, other])
    assert (done.status, done.inserted, done.updated) == ("imported", 1, 1)
    assert count(store, "SELECT payable_cents FROM order_lines WHERE order_no LIKE '%03'") == 1000
    assert refused.status == "rejected"
    assert is_unrecognised(refused.error)


def test_a_preview_shows_values_and_bad_cells_without_raising(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "orders.csv",
        KS_HEADERS,
        [ks_row(1), ks_row(2, amount="一百元"), ks_row(3, amount="")],
    )
    preview = preview_mapping(path, "orders", KS_MAPPING)
    assert preview.fields == tuple(KS_MAPPING)
    assert preview.problems == []
    assert [r.row for r in preview.rows] == [2, 3, 4]
    first = dict(zip(preview.fields, preview.rows[0].cells, strict=True))
    assert first["payable"].value == Money(8990, "CNY")
    assert first["created_at"].value == datetime(2026, 11, 1, 10, 0)
    assert first["order_no"].value == "2026110100000001"
    bad = dict(zip(preview.fields, preview.rows[1].cells, strict=True))["payable"]
    assert bad.raw == "一百元"
    assert bad.value is None
    assert bad.error is not None
    assert "amount" in bad.error
    empty = dict(zip(preview.fields, preview.rows[2].cells, strict=True))["payable"]
    assert empty.error == "A required cell is empty."
    assert preview.error_count(required_only=True) == 2
    assert not preview.ok

    unmapped = preview_mapping(path, "orders", {"order_no": "订单号"})
    assert unmapped.problems == ["Map a column to payable."]
    assert not unmapped.ok


def test_without_an_order_line_column_a_repeated_order_number_is_an_error(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "lines.csv", KS_HEADERS, [ks_row(1), ks_row(1), ks_row(2)])
    preview = preview_mapping(path, "orders", KS_MAPPING)
    order_cells = [r.cells[0] for r in preview.rows]
    assert [c.error is None for c in order_cells] == [True, False, True]
    assert "row 2" in (order_cells[1].error or "")
    assert not preview.ok


def test_undo_of_a_mapped_import(store: Store, ks_csv: Path) -> None:
    save_ks(store)
    (result,) = import_files(store, [ks_csv])
    assert result.batch_id is not None
    undo_import(store, result.batch_id)
    assert count(store, "SELECT COUNT(*) FROM order_lines") == 0
    assert count(store, "SELECT COUNT(*) FROM customers") == 0
    assert count(store, "SELECT status FROM import_batches") == "undone"
    (again,) = import_files(store, [ks_csv])
    assert (again.status, again.inserted) == ("imported", 3)


def test_deleting_the_template_makes_the_layout_unknown_again(
    store: Store, ks_csv: Path, tmp_path: Path
) -> None:
    template = save_ks(store)
    assert [t.id for t in list_templates(store)] == [template.id]
    assert delete_template(store, template.id)
    assert not delete_template(store, template.id)
    assert list_templates(store) == []
    (refused,) = import_files(store, [ks_csv], dry_run=True)
    assert refused.status == "rejected"
    assert is_unrecognised(refused.error)


def test_the_template_is_stored_and_becomes_an_export_kind(store: Store) -> None:
    template = save_ks(store, currency="USD")
    (stored,) = list_templates(store)
    assert stored == template
    assert stored.headers == tuple(KS_HEADERS)
    assert stored.fields == KS_MAPPING
    assert count(store, "SELECT name FROM mapping_templates") == "快手小店订单"
    kind = template_kind(stored)
    assert kind.kind == f"mapped:{template.id}"
    assert (kind.platform, kind.target) == ("kuaishou", "orders")
    assert set(kind.signature) == set(KS_HEADERS)  # every mapped header
    assert kind.options["currency"] == "USD"
    assert kind.options["line_key_from"] == "order_no"
    columns = {c.field: c for c in kind.columns}
    assert columns["line_key"].headers == ("订单号",)
    assert columns["payable"].parse == "money"
    assert columns["payable"].required
    assert template_kinds(store) == (kind,)


def test_saving_the_same_layout_again_replaces_the_template(store: Store) -> None:
    first = save_ks(store)
    second = save_ks(store, name="快手订单 v2", platform="channels")
    assert second.id == first.id
    (only,) = list_templates(store)
    assert (only.name, only.platform) == ("快手订单 v2", "channels")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"mapping": {"order_no": "订单号"}}, "payable"),
        ({"mapping": {**KS_MAPPING, "payable": "金额"}}, "no column '金额'"),
        ({"target": "videos"}, "cannot store"),
        ({"name": "  "}, "name"),
        ({"mapping": {**KS_MAPPING, "colour": "订单状态"}}, "colour"),
        ({"target": "customers", "mapping": {"tags": "订单状态"}}, "name/nickname/phone"),
    ],
)
def test_a_mapping_that_cannot_work_is_not_saved(
    store: Store, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(MappingError, match=message):
        save_ks(store, **overrides)
    assert list_templates(store) == []


def test_a_customer_list_imports_through_a_template(store: Store, tmp_path: Path) -> None:
    headers = ["姓名", "微信昵称", "手机号", "添加时间", "标签", "地区"]
    path = write_csv(
        tmp_path / "企业微信客户.csv",
        headers,
        [
            ["王芳", "芳芳", "186****0005", "2026-09-01 12:00", "老客", "杭州"],
            ["", "小李", "", "2026-09-02", "", ""],
        ],
    )
    layout = read_layout(path)
    suggested = suggest("customers", layout.headers())
    mapping = {name: headers[index] for name, index in suggested.items()}
    assert mapping == {
        "name": "姓名",
        "nickname": "微信昵称",
        "phone": "手机号",
        "since": "添加时间",
        "region": "地区",
        "tags": "标签",
    }
    template = save_template(store, "企业微信客户", "customers", "wecom", headers, mapping)
    (result,) = import_files(store, [path])
    assert (result.status, result.kind, result.inserted) == (
        "imported",
        f"mapped:{template.id}",
        2,
    )
    assert count(store, "SELECT COUNT(*) FROM customer_identities WHERE platform = 'wecom'") == 2
    assert count(store, "SELECT display_name FROM customers ORDER BY id LIMIT 1") == "王芳"


def test_obvious_headers_are_suggested_and_nothing_else() -> None:
    assert suggest("orders", KS_HEADERS) == {
        "order_no": 0,
        "product_name": 1,
        "payable": 2,
        "created_at": 3,
        "paid_at": 4,
        "status": 5,
        "recipient": 6,
        "phone": 7,
    }
    assert suggest("orders", ["快手订单编号", "订单金额", "付款时间", "订单创建时间"]) == {
        "order_no": 0,
        "payable": 1,
        "created_at": 3,
        "paid_at": 2,
    }
    # Two columns with the same header: not obvious. Unknown headers: never guessed.
    assert suggest("orders", ["订单号", "订单号", "甲", "乙"]) == {}


def test_the_header_row_is_found_under_a_title_row(tmp_path: Path) -> None:
    path = tmp_path / "titled.csv"
    path.write_text(
        "快手小店订单导出 2026-11-01,,,\n\n"
        "订单号,商品名称,实付金额,下单时间\n1,杯子,9.9,2026-11-01\n合计,,9.9,\n",
        encoding="utf-8",
    )
    layout = read_layout(path)
    assert layout.header_index == 2
    assert layout.headers()[:2] == ["订单号", "商品名称"]
    mapping = {"order_no": "订单号", "payable": "实付金额"}
    preview = preview_mapping(layout, "orders", mapping)
    assert [r.row for r in preview.rows] == [4]  # the total row is left out, as the import does
    assert preview.ok
    assert preview_mapping(layout, "orders", mapping, header_index=0).problems
    assert guess_header_row([["标题"], ["a", "b"], ["订单号", "实付金额"]]) == 2


def test_the_layout_of_a_big_file_is_read_from_its_first_rows(tmp_path: Path) -> None:
    headers = ["订单号", "商品名称", "实付金额"]
    lines = [[str(n), "杯子", "9.90"] for n in range(1, 3000)]
    lines[2000] = ["x"] * 600  # past the preview: a whole read refuses its width
    path = write_csv(tmp_path / "快手小店.csv", headers, lines)
    layout = read_layout(path)
    assert layout.headers() == headers
    assert layout.rows[1:3] == [["1", "杯子", "9.90"], ["2", "杯子", "9.90"]]
    assert len(layout.rows) == 50
    blank = tmp_path / "blank.csv"
    blank.write_text("\n" * 80 + "订单号,金额\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="no table to map"):
        read_layout(blank)


def test_parse_file_and_import_one_take_the_templates(store: Store, ks_csv: Path) -> None:
    template = save_ks(store)
    parsed = parse_file(ks_csv, reference=date(2026, 11, 28), extra_kinds=template_kinds(store))
    assert parsed.kind == f"mapped:{template.id}"
    assert parsed.records[0]["line_key"] == parsed.records[0]["order_no"]
    assert import_one(store, ks_csv, dry_run=True).status == "imported"  # reads the templates
    assert import_one(store, ks_csv, dry_run=True, extra_kinds=()).status == "rejected"


def test_order_platforms_are_the_sales_channels() -> None:
    assert set(ORDER_PLATFORMS) == set(SALES_CHANNELS)


def test_a_repeated_order_number_further_down_is_refused_not_merged(
    store: Store, tmp_path: Path
) -> None:
    save_ks(store)
    rows = [ks_row(n) for n in range(1, 29)]
    rows.append(ks_row(7, amount="10.00"))  # past the preview's first rows
    path = write_csv(tmp_path / "快手小店订单2.csv", KS_HEADERS, rows)
    (result,) = import_files(store, [path])
    assert result.status == "rejected"
    assert result.error is not None
    assert result.error.row == 30
    assert "first on row 8" in str(result.error)
    assert count(store, "SELECT COUNT(*) FROM order_lines") == 0
