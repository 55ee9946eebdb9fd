"""Numbers, money and dates on screen follow the UI language (Chinese or US English)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from app.views.customers.labels import tier_reason_text
from app.views.formatting import (
    compact_count,
    currency_choice,
    currency_name,
    format_date,
    format_datetime,
    format_money,
    format_month,
    format_period,
    format_seconds,
    format_short_date,
    format_short_datetime,
    format_value,
    format_weekday,
    join_list,
    month_name,
    traffic_format_name,
    with_note,
)
from app.views.i18n import Translations
from app.views.table_models.frame_model import format_cell

SATURDAY = date(2026, 11, 28)
EVENING = datetime(2026, 11, 28, 20, 5)


@pytest.fixture
def language(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    translations = Translations(qapp)
    assert translations.apply(request.param)
    yield request.param
    translations.apply("en")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh_CN",
            {
                "date": "2026-11-28",
                "short": "11月28日",
                "datetime": "2026-11-28 20:05",
                "short_datetime": "11月28日 20:05",
                "month": "2026年11月",
                "weekday": "周六",
                "period": "2026-10-04 至 2026-10-31",
                "seconds": "27.4秒",
                "note": "¥1.00（2026-10-04 至 2026-10-31）",
                "list": "a；b",
            },
        ),
        (
            "en",
            {
                "date": "Nov 28, 2026",
                "short": "Nov 28",
                "datetime": "Nov 28, 2026 20:05",
                "short_datetime": "Nov 28 20:05",
                "month": "Nov 2026",
                "weekday": "Sat",
                "period": "Oct 4, 2026 – Oct 31, 2026",
                "seconds": "27.4 s",
                "note": "¥1.00 (Oct 4, 2026 – Oct 31, 2026)",
                "list": "a; b",
            },
        ),
    ],
    indirect=["language"],
)
def test_dates_and_lengths_in_each_language(language: str, expected: dict[str, str]) -> None:
    assert format_date(SATURDAY) == expected["date"]
    assert format_short_date(SATURDAY) == expected["short"]
    assert format_datetime(EVENING) == expected["datetime"]
    assert format_short_datetime(EVENING) == expected["short_datetime"]
    assert format_month(SATURDAY) == expected["month"]
    assert month_name("2026-11") == expected["month"]  # the period pickers' month keys
    assert month_name("custom") == "custom"
    assert format_weekday(SATURDAY) == expected["weekday"]
    assert format_period(date(2026, 10, 4), date(2026, 10, 31)) == expected["period"]
    assert format_seconds(27.44) == expected["seconds"]
    period = format_period(date(2026, 10, 4), date(2026, 10, 31))
    assert with_note("¥1.00", period) == expected["note"]  # a card's previous period
    assert join_list(["a", "b"]) == expected["list"]
    # Tables and cards use the same helpers.
    assert format_cell(np.datetime64("2026-11-28T20:05"), "datetime") == expected["datetime"]
    assert format_cell(np.datetime64("2026-11-28"), "date") == expected["date"]
    assert format_cell(27.44, "seconds") == expected["seconds"]
    assert format_value(EVENING) == expected["datetime"]
    assert format_value(SATURDAY) == expected["date"]


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("zh_CN", ["9,876", "1.2万", "123.5万", "3.4亿"]),
        ("en", ["9,876", "12.3k", "1.2M", "340.0M"]),
    ],
    indirect=["language"],
)
def test_large_counts_are_abbreviated_as_the_language_does(
    language: str, counts: list[str]
) -> None:
    values = [9876, 12_345, 1_234_567, 340_000_000]
    if language == "zh_CN":
        values[1] = 12_000
    assert [compact_count(v) for v in values] == counts


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("zh_CN", ["人民币", "美元", "人民币（CNY）", "XYZ"]),
        ("en", ["CNY", "USD", "CNY", "XYZ"]),
    ],
    indirect=["language"],
)
def test_currencies_are_named_in_the_ui_language(language: str, names: list[str]) -> None:
    assert [
        currency_name("CNY"),
        currency_name("USD"),
        currency_choice("CNY"),
        currency_name("XYZ"),
    ] == names


@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
def test_money_keeps_its_own_currency_in_both_languages(language: str) -> None:
    assert format_money(129_900, "CNY") == "¥1,299.00"
    assert format_money(-320, "USD") == "-$3.20"
    assert format_money(3591, "BRL") == "BRL 35.91"
    assert format_cell(129_900, "money", "CNY") == "¥1,299.00"
    assert format_cell("USD", "currency") == ("美元" if language == "zh_CN" else "USD")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh_CN", "已付款 6 单 · 实付 ¥4,542.10 · 已 12 天未下单"),
        ("en", "6 paid orders · net ¥4,542.10 · silent for 12 days"),
    ],
    indirect=["language"],
)
def test_a_stored_tier_reason_reads_in_the_ui_language(language: str, expected: str) -> None:
    from app.analytics.tiers import reason_of

    stored = reason_of(
        {"paid_orders": 6, "net_cents": 454_210, "currency": "CNY", "silent_days": 12}
    )
    assert tier_reason_text(stored) == expected
    assert tier_reason_text("首单") == "首单"  # reasons in another form stay as they are


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("zh_CN", ["短视频", "商品卡", "数据将于第二天更新", "搜索"]),
        ("en", ["Short video", "Product card", "Pending (next-day update)", "搜索"]),
    ],
    indirect=["language"],
)
def test_douyin_shop_traffic_formats_read_in_the_ui_language(
    language: str, names: list[str]
) -> None:
    raw = ["短视频", "商品卡", "数据将于第二天更新", "搜索"]  # 搜索: no fixed 抖店 format, as is
    assert [traffic_format_name(t) for t in raw] == names
    assert format_cell("短视频", "traffic_format") == names[0]
