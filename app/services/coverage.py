"""Which days the store holds for each platform and export, and the gaps between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.db import Reader
from app.services.tables import as_date


@dataclass(frozen=True)
class Coverage:
    """One kind of data on one platform: the days it spans and the days missing inside.

    Attributes:
        platform: the platform (or sales channel).
        data: what kind of data (``orders``, ``ads``, ``account_days``, ``reviews``, ``videos``).
        first, last: the first and last day held.
        days: how many distinct days are held.
        gaps: runs of missing days between first and last, as (start, end) pairs.
    """

    platform: str
    data: str
    first: date
    last: date
    days: int
    gaps: tuple[tuple[date, date], ...]


# Daily data: every day between the first and last should be there.
DAILY_SQL = {
    "orders": "SELECT platform, created_at FROM order_lines WHERE created_at IS NOT NULL",
    "ads": "SELECT platform, day FROM ad_spend",
    "account_days": (
        "SELECT a.platform, d.day FROM account_daily d JOIN accounts a ON a.id = d.account_id"
    ),
    "reviews": "SELECT platform, reviewed_on FROM reviews",
}
# Snapshot data: a video list is complete as of its export; publish days are not expected daily.
VIDEOS_SQL = "SELECT platform, published_at FROM videos WHERE published_at IS NOT NULL"
MIN_GAP_DAYS = {"orders": 2, "ads": 1, "account_days": 1, "reviews": 3}


def data_coverage(reader: Reader) -> list[Coverage]:
    """Coverage of every platform and kind of data in the store, gaps included."""
    found: list[Coverage] = []
    for data, sql in DAILY_SQL.items():
        for platform, days in _days_by_platform(reader, sql).items():
            found.append(_coverage(platform, data, days, MIN_GAP_DAYS[data]))
    for platform, days in _days_by_platform(reader, VIDEOS_SQL).items():
        found.append(_coverage(platform, "videos", days, min_gap=None))
    return sorted(found, key=lambda c: (c.platform, c.data))


def _days_by_platform(reader: Reader, sql: str) -> dict[str, set[date]]:
    days: dict[str, set[date]] = {}
    for platform, moment in reader.query(sql)[1]:
        day = as_date(moment)
        if day is not None:
            days.setdefault(platform, set()).add(day)
    return days


def _coverage(platform: str, data: str, days: set[date], min_gap: int | None) -> Coverage:
    ordered = sorted(days)
    gaps = [] if min_gap is None else find_gaps(ordered, min_gap)
    return Coverage(platform, data, ordered[0], ordered[-1], len(ordered), tuple(gaps))


def find_gaps(days: list[date], min_gap: int = 1) -> list[tuple[date, date]]:
    """Runs of at least ``min_gap`` missing days between consecutive held days (sorted input)."""
    gaps = []
    for before, after in zip(days, days[1:], strict=False):
        missing = (after - before).days - 1
        if missing >= min_gap:
            gaps.append((before + timedelta(days=1), after - timedelta(days=1)))
    return gaps
