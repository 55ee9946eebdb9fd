"""Product cost prices and channel codes: what the user enters (or imports) for the conversion
views' margin, profit and break-even ROAS, and for attributing private-domain orders.

Cost imports read a CSV/xlsx with the importers' reader and value parsers; a file either lands
whole or leaves the store unchanged, and its error names the file, row, column, value and what
was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.analytics.conversion import ChannelCodeRow
from app.db import Reader, Store

CHANNEL_PATHS = ("indirect", "direct")
CURRENCY_CODES = ("CNY", "USD", "EUR", "GBP", "JPY", "HKD", "SGD", "MYR", "THB", "IDR", "VND")
# Header words per field (compared case-insensitively, spaces ignored).
COST_HEADERS = {
    "platform": ("平台", "platform"),
    "product_key": ("商品id", "商品编号", "productid", "product_id", "product"),
    "sku": ("规格", "商品规格", "sku", "variation"),
    "cost": ("成本价", "成本", "单位成本", "cost", "unitcost", "costprice"),
    "currency": ("币种", "货币", "currency"),
}
REQUIRED_HEADERS = ("product_key", "cost")
COST_EXPECTED = "a cost price such as 35.50 or ¥35.50 (not negative)"


class CostError(ValueError):
    """Input that cannot be saved; nothing was written.

    Attributes:
        field: the field at fault (``code``, ``path``, ``cost_cents`` …).
        message: what is wrong, for the shop owner.
        value: the offending value, if any.
    """

    def __init__(self, field: str, message: str, value: Any = None) -> None:
        super().__init__(f"{field}: {message}" + ("" if value is None else f" ({value!r})"))
        self.field = field
        self.message = message
        self.value = value


class CostImportError(ValueError):
    """A cost file that cannot be imported as it is; the store is unchanged.

    Attributes: file, row (as Excel numbers it), column (the header), value, expected, message.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        where = ", ".join(
            [file] + ([f"row {row}"] if row else []) + ([f"column {column!r}"] if column else [])
        )
        found = f" (found {value!r}; expected {expected})" if value is not None else ""
        super().__init__(f"{where}: {message}{found}")
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.expected = expected


@dataclass(frozen=True)
class CostImport:
    """What a cost import did."""

    inserted: int
    updated: int
    unchanged: int


# --- Product costs ------------------------------------------------------------------------------

COSTS_LIST_SQL = """
SELECT c.platform, c.product_key, c.sku, COALESCE(p.name, '') AS product_name, c.cost_cents,
       c.currency, c.updated
FROM product_costs c
LEFT JOIN products p ON p.platform = c.platform AND p.product_key = c.product_key
ORDER BY c.platform, c.product_key, c.sku
"""


def list_costs(reader: Reader) -> list[dict[str, Any]]:
    """Every cost price: platform, product_key, sku, product_name, cost_cents, currency, updated."""
    names, rows = reader.query(COSTS_LIST_SQL)
    return [dict(zip(names, row, strict=True)) for row in rows]


def set_cost(
    store: Store,
    platform: str,
    product_key: str,
    sku: str,
    cost_cents: int,
    currency: str = "CNY",
) -> None:
    """Enter (or replace) the unit cost of a product (``sku`` "" = every SKU without its own)."""
    row = _checked_cost(platform, product_key, sku, cost_cents, currency)
    with store.session_scope() as session:
        _upsert_costs(session, [row])


def delete_cost(store: Store, platform: str, product_key: str, sku: str = "") -> bool:
    """Forget a cost price; False when there was none."""
    from sqlalchemy import delete

    from app.models import ProductCost

    with store.session_scope() as session:
        result = session.execute(
            delete(ProductCost).where(
                ProductCost.platform == platform,
                ProductCost.product_key == product_key,
                ProductCost.sku == sku,
            )
        )
        return bool(result.rowcount)


def _checked_cost(
    platform: str, product_key: str, sku: str, cost_cents: int, currency: str
) -> dict[str, Any]:
    platform, product_key = (platform or "").strip(), (product_key or "").strip()
    currency = (currency or "").strip().upper()
    if not platform:
        raise CostError("platform", "Choose the platform that sells the product.")
    if not product_key:
        raise CostError("product_key", "Enter the product's id (商品ID).")
    if not isinstance(cost_cents, int) or isinstance(cost_cents, bool) or cost_cents < 0:
        raise CostError("cost_cents", "The cost price must be an amount of 0 or more.", cost_cents)
    if len(currency) != 3 or not (currency.isascii() and currency.isalpha()):
        raise CostError("currency", "The currency must be a code such as CNY or USD.", currency)
    return {
        "platform": platform,
        "product_key": product_key,
        "sku": (sku or "").strip(),
        "cost_cents": cost_cents,
        "currency": currency,
    }


def _upsert_costs(session: Any, rows: list[dict[str, Any]]) -> CostImport:
    from sqlalchemy import func, select

    from app.models import ProductCost

    inserted = updated = unchanged = 0
    for row in rows:
        found = session.scalars(
            select(ProductCost).where(
                ProductCost.platform == row["platform"],
                ProductCost.product_key == row["product_key"],
                ProductCost.sku == row["sku"],
            )
        ).first()
        if found is None:
            session.add(ProductCost(**row))
            inserted += 1
        elif (found.cost_cents, found.currency) == (row["cost_cents"], row["currency"]):
            unchanged += 1
        else:
            found.cost_cents, found.currency = row["cost_cents"], row["currency"]
            found.updated = func.now()
            updated += 1
        session.flush()
    return CostImport(inserted, updated, unchanged)


def import_costs(store: Store, path: Path | str) -> CostImport:
    """Read cost prices from a CSV/xlsx file (headers: see :data:`COST_HEADERS`) and store them.

    One transaction: any bad row raises :class:`CostImportError` and nothing is written.
    """
    from app.services.cost_file import read_cost_rows

    rows = read_cost_rows(Path(path))
    with store.session_scope() as session:
        return _upsert_costs(session, rows)


# --- Channel codes ------------------------------------------------------------------------------


def list_channel_codes(reader: Reader) -> list[ChannelCodeRow]:
    """The user's channel codes, by code."""
    rows = reader.query("SELECT id, code, label, path, prefix FROM channel_codes ORDER BY code")[1]
    return [ChannelCodeRow(int(i), str(c), str(lb), str(p), bool(x)) for i, c, lb, p, x in rows]


def save_channel_code(store: Store, row: ChannelCodeRow) -> int:
    """Insert (``row.id`` None) or update a channel code; its id. CostError on bad input."""
    from sqlalchemy import select

    from app.models import ChannelCode

    code, label = row.code.strip(), row.label.strip()
    if not code:
        raise CostError("code", "Enter the code as it appears on the orders.")
    if not label:
        raise CostError("label", "Give the code a name (e.g. 门店扫码券).")
    if row.path not in CHANNEL_PATHS:
        raise CostError("path", "The path must be direct or indirect.", row.path)
    with store.session_scope() as session:
        clash = session.scalars(select(ChannelCode).where(ChannelCode.code == code)).first()
        if clash is not None and clash.id != row.id:
            raise CostError("code", "This code is already defined.", code)
        target = ChannelCode() if row.id is None else session.get(ChannelCode, row.id)
        if target is None:
            raise CostError("id", "This channel code no longer exists.", row.id)
        target.code, target.label, target.path, target.prefix = code, label, row.path, row.prefix
        session.add(target)
        session.flush()
        return int(target.id)


def delete_channel_code(store: Store, code_id: int) -> bool:
    """Delete a channel code; False when there was none."""
    from app.models import ChannelCode

    with store.session_scope() as session:
        target = session.get(ChannelCode, code_id)
        if target is None:
            return False
        session.delete(target)
        return True
