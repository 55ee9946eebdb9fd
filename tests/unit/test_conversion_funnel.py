"""Loading the conversion data, the filter, the funnel and the key figures (hand-computed on
tests/conversion_shop.py)."""

from __future__ import annotations

from datetime import date

import pytest

from app.analytics.conversion import (
    ConversionFilter,
    compare_funnels,
    format_key,
    funnel,
    period_kpis,
)
from app.analytics.periods import NO_LABEL, Period
from app.db import Store
from tests.conversion_shop import load_small_shop, october


@pytest.fixture
def shop(store: Store):  # noqa: ANN201
    return load_small_shop(store)


def test_lines_load_with_paid_refunded_format_and_cost(shop) -> None:  # noqa: ANN001
    data, ids = shop
    lines = data.lines
    assert len(lines) == 8
    assert lines["paid"].sum() == 7  # L4 was cancelled
    assert lines["refunded"].sum() == 1
    # An empty 流量体裁 among 抖店 lines that carry one is the placeholder the import dropped
    # (数据将于第二天更新); TikTok and the store export no format at all.
    assert list(lines["format_key"]) == [
        "short_video",
        "short_video",
        "live",
        "pending",
        "pending",
        "unknown",
        "unknown",
        "pending",
    ]
    # L1 "" → the product's cost ¥40; L2 蓝色 → its own ¥50; TikTok P2 has none; the store line
    # sells the 抖店 product and takes its cost.
    costs = list(lines["unit_cost_cents"])
    assert costs[:3] == [4000.0, 5000.0, 4000.0]
    assert costs[5] != costs[5]  # NaN
    assert costs[6] == 4000.0
    assert data.attributing_platforms == frozenset({"douyin", "tiktok"})
    assert [c.label for c in data.channel_codes] == ["门店券"]


def test_format_keys() -> None:
    assert format_key("短视频") == "short_video"
    assert format_key(" 商品卡 ") == "product_card"
    assert format_key("数据将于第二天更新") == "pending"
    assert format_key("") == "unknown"
    assert format_key("搜索") == "other"


def test_funnel_of_october(shop) -> None:  # noqa: ANN001
    data, _ = shop
    result = funnel(data, october())
    values = {s.key: s.value for s in result.steps}
    rates = {s.key: s.rate for s in result.steps}
    assert values == {
        "views": 6500.0,  # the four videos published in October
        "product_clicks": None,  # no export gives them: unknown, never 0
        "orders_created": 8.0,
        "orders_paid": 6.0,  # L5 paid in November, L4 cancelled
        "net_gmv": 50000.0,  # CNY: 590.00 paid − 90.00 refunded
    }
    assert rates["product_clicks"] is None
    assert rates["orders_created"] is None  # after an unknown step
    assert rates["orders_paid"] == pytest.approx(6 / 8)
    assert rates["net_gmv"] == pytest.approx(50000 / 59000)
    assert result.currency == "CNY"
    assert result.gmv_cents == {"CNY": 59000, "USD": 2500}
    assert result.refund_cents == {"CNY": 9000, "USD": 0}
    assert result.net_cents == {"CNY": 50000, "USD": 2500}
    assert result.missing == ("product_clicks",)
    assert result.missing_from == {"product_clicks": ()}


def test_content_group_keeps_only_its_videos_orders(shop) -> None:  # noqa: ANN001
    data, ids = shop
    result = funnel(data, october(pillar_ids=(ids["pillar"],)))
    assert result.step("views").value == 1000.0
    assert result.step("orders_paid").value == 2.0  # L1 and L2 name V1
    unlabelled = funnel(data, october(pillar_ids=(NO_LABEL,)))
    assert unlabelled.step("views").value == 5500.0
    assert unlabelled.step("orders_paid").value == 1.0  # L6 names V3 (no pillar)


def test_platform_and_author_filters(shop) -> None:  # noqa: ANN001
    data, _ = shop
    assert funnel(data, october(platforms=("tiktok",))).gmv_cents == {"USD": 2500}
    assert funnel(data, october(authors=("店主",))).step("orders_paid").value == 2.0


def test_two_periods_side_by_side(shop) -> None:  # noqa: ANN001
    data, _ = shop
    november = ConversionFilter(Period.month("2026-11"))
    oct_funnel, nov_funnel = compare_funnels(data, october(), november)
    assert oct_funnel.step("orders_paid").value == 6.0
    assert nov_funnel.step("orders_paid").value == 1.0
    assert nov_funnel.step("views").value == 0.0
    assert nov_funnel.step("orders_created").rate is None
    # The previous period has the same length: 31 days before October 1.
    assert october().previous().period == Period(date(2026, 8, 31), date(2026, 9, 30))


def test_period_kpis(shop) -> None:  # noqa: ANN001
    data, _ = shop
    kpis = period_kpis(data, october())
    assert kpis["orders_paid"] == 6
    assert kpis["gmv"] == {"CNY": 59000, "USD": 2500}
    assert kpis["net_gmv"] == {"CNY": 50000, "USD": 2500}
    # 千川 ¥50 + DOU+ ¥10; the 推商品 report shows the same spend again and is left out.
    assert kpis["ad_spend"] == {"CNY": 6000, "USD": 1000}
    assert kpis["ad_gmv"] == {"CNY": 15000, "USD": 2500}
    assert kpis["refund_rate"] == pytest.approx(9000 / 59000)
    assert kpis["roas"] == pytest.approx(15000 / 6000)
    group = period_kpis(data, october(video_ids=(data.videos["video_id"].iloc[2],)))
    assert group["ad_spend"] == {"USD": 1000}


def test_an_empty_store_gives_unknown_rates(store: Store) -> None:
    from app.services.conversion import conversion_choices, load_conversion

    reader = store.reader()
    data = load_conversion(reader)
    choices = conversion_choices(reader)
    reader.close()
    result = funnel(data, october())
    assert [s.rate for s in result.steps] == [None] * 5
    assert result.gmv_cents == {}
    assert period_kpis(data, october())["roas"] is None
    assert (choices.has_data, choices.months, choices.first_day) == (False, (), None)


def test_choices(store: Store) -> None:
    from app.services.conversion import conversion_choices

    load_small_shop(store)
    reader = store.reader()
    choices = conversion_choices(reader)
    reader.close()
    assert choices.platforms == ("douyin", "kuaishou", "tiktok", "store")
    assert choices.months == ("2026-11", "2026-10")
    assert choices.has_data
    assert [p[1] for p in choices.pillars] == ["测评"]
