"""The customer ledger: one row per person (merged customers rolled up to their root), as of a day.

Identity follows truth.json's conventions: the importers make one customer per platform identity
(buyer id, else recipient + masked phone). Merges never rewrite ``order_lines.customer_id`` (the
monthly figures keep counting platform identities); a merge sets ``customers.merged_into_id`` and
everything here rolls a merged customer's orders, touches and identities up to its root.

pandas is imported inside the functions: this module may be imported on the start-up path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.analytics.rfm import RfmSettings, RfmThresholds, score_rfm
from app.db import Reader, Store
from app.services import edits
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
# No date condition in SQL: with one, SQLite walks the paid_at index and reads each row twice
# (twice as slow for a whole year's lines); the day is applied in pandas.
PAID_LINES_SQL = f"""
SELECT o.customer_id, o.platform, o.order_no, o.paid_at, o.payable_cents, o.refund_cents,
       o.currency{{details}}
FROM order_lines o
WHERE {PAID} AND o.customer_id IS NOT NULL
"""
DETAIL_COLUMNS = ("product_name", "traffic_format")
# What tiers need, as few and as small values as possible (a year of lines is read each import).
SLIM_LINES_SQL = f"""
SELECT o.customer_id, o.platform || '|' || o.order_no, o.paid_at,
       o.payable_cents - COALESCE(o.refund_cents, 0), o.currency
FROM order_lines o
WHERE {PAID} AND o.customer_id IS NOT NULL
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
    return roots_of(dict(reader.query("SELECT id, merged_into_id FROM customers")[1]))


def roots_of(parent: dict[int, int | None]) -> dict[int, int]:
    """Customer id → root id, from each customer's ``merged_into_id`` (a cycle stops the walk)."""
    roots: dict[int, int] = {cid: cid for cid, up in parent.items() if up is None}
    for cid in parent:
        path = []
        node = cid
        while node not in roots and parent.get(node) is not None and node not in path:
            path.append(node)
            node = parent[node]  # type: ignore[assignment]
        root = roots.get(node, node)
        for visited in (*path, node):
            roots[visited] = root
    return roots


def paid_lines(
    reader: Reader,
    as_of: date,
    *,
    details: bool = True,
    roots: dict[int, int] | None = None,
    members: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Paid order lines up to the end of ``as_of``, each with its root customer.

    Columns: :data:`LINE_COLUMNS`; ``identity_customer_id`` is the line's own (platform)
    customer, ``customer_id`` its root; ``paid_at`` is a pandas datetime; ``net_cents`` =
    payable − refund. Without ``details`` (what tiers need, read faster): only customer_id,
    identity_customer_id, platform (""), order_no ("platform|order no"), paid_at, net_cents and
    currency. ``roots``: :func:`root_map`, when the caller has it; ``members``: only the lines
    of these (platform) customers.
    """
    import pandas as pd

    roots = root_map(reader) if roots is None else roots
    only = ""
    if members is not None:  # integers, never user text
        only = f" AND o.customer_id IN ({', '.join(str(int(m)) for m in members) or 'NULL'})"
    if details:
        extra = "".join(f", o.{c}" for c in DETAIL_COLUMNS)
        _cols, rows = reader.query(PAID_LINES_SQL.format(details=extra) + only)
        names = ["identity_customer_id", "platform", "order_no", "paid_at", "payable_cents"]
        names += ["refund_cents", "currency", *DETAIL_COLUMNS]
    else:
        _cols, rows = reader.query(SLIM_LINES_SQL + only)
        names = ["identity_customer_id", "order_no", "paid_at", "net_cents", "currency"]
    raw = pd.DataFrame(rows, columns=names)
    raw["paid_at"] = pd.to_datetime(raw["paid_at"], format="ISO8601").astype("datetime64[ns]")
    raw = raw[raw["paid_at"] < pd.Timestamp(end_of(as_of))]
    raw["identity_customer_id"] = raw["identity_customer_id"].astype("int64")
    if any(cid != root for cid, root in roots.items()):
        mapped = raw["identity_customer_id"].map(roots).fillna(raw["identity_customer_id"])
        raw["customer_id"] = mapped.astype("int64")
    else:
        raw["customer_id"] = raw["identity_customer_id"]
    raw["currency"] = raw["currency"].astype(object).fillna("")
    if not details:
        raw["platform"] = ""
        raw["net_cents"] = raw["net_cents"].fillna(0).astype("int64")
        slim = ("customer_id", "identity_customer_id", "platform", "order_no", "paid_at")
        return raw[[*slim, "net_cents", "currency"]].reset_index(drop=True)
    raw["payable_cents"] = raw["payable_cents"].fillna(0).astype("int64")
    raw["refund_cents"] = raw["refund_cents"].fillna(0).astype("int64")
    raw["net_cents"] = raw["payable_cents"] - raw["refund_cents"]
    for text in DETAIL_COLUMNS:
        raw[text] = raw[text].astype(object).fillna("")
    return raw[list(LINE_COLUMNS)].reset_index(drop=True)


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
            {
                "customer_id": pd.Series(dtype="int64"),
                "currency": pd.Series(dtype=object),
                "paid_orders": pd.Series(dtype="int64"),
                "paid_lines": pd.Series(dtype="int64"),
                "net_cents": pd.Series(dtype="int64"),
                "first_paid_at": pd.Series(dtype="datetime64[ns]"),
                "last_paid_at": pd.Series(dtype="datetime64[ns]"),
                "recency_days": pd.Series(dtype="float64"),
            }
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
    """Per customer: its first line's platform and traffic format, its last line's product."""
    by_customer = lines.groupby("customer_id")["paid_at"]
    first = lines.loc[by_customer.idxmin()].set_index("customer_id")
    last = lines.loc[by_customer.idxmax()].set_index("customer_id")
    return (
        first[["platform", "traffic_format"]]
        .rename(columns={"platform": "first_platform", "traffic_format": "first_traffic_format"})
        .join(last["product_name"].rename("last_product"))
    )


def current_tiers(reader: Reader, as_of: date | None = None) -> dict[int, tuple[int, str]]:
    """Each customer's tier: its newest tier row (up to the end of ``as_of`` when given).

    Returns customer id → (rule id, tier name).
    """
    if as_of is None:
        sql, params = TIERS_AS_OF_SQL.replace("WHERE ct.assigned_at < :end", ""), None
    else:
        sql, params = TIERS_AS_OF_SQL, _end_param(as_of)
    tiers: dict[int, tuple[int, str]] = {}
    for cid, rule_id, name in reader.query(sql, params)[1]:
        tiers[cid] = (rule_id, name)  # rows come oldest first: the newest wins
    return tiers


def load_ledger(
    reader: Reader, as_of: date, *, customer_ids: Iterable[int] | None = None
) -> pd.DataFrame:
    """One row per root customer (merged ones rolled up), as of the end of ``as_of``.

    ``customer_ids``: only the persons these customers belong to (quick, for one customer's
    detail; RFM scores still rank them among every buyer).

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
    roots = roots_of({row[0]: row[1] for row in rows})  # id, merged_into_id
    people = people[people["merged_into_id"].isna()].astype({"id": "int64"}).set_index("id")
    members = None
    if customer_ids is not None:
        wanted = {roots[int(c)] for c in customer_ids if int(c) in roots}
        members = [cid for cid, root in roots.items() if root in wanted]
        people = people[people.index.isin(wanted)]
    lines = paid_lines(reader, as_of, roots=roots, members=members)
    facts = customer_facts(lines, as_of).set_index("customer_id")
    ledger = people.join(facts, how="left")
    for moment in ("first_paid_at", "last_paid_at"):
        ledger[moment] = pd.to_datetime(ledger[moment]).astype("datetime64[ns]")
    ledger = ledger.join(_firsts_and_lasts(lines), how="left")
    ledger["median_gap_days"] = _median_gaps(lines) if not lines.empty else float("nan")
    ledger["paid_orders"] = ledger["paid_orders"].fillna(0).astype("int64")
    ledger["paid_lines"] = ledger["paid_lines"].fillna(0).astype("int64")
    ledger["net_cents"] = ledger["net_cents"].fillna(0).astype("int64")
    ledger["currency"] = ledger["currency"].astype(object).fillna("")
    _add_identities(reader, ledger, lines, roots)
    _add_touches(reader, ledger, roots, as_of)
    tiers = current_tiers(reader, as_of)
    ledger["tier"] = pd.Series(
        [tiers.get(cid, (None, ""))[1] for cid in ledger.index], ledger.index, dtype=object
    )
    ledger["tier_rule_id"] = pd.array(
        [tiers.get(cid, (None, ""))[0] for cid in ledger.index], dtype="Int64"
    )
    ledger["private_since"] = pd.to_datetime(ledger["private_since"], format="ISO8601").dt.date
    for text in ("display_name", "masked_phone", "region", "private_channel", "tags", "note"):
        ledger[text] = ledger[text].astype(object).fillna("")
    for text in ("last_product", "first_platform", "first_traffic_format"):
        ledger[text] = ledger[text].astype(object).fillna("")
    ledger["acquisition_month"] = (
        ledger["first_paid_at"].dt.strftime("%Y-%m").astype(object).fillna("")
    )
    ledger = ledger.reset_index(names="customer_id")
    population = ledger
    if customer_ids is not None:
        slim = paid_lines(reader, as_of, details=False, roots=roots)
        population = customer_facts(slim, as_of)  # every buyer, keyed by root
    _add_rfm(ledger, rfm_settings(reader), population)
    return ledger[list(LEDGER_COLUMNS)].sort_values(
        ["net_cents", "customer_id"], ascending=[False, True], ignore_index=True
    )


def _add_identities(
    reader: Reader, ledger: pd.DataFrame, lines: pd.DataFrame, roots: dict[int, int]
) -> None:
    import pandas as pd

    found = pd.DataFrame(
        reader.query(IDENTITIES_SQL)[1], columns=["customer_id", "platform", "kind"]
    )
    found["root"] = found["customer_id"].map(roots).fillna(found["customer_id"]).astype("int64")
    counts = found.groupby("root").size()
    pairs = pd.concat(
        [
            found[["root", "platform"]],
            lines[["customer_id", "platform"]].rename(columns={"customer_id": "root"}),
        ]
    ).drop_duplicates()
    pairs = pairs.sort_values(["root", "platform"])
    joined = pairs.drop_duplicates("root").set_index("root")["platform"]
    several = pairs[pairs["root"].duplicated(keep=False)]  # few: join only those
    if not several.empty:
        joined.update(several.groupby("root")["platform"].agg(", ".join))
    ledger["platforms"] = joined.reindex(ledger.index).astype(object).fillna("")
    ledger["identities"] = counts.reindex(ledger.index).fillna(0).astype("int64")


def _add_touches(reader: Reader, ledger: pd.DataFrame, roots: dict[int, int], as_of: date) -> None:
    import pandas as pd

    last: dict[int, datetime] = {}
    for cid, touched in reader.query(TOUCHES_SQL, _end_param(as_of))[1]:
        root = roots.get(cid, cid)
        moment = pd.Timestamp(touched)
        if root not in last or moment > last[root]:
            last[root] = moment
    touched = pd.Series(last, dtype="datetime64[ns]").reindex(ledger.index)
    ledger["last_touch_at"] = touched
    paid = ledger["last_paid_at"]
    active = paid.where(touched.isna() | (paid >= touched), touched)
    ledger["silent_days"] = (pd.Timestamp(as_of) - active.dt.normalize()).dt.days


def _add_rfm(ledger: pd.DataFrame, settings: RfmSettings, population: pd.DataFrame) -> None:
    scored = score_rfm(population, settings).set_index("customer_id")
    for column in ("r_score", "f_score", "m_score"):
        ledger[column] = ledger["customer_id"].map(scored[column]).astype("Int64")
    ledger["segment"] = ledger["customer_id"].map(scored["segment"]).astype(object).fillna("")


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


# --- Merges, splits and suggestions --------------------------------------------------------------
#
# A merge sets ``merged_into_id`` of the merged customer (its orders roll up to the survivor; the
# order lines keep pointing at the platform customer, so ``shopreel stats`` never changes). Its
# ``CustomerMerge.identities`` keeps JSON {"survivor_before": {...}}: the survivor's tags, note
# and private channel before they were combined, so an undo restores them.
# A split moves identities of the customer to a new customer and detaches customers merged into
# it; ``identities`` keeps JSON {"identities": [ids moved], "detached": {child id: its parent}}.
# Orders stay with the customer they were imported under.

SUGGEST_SQL = """
SELECT c.id, c.display_name, c.masked_phone FROM customers c
WHERE c.merged_into_id IS NULL AND c.display_name <> '' AND c.masked_phone <> ''
"""
SHARED_IDENTITY_KINDS = ("wecom", "wechat", "phone_hash")
PAID_ORDERS_SQL = f"""
SELECT o.customer_id, COUNT(DISTINCT o.platform || '|' || o.order_no) FROM order_lines o
WHERE {PAID} AND o.customer_id IS NOT NULL GROUP BY o.customer_id
"""
SUGGESTION_COLUMNS = (
    "a_id",
    "b_id",
    "a_name",
    "b_name",
    "a_platforms",
    "b_platforms",
    "a_orders",
    "b_orders",
    "masked_phone",
    "reason",
)


def _identities_by_root(reader: Reader, roots: dict[int, int]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for cid, platform, kind, value in reader.query(
        "SELECT customer_id, platform, kind, value FROM customer_identities"
    )[1]:
        found.setdefault(roots.get(cid, cid), []).append((platform, kind, value))
    return found


def phones_agree(a: str, b: str) -> bool:
    """True when two masked phones can be the same number.

    Platforms mask differently (抖店 ``185****1210``, 有赞 ``185******10``): same length, the
    digits both show agree, and they share at least five shown digits.
    """
    if len(a) != len(b):
        return False
    shared = 0
    for x, y in zip(a, b, strict=True):
        if x.isdigit() and y.isdigit():
            if x != y:
                return False
            shared += 1
    return shared >= MIN_SHARED_DIGITS


MIN_SHARED_DIGITS = 5


def merge_suggestions(reader: Reader) -> pd.DataFrame:
    """Pairs of customers that look like one person across platforms, for the user to decide.

    ``name_phone``: the same recipient name and a masked phone that agrees (see
    :func:`phones_agree`) on different platforms; ``crm``: the same, where one side is a
    有赞/CRM list record; ``wecom`` (or wechat): the same WeCom record on two customers.
    Rejected pairs and customers already merged never come back.
    """
    import pandas as pd

    roots = root_map(reader)
    identities = _identities_by_root(reader, roots)
    rejected = {tuple(r) for r in reader.query(REJECTED_SQL)[1]}
    people = {cid: (name, phone) for cid, name, phone in reader.query(SUGGEST_SQL)[1]}
    orders: dict[int, int] = {}
    for cid, count in reader.query(PAID_ORDERS_SQL)[1]:
        orders[roots.get(cid, cid)] = orders.get(roots.get(cid, cid), 0) + count
    candidates: list[tuple[tuple[int, int], str]] = []
    buckets: dict[tuple[str, str, str], list[int]] = {}
    for cid, (name, phone) in people.items():
        buckets.setdefault((name, phone[:3], phone[-2:]), []).append(cid)
    for members in buckets.values():
        members.sort(key=lambda c: (-orders.get(c, 0), c))
        for i, b in enumerate(members):  # each with the first (busiest) one that agrees
            anchor = next(
                (a for a in members[:i] if phones_agree(people[a][1], people[b][1])), None
            )
            if anchor is not None:
                candidates.append(((anchor, b), "name_phone"))
    shared: dict[tuple, list[int]] = {}
    for cid, found in identities.items():
        for platform, kind, value in found:
            if kind in SHARED_IDENTITY_KINDS:
                shared.setdefault((kind, platform, value), []).append(cid)
    for (kind, _platform, _value), members in shared.items():
        members = sorted(set(members), key=lambda c: (-orders.get(c, 0), c))
        candidates.extend(((members[0], other), kind) for other in members[1:])
    rows = []
    seen: set[tuple[int, int]] = set()
    for (a, b), key_kind in candidates:
        pair = (min(a, b), max(a, b))
        if pair in rejected or pair in seen:
            continue
        reason = _suggestion_reason(key_kind, identities, pair)
        if reason is not None:
            seen.add(pair)
            rows.append(_suggestion_row(reader, people, pair, reason, identities, orders))
    frame = pd.DataFrame(rows, columns=list(SUGGESTION_COLUMNS))
    return frame.sort_values(["reason", "a_id", "b_id"], ignore_index=True)


def _platforms(found: list[tuple]) -> set[str]:
    return {platform for platform, _kind, _value in found}


def _suggestion_reason(
    key_kind: str, identities: dict[int, list[tuple]], pair: tuple[int, int]
) -> str | None:
    """Why a pair is suggested; None when both sides are on the very same platforms only."""
    a, b = (identities.get(c, []) for c in pair)
    if key_kind != "name_phone":
        return key_kind
    if any(kind == "crm" for _p, kind, _v in a + b):
        return "crm"
    return "name_phone" if _platforms(a) != _platforms(b) else None


def _suggestion_row(
    reader: Reader,
    people: dict[int, tuple[str, str]],
    pair: tuple[int, int],
    reason: str,
    identities: dict[int, list[tuple]],
    orders: dict[int, int],
) -> tuple:
    (a_name, a_phone), (b_name, _b_phone) = (people.get(c) or _name_phone(reader, c) for c in pair)
    return (
        pair[0],
        pair[1],
        a_name,
        b_name,
        ", ".join(sorted(_platforms(identities.get(pair[0], [])))),
        ", ".join(sorted(_platforms(identities.get(pair[1], [])))),
        orders.get(pair[0], 0),
        orders.get(pair[1], 0),
        a_phone,
        reason,
    )


def _name_phone(reader: Reader, customer_id: int) -> tuple[str, str]:
    rows = reader.query(
        "SELECT display_name, masked_phone FROM customers WHERE id = :id", {"id": customer_id}
    )[1]
    return (rows[0][0] or "", rows[0][1] or "") if rows else ("", "")


REJECTED_SQL = "SELECT customer_a_id, customer_b_id FROM customer_merge_rejections"
REJECTED_LIST_SQL = """
SELECT r.customer_a_id, r.customer_b_id, a.display_name, b.display_name, a.masked_phone,
       r.rejected_at
FROM customer_merge_rejections r
JOIN customers a ON a.id = r.customer_a_id
JOIN customers b ON b.id = r.customer_b_id
ORDER BY r.rejected_at DESC, r.id DESC
"""
REJECTED_COLUMNS = ("a_id", "b_id", "a_name", "b_name", "masked_phone", "rejected_at")


def rejected_suggestions(reader: Reader) -> pd.DataFrame:
    """The pairs the user said are not the same person, newest first (REJECTED_COLUMNS);
    :func:`unreject_suggestion` lets one be suggested again. Phones stay masked."""
    import pandas as pd

    frame = pd.DataFrame(reader.query(REJECTED_LIST_SQL)[1], columns=list(REJECTED_COLUMNS))
    frame["rejected_at"] = pd.to_datetime(frame["rejected_at"], format="ISO8601")
    for column in ("a_name", "b_name", "masked_phone"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def reject_suggestion(store: Store, a_id: int, b_id: int) -> None:
    """Never suggest merging these two again."""
    from sqlalchemy import select

    from app.models import MergeRejection

    low, high = sorted((int(a_id), int(b_id)))
    if low == high:
        raise ValueError("A customer cannot be paired with itself.")
    with store.session_scope() as session:
        _require_customers(session, (low, high))
        exists = session.scalar(
            select(MergeRejection.id).where(
                MergeRejection.customer_a_id == low, MergeRejection.customer_b_id == high
            )
        )
        if exists is None:
            session.add(MergeRejection(customer_a_id=low, customer_b_id=high))


def unreject_suggestion(store: Store, a_id: int, b_id: int) -> bool:
    """Undo a rejection: the pair may be suggested again; False when it was not rejected."""
    from sqlalchemy import delete

    from app.models import MergeRejection

    low, high = sorted((int(a_id), int(b_id)))
    with store.session_scope() as session:
        gone = session.execute(
            delete(MergeRejection).where(
                MergeRejection.customer_a_id == low, MergeRejection.customer_b_id == high
            )
        ).rowcount
    return bool(gone)


def _require_customers(session: Any, ids: tuple[int, ...]) -> list[Any]:
    from app.models import Customer

    found = [session.get(Customer, cid) for cid in ids]
    missing = [cid for cid, row in zip(ids, found, strict=True) if row is None]
    if missing:
        raise ValueError(f"There is no customer #{missing[0]}.")
    return found


def merge_customers(
    store: Store, survivor_id: int, merged_id: int, reason: str = "", today: date | None = None
) -> int:
    """Make ``merged_id`` part of ``survivor_id`` (undoable); returns the merge's id.

    Both must be customers of their own (not merged already). The survivor keeps its name and
    phone; tags are combined, an empty note or private channel is taken from the merged one.
    Tiers are recomputed as of ``today``.
    """
    import json

    from app.models import CustomerMerge

    if int(survivor_id) == int(merged_id):
        raise ValueError("A customer cannot be merged with itself.")
    with store.session_scope() as session:
        survivor, merged = _require_customers(session, (int(survivor_id), int(merged_id)))
        for row in (survivor, merged):
            if row.merged_into_id is not None:
                raise ValueError(
                    f"Customer #{row.id} is already part of customer #{row.merged_into_id}; "
                    "merge that one instead."
                )
        before = _person_fields(survivor)
        combined = {
            "tags": normalise_tags([survivor.tags, merged.tags]),
            "note": survivor.note or merged.note,
        }
        if not survivor.private_channel and merged.private_channel:
            combined["private_channel"] = merged.private_channel
            combined["private_since"] = merged.private_since
        ids, name = (survivor.id, merged.id), survivor.display_name
        user = store.user_name
        fields = edits.update_versioned(session, "customers", ids[0], None, combined, user)
        edits.update_versioned(session, "customers", ids[1], None, {"merged_into_id": ids[0]}, user)
        record = CustomerMerge(
            kind="merge",
            survivor_id=ids[0],
            merged_id=ids[1],
            identities=json.dumps({"survivor_before": before}, ensure_ascii=False),
            reason=reason,
        )
        session.add(record)
        session.flush()
        merge_id = record.id
        fields["merged_id"] = [None, ids[1]]
        edits.log_change(session, user, "customers", ids[0], "merge", name, fields)
    _after_identity_change(store, today)
    return merge_id


def _person_fields(customer: Any) -> dict[str, Any]:
    since = customer.private_since
    return {
        "tags": customer.tags or "",
        "note": customer.note or "",
        "private_channel": customer.private_channel or "",
        "private_since": since.isoformat() if since else None,
    }


def _after_identity_change(store: Store, today: date | None) -> None:
    from app.services.tiers import recompute_tiers

    recompute_tiers(store, today or date.today())


def split_customer(
    store: Store,
    customer_id: int,
    identity_ids: list[int],
    reason: str = "",
    today: date | None = None,
) -> int:
    """Split identities off a customer (undoable); returns the split's id.

    ``identity_ids`` may be the customer's own identities (they move to a new customer, which
    future imports of them then land on) and identities of customers merged into it (those
    customers become customers of their own again). At least one identity must stay.
    """
    import json

    from app.models import Customer, CustomerIdentity, CustomerMerge

    wanted = {int(i) for i in identity_ids}
    if not wanted:
        raise ValueError("Choose the identities to split off.")
    with store.session_scope() as session:
        (root,) = _require_customers(session, (int(customer_id),))
        if root.merged_into_id is not None:
            raise ValueError(f"Customer #{root.id} is part of #{root.merged_into_id}; split that.")
        members = _members(session, root.id)
        owned = {
            i.id: i
            for i in session.query(CustomerIdentity).filter(
                CustomerIdentity.customer_id.in_(members)
            )
        }
        if unknown := wanted - owned.keys():
            raise ValueError(f"Identity #{min(unknown)} is not one of customer #{root.id}'s.")
        if not owned.keys() - wanted:
            raise ValueError("At least one identity must stay with the customer.")
        own = sorted(i for i in wanted if owned[i].customer_id == root.id)
        children = {owned[i].customer_id for i in wanted} - {root.id}
        detached = {}
        for child_id in sorted(children):
            child = session.get(Customer, child_id)
            detached[child_id] = child.merged_into_id
            edits.update_versioned(
                session, "customers", child_id, None, {"merged_into_id": None}, store.user_name
            )
        new_id = None
        if own:
            new = Customer(
                display_name=root.display_name,
                masked_phone=root.masked_phone,
                region=root.region,
            )
            session.add(new)
            session.flush()
            new_id = new.id
            for identity_id in own:
                owned[identity_id].customer_id = new_id
        record = CustomerMerge(
            kind="split",
            survivor_id=root.id,
            merged_id=new_id if new_id is not None else min(detached),
            identities=json.dumps({"identities": own, "detached": detached}),
            reason=reason,
        )
        session.add(record)
        session.flush()
        split_id = record.id
        fields = {"identities": [None, own], "detached": [None, sorted(detached)]}
        if new_id is not None:
            fields["new_customer_id"] = [None, new_id]
        name = edits.row_label(session, "customers", int(customer_id), "display_name")
        edits.log_change(
            session, store.user_name, "customers", int(customer_id), "split", name, fields
        )
    _after_identity_change(store, today)
    return split_id


def _members(session: Any, root_id: int) -> list[int]:
    """The customer and every customer merged into it (at any depth)."""
    from sqlalchemy import select

    from app.models import Customer

    members = [root_id]
    frontier = [root_id]
    while frontier:
        frontier = list(
            session.scalars(select(Customer.id).where(Customer.merged_into_id.in_(frontier)))
        )
        members.extend(frontier)
    return members


def undo_merge(store: Store, merge_id: int, today: date | None = None) -> None:
    """Undo a merge or a split; refuses (ValueError) when it was undone or changed since."""
    import json

    from app.models import CustomerMerge

    with store.session_scope() as session:
        record = session.get(CustomerMerge, int(merge_id))
        if record is None:
            raise ValueError(f"There is no merge #{merge_id}.")
        if record.undone_at is not None:
            raise ValueError(f"Merge #{merge_id} was already undone.")
        details = json.loads(record.identities or "{}")
        if record.kind == "split":
            _undo_split(session, record, details)
        else:
            _undo_merge(session, store, record, details)
        record.undone_at = datetime.now().replace(microsecond=0)
        survivor = record.survivor_id
        name = edits.row_label(session, "customers", survivor, "display_name")
        fields = {f"{record.kind}_id": [record.merged_id, None]}
        edits.log_change(session, store.user_name, "customers", survivor, "undo", name, fields)
    _after_identity_change(store, today)


def _undo_merge(session: Any, store: Store, record: Any, details: dict[str, Any]) -> None:
    survivor, merged = _require_customers(session, (record.survivor_id, record.merged_id))
    if merged.merged_into_id != survivor.id:
        raise ValueError(
            f"Customer #{merged.id} is no longer part of #{survivor.id}; nothing to undo."
        )
    ids, user = (survivor.id, merged.id), store.user_name
    edits.update_versioned(session, "customers", ids[1], None, {"merged_into_id": None}, user)
    before = details.get("survivor_before")
    if before:
        since = before["private_since"]
        restored = {
            "tags": before["tags"],
            "note": before["note"],
            "private_channel": before["private_channel"],
            "private_since": date.fromisoformat(since) if since else None,
        }
        edits.update_versioned(session, "customers", ids[0], None, restored, user)


def _undo_split(session: Any, record: Any, details: dict[str, Any]) -> None:
    from app.models import Customer, CustomerIdentity

    root = session.get(Customer, record.survivor_id)
    if root is None or root.merged_into_id is not None:
        raise ValueError(
            f"Customer #{record.survivor_id} changed since the split; undo that first."
        )
    for child_id, parent_id in details.get("detached", {}).items():
        child = session.get(Customer, int(child_id))
        if child is not None:
            if child.merged_into_id is not None:
                raise ValueError(f"Customer #{child_id} was merged again since the split.")
            child.merged_into_id = parent_id
    moved = details.get("identities", [])
    if moved:
        for identity in session.query(CustomerIdentity).filter(CustomerIdentity.id.in_(moved)):
            identity.customer_id = root.id
        new = session.get(Customer, record.merged_id)
        if new is not None and new.merged_into_id is None:
            new.merged_into_id = root.id  # anything imported onto it since rolls up again


MERGES_SQL = """
SELECT m.id, m.kind, m.survivor_id, m.merged_id, s.display_name, d.display_name, m.identities,
       m.reason, m.merged_at, m.undone_at
FROM customer_merges m
LEFT JOIN customers s ON s.id = m.survivor_id
LEFT JOIN customers d ON d.id = m.merged_id
ORDER BY m.merged_at DESC, m.id DESC
"""
MERGE_COLUMNS = (
    "id",
    "kind",
    "survivor_id",
    "merged_id",
    "survivor_name",
    "merged_name",
    "identities",
    "reason",
    "merged_at",
    "undone_at",
)


def merge_history(reader: Reader) -> pd.DataFrame:
    """Every merge and split, newest first (``undone_at`` NaT while it stands)."""
    import pandas as pd

    frame = pd.DataFrame(reader.query(MERGES_SQL)[1], columns=list(MERGE_COLUMNS))
    for column in ("merged_at", "undone_at"):
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    return frame


# --- Tags, notes and private channels ------------------------------------------------------------

PRIVATE_CHANNELS = ("wechat", "wecom", "group")


def normalise_tags(tags: str | Iterable[str]) -> str:
    """Tags as stored: comma-separated (, or ，), trimmed, no empties, no repeats, in order."""
    texts = [tags] if isinstance(tags, str) else list(tags)
    seen: list[str] = []
    for text in texts:
        for tag in str(text or "").replace("，", ",").split(","):
            tag = tag.strip()
            if tag and tag not in seen:
                seen.append(tag)
    return ", ".join(seen)


def set_tags(
    store: Store, customer_id: int, tags: str | Iterable[str], version: int | None = None
) -> str:
    """Replace a customer's tags; returns them as stored. ``version``: as in
    :func:`save_tags_and_note`."""
    text = normalise_tags(tags)
    with store.session_scope() as session:
        _edit_customer(session, store, int(customer_id), version, {"tags": text})
    return text


def set_note(store: Store, customer_id: int, note: str, version: int | None = None) -> None:
    """Replace a customer's free-text note. ``version``: as in :func:`save_tags_and_note`."""
    with store.session_scope() as session:
        _edit_customer(session, store, int(customer_id), version, {"note": note.strip()})


def save_tags_and_note(
    store: Store, customer_id: int, tags: str | Iterable[str], note: str, version: int | None
) -> tuple[str, int]:
    """Replace a customer's tags and note in one go; returns the tags as stored and the
    customer's version now.

    ``version``: the one the customer was read at (None: no check).

    Raises:
        ConcurrentEditError: someone else changed the customer since (nothing is written).
        ValueError: there is no such customer (and no version was given).
    """
    text = normalise_tags(tags)
    values = {"tags": text, "note": note.strip()}
    with store.session_scope() as session:
        _edit_customer(session, store, int(customer_id), version, values)
        now = edits.read_version(session, "customers", int(customer_id))
    return text, now


def _edit_customer(
    session: Any, store: Store, customer_id: int, version: int | None, values: dict[str, Any]
) -> None:
    if version is None:
        _require_customers(session, (customer_id,))
    fields = edits.update_versioned(
        session, "customers", customer_id, version, values, store.user_name
    )
    if fields:
        name = edits.row_label(session, "customers", customer_id, "display_name")
        edits.log_change(session, store.user_name, "customers", customer_id, "update", name, fields)


def _check_channel(channel: str) -> None:
    if channel and channel not in PRIVATE_CHANNELS:
        raise ValueError(
            f"Unknown private channel {channel!r}; use one of {', '.join(PRIVATE_CHANNELS)}."
        )


def mark_private(
    store: Store, customer_ids: Iterable[int], channel: str, since: date | None = None
) -> int:
    """Mark customers as moved to a private channel ("" clears it); returns how many changed.

    ``since`` defaults to today; a customer already in that channel keeps its first date.
    """
    from app.models import Customer

    _check_channel(channel)
    ids = sorted({int(c) for c in customer_ids})
    changed = 0
    with store.session_scope() as session:
        for customer in _require_customers(session, tuple(ids)):
            if customer.merged_into_id is not None:
                customer = session.get(Customer, root_of(session, customer.id))
            if customer.private_channel == channel:
                continue
            values = {
                "private_channel": channel,
                "private_since": (since or date.today()) if channel else None,
            }
            cid, name = customer.id, customer.display_name
            fields = edits.update_versioned(
                session, "customers", cid, None, values, store.user_name
            )
            edits.log_change(session, store.user_name, "customers", cid, "mark", name, fields)
            changed += 1
    return changed


def root_of(session: Any, customer_id: int) -> int:
    """The root of one customer (the customer it is merged into, at any depth)."""
    from app.models import Customer

    seen = set()
    current = session.get(Customer, customer_id)
    while current.merged_into_id is not None and current.id not in seen:
        seen.add(current.id)
        current = session.get(Customer, current.merged_into_id)
    return current.id


# --- One customer's detail -----------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerDetail:
    """Everything about one person (its root customer and every customer merged into it)."""

    customer: dict[str, Any]
    orders: pd.DataFrame
    tiers: pd.DataFrame
    identities: pd.DataFrame
    campaigns: pd.DataFrame
    touches: pd.DataFrame
    merges: pd.DataFrame
    # The person's row version (what a tags/note edit must name) and its last hand edit.
    stamp: edits.Stamp = field(default_factory=edits.Stamp)


DETAIL_ORDERS_SQL = """
SELECT o.customer_id AS identity_customer_id, o.platform, o.order_no, o.line_key, o.created_at,
       o.paid_at, o.product_name, o.sku, o.quantity, o.payable_cents, o.refund_cents,
       o.currency, o.status, o.after_sale_status, o.traffic_format, o.cancelled
FROM order_lines o WHERE o.customer_id IN ({ids})
ORDER BY COALESCE(o.paid_at, o.created_at) DESC, o.id DESC
"""
DETAIL_TIERS_SQL = """
SELECT ct.assigned_at, tr.name AS tier, ct.reason, ct.paid_orders, ct.monetary_cents
FROM customer_tiers ct JOIN tier_rules tr ON tr.id = ct.tier_rule_id
WHERE ct.customer_id = :id ORDER BY ct.assigned_at, ct.id
"""
DETAIL_IDENTITIES_SQL = """
SELECT id, customer_id, platform, kind, value FROM customer_identities
WHERE customer_id IN ({ids}) ORDER BY customer_id, id
"""
DETAIL_CAMPAIGNS_SQL = """
SELECT c.id AS campaign_id, c.name, c.channel, t."group", t.sent_at, t.responded_at,
       t.revenue_cents, t.currency
FROM campaign_targets t JOIN campaigns c ON c.id = t.campaign_id
WHERE t.customer_id IN ({ids}) ORDER BY COALESCE(t.sent_at, c.sent_at) DESC, t.id DESC
"""
DETAIL_TOUCHES_SQL = """
SELECT touched_at, channel, note FROM touches WHERE customer_id IN ({ids})
ORDER BY touched_at DESC, id DESC
"""


def _frame(reader: Reader, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    import pandas as pd

    columns, rows = reader.query(sql, params)
    return pd.DataFrame(rows, columns=columns)


def customer_detail(
    reader: Reader, customer_id: int, as_of: date, *, ledger_row: dict[str, Any] | None = None
) -> CustomerDetail:
    """Orders across platforms, tier history, identities, campaigns, touches and merges.

    ``customer_id`` may be any customer: the detail is its root's (the person). ValueError for
    an unknown id. Dates are pandas datetimes; money is cents with its currency.
    ``ledger_row``: the person's row of a ledger the caller already holds (as of the same day);
    without it the row is computed (about 0.2 s: RFM ranks the person among every buyer).
    """
    import pandas as pd

    roots = root_map(reader)
    if int(customer_id) not in roots:
        raise ValueError(f"There is no customer #{customer_id}.")
    root = roots[int(customer_id)]
    members = sorted(cid for cid, r in roots.items() if r == root)
    ids = ", ".join(str(int(c)) for c in members)  # integers from the store, not user text
    if ledger_row is None or int(ledger_row["customer_id"]) != root:
        ledger = load_ledger(reader, as_of, customer_ids=[root])
        ledger_row = ledger[ledger["customer_id"] == root].to_dict("records")[0]
    row = ledger_row
    orders = _frame(reader, DETAIL_ORDERS_SQL.format(ids=ids))
    orders["cancelled"] = orders["cancelled"].astype(bool)
    orders["net_cents"] = orders["payable_cents"] - orders["refund_cents"].fillna(0)
    tiers = _frame(reader, DETAIL_TIERS_SQL, {"id": root})
    campaigns = _frame(reader, DETAIL_CAMPAIGNS_SQL.format(ids=ids))
    touches = _frame(reader, DETAIL_TOUCHES_SQL.format(ids=ids))
    for frame, columns in (
        (orders, ("created_at", "paid_at")),
        (tiers, ("assigned_at",)),
        (campaigns, ("sent_at", "responded_at")),
        (touches, ("touched_at",)),
    ):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    history = merge_history(reader)
    involved = history["survivor_id"].isin(members) | history["merged_id"].isin(members)
    return CustomerDetail(
        customer=row,
        orders=orders,
        tiers=tiers,
        identities=_frame(reader, DETAIL_IDENTITIES_SQL.format(ids=ids)),
        campaigns=campaigns,
        touches=touches,
        merges=history[involved].reset_index(drop=True),
        stamp=edits.read_stamp(reader, "customers", root) or edits.Stamp(),
    )


# --- Private-domain list import ------------------------------------------------------------------


@dataclass(frozen=True)
class PrivateListResult:
    """What a list import did: customers newly marked, ones already there, lines not matched."""

    matched: int
    already: int
    unmatched: list[tuple[int, str]]


LIST_SEPARATORS = re.compile(r"[,，\t;；|]+|\s+")
MAX_LIST_BYTES = 20 * 1024 * 1024


def read_list_lines(path: Path) -> list[tuple[int, str]]:
    """The non-empty lines of a list, numbered from 1.

    A text/CSV file (UTF-8, UTF-8 with BOM or GBK), or the first sheet of an .xlsx workbook
    (a row's cells joined by tabs).
    """
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            raise ValueError(f"The list {path.name} is over 20 MB; split it into smaller lists.")
        if path.suffix.lower() == ".xlsx":
            text = _xlsx_text(path)
        else:
            text = _decoded(path.name, path.read_bytes())
    except OSError as exc:
        raise ValueError(f"The list {path.name} cannot be read: {exc.strerror}.") from exc
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line]
    if not lines:
        raise ValueError(f"The list {path.name} is empty.")
    return lines


def _decoded(name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(f"The list {name} is not text (UTF-8 or GBK); save it as .txt or .csv.")
    if "\x00" in text:
        raise ValueError(f"The list {name} is not a text file; save it as .txt, .csv or .xlsx.")
    return text


def _xlsx_text(path: Path) -> str:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(f"The list {path.name} is not a readable Excel workbook.") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return "\n".join(
            "\t".join(_cell_text(v) for v in row if v is not None and str(v).strip())
            for row in rows
        )
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an order number Excel keeps as a number
    return str(value).strip()


def match_list_lines(reader: Reader, lines: list[tuple[int, str]]) -> dict[int, int | None]:
    """Line number → the root customer it names (order number, buyer id, or name + phone)."""
    from app.services.privacy import mask_if_phone

    roots = root_map(reader)
    by_order = {
        str(no).strip(): cid
        for no, cid in reader.query(
            "SELECT order_no, customer_id FROM order_lines WHERE customer_id IS NOT NULL"
        )[1]
    }
    by_identity: dict[str, int] = {}
    for cid, kind, value in reader.query(
        "SELECT customer_id, kind, value FROM customer_identities"
    )[1]:
        if kind == "crm":  # name|phone|joined: match on name + phone
            value = "|".join(value.split("|")[:2])
        by_identity.setdefault(value, cid)
    by_name: dict[str, list[tuple[int, str]]] = {}
    for cid, name, phone in reader.query(
        "SELECT id, display_name, masked_phone FROM customers WHERE masked_phone <> ''"
    )[1]:
        by_name.setdefault(name, []).append((cid, phone))
    found: dict[int, int | None] = {}
    for number, line in lines:
        tokens = [t for t in LIST_SEPARATORS.split(line.replace("\ufeff", "")) if t]
        candidate = None
        if len(tokens) == 1:
            key = tokens[0].lstrip("'")
            candidate = by_order.get(key) or by_identity.get(key)
        elif len(tokens) >= 2:
            name, phone = tokens[0], mask_if_phone(tokens[1])
            agreeing = [c for c, known in by_name.get(name, ()) if phones_agree(phone, known)]
            candidate = by_identity.get(f"{name}|{phone}") or (agreeing[0] if agreeing else None)
            candidate = candidate or by_order.get(tokens[0]) or by_identity.get(tokens[0])
        found[number] = roots.get(candidate, candidate) if candidate is not None else None
    return found


def import_private_list(
    store: Store, path: Path, channel: str, since: date | None = None
) -> PrivateListResult:
    """Mark the customers a list names as moved to ``channel``; the store is unchanged on error.

    Each line (of a .txt/.csv, or row of an .xlsx) names one customer: an order number, a
    buyer id, or a name and phone separated by a comma, tab or space (a full phone is masked
    first, then matched against the stored masked phones whose shown digits agree; nothing is
    unmasked). Lines that name no customer (a header, a typo) are returned with their numbers.
    """
    from app.models import Customer

    if channel not in PRIVATE_CHANNELS:
        raise ValueError(
            f"Unknown private channel {channel!r}; use one of {', '.join(PRIVATE_CHANNELS)}."
        )
    lines = read_list_lines(path)
    reader = store.reader()
    try:
        found = match_list_lines(reader, lines)
    finally:
        reader.close()
    text = dict(lines)
    unmatched = [(n, text[n]) for n, cid in found.items() if cid is None]
    wanted = sorted({cid for cid in found.values() if cid is not None})
    matched = already = 0
    with store.session_scope() as session:
        for cid in wanted:
            customer = session.get(Customer, cid)
            if customer.private_channel == channel:
                already += 1
                continue
            customer.private_channel = channel
            customer.private_since = since or date.today()
            matched += 1
        if matched:  # a batch: one entry for the list, no row versions
            fields = {"private_channel": [None, channel], "customers": [None, matched]}
            edits.log_change(
                session, store.user_name, "customers", None, "mark_list", path.name, fields
            )
    return PrivateListResult(matched, already, unmatched)


# --- LTV, cohorts and monthly figures ------------------------------------------------------------


def ltv_by(reader: Reader, as_of: date, dimension: str) -> pd.DataFrame:
    """Average LTV per tier, platform, first traffic format, acquisition month … (see cohorts)."""
    from app.analytics.cohorts import ltv_by as ltv_table

    return ltv_table(load_ledger(reader, as_of), dimension)


def cohort_table(reader: Reader, as_of: date) -> pd.DataFrame:
    """Month of first order × months since: buyers, repeat rate and revenue, up to ``as_of``."""
    from app.analytics.cohorts import cohort_table as cohorts

    return cohorts(paid_lines(reader, as_of))


def month_figures(reader: Reader, as_of: date, months: list[str]) -> pd.DataFrame:
    """Buyers, new, repeat, at-risk and lost customers per month, counting persons (merged)."""
    from app.analytics.cohorts import month_figures as figures

    return figures(paid_lines(reader, as_of), months)


def private_domain_summary(ledger: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Private channels by tier, and private vs other buyers (see ``analytics.cohorts``)."""
    from app.analytics.cohorts import private_domain_summary as summary

    return summary(ledger)


# --- Customer lists for export -------------------------------------------------------------------

SEGMENT_LABELS = {
    "zh_CN": {
        "champions": "冠军客户",
        "loyal": "忠诚客户",
        "new": "新客户",
        "needs_attention": "需关注",
        "at_risk": "流失风险",
        "lost": "沉睡客户",
    },
    "en": {
        "champions": "Champions",
        "loyal": "Loyal",
        "new": "New",
        "needs_attention": "Needs attention",
        "at_risk": "At risk",
        "lost": "Lost",
    },
}
EXPORT_HEADERS = {
    "zh_CN": {
        "customer_id": "客户编号",
        "display_name": "客户",
        "masked_phone": "手机号",
        "region": "地区",
        "platforms": "平台",
        "tier": "等级",
        "segment": "RFM分群",
        "paid_orders": "付款订单数",
        "net_cents": "实付金额",
        "currency": "币种",
        "first_paid_at": "首单时间",
        "last_paid_at": "最近下单",
        "recency_days": "距上次下单天数",
        "private_channel": "私域渠道",
        "tags": "标签",
        "note": "备注",
    },
    "en": {
        "customer_id": "Customer",
        "display_name": "Name",
        "masked_phone": "Phone",
        "region": "Region",
        "platforms": "Platforms",
        "tier": "Tier",
        "segment": "RFM segment",
        "paid_orders": "Paid orders",
        "net_cents": "Net paid",
        "currency": "Currency",
        "first_paid_at": "First order",
        "last_paid_at": "Last order",
        "recency_days": "Days since last order",
        "private_channel": "Private channel",
        "tags": "Tags",
        "note": "Note",
    },
}


def customer_list(
    reader: Reader,
    as_of: date,
    *,
    tier: str | None = None,
    segment: str | None = None,
    ids: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Ledger rows of one tier, one RFM segment and/or chosen customers (all when none given).

    ``segment`` is an id (``at_risk``) or its Chinese or English name. ValueError names the
    tiers or segments there are when the one asked for is unknown.
    """
    from app.analytics.rfm import SEGMENTS

    ledger = load_ledger(reader, as_of)
    if tier is not None:
        from app.services.tiers import list_rules

        names = [r.name for r in list_rules(reader, include_inactive=True)]
        if tier not in names:
            raise ValueError(f"There is no tier {tier!r}; the tiers are: {', '.join(names)}.")
        ledger = ledger[ledger["tier"] == tier]
    if segment is not None:
        wanted = _segment_id(segment)
        if wanted is None:
            raise ValueError(
                f"There is no RFM segment {segment!r}; the segments are: {', '.join(SEGMENTS)}."
            )
        ledger = ledger[ledger["segment"] == wanted]
    if ids is not None:
        ledger = ledger[ledger["customer_id"].isin({int(i) for i in ids})]
    return ledger.reset_index(drop=True)


def _segment_id(text: str) -> str | None:
    from app.analytics.rfm import SEGMENTS

    key = text.strip()
    if key in SEGMENTS:
        return key
    for labels in SEGMENT_LABELS.values():
        for segment, label in labels.items():
            if key.casefold() == label.casefold():
                return segment
    return None


def export_customers(
    frame: pd.DataFrame, path: Path, *, language: str = "zh_CN", mask_names: bool = False
) -> int:
    """Write a customer list (ledger rows) to ``path`` (.xlsx or .csv); returns the rows written.

    Formula-safe and phones masked (``app.services.export``); names masked with
    ``mask_names``. ValueError for any other file type.
    """
    from app.services.export import export_frame, export_frame_csv

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"Export to a .xlsx or .csv file, not {path.name!r}.")
    labels = SEGMENT_LABELS.get(language, SEGMENT_LABELS["en"])
    headers = EXPORT_HEADERS.get(language, EXPORT_HEADERS["en"])
    out = frame.assign(segment=frame["segment"].map(lambda s: labels.get(s, s)))
    write = export_frame if suffix == ".xlsx" else export_frame_csv
    write(out, headers, path, mask_names=mask_names)
    return len(out)
