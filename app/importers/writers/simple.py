"""Reviews, account days, 千川 material days and customer lists: one table each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.importers.writers.base import (
    Counts,
    WriteContext,
    bulk_insert,
    fetch_existing,
    insert_returning_ids,
    upsert,
)
from app.models import (
    Account,
    AccountDaily,
    Customer,
    CustomerIdentity,
    ImportChange,
    Review,
    Shop,
)


def write_reviews(
    session: Session, records: list[dict[str, Any]], context: WriteContext, snapshots: dict
) -> Counts:
    """Upsert reviews on (order, product, review date)."""
    rows = [
        {
            "platform": context.platform,
            "order_no": r["order_no"],
            "product_key": r["product_key"],
            "reviewed_on": r["reviewed_at"].date(),
            "score": r.get("score"),
            "text": r.get("text") or "",
        }
        for r in records
    ]
    keys = ("platform", "order_no", "product_key", "reviewed_on")
    return upsert(session, Review.__table__, keys, rows, context, snapshots)[0]


def write_account_daily(
    session: Session, records: list[dict[str, Any]], context: WriteContext, snapshots: dict
) -> Counts:
    """Upsert one account's daily totals."""
    account_id = platform_account(session, context)
    metrics = ("views", "profile_visits", "likes", "comments", "shares")
    rows = [
        {"account_id": account_id, "day": r["day"], **{m: r.get(m) for m in metrics}}
        for r in records
        if r.get("day") is not None
    ]
    table = AccountDaily.__table__
    return upsert(session, table, ("account_id", "day"), rows, context, snapshots)[0]


CREATED = "created"  # an ImportChange for a shop or account an import had to make


def platform_account(session: Session, context: WriteContext) -> int:
    """The shop's account on the import's platform (the first the profile lists, else a new one).

    A shop or account made here is logged as created by the import, so undoing it removes them
    again (unless something else has come to use them by then).
    """
    platform = context.platform
    found = session.scalar(
        select(Account.id).where(Account.platform == platform).order_by(Account.id)
    )
    if found is not None:
        return found
    shop_id = session.scalar(select(Shop.id).order_by(Shop.id))
    if shop_id is None:
        shop_id = session.scalar(insert(Shop).returning(Shop.id), [{"name": ""}])
        log_created(session, context, Shop.__table__.name, shop_id)
    currency = "USD" if platform == "tiktok" else "CNY"
    account_id = session.scalar(
        insert(Account).returning(Account.id),
        [
            {
                "shop_id": shop_id,
                "platform": platform,
                "handle": f"({platform})",
                "currency": currency,
            }
        ],
    )
    log_created(session, context, Account.__table__.name, account_id)
    return account_id


def log_created(session: Session, context: WriteContext, table: str, row_id: int) -> None:
    """Note a row an import made outside its own tables (they carry no batch id)."""
    session.execute(
        insert(ImportChange.__table__),
        [
            {
                "batch_id": context.batch_id,
                "table_name": table,
                "row_id": row_id,
                "action": CREATED,
                "before": "{}",
            }
        ],
    )


def write_customer_list(
    session: Session, records: list[dict[str, Any]], context: WriteContext, snapshots: dict
) -> Counts:
    """Customers from a CRM list (有赞): one identity per name + masked phone + join time."""
    identities = {}
    for r in records:
        value = "|".join(
            str(v or "")
            for v in (r.get("name") or r.get("nickname"), r.get("phone"), r.get("since"))
        )
        identities[value] = r
    keys = [(context.platform, "crm", v) for v in identities]
    table = CustomerIdentity.__table__
    found = fetch_existing(session, table, ("platform", "kind", "value"), keys, ["customer_id"])
    new = [v for v in identities if (context.platform, "crm", v) not in found]
    if new:
        ids = insert_returning_ids(
            session, Customer.__table__, [_crm_customer(identities[v], context) for v in new]
        )
        bulk_insert(
            session,
            table,
            [
                {"customer_id": cid, "platform": context.platform, "kind": "crm", "value": v}
                for cid, v in zip(ids, new, strict=True)
            ],
        )
    return Counts(
        inserted=len(new),
        unchanged=len(identities) - len(new),
        skipped=len(records) - len(identities),
    )


def _crm_customer(record: dict[str, Any], context: WriteContext) -> dict[str, Any]:
    return {
        "display_name": record.get("name") or record.get("nickname") or "",
        "masked_phone": record.get("phone") or "",
        "region": record.get("region") or "",
        "private_channel": "wecom" if record.get("wecom") else "",
        "note": record.get("tags") or "",
        "batch_id": context.batch_id,
    }
