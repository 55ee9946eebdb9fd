"""What the monthly report shows, gathered by :mod:`app.services.reports` (plain values and
DataFrames: the report never reads the store itself)."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from app.analytics.trend import Trend


@dataclass(frozen=True)
class MonthKey:
    """A calendar month."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> MonthKey:
        """``2026-10`` → MonthKey(2026, 10); ValueError otherwise."""
        year, sep, month = text.partition("-")
        if not sep or len(text) != 7 or not (year.isdigit() and month.isdigit()):
            raise ValueError(f"expected a month like 2026-10, got {text!r}")
        if not 1 <= int(month) <= 12:
            raise ValueError(f"expected a month like 2026-10, got {text!r}")
        return cls(int(year), int(month))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        """The month's first day."""
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """The month's last day."""
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def shifted(self, months: int) -> MonthKey:
        """The month ``months`` later (earlier when negative)."""
        index = self.year * 12 + self.month - 1 + months
        return MonthKey(index // 12, index % 12 + 1)


@dataclass(frozen=True)
class MonthFigures:
    """One month's figures.

    Attributes:
        month: the month.
        stats: :func:`app.services.stats.month_stats` (the figures ``shopreel stats`` prints).
        traffic: :func:`app.analytics.traffic.kpi_values` of the videos published in the month
            (followers gained and completion, as the Traffic tab shows them).
        has_data: the month has videos, paid orders, ad spend or reviews.
    """

    month: MonthKey
    stats: Mapping[str, Any]
    traffic: Mapping[str, float | int | None]
    has_data: bool


@dataclass(frozen=True)
class BestSlot:
    """The best weekday × hour to post (Monday = 0) over the 90 days up to the month's end.

    Attributes:
        weekday: 0 = Monday.
        hour: 0–23.
        median_views: the median views of the videos posted then.
        videos: how many videos were posted then.
        ratio: ``median_views`` over the median views of all timed videos of those days.
    """

    weekday: int
    hour: int
    median_views: float
    videos: int
    ratio: float


@dataclass(frozen=True)
class PlanLine:
    """One planned video of the next month, with its labels' names."""

    planned_at: datetime | None
    title: str
    pillar: str
    template: str
    platforms: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class MonthReportData:
    """Everything the report's sections draw from.

    Attributes:
        shop_name: printed on every page.
        month: the report's month.
        today: when the report was made.
        current: the month's figures.
        history: the three months before, oldest first (the previous month last).
        videos: :func:`app.services.traffic.load_videos` rows published in the month.
        trend: daily views of the month per platform (:func:`app.analytics.trend.daily_trend`).
        best_slot: the best time to post, or None without enough timed videos.
        plan: next month's plan items.
        reviews: how many reviews were written in the month (any score).
        mask_names: print customers' names masked (the Privacy setting).
        extra: data for sections added later, by section key.
    """

    shop_name: str
    month: MonthKey
    today: date
    current: MonthFigures
    history: tuple[MonthFigures, ...]
    videos: pd.DataFrame
    trend: Trend
    best_slot: BestSlot | None = None
    plan: tuple[PlanLine, ...] = ()
    reviews: int = 0
    mask_names: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def previous(self) -> MonthFigures:
        """The month before."""
        return self.history[-1]

    @property
    def next_month(self) -> MonthKey:
        """The month the plan section looks at."""
        return self.month.shifted(1)
