"""Product cost prices (entered and imported from CSV/xlsx) and channel codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.analytics.conversion import ChannelCodeRow
from app.db import Store
from app.services.costs import (
    CostError,
    CostImport,
    CostImportError,
    delete_channel_code,
    delete_cost,
    import_costs,
    list_channel_codes,
    list_costs,
    save_channel_code,
    set_cost,
)


def _costs(store: Store) -> list[tuple]:
    reader = store.reader()
    try:
        return [
            (r["platform"], r["product_key"], r["sku"], r["cost_cents"], r["currency"])
            for r in list_costs(reader)
        ]
    finally:
        reader.close()


def _csv(tmp_path: Path, text: str, name: str = "成本.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_set_replace_and_delete_a_cost(store: Store) -> None:
    set_cost(store, "douyin", "111", "", 3550)
    set_cost(store, "douyin", "111", "蓝色", 4000)
    set_cost(store, "douyin", "111", "", 3600)  # replaces
    assert _costs(store) == [
        ("douyin", "111", "", 3600, "CNY"),
        ("douyin", "111", "蓝色", 4000, "CNY"),
    ]
    assert delete_cost(store, "douyin", "111", "蓝色")
    assert not delete_cost(store, "douyin", "111", "蓝色")
    assert _costs(store) == [("douyin", "111", "", 3600, "CNY")]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", "111", "", 100, "CNY"), "platform"),
        (("douyin", " ", "", 100, "CNY"), "product_key"),
        (("douyin", "111", "", -1, "CNY"), "cost_cents"),
        (("douyin", "111", "", 1.5, "CNY"), "cost_cents"),
        (("douyin", "111", "", 100, "人民币"), "currency"),
    ],
)
def test_bad_costs_are_refused(store: Store, args: tuple, field: str) -> None:
    with pytest.raises(CostError) as error:
        set_cost(store, *args)
    assert error.value.field == field
    assert _costs(store) == []


def test_import_a_csv_with_chinese_headers(store: Store, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "商品成本表\n"  # a title row above the headers
        "平台,商品ID,规格,成本价,币种\n"
        "抖音,3604359656608787331,,¥35.50,\n"
        '抖店,3604359656608787331,蓝色,"1,035.00",CNY\n'
        ",3645888243891122452,,20,\n"
        "TikTok,1729,,$4.20,\n"
        ",,,,\n",
    )
    assert import_costs(store, path) == CostImport(inserted=4, updated=0, unchanged=0)
    assert _costs(store) == [
        ("douyin", "3604359656608787331", "", 3550, "CNY"),
        ("douyin", "3604359656608787331", "蓝色", 103500, "CNY"),
        ("douyin", "3645888243891122452", "", 2000, "CNY"),
        ("tiktok", "1729", "", 420, "USD"),
    ]
    again = _csv(tmp_path, "product id,cost\n3645888243891122452,21\n1,2\n", "costs.csv")
    assert import_costs(store, again) == CostImport(inserted=1, updated=1, unchanged=0)
    assert import_costs(store, again) == CostImport(inserted=0, updated=0, unchanged=2)


def test_import_an_xlsx(store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Platform", "Product ID", "SKU", "Cost", "Currency"])
    sheet.append(["douyin", "3604359656608787331", "M", 12.3, "CNY"])
    path = tmp_path / "costs.xlsx"
    book.save(path)
    assert import_costs(store, path).inserted == 1
    assert _costs(store) == [("douyin", "3604359656608787331", "M", 1230, "CNY")]


@pytest.mark.parametrize(
    ("body", "row", "column", "value"),
    [
        ("商品ID,成本价\n111,35\n222,abc\n", 3, "成本价", "abc"),
        ("商品ID,成本价\n111,-3\n", 2, "成本价", "-3"),
        ("平台,商品ID,成本价\n拼多多,111,3\n", 2, "平台", "拼多多"),
        ("商品ID,成本价\n6.94512E+18,3\n", 2, "商品ID", "6.94512E+18"),
        ("商品ID,成本价\n,3\n", 2, "商品ID", ""),
        ("商品ID,规格,成本价\n111,M,3\n111,M,4\n", 3, "商品ID", "111"),
        ("商品ID,成本价,币种\n111,3,元宝\n", 2, "币种", "元宝"),
    ],
)
def test_a_bad_row_names_file_row_column_value_and_changes_nothing(
    store: Store, tmp_path: Path, body: str, row: int, column: str, value: str
) -> None:
    set_cost(store, "douyin", "111", "", 999)
    path = _csv(tmp_path, body)
    with pytest.raises(CostImportError) as error:
        import_costs(store, path)
    found = error.value
    assert (found.file, found.row, found.column, found.value) == ("成本.csv", row, column, value)
    assert found.expected
    assert str(found).startswith(f"成本.csv, row {row}, column '{column}': ")
    assert _costs(store) == [("douyin", "111", "", 999, "CNY")]


def test_a_file_without_headers_or_rows(store: Store, tmp_path: Path) -> None:
    with pytest.raises(CostImportError, match="No header row names the product id"):
        import_costs(store, _csv(tmp_path, "名称,价格\n四件套,35\n"))
    with pytest.raises(CostImportError, match="no cost rows"):
        import_costs(store, _csv(tmp_path, "商品ID,成本价\n"))
    with pytest.raises(CostImportError) as error:
        import_costs(store, tmp_path / "missing.xlsx")
    assert error.value.file == "missing.xlsx"


def test_channel_codes(store: Store) -> None:
    first = save_channel_code(store, ChannelCodeRow(None, " DYHX ", "门店券", "indirect", True))
    second = save_channel_code(store, ChannelCodeRow(None, "TM-YD-VIP15", "天猫会员券", "direct"))
    reader = store.reader()
    assert list_channel_codes(reader) == [
        ChannelCodeRow(first, "DYHX", "门店券", "indirect", True),
        ChannelCodeRow(second, "TM-YD-VIP15", "天猫会员券", "direct", False),
    ]
    save_channel_code(store, ChannelCodeRow(second, "TM-YD-VIP15", "天猫 VIP", "indirect"))
    assert list_channel_codes(reader)[1].label == "天猫 VIP"
    for bad, field in (
        (ChannelCodeRow(None, "", "x"), "code"),
        (ChannelCodeRow(None, "A", " "), "label"),
        (ChannelCodeRow(None, "A", "x", "sideways"), "path"),
        (ChannelCodeRow(None, "DYHX", "again"), "code"),
        (ChannelCodeRow(999, "B", "gone"), "id"),
    ):
        with pytest.raises(CostError) as error:
            save_channel_code(store, bad)
        assert error.value.field == field
    assert delete_channel_code(store, first)
    assert not delete_channel_code(store, first)
    assert [c.code for c in list_channel_codes(reader)] == ["TM-YD-VIP15"]
    reader.close()
