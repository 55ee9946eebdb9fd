"""Where buyers came from: attribution by format, path, channel code, creator, platform and
video, and the match summary (hand-computed on tests/conversion_shop.py)."""

from __future__ import annotations

import pytest

from app.analytics.conversion import ChannelCodeRow, ConversionFilter
from app.analytics.conversion_attribution import (
    attribution,
    match_summary,
    matching_code,
    path_of,
)
from app.analytics.periods import Period
from app.db import Store
from tests.conversion_shop import load_small_shop, october


@pytest.fixture
def shop(store: Store):  # noqa: ANN201
    return load_small_shop(store)


def _rows(frame, *columns: str) -> set[tuple]:  # noqa: ANN001
    return {tuple(row) for row in frame[list(columns)].itertuples(index=False)}


def test_by_traffic_format_per_currency(shop) -> None:  # noqa: ANN001
    data, _ = shop
    frame = attribution(data, october(), "format")
    assert _rows(
        frame, "key", "currency", "orders", "order_count", "gmv_cents", "refund_cents"
    ) == {
        ("short_video", "CNY", 2, 1, 29000, 9000),  # L1 + L2, one order D1
        ("live", "CNY", 1, 1, 10000, 0),
        ("unknown", "CNY", 1, 1, 10000, 0),  # L7: the store exports no format
        ("pending", "CNY", 1, 1, 10000, 0),  # L8: 抖店 fills it in the next day
        ("unknown", "USD", 1, 1, 2500, 0),  # TikTok exports no format
    }
    assert frame["share"].sum() == pytest.approx(1.0)
    assert list(frame["key"])[0] == "short_video"  # most orders first
    net = dict(zip(frame["key"] + frame["currency"], frame["net_cents"], strict=True))
    assert net["short_videoCNY"] == 20000


def test_pending_format_of_the_last_day(shop) -> None:  # noqa: ANN001
    data, _ = shop
    november = ConversionFilter(Period.month("2026-11"))
    frame = attribution(data, november, "format")
    assert _rows(frame, "key", "label", "orders") == {("pending", "数据将于第二天更新", 1)}
    assert match_summary(data, november).pending == 1


def test_direct_and_indirect_paths(shop) -> None:  # noqa: ANN001
    data, _ = shop
    frame = attribution(data, october(), "path")
    assert _rows(frame, "key", "currency", "orders", "gmv_cents") == {
        ("direct", "CNY", 3, 39000),  # L1, L2 short video, L3 live
        ("direct", "USD", 1, 2500),  # L6 names a video
        ("indirect", "CNY", 2, 20000),  # L7 store coupon code, L8 WeCom group
    }


def test_channel_codes_and_creators(shop) -> None:  # noqa: ANN001
    data, _ = shop
    channel = attribution(data, october(), "channel")
    assert _rows(channel, "key", "currency", "orders") == {
        ("门店券", "CNY", 1),
        ("", "CNY", 4),
        ("", "USD", 1),
    }
    authors = attribution(data, october(), "author")
    assert _rows(authors, "key", "orders") == {("店主", 2), ("达人A", 1), ("@creator", 1), ("", 2)}
    platforms = attribution(data, october(), "platform")
    assert _rows(platforms, "key", "orders") == {("douyin", 4), ("tiktok", 1), ("store", 1)}


def test_by_video_keeps_credited_lines(shop) -> None:  # noqa: ANN001
    data, ids = shop
    frame = attribution(data, october(), "video")
    assert _rows(frame, "key", "label", "currency", "orders", "gmv_cents") == {
        (ids["V1"], "V1", "CNY", 2, 29000),
        (ids["V3"], "V3", "USD", 1, 2500),
    }


def test_unknown_grouping_is_refused(shop) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="attribution is by one of"):
        attribution(shop[0], october(), "weather")


def test_match_summary(shop) -> None:  # noqa: ANN001
    summary = match_summary(shop[0], october())
    assert summary.lines == 6
    assert summary.with_video == 3
    assert summary.short_video_without_video == 0
    assert summary.with_author == 4
    assert summary.pending == 1
    assert summary.attributing_platforms == ("douyin", "tiktok")


def test_code_matching_rules() -> None:
    codes = [
        ChannelCodeRow(1, "TM", "天猫", "direct", prefix=True),
        ChannelCodeRow(2, "TM-YD", "天猫优惠券", "indirect", prefix=True),
        ChannelCodeRow(3, "TM-YD-VIP15", "VIP 券", "indirect"),
    ]
    assert matching_code(codes, "TM-YD-VIP15").label == "VIP 券"  # exact wins
    assert matching_code(codes, "TM-YD-NEW10").label == "天猫优惠券"  # longest prefix
    assert matching_code(codes, "TMX").label == "天猫"
    assert matching_code(codes, "JD-1") is None
    assert matching_code(codes, "") is None
    assert path_of(codes, "TM-1", "short_video", None, "") == "direct"
    assert path_of([], "", "product_card", None, "搜索") == "other"
    assert path_of([], "", "unknown", None, "微信群") == "indirect"
    assert path_of([], "", "unknown", 7, "") == "direct"
