"""Traffic analytics: which videos and which kinds of content reach people (pure pandas/numpy).

The input is the frame of :data:`VIDEO_COLUMNS` (one row per video, its newest snapshot's
metrics; NaN where the platform does not export a figure). Everything here follows DESIGN.md's
definitions: interaction rate = (likes + comments + shares + favorites) / views, a group's
completion rate is the view-weighted mean of its videos' rates, and a figure a platform does not
export is unknown, never 0 — totals add what is known and name the platforms that lack it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

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
SNAPSHOT_METRICS = (
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


# --- Periods and filters ------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Calendar days from ``start`` to ``end``, both included.

    Attributes:
        start: the first day.
        end: the last day (not before ``start``).
    """

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    def days(self) -> int:
        """How many calendar days the period spans."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        length = timedelta(days=self.days())
        return Period(self.start - length, self.start - timedelta(days=1))

    def day_index(self) -> pd.DatetimeIndex:
        """Every day of the period (midnight timestamps), oldest first."""
        return pd.date_range(self.start, self.end, freq="D")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @classmethod
    def last_days(cls, n: int, today: date) -> Period:
        """The ``n`` days ending with ``today``."""
        if n < 1:
            raise ValueError(f"a period needs at least one day, got {n}")
        return cls(today - timedelta(days=n - 1), today)

    @classmethod
    def this_month(cls, today: date) -> Period:
        """From the first of ``today``'s month to ``today``."""
        return cls(today.replace(day=1), today)

    @classmethod
    def last_month(cls, today: date) -> Period:
        """The whole calendar month before ``today``'s."""
        end = today.replace(day=1) - timedelta(days=1)
        return cls(end.replace(day=1), end)

    @classmethod
    def month(cls, text: str) -> Period:
        """A whole calendar month written ``2026-10``; ValueError otherwise."""
        year, sep, month = text.partition("-")
        if not sep or len(text) != 7 or not (year.isdigit() and month.isdigit()):
            raise ValueError(f"expected a month like 2026-10, got {text!r}")
        first = date(int(year), int(month), 1)
        return cls(first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))


NO_LABEL = -1  # in TrafficFilter.pillar_ids / template_ids: videos without a pillar / template


@dataclass(frozen=True)
class TrafficFilter:
    """What the Traffic tab looks at: videos published in a period, narrowed by labels.

    Empty tuples mean "all". :data:`NO_LABEL` (-1) in ``pillar_ids``/``template_ids`` selects the
    videos that have no pillar/template.

    Attributes:
        period: the publish days.
        platforms: platform ids (``douyin`` …).
        account_ids: account ids.
        pillar_ids: content pillar ids.
        template_ids: template ids.
    """

    period: Period
    platforms: tuple[str, ...] = ()
    account_ids: tuple[int, ...] = ()
    pillar_ids: tuple[int, ...] = ()
    template_ids: tuple[int, ...] = ()

    def select(self, videos: pd.DataFrame) -> pd.DataFrame:
        """The videos published in the period that pass the other filters."""
        return videos[self.period_mask(videos) & self.attribute_mask(videos)]

    def previous(self) -> TrafficFilter:
        """The same filter over the previous period of the same length."""
        return replace(self, period=self.period.previous())

    @property
    def narrows_content(self) -> bool:
        """True when pillars or templates are chosen (account-wide figures no longer apply)."""
        return bool(self.pillar_ids or self.template_ids)

    def period_mask(self, frame: pd.DataFrame, column: str = "published_at") -> np.ndarray:
        """Rows whose ``column`` (datetime64) falls on a day of the period; NaT never does."""
        moments = frame[column]
        start = pd.Timestamp(self.period.start)
        after = pd.Timestamp(self.period.end + timedelta(days=1))
        return ((moments >= start) & (moments < after)).to_numpy(dtype=bool)

    def attribute_mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Rows that pass the platform, account, pillar and template filters."""
        mask = np.ones(len(frame), dtype=bool)
        if self.platforms:
            mask &= frame["platform"].isin(self.platforms).to_numpy(dtype=bool)
        for column, ids in (
            ("account_id", self.account_ids),
            ("pillar_id", self.pillar_ids),
            ("template_id", self.template_ids),
        ):
            if ids:
                mask &= _id_mask(frame[column], ids)
        return mask


def _id_mask(column: pd.Series, ids: tuple[int, ...]) -> np.ndarray:
    values = column.to_numpy(dtype=float, na_value=np.nan)
    wanted = np.isin(values, [i for i in ids if i != NO_LABEL])
    if NO_LABEL in ids:
        wanted |= np.isnan(values)
    return wanted


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


def as_number(value: Any) -> float:
    """A KPI value as a float (NaN for None), for tables and charts."""
    return float("nan") if value is None else float(value)
