"""Daily reach per platform: from the account's daily export, else from video snapshots.

An account-daily export (抖音 创作者中心 per-metric series, TikTok Overview, 小红书 trends) says
what each day brought. Without one, the days come from the videos' cumulative snapshots: each
video's curve starts at 0 the day before it was published (or before its first snapshot when the
publish time is unknown), runs linearly between its snapshots, and only ever rises (a later
export showing less adds nothing, never a negative day). Days after a platform's newest snapshot
are unknown (NaN), not 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.analytics.periods import TrafficFilter
from app.config import PLATFORMS

TREND_METRICS = ("views", "followers_gained", "likes", "comments", "shares", "profile_visits")
ACCOUNT_DAILY = "account_daily"
SNAPSHOTS = "snapshots"
ONE_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Trend:
    """A metric per day and platform over a filter's period.

    Attributes:
        frame: index = every day of the period (DatetimeIndex named ``day``), one column per
            platform that has the metric, values per day (NaN = unknown for that day).
        sources: platform → ``"account_daily"`` or ``"snapshots"``: where its days come from.
        missing: platforms in the selection with no data for this metric at all.
    """

    frame: pd.DataFrame
    sources: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()


def daily_trend(
    account_daily: pd.DataFrame, snapshots: pd.DataFrame, flt: TrafficFilter, metric: str
) -> Trend:
    """The ``metric`` per day of ``flt.period`` and per platform (see the module's docstring).

    ``account_daily`` and ``snapshots`` are :func:`app.services.traffic.load_trend_inputs`'s
    frames. Every video that passes the filter's platforms, accounts, pillars and templates
    counts, whenever it was published. Account days describe the whole account, so they are
    used only when the filter chooses no pillar or template, and only for platforms that have the
    metric on at least one day of the period (their other days stay unknown).
    """
    if metric not in TREND_METRICS:
        raise ValueError(f"no daily trend for {metric!r}; expected one of {TREND_METRICS}")
    days = flt.period.day_index()
    series: dict[str, pd.Series] = {}
    sources: dict[str, str] = {}
    candidates: set[str] = set()
    if not flt.narrows_content:
        accounts = account_daily[_account_mask(account_daily, flt)]
        candidates.update(accounts["platform"])
        for platform, values in _account_series(accounts, flt, metric, days).items():
            series[platform], sources[platform] = values, ACCOUNT_DAILY
    chosen = snapshots[flt.attribute_mask(snapshots)]
    candidates.update(chosen["platform"])
    chosen = chosen[~chosen["platform"].isin(list(series))]
    for platform, values in _snapshot_series(chosen, metric, days).items():
        series[platform], sources[platform] = values, SNAPSHOTS
    order = sorted(series, key=_platform_rank)
    frame = pd.DataFrame({p: series[p] for p in order}, index=days, dtype=float)
    frame.index.name = "day"
    missing = tuple(sorted(candidates - set(series), key=_platform_rank))
    return Trend(frame, {p: sources[p] for p in order}, missing)


def _platform_rank(platform: str) -> tuple[int, str]:
    return (PLATFORMS.index(platform) if platform in PLATFORMS else len(PLATFORMS), platform)


def _account_mask(account_daily: pd.DataFrame, flt: TrafficFilter) -> np.ndarray:
    mask = np.ones(len(account_daily), dtype=bool)
    if flt.platforms:
        mask &= account_daily["platform"].isin(flt.platforms).to_numpy(dtype=bool)
    if flt.account_ids:
        mask &= account_daily["account_id"].isin(flt.account_ids).to_numpy(dtype=bool)
    return mask


def _account_series(
    accounts: pd.DataFrame, flt: TrafficFilter, metric: str, days: pd.DatetimeIndex
) -> dict[str, pd.Series]:
    in_period = accounts[flt.period_mask(accounts, "day") & accounts[metric].notna().to_numpy()]
    found = {}
    for platform, rows in in_period.groupby("platform", sort=False):
        per_day = rows.groupby(rows["day"].dt.normalize())[metric].sum()
        found[str(platform)] = _on_days(per_day, days)
    return found


def _on_days(per_day: pd.Series, days: pd.DatetimeIndex) -> pd.Series:
    """``per_day`` (indexed by midnight timestamps of any resolution) on exactly ``days``."""
    values = dict(zip(per_day.index.to_numpy(dtype="datetime64[D]"), per_day, strict=True))
    wanted = days.to_numpy(dtype="datetime64[D]")
    return pd.Series([values.get(d, np.nan) for d in wanted], index=days, dtype=float)


def _snapshot_series(
    snapshots: pd.DataFrame, metric: str, days: pd.DatetimeIndex
) -> dict[str, pd.Series]:
    points = _curve_points(snapshots[snapshots[metric].notna()], metric)
    if points.empty:
        return {}
    video = points["video_id"].to_numpy()
    day = points["day"].to_numpy(dtype="int64")  # days since 1970-01-01
    value = points["value"].to_numpy()
    platform = points["platform"].to_numpy(dtype=object)
    joined = video[1:] == video[:-1]  # consecutive points of one video make a segment
    start, end = day[:-1][joined], day[1:][joined]
    rise = np.maximum(value[1:][joined] - value[:-1][joined], 0.0)
    per_day = rise / (end - start)
    origin = int(start.min())
    first = start - origin + 1  # a segment adds to the days after its start …
    after = end - origin + 1  # … up to and including its end
    wanted = days.to_numpy(dtype="datetime64[D]").astype("int64") - origin
    found = {}
    for name in sorted(set(platform[1:][joined])):
        mine = platform[1:][joined] == name
        steps = np.zeros(after.max() + 1)
        np.add.at(steps, first[mine], per_day[mine])
        np.add.at(steps, after[mine], -per_day[mine])
        daily = np.cumsum(steps)
        last_known = end[mine].max() - origin
        inside = (wanted >= 0) & (wanted < len(daily))
        values = np.where(inside, daily[np.clip(wanted, 0, len(daily) - 1)], 0.0)
        values[wanted > last_known] = np.nan
        found[str(name)] = pd.Series(np.round(values, 9), index=days, dtype=float)
    return found


def _curve_points(snapshots: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Each video's (day, cumulative value) points, oldest first, led by its 0 anchor."""
    frame = pd.DataFrame(
        {
            "video_id": snapshots["video_id"].to_numpy(dtype="int64"),
            "platform": snapshots["platform"].to_numpy(dtype=object),
            "day": _day_numbers(snapshots["snapshot_at"]),
            "value": snapshots[metric].to_numpy(dtype=float),
            "published": _day_numbers(snapshots["published_at"]),
            "moment": snapshots["snapshot_at"].to_numpy(dtype="datetime64[us]"),
        }
    )
    frame = frame.sort_values(["video_id", "moment"], kind="stable")
    frame = frame.drop_duplicates(["video_id", "day"], keep="last")  # a day's newest export
    first = frame.drop_duplicates("video_id", keep="first")
    published = first["published"].to_numpy()
    first_day = first["day"].to_numpy()
    start = np.where(np.isnan(published) | (published > first_day), first_day, published) - 1
    anchors = pd.DataFrame(
        {
            "video_id": first["video_id"].to_numpy(),
            "platform": first["platform"].to_numpy(),
            "day": start,
            "value": 0.0,
        }
    )
    points = pd.concat([anchors, frame[["video_id", "platform", "day", "value"]]])
    return points.sort_values(["video_id", "day"], kind="stable").reset_index(drop=True)


def _day_numbers(moments: pd.Series) -> np.ndarray:
    """Whole days since 1970-01-01 as floats (NaN for NaT)."""
    days = moments.to_numpy(dtype="datetime64[D]")
    numbers = days.astype("int64").astype(float)
    numbers[np.isnat(days)] = np.nan
    return numbers
