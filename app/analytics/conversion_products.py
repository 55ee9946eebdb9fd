"""What sold: per product (and SKU) units, orders, GMV, refunds, cost, margin, ad spend and the
videos that sold it, over the period's paid lines; the best and worst sellers.

Cost and margin follow :mod:`app.analytics.conversion_ledger` (lines with a known cost price
only). Ad spend per product comes from the 千川 推商品 report (channel ``qianchuan_product``,
material = 商品ID); without such a report it is unknown (NaN), and per SKU it is never known.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.analytics.conversion import ConversionData, ConversionFilter, in_period, order_keys
from app.analytics.conversion_ledger import line_costs

PRODUCTS_BY = ("product", "sku")
PRODUCT_AD_CHANNEL = "qianchuan_product"
PRODUCT_COLUMNS = (
    "platform",
    "product_platform",
    "product_id",
    "product_key",
    "product_name",
    "sku",
    "currency",
    "units",
    "orders",
    "order_count",
    "gmv_cents",
    "refund_cents",
    "net_cents",
    "refund_rate",
    "cost_cents",
    "margin",
    "ad_spend_cents",
    "videos",
    "video_ids",
)


def products(data: ConversionData, flt: ConversionFilter, by: str = "product") -> pd.DataFrame:
    """One row per product (or product and SKU) and currency sold in the period:
    :data:`PRODUCT_COLUMNS` (``sku`` is "" per product), most GMV first. ``platform`` is where
    it sold; ``product_platform`` the platform that lists the product (its cost is kept under
    that one: a store line can sell a 抖店 product)."""
    if by not in PRODUCTS_BY:
        raise ValueError(f"products are listed by one of {PRODUCTS_BY}, not {by!r}")
    paid = flt.paid_lines(data)
    if paid.empty:
        return pd.DataFrame({c: [] for c in PRODUCT_COLUMNS})
    cost, costed = line_costs(paid)
    name = paid["product_key"].where(paid["product_key"] != "", paid["product_name"])
    frame = pd.DataFrame(
        {
            "platform": paid["platform"].to_numpy(),
            "product": name.to_numpy(),
            "sku": paid["sku"].to_numpy() if by == "sku" else "",
            "currency": paid["currency"].to_numpy(),
            "product_id": paid["product_id"].to_numpy(),
            "product_platform": paid["product_platform"]
            .where(paid["product_platform"] != "", paid["platform"])
            .to_numpy(),
            "product_key": paid["product_key"].to_numpy(),
            "product_name": paid["product_name"].to_numpy(),
            "quantity": paid["quantity"].to_numpy(),
            "order": order_keys(paid),
            "payable": paid["payable_cents"].to_numpy(),
            "refund": paid["refund_cents"].to_numpy(),
            "cost": cost,
            "costed": costed,
            "video_id": paid["video_id"].to_numpy(),
        }
    )
    keys = ["platform", "product", "sku", "currency"]
    out = (
        frame.groupby(keys, sort=False)
        .agg(
            product_id=("product_id", "first"),
            product_platform=("product_platform", "first"),
            product_key=("product_key", "first"),
            product_name=("product_name", "first"),
            units=("quantity", "sum"),
            orders=("order", "size"),
            order_count=("order", "nunique"),
            gmv_cents=("payable", "sum"),
            refund_cents=("refund", "sum"),
            cost_cents=("cost", lambda s: s.sum(min_count=1)),
            costed=("costed", "sum"),
        )
        .reset_index()
    )
    out["net_cents"] = out["gmv_cents"] - out["refund_cents"]
    gmv = out["gmv_cents"].astype(float)
    out["refund_rate"] = (out["refund_cents"] / gmv).where(gmv > 0)
    costed_gmv = out.pop("costed").astype(float)
    out["margin"] = ((costed_gmv - out["cost_cents"]) / costed_gmv).where(costed_gmv > 0)
    out["video_ids"] = _video_ids(frame, keys, out)
    out["videos"] = out["video_ids"].map(len)
    out["ad_spend_cents"] = _product_spend(data, flt, out) if by == "product" else np.nan
    out["product_id"] = out["product_id"].astype("Int64")
    out = out.sort_values(["gmv_cents", "units", "product"], ascending=[False, False, True])
    return out[list(PRODUCT_COLUMNS)].reset_index(drop=True)


def _video_ids(frame: pd.DataFrame, keys: list[str], out: pd.DataFrame) -> pd.Series:
    """Per row of ``out``: the sorted ids of the videos credited with its lines."""
    credited = frame.dropna(subset=["video_id"]).drop_duplicates([*keys, "video_id"])
    ids = credited.groupby(keys, sort=False)["video_id"].agg(lambda s: tuple(sorted(map(int, s))))
    found = ids.reindex(pd.MultiIndex.from_frame(out[keys]))
    return pd.Series([v if isinstance(v, tuple) else () for v in found], index=out.index)


def _product_spend(data: ConversionData, flt: ConversionFilter, out: pd.DataFrame) -> pd.Series:
    """The period's 推商品 spend of each row's product in its currency (NaN on a platform
    without such reports)."""
    ads = data.ads[data.ads["channel"] == PRODUCT_AD_CHANNEL]
    if ads.empty:
        return pd.Series(np.nan, index=out.index)
    reporting = out["platform"].isin(list(set(ads["platform"])))
    ads = ads[in_period(ads["day"], flt.period)]
    spend = ads.groupby(["platform", "material_key", "currency"])["spend_cents"].sum()
    index = pd.MultiIndex.from_frame(out[["platform", "product_key", "currency"]])
    found = pd.Series(spend.reindex(index).fillna(0).to_numpy(dtype=float), index=out.index)
    return found.where(reporting, np.nan)


def best_and_worst(
    frame: pd.DataFrame, n: int = 5, by: str = "gmv_cents", currency: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` best and ``n`` worst sellers of a :func:`products` frame by ``by``.

    Money columns rank within one currency: ``currency`` (default: the one with the most GMV
    rows). The worst are the weakest among products that sold in the period (a product with
    no sale is not listed by :func:`products`).
    """
    if by.endswith("_cents") and not frame.empty:
        currency = currency or str(frame["currency"].value_counts().idxmax())
        frame = frame[frame["currency"] == currency]
    ranked = frame.sort_values([by, "units"], ascending=[False, False], kind="stable")
    best = ranked.head(n)
    worst = ranked.iloc[::-1].head(n)
    return best.reset_index(drop=True), worst.reset_index(drop=True)
