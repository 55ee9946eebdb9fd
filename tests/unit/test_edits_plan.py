"""Two people, one store: plan items are versioned, and every hand edit is logged (both stores)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest

from app.db import Store
from app.services import plan
from app.services.edits import (
    ConcurrentEditError,
    DeletedMeanwhileError,
)
from app.services.plan import PillarRow, PlanItemRow
from tests.edits import changes
from tests.query import fetch, scalar


def _read(store: Store, item_id: int) -> PlanItemRow:
    reader = store.reader()
    try:
        found = plan.get_plan_item(reader, item_id)
    finally:
        reader.close()
    assert found is not None
    return found


def _new_item(store: Store) -> int:
    return plan.save_plan_item(store, PlanItemRow(title="春季新品开箱", platforms=("douyin",)))


def test_a_new_item_is_version_1_stamped_and_logged(pair: tuple[Store, Store]) -> None:
    a, _b = pair
    item_id = _new_item(a)
    row = _read(a, item_id)
    assert (row.version, row.changed_by) == (1, "李娜")
    assert row.changed_at is not None
    (entry,) = changes(a)
    assert (entry.user_name, entry.table_name, entry.row_id, entry.action) == (
        "李娜",
        "plan_items",
        item_id,
        "create",
    )
    assert entry.summary == "春季新品开箱"
    assert entry.fields["title"] == "春季新品开箱"
    assert entry.kind == "plans"


def test_the_second_save_of_the_same_version_is_refused(pair: tuple[Store, Store]) -> None:
    a, b = pair
    item_id = _new_item(a)
    seen_by_a, seen_by_b = _read(a, item_id), _read(b, item_id)
    plan.save_plan_item(a, replace(seen_by_a, hook="先看效果对比"))
    with pytest.raises(ConcurrentEditError) as refused:
        plan.save_plan_item(b, replace(seen_by_b, hook="三秒讲清卖点", notes="B 的备注"))
    assert refused.value.changed_by == "李娜"
    assert refused.value.changed_at is not None
    assert refused.value.version == 2
    assert "李娜" in str(refused.value)
    # The row holds A's edit, not B's.
    assert fetch(a, "SELECT hook, notes, version FROM plan_items WHERE id = :id", {"id": item_id})[
        0
    ] == ("先看效果对比", "", 2)
    # B reloads, re-applies by hand and saves.
    reloaded = _read(b, item_id)
    assert (reloaded.version, reloaded.hook) == (2, "先看效果对比")
    plan.save_plan_item(b, replace(reloaded, notes="B 的备注"))
    row = _read(a, item_id)
    assert (row.hook, row.notes, row.version, row.changed_by) == (
        "先看效果对比",
        "B 的备注",
        3,
        "王强",
    )


def test_an_update_logs_before_and_after_of_what_changed(pair: tuple[Store, Store]) -> None:
    a, b = pair
    item_id = _new_item(a)
    plan.save_plan_item(b, replace(_read(b, item_id), title="开箱测评", status="scripted"))
    updates = [c for c in changes(a) if c.action == "update"]
    assert len(updates) == 1
    assert updates[0].user_name == "王强"
    assert updates[0].fields == {
        "title": ["春季新品开箱", "开箱测评"],
        "status": ["idea", "scripted"],
    }
    assert updates[0].summary == "开箱测评"
    raw = scalar(a, "SELECT fields FROM change_log WHERE action = 'update'")
    assert json.loads(raw)["status"] == ["idea", "scripted"]


def test_saving_unchanged_keeps_the_version(pair: tuple[Store, Store]) -> None:
    a, _b = pair
    item_id = _new_item(a)
    plan.save_plan_item(a, _read(a, item_id))
    assert _read(a, item_id).version == 1
    assert [c.action for c in changes(a)] == ["create"]


def test_board_drag_and_calendar_move_check_the_version(pair: tuple[Store, Store]) -> None:
    a, b = pair
    item_id = _new_item(a)
    stale = _read(b, item_id)
    plan.set_status(a, item_id, "scripted", version=1)
    with pytest.raises(ConcurrentEditError) as refused:
        plan.set_status(b, item_id, "shot", version=stale.version)
    assert refused.value.changed_by == "李娜"
    with pytest.raises(ConcurrentEditError):
        plan.move_plan_item(b, item_id, datetime(2026, 12, 2, 20), version=stale.version)
    assert _read(a, item_id).status == "scripted"
    plan.move_plan_item(b, item_id, datetime(2026, 12, 2, 20), version=2)
    row = _read(a, item_id)
    assert (row.planned_at, row.version, row.changed_by) == (datetime(2026, 12, 2, 20), 3, "王强")
    actions = [(c.action, c.user_name) for c in changes(a)]
    assert actions == [("move", "王强"), ("status", "李娜"), ("create", "李娜")]


def test_saving_an_item_someone_deleted_says_who(pair: tuple[Store, Store]) -> None:
    a, b = pair
    item_id = _new_item(a)
    stale = _read(b, item_id)
    plan.delete_plan_item(a, item_id, version=1)
    with pytest.raises(DeletedMeanwhileError) as refused:
        plan.save_plan_item(b, replace(stale, hook="晚了一步"))
    assert refused.value.changed_by == "李娜"
    assert scalar(a, "SELECT COUNT(*) FROM plan_items") == 0
    deleted = changes(a)[0]
    assert (deleted.action, deleted.summary, deleted.fields["title"]) == (
        "delete",
        "春季新品开箱",
        "春季新品开箱",
    )


def test_deleting_an_item_changed_meanwhile_is_refused(pair: tuple[Store, Store]) -> None:
    a, b = pair
    item_id = _new_item(a)
    plan.save_plan_item(a, replace(_read(a, item_id), hook="新钩子"))
    with pytest.raises(ConcurrentEditError):
        plan.delete_plan_item(b, item_id, version=1)
    assert scalar(a, "SELECT COUNT(*) FROM plan_items") == 1


def test_pillars_personas_templates_are_logged_without_versions(pair: tuple[Store, Store]) -> None:
    a, b = pair
    pillar_id = plan.save_pillar(a, PillarRow(name="开箱"))
    plan.save_pillar(b, PillarRow(pillar_id, "开箱测评"))
    persona_id = plan.save_persona(a, plan.PersonaRow(name="宝妈"))
    template_id = plan.save_template(a, plan.TemplateRow(name="三段式", steps=("钩子", "卖点")))
    plan.delete_persona(b, persona_id)
    plan.delete_template(b, template_id)
    logged = [(c.user_name, c.table_name, c.action, c.summary) for c in reversed(changes(a))]
    assert logged == [
        ("李娜", "content_pillars", "create", "开箱"),
        ("王强", "content_pillars", "update", "开箱测评"),
        ("李娜", "personas", "create", "宝妈"),
        ("李娜", "templates", "create", "三段式"),
        ("王强", "personas", "delete", "宝妈"),
        ("王强", "templates", "delete", "三段式"),
    ]


def test_filters_by_kind_and_person(pair: tuple[Store, Store]) -> None:
    a, b = pair
    _new_item(a)
    plan.save_pillar(b, PillarRow(name="开箱"))
    assert [c.user_name for c in changes(a, user="王强")] == ["王强"]
    assert {c.kind for c in changes(a, kind="plans")} == {"plans"}
    assert changes(a, kind="campaigns") == []
