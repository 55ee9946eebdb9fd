"""Writers of the later kinds: 抖店 after-sales, account days by metric, 千川 days, trend sheets.

Each one keeps the rules of :mod:`app.importers.writers.base`: a row changed is logged with its
values before (undo puts them back) and tagged with the import's batch; data older than what
the store holds does not overwrite it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.importers import values
from app.importers.errors import BadValue, ImportFileError
from app.importers.headers import header_key
from app.importers.kinds import XHS_TREND_METRICS
from app.importers.writers.base import (
    Counts,
    WriteContext,
    fetch_existing,
    is_older,
    log_changes,
    update_rows,
)
from app.importers.writers.simple import platform_account
from app.models import AccountDaily, AdSpend, Order

if TYPE_CHECKING:
    from app.importers.normalise import ParsedFile

ORDERS = Order.__table__
ACCOUNT_DAILY = AccountDaily.__table__
AD_SPEND = AdSpend.__table__
ACCOUNT_METRICS = (
    "views",
    "followers_total",
    "followers_gained",
    "profile_visits",
    "likes",
    "comments",
    "shares",
)


def writers(parsed: ParsedFile) -> dict[str, Callable[..., Counts]]:
    """The writers of this module by export-kind target, bound to the file where they need it.

    Each takes ``(session, records, context, snapshots)`` like the other writers.
    """
    return {
        "aftersales": write_aftersales,
        "account_metrics": write_account_metrics,
        "account_trend": partial(write_account_trend, parsed=parsed),
        "ad_days": partial(write_ad_days, file_day=parsed.hints.day),
    }


# --- 抖店 售后表 --------------------------------------------------------------------------------

_AFTER_SALE_FIELDS = ("refund_cents", "refunded_at", "after_sale_status")


def write_aftersales(
    session: Session, records: list[dict[str, Any]], context: WriteContext, snapshots: dict
) -> Counts:
    """Put the after-sale outcome on the order lines the store already holds.

    A line with a successful refund (``options["refunded_when"]``) gets the refunded amount
    (its payable when the file leaves the amount empty; the sum when it was refunded in parts),
    the refund time (商家退款时间, else 售后完结时间) and the status; any other outcome (售后关闭,
    换货成功, 售后处理中) changes the status only. Counts are per order line; the cases of a line
    the store does not hold (or holds from a newer export) are counted as skipped.
    """
    refunded_when = context.options.get("refunded_when", "")
    cases = {r["aftersale_no"]: r for r in records}  # a repeated 售后单号: the last row wins
    counts = Counts(skipped=len(records) - len(cases))
    by_line: dict[str, list[dict[str, Any]]] = {}
    for case in cases.values():
        by_line.setdefault(case["line_key"], []).append(case)
    keys = [(context.platform, line_key) for line_key in by_line]
    existing = fetch_existing(
        session, ORDERS, ("platform", "line_key"), keys, ("payable_cents", *_AFTER_SALE_FIELDS)
    )
    updates, before = [], []
    for key, line_cases in zip(keys, by_line.values(), strict=True):
        stored = existing.get(key)
        if stored is None or is_older(context.snapshot_at, stored["batch_id"], snapshots):
            counts.skipped += len(line_cases)
            continue
        outcome = _after_sale_outcome(line_cases, stored, refunded_when)
        if all(stored[c] == v for c, v in outcome.items()):
            counts.unchanged += 1
            continue
        before.append({c: stored[c] for c in ("id", "batch_id", *_AFTER_SALE_FIELDS)})
        updates.append({"_id": stored["id"], **outcome, "batch_id": context.batch_id})
    if updates:
        update_rows(session, ORDERS, updates)
        log_changes(session, context.batch_id, ORDERS, "update", before)
    counts.updated += len(updates)
    return counts


def _after_sale_outcome(
    cases: list[dict[str, Any]], stored: dict[str, Any], refunded_when: str
) -> dict[str, Any]:
    refunds = [c for c in cases if c["status"] == refunded_when]
    if not refunds:
        # The latest case (by 售后申请时间, then file order) says where the line stands.
        latest = max(
            enumerate(cases), key=lambda ic: (ic[1].get("created_at") or datetime.min, ic[0])
        )
        return {
            "refund_cents": stored["refund_cents"],
            "refunded_at": stored["refunded_at"],
            "after_sale_status": latest[1]["status"],
        }
    amount = sum(c["refund"][0] if c.get("refund") else stored["payable_cents"] for c in refunds)
    times = [t for c in refunds if (t := c.get("refunded_at") or c.get("finished_at"))]
    return {
        "refund_cents": amount,
        "refunded_at": max(times) if times else stored["refunded_at"],
        "after_sale_status": refunded_when,
    }


# --- Account days, one metric (or a few) at a time ------------------------------------------------


def write_account_metrics(
    session: Session, records: list[dict[str, Any]], context: WriteContext, snapshots: dict
) -> Counts:
    """Store the metrics a file has for each day of the platform's account; keep the others.

    With ``options["followers_gained"] == "from_total"`` followers_gained is recomputed as
    followers_total(day) − followers_total(day before), the day before taken from the file or
    else from the store (TikTok's own difference column is off by one day).
    """
    account_id = platform_account(session, context)
    days: dict[date, dict[str, Any]] = {}
    skipped = 0
    for record in records:
        day = record.get("day")
        if day is None or day in days:  # a repeated day: the last row wins
            skipped += 1
        if day is not None:
            days[day] = {m: record[m] for m in ACCOUNT_METRICS if m in record}
    if context.options.get("followers_gained") == "from_total":
        _gained_from_totals(session, account_id, days)
    counts = upsert_account_metrics(session, account_id, days, context, snapshots)
    counts.skipped += skipped
    return counts


def _gained_from_totals(
    session: Session, account_id: int, days: dict[date, dict[str, Any]]
) -> None:
    totals = {
        d: v["followers_total"] for d, v in days.items() if v.get("followers_total") is not None
    }
    wanted = {d - timedelta(days=1) for d in totals} - set(totals)
    table = ACCOUNT_DAILY
    stored = dict(
        session.execute(
            select(table.c.day, table.c.followers_total).where(
                table.c.account_id == account_id,
                table.c.day.in_(sorted(wanted)),
                table.c.followers_total.is_not(None),
            )
        ).all()
    )
    for day, metrics in days.items():
        total = metrics.get("followers_total")
        previous = totals.get(day - timedelta(days=1), stored.get(day - timedelta(days=1)))
        gained = total - previous if total is not None and previous is not None else None
        metrics["followers_gained"] = gained


def upsert_account_metrics(
    session: Session,
    account_id: int,
    days: dict[date, dict[str, Any]],
    context: WriteContext,
    snapshots: dict[int, datetime | None],
) -> Counts:
    """Upsert account days metric by metric: a None never overwrites a stored value.

    A day the store holds from a newer export keeps its values; only metrics it lacks are
    filled in (the 播放量 file of November must not lose to the 作品点赞 file of October, and the
    likes of October still belong on those days). Counts are per day.
    """
    counts = Counts()
    if not days:
        return counts
    keys = [(account_id, day) for day in days]
    existing = fetch_existing(session, ACCOUNT_DAILY, ("account_id", "day"), keys, ACCOUNT_METRICS)
    inserts, updates, before = [], [], []
    for key, metrics in zip(keys, days.values(), strict=True):
        given = {m: v for m, v in metrics.items() if v is not None}
        stored = existing.get(key)
        if stored is None:
            if not given:
                counts.skipped += 1
                continue
            row = {"account_id": key[0], "day": key[1], **dict.fromkeys(ACCOUNT_METRICS)}
            inserts.append({**row, **given, "batch_id": context.batch_id})
            continue
        changed = {m: v for m, v in given.items() if stored[m] != v}
        if changed and is_older(context.snapshot_at, stored["batch_id"], snapshots):
            fill = {m: v for m, v in changed.items() if stored[m] is None}
            if not fill:
                counts.skipped += 1
                continue
            changed = fill
        if not changed:
            counts.unchanged += 1
            continue
        before.append({c: stored[c] for c in ("id", "batch_id", *ACCOUNT_METRICS)})
        merged = {m: changed.get(m, stored[m]) for m in ACCOUNT_METRICS}
        updates.append({"_id": stored["id"], **merged, "batch_id": context.batch_id})
    if inserts:
        session.execute(insert(ACCOUNT_DAILY), inserts)
    if updates:
        update_rows(session, ACCOUNT_DAILY, updates)
        log_changes(session, context.batch_id, ACCOUNT_DAILY, "update", before)
    counts.inserted += len(inserts)
    counts.updated += len(updates)
    return counts


# --- 小红书 近30日 trend workbooks --------------------------------------------------------------

_TREND_METRICS = {header_key(name): metric for name, metric in XHS_TREND_METRICS.items()}


def write_account_trend(
    session: Session,
    records: list[dict[str, Any]],
    context: WriteContext,
    snapshots: dict,
    *,
    parsed: ParsedFile,
) -> Counts:
    """Store every trend sheet of the workbook whose name is a known metric (观看趋势 → views …).

    The last day of such a workbook is not settled yet; it is stored all the same, and a later
    export (with a later last day, so a newer snapshot) overwrites it.
    """
    days: dict[date, dict[str, Any]] = {}
    for sheet_name, sheet_records in trend_sheets(records, parsed):
        metric = _TREND_METRICS.get(header_key(sheet_name))
        if metric is None:
            continue  # 曝光, 收藏, 完播率, 发布 … have no account_daily column
        for record in sheet_records:
            value = _whole_number(record, parsed.path.name, sheet_name)
            days.setdefault(record["day"], dict.fromkeys(ACCOUNT_METRICS))[metric] = value
    account_id = platform_account(session, context)
    return upsert_account_metrics(session, account_id, days, context, snapshots)


def trend_sheets(
    records: list[dict[str, Any]], parsed: ParsedFile
) -> list[tuple[str, list[dict[str, Any]]]]:
    """(sheet name, records) of each sheet normalise read (records carry ``_sheet``)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        grouped.setdefault(record.get("_sheet", parsed.detection.sheet.name), []).append(record)
    return list(grouped.items())


def _whole_number(record: dict[str, Any], file_name: str, sheet_name: str) -> int | None:
    try:
        return values.parse_int(record.get("value"))
    except BadValue as exc:
        raise ImportFileError(
            exc.detail or f"This cell cannot be read as {exc.expected}.",
            file=file_name,
            row=record.get("_row"),
            column=f"{sheet_name}: 数值",
            value=str(record.get("value")),
            expected=exc.expected,
        ) from None


# --- 千川 days (推商品, 推抖音号; the 素材 report too) ------------------------------------------


def write_ad_days(
    session: Session,
    records: list[dict[str, Any]],
    context: WriteContext,
    snapshots: dict,
    *,
    file_day: date | None,
) -> Counts:
    """Replace each day's ad rows of the kind's channel whole (a re-download revises a day).

    The day of a row is its 日期 cell, else the day in the file name (千川 names its daily files
    ``…_2026-08-14 00_00_00-2026-08-14 23_59_59-<ms>.xlsx``). The channel is
    ``options["channel"]`` (``qianchuan`` when absent: the 素材 report).
    """
    channel = context.options.get("channel", "qianchuan")
    by_day: dict[date, list[dict[str, Any]]] = {}
    for record in records:
        day = record.get("day") or file_day
        if day is None:
            raise ImportFileError(
                "The day this 千川 report covers is neither in a 日期 column nor in its file "
                "name (…_2026-08-14 00_00_00-2026-08-14 23_59_59-….xlsx). "
                "Keep the name the platform gave it.",
                row=record.get("_row"),
            )
        by_day.setdefault(day, []).append(record)
    if not records and file_day is not None:
        by_day[file_day] = []  # a day without rows: nothing was spent on the channel that day
    counts = Counts()
    for day, day_records in sorted(by_day.items()):
        counts.add(replace_ad_day(session, day_records, context, snapshots, channel, day))
    return counts


def replace_ad_day(
    session: Session,
    records: list[dict[str, Any]],
    context: WriteContext,
    snapshots: dict,
    channel: str,
    day: date,
) -> Counts:
    """Replace one day's rows of one channel whole, unless the stored day is newer."""
    table = AD_SPEND
    where = (
        (table.c.platform == context.platform) & (table.c.channel == channel) & (table.c.day == day)
    )
    old = [dict(r) for r in session.execute(select(table).where(where)).mappings()]
    if old and any(is_older(context.snapshot_at, r["batch_id"], snapshots) for r in old):
        return Counts(skipped=len(records))
    currency = context.options.get("currency", "CNY")
    new = {
        r["material_key"]: {
            "platform": context.platform,
            "channel": channel,
            "day": day,
            "material_key": r["material_key"],
            "material_name": (r.get("material_name") or "").strip(),
            "material_created_at": r.get("material_created_at"),
            "spend_cents": r["spend"][0],
            "gmv_cents": (r.get("gmv") or (0, None))[0],
            "orders": r.get("orders"),
            "impressions": r.get("impressions"),
            "clicks": r.get("clicks"),
            "currency": currency,
        }
        for r in records
    }
    compare = (
        "material_name",
        "material_created_at",
        "spend_cents",
        "gmv_cents",
        "orders",
        "impressions",
        "clicks",
        "currency",
    )
    old_by_key = {r["material_key"]: r for r in old}
    same = {
        k
        for k, row in new.items()
        if k in old_by_key and all(old_by_key[k][c] == row[c] for c in compare)
    }
    if same == set(new) == set(old_by_key):
        return Counts(unchanged=len(new), skipped=len(records) - len(new))
    log_changes(session, context.batch_id, table, "delete", old)
    session.execute(delete(table).where(where))
    session.execute(insert(table), [{**row, "batch_id": context.batch_id} for row in new.values()])
    return Counts(
        inserted=len(set(new) - set(old_by_key)),
        updated=len(set(new) & set(old_by_key)) - len(same),
        unchanged=len(same),
        skipped=len(records) - len(new),
    )
