"""Orders, payment rate, video conversion by weekday × hour, best slots and weekday ad ROI
(hand-computed on tests/conversion_shop.py; 2026-10-05 is a Monday)."""

from __future__ import annotations

from datetime import date

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


def test_orders_by_slot_and_the_weekday_peak() -> None:
    from app.analytics.conversion_slots import best_sales_hour, orders_by_slot

    paid = pd.Series(
        pd.to_datetime(
            ["2026-10-05 21:10", "2026-10-12 21:59", "2026-10-19 21:00", "2026-10-05 09:00", None]
        )
    )
    grid = orders_by_slot(paid)
    assert grid.shape == (7, 24)
    assert (grid.loc[0, 21], grid.loc[0, 9], int(grid.to_numpy().sum())) == (3, 1, 4)
    assert best_sales_hour(grid, 0) == (21, 3)  # three Monday orders paid in the 21:00 hour
    assert best_sales_hour(grid, 1) is None  # no Tuesday sales
    assert best_sales_hour(orders_by_slot(paid[:2]), 0) is None  # two orders say nothing yet
    assert best_sales_hour(None, 0) is None


def test_the_content_heatmap_carries_sales_by_slot(store: Store) -> None:
    from app.services.plan_insights import posting_heatmap, sales_by_slot

    load_small_shop(store)
    reader = store.reader()
    heatmap = posting_heatmap(reader)
    october_only = sales_by_slot(reader, date(2026, 10, 1), date(2026, 10, 31))
    reader.close()
    assert heatmap.sales is not None
    assert int(heatmap.sales.to_numpy().sum()) == 7  # every paid line, L5 (November) too
    assert heatmap.sales.loc[TUE, 20] == 2
    assert int(october_only.to_numpy().sum()) == 6


def test_the_scheduling_suggestion_names_the_buying_peak() -> None:
    from app.analytics.content import Heatmap
    from app.views.content.best_time import suggestion_for

    values = pd.DataFrame(np.nan, index=range(7), columns=range(24))
    counts = pd.DataFrame(0, index=range(7), columns=range(24))
    values.loc[0, 19], counts.loc[0, 19] = 12000.0, 4  # Monday 19:00: 4 videos, median 1.2万
    sales = pd.DataFrame(0, index=range(7), columns=range(24))
    sales.loc[0, 21] = 35  # buyers pay at 21:00 on Mondays
    sales.loc[2, 20] = 8  # and at 20:00 on Wednesdays, where no video says anything
    heatmap = Heatmap("views", 3, values, counts, sales)
    hour, text = suggestion_for(heatmap, date(2026, 12, 7))  # a Monday
    assert hour == 19
    assert "19:00" in text
    assert "over 4 videos" in text
    assert "buyers pay most at 21:00 (35 orders)" in text
    hour, text = suggestion_for(heatmap, date(2026, 12, 9))  # a Wednesday: the sales decide
    assert hour == 20
    assert "buyers paid 8 orders at that hour" in text
    assert suggestion_for(heatmap, date(2026, 12, 8)) is None  # Tuesday: nothing says
    without_sales = Heatmap("views", 3, values, counts)
    assert "buyers" not in suggestion_for(without_sales, date(2026, 12, 7))[1]
