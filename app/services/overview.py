"""What each tab shows when it opens: a few key figures and one table, read in one go.

The SQL is portable (SQLite and PostgreSQL) and uses ``:named`` parameters, so it runs both on
the start-up path's stdlib ``sqlite3`` connection and through SQLAlchemy for a server store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.db import Reader
from app.services.tables import Money, Table, as_date, as_datetime

TABS = ("content", "traffic", "conversion", "customers", "retention", "imports")
PAID = "o.paid_at IS NOT NULL AND NOT o.cancelled"
MONTH_OF = "substr(CAST({col} AS TEXT), 1, 7)"
AT_RISK_DAYS = 30
LOST_DAYS = 90


@dataclass(frozen=True)
class Kpi:
    """One key figure: an id the view translates, and its value (int, float rate, Money …)."""

    key: str
    value: Any


@dataclass(frozen=True)
class TabData:
    """What a tab shows: key figures above one table."""

    kpis: tuple[Kpi, ...]
    table: Table


def store_is_empty(reader: Reader) -> bool:
    """True when the store holds no shop data at all (a new user's first start)."""
    tables = ("videos", "order_lines", "customers", "plan_items", "import_batches", "campaigns")
    sql = "SELECT " + " + ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)
    return reader.query(sql)[1][0][0] == 0


def load_tab(reader: Reader, tab: str, today: date) -> TabData:
    """The figures and table of one tab."""
    return LOADERS[tab](reader, today)


def _table(reader: Reader, sql: str, params: dict[str, Any] | None = None) -> Table:
    columns, rows = reader.query(sql, params)
    return Table(tuple(columns), rows)


def _rows(reader: Reader, sql: str) -> list[tuple[Any, ...]]:
    return reader.query(sql)[1]


def _rate(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _money_by_currency(pairs: Iterable[tuple[int | None, str | None]]) -> tuple[Money, ...]:
    totals: dict[str, int] = {}
    for cents, currency in pairs:
        if currency is not None:
            totals[currency] = totals.get(currency, 0) + int(cents or 0)
    return tuple(Money(v, k) for k, v in sorted(totals.items(), key=lambda kv: kv[0] != "CNY"))


# --- Content plan -------------------------------------------------------------------------------

CONTENT_SQL = """
SELECT p.id, p.planned_at, p.status, p.title, p.kind, pl.name AS pillar, pe.name AS persona,
       t.name AS template, p.platforms, p.hook,
       (SELECT s.views FROM videos v JOIN video_snapshots s ON s.video_id = v.id
         WHERE v.plan_item_id = p.id ORDER BY s.snapshot_at DESC LIMIT 1) AS views
FROM plan_items p
LEFT JOIN content_pillars pl ON pl.id = p.pillar_id
LEFT JOIN personas pe ON pe.id = p.persona_id
LEFT JOIN templates t ON t.id = p.template_id
ORDER BY p.planned_at DESC
"""


def load_content(reader: Reader, today: date) -> TabData:
    """The production board: plan items by stage, the next planned post."""
    table = _table(reader, CONTENT_SQL)
    table = Table(table.columns, [_with_dates(r, (1,)) for r in table.rows])
    statuses = table.column("status")
    upcoming = [d for d in table.column("planned_at") if d and d.date() >= today]
    kpis = (
        Kpi("plan_ideas", statuses.count("idea")),
        Kpi("plan_in_production", sum(statuses.count(s) for s in ("scripted", "shot", "edited"))),
        Kpi("plan_scheduled", statuses.count("scheduled")),
        Kpi("plan_published", statuses.count("published")),
        Kpi("plan_next", min(upcoming) if upcoming else None),
    )
    return TabData(kpis, table)


def _with_dates(row: tuple[Any, ...], positions: Iterable[int]) -> tuple[Any, ...]:
    values = list(row)
    for i in positions:
        values[i] = as_datetime(values[i])
    return tuple(values)


# --- Traffic ------------------------------------------------------------------------------------

TRAFFIC_SQL = """
SELECT v.id, v.platform, v.published_at, v.title, v.format, pl.name AS pillar,
       s.views, s.likes, s.comments, s.shares, s.favorites, s.completion_rate,
       s.followers_gained, s.product_clicks
FROM videos v
LEFT JOIN content_pillars pl ON pl.id = v.pillar_id
LEFT JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
ORDER BY v.published_at DESC
"""
INTERACTIONS = ("likes", "comments", "shares", "favorites")


def load_traffic(reader: Reader, today: date) -> TabData:
    """Every video with its newest exported metrics, and the totals over all of them."""
    raw = _table(reader, TRAFFIC_SQL)
    col = {name: i for i, name in enumerate(raw.columns)}
    rows = []
    for r in raw.rows:
        interactions = sum(r[col[k]] or 0 for k in INTERACTIONS)
        rows.append(
            (*_with_dates(r, (col["published_at"],)), _rate(interactions, r[col["views"]] or 0))
        )
    table = Table((*raw.columns, "interaction_rate"), rows)
    views = sum(v or 0 for v in raw.column("views"))
    interactions = sum(sum(r[col[k]] or 0 for k in INTERACTIONS) for r in raw.rows)
    weighted = [
        (r[col["views"]], r[col["completion_rate"]])
        for r in raw.rows
        if r[col["views"]] and r[col["completion_rate"]] is not None
    ]
    completion = _rate(sum(v * c for v, c in weighted), sum(v for v, _ in weighted))
    followers = sum(v or 0 for v in raw.column("followers_gained"))
    kpis = (
        Kpi("videos", len(raw.rows)),
        Kpi("views", views),
        Kpi("interaction_rate", _rate(interactions, views)),
        Kpi("completion_rate", completion),
        Kpi("follower_conversion", _rate(followers, views)),
    )
    return TabData(kpis, table)


# --- Conversion ---------------------------------------------------------------------------------

FUNNEL_VIDEOS_SQL = f"""
SELECT {MONTH_OF.format(col="v.published_at")} AS month, v.platform,
       SUM(s.views) AS views, SUM(s.product_clicks) AS product_clicks
FROM videos v
JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
WHERE v.published_at IS NOT NULL
GROUP BY 1, 2
"""
FUNNEL_ORDERS_SQL = f"""
SELECT {MONTH_OF.format(col="o.created_at")} AS month, o.platform, o.currency,
       COUNT(DISTINCT o.order_no) AS orders_created,
       COUNT(DISTINCT CASE WHEN {PAID} THEN o.order_no END) AS orders_paid,
       SUM(CASE WHEN {PAID} THEN o.payable_cents ELSE 0 END) AS gmv,
       SUM(CASE WHEN {PAID} THEN o.refund_cents ELSE 0 END) AS refunds
FROM order_lines o
WHERE o.created_at IS NOT NULL
GROUP BY 1, 2, 3
"""
# 千川's product and account reports split the same spend as its material report: count it once.
FUNNEL_ADS_SQL = f"""
SELECT {MONTH_OF.format(col="a.day")} AS month, a.platform, a.currency,
       SUM(a.spend_cents) AS spend, SUM(a.gmv_cents) AS ad_gmv
FROM ad_spend a
WHERE a.channel NOT IN ('qianchuan_product', 'qianchuan_account')
GROUP BY 1, 2, 3
"""
CONVERSION_COLUMNS = (
    "month",
    "platform",
    "currency",
    "views",
    "product_clicks",
    "click_rate",
    "orders_created",
    "orders_paid",
    "pay_rate",
    "gmv",
    "refunds",
    "net_gmv",
    "ad_spend",
    "ad_gmv",
    "roas",
)


def load_conversion(reader: Reader, today: date) -> TabData:
    """The funnel per month and platform: views → clicks → orders → paid → net GMV, with ROAS."""
    videos = {(m, p): (v, c) for m, p, v, c in reader.query(FUNNEL_VIDEOS_SQL)[1]}
    ads = {(m, p, cur): (s, g) for m, p, cur, s, g in reader.query(FUNNEL_ADS_SQL)[1]}
    rows = []
    for month, platform, currency, created, paid, gmv, refunds in _rows(reader, FUNNEL_ORDERS_SQL):
        views, clicks = videos.get((month, platform), (None, None))
        spend, ad_gmv = ads.get((month, platform, currency), (0, 0))
        rows.append(
            (
                month,
                platform,
                currency,
                views,
                clicks,
                _rate(clicks, views or 0) if clicks is not None else None,
                created,
                paid,
                _rate(paid, created),
                Money(int(gmv), currency),
                Money(int(refunds), currency),
                Money(int(gmv - refunds), currency),
                Money(int(spend), currency),
                Money(int(ad_gmv), currency),
                _rate(ad_gmv, spend),
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    table = Table(CONVERSION_COLUMNS, rows)
    gmv = _money_by_currency((r[9].cents, r[2]) for r in rows)
    net = _money_by_currency((r[11].cents, r[2]) for r in rows)
    spend = _money_by_currency((r[12].cents, r[2]) for r in rows)
    ad_gmv_total = sum(r[13].cents for r in rows)
    refund_total = sum(r[10].cents for r in rows)
    kpis = (
        Kpi("orders_paid", sum(r[7] for r in rows)),
        Kpi("gmv", gmv),
        Kpi("net_gmv", net),
        Kpi("refund_rate", _rate(refund_total, sum(r[9].cents for r in rows))),
        Kpi("ad_spend", spend),
        Kpi("roas", _rate(ad_gmv_total, sum(r[12].cents for r in rows))),
    )
    return TabData(kpis, table)


# --- Customers ----------------------------------------------------------------------------------

CUSTOMERS_SQL = f"""
SELECT c.id, c.display_name, c.masked_phone, MIN(o.platform) AS platform, c.region,
       c.private_channel, o.currency,
       COUNT(DISTINCT CASE WHEN {PAID} THEN o.order_no END) AS paid_orders,
       SUM(CASE WHEN {PAID} THEN o.payable_cents - o.refund_cents ELSE 0 END) AS net_cents,
       MIN(CASE WHEN {PAID} THEN o.paid_at END) AS first_paid,
       MAX(CASE WHEN {PAID} THEN o.paid_at END) AS last_paid
FROM customers c
LEFT JOIN order_lines o ON o.customer_id = c.id
WHERE c.merged_into_id IS NULL
GROUP BY c.id, c.display_name, c.masked_phone, c.region, c.private_channel, o.currency
"""
CURRENT_TIERS_SQL = """
SELECT ct.customer_id, tr.name FROM customer_tiers ct
JOIN tier_rules tr ON tr.id = ct.tier_rule_id
ORDER BY ct.customer_id, ct.assigned_at, ct.id
"""
CUSTOMER_COLUMNS = (
    "id",
    "display_name",
    "masked_phone",
    "platform",
    "region",
    "private_channel",
    "tier",
    "paid_orders",
    "net_spend",
    "first_paid",
    "last_paid",
    "days_silent",
)


def _current_tiers(reader: Reader) -> dict[int, str]:
    return dict(reader.query(CURRENT_TIERS_SQL)[1])  # later rows (newer) win


def load_customers(reader: Reader, today: date) -> TabData:
    """One ledger of buyers across platforms, with their tier and spend."""
    tiers = _current_tiers(reader)
    rows = []
    for cid, name, phone, platform, region, channel, cur, paid, net, first, last in reader.query(
        CUSTOMERS_SQL
    )[1]:
        last_day = as_date(last)
        rows.append(
            (
                cid,
                name,
                phone,
                platform,
                region,
                channel,
                tiers.get(cid, ""),
                paid,
                Money(int(net or 0), cur) if cur else None,
                as_datetime(first),
                as_datetime(last),
                (today - last_day).days if last_day else None,
            )
        )
    rows.sort(key=lambda r: r[8].cents if r[8] else -1, reverse=True)
    buyers = {r[0] for r in rows if r[7]}
    kpis = (
        Kpi("customers", len({r[0] for r in rows})),
        Kpi("buyers", len(buyers)),
        Kpi("repeat_buyers", len({r[0] for r in rows if r[7] >= 2})),
        Kpi("private_domain", len({r[0] for r in rows if r[5]})),
        Kpi("vip", sum(1 for name in tiers.values() if name == "VIP")),
    )
    return TabData(kpis, Table(CUSTOMER_COLUMNS, rows))


# --- Retention ----------------------------------------------------------------------------------

CAMPAIGNS_SQL = """
SELECT c.id, c.name, c.goal, c.channel, c.status, c.sent_at, c.scheduled_at, c.holdout_share,
       SUM(CASE WHEN t.group_ = 'treatment' THEN 1 ELSE 0 END) AS treated,
       SUM(CASE WHEN t.group_ = 'control' THEN 1 ELSE 0 END) AS control,
       SUM(CASE WHEN t.group_ = 'treatment' AND t.responded_at IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN t.group_ = 'control' AND t.responded_at IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN t.group_ = 'treatment' THEN t.revenue_cents ELSE 0 END) AS revenue,
       MIN(t.currency) AS currency
FROM campaigns c
LEFT JOIN (SELECT campaign_id, "group" AS group_, responded_at, revenue_cents, currency
           FROM campaign_targets) t ON t.campaign_id = c.id
GROUP BY c.id, c.name, c.goal, c.channel, c.status, c.sent_at, c.scheduled_at, c.holdout_share
ORDER BY COALESCE(c.sent_at, c.scheduled_at) DESC
"""
LAST_PAID_SQL = f"""
SELECT o.customer_id, MAX(o.paid_at) FROM order_lines o
WHERE {PAID} AND o.customer_id IS NOT NULL GROUP BY o.customer_id
"""
RETENTION_COLUMNS = (
    "name",
    "goal",
    "channel",
    "status",
    "when",
    "treatment",
    "control",
    "treatment_rate",
    "control_rate",
    "uplift",
    "revenue",
)


def silent_days(reader: Reader, today: date) -> list[int]:
    """Days since each buyer's last paid order, as of ``today``."""
    days = []
    for _cid, last in reader.query(LAST_PAID_SQL)[1]:
        last_day = as_date(last)
        if last_day is not None:
            days.append((today - last_day).days)
    return days


def load_retention(reader: Reader, today: date) -> TabData:
    """Customers slipping away, and what each campaign won back against its holdout group."""
    rows = []
    for r in reader.query(CAMPAIGNS_SQL)[1]:
        _id, name, goal, channel, status, sent, scheduled, _hold, treated, control = r[:10]
        treated_hit, control_hit, revenue, currency = r[10:]
        t_rate = _rate(treated_hit or 0, treated or 0)
        c_rate = _rate(control_hit or 0, control or 0)
        uplift = t_rate - c_rate if t_rate is not None and c_rate is not None else None
        money = Money(int(revenue or 0), currency) if currency else None
        when = as_datetime(sent or scheduled)
        rows.append(
            (name, goal, channel, status, when, treated, control, t_rate, c_rate, uplift, money)
        )
    silent = silent_days(reader, today)
    uplifts = [r[9] for r in rows if r[9] is not None]
    kpis = (
        Kpi("at_risk", sum(1 for d in silent if AT_RISK_DAYS <= d < LOST_DAYS)),
        Kpi("lost", sum(1 for d in silent if d >= LOST_DAYS)),
        Kpi("active_buyers", sum(1 for d in silent if d < AT_RISK_DAYS)),
        Kpi("campaigns_sent", sum(1 for r in rows if r[3] == "sent")),
        Kpi("best_uplift", max(uplifts) if uplifts else None),
    )
    return TabData(kpis, Table(RETENTION_COLUMNS, rows))


# --- Imports ------------------------------------------------------------------------------------

IMPORTS_SQL = """
SELECT b.id, b.imported_at, b.file_name, b.platform, b.kind, b.snapshot_at, b.rows_total,
       b.inserted, b.updated, b.unchanged, b.skipped, b.status
FROM import_batches b
ORDER BY b.imported_at DESC, b.id DESC
"""


def load_imports(reader: Reader, today: date) -> TabData:
    """Every imported file and what it did, newest first."""
    raw = _table(reader, IMPORTS_SQL)
    table = Table(raw.columns, [_with_dates(r, (1, 5)) for r in raw.rows])
    imported = [r for r in table.rows if r[11] == "imported"]
    kpis = (
        Kpi("files", len(imported)),
        Kpi("rows", sum(r[6] or 0 for r in imported)),
        Kpi("platforms", len({r[3] for r in imported})),
        Kpi("last_import", max((r[1] for r in imported), default=None)),
    )
    return TabData(kpis, table)


LOADERS: dict[str, Callable[[Reader, date], TabData]] = {
    "content": load_content,
    "traffic": load_traffic,
    "conversion": load_conversion,
    "customers": load_customers,
    "retention": load_retention,
    "imports": load_imports,
}


def today_or(value: date | None) -> date:
    """The day the figures are computed for (tests and the CLI may fix it)."""
    return value or date.today()


def shop_name(reader: Reader) -> str:
    """The shop's name from its profile ('' for a new store)."""
    rows = reader.query("SELECT name FROM shops ORDER BY id LIMIT 1")[1]
    return str(rows[0][0]) if rows else ""
