"""How days, months and counts are written in each language, without Qt (the views and the PDF
report share it, so the app and its report write them alike).

Chinese merchant software writes dates as 2026-11-28 (抖店, 千川, 巨量引擎 exports and back
ends); short dates as 11月28日, months as 2026年11月. English: Nov 28, 2026, Nov 28, Nov 2026.
"""

from __future__ import annotations

from datetime import date, datetime

MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def is_chinese(lang: str) -> bool:
    """True for zh, zh_CN, zh-Hans …"""
    return lang.lower().startswith("zh")


def format_date(day: date, lang: str) -> str:
    """A day: ``2026-11-28`` in Chinese, ``Nov 28, 2026`` in English."""
    if is_chinese(lang):
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    return f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.day}, {day.year}"


def format_short_date(day: date, lang: str) -> str:
    """A day of this year: ``11月28日`` / ``Nov 28``."""
    if is_chinese(lang):
        return f"{day.month}月{day.day}日"
    return f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.day}"


def format_time(moment: datetime) -> str:
    """The time of day to the minute: ``14:05`` in both languages."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_datetime(moment: datetime, lang: str) -> str:
    """A moment to the minute: ``2026-11-28 14:05`` / ``Nov 28, 2026 14:05``."""
    return f"{format_date(moment, lang)} {format_time(moment)}"


def format_short_datetime(moment: datetime, lang: str) -> str:
    """A moment of this year: ``11月28日 14:05`` / ``Nov 28 14:05``."""
    return f"{format_short_date(moment, lang)} {format_time(moment)}"


def format_month(day: date, lang: str) -> str:
    """The month of ``day``: ``2026年11月`` / ``Nov 2026``."""
    if is_chinese(lang):
        return f"{day.year}年{day.month}月"
    return f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def month_key_name(month: str, lang: str) -> str:
    """A ``2026-11`` month key: ``2026年11月`` / ``Nov 2026`` (anything else as it is)."""
    year, _, number = month.partition("-")
    if not (year.isdigit() and number.isdigit() and 1 <= int(number) <= 12):
        return month
    return format_month(date(int(year), int(number), 1), lang)


def compact_count(value: float, lang: str) -> str:
    """A count short enough for a card or a cell: 9,876 · 1.2万 · 3.4亿 / 12.3k · 4.5M."""
    if abs(value) < 10_000:
        return f"{round(value):,}"
    if is_chinese(lang):
        if abs(value) >= 100_000_000:
            return f"{value / 100_000_000:.1f}亿"
        return f"{value / 10_000:.1f}万"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    return f"{value / 1000:.1f}k"
