"""Where buyers came from: paid orders and GMV by traffic format, source, channel code, creator,
platform, path (direct / indirect) and video.

The video match rule: an order line is matched to a video only when the order export names the
video (``order_lines.video_id``). 抖店 and TikTok Shop order exports carry no video id today —
抖店 gives 流量体裁 (短视频 / 直播 / 商品卡 / 其他, or 数据将于第二天更新 until the next day),
流量来源 and 达人昵称, TikTok Shop only the Creator Handle — so imported lines match no video;
the demo shop (and exports with a video column) fill it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from app.analytics.conversion import (
    ChannelCodeRow,
    ConversionData,
    ConversionFilter,
    order_keys,
    period_ads,
)

MATCH_RULE = (
    "An order is matched to a video only when the order export names the video. 抖店 and "
    "TikTok Shop order exports do not name it today: 抖店 gives the traffic format (短视频, 直播, "
    "商品卡), the traffic source and the creator (达人昵称), TikTok Shop the Creator Handle."
)
ATTRIBUTION_BY = ("format", "source", "channel", "author", "platform", "path", "video")
PATHS = ("direct", "indirect", "other")
# 流量来源 words that mean a private-domain order (WeChat, WeCom, groups) when no code says so.
PRIVATE_DOMAIN_WORDS = ("微信", "企业微信", "企微", "社群", "私域", "群", "wechat", "wecom")
DIRECT_FORMATS = ("short_video", "live")
ATTRIBUTION_COLUMNS = (
    "key",
    "label",
    "currency",
    "orders",
    "order_count",
    "gmv_cents",
    "refund_cents",
    "net_cents",
    "share",
)


def attribution(data: ConversionData, flt: ConversionFilter, by: str) -> pd.DataFrame:
    """Paid orders (lines) and money of the period grouped ``by`` one of :data:`ATTRIBUTION_BY`.

    One row per group and currency: key, label ("" when the export gives none), currency,
    orders, order_count (distinct orders), gmv_cents, refund_cents, net_cents and share (of the
    selection's orders); most orders first. ``format`` keys are
    :data:`app.analytics.conversion.FORMAT_KEYS`; ``channel`` groups by the user's channel
    codes (label; "" for lines no code matches); ``path`` is :func:`path_of`; ``video`` keeps
    only lines credited to a video (key = video id, label = its title).
    """
    if by not in ATTRIBUTION_BY:
        raise ValueError(f"attribution is by one of {ATTRIBUTION_BY}, not {by!r}")
    paid = flt.paid_lines(data)
    total = len(paid)
    keys, labels = _keys(data, paid, by)
    frame = pd.DataFrame(
        {
            "key": keys,
            "label": labels,
            "currency": paid["currency"].to_numpy(),
            "order": order_keys(paid),
            "payable": paid["payable_cents"].to_numpy(),
            "refund": paid["refund_cents"].to_numpy(),
        }
    )
    if by == "video":
        frame = frame[frame["key"].notna()]
    if frame.empty:
        return pd.DataFrame({c: [] for c in ATTRIBUTION_COLUMNS})
    grouped = frame.groupby(["key", "currency"], sort=False, dropna=False)
    out = grouped.agg(
        label=("label", "first"),
        orders=("order", "size"),
        order_count=("order", "nunique"),
        gmv_cents=("payable", "sum"),
        refund_cents=("refund", "sum"),
    ).reset_index()
    out["net_cents"] = out["gmv_cents"] - out["refund_cents"]
    out["share"] = out["orders"] / total if total else np.nan
    out = out.sort_values(["orders", "gmv_cents", "currency"], ascending=[False, False, True])
    return out[list(ATTRIBUTION_COLUMNS)].reset_index(drop=True)


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column as an object array (iterating a pandas string array is 10x slower)."""
    return frame[name].to_numpy(dtype=object)


TEXT_KEYS = {"source": "traffic_source", "author": "author", "platform": "platform"}


def _keys(data: ConversionData, paid: pd.DataFrame, by: str) -> tuple[Any, Any]:
    if by == "format":
        return _column(paid, "format_key"), _column(paid, "traffic_format")
    if by in TEXT_KEYS:
        values = _column(paid, TEXT_KEYS[by])
        return values, values
    if by == "channel":
        labels = _per_distinct(
            _column(paid, "channel_code"),
            lambda code: getattr(matching_code(data.channel_codes, code), "label", ""),
        )
        return labels, labels
    if by == "path":
        paths = paths_of(paid, data.channel_codes)
        return paths, paths
    titles = data.videos.set_index("video_id")["title"]
    ids = paid["video_id"].astype("Int64")
    return ids.array, ids.map(titles).fillna("").to_numpy(dtype=object)


def _per_distinct(values: np.ndarray, compute: Any) -> np.ndarray:
    """``compute`` of each value, computed once per distinct value."""
    codes, uniques = pd.factorize(values)
    results = np.array([compute(u) for u in uniques] + [compute("")], dtype=object)
    return results[codes]


def matching_code(codes: Sequence[ChannelCodeRow], code: str) -> ChannelCodeRow | None:
    """The user's channel code an order's code matches: an exact code first, then the longest
    matching prefix; None when none matches."""
    if not code:
        return None
    exact = [c for c in codes if not c.prefix and c.matches(code)]
    if exact:
        return exact[0]
    prefixes = sorted(
        (c for c in codes if c.prefix and c.matches(code)), key=lambda c: -len(c.code)
    )
    return prefixes[0] if prefixes else None


def path_of(
    codes: Sequence[ChannelCodeRow],
    channel_code: str,
    format_key: str,
    video_id: object,
    traffic_source: str,
) -> str:
    """How a line's buyer came: a matched channel code's path; else ``direct`` for a short
    video or live order (or one credited to a video); else ``indirect`` for a private-domain
    source (WeChat, WeCom, groups); else ``other`` (product card, search, store …)."""
    code = matching_code(codes, channel_code)
    if code is not None:
        return code.path
    if format_key in DIRECT_FORMATS or (video_id is not None and not pd.isna(video_id)):
        return "direct"
    source = (traffic_source or "").casefold()
    if any(word in source for word in PRIVATE_DOMAIN_WORDS):
        return "indirect"
    return "other"


def paths_of(lines: pd.DataFrame, codes: Sequence[ChannelCodeRow]) -> list[str]:
    """:func:`path_of` of every line."""
    has_video = lines["video_id"].notna().to_numpy(dtype=bool)
    return [
        path_of(codes, code, fmt, 1 if video else None, source)
        for code, fmt, video, source in zip(
            _column(lines, "channel_code"),
            _column(lines, "format_key"),
            has_video,
            _column(lines, "traffic_source"),
            strict=True,
        )
    ]


@dataclass(frozen=True)
class MatchSummary:
    """How far the selection's paid lines could be matched (for the match-rule note).

    Attributes:
        lines: paid lines of the selection.
        with_video: lines credited to a video.
        short_video_without_video: 短视频 lines the export does not tie to a video.
        with_author: lines naming a creator.
        pending: lines whose format 抖店 fills in the next day.
        attributing_platforms: platforms whose order lines name videos.
        materials: 千川 materials (素材) with spend in the selection's period.
        materials_with_video: those matched to a video (app.importers.ad_videos' rule).
        material_spend_with_video: the share of their spend that went to matched materials
            (None without spend).
    """

    lines: int
    with_video: int
    short_video_without_video: int
    with_author: int
    pending: int
    attributing_platforms: tuple[str, ...]
    materials: int = 0
    materials_with_video: int = 0
    material_spend_with_video: float | None = None


def match_summary(data: ConversionData, flt: ConversionFilter) -> MatchSummary:
    """Counts behind the match rule for the filter's paid lines."""
    paid = flt.paid_lines(data)
    has_video = paid["video_id"].notna().to_numpy(dtype=bool)
    short = (paid["format_key"] == "short_video").to_numpy(dtype=bool)
    ads = period_ads(data, flt)
    ads = ads[(ads["channel"] == "qianchuan").to_numpy(dtype=bool)]
    matched = ads["video_id"].notna().to_numpy(dtype=bool)
    spend = float(ads["spend_cents"].sum())
    return MatchSummary(
        lines=len(paid),
        with_video=int(has_video.sum()),
        short_video_without_video=int((short & ~has_video).sum()),
        with_author=int((paid["author"] != "").sum()),
        pending=int((paid["format_key"] == "pending").sum()),
        attributing_platforms=tuple(sorted(data.attributing_platforms)),
        materials=int(ads["material_key"].nunique()),
        materials_with_video=int(ads.loc[matched, "material_key"].nunique()),
        material_spend_with_video=(
            float(ads.loc[matched, "spend_cents"].sum()) / spend if spend > 0 else None
        ),
    )
