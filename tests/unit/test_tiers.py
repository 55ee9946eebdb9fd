"""Tier rules: every condition, first match wins, match_any, validation (pure, hand-made facts)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from app.analytics.tiers import TierRuleSpec, assign_tiers, top_share_members, validate_rules

AS_OF = date(2026, 11, 28)


def facts(*rows: tuple) -> pd.DataFrame:
    """(id, orders, net cents, currency, first paid day, silent days, channel) per buyer."""
    return pd.DataFrame(
        [
            {
                "customer_id": cid,
                "paid_orders": orders,
                "net_cents": net,
                "currency": currency,
                "first_paid_at": pd.Timestamp(first),
                "silent_days": silent,
                "private_channel": channel,
            }
            for cid, orders, net, currency, first, silent, channel in rows
        ]
    )


def tiers_of(frame: pd.DataFrame, *rules: TierRuleSpec) -> dict[int, str]:
    numbered = [
        TierRuleSpec(**{**r.__dict__, "position": i, "id": i}) for i, r in enumerate(rules, 1)
    ]
    assigned = assign_tiers(frame, numbered, AS_OF)
    return dict(zip(assigned["customer_id"], assigned["tier"], strict=True))


BUYERS = facts(
    (1, 1, 5_000, "CNY", "2026-11-20", 8, ""),
    (2, 2, 20_000, "CNY", "2026-10-01", 3, "wecom"),
    (3, 5, 100_000, "CNY", "2026-06-01", 40, "wechat"),
    (4, 1, 400_000, "CNY", "2026-05-01", 120, ""),
    (5, 6, 500_000, "USD", "2026-09-01", 1, "group"),
)


def test_min_orders_counts_paid_orders() -> None:
    got = tiers_of(BUYERS, TierRuleSpec("repeat", min_orders=2))
    assert got == {1: "", 2: "repeat", 3: "repeat", 4: "", 5: "repeat"}


def test_min_spend_is_in_cny_and_never_converts_other_currencies() -> None:
    got = tiers_of(BUYERS, TierRuleSpec("big", min_spend_cents=100_000))
    assert got == {1: "", 2: "", 3: "big", 4: "big", 5: ""}  # 5 spent 5000 USD, not CNY


def test_top_share_is_within_each_currency() -> None:
    got = tiers_of(BUYERS, TierRuleSpec("top", top_share=0.25))
    # CNY: 4 buyers, top 25 % = the best one (4); USD: 1 buyer, itself.
    assert got == {1: "", 2: "", 3: "", 4: "top", 5: "top"}


def test_top_share_keeps_ties_with_the_last_one_in() -> None:
    tied = facts(
        *[
            (i, 1, cents, "CNY", "2026-11-01", 1, "")
            for i, cents in enumerate((900, 500, 500, 500, 100, 100, 100, 100, 100, 100), start=1)
        ]
    )
    members = top_share_members(tied, 0.2)  # ceil(10 × 0.2) = 2nd best is 500: all three 500s
    assert list(tied["customer_id"][members]) == [1, 2, 3, 4]


def test_first_order_within_days_is_strictly_less() -> None:
    edge = facts(
        (1, 1, 100, "CNY", "2026-10-29", 0, ""),  # 30 days before
        (2, 1, 100, "CNY", "2026-10-30", 0, ""),  # 29 days before
    )
    assert tiers_of(edge, TierRuleSpec("new", first_order_within_days=30)) == {1: "", 2: "new"}


def test_silent_days_is_at_least() -> None:
    got = tiers_of(BUYERS, TierRuleSpec("quiet", silent_days=40))
    assert got == {1: "", 2: "", 3: "quiet", 4: "quiet", 5: ""}


def test_channel_one_or_any_private() -> None:
    assert tiers_of(BUYERS, TierRuleSpec("wc", channel="wecom")) == {
        1: "",
        2: "wc",
        3: "",
        4: "",
        5: "",
    }
    got = tiers_of(BUYERS, TierRuleSpec("pd", channel="private"))
    assert got == {1: "", 2: "pd", 3: "pd", 4: "", 5: "pd"}


def test_all_conditions_must_hold_unless_match_any() -> None:
    both = TierRuleSpec("vip", min_orders=5, min_spend_cents=300_000)
    either = TierRuleSpec("vip", min_orders=5, min_spend_cents=300_000, match_any=True)
    assert tiers_of(BUYERS, both) == dict.fromkeys(range(1, 6), "")
    assert tiers_of(BUYERS, either) == {1: "", 2: "", 3: "vip", 4: "vip", 5: "vip"}


def test_first_match_wins_in_position_order() -> None:
    lost = TierRuleSpec("lost", silent_days=90)
    repeat = TierRuleSpec("repeat", min_orders=2)
    anyone = TierRuleSpec("everyone")  # no condition: a catch-all
    assert tiers_of(BUYERS, lost, repeat, anyone) == {
        1: "everyone",
        2: "repeat",
        3: "repeat",
        4: "lost",
        5: "repeat",
    }
    assert tiers_of(BUYERS, repeat, lost, anyone)[4] == "lost"
    assert tiers_of(BUYERS, anyone, lost) == dict.fromkeys(range(1, 6), "everyone")


def test_inactive_rules_are_skipped() -> None:
    off = TierRuleSpec("off", active=False)
    assert tiers_of(BUYERS, off, TierRuleSpec("repeat", min_orders=2))[1] == ""
    assert set(tiers_of(BUYERS, off).values()) == {""}


def test_assign_keeps_rule_ids() -> None:
    rules = [TierRuleSpec("repeat", position=1, min_orders=2, id=42)]
    assigned = assign_tiers(BUYERS, rules, AS_OF)
    assert assigned["tier_rule_id"].fillna(0).tolist() == [0, 42, 42, 0, 42]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (TierRuleSpec(" "), "needs a name"),
        (TierRuleSpec("x", min_orders=-1), "whole number"),
        (TierRuleSpec("x", silent_days=2.5), "whole number"),  # type: ignore[arg-type]
        (TierRuleSpec("x", top_share=0), "top share"),
        (TierRuleSpec("x", top_share=1.5), "top share"),
        (TierRuleSpec("x", discount_pct=100), "discount"),
        (TierRuleSpec("x", channel="email"), "unknown channel"),
    ],
)
def test_bad_rules_are_refused_with_a_reason(rule: TierRuleSpec, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_rules([rule])


def test_validation_numbers_positions_and_refuses_repeated_names() -> None:
    checked = validate_rules([TierRuleSpec("b", position=9), TierRuleSpec(" a ", position=3)])
    assert [(r.name, r.position) for r in checked] == [("b", 1), ("a", 2)]
    with pytest.raises(ValueError, match="Two tier rules"):
        validate_rules([TierRuleSpec("a"), TierRuleSpec("a")])


def test_default_rules_are_designs_tiers_in_precedence_order() -> None:
    from app.analytics.tiers import default_rules

    rules = validate_rules(default_rules())
    assert [r.name for r in rules] == ["已流失", "流失预警", "VIP", "高价值", "老客", "新客"]
    got = tiers_of(BUYERS, *rules)
    # 4 is 120 days silent: 已流失 first; 3 is 40 days silent: 流失预警 before VIP.
    assert got == {1: "新客", 2: "老客", 3: "流失预警", 4: "已流失", 5: "VIP"}
