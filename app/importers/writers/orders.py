"""Order lines, with the customers and products they point at."""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.importers.errors import ImportFileError
from app.importers.normalise import Columns
from app.importers.writers.base import (
    Counts,
    WriteContext,
    bulk_insert,
    fetch_ids,
    insert_returning_ids,
    stored_rows,
    upsert_columns,
)
from app.models import Customer, CustomerIdentity, Order, Product

ORDERS = Order.__table__
CUSTOMERS = Customer.__table__
IDENTITIES = CustomerIdentity.__table__
PRODUCTS = Product.__table__


def write_orders(
    session: Session,
    records: list[dict[str, Any]] | Columns,
    context: WriteContext,
    snapshots: dict,
) -> Counts:
    """Upsert the order lines of one file (customers and products are created as needed).

    ``records`` (dicts, or the parsed columns) is consumed (emptied) to keep the peak memory of
    big imports down. Lines are built column by column: a 200,000-line export is four million
    values, and a dict per line would cost more than the database does.
    """
    if isinstance(records, Columns):
        columns = records
    else:
        columns = Columns.from_records(records)
        records.clear()
    currency = context.options.get("currency", "CNY")
    if context.options.get("line_key_from") == "order_no":
        _refuse_repeated_orders(columns)
    identities = list(map(_identity, *map(partial(_column, columns), IDENTITY_FIELDS)))
    customers = _customer_ids(session, columns, identities, context)
    products = _product_ids(session, columns, context, currency)
    lines = _lines(columns, identities, context, currency, customers, products)
    columns.fields.clear()  # consumed: on 200,000 rows the parsed columns are ~200 MB
    keys = ("platform", "line_key")
    return upsert_columns(session, ORDERS, keys, lines, context, snapshots, want_ids=False)[0]


def _column(columns: Columns, name: str) -> list[Any]:
    """A field's values, all None when the file has no such column."""
    values = columns.get(name)
    return values if values is not None else [None] * len(columns)


def _or(values: list[Any], default: Any) -> list[Any]:
    """``[value or default for value in values]``, the way every line field falls back."""
    return [value or default for value in values]


def _lines(
    columns: Columns,
    identities: list[tuple[str, str] | None],
    context: WriteContext,
    default_currency: str,
    customers: dict[tuple[str, str], int],
    products: dict[str, int],
) -> dict[str, list[Any]]:
    """The order_lines columns of every line (see ``_line`` for one line's rules)."""
    get = partial(_column, columns)
    count = len(columns)
    payable = get("payable")
    after_sale = _or(get("after_sale_status"), "")
    refunded_when = context.options.get("refunded_when")
    order_no = get("order_no")
    product_keys = [a or b or "" for a, b in zip(get("product_key"), get("sku_id"), strict=True)]
    cancel = _or(get("cancel_reason"), "")
    paid_at = get("paid_at")
    line_keys = get("line_key")
    if not all(line_keys):  # TikTok Shop: Order ID + SKU ID (a KeyError, as ever, without one)
        line_keys = [
            key or f"{order}:{sku}"
            for key, order, sku in zip(line_keys, order_no, columns.fields["sku_id"], strict=True)
        ]
    return {
        "platform": [context.platform] * count,
        "line_key": line_keys,
        "order_no": order_no,
        "product_id": list(map(products.get, product_keys)),
        "product_name": _or(get("product_name"), ""),
        "sku": [a or b or "" for a, b in zip(get("sku"), get("seller_sku"), strict=True)],
        "quantity": _or(get("quantity"), 1),
        "payable_cents": [cents for cents, _ in payable],
        "refund_cents": [
            cents if status == refunded_when else 0
            for (cents, _), status in zip(payable, after_sale, strict=True)
        ],
        "currency": [code or default_currency for _, code in payable],
        "status": _or(get("status"), ""),
        "after_sale_status": after_sale,
        "cancel_reason": cancel,
        "created_at": get("created_at"),
        "paid_at": paid_at,
        "cancelled": [bool(c) and p is None for c, p in zip(cancel, paid_at, strict=True)],
        "traffic_source": _or(get("traffic_source"), ""),
        "traffic_format": _or(get("traffic_format"), ""),
        "author": _or(get("author"), ""),
        "region": _or(get("province"), ""),
        "customer_id": list(map(customers.get, identities)),  # None: no buyer, no customer
    }


IDENTITY_FIELDS = ("buyer_id", "recipient", "phone")


def _identity(buyer: str | None, name: str | None, phone: str | None) -> tuple[str, str] | None:
    if buyer:
        return ("buyer_id", buyer)
    if name or phone:
        return ("name_phone", f"{name or ''}|{phone or ''}")
    return None


def _refuse_repeated_orders(columns: Columns) -> None:
    """One row is one order when a table has no line number: a repeat would lose a row."""
    orders, rows = columns.fields["order_no"], columns.fields["_row"]
    seen: dict[str, int] = {}
    for order, row in zip(orders, rows, strict=True):
        first = seen.setdefault(order, row)
        if first != row:
            raise ImportFileError(
                f"Order {order} appears again (first on row {first}). This table has "
                "no order-line column, so each order must be on one row. Map a line or sub-order "
                "column in the column mapping, or export one row per order.",
                row=row,
                value=order,
            )


def customer_identity(record: dict[str, Any]) -> tuple[str, str] | None:
    """How the platform knows the buyer: its buyer id, else recipient name + masked phone."""
    return _identity(record.get("buyer_id"), record.get("recipient"), record.get("phone"))


def _customer_ids(
    session: Session,
    columns: Columns,
    identities: list[tuple[str, str] | None],
    context: WriteContext,
) -> dict[tuple[str, str], int]:
    fields = ("buyer_id", "recipient", "phone", "province", "city")
    first: dict[tuple[str, str], int] = {}  # identity → its first row
    for row, identity in enumerate(identities):
        if identity is not None and identity not in first:
            first[identity] = row
    keys = [(context.platform, kind, value) for kind, value in first]
    found = stored_rows(session, IDENTITIES, ("platform", "kind", "value"), keys, ["customer_id"])
    ids = {(k[1], k[2]): row[2] for k, row in found.items()}
    cells = [_column(columns, name) for name in fields]
    wanted = {
        identity: tuple(values[row] for values in cells)
        for identity, row in first.items()
        if identity not in ids
    }
    new = list(wanted)
    if new:
        created = insert_returning_ids(
            session,
            CUSTOMERS,
            [_new_customer(dict(zip(fields, wanted[i], strict=True)), context) for i in new],
        )
        bulk_insert(
            session,
            IDENTITIES,
            [
                {"customer_id": cid, "platform": context.platform, "kind": kind, "value": value}
                for cid, (kind, value) in zip(created, new, strict=True)
            ],
        )
        ids.update(zip(new, created, strict=True))
    return ids


def _new_customer(record: dict[str, Any], context: WriteContext) -> dict[str, Any]:
    return {
        "display_name": record.get("recipient") or record.get("buyer_id") or "",
        "masked_phone": record.get("phone") or "",
        "region": " ".join(p for p in (record.get("province"), record.get("city")) if p),
        "batch_id": context.batch_id,
    }


def _product_ids(
    session: Session, columns: Columns, context: WriteContext, currency: str
) -> dict[str, int]:
    get = partial(_column, columns)
    fields = ("product_key", "sku_id", "product_name", "seller_sku")
    wanted: dict[str, dict[str, Any]] = {}  # product → its first row's fields
    for cells in zip(*map(get, fields), strict=True):
        if (key := cells[0] or cells[1]) and key not in wanted:
            wanted[key] = dict(zip(fields, cells, strict=True))
    keys = [(context.platform, key) for key in wanted]
    ids = {
        k[1]: v for k, v in fetch_ids(session, PRODUCTS, ("platform", "product_key"), keys).items()
    }
    new = [key for key in wanted if key not in ids]
    if new:
        rows = [
            {
                "platform": context.platform,
                "product_key": key,
                "name": wanted[key].get("product_name") or "",
                "sku": wanted[key].get("seller_sku") or "",
                "currency": currency,
                "batch_id": context.batch_id,
            }
            for key in new
        ]
        session.execute(insert(Product), rows)
        found = fetch_ids(
            session, PRODUCTS, ("platform", "product_key"), [(context.platform, k) for k in new]
        )
        ids.update({k[1]: v for k, v in found.items()})
    return ids
