"""Which videos and which spend made money: the content-to-cash ledger (per video and per pillar).

Formulas (DESIGN.md, issue #6), per currency, unknown = NaN:

- cost = Σ quantity × unit cost over the lines whose product has a cost price (in their currency);
- margin = (Σ payable − Σ cost) / Σ payable over those same lines;
- refund rate = refunds / GMV; net GMV = GMV − refunds;
- break-even ROAS = 1 / (margin × (1 − refund rate)) — infinite when that product is ≤ 0;
- profit = net GMV × margin − ad spend (− ad spend alone without sales);
- ROAS = ad GMV / ad spend and ROI = (ad GMV − ad spend) / ad spend, from the ad reports' own
  attributed GMV (千川 整体成交金额 …); the row is below break-even when ROAS < break-even ROAS.

The per-product view lives in :mod:`app.analytics.conversion_products`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.analytics.conversion import ConversionData, ConversionFilter

LEDGER_BY = ("video", "pillar")
MONEY = ("gmv_cents", "refund_cents", "net_cents", "ad_spend_cents", "ad_gmv_cents")
SUMMED = ("orders", *MONEY, "cost_cents", "costed_gmv_cents")
VIDEO_COLUMNS = (
    "video_id",
    "title",
    "platform",
    "pillar_id",
    "pillar",
    "published_at",
    "views",
    "completion_rate",
    "product_clicks",
    "orders",
    "currency",
    *MONEY,
    "cost_cents",
    "costed_gmv_cents",
    "margin",
    "refund_rate",
    "profit_cents",
    "roas",
    "roi",
    "break_even_roas",
    "below_break_even",
    "mixed_currency",
)


def line_costs(lines: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(cost, payable) of each line where its cost is known; NaN / 0 elsewhere."""
    cost = lines["quantity"].to_numpy(dtype=float) * lines["unit_cost_cents"].to_numpy(float)
    costed = np.where(np.isnan(cost), 0, lines["payable_cents"].to_numpy(dtype=float))
    return cost, costed


def add_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """Add margin, refund_rate, profit_cents, roas, roi, break_even_roas and below_break_even
    from the summed columns (see the module's formulas)."""
    costed = frame["costed_gmv_cents"].astype(float)
    gmv = frame["gmv_cents"].astype(float)
    spend = frame["ad_spend_cents"].astype(float)
    ad_gmv = frame["ad_gmv_cents"].astype(float)
    margin = ((costed - frame["cost_cents"].astype(float)) / costed).where(costed > 0)
    refund_rate = (frame["refund_cents"].astype(float) / gmv).where(gmv > 0)
    kept = margin * (1 - refund_rate)
    with np.errstate(divide="ignore"):
        break_even = pd.Series(np.where(kept > 0, 1 / kept, np.inf), index=frame.index)
    frame["margin"] = margin
    frame["refund_rate"] = refund_rate
    frame["break_even_roas"] = break_even.where(kept.notna())
    net = frame["net_cents"].astype(float)
    profit = net * margin - spend
    frame["profit_cents"] = profit.where(~((net == 0) & margin.isna()), -spend)
    has_spend = spend > 0
    frame["roas"] = (ad_gmv / spend).where(has_spend)
    frame["roi"] = ((ad_gmv - spend) / spend).where(has_spend)
    below = frame["roas"] < frame["break_even_roas"]
    known = frame["roas"].notna() & frame["break_even_roas"].notna()
    frame["below_break_even"] = pd.array(below, dtype="boolean")
    frame.loc[~known, "below_break_even"] = pd.NA
    return frame


def ledger(data: ConversionData, flt: ConversionFilter, by: str = "video") -> pd.DataFrame:
    """One row per video published in the period (or per pillar), with its lifetime credited
    sales and ad spend: :data:`VIDEO_COLUMNS` (by pillar: pillar_id, pillar, videos and the
    summed and derived columns). Orders and money are NaN on platforms whose order exports do
    not name videos, ad spend on platforms whose ad reports do not name videos. A video's money
    is in the currency most of its lines (else its ad days) use; ``mixed_currency`` flags a
    video that also sold in another currency (left out of its row, never added)."""
    if by not in LEDGER_BY:
        raise ValueError(f"a ledger is by one of {LEDGER_BY}, not {by!r}")
    videos = flt.select_videos(data.videos)
    rows = _video_rows(data, videos)
    if by == "video":
        return rows[list(VIDEO_COLUMNS)].reset_index(drop=True)
    return _by_pillar(rows)


def _video_rows(data: ConversionData, videos: pd.DataFrame) -> pd.DataFrame:
    ids = videos["video_id"].to_numpy()
    sales = _sales(data, ids)
    ads = _ad_sums(data, ids)
    money = sales.join(ads, how="outer").fillna(0)
    ranked = money.reset_index().sort_values(
        ["video_id", "orders", "ad_spend_cents", "currency"], ascending=[True, False, False, True]
    )
    chosen = ranked.drop_duplicates("video_id").set_index("video_id")
    currencies = money.reset_index().groupby("video_id")["currency"].nunique()
    frame = videos[["video_id", "title", "platform", "pillar_id", "pillar", "published_at"]].copy()
    for column in ("views", "completion_rate", "product_clicks"):
        frame[column] = videos[column].astype(float)
    video = frame["video_id"]
    frame["currency"] = _currencies(data, videos, video.map(chosen["currency"]))
    credited = frame["platform"].isin(list(data.attributing_platforms)).to_numpy()
    # Spend per video is known where the platform's ad rows name videos (千川 素材 rows do once
    # their 素材名称 matched a video's title, app.importers.ad_videos; else it is unknown, not 0).
    naming = data.ads.loc[data.ads["video_id"].notna().to_numpy(dtype=bool), "platform"]
    advertised = frame["platform"].isin(list(set(naming))).to_numpy()
    for column in SUMMED:
        values = video.map(chosen[column]).astype(float).fillna(0.0)
        known = advertised if column.startswith("ad_") else credited
        frame[column] = values.where(known, np.nan)
    frame["cost_cents"] = frame["cost_cents"].where(frame["costed_gmv_cents"] > 0)
    frame["mixed_currency"] = (video.map(currencies).fillna(0) > 1).to_numpy()
    return add_ratios(frame)


def _currencies(data: ConversionData, videos: pd.DataFrame, chosen: pd.Series) -> pd.Series:
    """Each row's currency: its sales' (or ad days'), else the video's account currency, else
    the one its platform's order lines mostly use, else the platform's account currency (or
    its usual one), so a known 0 reads ¥0.00, not a bare 0, and every row has one."""
    usual = data.lines.groupby("platform")["currency"].agg(lambda s: s.value_counts().idxmax())
    fallback = videos["gmv_currency"].astype(object).where(videos["gmv_currency"].notna())
    by_platform = videos["platform"].map(usual)
    home = videos["platform"].map(lambda p: data.home_currency(str(p)))
    out = chosen.astype(object).to_numpy()
    for candidates in (
        fallback.to_numpy(),
        by_platform.to_numpy(dtype=object),
        home.to_numpy(dtype=object),
    ):
        missing = pd.isna(out)
        out = np.where(missing, candidates, out)
    return pd.Series(out, index=videos.index, dtype=object).where(~pd.isna(out), None)


def _sales(data: ConversionData, ids: np.ndarray) -> pd.DataFrame:
    lines = data.lines
    lines = lines[lines["paid"].to_numpy() & lines["video_id"].isin(ids).to_numpy(na_value=False)]
    cost, costed = line_costs(lines)
    frame = pd.DataFrame(
        {
            "video_id": lines["video_id"].astype("int64").to_numpy(),
            "currency": lines["currency"].to_numpy(),
            "orders": 1,
            "gmv_cents": lines["payable_cents"].to_numpy(),
            "refund_cents": lines["refund_cents"].to_numpy(),
            "cost_cents": cost,
            "costed_gmv_cents": costed,
        }
    )
    sums = frame.groupby(["video_id", "currency"]).sum(min_count=1)
    sums["net_cents"] = sums["gmv_cents"] - sums["refund_cents"]
    return sums


def _ad_sums(data: ConversionData, ids: np.ndarray) -> pd.DataFrame:
    ads = data.ads[data.ads["video_id"].isin(ids).to_numpy(na_value=False)]
    frame = pd.DataFrame(
        {
            "video_id": ads["video_id"].astype("int64").to_numpy(),
            "currency": ads["currency"].to_numpy(),
            "ad_spend_cents": ads["spend_cents"].to_numpy(),
            "ad_gmv_cents": ads["gmv_cents"].to_numpy(),
        }
    )
    return frame.groupby(["video_id", "currency"]).sum()


def _by_pillar(rows: pd.DataFrame) -> pd.DataFrame:
    columns = ["pillar_id", "pillar", "videos", "views", "completion_rate", "product_clicks"]
    columns += ["orders", "currency", *MONEY, "cost_cents", "costed_gmv_cents"]
    if rows.empty:
        return add_ratios(pd.DataFrame({c: [] for c in columns}, dtype=float))
    pillar_key = rows["pillar_id"].astype("Float64").fillna(-1)
    rows = rows.assign(
        pillar_key=pillar_key,
        currency_key=rows["currency"]
        .fillna(pillar_key.map(_usual_currency(rows, pillar_key)))
        .fillna(""),
        watched=rows["completion_rate"] * rows["views"],
        rated_views=rows["views"].where(rows["completion_rate"].notna()),
    )
    grouped = rows.groupby(["pillar_key", "currency_key"], sort=True)
    out = grouped.agg(
        pillar_id=("pillar_id", "first"),
        pillar=("pillar", "first"),
        videos=("video_id", "size"),
        watched=("watched", lambda s: s.sum(min_count=1)),
        rated_views=("rated_views", lambda s: s.sum(min_count=1)),
        **{c: (c, lambda s: s.sum(min_count=1)) for c in ("views", "product_clicks", *SUMMED)},
    ).reset_index()
    out["completion_rate"] = (out["watched"] / out["rated_views"]).where(out["rated_views"] > 0)
    out["currency"] = out["currency_key"].replace("", None)
    out["cost_cents"] = out["cost_cents"].where(out["costed_gmv_cents"] > 0)
    out = add_ratios(out)
    return out[
        [*columns, "margin", "refund_rate", "profit_cents", "roas", "roi"]
        + ["break_even_roas", "below_break_even"]
    ]


def _usual_currency(rows: pd.DataFrame, pillar_key: pd.Series) -> pd.Series:
    """Per pillar: the currency most of its videos sell in ("" when none sells); videos whose
    sales are unknown join that row (their views count, their money stays unknown)."""
    known = rows.assign(pillar_key=pillar_key)[rows["currency"].notna()]
    if known.empty:
        return pd.Series(dtype=object)
    counts = known.groupby(["pillar_key", "currency"]).size().reset_index(name="n")
    counts = counts.sort_values(["pillar_key", "n", "currency"], ascending=[True, False, True])
    return counts.drop_duplicates("pillar_key").set_index("pillar_key")["currency"]
