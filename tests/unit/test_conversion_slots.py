"""Orders, payment rate, video conversion by weekday × hour, best slots and weekday ad ROI
(hand-computed on tests/conversion_shop.py; 2026-10-05 is a Monday)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app.analytics.conversion_slots import best_slots, time_slots, weekday_roi
from app.db import Store
from tests.conversion_shop import load_small_shop, october

TUE, WED, THU, FRI, SAT = 1, 2, 3, 4, 5


@pytest.fixture
def shop(store: Store):  # noqa: ANN201
    return load_small_shop(store)


def _cell(slots: pd.DataFrame, weekday: int, hour: int) -> pd.Series:
    return slots[(slots["weekday"] == weekday) & (slots["hour"] == hour)].iloc[0]


def test_orders_by_paid_slot(shop) -> None:  # noqa: ANN001
    slots = time_slots(shop[0], october())
    assert len(slots) == 168
    assert slots["orders"].sum() == 6
    assert _cell(slots, TUE, 20)["orders"] == 2  # L1 + L2 paid Tue 20:02
    assert _cell(slots, TUE, 20)["gmv_cents"] == 29000
    assert _cell(slots, WED, 10)["orders"] == 1  # the TikTok line …
    assert _cell(slots, WED, 10)["gmv_cents"] == 0  # … in USD, not added to the CNY cells
    assert slots.attrs["currency"] == "CNY"
    assert (_cell(slots, THU, 11)["orders"], _cell(slots, TUE, 9)["orders"]) == (1, 1)


def test_payment_rate_of_created_lines(shop) -> None:  # noqa: ANN001
    slots = time_slots(shop[0], october())
    assert _cell(slots, FRI, 21)["pay_rate"] == 0.0  # L4 created Fri 21:00, cancelled
    assert _cell(slots, TUE, 20)["pay_rate"] == 1.0
    assert np.isnan(_cell(slots, 0, 3)["pay_rate"])  # nothing created: unknown


def test_conversion_of_the_videos_posted_in_a_slot(shop) -> None:  # noqa: ANN001
    slots = time_slots(shop[0], october())
    monday_evening = _cell(slots, 0, 20)  # V1, 1000 views, 2 credited lines
    assert (monday_evening["videos"], monday_evening["views"]) == (1, 1000)
    assert monday_evening["conversion"] == pytest.approx(2 / 1000)
    assert _cell(slots, WED, 9)["conversion"] == pytest.approx(1 / 500)  # V3 on TikTok
    saturday = _cell(slots, SAT, 18)  # V4 on 快手: no order export names videos
    assert saturday["videos"] == 1
    assert np.isnan(saturday["conversion"])
    assert slots["videos"].sum() == 3  # V2 was published "day only" (00:00:00): no hour


def test_best_slots(shop) -> None:  # noqa: ANN001
    slots = time_slots(shop[0], october())
    best = best_slots(slots, n=2)
    assert [(s.weekday, s.hour, s.orders) for s in best[:1]] == [(TUE, 20, 2)]
    assert best[1].orders == 1
    by_conversion = best_slots(slots, by="conversion", min_videos=1)
    assert [(s.weekday, s.hour) for s in by_conversion] == [(0, 20), (WED, 9)]  # ties: earlier
    assert best_slots(slots, by="conversion") == []  # no slot has two videos
    with pytest.raises(ValueError, match="best slots are by"):
        best_slots(slots, by="views")


def test_weekday_roi(shop) -> None:  # noqa: ANN001
    roi = weekday_roi(shop[0], october())
    assert list(roi["currency"].unique()) == ["CNY"]
    tuesday, wednesday = roi.iloc[TUE], roi.iloc[WED]
    # Tue: 千川 ¥50 → ¥150 (the 推商品 row repeats that spend and is left out).
    assert (tuesday["spend_cents"], tuesday["ad_gmv_cents"]) == (5000, 15000)
    assert (tuesday["roas"], tuesday["roi"]) == (3.0, 2.0)
    assert (wednesday["roas"], wednesday["roi"]) == (0.0, -1.0)  # DOU+ ¥10, nothing back
    assert roi["roas"].isna().sum() == 5
    usd = weekday_roi(shop[0], october(), currency="USD")
    assert usd.iloc[WED]["roas"] == 2.5
