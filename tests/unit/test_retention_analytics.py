"""Churn windows, segments, holdout drawing, response and uplift maths, templates, recurrence."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from app.analytics.retention import (
    RecurrenceError,
    SegmentError,
    SegmentRule,
    TemplateError,
    WarningSettings,
    campaign_result,
    churn_warning,
    draw_holdout,
    next_send_dates,
    render_message,
    responses,
    select_segment,
    warning_window,
)

AS_OF = date(2026, 11, 28)


def ledger() -> pd.DataFrame:
    """Five customers; silence as of AS_OF: 1 → 40 days, 2 → 20, 3 → 31 (touched 10 ago), 4 → 12,
    5 never paid."""
    return pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4, 5],
            "display_name": ["张三", "李四", "王五", "赵六", "钱七"],
            "tier": ["VIP", "老客", "老客", "VIP", "新客"],
            "last_paid_at": [
                datetime(2026, 10, 19, 9),
                datetime(2026, 11, 8, 23),
                datetime(2026, 10, 28, 12),
                datetime(2026, 11, 16, 8),
                None,
            ],
            "last_touch_at": [None, None, datetime(2026, 11, 18, 10), None, None],
            "median_gap_days": [60.0, 8.0, None, 7.0, None],
            "net_cents": [500_000, 20_000, 90_000, 800_000, 0],
            "paid_orders": [6, 3, 2, 9, 0],
            "platforms": ["douyin", "douyin, kuaishou", "tiktok", "douyin", "douyin"],
            "private_channel": ["wecom", "", "", "wechat", ""],
            "tags": ["回头客, 宝妈", "", "宝妈", "", ""],
            "last_product": ["四件套", "枕头", "被子", "四件套", None],
            "currency": ["CNY", "CNY", "USD", "CNY", "CNY"],
        }
    )


def test_default_window_counts_touches_and_sorts_by_value() -> None:
    slipping = churn_warning(ledger(), AS_OF)
    # 1 silent 40 ≥ 30; 3 paid 31 days ago but touched 10 days ago; 2 and 4 are recent.
    assert slipping["customer_id"].tolist() == [1]
    assert slipping.loc[0, "days_silent"] == 40
    assert slipping.loc[0, "days_over"] == 10


def test_tier_windows_and_own_interval() -> None:
    per_tier = WarningSettings(tier_days={"VIP": 10, "老客": 15})
    slipping = churn_warning(ledger(), AS_OF, per_tier)
    # VIP 10 days: 1 (40) and 4 (12); 老客 15 days: 2 (20); 3 touched 10 days ago stays.
    assert slipping["customer_id"].tolist() == [4, 1, 2]  # by net amount
    assert slipping["window_days"].tolist() == [10, 10, 15]
    own = churn_warning(ledger(), AS_OF, WarningSettings(own_interval=True))
    # 1: ceil(1.5 × 60) = 90 > 40; 2: 12 ≤ 20; 4: ceil(10.5) = 11 ≤ 12; 3 has no gap → 30.
    assert own["customer_id"].tolist() == [4, 2]
    assert own["window_days"].tolist() == [11, 12]
    assert warning_window("VIP", float("nan"), WarningSettings(own_interval=True)) == 30


def test_segment_rules_combine_every_condition() -> None:
    frame = ledger()
    assert select_segment(frame, SegmentRule(), AS_OF) == [1, 2, 3, 4]
    assert select_segment(frame, SegmentRule(tiers=("VIP",)), AS_OF) == [1, 4]
    assert select_segment(frame, SegmentRule(min_days_silent=20), AS_OF) == [1, 2, 3]
    assert select_segment(frame, SegmentRule(min_days_silent=20, max_days_silent=31), AS_OF) == [
        2,
        3,
    ]
    assert select_segment(frame, SegmentRule(min_spend_cents=90_000), AS_OF) == [1, 3, 4]
    assert select_segment(frame, SegmentRule(platforms=("kuaishou",)), AS_OF) == [2]
    assert select_segment(frame, SegmentRule(private_channel=True), AS_OF) == [1, 4]
    assert select_segment(frame, SegmentRule(private_channel=False), AS_OF) == [2, 3]
    assert select_segment(frame, SegmentRule(tags=("宝妈",), min_orders=3), AS_OF) == [1]
    bought = {1: ["云朵四件套 1.8m"], 2: ["乳胶枕"], 4: ["夏凉被"]}
    rule = SegmentRule(products=("四件套", "枕"))
    assert select_segment(frame, rule, AS_OF, bought) == [1, 2]


def test_segment_rule_round_trips_and_rejects_bad_json() -> None:
    rule = SegmentRule(tiers=("VIP", "老客"), min_days_silent=30, private_channel=False)
    assert SegmentRule.from_json(rule.to_json()) == rule
    assert SegmentRule.from_json("") == SegmentRule()
    with pytest.raises(SegmentError, match="Unknown segment condition: colour"):
        SegmentRule.from_json('{"colour": "red"}')
    with pytest.raises(SegmentError, match="not valid JSON"):
        SegmentRule.from_json("platform = douyin")
    with pytest.raises(SegmentError, match="min_days_silent"):
        SegmentRule.from_json('{"min_days_silent": -3}')


def test_holdout_is_reproducible_exact_and_order_free() -> None:
    ids = list(range(1, 101))
    first = draw_holdout(ids, 0.2, seed=7)
    assert len(first.control) == 20
    assert len(first.treatment) == 80
    assert set(first.control).isdisjoint(first.treatment)
    assert draw_holdout(reversed(ids), 0.2, seed=7) == first
    assert draw_holdout(ids + ids[:5], 0.2, seed=7) == first  # duplicates count once
    assert draw_holdout(ids, 0.2, seed=8) != first
    assert len(draw_holdout(range(7), 0.1, seed=1).control) == 1  # round(0.7) = 1
    assert len(draw_holdout(range(3), 0.1, seed=1).control) == 0  # round(0.3) = 0
    with pytest.raises(ValueError, match="holdout share"):
        draw_holdout(ids, 1.0, seed=1)


def _lines(rows: list[tuple[int, str, datetime, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["customer_id", "order_no", "paid_at", "payable_cents", "channel_code"]
    ).assign(currency="CNY")


SENT = datetime(2026, 11, 1, 10, 0)


def test_response_window_and_coupon() -> None:
    targets = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "group": ["treatment"] * 5})
    lines = _lines(
        [
            (1, "A", datetime(2026, 11, 1, 9, 59), 100, ""),  # before the send
            (1, "B", datetime(2026, 11, 1, 10, 0), 200, ""),  # at the send: counts
            (1, "B", datetime(2026, 11, 1, 10, 0), 50, ""),  # second line of the same order
            (2, "C", datetime(2026, 11, 15, 10, 0), 300, ""),  # window end: excluded
            (3, "D", datetime(2026, 11, 20, 10, 0), 400, "HUI20"),  # coupon after the window
            (4, "E", datetime(2026, 11, 14, 9, 0), 500, ""),
            (4, "F", datetime(2026, 11, 5, 9, 0), 600, ""),
        ]
    )
    out = responses(targets, lines, SENT, 14, coupon_code="HUI20").set_index("customer_id")
    assert out["responded_at"].notna().tolist() == [True, False, True, True, False]
    assert out.loc[1, "orders"] == 1
    assert out.loc[1, "revenue_cents"] == 250
    assert out.loc[3, "revenue_cents"] == 400
    assert out.loc[4, "orders"] == 2
    assert out.loc[4, "revenue_cents"] == 1100
    assert out.loc[4, "responded_at"] == pd.Timestamp(2026, 11, 5, 9)
    without = responses(targets, lines, SENT, 14).set_index("customer_id")
    assert not pd.notna(without.loc[3, "responded_at"])


def test_uplift_extra_orders_revenue_and_roi_by_hand() -> None:
    # Treatment 20: 6 respond (one of them twice), ¥100 each order; control 10: 2 respond.
    treat = [(i, "treatment") for i in range(1, 21)]
    ctrl = [(i, "control") for i in range(21, 31)]
    targets = pd.DataFrame(treat + ctrl, columns=["customer_id", "group"])
    rows = [(i, f"T{i}", datetime(2026, 11, 3), 10_000, "") for i in range(1, 7)]
    rows.append((1, "T1b", datetime(2026, 11, 4), 10_000, ""))
    rows += [(i, f"C{i}", datetime(2026, 11, 3), 10_000, "") for i in (21, 22)]
    result = campaign_result(responses(targets, _lines(rows), SENT, 14), cost_cents=5_000)
    assert (result.treated, result.control) == (20, 10)
    assert result.treatment_rate == pytest.approx(0.3)
    assert result.control_rate == pytest.approx(0.2)
    assert result.uplift == pytest.approx(0.1)
    # 1.96 × sqrt(0.2·0.8/10 + 0.3·0.7/20) = 1.96 × 0.16279 = 0.31906
    assert result.comparison is not None
    assert result.comparison.ci_low == pytest.approx(0.1 - 0.31906, abs=1e-4)
    assert result.comparison.ci_high == pytest.approx(0.1 + 0.31906, abs=1e-4)
    assert result.extra_orders == pytest.approx(7 - 2 / 10 * 20)  # 3
    assert result.revenue_cents == 70_000
    assert result.extra_revenue_cents == pytest.approx(70_000 - 20_000 / 10 * 20)  # 30,000
    assert result.roi == pytest.approx((30_000 - 5_000) / 5_000)
    no_control = campaign_result(responses(targets.iloc[:20], _lines(rows), SENT, 14))
    assert no_control.comparison is None
    assert no_control.extra_orders is None
    assert no_control.roi is None


def test_templates_render_and_reject_unknown_placeholders() -> None:
    text = render_message(
        "{name}您好，{tier}专享：券码{coupon}，{product}回购{benefit}",
        {"name": "张三", "tier": "VIP", "coupon": "HUI20", "product": "四件套", "benefit": None},
    )
    assert text == "张三您好，VIP专享：券码HUI20，四件套回购"
    with pytest.raises(TemplateError, match=r"Unknown placeholder \{link\}"):
        render_message("戳{link}预约", {})
    with pytest.raises(TemplateError, match="lone brace"):
        render_message("{name", {})


def test_recurrence_gives_next_send_dates() -> None:
    first = datetime(2026, 11, 6, 19, 30)  # a Friday
    fridays = next_send_dates("weekly:fri", first, datetime(2026, 11, 28, 8), 3)
    assert fridays == [datetime(2026, 12, d, 19, 30) for d in (4, 11, 18)]
    assert next_send_dates("weekly:fri", first, datetime(2026, 11, 27, 19, 0), 1) == [
        datetime(2026, 11, 27, 19, 30)
    ]
    assert next_send_dates("monthly:15", first, datetime(2026, 11, 28), 2) == [
        datetime(2026, 12, 15, 19, 30),
        datetime(2027, 1, 15, 19, 30),
    ]
    assert next_send_dates("", first, datetime(2026, 11, 1), 3) == [first]
    assert next_send_dates("", first, datetime(2026, 11, 7), 3) == []
    with pytest.raises(RecurrenceError, match="weekly:fri"):
        next_send_dates("fortnightly", first, first)
