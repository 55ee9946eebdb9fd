"""The customer ledger: one row per person (merged customers rolled up to their root), as of a day.

Identity follows truth.json's conventions: the importers make one customer per platform identity
(buyer id, else recipient + masked phone). Merges never rewrite ``order_lines.customer_id`` (the
monthly figures keep counting platform identities); a merge sets ``customers.merged_into_id`` and
everything here rolls a merged customer's orders, touches and identities up to its root.

pandas is imported inside the functions: this module may be imported on the start-up path.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from app.analytics.rfm import RfmSettings, RfmThresholds, score_rfm
from app.db import Reader, Store
from app.services.store_settings import get_setting, set_setting

if TYPE_CHECKING:
    import pandas as pd

PAID = "o.paid_at IS NOT NULL AND NOT o.cancelled"
LEDGER_COLUMNS = (
    "customer_id",
    "display_name",
    "masked_phone",
    "region",
    "platforms",
    "identities",
    "first_paid_at",
    "last_paid_at",
    "last_touch_at",
    "paid_orders",
    "paid_lines",
    "net_cents",
    "currency",
    "recency_days",
    "silent_days",
    "median_gap_days",
    "last_product",
    "first_platform",
    "first_traffic_format",
    "acquisition_month",
    "tier",
    "tier_rule_id",
    "private_channel",
    "private_since",
    "tags",
    "note",
    "r_score",
    "f_score",
    "m_score",
    "segment",
)
LINE_COLUMNS = (
    "customer_id",
    "identity_customer_id",
    "platform",
    "order_no",
    "paid_at",
    "net_cents",
    "payable_cents",
    "refund_cents",
    "currency",
    "product_name",
    "traffic_format",
)

CUSTOMERS_SQL = """
SELECT id, merged_into_id, display_name, masked_phone, region, private_channel, private_since,
       tags, note
FROM customers
"""
PAID_LINES_SQL = f"""
SELECT o.customer_id, o.platform, o.order_no, o.paid_at, o.payable_cents, o.refund_cents,
       o.currency, o.product_name, o.traffic_format
FROM order_lines o
WHERE {PAID} AND o.customer_id IS NOT NULL AND o.paid_at < :end
"""
IDENTITIES_SQL = "SELECT customer_id, platform, kind FROM customer_identities"
TOUCHES_SQL = """
SELECT customer_id, MAX(touched_at) FROM touches WHERE touched_at < :end GROUP BY customer_id
"""
TIERS_AS_OF_SQL = """
SELECT ct.customer_id, ct.tier_rule_id, tr.name FROM customer_tiers ct
JOIN tier_rules tr ON tr.id = ct.tier_rule_id
WHERE ct.assigned_at < :end
ORDER BY ct.customer_id, ct.assigned_at, ct.id
"""


def end_of(day: date) -> datetime:
    """The first moment after ``day`` (rows before it happened on or before ``day``)."""
    return datetime.combine(day + timedelta(days=1), time())


def _end_param(day: date) -> dict[str, Any]:
    return {"end": end_of(day).isoformat(sep=" ")}


def root_map(reader: Reader) -> dict[int, int]:
    """Every customer id → the id of the customer it is (transitively) merged into, or itself."""
    parent = dict(reader.query("SELECT id, merged_into_id FROM customers")[1])
    roots: dict[int, int] = {}
    for cid in parent:
        path = []
        node = cid
        while node not in roots and parent.get(node) is not None and node not in path:
            path.append(node)
            node = parent[node]
        root = roots.get(node, node)
        for visited in (*path, node):
            roots[visited] = root
    return roots


def paid_lines(reader: Reader, as_of: date) -> pd.DataFrame:
    """Paid order lines up to the end of ``as_of``, each with its root customer.

    Columns: :data:`LINE_COLUMNS`; ``identity_customer_id`` is the line's own (platform) customer,
    ``customer_id`` its root; ``paid_at`` is a pandas datetime; ``net_cents`` = payable − refund.
    """
    import pandas as pd

    roots = root_map(reader)
    _cols, rows = reader.query(PAID_LINES_SQL, _end_param(as_of))
    raw = pd.DataFrame(
        rows,
        columns=[
            "identity_customer_id",
            "platform",
            "order_no",
            "paid_at",
            "payable_cents",
            "refund_cents",
            "currency",
            "product_name",
            "traffic_format",
        ],
    )
    raw["identity_customer_id"] = raw["identity_customer_id"].astype("int64")
    raw["customer_id"] = raw["identity_customer_id"].map(roots).fillna(raw["identity_customer_id"])
    raw["customer_id"] = raw["customer_id"].astype("int64")
    raw["paid_at"] = pd.to_datetime(raw["paid_at"], format="ISO8601")
    raw["payable_cents"] = raw["payable_cents"].fillna(0).astype("int64")
    raw["refund_cents"] = raw["refund_cents"].fillna(0).astype("int64")
    raw["net_cents"] = raw["payable_cents"] - raw["refund_cents"]
    for text in ("product_name", "traffic_format", "currency"):
        raw[text] = raw[text].fillna("")
    return raw[list(LINE_COLUMNS)]


def order_facts(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per paid order (root customer, platform, order_no): its paid time and net cents."""
    return (
        lines.groupby(["customer_id", "platform", "order_no", "currency"], sort=False)
        .agg(paid_at=("paid_at", "min"), net_cents=("net_cents", "sum"))
        .reset_index()
    )


def customer_facts(lines: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Per root customer with a paid line: orders, spend, first/last paid, recency (as of a day).

    Money is in the customer's main currency (the one of most of its paid lines; CNY wins a
    tie): a customer merged across a CNY and a USD shop never adds the two.
    """
    import pandas as pd

    if lines.empty:
        return pd.DataFrame(
            columns=[
                "customer_id",
                "currency",
                "paid_orders",
                "paid_lines",
                "net_cents",
                "first_paid_at",
                "last_paid_at",
                "recency_days",
            ]
        )
    counts = lines.groupby(["customer_id", "currency"]).size().rename("n").reset_index()
    counts["not_cny"] = counts["currency"] != "CNY"
    main = (
        counts.sort_values(["customer_id", "n", "not_cny", "currency"], ascending=[1, 0, 1, 1])
        .drop_duplicates("customer_id")
        .set_index("customer_id")["currency"]
    )
    grouped = lines.groupby("customer_id")
    orders = lines.drop_duplicates(["customer_id", "platform", "order_no"])
    facts = pd.DataFrame(
        {
            "currency": main,
            "paid_orders": orders.groupby("customer_id").size(),
            "paid_lines": grouped.size(),
            "first_paid_at": grouped["paid_at"].min(),
            "last_paid_at": grouped["paid_at"].max(),
        }
    )
    in_main = lines[lines["currency"].to_numpy() == main.reindex(lines["customer_id"]).to_numpy()]
    facts["net_cents"] = in_main.groupby("customer_id")["net_cents"].sum()
    facts["net_cents"] = facts["net_cents"].fillna(0).astype("int64")
    as_of_ts = pd.Timestamp(as_of)
    facts["recency_days"] = (as_of_ts - facts["last_paid_at"].dt.normalize()).dt.days
    return facts.reset_index(names="customer_id")


def _median_gaps(lines: pd.DataFrame) -> pd.Series:
    """Median days between a customer's consecutive paid orders (NaN with fewer than two)."""
    orders = order_facts(lines).sort_values(["customer_id", "paid_at"])
    gaps = orders.groupby("customer_id")["paid_at"].diff().dt.total_seconds() / 86400
    return gaps.groupby(orders["customer_id"]).median().round(1)


def _firsts_and_lasts(lines: pd.DataFrame) -> pd.DataFrame:
    ordered = lines.sort_values(["customer_id", "paid_at", "order_no"], kind="stable")
    first = ordered.drop_duplicates("customer_id", keep="first").set_index("customer_id")
    last = ordered.drop_duplicates("customer_id", keep="last").set_index("customer_id")
    return (
        first[["platform", "traffic_format"]]
        .rename(columns={"platform": "first_platform", "traffic_format": "first_traffic_format"})
        .join(last["product_name"].rename("last_product"))
    )


def current_tiers(reader: Reader, as_of: date) -> dict[int, tuple[int, str]]:
    """Each customer's tier as of the end of ``as_of``: its newest tier row → (rule id, name)."""
    tiers: dict[int, tuple[int, str]] = {}
    for cid, rule_id, name in reader.query(TIERS_AS_OF_SQL, _end_param(as_of))[1]:
        tiers[cid] = (rule_id, name)  # rows come oldest first: the newest wins
    return tiers


def load_ledger(reader: Reader, as_of: date) -> pd.DataFrame:
    """One row per root customer (merged ones rolled up), as of the end of ``as_of``.

    Columns (:data:`LEDGER_COLUMNS`): ids and masked contact fields; ``platforms`` (", "-joined
    platform codes of its identities and orders); ``identities`` (how many); paid order figures
    over lines paid up to ``as_of`` (``paid_orders`` distinct platform + order no, ``net_cents``
    = payable − refunded, in ``currency``, the customer's main one); ``recency_days`` (days since
    the last paid order, NaN for none), ``silent_days`` (days since the last paid order or touch);
    ``median_gap_days`` between orders; ``last_product``; the first order's platform and traffic
    format and ``acquisition_month`` ("2026-09"); the tier as of ``as_of`` (name, rule id;
    "" / NA for none); private channel, tags and note; RFM ``r_score``/``f_score``/``m_score``
    and ``segment`` (the shop's RFM settings; NA / "" for non-buyers). Customers without paid
    orders (a 有赞 list) have ``paid_orders`` 0.
    """
    import pandas as pd

    columns, rows = reader.query(CUSTOMERS_SQL)
    people = pd.DataFrame(rows, columns=columns)
    roots = root_map(reader)
    people = people[people["merged_into_id"].isna()].set_index("id")
    lines = paid_lines(reader, as_of)
    facts = customer_facts(lines, as_of).set_index("customer_id")
    ledger = people.join(facts, how="left")
    ledger = ledger.join(_firsts_and_lasts(lines), how="left")
    ledger["median_gap_days"] = _median_gaps(lines) if not lines.empty else float("nan")
    ledger["paid_orders"] = ledger["paid_orders"].fillna(0).astype("int64")
    ledger["paid_lines"] = ledger["paid_lines"].fillna(0).astype("int64")
    ledger["net_cents"] = ledger["net_cents"].fillna(0).astype("int64")
    ledger["currency"] = ledger["currency"].fillna("")
    _add_identities(reader, ledger, lines, roots)
    _add_touches(reader, ledger, roots, as_of)
    tiers = current_tiers(reader, as_of)
    ledger["tier"] = [tiers.get(cid, (None, ""))[1] for cid in ledger.index]
    ledger["tier_rule_id"] = pd.array(
        [tiers.get(cid, (None, ""))[0] for cid in ledger.index], dtype="Int64"
    )
    ledger["private_since"] = pd.to_datetime(ledger["private_since"], format="ISO8601").dt.date
    for text in ("display_name", "masked_phone", "region", "private_channel", "tags", "note"):
        ledger[text] = ledger[text].fillna("")
    for text in ("last_product", "first_platform", "first_traffic_format"):
        ledger[text] = ledger[text].fillna("")
    ledger["acquisition_month"] = ledger["first_paid_at"].dt.strftime("%Y-%m").fillna("")
    ledger = ledger.reset_index(names="customer_id")
    _add_rfm(ledger, rfm_settings(reader))
    return ledger[list(LEDGER_COLUMNS)].sort_values(
        ["net_cents", "customer_id"], ascending=[False, True], ignore_index=True
    )


def _add_identities(
    reader: Reader, ledger: pd.DataFrame, lines: pd.DataFrame, roots: dict[int, int]
) -> None:
    platforms: dict[int, set[str]] = {}
    counts: dict[int, int] = {}
    for cid, platform, _kind in reader.query(IDENTITIES_SQL)[1]:
        root = roots.get(cid, cid)
        platforms.setdefault(root, set()).add(platform)
        counts[root] = counts.get(root, 0) + 1
    for root, platform in (
        lines[["customer_id", "platform"]].drop_duplicates().itertuples(index=False)
    ):
        platforms.setdefault(root, set()).add(platform)
    ledger["platforms"] = [", ".join(sorted(platforms.get(c, ()))) for c in ledger.index]
    ledger["identities"] = [counts.get(c, 0) for c in ledger.index]


def _add_touches(reader: Reader, ledger: pd.DataFrame, roots: dict[int, int], as_of: date) -> None:
    import pandas as pd

    last: dict[int, datetime] = {}
    for cid, touched in reader.query(TOUCHES_SQL, _end_param(as_of))[1]:
        root = roots.get(cid, cid)
        moment = pd.Timestamp(touched)
        if root not in last or moment > last[root]:
            last[root] = moment
    ledger["last_touch_at"] = pd.to_datetime(pd.Series(last, dtype="datetime64[ns]")).reindex(
        ledger.index
    )
    active = ledger[["last_paid_at", "last_touch_at"]].max(axis=1)
    ledger["silent_days"] = (pd.Timestamp(as_of) - active.dt.normalize()).dt.days


def _add_rfm(ledger: pd.DataFrame, settings: RfmSettings) -> None:
    scored = score_rfm(ledger, settings).set_index("customer_id")
    for column in ("r_score", "f_score", "m_score"):
        ledger[column] = ledger["customer_id"].map(scored[column]).astype("Int64")
    ledger["segment"] = ledger["customer_id"].map(scored["segment"]).fillna("").astype(object)


RFM_MODE_KEY = "customers.rfm_mode"
RFM_THRESHOLDS_KEY = "customers.rfm_thresholds"


def rfm_settings(reader: Reader) -> RfmSettings:
    """The shop's RFM mode and thresholds (store settings ``customers.rfm_*``)."""
    mode = get_setting(reader, RFM_MODE_KEY, "auto")
    thresholds = RfmThresholds.from_json(get_setting(reader, RFM_THRESHOLDS_KEY, None))
    return RfmSettings(mode, thresholds)


def save_rfm_settings(store: Store, settings: RfmSettings) -> None:
    """Keep the RFM mode and thresholds in the store (they travel with it)."""
    set_setting(store, RFM_MODE_KEY, settings.mode)
    set_setting(store, RFM_THRESHOLDS_KEY, settings.thresholds.as_json())
