"""Reading a cost-price file (CSV/xlsx) into rows for :func:`app.services.costs.import_costs`.

The first sheet; a header row (within the first 10 rows) naming at least the product id and the
cost columns; one product (and optionally SKU) per row. Every problem raises
:class:`~app.services.costs.CostImportError` naming the file, row, column, value and expectation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.importers.errors import BadValue, ImportFileError
from app.importers.reading import read_workbook
from app.importers.values import clean_text, parse_id, parse_money_cents
from app.models.orders import SALES_CHANNELS
from app.services.costs import (
    COST_EXPECTED,
    COST_HEADERS,
    REQUIRED_HEADERS,
    CostImportError,
)

HEADER_SEARCH_ROWS = 10
PLATFORM_NAMES = {
    "抖音": "douyin",
    "抖店": "douyin",
    "快手": "kuaishou",
    "视频号": "channels",
    "微信视频号": "channels",
    "小红书": "xiaohongshu",
    "tiktok": "tiktok",
    "tiktokshop": "tiktok",
    "天猫": "tmall",
    "京东": "jd",
    "门店": "store",
}
PLATFORM_EXPECTED = (
    "a platform such as 抖音, 快手, 视频号, 小红书, TikTok, 天猫, 京东, 门店 or douyin"
)
DEFAULT_CURRENCY = {"tiktok": "USD"}


def _key(header: object) -> str:
    text = clean_text(header) if header is not None else ""
    return "".join(ch for ch in text.casefold() if ch not in " _-（）()")


def _columns(header: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _key(cell)
        for field, words in COST_HEADERS.items():
            if field not in found and key in {_key(w) for w in words}:
                found[field] = index
    return found


def read_cost_rows(path: Path) -> list[dict[str, Any]]:
    """The file's cost rows (platform, product_key, sku, cost_cents, currency)."""
    name = path.name
    try:
        book = read_workbook(path)
    except ImportFileError as exc:
        raise CostImportError(exc.message, file=name) from None
    rows = book.sheets[0].rows if book.sheets else []
    for index, header in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _columns(header)
        if all(f in columns for f in REQUIRED_HEADERS):
            return _rows(name, header, columns, rows[index + 1 :], first_row=index + 2)
    raise CostImportError(
        "No header row names the product id and the cost price. Put headers such as "
        "商品ID, 规格, 成本价 (or product id, sku, cost) in the first row.",
        file=name,
    )


def _rows(
    name: str,
    header: list[object],
    columns: dict[str, int],
    body: list[list[object]],
    first_row: int,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, cells in enumerate(body, start=first_row):
        if all(c is None or clean_text(c) == "" for c in cells):
            continue
        row = _row(name, header, columns, cells, number)
        key = (row["platform"], row["product_key"], row["sku"])
        if key in seen:
            raise CostImportError(
                f"This product and SKU is already on row {seen[key]}.",
                file=name,
                row=number,
                column=_header(header, columns["product_key"]),
                value=row["product_key"],
                expected="each product and SKU once",
            )
        seen[key] = number
        out.append(row)
    if not out:
        raise CostImportError("The file has headers but no cost rows.", file=name)
    return out


def _header(header: list[object], index: int) -> str:
    return clean_text(header[index]) if index < len(header) else ""


def _cell(cells: list[object], columns: dict[str, int], field: str) -> object:
    index = columns.get(field)
    return cells[index] if index is not None and index < len(cells) else None


def _row(
    name: str, header: list[object], columns: dict[str, int], cells: list[object], number: int
) -> dict[str, Any]:
    def fail(field: str, message: str, value: object, expected: str) -> CostImportError:
        return CostImportError(
            message,
            file=name,
            row=number,
            column=_header(header, columns[field]),
            value="" if value is None else clean_text(value),
            expected=expected,
        )

    platform = _platform(_cell(cells, columns, "platform"))
    if platform is None:
        raw = _cell(cells, columns, "platform")
        raise fail("platform", "Unknown platform.", raw, PLATFORM_EXPECTED)
    raw_key = _cell(cells, columns, "product_key")
    try:
        product_key = parse_id(raw_key)
    except BadValue as exc:
        raise fail("product_key", "The product id is not usable.", raw_key, exc.expected) from None
    if not product_key:
        raise fail("product_key", "The product id is empty.", raw_key, "the product's 商品ID")
    raw_cost = _cell(cells, columns, "cost")
    try:
        money = parse_money_cents(raw_cost)
    except BadValue:
        money = None
    if money is None or money[0] < 0:
        raise fail("cost", "The cost price is not an amount.", raw_cost, COST_EXPECTED)
    currency = _currency(_cell(cells, columns, "currency"), money[1], platform)
    if currency is None:
        raw = _cell(cells, columns, "currency")
        raise fail("currency", "Unknown currency.", raw, "a code such as CNY or USD")
    sku = _cell(cells, columns, "sku")
    return {
        "platform": platform,
        "product_key": product_key,
        "sku": clean_text(sku) if sku is not None else "",
        "cost_cents": money[0],
        "currency": currency,
    }


def _platform(raw: object) -> str | None:
    text = clean_text(raw) if raw is not None else ""
    if not text:
        return "douyin"
    key = _key(text)
    if key in SALES_CHANNELS:
        return key
    return PLATFORM_NAMES.get(key) or PLATFORM_NAMES.get(text)


def _currency(raw: object, from_amount: str | None, platform: str) -> str | None:
    text = clean_text(raw).upper() if raw is not None else ""
    if text in ("", "人民币", "元", "RMB"):
        return "CNY" if text else (from_amount or DEFAULT_CURRENCY.get(platform, "CNY"))
    if text in ("美元", "US$"):
        return "USD"
    return text if len(text) == 3 and text.isalpha() and text.isascii() else None
