"""Year-less dates (TikTok Studio's "August 9"): put them in the year the file's context implies."""

from __future__ import annotations

from datetime import date

from app.importers.errors import BadValue
from app.importers.values import parse_yearless_date

_LEAP_YEAR = 2024  # reads month and day, Feb 29 included


def month_day(raw: object) -> tuple[int, int] | None:
    """The month and day of a year-less date; None when empty."""
    end = date(_LEAP_YEAR, 12, 31)
    parsed = parse_yearless_date(raw, reference=end, not_after=end)
    return (parsed.month, parsed.day) if parsed else None


def _in_year(year: int, md: tuple[int, int]) -> date:
    month, day = md
    if (month, day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            raise BadValue("a real date", f"February 29 does not exist in {year}") from None
    return date(year, month, day)


def resolve_near(raw: object, context: date) -> date | None:
    """The year that puts the date closest to ``context`` (a snapshot near the export)."""
    md = month_day(raw)
    if md is None:
        return None
    candidates = []
    for year in (context.year - 1, context.year, context.year + 1):
        try:
            candidates.append(_in_year(year, md))
        except BadValue:
            continue
    return min(candidates, key=lambda d: abs((d - context).days))


def resolve_not_after(raw: object, limit: date) -> date | None:
    """The latest such date on or before ``limit`` (a post is never after the snapshot)."""
    md = month_day(raw)
    if md is None:
        return None
    for year in (limit.year, limit.year - 1, limit.year - 2, limit.year - 3, limit.year - 4):
        try:
            candidate = _in_year(year, md)
        except BadValue:
            continue
        if candidate <= limit:
            return candidate
    raise BadValue("a date in the past four years")


def resolve_chronological(raws: list[object], context: date) -> list[date | None]:
    """Days of a chronological series: the last one nearest ``context``, the year rolling back."""
    days: list[date | None] = [None] * len(raws)
    later: date | None = None
    for index in range(len(raws) - 1, -1, -1):
        md = month_day(raws[index])
        if md is None:
            continue
        if later is None:
            days[index] = resolve_near(raws[index], context)
        else:
            year = later.year if md <= (later.month, later.day) else later.year - 1
            days[index] = _in_year(year, md)
        later = days[index]
    return days
