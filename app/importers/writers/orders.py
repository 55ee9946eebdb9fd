"""Order lines, with the customers and products they point at."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.importers.errors import ImportFileError
from app.importers.writers.base import (
    Counts,
    WriteContext,
    bulk_insert,
    fetch_existing,
    fetch_ids,
    insert_returning_ids,
    upsert,
)
from app.models import Customer, CustomerIdentity, Order, Product

ORDERS = Order.__table__
CUSTOMERS = Customer.__table__
IDENTITIES = CustomerIdentity.__table__
PRODUCTS = Product.__table__


def write_orders(
    session: Session,
    records: list[dict[str, Any]],
    context: WriteContext,
    snapshots: dict,
) -> Counts:
    """Upsert the order lines of one file (customers and products are created as needed).

    ``records`` is consumed (emptied) to keep the peak memory of big imports down.
    """
    currency = context.options.get("currency", "CNY")
    if context.options.get("line_key_from") == "order_no":
        _refuse_repeated_orders(records)
    customers = _customer_ids(session, records, context)
    products = _product_ids(session, records, context, currency)
    rows = [_line(r, context, currency, customers, products) for r in records]
    records.clear()  # consumed: on 200,000 rows the parsed records are ~300 MB
    keys = ("platform", "line_key")
    return upsert(session, ORDERS, keys, rows, context, snapshots, want_ids=False)[0]


def _refuse_repeated_orders(records: list[dict[str, Any]]) -> None:
    """One row is one order when a table has no line number: a repeat would lose a row."""
    seen: dict[str, int] = {}
    for record in records:
        first = seen.setdefault(record["order_no"], record["_row"])
        if first != record["_row"]:
            raise ImportFileError(
                f"Order {record['order_no']} appears again (first on row {first}). This table has "
                "no order-line column, so each order must be on one row. Map a line or sub-order "
                "column in the column mapping, or export one row per order.",
                row=record["_row"],
                value=record["order_no"],
            )


def _line(
    record: dict[str, Any],
    context: WriteContext,
    default_currency: str,
    customers: dict[tuple[str, str], int],
    products: dict[str, int],
) -> dict[str, Any]:
    payable, currency = record["payable"]
    refunded = (record.get("after_sale_status") or "") == context.options.get("refunded_when")
    line_key = record.get("line_key") or f"{record['order_no']}:{record['sku_id']}"
    identity = customer_identity(record)
    return {
        "platform": context.platform,
        "line_key": line_key,
        "order_no": record["order_no"],
        "product_id": products.get(record.get("product_key") or record.get("sku_id") or ""),
        "product_name": record.get("product_name") or "",
        "sku": record.get("sku") or record.get("seller_sku") or "",
        "quantity": record.get("quantity") or 1,
        "payable_cents": payable,
        "refund_cents": payable if refunded else 0,
        "currency": currency or default_currency,
        "status": record.get("status") or "",
        "after_sale_status": record.get("after_sale_status") or "",
        "cancel_reason": record.get("cancel_reason") or "",
        "created_at": record.get("created_at"),
        "paid_at": record.get("paid_at"),
        "cancelled": bool(record.get("cancel_reason")) and record.get("paid_at") is None,
        "traffic_source": record.get("traffic_source") or "",
        "traffic_format": record.get("traffic_format") or "",
        "author": record.get("author") or "",
        "region": record.get("province") or "",
        "customer_id": customers.get(identity) if identity else None,
    }


def customer_identity(record: dict[str, Any]) -> tuple[str, str] | None:
    """How the platform knows the buyer: its buyer id, else recipient name + masked phone."""
    if buyer := record.get("buyer_id"):
        return ("buyer_id", buyer)
    name, phone = record.get("recipient"), record.get("phone")
    if name or phone:
        return ("name_phone", f"{name or ''}|{phone or ''}")
    return None


def _customer_ids(
    session: Session, records: list[dict[str, Any]], context: WriteContext
) -> dict[tuple[str, str], int]:
    wanted: dict[tuple[str, str], dict[str, Any]] = {}
    for record in records:
        if (identity := customer_identity(record)) is not None:
            wanted.setdefault(identity, record)
    keys = [(context.platform, kind, value) for kind, value in wanted]
    found = fetch_existing(
        session, IDENTITIES, ("platform", "kind", "value"), keys, ["customer_id"]
    )
    ids = {(k[1], k[2]): row["customer_id"] for k, row in found.items()}
    new = [identity for identity in wanted if identity not in ids]
    if new:
        created = insert_returning_ids(
            session, CUSTOMERS, [_new_customer(wanted[identity], context) for identity in new]
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
    session: Session, records: list[dict[str, Any]], context: WriteContext, currency: str
) -> dict[str, int]:
    wanted: dict[str, dict[str, Any]] = {}
    for record in records:
        if key := record.get("product_key") or record.get("sku_id"):
            wanted.setdefault(key, record)
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
