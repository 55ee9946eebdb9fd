"""A/B test statistics over member videos: counts per metric, comparison with A, sample size,
peeking (app.analytics.abtest)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from app.analytics import abtest
from app.analytics.proportions import compare_proportions, sample_size_per_group

NAN = np.nan


def _videos() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "video_id": [1, 2, 3, 4],
            "platform": ["douyin", "douyin", "kuaishou", "douyin"],
            "views": [1000.0, 3000.0, 2000.0, NAN],
            "completion_rate": [0.3, 0.4, 0.5, 0.9],
            "likes": [10.0, 30.0, 40.0, 5.0],
            "comments": [5.0, NAN, 10.0, 5.0],
            "shares": [3.0, 0.0, NAN, 5.0],
            "favorites": [2.0, 0.0, NAN, 5.0],
            "followers_gained": [4.0, 6.0, NAN, 1.0],
            "product_clicks": [NAN, NAN, NAN, NAN],
            "orders": [2.0, 0.0, NAN, 1.0],
        }
    )


MEMBERS = pd.DataFrame({"variant": ["A", "A", "B", "B", "B"], "video_id": [1, 2, 3, 4, 3]})
NAMES = {"A": "口播", "B": "剧情"}


def _counts(metric: str, credited: tuple[str, ...] = ("douyin",)) -> dict[str, tuple]:
    found = abtest.variant_counts(metric, MEMBERS, _videos(), NAMES, credited)
    return {c.key: (c.videos, c.counted, c.successes, c.trials) for c in found}


def test_completion_counts_the_views_that_watched_to_the_end() -> None:
    # A: 0.3 x 1000 + 0.4 x 3000 = 1500 of 4000 views; B: 0.5 x 2000 (video 4 has no views).
    assert _counts("completion_rate") == {"A": (2, 2, 1500.0, 4000.0), "B": (2, 1, 1000.0, 2000.0)}


def test_interaction_adds_the_known_parts() -> None:
    # A: 10+5+3+2 = 20 and 30+0+0 = 30 (comments unknown); B: 40+10 = 50.
    assert _counts("interaction_rate") == {"A": (2, 2, 50.0, 4000.0), "B": (2, 1, 50.0, 2000.0)}


def test_follow_rate_skips_videos_without_followers() -> None:
    assert _counts("follow_rate") == {"A": (2, 2, 10.0, 4000.0), "B": (2, 0, 0.0, 0.0)}


def test_orders_per_view_only_on_platforms_that_credit_videos() -> None:
    assert _counts("orders_per_view")["A"] == (2, 2, 2.0, 4000.0)
    assert _counts("orders_per_view")["B"] == (2, 0, 0.0, 0.0)  # 快手 credits no orders


def test_unknown_metric_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown experiment metric"):
        abtest.metric_parts("watch_time", _videos(), ())


def _analyse(
    metric: str, credited: tuple[str, ...] = ("douyin",), **kwargs
) -> abtest.ExperimentResult:
    counts = abtest.variant_counts(metric, MEMBERS, _videos(), NAMES, credited)
    return abtest.analyse(metric, counts, **kwargs)


def test_click_rate_without_clicks_says_no_export_gives_them() -> None:
    result = _analyse("click_rate")
    assert result.unavailable == abtest.NO_CLICKS
    assert all(v.vs_a is None for v in result.variants)


def test_orders_per_view_without_any_crediting_export() -> None:
    assert _analyse("orders_per_view", credited=()).unavailable == abtest.NO_ORDERS


def test_a_variant_without_views_has_no_statistics() -> None:
    assert _analyse("follow_rate").unavailable == abtest.NO_VIEWS


def test_comparison_with_a_by_hand() -> None:
    result = _analyse("completion_rate")
    a, b = result.variants
    assert a.vs_a is None
    assert (a.rate, b.rate) == (0.375, 0.5)
    assert b.vs_a == compare_proportions(1500, 4000, 1000, 2000)
    pooled = 2500 / 6000
    z = 0.125 / math.sqrt(pooled * (1 - pooled) * (1 / 4000 + 1 / 2000))
    assert b.vs_a.z == pytest.approx(z)  # 9.258
    assert b.vs_a.significant


def test_statsmodels_example_through_the_variants() -> None:
    # statsmodels proportions_ztest docs: 5 of 83 vs 12 of 99 -> p 0.159, not significant.
    counts = [
        abtest.VariantCounts("A", "a", 1, 1, 5.0, 83.0),
        abtest.VariantCounts("B", "b", 1, 1, 12.0, 99.0),
    ]
    result = abtest.analyse("follow_rate", counts)
    b = result.variants[1]
    assert b.vs_a.p_value == pytest.approx(0.15918, abs=1e-5)
    assert not b.vs_a.significant
    # No plan: the size that would confirm 5/83 vs 12/99 at 80 % power, and we are far below it.
    assert result.needed_from == "observed"
    assert result.needed_per_variant == sample_size_per_group(5 / 83, 12 / 99)
    assert result.peeking
    assert not result.reached_plan
    assert b.remaining == result.needed_per_variant - 99


def test_planned_size_wins_and_drives_the_peeking_warning() -> None:
    result = _analyse("completion_rate", planned_sample_size=3000)
    assert (result.needed_per_variant, result.needed_from) == (3000, "planned")
    assert [v.remaining for v in result.variants] == [0, 1000]
    assert result.peeking
    done = _analyse("completion_rate", planned_sample_size=2000)
    assert [v.remaining for v in done.variants] == [0, 0]
    assert done.reached_plan
    assert not done.peeking


def test_size_from_the_smallest_effect_at_the_experiment_power() -> None:
    # Fleiss' textbook value: 10 % vs 15 % at alpha .05 and power .8 needs 686 per group.
    assert abtest.needed_views(0.10, [], 0.95, 0.8, min_effect=0.05) == (686, "min_effect")
    result = _analyse("completion_rate", min_effect=0.05, power=0.9)
    assert result.needed_per_variant == sample_size_per_group(0.375, 0.425, 0.05, 0.9)
    assert result.needed_from == "min_effect"


def test_no_size_without_a_usable_rate() -> None:
    assert abtest.needed_views(None, [0.2], 0.95, 0.8) == (None, None)
    assert abtest.needed_views(0.2, [0.2], 0.95, 0.8) == (None, None)


def test_three_variants_each_against_a() -> None:
    counts = [
        abtest.VariantCounts("C", "c", 1, 1, 30.0, 100.0),
        abtest.VariantCounts("A", "a", 1, 1, 10.0, 100.0),
        abtest.VariantCounts("B", "b", 1, 1, 20.0, 100.0),
    ]
    result = abtest.analyse("interaction_rate", counts)
    assert [v.key for v in result.variants] == ["A", "B", "C"]
    assert result.variants[1].vs_a.difference == pytest.approx(0.1)
    assert result.variants[2].vs_a.difference == pytest.approx(0.2)
    # The observed size is for the farthest variant (C vs A).
    assert result.needed_per_variant == sample_size_per_group(0.1, 0.3)


def test_more_successes_than_views_is_reported_not_raised() -> None:
    counts = [
        abtest.VariantCounts("A", "a", 1, 1, 5.0, 3.0),
        abtest.VariantCounts("B", "b", 1, 1, 1, 3),
    ]
    assert abtest.analyse("interaction_rate", counts).unavailable == abtest.INVALID_COUNTS


def test_one_variant_is_too_few() -> None:
    counts = [abtest.VariantCounts("A", "a", 1, 1, 1.0, 3.0)]
    assert abtest.analyse("interaction_rate", counts).unavailable == abtest.TOO_FEW_VARIANTS


def test_result_as_json_keeps_the_figures() -> None:
    data = _analyse("completion_rate", planned_sample_size=3000).to_json()
    assert data["needed_per_variant"] == 3000
    assert data["variants"][0] == {
        "key": "A",
        "name": "口播",
        "videos": 2,
        "counted": 2,
        "successes": 1500.0,
        "trials": 4000.0,
        "rate": 0.375,
        "remaining": 0,
    }
    assert data["variants"][1]["diff"] == pytest.approx(0.125)
