"""Conversion analytics: what the Conversion tab looks at (the filter) and the funnel.

Pure pandas over :class:`ConversionData` (loaded once by :mod:`app.services.conversion`).
Definitions follow DESIGN.md and truth.json's conventions, so the period figures equal
``shopreel stats``: an "order" is a paid order line (抖店 子订单, TikTok Order ID + SKU ID) — paid
time set, not cancelled — in the period by its paid day; GMV sums the lines' payable amounts per
currency (never across currencies); refunds are the refunded amounts of those lines; net GMV is
GMV − refunds. A step no export provides (product clicks today) is unknown (None), never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta

import numpy as np
import pandas as pd

from app.analytics.periods import NO_LABEL, Period

# 流量体裁 values of 抖店 order exports, as keys; "unknown": the line's export gives no format.
FORMAT_KEYS = ("short_video", "live", "product_card", "other", "pending", "unknown")
FORMAT_OF_TEXT = {
    "短视频": "short_video",
    "直播": "live",
    "商品卡": "product_card",
    "其他": "other",
    "数据将于第二天更新": "pending",  # 抖店 fills the format in the next day
}
FUNNEL_STEPS = ("views", "product_clicks", "orders_created", "orders_paid", "net_gmv")
# The export kinds that give a funnel step (empty: no export provides it today).
STEP_SOURCES = {
    "views": (
        "douyin_video_list",
        "kuaishou_video_list",
        "channels_video_detail",
        "xhs_note_list",
        "tiktok_studio_content",
    ),
    "product_clicks": (),
    "orders_created": ("douyin_shop_orders", "tiktok_shop_orders"),
    "orders_paid": ("douyin_shop_orders", "tiktok_shop_orders"),
    "net_gmv": ("douyin_shop_orders", "tiktok_shop_orders"),
}
# Reports that show the same spend again from another angle (千川 推商品 / 推抖音号): never added
# to the 素材/video rows when totalling spend.
OVERLAPPING_AD_CHANNELS = ("qianchuan_product", "qianchuan_account")
PLATFORM_CURRENCY = {"tiktok": "USD"}  # the others sell in CNY unless their account says


@dataclass(frozen=True)
class ChannelCodeRow:
    """A channel or coupon code the user defined (see :class:`app.models.ChannelCode`)."""

    id: int | None
    code: str
    label: str
    path: str = "indirect"
    prefix: bool = False

    def matches(self, code: str) -> bool:
        """True when an order's channel code is this one (or starts with it, for a prefix)."""
        if not code:
            return False
        return code.startswith(self.code) if self.prefix else code == self.code


@dataclass(frozen=True)
class ConversionData:
    """Everything the conversion analytics read (see :func:`app.services.conversion.load`).

    Attributes:
        lines: one row per order line (LINE_COLUMNS).
        videos: one row per video with its newest snapshot (the Traffic tab's frame).
        ads: one row per ad_spend row (AD_COLUMNS).
        channel_codes: the user's channel codes.
        attributing_platforms: platforms whose order lines name a video.
        account_currencies: platform → the currency of the shop's account there (Settings).
    """

    lines: pd.DataFrame
    videos: pd.DataFrame
    ads: pd.DataFrame
    channel_codes: tuple[ChannelCodeRow, ...] = ()
    attributing_platforms: frozenset[str] = field(default_factory=frozenset)
    account_currencies: Mapping[str, str] = field(default_factory=dict)

    def home_currency(self, platform: str) -> str:
        """The currency a platform's amounts are in when nothing else says: its account's,
        else the platform's usual one (TikTok Shop USD, the Chinese platforms CNY)."""
        return self.account_currencies.get(platform) or PLATFORM_CURRENCY.get(platform, "CNY")

    def platforms(self) -> tuple[str, ...]:
        """Platforms (and sales channels) with order lines or videos, sorted."""
        found = set(self.lines["platform"].unique()) | set(self.videos["platform"].unique())
        return tuple(sorted(str(p) for p in found))

    def authors(self) -> tuple[str, ...]:
        """Creators (达人) named on order lines, sorted."""
        return tuple(sorted(str(a) for a in self.lines["author"].unique() if a))


def format_key(text: str | None) -> str:
    """The :data:`FORMAT_KEYS` key of a 流量体裁 text ("other" for an unlisted one)."""
    if not text:
        return "unknown"
    return FORMAT_OF_TEXT.get(str(text).strip(), "other")


@dataclass(frozen=True)
class ConversionFilter:
    """What the Conversion tab looks at. Empty tuples mean "all".

    Attributes:
        period: orders by paid day (created day for "orders created"); videos by publish day.
        platforms: platforms or sales channels.
        pillar_ids: content pillars (:data:`NO_LABEL` = videos without one); with
            ``video_ids`` this is the content group: only order lines credited to its videos.
        video_ids: videos of the content group.
        authors: creators (达人昵称 / Creator Handle) of the order lines.
    """

    period: Period
    platforms: tuple[str, ...] = ()
    pillar_ids: tuple[int, ...] = ()
    video_ids: tuple[int, ...] = ()
    authors: tuple[str, ...] = ()

    @property
    def narrows_content(self) -> bool:
        """True when a content group is chosen (only orders credited to its videos count)."""
        return bool(self.pillar_ids or self.video_ids)

    def previous(self) -> ConversionFilter:
        """The same filter over the previous period of the same length."""
        return replace(self, period=self.period.previous())

    def group_video_ids(self, videos: pd.DataFrame) -> np.ndarray:
        """Ids of every video (any publish day) in the content group."""
        mask = np.zeros(len(videos), dtype=bool)
        if self.video_ids:
            mask |= videos["video_id"].isin(self.video_ids).to_numpy(dtype=bool)
        if self.pillar_ids:
            pillars = videos["pillar_id"].to_numpy(dtype=float, na_value=np.nan)
            mask |= np.isin(pillars, [p for p in self.pillar_ids if p != NO_LABEL])
            if NO_LABEL in self.pillar_ids:
                mask |= np.isnan(pillars)
        return videos["video_id"].to_numpy()[mask]

    def select_videos(self, videos: pd.DataFrame) -> pd.DataFrame:
        """Videos published in the period that pass the platform and content filters."""
        mask = in_period(videos["published_at"], self.period)
        if self.platforms:
            mask &= videos["platform"].isin(self.platforms).to_numpy(dtype=bool)
        if self.narrows_content:
            mask &= videos["video_id"].isin(self.group_video_ids(videos)).to_numpy(dtype=bool)
        return videos[mask]

    def line_mask(self, data: ConversionData) -> np.ndarray:
        """Lines that pass the platform, author and content filters (any day)."""
        lines = data.lines
        mask = np.ones(len(lines), dtype=bool)
        if self.platforms:
            mask &= lines["platform"].isin(self.platforms).to_numpy(dtype=bool)
        if self.authors:
            mask &= lines["author"].isin(self.authors).to_numpy(dtype=bool)
        if self.narrows_content:
            group = self.group_video_ids(data.videos)
            mask &= lines["video_id"].isin(group).to_numpy(dtype=bool, na_value=False)
        return mask

    def paid_lines(self, data: ConversionData) -> pd.DataFrame:
        """Paid lines whose paid day is in the period and that pass the filters."""
        lines = data.lines
        mask = self.line_mask(data) & lines["paid"].to_numpy(dtype=bool)
        return lines[mask & in_period(lines["paid_at"], self.period)]

    def created_lines(self, data: ConversionData) -> pd.DataFrame:
        """Lines (paid or not) created in the period that pass the filters."""
        lines = data.lines
        return lines[self.line_mask(data) & in_period(lines["created_at"], self.period)]


def in_period(moments: pd.Series, period: Period) -> np.ndarray:
    """Rows whose datetime64 falls on a day of the period; NaT never does."""
    start = pd.Timestamp(period.start)
    after = pd.Timestamp(period.end + timedelta(days=1))
    return np.array((moments >= start) & (moments < after), dtype=bool)  # writable


def order_keys(lines: pd.DataFrame) -> np.ndarray:
    """One integer per distinct (platform, order number) of the lines, for counting orders."""
    platforms, _ = pd.factorize(lines["platform"])
    orders, uniques = pd.factorize(lines["order_no"])
    return platforms.astype(np.int64) * (len(uniques) + 1) + orders


def money_by_currency(lines: pd.DataFrame, column: str) -> dict[str, int]:
    """Σ ``column`` (cents) per currency, sorted by currency."""
    sums = lines.groupby("currency", sort=True)[column].sum()
    return {str(c): int(v) for c, v in sums.items()}


def main_currency(lines: pd.DataFrame, fallback: str = "CNY") -> str:
    """The currency with the most lines (CNY first on a tie); ``fallback`` without lines."""
    if lines.empty:
        return fallback
    counts = lines["currency"].value_counts()
    best = counts.max()
    tied = sorted(str(c) for c in counts.index[counts == best])
    return "CNY" if "CNY" in tied else tied[0]


def known_sum(values: pd.Series) -> float | None:
    """The sum of the known values; None when every value is unknown (0 for no rows)."""
    if values.empty:
        return 0.0
    if values.isna().all():
        return None
    return float(values.sum())


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator; None when either is unknown or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


# --- Funnel -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    """One funnel step: its value (None: unknown) and its rate over the step before."""

    key: str
    value: float | None
    rate: float | None


@dataclass(frozen=True)
class Funnel:
    """views → product clicks → orders created → orders paid → net GMV.

    Attributes:
        steps: the :data:`FUNNEL_STEPS`, in order. ``net_gmv``'s value is in ``currency``
            (cents) and its rate is net / paid GMV (the share kept after refunds).
        currency: the main currency of the paid lines.
        gmv_cents, refund_cents, net_cents: per currency.
        missing: the steps no export gives for this selection.
        missing_from: for each missing step, the export kinds that would give it (empty: no
            export provides it today).
    """

    steps: tuple[FunnelStep, ...]
    currency: str
    gmv_cents: Mapping[str, int]
    refund_cents: Mapping[str, int]
    net_cents: Mapping[str, int]
    missing: tuple[str, ...]
    missing_from: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def step(self, key: str) -> FunnelStep:
        """The step called ``key``."""
        return next(s for s in self.steps if s.key == key)


def funnel(data: ConversionData, flt: ConversionFilter) -> Funnel:
    """The funnel of the filter's selection (see :class:`Funnel`)."""
    videos = flt.select_videos(data.videos)
    paid = flt.paid_lines(data)
    created = flt.created_lines(data)
    gmv = money_by_currency(paid, "payable_cents")
    refunds = money_by_currency(paid, "refund_cents")
    net = {c: gmv[c] - refunds.get(c, 0) for c in gmv}
    currency = main_currency(paid)
    values = {
        "views": known_sum(videos["views"]),
        "product_clicks": known_sum(videos["product_clicks"]) if len(videos) else None,
        "orders_created": float(len(created)),
        "orders_paid": float(len(paid)),
        "net_gmv": float(net.get(currency, 0)),
    }
    steps, previous = [], None
    for key in FUNNEL_STEPS:
        value = values[key]
        if key == "net_gmv":
            rate = ratio(value, float(gmv[currency])) if gmv.get(currency) else None
        else:
            rate = ratio(value, previous)
        steps.append(FunnelStep(key, value, rate))
        previous = value
    missing = tuple(k for k in FUNNEL_STEPS if values[k] is None)
    sources = {k: STEP_SOURCES[k] for k in missing}
    return Funnel(tuple(steps), currency, gmv, refunds, net, missing, sources)


def compare_funnels(
    data: ConversionData, first: ConversionFilter, second: ConversionFilter
) -> tuple[Funnel, Funnel]:
    """Two funnels side by side: two periods, or two content groups / platforms."""
    return funnel(data, first), funnel(data, second)


# --- Key figures --------------------------------------------------------------------------------


def period_ads(data: ConversionData, flt: ConversionFilter) -> pd.DataFrame:
    """The period's ad rows on the filter's platforms, without the overlapping reports."""
    ads = data.ads
    mask = ~ads["channel"].isin(OVERLAPPING_AD_CHANNELS).to_numpy(dtype=bool)
    mask &= in_period(ads["day"], flt.period)
    if flt.platforms:
        mask &= ads["platform"].isin(flt.platforms).to_numpy(dtype=bool)
    return ads[mask]


def period_kpis(data: ConversionData, flt: ConversionFilter) -> dict[str, object]:
    """The tab's key figures: orders_paid (lines), gmv / net_gmv / ad_spend / ad_gmv
    ({currency: cents}), refund_rate (refunds / GMV of the main currency) and roas (ad GMV /
    spend in the currency with the most spend); None when not computable.

    Ad figures cover the whole shop (ads are not credited to creators or content groups unless
    the content group is chosen: then the spend of its videos).
    """
    paid = flt.paid_lines(data)
    gmv = money_by_currency(paid, "payable_cents")
    refunds = money_by_currency(paid, "refund_cents")
    ads = period_ads(data, flt)
    if flt.narrows_content:
        group = flt.group_video_ids(data.videos)
        ads = ads[ads["video_id"].isin(group).to_numpy(dtype=bool, na_value=False)]
    spend = money_by_currency(ads, "spend_cents")
    ad_gmv = money_by_currency(ads, "gmv_cents")
    main = main_currency(paid)
    spend_currency = max(spend, key=lambda c: (spend[c], c == "CNY")) if spend else None
    return {
        "orders_paid": len(paid),
        "gmv": gmv,
        "net_gmv": {c: v - refunds.get(c, 0) for c, v in gmv.items()},
        "refunds": refunds,
        "ad_spend": spend,
        "ad_gmv": ad_gmv,
        "refund_rate": ratio(float(refunds.get(main, 0)), float(gmv.get(main, 0))),
        "roas": ratio(
            float(ad_gmv.get(spend_currency, 0)) if spend_currency else None,
            float(spend[spend_currency]) if spend_currency else None,
        ),
    }
