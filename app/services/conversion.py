"""The Conversion tab's reads: order lines, videos, ad days and channel codes, loaded once.

Reads go through the :class:`~app.db.Reader` protocol with portable SQL; the analytics in
:mod:`app.analytics.conversion` (and ``conversion_*``) filter and aggregate in memory. pandas
loads with this module: import it lazily (never on the start-up path).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from app.analytics.conversion import ChannelCodeRow, ConversionData, format_key
from app.db import Reader

LINES_SQL = """
SELECT o.id AS line_id, o.platform, o.order_no, o.product_id, p.platform AS product_platform,
       p.product_key, o.product_name,
       o.sku, o.quantity, o.payable_cents, o.refund_cents, o.currency, o.created_at, o.paid_at,
       o.refunded_at, o.cancelled, o.traffic_source, o.traffic_format, o.video_id, o.author,
       o.channel_code, o.customer_id
FROM order_lines o LEFT JOIN products p ON p.id = o.product_id
ORDER BY o.id
"""
ADS_SQL = """
SELECT platform, channel, day, material_key, video_id, spend_cents, gmv_cents, orders, currency
FROM ad_spend ORDER BY day, id
"""
COSTS_SQL = "SELECT platform, product_key, sku, cost_cents, currency FROM product_costs"
# One currency per platform: its first account's (a shop has one account per platform).
ACCOUNT_CURRENCIES_SQL = "SELECT platform, currency FROM accounts ORDER BY id DESC"
CODES_SQL = "SELECT id, code, label, path, prefix FROM channel_codes ORDER BY code"
LINE_TEXT = (
    "platform",
    "product_platform",
    "order_no",
    "product_key",
    "product_name",
    "sku",
    "currency",
    "traffic_source",
    "traffic_format",
    "author",
    "channel_code",
)
LINE_IDS = ("product_id", "video_id", "customer_id")
LINE_DATES = ("created_at", "paid_at", "refunded_at")
LINE_INTS = ("line_id", "quantity", "payable_cents", "refund_cents")


def load_conversion(reader: Reader) -> ConversionData:
    """Every order line, video, ad day and channel code the conversion analytics need.

    ``lines`` gains ``paid`` (paid time set, not cancelled), ``refunded`` (paid, with a refund),
    ``format_key`` (see :func:`_format_keys`) and ``unit_cost_cents`` (the user's cost price of
    the line's product and SKU in the line's currency; NaN when none was entered).
    """
    from app.services.traffic import load_videos

    lines = _lines(reader)
    videos = load_videos(reader)
    ads = _ads(reader)
    codes = tuple(
        ChannelCodeRow(int(i), str(c), str(label), str(path), bool(prefix))
        for i, c, label, path, prefix in reader.query(CODES_SQL)[1]
    )
    attributing = frozenset(lines.loc[lines["video_id"].notna(), "platform"].unique())
    currencies = {
        str(platform): str(currency)
        for platform, currency in reader.query(ACCOUNT_CURRENCIES_SQL)[1]
        if currency
    }
    return ConversionData(
        lines, videos, ads, codes, frozenset(str(p) for p in attributing), currencies
    )


def _lines(reader: Reader) -> pd.DataFrame:
    names, rows = reader.query(LINES_SQL)
    columns = dict(zip(names, zip(*rows, strict=True), strict=True)) if rows else {}
    data: dict[str, Any] = {}
    for name in names:
        values = columns.get(name, ())
        if name in LINE_TEXT:
            # Plain object arrays: 10x faster to build (and to iterate) than pandas strings.
            data[name] = np.array(["" if v is None else v for v in values], dtype=object)
        elif name in LINE_IDS:
            data[name] = pd.array(values, dtype="Int64")
        elif name in LINE_DATES:
            data[name] = _datetimes(values)
        elif name == "cancelled":
            data[name] = np.array([bool(v) for v in values], dtype=bool)
        else:
            data[name] = np.array([v or 0 for v in values], dtype=np.int64)
    lines = pd.DataFrame(data, columns=names)
    lines["paid"] = lines["paid_at"].notna().to_numpy() & ~lines["cancelled"].to_numpy()
    lines["refunded"] = lines["paid"] & (lines["refund_cents"] > 0)
    lines["format_key"] = _format_keys(lines)
    lines["unit_cost_cents"] = unit_costs(lines, _costs(reader))
    return lines


def _format_keys(lines: pd.DataFrame) -> np.ndarray:
    """The format key of each line (as :func:`~app.analytics.conversion.format_key`); an empty
    format is "pending" on a platform whose other lines carry one: the import keeps 抖店's
    placeholder 数据将于第二天更新 as an empty cell, and the export gives every line a format."""
    codes, texts = pd.factorize(lines["traffic_format"])  # a handful of distinct texts
    keyed = np.array([format_key(text) for text in texts] + ["unknown"], dtype=object)
    keys = keyed[codes]  # code -1 (none) picks the last: "unknown"
    has_format = keys != "unknown"
    with_format = list(set(lines["platform"].to_numpy()[has_format]))
    pending = ~has_format & lines["platform"].isin(with_format).to_numpy(dtype=bool)
    return np.where(pending, "pending", keys)


def _datetimes(values: Sequence[Any]) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values), format="ISO8601")).astype("datetime64[us]")


def _costs(reader: Reader) -> pd.DataFrame:
    names, rows = reader.query(COSTS_SQL)
    frame = pd.DataFrame(rows, columns=names)
    frame["sku"] = frame["sku"].fillna("")
    return frame


def unit_costs(lines: pd.DataFrame, costs: pd.DataFrame) -> np.ndarray:
    """Each line's unit cost (cents, float): the cost of its product (by the product's platform
    and key) and SKU, else of its product with an empty SKU, in the line's currency; NaN when
    none applies."""
    out = np.full(len(lines), np.nan)
    if costs.empty or lines.empty:
        return out

    # A Tmall/JD/store line may sell a 抖店 product: the cost belongs to the product's platform.
    def column(frame: pd.DataFrame, name: str) -> np.ndarray:
        return frame[name].to_numpy(dtype=object)  # iterating a pandas string array is slow

    names = ("platform", "product_key", "sku", "currency")
    costed = zip(*(column(costs, n) for n in names), strict=True)
    exact = dict(zip(costed, costs["cost_cents"].to_numpy(), strict=True))
    line_names = ("product_platform", "product_key", "sku", "currency")
    keys = zip(*(column(lines, n) for n in line_names), strict=True)
    for index, (platform, product, sku, currency) in enumerate(keys):
        if product:
            cost = exact.get((platform, product, sku, currency))
            if cost is None:
                cost = exact.get((platform, product, "", currency))
            if cost is not None:
                out[index] = cost
    return out


def _ads(reader: Reader) -> pd.DataFrame:
    names, rows = reader.query(ADS_SQL)
    frame = pd.DataFrame(rows, columns=names)
    frame["day"] = _datetimes(list(frame["day"]))
    frame["video_id"] = pd.array(list(frame["video_id"]), dtype="Int64")
    for column in ("spend_cents", "gmv_cents"):
        frame[column] = frame[column].fillna(0).astype(np.int64)
    frame["orders"] = frame["orders"].astype(float)
    for column in ("platform", "channel", "material_key", "currency"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame


@dataclass(frozen=True)
class ConversionChoices:
    """What the filter bar can offer before the data loads.

    Attributes:
        platforms: platforms and sales channels with order lines or videos.
        pillars: (id, name, colour) of the content pillars.
        first_day, last_day: the first and last paid day of an order line (None without).
        months: ``YYYY-MM`` of the months with paid lines, newest first.
        has_data: order lines or ad spend exist.
    """

    platforms: tuple[str, ...]
    pillars: tuple[tuple[int, str, str], ...]
    first_day: date | None
    last_day: date | None
    months: tuple[str, ...] = ()
    has_data: bool = False


def conversion_choices(reader: Reader) -> ConversionChoices:
    """The platforms, pillars and paid days the filter bar can offer (cheap queries)."""
    from app.services.tables import as_date
    from app.services.traffic import platform_order

    platforms = {
        r[0]
        for r in reader.query("SELECT platform FROM order_lines UNION SELECT platform FROM videos")[
            1
        ]
    }
    pillars = reader.query("SELECT id, name, color FROM content_pillars ORDER BY name, id")[1]
    first, last = reader.query(
        "SELECT MIN(paid_at), MAX(paid_at) FROM order_lines WHERE paid_at IS NOT NULL"
    )[1][0]
    months = {
        str(m)[:7]
        for (m,) in reader.query(
            "SELECT DISTINCT substr(CAST(paid_at AS TEXT), 1, 7) FROM order_lines "
            "WHERE paid_at IS NOT NULL"
        )[1]
        if m
    }
    ads = reader.query("SELECT COUNT(*) FROM ad_spend")[1][0][0]
    lines = reader.query("SELECT COUNT(*) FROM order_lines")[1][0][0]
    return ConversionChoices(
        platforms=tuple(sorted(platforms, key=platform_order)),
        pillars=tuple((int(i), str(n), str(c or "")) for i, n, c in pillars),
        first_day=as_date(first),
        last_day=as_date(last),
        months=tuple(sorted(months, reverse=True)),
        has_data=bool(ads or lines),
    )
