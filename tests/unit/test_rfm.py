"""RFM: quintile scores keep ties together, threshold mode, segments, grid, settings."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from app.analytics.rfm import (
    RfmSettings,
    RfmThresholds,
    quintile_scores,
    resolved_mode,
    rfm_grid,
    score_rfm,
    segment_summary,
)
from app.db import Store
from app.services.customers import load_ledger, rfm_settings, save_rfm_settings
from tests.conftest import TODAY
from tests.customer_store import add_customer, add_line


def ledger(*rows: tuple) -> pd.DataFrame:
    """(id, recency days, paid orders, net cents[, currency]) per customer."""
    return pd.DataFrame(
        [
            {
                "customer_id": r[0],
                "recency_days": r[1],
                "paid_orders": r[2],
                "net_cents": r[3],
                "currency": r[4] if len(r) > 4 else "CNY",
            }
            for r in rows
        ]
    )


def test_ten_distinct_values_give_two_of_each_score() -> None:
    scores = quintile_scores(pd.Series([5, 1, 9, 3, 7, 2, 10, 4, 8, 6]))
    assert scores.tolist() == [3, 1, 5, 2, 4, 1, 5, 2, 4, 3]


def test_ties_are_kept_together_on_the_lower_score() -> None:
    # Six buyers with one order, four with more: the six share score 1, never split 1/2.
    values = pd.Series([1, 1, 1, 1, 1, 1, 2, 2, 3, 7])
    assert quintile_scores(values).tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    assert quintile_scores(pd.Series([4, 4, 4])).tolist() == [1, 1, 1]


def test_recency_scores_reward_the_most_recent() -> None:
    scores = quintile_scores(pd.Series([1, 100, 10, 50, 5]), higher_is_better=False)
    assert scores.tolist() == [5, 1, 3, 2, 4]


def test_monetary_is_ranked_within_each_currency() -> None:
    frame = ledger(
        (1, 1, 1, 100, "CNY"),
        (2, 1, 1, 900, "CNY"),
        (3, 1, 1, 50, "USD"),
        (4, 1, 1, 10, "USD"),
    )
    scored = score_rfm(frame, RfmSettings("quintile"))
    assert dict(zip(scored["customer_id"], scored["m_score"], strict=True)) == {
        1: 1,
        2: 3,
        3: 3,
        4: 1,
    }


def test_threshold_mode_uses_plain_cut_offs() -> None:
    frame = ledger((1, 30, 1, 9_999), (2, 31, 2, 10_000), (3, 181, 8, 200_000), (4, 0, 5, 80_000))
    scored = score_rfm(frame, RfmSettings("threshold"))
    assert scored[["r_score", "f_score", "m_score"]].values.tolist() == [
        [5, 1, 1],
        [4, 2, 2],
        [1, 5, 5],
        [5, 4, 4],
    ]


def test_auto_mode_switches_at_two_hundred_buyers() -> None:
    assert resolved_mode("auto", 199) == "threshold"
    assert resolved_mode("auto", 200) == "quintile"
    assert resolved_mode("quintile", 3) == "quintile"


def test_segments_follow_the_documented_rules() -> None:
    frame = ledger(
        (1, 5, 9, 1),  # R5 F5: champions
        (2, 45, 3, 1),  # R4 F3: loyal
        (3, 10, 1, 1),  # R5, one order: new
        (4, 120, 5, 1),  # R2 F4: at risk
        (5, 400, 1, 1),  # R1 F1: lost
        (6, 70, 1, 1),  # R3 F1: needs attention
    )
    scored = score_rfm(frame, RfmSettings("threshold"))
    assert scored["segment"].tolist() == [
        "champions",
        "loyal",
        "new",
        "at_risk",
        "lost",
        "needs_attention",
    ]


def test_grid_and_segment_summary_count_customers_and_revenue() -> None:
    frame = ledger((1, 5, 9, 500), (2, 6, 9, 300), (3, 400, 1, 100), (4, 5, 9, 70, "USD"))
    scored = score_rfm(frame, RfmSettings("threshold"))
    grid = rfm_grid(scored)
    assert grid.values.tolist() == [
        [5, 5, "CNY", 2, 800],
        [5, 5, "USD", 1, 70],
        [1, 1, "CNY", 1, 100],
    ]
    summary = segment_summary(scored)
    assert summary.values.tolist() == [
        ["champions", "CNY", 2, 800],
        ["champions", "USD", 1, 70],
        ["lost", "CNY", 1, 100],
    ]


def test_non_buyers_are_not_scored() -> None:
    frame = ledger((1, float("nan"), 0, 0), (2, 3, 1, 100))
    assert score_rfm(frame).customer_id.tolist() == [2]


@pytest.mark.parametrize(
    "bad",
    [
        {"recency_days": (30, 20, 90, 180)},
        {"orders": (2, 3, 5)},
        {"spend_cents": (-1, 2, 3, 4)},
    ],
)
def test_bad_thresholds_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError, match="RFM"):
        RfmThresholds(**bad)
    with pytest.raises(ValueError, match="mode"):
        RfmSettings("deciles")


def test_settings_travel_with_the_store_and_drive_the_ledger(store: Store) -> None:
    assert rfm_settings(store.reader()) == RfmSettings()
    one = add_customer(store, "甲**", "138****0001")
    add_line(store, one, "2026-11-20 10:00:00", 50_000)
    add_line(store, one, "2026-11-25 10:00:00", 50_000)
    row = load_ledger(store.reader(), TODAY).iloc[0]
    assert (row["r_score"], row["f_score"], row["m_score"]) == (5, 2, 4)  # auto: thresholds
    custom = RfmSettings("threshold", RfmThresholds(orders=(3, 4, 5, 6)))
    save_rfm_settings(store, custom)
    assert rfm_settings(store.reader()) == custom
    row = load_ledger(store.reader(), date(2026, 11, 28)).iloc[0]
    assert row["f_score"] == 1
    assert row["segment"] == "needs_attention"
