"""Days, months and counts as the app and the PDF report both write them (app/locale_formats)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app import locale_formats as lf
from app.reports import numbers

DAY = datetime(2026, 11, 5, 9, 7)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh_CN", ["2026-11-05", "11月5日", "2026-11-05 09:07", "11月5日 09:07", "2026年11月"]),
        ("en", ["Nov 5, 2026", "Nov 5", "Nov 5, 2026 09:07", "Nov 5 09:07", "Nov 2026"]),
    ],
)
def test_days_and_months_in_each_language(lang: str, expected: list[str]) -> None:
    shown = [
        lf.format_date(DAY.date(), lang),
        lf.format_short_date(DAY.date(), lang),
        lf.format_datetime(DAY, lang),
        lf.format_short_datetime(DAY, lang),
        lf.format_month(date(2026, 11, 30), lang),
    ]
    assert shown == expected


def test_month_keys_and_anything_else() -> None:
    assert lf.month_key_name("2026-08", "zh_CN") == "2026年8月"
    assert lf.month_key_name("2026-08", "en") == "Aug 2026"
    assert lf.month_key_name("2026-13", "zh_CN") == "2026-13"


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [(9876, "9,876", "9,876"), (12_345, "1.2万", "12.3k"), (345_000_000, "3.5亿", "345.0M")],
)
def test_counts_are_abbreviated_alike_in_the_app_and_the_report(
    value: int, zh: str, en: str
) -> None:
    assert (lf.compact_count(value, "zh_CN"), lf.compact_count(value, "en")) == (zh, en)
    assert (numbers.abbreviated(value, "zh_CN"), numbers.abbreviated(value, "en")) == (zh, en)
