"""Tier rules in the store: recompute writes history only on change, preview, save, movement."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from app.db import Store
from app.services.customers import current_tiers
from app.services.imports import import_files
from app.services.tiers import (
    RecomputeResult,
    list_rules,
    preview_rules,
    recompute_tiers,
    save_rules,
    tier_counts,
    tier_movement,
)
from tests.conftest import TODAY
from tests.customer_store import add_customer, add_line, add_rules, add_touch
from tests.exports import doudian_line, doudian_orders
from tests.unit.test_demo import dump

DEFAULTS = (
    {"name": "已流失", "silent_days": 90},
    {"name": "流失预警", "silent_days": 30},
    {"name": "VIP", "min_orders": 5, "min_spend_cents": 300_000, "match_any": True},
    {"name": "老客", "min_orders": 2},
    {"name": "新客", "first_order_within_days": 30},
)


def tiers_now(store: Store, as_of: date | None = None) -> dict[int, str]:
    reader = store.reader()
    try:
        return {cid: name for cid, (_rid, name) in current_tiers(reader, as_of).items()}
    finally:
        reader.close()


def history(store: Store) -> list[tuple]:
    reader = store.reader()
    try:
        return reader.query(
            "SELECT t.customer_id, r.name, t.assigned_at, t.paid_orders, t.monetary_cents "
            "FROM customer_tiers t JOIN tier_rules r ON r.id = t.tier_rule_id ORDER BY t.id"
        )[1]
    finally:
        reader.close()


@pytest.fixture
def shop(store: Store) -> dict[str, int]:
    """Four buyers and a list shopper (有赞, no orders) under the default rules."""
    add_rules(store, *DEFAULTS)
    ids = {
        "new": add_customer(store, "新**", "138****0001"),
        "repeat": add_customer(store, "复**", "138****0002"),
        "quiet": add_customer(store, "静**", "138****0003"),
        "touched": add_customer(store, "触**", "138****0004"),
        "list_only": add_customer(store, "单**", "138****0005", platform="youzan", kind="crm"),
    }
    add_line(store, ids["new"], "2026-11-20 10:00:00", 9_900)
    add_line(store, ids["repeat"], "2026-11-01 10:00:00", 20_000)
    add_line(store, ids["repeat"], "2026-11-10 10:00:00", 30_000)
    add_line(store, ids["quiet"], "2026-09-15 10:00:00", 10_000)  # 74 days before TODAY
    add_line(store, ids["touched"], "2026-08-01 10:00:00", 10_000)
    add_touch(store, ids["touched"], "2026-11-25 09:00:00")  # silent 3 days, one old order
    return ids


def test_recompute_assigns_each_buyer_its_first_matching_tier(
    store: Store, shop: dict[str, int]
) -> None:
    result = recompute_tiers(store, TODAY, at=datetime(2026, 11, 28, 8))
    assert (result.customers, result.changed) == (3, 3)  # "touched" fits no rule: no tier
    assert tiers_now(store) == {
        shop["new"]: "新客",
        shop["repeat"]: "老客",
        shop["quiet"]: "流失预警",
    }
    rows = {r[0]: r[1:] for r in history(store)}
    assert rows[shop["repeat"]] == ("老客", "2026-11-28 08:00:00.000000", 2, 50_000)


def test_a_second_recompute_writes_nothing_and_a_change_writes_one_row(
    store: Store, shop: dict[str, int]
) -> None:
    recompute_tiers(store, TODAY, at=datetime(2026, 11, 28, 8))
    assert recompute_tiers(store, TODAY).changed == 0
    add_line(store, shop["new"], "2026-11-27 12:00:00", 5_000)  # a second order
    result = recompute_tiers(store, TODAY, at=datetime(2026, 11, 28, 9))
    assert result.changed == 1
    assert [r[:2] for r in history(store) if r[0] == shop["new"]] == [
        (shop["new"], "新客"),
        (shop["new"], "老客"),
    ]
    # The history answers "which tier on a day": before the second recompute it was 新客.
    assert tiers_now(store, date(2026, 11, 27)) == {}
    assert tiers_now(store)[shop["new"]] == "老客"


def test_preview_counts_moves_and_leaves_the_store_unchanged(
    store: Store, shop: dict[str, int]
) -> None:
    recompute_tiers(store, TODAY)
    rules = list_rules(store.reader())
    before = history(store)
    warning = next(r for r in rules if r.name == "流失预警")
    edited = [replace(r, silent_days=80) if r is warning else r for r in rules]
    preview = preview_rules(store.reader(), edited, TODAY)
    # quiet (74 days) no longer fits 流失预警, nor anything else: it keeps its tier, as a
    # recompute would leave it; nobody moves.
    assert preview.empty
    assert history(store) == before
    promoted = [replace(r, min_orders=1) if r.name == "老客" else r for r in rules]
    moves = preview_rules(store.reader(), promoted, TODAY).to_dict("records")
    assert moves == [  # "touched" had none: one paid order is enough now
        {"from_tier": "", "to_tier": "老客", "customers": 1},
        {"from_tier": "新客", "to_tier": "老客", "customers": 1},
    ]
    assert save_rules(store, edited, TODAY).changed == 0  # the preview said what saving does
    # ``promoted`` was read before the first save: unversioned, it overwrites that save on purpose
    # (a save naming the old versions is refused, see test_edits_rules_campaigns.py).
    unchecked = [replace(r, version=None) for r in promoted]
    assert save_rules(store, unchecked, TODAY).changed == 2


def test_save_rules_reorders_adds_deletes_and_recomputes(
    store: Store, shop: dict[str, int]
) -> None:
    recompute_tiers(store, TODAY)
    rules = list_rules(store.reader())
    by_name = {r.name: r for r in rules}
    friends = TierRuleSpec_new("企微好友", channel="private")
    # 新客 first, 流失预警 deleted (it has history: kept, inactive), a new catch-all rule.
    edited = [by_name["新客"], by_name["已流失"], by_name["VIP"], by_name["老客"], friends]
    result = save_rules(store, edited, TODAY)
    assert [r.name for r in list_rules(store.reader())] == [
        "新客",
        "已流失",
        "VIP",
        "老客",
        "企微好友",
    ]
    stored = list_rules(store.reader(), include_inactive=True)
    assert [(r.name, r.active) for r in stored if not r.active] == [("流失预警", False)]
    assert tiers_now(store)[shop["quiet"]] == "流失预警"  # no rule fits now: the row stays
    assert tiers_now(store)[shop["repeat"]] == "新客"  # first order 27 days ago: 新客 comes first
    assert result.changed == 1
    with pytest.raises(ValueError, match="Two tier rules"):
        save_rules(store, [by_name["VIP"], replace(by_name["老客"], name="VIP")], TODAY)
    assert [r.name for r in list_rules(store.reader())][0] == "新客"  # unchanged


def TierRuleSpec_new(name: str, **conditions: object):  # noqa: N802
    from app.analytics.tiers import TierRuleSpec

    return TierRuleSpec(name, **conditions)  # type: ignore[arg-type]


def test_a_rule_without_history_is_really_deleted(store: Store, shop: dict[str, int]) -> None:
    rules = list_rules(store.reader())
    save_rules(store, [r for r in rules if r.name != "VIP"], TODAY)
    assert "VIP" not in [r.name for r in list_rules(store.reader(), include_inactive=True)]


def test_tier_counts_follow_rule_order(store: Store, shop: dict[str, int]) -> None:
    recompute_tiers(store, TODAY)
    counts = tier_counts(store.reader(), TODAY)
    assert counts[["tier", "customers", "net_cents"]].values.tolist() == [
        ["流失预警", 1, 10_000],
        ["老客", 1, 50_000],
        ["新客", 1, 9_900],
    ]


def test_movement_compares_month_ends(store: Store, shop: dict[str, int]) -> None:
    recompute_tiers(store, date(2026, 9, 30), at=datetime(2026, 9, 30, 20))
    recompute_tiers(store, date(2026, 10, 31), at=datetime(2026, 10, 31, 20))
    recompute_tiers(store, TODAY, at=datetime(2026, 11, 28, 8))
    movement = tier_movement(store.reader(), TODAY, months=2)
    got = {
        (m, a, b): n
        for m, a, b, n in movement[["month", "from_tier", "to_tier", "customers"]].values
    }
    assert got == {
        # 9-30: quiet (2026-09-15) is 新客; touched (08-01, no touch yet) is 流失预警.
        ("2026-10", "新客", "流失预警"): 1,  # quiet at 10-31: 46 days
        ("2026-10", "流失预警", "已流失"): 1,  # touched at 10-31: 91 days
        ("2026-11", "流失预警", "流失预警"): 1,  # quiet
        ("2026-11", "已流失", "已流失"): 1,  # touched keeps its row: no rule fits it now
        ("2026-11", "", "新客"): 1,
        ("2026-11", "", "老客"): 1,
    }
    assert movement[movement["moved"]]["customers"].sum() == 4
    directions = {(a, b): d for a, b, d in movement[["from_tier", "to_tier", "direction"]].values}
    assert directions == {
        ("新客", "流失预警"): "slipped",
        ("流失预警", "已流失"): "slipped",
        ("流失预警", "流失预警"): "same",
        ("已流失", "已流失"): "same",
        ("", "新客"): "new",
        ("", "老客"): "new",
    }


def test_an_import_recomputes_tiers(store: Store, tmp_path: Path) -> None:
    add_rules(store, *DEFAULTS)
    lines = [doudian_line(1, buyer=7), doudian_line(2, buyer=7, paid="2026-11-20 09:00:00")]
    lines[1][0] = "\t6920435235807599999"  # another order of the same buyer
    results = import_files(store, [doudian_orders(tmp_path / "orders.csv", lines)], today=TODAY)
    assert [r.status for r in results] == ["imported"]
    assert list(tiers_now(store).values()) == ["老客"]


def test_the_demo_tiers_are_what_a_recompute_gives(demo_store: Store) -> None:
    before = dump(demo_store)
    assert recompute_tiers(demo_store, TODAY).changed == 0
    assert dump(demo_store) == before
    names = set(tiers_now(demo_store).values())
    assert names == {"已流失", "流失预警", "VIP", "高价值", "老客", "新客"}


def test_undoing_an_import_recomputes_tiers(store: Store, tmp_path: Path) -> None:
    from app.services.imports import undo_import

    add_rules(store, *DEFAULTS)
    first = doudian_orders(tmp_path / "a.csv", [doudian_line(1, buyer=7)])
    second_line = doudian_line(2, buyer=7, paid="2026-11-20 09:00:00")
    second = doudian_orders(tmp_path / "b.csv", [second_line])
    import_files(store, [first], today=date.today())
    (result,) = import_files(store, [second], today=date.today())
    assert list(tiers_now(store).values()) == ["老客"]
    undo_import(store, result.batch_id)
    # One order left, paid 2026-10-02: whatever today is, it is no 老客 any more.
    assert list(tiers_now(store).values()) in (["流失预警"], ["已流失"])


def test_preview_on_a_store_without_tiers_counts_everyone_as_new_to_a_tier(
    store: Store, shop: dict[str, int]
) -> None:
    from app.analytics.tiers import default_rules

    with store.session_scope() as session:
        from sqlalchemy import delete

        from app.models import TierRule

        session.execute(delete(TierRule))
    preview = preview_rules(store.reader(), default_rules(), TODAY)
    assert preview.to_dict("records") == [
        {"from_tier": "", "to_tier": "新客", "customers": 1},
        {"from_tier": "", "to_tier": "流失预警", "customers": 1},
        {"from_tier": "", "to_tier": "高价值", "customers": 1},  # repeat: top 20 % comes first
    ]
    assert save_rules(store, default_rules(), TODAY).changed == 3


def test_movement_direction_between_value_tiers_and_back_from_silence() -> None:
    from app.analytics.tiers import TierRuleSpec
    from app.services.tiers import _direction

    vip = TierRuleSpec("VIP", position=3, min_orders=5)
    repeat = TierRuleSpec("老客", position=5, min_orders=2)
    warning = TierRuleSpec("流失预警", position=2, silent_days=30)
    assert _direction(repeat, vip, "老客", "VIP") == "up"
    assert _direction(vip, repeat, "VIP", "老客") == "down"
    assert _direction(warning, repeat, "流失预警", "老客") == "returned"


def active_rule_names(store: Store) -> list[str]:
    reader = store.reader()
    try:
        return [rule.name for rule in list_rules(reader)]
    finally:
        reader.close()


def test_a_store_built_from_imports_gets_the_default_tiers_once(
    store: Store, tmp_path: Path
) -> None:
    from app.analytics.tiers import default_rules

    lines = [doudian_line(1, buyer=7), doudian_line(2, buyer=8, paid="2026-11-20 09:00:00")]
    import_files(store, [doudian_orders(tmp_path / "a.csv", lines)], today=TODAY)
    assert active_rule_names(store) == [rule.name for rule in default_rules()]
    # Paid 2026-10-02 (57 days before TODAY: 流失预警); 2026-11-20, the larger of two buyers
    # (the top 20 % by net amount: 高价值 comes before 新客).
    assert sorted(tiers_now(store).values()) == ["流失预警", "高价值"]
    # The user deletes every rule: the next import seeds nothing back.
    save_rules(store, [], TODAY)
    assert active_rule_names(store) == []
    later = doudian_line(3, buyer=9, paid="2026-11-25 09:00:00")
    import_files(store, [doudian_orders(tmp_path / "b.csv", [later])], today=TODAY)
    assert active_rule_names(store) == []
    assert recompute_tiers(store, TODAY) == RecomputeResult(0, 0)


def test_a_store_with_its_own_rules_is_not_seeded(store: Store, shop: dict[str, int]) -> None:
    from app.services.tiers import seed_default_rules

    assert not seed_default_rules(store)
    assert active_rule_names(store) == [rule["name"] for rule in DEFAULTS]
    with store.session_scope() as session:  # a store from before the mark: rules all removed
        from sqlalchemy import delete

        from app.models import CustomerTier, StoreSetting, TierRule

        session.execute(delete(CustomerTier))
        session.execute(delete(TierRule))
        session.execute(delete(StoreSetting))
    assert seed_default_rules(store)  # never marked: it gets the defaults, once
    assert not seed_default_rules(store)
