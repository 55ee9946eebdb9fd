"""Retention: who is slipping away, the crisis watch over reviews and comments, and UGC posts.

Shop-wide settings (store settings, they travel with the store): ``retention.warning_days``
(default window, 30), ``retention.own_interval`` (judge repeat buyers against 1.5 × their median
order gap) and ``retention.negative_keywords``; per-tier windows are ``TierRule.warning_days``.

:func:`slipping_counts` runs while the window starts, so it uses the standard library only; it
counts the same customers as :func:`churn_list` (a test checks both agree on the demo shop).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.analytics.retention import DEFAULT_WARNING_DAYS, WarningSettings, warning_window
from app.db import Reader, Store
from app.services.store_settings import get_setting, set_setting

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_NEGATIVE_KEYWORDS = ("质量差", "假货", "退货", "骗", "投诉", "差评", "退款", "起球", "掉色")
ALERT_STATUSES = ("open", "replied", "resolved")
TIER_WINDOWS_SQL = "SELECT name, warning_days FROM tier_rules WHERE active"
BUYERS_SQL = """
SELECT customer_id, currency, MAX(paid_at), SUM(payable_cents - COALESCE(refund_cents, 0))
FROM order_lines
WHERE paid_at IS NOT NULL AND NOT cancelled AND customer_id IS NOT NULL AND paid_at < :end
GROUP BY customer_id, currency
"""
ORDER_TIMES_SQL = """
SELECT customer_id, MIN(paid_at) FROM order_lines
WHERE paid_at IS NOT NULL AND NOT cancelled AND customer_id IS NOT NULL AND paid_at < :end
GROUP BY customer_id, platform, order_no
"""
TOP_SHARE = 0.2
VALUE_TIERS_SQL = """
SELECT ct.customer_id, tr.name, tr.min_spend_cents IS NOT NULL OR tr.top_share IS NOT NULL
FROM customer_tiers ct JOIN tier_rules tr ON tr.id = ct.tier_rule_id
WHERE ct.assigned_at < :end AND tr.silent_days IS NULL
ORDER BY ct.assigned_at, ct.id
"""
LAST_TOUCH_SQL = (
    "SELECT customer_id, MAX(touched_at) FROM touches WHERE touched_at < :end GROUP BY customer_id"
)


# --- Churn warning ------------------------------------------------------------------------------


def warning_settings(reader: Reader) -> WarningSettings:
    """The shop's warning windows: default, per tier, and the own-interval option."""
    tier_days = {
        name: int(days) for name, days in reader.query(TIER_WINDOWS_SQL)[1] if days is not None
    }
    return WarningSettings(
        default_days=int(get_setting(reader, "retention.warning_days", DEFAULT_WARNING_DAYS)),
        tier_days=tier_days,
        own_interval=bool(get_setting(reader, "retention.own_interval", False)),
    )


def save_warning_settings(
    store: Store, default_days: int, own_interval: bool, tier_days: dict[str, int | None]
) -> None:
    """Store the default window, the option and each tier's window (None: the default).

    Raises ValueError for a window outside 1–365 days or an unknown tier; nothing is changed then.
    """
    from sqlalchemy import select

    from app.models import TierRule

    for days in (default_days, *tier_days.values()):
        if days is not None and not 1 <= int(days) <= 365:
            raise ValueError("A warning window must be 1 to 365 days.")
    with store.session_scope() as session:
        rules = {r.name: r for r in session.scalars(select(TierRule))}
        unknown = sorted(set(tier_days) - set(rules))
        if unknown:
            raise ValueError(f"Unknown tier: {', '.join(unknown)}")
        for name, days in tier_days.items():
            rules[name].warning_days = None if days is None else int(days)
    set_setting(store, "retention.warning_days", int(default_days))
    set_setting(store, "retention.own_interval", bool(own_interval))


CHURN_COLUMNS = (
    "customer_id",
    "display_name",
    "masked_phone",
    "tier",
    "value_tier",
    "valuable",
    "platforms",
    "private_channel",
    "last_product",
    "last_active_at",
    "days_silent",
    "window_days",
    "days_over",
    "paid_orders",
    "net_cents",
    "currency",
)


def value_tiers(reader: Reader, as_of: date) -> dict[int, tuple[str, bool]]:
    """Root customer id → (the newest tier not defined by silence, whether it is a valuable one).

    A slipping VIP's current tier is 流失预警; what they were before (VIP) sets their warning
    window and their value. Valuable tiers are those a spend or top-share condition defines.
    """
    from app.services.customers import root_map

    roots = root_map(reader)
    tiers: dict[int, tuple[str, bool]] = {}
    for cid, name, valuable in reader.query(VALUE_TIERS_SQL, _end_param(as_of))[1]:
        tiers[roots.get(cid, cid)] = (name, bool(valuable))  # oldest first: the newest wins
    return tiers


def _end_param(as_of: date) -> dict[str, str]:
    return {"end": datetime.combine(as_of + timedelta(days=1), datetime.min.time()).isoformat(" ")}


def with_value_tiers(reader: Reader, ledger: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The ledger with ``value_tier`` (the tier held before slipping) and ``valuable`` (that
    tier is a spend/top-share one such as VIP or 高价值, or the customer is in the top 20 % by
    net amount)."""
    tiers = value_tiers(reader, as_of)
    ledger = ledger.copy()
    ledger["value_tier"] = ledger["customer_id"].map(lambda c: tiers.get(c, ("", False))[0])
    buyers = ledger[ledger["paid_orders"] > 0]
    top = _top_spenders(
        {
            int(cid): (currency, int(net))
            for cid, currency, net in zip(
                buyers["customer_id"].tolist(),
                buyers["currency"].tolist(),
                buyers["net_cents"].tolist(),
                strict=True,
            )
        }
    )
    ledger["valuable"] = ledger["customer_id"].map(
        lambda c: tiers.get(c, ("", False))[1] or int(c) in top
    )
    return ledger


def churn_list(reader: Reader, as_of: date, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """The customers past their warning window, most valuable first (:data:`CHURN_COLUMNS`).

    See :func:`with_value_tiers` for ``value_tier`` and ``valuable``.
    """
    from app.analytics.retention import churn_warning
    from app.services.customers import load_ledger

    ledger = load_ledger(reader, as_of) if ledger is None else ledger
    if "value_tier" not in ledger:
        ledger = with_value_tiers(reader, ledger, as_of)
    return churn_warning(ledger, as_of, warning_settings(reader))[list(CHURN_COLUMNS)]


@dataclass(frozen=True)
class SlippingCount:
    """How many buyers are past their warning window, and how many of them are valuable.

    Valuable: a VIP/高价值-like value tier, or the top 20 % of buyers by net amount.
    """

    total: int
    valuable: int


def slipping_counts(reader: Reader, as_of: date) -> SlippingCount:
    """The churn list's size without pandas (for the start-up notice).

    Sums and last times come from SQL; single orders are read only with the own-interval option
    (the median gap needs them).
    """
    from app.services.customers import root_map

    end = _end_param(as_of)
    roots = root_map(reader)
    settings = warning_settings(reader)
    last: dict[int, datetime] = {}
    spend: dict[int, dict[str, int]] = {}
    for cid, currency, paid, net in reader.query(BUYERS_SQL, end)[1]:
        root = roots.get(cid, cid)
        moment = _moment(paid)
        last[root] = max(last.get(root, moment), moment)
        money = spend.setdefault(root, {})
        money[currency] = money.get(currency, 0) + int(net or 0)
    for cid, at in reader.query(LAST_TOUCH_SQL, end)[1]:
        root = roots.get(cid, cid)
        if root in last:
            last[root] = max(last[root], _moment(at))
    gaps = _median_gaps(reader, end, roots) if settings.own_interval else {}
    top = _top_spenders({root: _main(money) for root, money in spend.items()})
    tiers = value_tiers(reader, as_of)
    total = valuable = 0
    for root, moment in last.items():
        tier, is_valuable = tiers.get(root, ("", False))
        window = warning_window(tier, gaps.get(root), settings)
        if (as_of - moment.date()).days >= window:
            total += 1
            valuable += is_valuable or root in top
    return SlippingCount(total, valuable)


def _median_gaps(reader: Reader, end: dict[str, str], roots: dict[int, int]) -> dict[int, float]:
    times: dict[int, list[datetime]] = {}
    for cid, paid in reader.query(ORDER_TIMES_SQL, end)[1]:
        times.setdefault(roots.get(cid, cid), []).append(_moment(paid))
    gaps = {root: _median_gap(sorted(moments)) for root, moments in times.items()}
    return {root: gap for root, gap in gaps.items() if gap is not None}


def _main(money: dict[str, int]) -> tuple[str, int]:
    """The customer's main currency (most spent, as the ledger picks it) and the amount in it."""
    currency = max(sorted(money), key=lambda c: money[c])
    return currency, money[currency]


def _top_spenders(spend: dict[int, tuple[str, int]]) -> set[int]:
    """The top 20 % of buyers by net amount within each currency; ties with the last stay in."""
    by_currency: dict[str, list[int]] = {}
    for _root, (currency, net) in spend.items():
        by_currency.setdefault(currency, []).append(net)
    thresholds = {
        currency: sorted(nets, reverse=True)[max(0, math.ceil(len(nets) * TOP_SHARE) - 1)]
        for currency, nets in by_currency.items()
    }
    return {root for root, (currency, net) in spend.items() if net >= thresholds[currency]}


def _median_gap(times: list[datetime]) -> float | None:
    if len(times) < 2:
        return None
    gaps = [(b - a).total_seconds() / 86400 for a, b in zip(times, times[1:], strict=False)]
    return round(statistics.median(gaps), 1)


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


# --- Crisis watch -------------------------------------------------------------------------------


def negative_keywords(reader: Reader) -> list[str]:
    """The words that make a review or comment negative (editable, store setting)."""
    return list(get_setting(reader, "retention.negative_keywords", list(DEFAULT_NEGATIVE_KEYWORDS)))


def set_negative_keywords(store: Store, words: Iterable[str]) -> list[str]:
    """Store the keyword list (trimmed, without blanks or duplicates); returns what was stored."""
    clean: list[str] = []
    for word in words:
        word = word.strip()
        if word and word not in clean:
            clean.append(word)
    set_setting(store, "retention.negative_keywords", clean)
    return clean


def is_negative(text: str, score: int | None, keywords: Iterable[str]) -> bool:
    """A review score of 2 or less, or a negative keyword in the text.

    A keyword right after a negation (不起球, 没有异味, 无差评) does not count, nor does one in a
    review scored 4 or 5 (the buyer was happy).
    """
    if score is not None and score <= 2:
        return True
    if score is not None and score >= 4:
        return False
    return any(_says(text or "", word) for word in keywords if word)


NEGATIONS = ("不", "没", "无", "未", "别")


def _says(text: str, word: str) -> bool:
    start = text.find(word)
    while start >= 0:
        before = text[max(0, start - 2) : start]
        if not any(before.endswith(n) or before.startswith(n) for n in NEGATIONS):
            return True
        start = text.find(word, start + 1)
    return False


REVIEWS_SQL = "SELECT id, reviewed_on, score, text FROM reviews"
COMMENTS_SQL = "SELECT id, commented_at, negative, text FROM comments"
ALERTS_SQL = "SELECT source, source_id FROM crisis_alerts"


def scan_crisis(store: Store) -> int:
    """Open an alert for every negative review or comment that has none yet; returns how many.

    A comment counts when the platform flagged it negative or it has a keyword; its alert opens
    at the comment's time, a review's at the start of its review day.
    """
    from app.models import CrisisAlert

    reader = store.reader()
    try:
        words = negative_keywords(reader)
        seen = set(reader.query(ALERTS_SQL)[1])
        found: list[tuple[str, int, datetime]] = []
        for rid, day, score, text in reader.query(REVIEWS_SQL)[1]:
            if ("review", rid) not in seen and is_negative(text, score, words):
                found.append(("review", rid, datetime.fromisoformat(str(day))))
        for cid, at, flagged, text in reader.query(COMMENTS_SQL)[1]:
            if ("comment", cid) in seen or at is None:
                continue
            if flagged or is_negative(text, None, words):
                found.append(("comment", cid, _moment(at)))
    finally:
        reader.close()
    if found:
        with store.session_scope() as session:
            session.add_all(
                CrisisAlert(source=s, source_id=i, status="open", opened_at=at)
                for s, i, at in found
            )
    return len(found)


ALERT_LIST_SQL = """
SELECT a.id, a.source, a.status, a.opened_at, a.replied_at, a.resolved_at, a.note,
       COALESCE(r.platform, c.platform), COALESCE(r.text, c.text), r.score,
       COALESCE(p.name, r.product_key, v.title, '')
FROM crisis_alerts a
LEFT JOIN reviews r ON a.source = 'review' AND r.id = a.source_id
LEFT JOIN products p ON p.platform = r.platform AND p.product_key = r.product_key
LEFT JOIN comments c ON a.source = 'comment' AND c.id = a.source_id
LEFT JOIN videos v ON v.id = c.video_id
ORDER BY a.opened_at DESC, a.id DESC
"""
ALERT_COLUMNS = (
    "id",
    "source",
    "status",
    "opened_at",
    "replied_at",
    "resolved_at",
    "note",
    "platform",
    "text",
    "score",
    "subject",
    "hours_to_reply",
)


def crisis_alerts(reader: Reader) -> pd.DataFrame:
    """Every alert, newest first, with its text, product or video, and hours to the reply."""
    import pandas as pd

    rows = reader.query(ALERT_LIST_SQL)[1]
    frame = pd.DataFrame(rows, columns=list(ALERT_COLUMNS[:-1]))
    for column in ("opened_at", "replied_at", "resolved_at"):
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    frame["hours_to_reply"] = (frame["replied_at"] - frame["opened_at"]).dt.total_seconds() / 3600
    frame["score"] = frame["score"].astype("Int64")
    return frame


def set_alert_status(
    store: Store, alert_id: int, status: str, at: datetime, note: str = ""
) -> None:
    """Move an alert forward (open → replied → resolved), stamping the time; a note replaces.

    Resolving an alert that was never replied to keeps ``replied_at`` empty. Raises ValueError
    for an unknown alert or status, or a move backwards.
    """
    from app.models import CrisisAlert

    if status not in ALERT_STATUSES:
        raise ValueError(f"Unknown alert status {status!r}.")
    with store.session_scope() as session:
        alert = session.get(CrisisAlert, alert_id)
        if alert is None:
            raise ValueError(f"There is no alert #{alert_id}.")
        if ALERT_STATUSES.index(status) <= ALERT_STATUSES.index(alert.status):
            raise ValueError(f"The alert is already {alert.status}.")
        if at < alert.opened_at:
            raise ValueError("An alert cannot be answered before it opened.")
        alert.status = status
        if status == "replied":
            alert.replied_at = at
        else:
            alert.resolved_at = at
        if note.strip():
            alert.note = note.strip()


def weekly_alert_counts(alerts: pd.DataFrame) -> pd.DataFrame:
    """Alerts opened per week (``week`` = its Monday) by source: week, review, comment, total."""
    import pandas as pd

    if alerts.empty:
        return pd.DataFrame(columns=["week", "review", "comment", "total"])
    week = (
        alerts["opened_at"].dt.normalize()
        - pd.to_timedelta(alerts["opened_at"].dt.day_of_week, unit="D")
    ).rename("week")
    counts = alerts.groupby([week, "source"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["review", "comment"], fill_value=0)
    full = pd.date_range(counts.index.min(), counts.index.max(), freq="7D")
    counts = counts.reindex(full, fill_value=0)
    counts["total"] = counts["review"] + counts["comment"]
    return counts.rename_axis("week").reset_index()


# --- UGC ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UgcSpec:
    """A 晒单 or user post recorded by hand."""

    posted_on: date
    platform: str = ""
    kind: str = "晒单"
    text: str = ""
    url: str = ""
    order_no: str = ""
    campaign_id: int | None = None
    customer_id: int | None = None


def record_ugc(store: Store, spec: UgcSpec) -> int:
    """Save a post; its buyer is found from the order number when not given. Returns its id."""
    from app.models import UgcPost

    if not (spec.text.strip() or spec.url.strip() or spec.order_no.strip()):
        raise ValueError("Give the post's text, link or order number.")
    customer_id = spec.customer_id
    if customer_id is None and spec.order_no.strip():
        reader = store.reader()
        try:
            found = reader.query(
                "SELECT customer_id FROM order_lines WHERE order_no = :no "
                "AND customer_id IS NOT NULL LIMIT 1",
                {"no": spec.order_no.strip()},
            )[1]
        finally:
            reader.close()
        customer_id = found[0][0] if found else None
    with store.session_scope() as session:
        post = UgcPost(
            campaign_id=spec.campaign_id,
            customer_id=customer_id,
            platform=spec.platform,
            order_no=spec.order_no.strip(),
            posted_on=spec.posted_on,
            kind=spec.kind,
            source="manual",
            text=spec.text.strip(),
            url=spec.url.strip(),
        )
        session.add(post)
        session.flush()
        return post.id


MEDIA_REVIEWS_SQL = """
SELECT r.id, r.platform, r.order_no, r.reviewed_on, r.text, r.customer_id
FROM reviews r
WHERE r.has_media AND r.id NOT IN (SELECT review_id FROM ugc_posts WHERE review_id IS NOT NULL)
"""
RESPONDED_SQL = """
SELECT t.campaign_id, t.customer_id, c.sent_at, c.response_window_days, c.coupon_code
FROM campaign_targets t JOIN campaigns c ON c.id = t.campaign_id
WHERE t."group" = 'treatment' AND c.sent_at IS NOT NULL
"""
ORDER_BUYERS_SQL = """
SELECT order_no, customer_id, MIN(paid_at) FROM order_lines
WHERE paid_at IS NOT NULL AND NOT cancelled AND customer_id IS NOT NULL
GROUP BY order_no, customer_id
"""


def match_ugc(store: Store) -> int:
    """Record reviews with photos or video (晒单) as posts of the campaign they answer.

    A review answers a campaign when its order was paid by a treated customer within the
    campaign's response window after the send, or its text names the campaign's coupon code.
    Returns how many posts were added; reviews already recorded are skipped.
    """
    from app.models import UgcPost

    reader = store.reader()
    try:
        reviews = reader.query(MEDIA_REVIEWS_SQL)[1]
        targets = reader.query(RESPONDED_SQL)[1]
        paid = {(no, cid): _moment(at) for no, cid, at in reader.query(ORDER_BUYERS_SQL)[1]}
    finally:
        reader.close()
    treated: dict[int, list[tuple[int, datetime, int, str]]] = {}
    for campaign_id, cid, sent, window, coupon in targets:
        treated.setdefault(cid, []).append((campaign_id, _moment(sent), window, coupon or ""))
    posts = []
    for rid, platform, order_no, day, text, cid in reviews:
        campaign_id = _answered_campaign(treated.get(cid, []), paid.get((order_no, cid)), text)
        if campaign_id is not None:
            posts.append(
                UgcPost(
                    campaign_id=campaign_id,
                    customer_id=cid,
                    review_id=rid,
                    platform=platform,
                    order_no=order_no,
                    posted_on=date.fromisoformat(str(day)[:10]),
                    kind="晒单",
                    source="review",
                    text=text or "",
                )
            )
    if posts:
        with store.session_scope() as session:
            session.add_all(posts)
    return len(posts)


def _answered_campaign(
    campaigns: list[tuple[int, datetime, int, str]], paid_at: datetime | None, text: str
) -> int | None:
    for campaign_id, sent, window, coupon in sorted(campaigns, key=lambda c: c[1], reverse=True):
        if coupon and coupon in (text or ""):
            return campaign_id
        if paid_at is not None and sent <= paid_at < sent + timedelta(days=window):
            return campaign_id
    return None


UGC_SQL = """
SELECT u.id, u.posted_on, u.kind, u.source, u.platform, u.order_no, u.text, u.url,
       u.campaign_id, COALESCE(c.name, ''), u.customer_id, COALESCE(k.display_name, '')
FROM ugc_posts u
LEFT JOIN campaigns c ON c.id = u.campaign_id
LEFT JOIN customers k ON k.id = u.customer_id
ORDER BY u.posted_on DESC, u.id DESC
"""
UGC_COLUMNS = (
    "id",
    "posted_on",
    "kind",
    "source",
    "platform",
    "order_no",
    "text",
    "url",
    "campaign_id",
    "campaign",
    "customer_id",
    "display_name",
)


def ugc_posts(reader: Reader) -> pd.DataFrame:
    """Every recorded post, newest first (:data:`UGC_COLUMNS`)."""
    import pandas as pd

    return pd.DataFrame(reader.query(UGC_SQL)[1], columns=list(UGC_COLUMNS))


def ugc_by_campaign(posts: pd.DataFrame) -> pd.DataFrame:
    """Posts and distinct buyers per campaign ("" = not tied to one): campaign, posts, buyers."""
    import pandas as pd

    if posts.empty:
        return pd.DataFrame(columns=["campaign", "posts", "buyers"])
    grouped = posts.groupby("campaign", sort=False).agg(
        posts=("id", "size"), buyers=("customer_id", "nunique")
    )
    return grouped.sort_values("posts", ascending=False).reset_index()


# --- Needs insight ------------------------------------------------------------------------------

NEEDS_REVIEWS_SQL = """
SELECT r.text, r.score, r.product_key FROM reviews r
WHERE r.text != '' AND r.reviewed_on >= :start AND r.reviewed_on <= :end
"""
NEEDS_COMMENTS_SQL = """
SELECT c.text, c.negative FROM comments c
WHERE c.text != '' AND c.commented_at >= :start AND c.commented_at < :after
"""
REVIEWED_PRODUCTS_SQL = """
SELECT r.product_key, COALESCE(MAX(p.name), r.product_key), COUNT(*) FROM reviews r
LEFT JOIN products p ON p.platform = r.platform AND p.product_key = r.product_key
GROUP BY r.product_key ORDER BY COUNT(*) DESC, r.product_key
"""


def reviewed_products(reader: Reader) -> list[tuple[str, str, int]]:
    """(product key, name, reviews) of every reviewed product, most reviewed first."""
    return [(key, name, n) for key, name, n in reader.query(REVIEWED_PRODUCTS_SQL)[1]]


def needs_texts(
    reader: Reader,
    start: date,
    end: date,
    product_key: str | None = None,
    sources: Iterable[str] = ("review", "comment"),
    complaints_only: bool = False,
) -> list[str]:
    """The review and comment texts of the period (reviews of one product when given).

    ``complaints_only`` keeps the negative ones, as the crisis watch judges them.
    """
    sources = set(sources)
    words = negative_keywords(reader) if complaints_only else []
    texts: list[str] = []
    if "review" in sources:
        params = {"start": start.isoformat(), "end": end.isoformat()}
        for text, score, key in reader.query(NEEDS_REVIEWS_SQL, params)[1]:
            if product_key is not None and key != product_key:
                continue
            if not complaints_only or is_negative(text, score, words):
                texts.append(text)
    if "comment" in sources and product_key is None:
        params = {"start": start.isoformat(), "after": (end + timedelta(days=1)).isoformat()}
        for text, flagged in reader.query(NEEDS_COMMENTS_SQL, params)[1]:
            if not complaints_only or flagged or is_negative(text, None, words):
                texts.append(text)
    return texts


def needs_insight(
    reader: Reader,
    start: date,
    end: date,
    product_key: str | None = None,
    sources: Iterable[str] = ("review", "comment"),
    limit: int = 30,
    complaints_only: bool = False,
) -> pd.DataFrame:
    """The most repeated terms: term, mentions, share (of the texts), examples (" / "-joined)."""
    import pandas as pd

    from app.analytics.needs import top_terms

    texts = needs_texts(reader, start, end, product_key, sources, complaints_only)
    terms = top_terms(texts, limit)
    return pd.DataFrame(
        {
            "term": [t.term for t in terms],
            "mentions": [t.mentions for t in terms],
            "share": [t.mentions / len(texts) for t in terms],
            "examples": [" / ".join(t.examples) for t in terms],
        },
        columns=["term", "mentions", "share", "examples"],
    )


def idea_from_term(
    store: Store, term: str, examples: str, product_key: str | None = None, title: str = ""
) -> int:
    """Add a content-plan idea answering a repeated need; returns the plan item's id."""
    from app.services.plan import PlanItemRow, save_plan_item

    if not term.strip():
        raise ValueError("Choose a term first.")
    product_id = None
    if product_key:
        reader = store.reader()
        try:
            found = reader.query(
                "SELECT id FROM products WHERE product_key = :key LIMIT 1", {"key": product_key}
            )[1]
        finally:
            reader.close()
        product_id = found[0][0] if found else None
    row = PlanItemRow(
        title=title.strip() or f"买家都在问：{term.strip()}",
        kind="original",
        status="idea",
        product_id=product_id,
        hook=term.strip(),
        notes=f"需求洞察：{examples}".strip(),
    )
    return save_plan_item(store, row)
