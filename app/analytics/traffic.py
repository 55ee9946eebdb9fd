"""Traffic analytics: which videos and which kinds of content reach people (pure pandas/numpy).

The input is the frame of :data:`VIDEO_COLUMNS` (one row per video, its newest snapshot's
metrics; NaN where the platform does not export a figure). Everything here follows DESIGN.md's
definitions: interaction rate = (likes + comments + shares + favorites) / views, a group's
completion rate is the view-weighted mean of its videos' rates, and a figure a platform does not
export is unknown, never 0 — totals add what is known and name the platforms that lack it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# The periods, the filter and the daily trend are part of this module's interface.
from app.analytics.periods import NO_LABEL as NO_LABEL
from app.analytics.periods import Period as Period
from app.analytics.periods import TrafficFilter
from app.analytics.trend import TREND_METRICS as TREND_METRICS
from app.analytics.trend import Trend as Trend
from app.analytics.trend import daily_trend as daily_trend
from app.metrics import SNAPSHOT_METRICS as SNAPSHOT_METRICS

VIDEO_COLUMNS = (
    "video_id",
    "platform",
    "account_id",
    "title",
    "published_at",
    "duration_s",
    "format",
    "pillar_id",
    "pillar",
    "template_id",
    "template",
    "tags",
    "views",
    "completion_rate",
    "completion_5s_rate",
    "bounce_2s_rate",
    "avg_watch_s",
    "likes",
    "comments",
    "shares",
    "favorites",
    "followers_gained",
    "profile_visits",
    "product_clicks",
    "interaction_rate",
    "orders",
    "gmv_cents",
    "gmv_currency",
    "snapshot_at",
)
INTERACTIONS = ("likes", "comments", "shares", "favorites")

KPI_KEYS = (
    "videos",
    "views",
    "likes",
    "comments",
    "shares",
    "favorites",
    "interaction_rate",
    "completion_rate",
    "completion_5s_rate",
    "avg_watch_s",
    "followers_gained",
    "profile_visits",
)
SUM_KEYS = (
    "views",
    "likes",
    "comments",
    "shares",
    "favorites",
    "followers_gained",
    "profile_visits",
)
# Averages over views: a group's completion (and average watch time) is what its views saw.
VIEW_WEIGHTED_KEYS = ("completion_rate", "completion_5s_rate", "avg_watch_s")
RATE_KEYS = ("interaction_rate", "completion_rate", "completion_5s_rate")


# --- Key figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiValue:
    """One key figure of the selection, with the previous period's and the change.

    Attributes:
        key: one of :data:`KPI_KEYS`.
        value: the figure; None when no platform in the selection exports it.
        previous: the same figure over the previous period of the same length.
        change: (value − previous) / previous; None when either is unknown or previous is 0.
        missing_platforms: platforms with videos in the selection that do not export the figure
            (for the interaction rate: that lack views or one of its four parts).
    """

    key: str
    value: float | int | None
    previous: float | int | None
    change: float | None
    missing_platforms: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        """True when the figure is known but leaves out platforms that do not export it."""
        return bool(self.missing_platforms) and self.value is not None


def kpis(videos: pd.DataFrame, flt: TrafficFilter) -> tuple[KpiValue, ...]:
    """The key figures (:data:`KPI_KEYS`, in that order) of the filter's selection."""
    current = flt.select(videos)
    now = kpi_values(current)
    before = kpi_values(flt.previous().select(videos))
    missing = missing_platforms(current)
    return tuple(
        KpiValue(key, now[key], before[key], change(now[key], before[key]), missing.get(key, ()))
        for key in KPI_KEYS
    )


def kpi_values(videos: pd.DataFrame) -> dict[str, float | int | None]:
    """Every KPI of a set of videos: counts summed over what is known, rates over views.

    An empty set has 0 videos and 0 of every count, and no rate. A count that every video lacks
    is None (unknown), never 0.
    """
    values: dict[str, float | int | None] = {"videos": len(videos)}
    for key in SUM_KEYS:
        values[key] = _known_sum(videos[key])
    views = videos["views"].to_numpy(dtype=float, na_value=np.nan)
    parts = videos[list(INTERACTIONS)].sum(axis=1, min_count=1).to_numpy(dtype=float)
    values["interaction_rate"] = _weighted_ratio(parts, views)
    for key in VIEW_WEIGHTED_KEYS:
        values[key] = _view_weighted_mean(videos[key].to_numpy(dtype=float), views)
    return values


def _known_sum(column: pd.Series) -> int | None:
    if column.empty:
        return 0
    if column.isna().all():
        return None
    return int(round(float(column.sum())))


def _weighted_ratio(numerator: np.ndarray, views: np.ndarray) -> float | None:
    known = ~np.isnan(numerator) & ~np.isnan(views)
    total = views[known].sum()
    return float(numerator[known].sum() / total) if total > 0 else None


def _view_weighted_mean(values: np.ndarray, views: np.ndarray) -> float | None:
    known = ~np.isnan(values) & ~np.isnan(views)
    total = views[known].sum()
    return float((values[known] * views[known]).sum() / total) if total > 0 else None


def change(value: float | None, previous: float | None) -> float | None:
    """Relative change (value − previous) / previous; None when not computable."""
    if value is None or previous is None or previous == 0:
        return None
    return (value - previous) / previous


def missing_platforms(videos: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """For each KPI, the platforms in ``videos`` whose videos all lack it (sorted)."""
    columns = [*SUM_KEYS, *VIEW_WEIGHTED_KEYS]
    known = videos.groupby("platform", sort=True)[columns].count()
    missing = {key: tuple(known.index[known[key] == 0]) for key in columns}
    lacking_parts = (known[["views", *INTERACTIONS]] == 0).any(axis=1)
    missing["interaction_rate"] = tuple(known.index[lacking_parts])
    return {key: tuple(str(p) for p in platforms) for key, platforms in missing.items()}


def per_platform_kpis(videos: pd.DataFrame, flt: TrafficFilter) -> pd.DataFrame:
    """The KPIs of the selection per platform: index platform, columns KPI_KEYS, NaN unknown."""
    current = flt.select(videos)
    rows = {
        str(platform): kpi_values(group)
        for platform, group in current.groupby("platform", sort=True)
    }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(KPI_KEYS), dtype=float)
    frame.index.name = "platform"
    return frame


def interaction_rates(frame: pd.DataFrame) -> pd.Series:
    """Each row's (likes + comments + shares + favorites) / views over the parts it has.

    NaN when the row has no views (or 0) or none of the four parts.
    """
    parts = frame[list(INTERACTIONS)].sum(axis=1, min_count=1)
    views = frame["views"].where(frame["views"] > 0)
    return (parts / views).astype(float)


# --- Comparisons --------------------------------------------------------------------------------

COMPARE_BY = ("platform", "pillar", "template", "length", "hour", "weekday")
LENGTH_BUCKETS = ("<15s", "15–30s", "30–60s", "1–3 min", ">3 min", "unknown")
LENGTH_EDGES = (15, 30, 60, 180)  # seconds; a bucket holds [edge before, edge)
COMPARISON_COLUMNS = (
    "group",
    "videos",
    "views",
    "median_views",
    "median_completion",
    "median_interaction",
    "followers_gained",
    "median_followers",
)


def length_buckets(duration_s: pd.Series) -> pd.Series:
    """Each duration's bucket of :data:`LENGTH_BUCKETS` ("unknown" without a duration)."""
    seconds = duration_s.to_numpy(dtype=float, na_value=np.nan)
    index = np.searchsorted(np.asarray(LENGTH_EDGES, dtype=float), seconds, side="right")
    index[np.isnan(seconds)] = len(LENGTH_BUCKETS) - 1
    return pd.Series(np.asarray(LENGTH_BUCKETS, dtype=object)[index], index=duration_s.index)


def group_keys(videos: pd.DataFrame, by: str) -> pd.Series:
    """The group of each video for :func:`comparison` (None where the video has no value)."""
    if by in ("platform", "pillar", "template"):
        keys = videos[by].astype(object)
    elif by == "length":
        return length_buckets(videos["duration_s"])
    elif by == "hour":
        keys = videos["published_at"].dt.hour.astype("Int64").astype(object)
        keys = keys.where(~_date_only(videos), None)
    elif by == "weekday":
        keys = videos["published_at"].dt.day_of_week.astype("Int64").astype(object)
    else:
        raise ValueError(f"cannot compare by {by!r}; expected one of {COMPARE_BY}")
    return keys.where(keys.notna(), None)


def _date_only(videos: pd.DataFrame) -> np.ndarray:
    """Videos whose publish time has no clock time: their platform exports dates only.

    A platform whose videos (in ``videos``) are all published at exactly midnight exports the
    day without the time (视频号, TikTok Studio), so its hour is unknown, not 0.
    """
    moments = videos["published_at"]
    midnight = (moments == moments.dt.normalize()).to_numpy(dtype=bool)
    platforms = videos["platform"].to_numpy(dtype=object)
    timed = set(platforms[~midnight & moments.notna().to_numpy()])
    return midnight & ~np.isin(platforms, list(timed))


def comparison(videos: pd.DataFrame, by: str) -> pd.DataFrame:
    """Videos grouped by platform, pillar, template, length bucket, publish hour or weekday.

    ``videos`` is the selection (``TrafficFilter.select``). One row per group with
    :data:`COMPARISON_COLUMNS`; ``group`` is None for videos without a pillar/template/publish
    time, or whose platform exports the publish day without the clock time (for hours). Hours
    (0–23), weekdays (0 = Monday) and length buckets keep their natural order; the
    other groups come by views, largest first, the unlabelled group last.
    """
    keys = group_keys(videos, by)
    frame = videos[["views", "completion_rate", "interaction_rate", "followers_gained"]].copy()
    frame["group"] = keys
    grouped = frame.groupby("group", sort=False, dropna=False)
    out = pd.DataFrame(
        {
            "videos": grouped.size(),
            "views": grouped["views"].sum(min_count=1),
            "median_views": grouped["views"].median(),
            "median_completion": grouped["completion_rate"].median(),
            "median_interaction": grouped["interaction_rate"].median(),
            "followers_gained": grouped["followers_gained"].sum(min_count=1),
            "median_followers": grouped["followers_gained"].median(),
        }
    ).reset_index()
    whole = by in ("hour", "weekday")  # groupby turned the numbers into floats
    out["group"] = pd.Series(
        [None if pd.isna(g) else int(g) if whole else g for g in out["group"]],
        index=out.index,
        dtype=object,
    )
    out["videos"] = out["videos"].astype("int64")
    return _ordered(out, by).reset_index(drop=True)[list(COMPARISON_COLUMNS)]


def _ordered(out: pd.DataFrame, by: str) -> pd.DataFrame:
    unlabelled = out["group"].isna()
    if by == "length":
        rank = out["group"].map({b: i for i, b in enumerate(LENGTH_BUCKETS)})
        return out.iloc[np.argsort(rank.to_numpy(), kind="stable")]
    if by in ("hour", "weekday"):
        rank = out["group"].where(~unlabelled, 99).astype(float)
        return out.iloc[np.argsort(rank.to_numpy(), kind="stable")]
    views = out["views"].fillna(-1.0).to_numpy()
    names = np.asarray([str(g) for g in out["group"]])
    order = np.lexsort((names, -views, unlabelled.to_numpy()))
    return out.iloc[order]


# --- Top and bottom videos ----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One way the top videos differ from the bottom ones (the view writes the sentence).

    Attributes:
        key: what differs: ``platform``, ``pillar``, ``template``, ``hour`` (the most common
            value in each group), or ``completion``, ``completion_5s``, ``interaction``,
            ``length`` (seconds), ``avg_watch``, ``followers`` (the median in each group).
        top_value: the top videos' value.
        bottom_value: the bottom videos' value.
        top_share: for a most-common value, the share of top videos that have it.
        bottom_share: the share of bottom videos that have the top videos' value.
        gap: how strongly this sets the groups apart (findings come largest first).
    """

    key: str
    top_value: Any
    bottom_value: Any
    top_share: float | None = None
    bottom_share: float | None = None
    gap: float = 0.0


MEDIAN_FINDINGS = (
    ("completion", "completion_rate"),
    ("completion_5s", "completion_5s_rate"),
    ("interaction", "interaction_rate"),
    ("length", "duration_s"),
    ("avg_watch", "avg_watch_s"),
    ("followers", "followers_gained"),
)
MODE_FINDINGS = ("platform", "pillar", "template", "hour")


def top_bottom(
    videos: pd.DataFrame, n: int = 10, metric: str = "views"
) -> tuple[pd.DataFrame, pd.DataFrame, list[Finding]]:
    """The ``n`` best and ``n`` worst videos by ``metric``, and what sets them apart.

    Videos without the metric take no part. With fewer than ``2 n`` such videos each side gets
    half of them, so no video is both top and bottom. Top comes best first, bottom worst first.
    """
    ranked = videos[videos[metric].notna()]
    order = np.lexsort((ranked["video_id"].to_numpy(), -ranked[metric].to_numpy(dtype=float)))
    ranked = ranked.iloc[order]
    size = min(n, len(ranked) // 2)
    top = ranked.head(size)
    bottom = ranked.tail(size).iloc[::-1] if size else ranked.head(0)
    return top, bottom, findings(top, bottom, skip=metric)


def findings(top: pd.DataFrame, bottom: pd.DataFrame, skip: str = "") -> list[Finding]:
    """How ``top`` differs from ``bottom``: medians that differ, most common values that differ."""
    if top.empty or bottom.empty:
        return []
    found = []
    for key, column in MEDIAN_FINDINGS:
        if column == skip:
            continue
        high, low = top[column].median(), bottom[column].median()
        if pd.notna(high) and pd.notna(low) and high != low:
            gap = abs(high - low) / max(abs(high), abs(low))
            found.append(Finding(key, float(high), float(low), gap=float(gap)))
    for key in MODE_FINDINGS:
        if key == skip:
            continue
        finding = _mode_finding(key, group_keys(top, key), group_keys(bottom, key))
        if finding is not None:
            found.append(finding)
    return sorted(found, key=lambda f: -f.gap)


def _mode_finding(key: str, top: pd.Series, bottom: pd.Series) -> Finding | None:
    top_mode, top_share = _most_common(top)
    bottom_mode, _ = _most_common(bottom)
    if top_mode is None or bottom_mode is None or top_mode == bottom_mode:
        return None
    bottom_share = float((bottom == top_mode).sum() / len(bottom))
    return Finding(key, top_mode, bottom_mode, top_share, bottom_share, top_share - bottom_share)


def _most_common(keys: pd.Series) -> tuple[Any, float]:
    """The most common value (ties: the smallest as text) and its share of all rows."""
    counts = keys.dropna().value_counts()
    if counts.empty:
        return None, 0.0
    best = counts.max()
    value = min((v for v, c in counts.items() if c == best), key=str)
    return value, float(best / len(keys))


# --- Topics -------------------------------------------------------------------------------------

TOPIC_COLUMNS = (
    "topic",
    "videos",
    "median_views",
    "median_completion",
    "median_interaction",
    "views",
)


def topics(
    videos: pd.DataFrame, kind: str = "hashtag", min_videos: int = 2, limit: int | None = None
) -> pd.DataFrame:
    """Performance per hashtag (``#穿搭``, ``#ootd``) or per title keyword.

    Hashtags come from the title and the tags (Latin ones case-folded); keywords from the title
    without its hashtags (see :mod:`app.analytics.text`). One row per topic carried by at least
    ``min_videos`` videos, with :data:`TOPIC_COLUMNS`, by median views (largest first), then by
    videos; ``limit`` keeps the first rows.
    """
    from app.analytics.text import hashtags, keyword_sets

    if kind == "hashtag":
        pairs = list(zip(videos["title"], videos["tags"], strict=True))
        found = {p: set(hashtags(p[0])) | set(hashtags(p[1])) for p in set(pairs)}
        sets = [found[p] for p in pairs]
    elif kind == "keyword":
        sets = keyword_sets(list(videos["title"]), min_videos=min_videos)
    else:
        raise ValueError(f"unknown topic kind {kind!r}; expected 'hashtag' or 'keyword'")
    positions = [i for i, found in enumerate(sets) for _ in found]
    words = [word for found in sets for word in sorted(found)]
    metrics = videos[["views", "completion_rate", "interaction_rate"]].iloc[positions]
    frame = metrics.assign(topic=words).reset_index(drop=True)
    grouped = frame.groupby("topic", sort=False)
    out = pd.DataFrame(
        {
            "videos": grouped.size().astype("int64"),
            "median_views": grouped["views"].median(),
            "median_completion": grouped["completion_rate"].median(),
            "median_interaction": grouped["interaction_rate"].median(),
            "views": grouped["views"].sum(min_count=1),
        }
    ).reset_index()
    out = out[out["videos"] >= min_videos]
    out = out.sort_values(
        ["median_views", "videos", "topic"], ascending=[False, False, True], na_position="last"
    )
    out = out.reset_index(drop=True)[list(TOPIC_COLUMNS)]
    return out if limit is None else out.head(limit)


# --- Distributions ------------------------------------------------------------------------------


def completion_histogram(videos: pd.DataFrame, bins: int = 10) -> pd.DataFrame:
    """How many videos fall in each completion-rate band of equal width from 0 to 100 %.

    Columns bin_start, bin_end, videos; the last band includes 100 %. Videos without a
    completion rate are left out.
    """
    rates = videos["completion_rate"].dropna().clip(0.0, 1.0).to_numpy(dtype=float)
    edges = np.round(np.linspace(0.0, 1.0, bins + 1), 12)
    counts, _ = np.histogram(rates, bins=edges)
    return pd.DataFrame({"bin_start": edges[:-1], "bin_end": edges[1:], "videos": counts})


# Modified z-score (Iglewicz & Hoaglin). 3.5 is their cut for discarding data; here the point is
# to show the owner the few most surprising videos, and on the demo shop and the samples 2.5
# rings the top 4 % (3.5 rings none of them).
OUTLIER_THRESHOLD = 2.5
OUTLIER_MIN_VIDEOS = 6


def outliers(videos: pd.DataFrame, threshold: float = OUTLIER_THRESHOLD) -> pd.DataFrame:
    """Videos whose views are far from what their completion rate predicts.

    The trend is a least-squares line of log10(views) on completion rate with one level per
    platform (platforms reach different audiences); a video is an outlier when its residual's
    modified z-score (0.6745 · (r − median r) / MAD) exceeds ``threshold`` in size. Returns those
    rows with ``expected_views``, ``robust_z`` and ``direction`` ("above"/"below" the trend),
    farthest first; empty with fewer than :data:`OUTLIER_MIN_VIDEOS` usable videos.
    """
    usable = videos[(videos["views"] > 0) & videos["completion_rate"].notna()]
    extra = {"expected_views": float, "robust_z": float, "direction": object}
    empty = videos.head(0).assign(**{k: pd.Series(dtype=t) for k, t in extra.items()})
    platforms = sorted(usable["platform"].unique())
    if len(usable) < max(OUTLIER_MIN_VIDEOS, len(platforms) + 3):
        return empty
    design = np.column_stack(
        [usable["completion_rate"].to_numpy(dtype=float)]
        + [(usable["platform"] == p).to_numpy(dtype=float) for p in platforms]
    )
    logged = np.log10(usable["views"].to_numpy(dtype=float))
    coefficients, *_ = np.linalg.lstsq(design, logged, rcond=None)
    fitted = design @ coefficients
    z = _robust_z(logged - fitted)
    far = np.abs(z) > threshold
    if not far.any():
        return empty
    out = usable[far].assign(
        expected_views=10 ** fitted[far],
        robust_z=z[far],
        direction=np.where(z[far] > 0, "above", "below").astype(object),
    )
    return out.iloc[np.argsort(-np.abs(z[far]), kind="stable")]


def _robust_z(residuals: np.ndarray) -> np.ndarray:
    centred = residuals - np.median(residuals)
    mad = np.median(np.abs(centred))
    if mad > 0:
        return 0.6745 * centred / mad
    # Most points sit on the line: the mean absolute deviation stands in (same scale).
    mean_ad = np.mean(np.abs(centred))
    return centred / (1.253314 * mean_ad) if mean_ad > 0 else np.zeros_like(residuals)
