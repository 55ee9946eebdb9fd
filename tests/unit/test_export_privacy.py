"""Exports carry no full phone number, and customer names masked when the setting asks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from app.services.export import export_frame, export_frame_csv
from app.services.privacy import mask_if_phone, mask_phones_in

FULL_MOBILE = re.compile(rb"(?<!\d)1[3-9]\d{9}(?!\d)")
# 19 digits holding "13812345678" inside a longer run: an order number, never a phone.
ORDER_ID = "6913812345678901234"
HEADERS = {
    "order_no": "订单编号",
    "customer_name": "客户",
    "phone": "手机号",
    "note": "备注",
    "amount_cents": "金额",
}


def personal_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_no": [ORDER_ID, "4912345678901234567", "13912345678"],
            "customer_name": ["张三丰 13812345678", "Alice Smith", "王五"],
            "phone": ["13812345678", 15987654321.0, None],
            "note": [
                "请打电话 +86 139-1234-5678 或 0755-8888 9999",
                '=HYPERLINK("tel:13712345678")',
                "订单 6913812345678901234 已发货",
            ],
            "amount_cents": [12345, 100, 999],
        }
    )


def xlsx_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as book:
        return b"".join(book.read(n) for n in book.namelist() if n.endswith(".xml"))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("call 13812345678 now", "call 138****5678 now"),
        ("+86 138 1234 5678", "138****5678"),
        ("0086-138-1234-5678", "138****5678"),
        ("8613812345678", "138****5678"),
        ("座机 0755-8888 9999", "座机 075*****9999"),
        ("(010) 12345678", "010****5678"),
        ("+86 10 1234 5678", "010****5678"),
        ("138****5678", "138****5678"),
        (f"订单{ORDER_ID}", f"订单{ORDER_ID}"),
        ("1381234567812", "1381234567812"),
        ("2026-11-28 20:30 ¥1,234.50", "2026-11-28 20:30 ¥1,234.50"),
    ],
)
def test_phones_in_text_are_masked_and_longer_digit_runs_are_not(text: str, masked: str) -> None:
    assert mask_phones_in(text) == masked


def test_an_id_is_masked_only_when_it_is_a_phone() -> None:
    assert mask_if_phone(ORDER_ID) == ORDER_ID
    assert mask_if_phone("13912345678") == "139****5678"
    assert mask_if_phone("SO-13912345678-1") == "SO-13912345678-1"


def test_xlsx_has_no_full_phone_and_keeps_order_ids(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    export_frame(personal_frame(), HEADERS, path)
    xml = xlsx_xml(path)
    assert FULL_MOBILE.findall(xml) == []
    assert b"8888 9999" not in xml
    rows = list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [ORDER_ID, "4912345678901234567", "139****5678"]
    assert [r[2] for r in rows] == ["138****5678", "159****4321", None]
    assert rows[0][1] == "张三丰 138****5678"  # names are kept unless the setting asks
    assert rows[0][3] == "请打电话 139****5678 或 075*****9999"
    assert rows[1][3] == '\'=HYPERLINK("tel:137****5678")'  # still formula-safe
    assert rows[2][3] == f"订单 {ORDER_ID} 已发货"
    assert [r[4] for r in rows] == [123.45, 1.0, 9.99]


def test_csv_has_no_full_phone_and_keeps_order_ids(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    export_frame_csv(personal_frame(), HEADERS, path)
    raw = path.read_bytes()
    assert FULL_MOBILE.findall(raw) == []
    assert ORDER_ID.encode() in raw
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[1].startswith(f"{ORDER_ID},张三丰 138****5678,138****5678,")
    assert lines[3].startswith("139****5678,王五,,")


@pytest.mark.parametrize("write", [export_frame, export_frame_csv])
def test_mask_names_hides_customer_names_only(write: object, tmp_path: Path) -> None:
    path = tmp_path / ("out.xlsx" if write is export_frame else "out.csv")
    frame = personal_frame().assign(product_name=["秋季外套", "Wool Coat", "围巾"])
    write(frame, {**HEADERS, "product_name": "商品"}, path, mask_names=True)  # type: ignore[operator]
    text = (xlsx_xml(path) if path.suffix == ".xlsx" else path.read_bytes()).decode("utf-8")
    for name in ("张三丰", "三丰", "Alice", "Smith", "王五"):
        assert name not in text
    for masked in ("张****", "A**** S****", "王*", "秋季外套", "Wool Coat"):
        assert masked in text


def test_callers_name_their_own_name_columns(tmp_path: Path) -> None:
    frame = pd.DataFrame({"author": ["李雷"], "title": ["李雷的店"]})
    path = tmp_path / "out.csv"
    export_frame_csv(frame, {}, path, mask_names=True, name_columns={"author"})
    assert path.read_text(encoding="utf-8-sig").splitlines()[1] == "李*,李雷的店"
