"""The days and labels the Traffic tab looks at: a period and a filter over the video frame."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd


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
