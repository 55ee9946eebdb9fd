"""Paid promotion: 千川 / DOU+ / TikTok promote spend of the period per material, video, day,
channel or platform, with the ad reports' own attributed GMV, ROAS and ROI.

ROAS = ad GMV / spend, ROI = (ad GMV − spend) / spend (NaN without spend), per currency. The
千川 推商品 / 推抖音号 reports repeat the 素材 spend from another angle: they are left out of every
grouping except ``channel`` (where each report is its own row), so totals never count a yuan
twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.analytics.conversion import (
    OVERLAPPING_AD_CHANNELS,
    ConversionData,
    ConversionFilter,
    in_period,
)

ADS_BY = ("material", "video", "day", "channel", "platform")
AD_COLUMNS = (
    "key",
    "label",
    "platform",
    "channel",
    "currency",
    "days",
    "spend_cents",
    "ad_gmv_cents",
    "orders",
    "roas",
    "roi",
    "share",
)
GROUP_COLUMN = {
    "material": "material_key",
    "video": "video_id",
    "day": "day",
    "channel": "channel",
    "platform": "platform",
}


def ad_report(data: ConversionData, flt: ConversionFilter, by: str = "material") -> pd.DataFrame:
    """The period's ad spend grouped ``by`` one of :data:`ADS_BY`, one row per group and
    currency (:data:`AD_COLUMNS`), most spend first. ``label`` is the video's title (by video
    or material, when the row names a video), ``share`` the row's part of its currency's spend,
    ``orders`` the reports' order counts (NaN when no row of the group gives one). With a
    content group chosen, only the spend on its videos counts."""
    if by not in ADS_BY:
        raise ValueError(f"ad spend is grouped by one of {ADS_BY}, not {by!r}")
    ads = _period_rows(data, flt, by)
    if by == "video":
        ads = ads[ads["video_id"].notna().to_numpy(dtype=bool)]
    if ads.empty:
        return pd.DataFrame({c: [] for c in AD_COLUMNS})
    column = GROUP_COLUMN[by]
    # A material id is the channel's own: the same id on 千川 and DOU+ is two materials.
    keys = [column, "channel", "currency"] if by == "material" else [column, "currency"]
    grouped = ads.groupby(keys, sort=False, dropna=False)
    out = grouped.agg(
        **({} if by == "platform" else {"platform": ("platform", "first")}),
        **({} if "channel" in keys else {"channel": ("channel", "first")}),
        days=("day", "nunique"),
        spend_cents=("spend_cents", "sum"),
        ad_gmv_cents=("gmv_cents", "sum"),
        orders=("orders", lambda s: s.sum(min_count=1)),
        **({} if by == "video" else {"video_id": ("video_id", "first")}),
    ).reset_index()
    if by in ("channel", "platform"):
        out["key"] = out[column]
    else:
        out = out.rename(columns={column: "key"})
    if by == "video":
        out["video_id"] = out["key"] = out["key"].astype("Int64")
    titles = data.videos.set_index("video_id")["title"]
    out["label"] = out["video_id"].astype("Int64").map(titles).fillna("").astype(object)
    if by == "day":
        out["label"] = out["key"].dt.strftime("%Y-%m-%d")
    spend = out["spend_cents"].astype(float)
    gmv = out["ad_gmv_cents"].astype(float)
    out["roas"] = (gmv / spend).where(spend > 0)
    out["roi"] = ((gmv - spend) / spend).where(spend > 0)
    totals = out.groupby("currency")["spend_cents"].transform("sum").astype(float)
    out["share"] = (spend / totals).where(totals > 0)
    ordered = ["currency", "spend_cents"]
    out = out.sort_values(ordered, ascending=[True, False], kind="stable")
    return out[list(AD_COLUMNS)].reset_index(drop=True)


def _period_rows(data: ConversionData, flt: ConversionFilter, by: str) -> pd.DataFrame:
    ads = data.ads
    mask = in_period(ads["day"], flt.period)
    if by != "channel":
        mask &= ~ads["channel"].isin(OVERLAPPING_AD_CHANNELS).to_numpy(dtype=bool)
    if flt.platforms:
        mask &= ads["platform"].isin(flt.platforms).to_numpy(dtype=bool)
    if flt.narrows_content:
        group = flt.group_video_ids(data.videos)
        mask &= ads["video_id"].isin(group).to_numpy(dtype=bool, na_value=False)
    return ads[mask]


def daily_spend(data: ConversionData, flt: ConversionFilter, currency: str = "CNY") -> pd.DataFrame:
    """Every day of the period: spend_cents, ad_gmv_cents and roas in ``currency`` (0 spend and
    NaN ROAS on days without ads), for a spend-over-time chart."""
    rows = ad_report(data, flt, by="day")
    rows = rows[rows["currency"] == currency].set_index("key")
    days = flt.period.day_index()
    spend = rows["spend_cents"].reindex(days, fill_value=0).astype(np.int64)
    gmv = rows["ad_gmv_cents"].reindex(days, fill_value=0).astype(np.int64)
    roas = (gmv / spend.astype(float)).where(spend > 0)
    return pd.DataFrame(
        {"day": days, "spend_cents": spend.to_numpy(), "ad_gmv_cents": gmv.to_numpy(), "roas": roas}
    ).reset_index(drop=True)
