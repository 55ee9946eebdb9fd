"""Two people, one store: customers, tier rules and campaigns refuse a stale save and log every
hand edit; imports and recomputes leave versions alone (both stores)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from app.analytics.tiers import TierRuleSpec
from app.db import Store
from app.services import campaigns, customers
from app.services.campaigns import CampaignSpec
from app.services.edits import (
    ConcurrentEditError,
    DeletedMeanwhileError,
)
from app.services.imports import import_files
from app.services.tiers import list_rules, recompute_tiers, save_rules
from tests.conftest import TODAY
from tests.customer_store import add_customer, add_line, add_rules
from tests.edits import changes
from tests.exports import doudian_line, doudian_orders
from tests.query import fetch


def _detail_version(store: Store, customer_id: int) -> int:
    reader = store.reader()
    try:
        return customers.customer_detail(reader, customer_id, TODAY).stamp.version
    finally:
        reader.close()


def _rules(store: Store) -> list[TierRuleSpec]:
    reader = store.reader()
    try:
        return list_rules(reader)
    finally:
        reader.close()


def _campaign(store: Store, campaign_id: int) -> CampaignSpec:
    reader = store.reader()
    try:
        return campaigns.get_campaign(reader, campaign_id)
    finally:
        reader.close()


# --- Customers -------------------------------------------------------------------------------


def test_a_stale_tags_and_note_save_is_refused(pair: tuple[Store, Store]) -> None:
    a, b = pair
    cid = add_customer(a, "张**", "138****1234")
    loaded_by_a, loaded_by_b = _detail_version(a, cid), _detail_version(b, cid)
    assert loaded_by_a == loaded_by_b == 1
    tags, version = customers.save_tags_and_note(a, cid, "宝妈，回头客", "喜欢纯棉", loaded_by_a)
    assert (tags, version) == ("宝妈, 回头客", 2)
    with pytest.raises(ConcurrentEditError) as refused:
        customers.save_tags_and_note(b, cid, "学生", "B 的备注", loaded_by_b)
    assert refused.value.changed_by == "李娜"
    assert refused.value.table == "customers"
    row = fetch(
        a, "SELECT tags, note, version, changed_by FROM customers WHERE id = :id", {"id": cid}
    )
    assert row == [("宝妈, 回头客", "喜欢纯棉", 2, "李娜")]
    # B reloads (version 2) and adds to what A wrote.
    assert _detail_version(b, cid) == 2
    customers.save_tags_and_note(b, cid, "宝妈, 回头客, 学生", "喜欢纯棉", 2)
    (update,) = [c for c in changes(a) if c.user_name == "王强"]
    assert update.fields == {"tags": ["宝妈, 回头客", "宝妈, 回头客, 学生"]}
    assert (update.action, update.summary, update.kind) == ("update", "张**", "customers")


def test_the_detail_says_who_changed_the_customer_last(pair: tuple[Store, Store]) -> None:
    a, b = pair
    cid = add_customer(a, "张**", "138****1234")
    add_line(a, cid, "2026-11-01 10:00:00", 9_900)
    customers.set_note(b, cid, "周末回访", version=1)
    reader = a.reader()
    try:
        stamp = customers.customer_detail(reader, cid, TODAY).stamp
    finally:
        reader.close()
    assert (stamp.version, stamp.changed_by) == (2, "王强")
    assert stamp.changed_at is not None


def test_merge_split_and_marks_are_logged_and_bump_versions(pair: tuple[Store, Store]) -> None:
    a, b = pair
    first = add_customer(a, "张**", "138****1234")
    second = add_customer(
        a, "张**", "138****1234", platform="tiktok", kind="buyer_id", value="zhang88"
    )
    customers.set_tags(b, second, "美国")
    merge_id = customers.merge_customers(a, first, second, today=TODAY)
    versions = dict(fetch(a, "SELECT id, version FROM customers ORDER BY id"))
    assert versions == {first: 2, second: 3}  # tags taken over; merged into the first
    with pytest.raises(ConcurrentEditError):
        customers.save_tags_and_note(b, first, "老粉", "", 1)
    customers.undo_merge(b, merge_id, today=TODAY)
    assert customers.mark_private(a, [first], "wecom", since=date(2026, 11, 1)) == 1
    logged = [(c.user_name, c.action, c.row_id) for c in reversed(changes(a))]
    assert logged == [
        ("王强", "update", second),
        ("李娜", "merge", first),
        ("王强", "undo", first),
        ("李娜", "mark", first),
    ]
    merge = next(c for c in changes(a) if c.action == "merge")
    assert merge.fields["merged_id"] == [None, second]
    assert merge.fields["tags"] == ["", "美国"]
    mark = changes(a)[0]
    assert mark.fields == {
        "private_channel": ["", "wecom"],
        "private_since": [None, "2026-11-01"],
    }


def test_saving_a_customer_someone_deleted_is_refused(store: Store) -> None:
    with pytest.raises(DeletedMeanwhileError):
        customers.save_tags_and_note(store, 999, "x", "", 1)
    with pytest.raises(ValueError, match="no customer #999"):
        customers.set_tags(store, 999, "x")  # unversioned: the old message


# --- Tier rules ------------------------------------------------------------------------------


def test_a_stale_tier_rule_save_is_refused(pair: tuple[Store, Store]) -> None:
    a, b = pair
    add_rules(a, {"name": "VIP", "min_orders": 5}, {"name": "老客", "min_orders": 2})
    seen_by_a, seen_by_b = _rules(a), _rules(b)
    assert [r.version for r in seen_by_a] == [1, 1]
    edited = [replace(seen_by_a[0], discount_pct=12.0), seen_by_a[1]]
    save_rules(a, edited, TODAY, loaded={r.id: r.version for r in seen_by_a})
    with pytest.raises(ConcurrentEditError) as refused:
        save_rules(b, [replace(seen_by_b[0], gift="帆布袋"), seen_by_b[1]], TODAY)
    assert (refused.value.changed_by, refused.value.row_id) == ("李娜", seen_by_a[0].id)
    stored = _rules(a)
    assert (stored[0].discount_pct, stored[0].gift, stored[0].version) == (12.0, "", 2)
    assert stored[1].version == 1  # untouched by the save
    # B reloads and saves fine.
    fresh = _rules(b)
    save_rules(b, [replace(fresh[0], gift="帆布袋"), fresh[1]], TODAY)
    assert (_rules(a)[0].gift, _rules(a)[0].version) == ("帆布袋", 3)
    update = changes(a, kind="rules")[0]
    assert (update.user_name, update.action, update.fields) == (
        "王强",
        "update",
        {"gift": ["", "帆布袋"]},
    )


def test_reorder_and_delete_are_versioned_and_logged(pair: tuple[Store, Store]) -> None:
    a, b = pair
    add_rules(a, {"name": "VIP", "min_orders": 5}, {"name": "老客", "min_orders": 2})
    vip, regular = _rules(a)
    stale = {r.id: r.version for r in _rules(b)}
    save_rules(a, [regular, vip], TODAY, loaded={vip.id: 1, regular.id: 1})
    assert [(r.name, r.version) for r in _rules(a)] == [("老客", 2), ("VIP", 2)]
    # B deletes VIP from the list it read before the reorder: refused.
    with pytest.raises(ConcurrentEditError):
        save_rules(b, [regular], TODAY, loaded=stale)
    fresh = _rules(b)
    save_rules(b, [fresh[0]], TODAY, loaded={r.id: r.version for r in fresh})
    assert [r.name for r in _rules(a)] == ["老客"]
    logged = [(c.user_name, c.action, c.summary) for c in reversed(changes(a, kind="rules"))]
    assert logged == [
        ("李娜", "reorder", "VIP"),
        ("李娜", "reorder", "老客"),
        ("王强", "delete", "VIP"),
    ]


def test_a_rule_added_meanwhile_is_not_deleted_by_a_stale_list(pair: tuple[Store, Store]) -> None:
    a, b = pair
    add_rules(a, {"name": "老客", "min_orders": 2})
    read_by_b = _rules(b)
    save_rules(a, [*_rules(a), TierRuleSpec(name="新客", first_order_within_days=30)], TODAY)
    with pytest.raises(ConcurrentEditError) as refused:
        save_rules(b, read_by_b, TODAY, loaded={r.id: r.version for r in read_by_b})
    assert refused.value.changed_by == "李娜"
    assert [r.name for r in _rules(a)] == ["老客", "新客"]
    created = changes(a, kind="rules")[0]
    assert (created.action, created.summary) == ("create", "新客")


# --- Campaigns -------------------------------------------------------------------------------


def _draft(store: Store) -> int:
    return campaigns.save_campaign(store, CampaignSpec(name="老客回归", message_template="{name}"))


def test_a_stale_campaign_save_is_refused(pair: tuple[Store, Store]) -> None:
    a, b = pair
    campaign_id = _draft(a)
    seen_by_a, seen_by_b = _campaign(a, campaign_id), _campaign(b, campaign_id)
    assert (seen_by_a.version, seen_by_a.changed_by) == (1, "李娜")
    campaigns.save_campaign(a, replace(seen_by_a, coupon_code="BACK10"))
    with pytest.raises(ConcurrentEditError) as refused:
        campaigns.save_campaign(b, replace(seen_by_b, coupon_code="VIP20", channel="sms"))
    assert refused.value.changed_by == "李娜"
    assert (_campaign(a, campaign_id).coupon_code, _campaign(a, campaign_id).channel) == (
        "BACK10",
        "wecom",
    )
    fresh = _campaign(b, campaign_id)
    campaigns.save_campaign(b, replace(fresh, channel="sms"))
    now = _campaign(a, campaign_id)
    assert (now.coupon_code, now.channel, now.version, now.changed_by) == (
        "BACK10",
        "sms",
        3,
        "王强",
    )
    update = changes(a, kind="campaigns")[0]
    assert update.fields == {"channel": ["wecom", "sms"]}


def test_mark_sent_and_delete_check_the_version(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    campaign_id = _draft(a)
    stale = _campaign(b, campaign_id)
    campaigns.save_campaign(a, replace(_campaign(a, campaign_id), coupon_code="BACK10"))
    with pytest.raises(ConcurrentEditError):
        campaigns.mark_sent(b, campaign_id, datetime(2026, 11, 20, 10), version=stale.version)
    with pytest.raises(ConcurrentEditError):
        campaigns.delete_campaign(b, campaign_id, version=stale.version)
    campaigns.delete_campaign(a, campaign_id, version=2)
    with pytest.raises(DeletedMeanwhileError) as refused:
        campaigns.save_campaign(b, replace(stale, name="迟到的修改"))
    assert refused.value.changed_by == "李娜"
    assert [(c.action, c.user_name) for c in changes(a, kind="campaigns")] == [
        ("delete", "李娜"),
        ("update", "李娜"),
        ("create", "李娜"),
    ]


# --- Batches leave versions alone ------------------------------------------------------------

VERSIONS_SQL = """
SELECT 'customers', id, version, changed_by FROM customers
UNION ALL SELECT 'tier_rules', id, version, changed_by FROM tier_rules
UNION ALL SELECT 'plan_items', id, version, changed_by FROM plan_items
UNION ALL SELECT 'campaigns', id, version, changed_by FROM campaigns
ORDER BY 1, 2
"""


def test_imports_and_recomputes_change_no_version(demo_store: Store, tmp_path: Path) -> None:
    before = fetch(demo_store, VERSIONS_SQL)
    logged = len(changes(demo_store))
    assert {r[2] for r in before} == {1}  # the demo shop is built by imports
    lines = [doudian_line(1, buyer=7), doudian_line(2, buyer=8, paid="2026-11-20 09:00:00")]
    import_files(demo_store, [doudian_orders(tmp_path / "orders.csv", lines)], today=TODAY)
    recompute_tiers(demo_store, TODAY)
    campaigns.record_responses(demo_store, TODAY)
    after = fetch(demo_store, VERSIONS_SQL)
    assert [r for r in after if r[2] != 1] == []
    assert len(after) > len([r for r in before if r[0] == "customers"])  # the rows are there
    assert len(changes(demo_store)) == logged
