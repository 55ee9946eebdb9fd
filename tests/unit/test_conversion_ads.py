"""Ad spend per material, video, day, channel and platform, with ROAS and ROI (hand-computed on
tests/conversion_shop.py)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from app.analytics.conversion_ads import ad_report, daily_spend
from app.db import Store
from tests.conversion_shop import load_small_shop, october


@pytest.fixture
def shop(store: Store):  # noqa: ANN201
    return load_small_shop(store)


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


def test_by_material_keeps_each_channel_apart(shop) -> None:  # noqa: ANN001
    data, _ = shop
    frame = ad_report(data, october(), "material")
    assert _rows(frame, "key", "channel", "currency", "spend_cents", "ad_gmv_cents", "label") == [
        ("m1", "qianchuan", "CNY", 5000, 15000, "V1"),
        ("m1", "douplus", "CNY", 1000, 0, "V1"),
        ("V3", "promote", "USD", 1000, 2500, "V3"),
    ]  # the 推商品 report repeats the 千川 spend: left out
    assert list(frame["roas"]) == [3.0, 0.0, 2.5]
    assert list(frame["roi"]) == [2.0, -1.0, 1.5]
    assert list(frame["share"]) == pytest.approx([5 / 6, 1 / 6, 1.0])
    assert frame["orders"].isna().all()  # no report row gave an order count


def test_by_video_day_and_platform(shop) -> None:  # noqa: ANN001
    data, ids = shop
    videos = ad_report(data, october(), "video")
    assert _rows(videos, "key", "currency", "spend_cents", "days") == [
        (ids["V1"], "CNY", 6000, 2),
        (ids["V3"], "USD", 1000, 1),
    ]
    days = ad_report(data, october(), "day")
    assert _rows(days, "label", "currency", "spend_cents") == [
        ("2026-10-06", "CNY", 5000),
        ("2026-10-07", "CNY", 1000),
        ("2026-10-07", "USD", 1000),
    ]
    platforms = ad_report(data, october(), "platform")
    assert _rows(platforms, "key", "currency", "spend_cents") == [
        ("douyin", "CNY", 6000),
        ("tiktok", "USD", 1000),
    ]


def test_by_channel_lists_every_report(shop) -> None:  # noqa: ANN001
    data, _ = shop
    frame = ad_report(data, october(), "channel")
    assert _rows(frame, "key", "currency", "spend_cents") == [
        ("qianchuan", "CNY", 5000),
        ("qianchuan_product", "CNY", 3000),
        ("douplus", "CNY", 1000),
        ("promote", "USD", 1000),
    ]


def test_filters_and_errors(shop) -> None:  # noqa: ANN001
    data, ids = shop
    group = ad_report(data, october(video_ids=(ids["V3"],)), "video")
    assert _rows(group, "key", "spend_cents") == [(ids["V3"], 1000)]
    assert ad_report(data, october(platforms=("kuaishou",)), "day").empty
    with pytest.raises(ValueError, match="ad spend is grouped by"):
        ad_report(data, october(), "hour")


def test_daily_spend(shop) -> None:  # noqa: ANN001
    data, _ = shop
    days = daily_spend(data, october())
    assert len(days) == 31
    tuesday = days[days["day"] == pd.Timestamp(date(2026, 10, 6))].iloc[0]
    assert (tuesday["spend_cents"], tuesday["ad_gmv_cents"], tuesday["roas"]) == (5000, 15000, 3.0)
    assert days["spend_cents"].sum() == 6000
    assert np.isnan(days.iloc[0]["roas"])
    assert daily_spend(data, october(), "USD")["spend_cents"].sum() == 1000
