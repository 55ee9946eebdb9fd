"""The content-to-cash ledger and the products view: cost, margin, break-even ROAS, profit
(hand-computed on tests/conversion_shop.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from app.analytics.conversion_ledger import add_ratios, ledger
from app.analytics.conversion_products import best_and_worst, products
from app.db import Store
from tests.conversion_shop import load_small_shop, october


@pytest.fixture
def shop(store: Store):  # noqa: ANN201
    return load_small_shop(store)


def _row(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy(dtype=bool, na_value=False)
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


def test_formulas_by_hand() -> None:
    frame = pd.DataFrame(
        {
            "gmv_cents": [10000.0, 10000.0, 0.0, 10000.0],
            "refund_cents": [2000.0, 0.0, 0.0, 0.0],
            "net_cents": [8000.0, 10000.0, 0.0, 10000.0],
            "cost_cents": [5000.0, 12000.0, np.nan, np.nan],
            "costed_gmv_cents": [10000.0, 10000.0, 0.0, 0.0],
            "ad_spend_cents": [2000.0, 1000.0, 500.0, 0.0],
            "ad_gmv_cents": [5000.0, 3000.0, 0.0, 0.0],
        }
    )
    out = add_ratios(frame)
    # Row 0: margin 0.5, refund rate 0.2 → break-even 1 / (0.5 × 0.8) = 2.5; ROAS 2.5 is not below.
    assert out.loc[0, "margin"] == pytest.approx(0.5)
    assert out.loc[0, "refund_rate"] == pytest.approx(0.2)
    assert out.loc[0, "break_even_roas"] == pytest.approx(2.5)
    assert out.loc[0, "roas"] == pytest.approx(2.5)
    assert out.loc[0, "roi"] == pytest.approx(1.5)
    assert out.loc[0, "profit_cents"] == pytest.approx(8000 * 0.5 - 2000)
    assert not out.loc[0, "below_break_even"]
    # Row 1: selling below cost never breaks even: infinite break-even, always below.
    assert out.loc[1, "margin"] == pytest.approx(-0.2)
    assert math.isinf(out.loc[1, "break_even_roas"])
    assert out.loc[1, "below_break_even"]
    assert out.loc[1, "profit_cents"] == pytest.approx(10000 * -0.2 - 1000)
    # Row 2: spend without any sale loses the spend; no margin, no break-even.
    assert out.loc[2, "profit_cents"] == -500
    assert np.isnan(out.loc[2, "break_even_roas"])
    assert out.loc[2, "below_break_even"] is pd.NA
    # Row 3: sales without a cost price: margin and profit unknown, never 0.
    assert np.isnan(out.loc[3, "margin"])
    assert np.isnan(out.loc[3, "profit_cents"])
    assert np.isnan(out.loc[3, "roas"])


def test_ledger_per_video(shop) -> None:  # noqa: ANN001
    data, ids = shop
    frame = ledger(data, october())
    assert len(frame) == 4
    v1 = _row(frame, video_id=ids["V1"])
    assert (v1["orders"], v1["currency"], v1["gmv_cents"], v1["refund_cents"]) == (
        2,
        "CNY",
        29000,
        9000,
    )
    assert v1["net_cents"] == 20000
    assert v1["cost_cents"] == 2 * 4000 + 5000  # L1 at the product's cost, L2 at 蓝色's
    assert v1["margin"] == pytest.approx(16000 / 29000)
    assert v1["refund_rate"] == pytest.approx(9000 / 29000)
    assert v1["ad_spend_cents"] == 6000  # 千川 ¥50 + DOU+ ¥10
    assert v1["ad_gmv_cents"] == 15000
    assert v1["roas"] == pytest.approx(2.5)
    even = 1 / ((16000 / 29000) * (20000 / 29000))
    assert v1["break_even_roas"] == pytest.approx(even)  # 2.628
    assert v1["below_break_even"]  # 2.5 < 2.628: this spend loses money
    assert v1["profit_cents"] == pytest.approx(20000 * 16000 / 29000 - 6000)
    assert v1["completion_rate"] == 0.3
    v3 = _row(frame, video_id=ids["V3"])
    assert (v3["currency"], v3["gmv_cents"], v3["ad_spend_cents"]) == ("USD", 2500, 1000)
    assert np.isnan(v3["margin"])  # no cost price for the TikTok product
    assert v3["below_break_even"] is pd.NA
    v2 = _row(frame, video_id=ids["V2"])
    assert (v2["orders"], v2["gmv_cents"], v2["ad_spend_cents"]) == (0, 0, 0)  # douyin credits
    assert v2["currency"] == "CNY"  # a known ¥0, in the currency 抖音 lines sell in
    v4 = _row(frame, video_id=ids["V4"])
    assert np.isnan(v4["orders"])  # 快手 exports credit no orders: unknown
    assert np.isnan(v4["ad_spend_cents"])  # and no ad report
    assert v4["currency"] == "CNY"  # no sales and no account: 快手's usual currency, for ¥0.00
    assert not frame["mixed_currency"].any()
    assert frame["currency"].notna().all()


def test_a_video_without_sales_takes_its_platforms_account_currency(store: Store) -> None:
    from dataclasses import replace

    data, ids = load_small_shop(store)
    frame = ledger(replace(data, account_currencies={"kuaishou": "HKD"}), october())
    assert _row(frame, video_id=ids["V4"])["currency"] == "HKD"
    assert data.home_currency("tiktok") == "USD"
    assert data.home_currency("xiaohongshu") == "CNY"


def test_ledger_per_pillar(shop) -> None:  # noqa: ANN001
    data, ids = shop
    frame = ledger(data, october(), by="pillar")
    tested = _row(frame, pillar_id=ids["pillar"])
    assert (tested["videos"], tested["views"], tested["orders"]) == (1, 1000, 2)
    assert tested["profit_cents"] == pytest.approx(20000 * 16000 / 29000 - 6000)
    assert tested["below_break_even"]
    rest = frame[frame["pillar_id"].isna()].set_index("currency")
    # Without a pillar: V2 (抖音, ¥0 sold) in CNY and V3 in USD; V4 (快手, sales unknown) joins
    # the first of the two (a tie in videos: CNY before USD), adding views, never money.
    assert list(rest.index) == ["CNY", "USD"]
    assert (rest.loc["CNY", "videos"], rest.loc["CNY", "views"]) == (2, 5000)
    assert (rest.loc["CNY", "orders"], rest.loc["CNY", "gmv_cents"]) == (0, 0)
    assert rest.loc["CNY", "completion_rate"] == pytest.approx(0.5)  # only V4 has one
    assert (rest.loc["USD", "videos"], rest.loc["USD", "orders"]) == (1, 1)
    assert rest.loc["USD", "gmv_cents"] == 2500


def test_ledger_rejects_an_unknown_grouping(shop) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="a ledger is by"):
        ledger(shop[0], october(), by="day")


def test_products_per_product(shop) -> None:  # noqa: ANN001
    data, ids = shop
    frame = products(data, october())
    douyin = _row(frame, platform="douyin")
    assert (douyin["units"], douyin["orders"], douyin["order_count"]) == (5, 4, 3)
    assert (douyin["gmv_cents"], douyin["refund_cents"]) == (49000, 9000)
    assert douyin["refund_rate"] == pytest.approx(9000 / 49000)
    assert douyin["cost_cents"] == 8000 + 5000 + 4000 + 4000
    assert douyin["margin"] == pytest.approx((49000 - 21000) / 49000)
    assert douyin["ad_spend_cents"] == 3000  # the 推商品 report of product 111
    assert (douyin["videos"], douyin["video_ids"]) == (1, (ids["V1"],))
    store = _row(frame, platform="store")  # the store sells the 抖店 product at its cost
    assert (douyin["product_platform"], store["product_platform"]) == ("douyin", "douyin")
    assert (store["gmv_cents"], store["margin"]) == (10000, pytest.approx(0.6))
    assert np.isnan(store["ad_spend_cents"])  # no 推商品 report covers the store
    tiktok = _row(frame, platform="tiktok")
    assert tiktok["currency"] == "USD"
    assert np.isnan(tiktok["cost_cents"])
    assert np.isnan(tiktok["ad_spend_cents"])  # TikTok has no product-level ad report
    assert list(frame["gmv_cents"]) == sorted(frame["gmv_cents"], reverse=True)


def test_products_per_sku(shop) -> None:  # noqa: ANN001
    data, _ = shop
    frame = products(data, october(), by="sku")
    plain = _row(frame, platform="douyin", sku="")
    blue = _row(frame, platform="douyin", sku="蓝色")
    assert (plain["units"], plain["gmv_cents"], plain["margin"]) == (4, 40000, 0.6)
    assert (blue["units"], blue["gmv_cents"], blue["refund_rate"]) == (1, 9000, 1.0)
    assert blue["margin"] == pytest.approx(4000 / 9000)
    assert frame["ad_spend_cents"].isna().all()  # spend is per product, never per SKU


def test_best_and_worst_within_one_currency(shop) -> None:  # noqa: ANN001
    data, _ = shop
    best, worst = best_and_worst(products(data, october()), n=1)
    assert (best.iloc[0]["platform"], best.iloc[0]["gmv_cents"]) == ("douyin", 49000)
    assert (worst.iloc[0]["platform"], worst.iloc[0]["gmv_cents"]) == ("store", 10000)
    best_usd, _ = best_and_worst(products(data, october()), n=5, currency="USD")
    assert list(best_usd["platform"]) == ["tiktok"]
    by_units, _ = best_and_worst(products(data, october()), n=1, by="units")
    assert by_units.iloc[0]["units"] == 5
