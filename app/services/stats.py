"""The monthly figures (``shopreel stats``), defined as in the samples' truth.json conventions."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.db import Reader
from app.services.tables import as_date, as_datetime

AT_RISK_DAYS, LOST_DAYS = 30, 90
PAID = "paid_at IS NOT NULL AND NOT cancelled"


@dataclass(frozen=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-08`` → Month(2026, 8); ValueError otherwise."""
        year, _, month = text.partition("-")
        parsed = cls(int(year), int(month))
        if not 1 <= parsed.month <= 12 or len(text) != 7:
            raise ValueError(f"expected a month like 2026-08, got {text!r}")
        return parsed

    @property
    def last_day(self) -> date:
        """The month's last day."""
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def holds(self, moment: Any) -> bool:
        """True when a date/datetime (or its text) falls in this month."""
        day = as_date(moment)
        return day is not None and (day.year, day.month) == (self.year, self.month)


def month_stats(reader: Reader, month: Month) -> dict[str, Any]:
    """All figures of one month, keyed and nested as a ``months`` entry of truth.json."""
    videos = _video_figures(reader, month)
    lines = _paid_lines(reader)
    orders = _order_figures(lines, month)
    customers = _customer_figures(lines, month)
    ads = _ad_figures(reader, month)
    return {
        **videos["total"],
        **orders["total"],
        **customers["total"],
        **ads,
        "negative_reviews": _negative_reviews(reader, month),
        "by_platform": {
            "videos": videos["by_platform"],
            "orders_paid": orders["by_platform"],
            **customers["by_platform"],
        },
    }


def _money(cents: int) -> float:
    return round(cents / 100, 2)


# --- Videos -------------------------------------------------------------------------------------

LATEST_SNAPSHOTS_SQL = """
SELECT v.platform, v.published_at, s.views, s.likes, s.comments, s.shares
FROM videos v
LEFT JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
"""
VIDEO_METRICS = ("video_views", "likes", "comments", "shares")


def _video_figures(reader: Reader, month: Month) -> dict[str, Any]:
    rows = reader.query(LATEST_SNAPSHOTS_SQL)[1]
    platforms = sorted({r[0] for r in rows})
    per = {p: dict.fromkeys(("videos_published", *VIDEO_METRICS), 0) for p in platforms}
    for platform, published, *metrics in rows:
        if not month.holds(published):
            continue
        figures = per[platform]
        figures["videos_published"] += 1
        for name, value in zip(VIDEO_METRICS, metrics, strict=True):
            figures[name] += int(value or 0)  # a metric the platform does not export counts 0
    total = {k: sum(p[k] for p in per.values()) for k in ("videos_published", *VIDEO_METRICS)}
    return {"total": total, "by_platform": per}


# --- Orders and customers -----------------------------------------------------------------------

PAID_LINES_SQL = f"""
SELECT platform, order_no, customer_id, paid_at, payable_cents, refund_cents, currency
FROM order_lines WHERE {PAID}
"""


@dataclass(frozen=True)
class _Line:
    platform: str
    order_no: str
    customer: int | None
    paid_on: date
    payable: int
    refund: int
    currency: str


def _paid_lines(reader: Reader) -> list[_Line]:
    lines = []
    for platform, order_no, customer, paid, payable, refund, currency in reader.query(
        PAID_LINES_SQL
    )[1]:
        moment = as_datetime(paid)
        assert moment is not None
        lines.append(
            _Line(platform, order_no, customer, moment.date(), payable, refund or 0, currency)
        )
    return lines


def _order_figures(lines: list[_Line], month: Month) -> dict[str, Any]:
    in_month = [line for line in lines if month.holds(line.paid_on)]
    gmv: dict[str, int] = defaultdict(int)
    refunds: dict[str, int] = defaultdict(int)
    per_platform: dict[str, int] = defaultdict(int)
    for line in in_month:
        gmv[line.currency] += line.payable
        per_platform[line.platform] += 1
        refunds[line.currency] += line.refund  # whole lines from order exports, parts from 售后
    return {
        "total": {
            "orders_paid": len(in_month),
            "gmv": _money(gmv.get("CNY", 0)),
            "gmv_currency": "CNY",
            "gmv_by_currency": {c: _money(v) for c, v in sorted(gmv.items())},
            "refunds": _money(refunds.get("CNY", 0)),
            "refunds_by_currency": {c: _money(refunds.get(c, 0)) for c in sorted(gmv)},
        },
        "by_platform": dict(sorted(per_platform.items())),
    }


def _customer_figures(lines: list[_Line], month: Month) -> dict[str, Any]:
    first: dict[int, date] = {}
    last: dict[int, date] = {}
    orders_to_end: dict[int, set[str]] = defaultdict(set)
    platform_of: dict[int, str] = {}
    buyers: set[int] = set()
    for line in lines:
        if line.customer is None:
            continue
        cid = line.customer
        platform_of[cid] = line.platform
        first[cid] = min(first.get(cid, line.paid_on), line.paid_on)
        if line.paid_on <= month.last_day:
            last[cid] = max(last.get(cid, line.paid_on), line.paid_on)
            orders_to_end[cid].add(line.order_no)
        if month.holds(line.paid_on):
            buyers.add(cid)
    groups = {
        "buyers": buyers,
        "new_customers": {c for c, day in first.items() if month.holds(day)},
        "repeat_buyers": {c for c in buyers if len(orders_to_end[c]) >= 2},
        "at_risk_customers": {
            c for c, day in last.items() if AT_RISK_DAYS <= (month.last_day - day).days < LOST_DAYS
        },
        "lost_customers": {
            c for c, day in last.items() if (month.last_day - day).days >= LOST_DAYS
        },
    }
    platforms = sorted(set(platform_of.values()))
    by_platform = {
        name: {p: sum(1 for c in members if platform_of[c] == p) for p in platforms}
        for name, members in groups.items()
    }
    return {"total": {k: len(v) for k, v in groups.items()}, "by_platform": by_platform}


# --- Ads and reviews ----------------------------------------------------------------------------

ADS_SQL = "SELECT day, spend_cents, gmv_cents FROM ad_spend WHERE channel = 'qianchuan'"
REVIEWS_SQL = "SELECT reviewed_on FROM reviews WHERE score IS NOT NULL AND score <= 2"


def _ad_figures(reader: Reader, month: Month) -> dict[str, float]:
    spend = gmv = 0
    for day, spent, sold in reader.query(ADS_SQL)[1]:
        if month.holds(day):
            spend += spent or 0
            gmv += sold or 0
    return {"ad_spend": _money(spend), "ad_gmv": _money(gmv)}


def _negative_reviews(reader: Reader, month: Month) -> int:
    return sum(1 for (day,) in reader.query(REVIEWS_SQL)[1] if month.holds(day))
