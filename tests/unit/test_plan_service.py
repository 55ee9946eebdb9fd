"""The content plan service: CRUD round trips, validation that leaves the store unchanged,
built-in templates, and what linking and unlinking a video does."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from app.db import Store
from app.models.content import PLAN_KINDS as MODEL_KINDS
from app.models.content import PLAN_STATUSES as MODEL_STATUSES
from app.services import plan
from app.services.plan import (
    BUILTIN_TEMPLATE_NAMES,
    PersonaRow,
    PillarRow,
    PlanError,
    PlanItemRow,
    TemplateRow,
)
from tests.dump import logical_dump
from tests.query import fetch, scalar

VIDEO_LINKS = "SELECT plan_item_id, pillar_id, template_id FROM videos WHERE id = :id"


def dump_of(store: Store) -> str:
    return logical_dump(store)


def read(store: Store, fn: Any, *args: Any) -> Any:
    reader = store.reader()
    try:
        return fn(reader, *args)
    finally:
        reader.close()


def sql(store: Store, query: str, params: dict[str, Any] | None = None) -> list[tuple]:
    return fetch(store, query, params)


def test_constants_match_the_models() -> None:
    assert plan.PLAN_STATUSES == MODEL_STATUSES
    assert plan.PLAN_KINDS == MODEL_KINDS


# --- pillars, personas, templates --------------------------------------------------------------


def test_pillar_round_trip_and_update(store: Store) -> None:
    new = PillarRow(None, " 穿搭教程 ", "每周三条", "#E15759", "30 秒学会一套，不拍长教程")
    pillar_id = plan.save_pillar(store, new)
    (saved,) = read(store, plan.list_pillars)
    assert saved == PillarRow(pillar_id, "穿搭教程", "每周三条", "#e15759", new.differentiation)
    plan.save_pillar(store, PillarRow(pillar_id, "职场干货", color="#59a14f"))
    (updated,) = read(store, plan.list_pillars)
    assert (updated.id, updated.name, updated.color, updated.description) == (
        pillar_id,
        "职场干货",
        "#59a14f",
        "",
    )


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (PillarRow(None, "  "), "name", plan.MSG_NAME_REQUIRED),
        (PillarRow(None, "x" * 61), "name", plan.MSG_NAME_TOO_LONG),
        (PillarRow(None, "搞笑段子", color="red"), "color", plan.MSG_BAD_COLOR),
        (PillarRow(None, "好物测评"), "name", plan.MSG_NAME_TAKEN),
        (PillarRow(None, "好物测评".upper()), "name", plan.MSG_NAME_TAKEN),
        (PillarRow(999, "开箱"), "id", plan.MSG_NOT_FOUND),
    ],
)
def test_bad_pillars_are_refused_and_nothing_changes(
    store: Store, row: PillarRow, field: str, message: str
) -> None:
    plan.save_pillar(store, PillarRow(None, "好物测评"))
    before = dump_of(store)
    with pytest.raises(PlanError) as caught:
        plan.save_pillar(store, row)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert dump_of(store) == before


def test_persona_round_trip(store: Store) -> None:
    row = PersonaRow(
        None, "精致宝妈", "28-35岁", "江浙沪", "母婴安全", "女 85%", "怕甲醛", "晚上刷"
    )
    persona_id = plan.save_persona(store, row)
    assert read(store, plan.list_personas) == [
        PersonaRow(persona_id, *tuple(vars(row).values())[1:])
    ]
    with pytest.raises(PlanError, match="name"):
        plan.save_persona(store, PersonaRow(None, "精致宝妈"))
    plan.delete_persona(store, persona_id)
    assert read(store, plan.list_personas) == []


def test_template_round_trip_keeps_step_order(store: Store) -> None:
    steps = ("痛点：3秒说出烦恼", " ", "产品：一句话解决", "行动：点小黄车")
    template_id = plan.save_template(store, TemplateRow(None, "我的结构", steps, 25, "自用"))
    (saved,) = read(store, plan.list_templates)
    assert saved == TemplateRow(
        template_id,
        "我的结构",
        ("痛点：3秒说出烦恼", "产品：一句话解决", "行动：点小黄车"),
        25,
        "自用",
    )
    assert sql(store, "SELECT steps FROM templates") == [
        ("痛点：3秒说出烦恼\n产品：一句话解决\n行动：点小黄车",)
    ]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (TemplateRow(None, "空", ()), "steps"),
        (TemplateRow(None, "空", (" ",)), "steps"),
        (TemplateRow(None, "负", ("a",), 0), "duration_s"),
        (TemplateRow(None, "", ("a",)), "name"),
    ],
)
def test_bad_templates_are_refused(store: Store, row: TemplateRow, field: str) -> None:
    before = dump_of(store)
    with pytest.raises(PlanError) as caught:
        plan.save_template(store, row)
    assert caught.value.field == field
    assert dump_of(store) == before


def test_builtin_templates_are_added_once_and_edits_survive(store: Store) -> None:
    assert plan.ensure_builtin_templates(store) == 7
    templates = read(store, plan.list_templates)
    assert tuple(t.name for t in templates) == BUILTIN_TEMPLATE_NAMES
    assert set(BUILTIN_TEMPLATE_NAMES) == {
        "问题-解决方案-效果对比",
        "痛点-产品-证明-行动",
        "剧情反转",
        "口播干货",
        "开箱测评",
        "30秒极简教学",
        "挑战赛/合拍",
    }
    for template in templates:
        assert template.builtin
        assert len(template.steps) >= 4
        assert "3秒" in template.steps[0] or "3秒" in template.steps[1]
        assert all("：" in step for step in template.steps)
        assert 10 <= template.duration_s <= 90
    first = templates[0]
    assert first.steps[0].startswith("问题：3秒")
    edited = TemplateRow(first.id, first.name, ("问题：我的写法",), 40, "改过")
    plan.save_template(store, edited)
    assert plan.ensure_builtin_templates(store) == 0
    assert read(store, plan.list_templates)[0] == edited
    plan.delete_template(store, templates[-1].id)
    assert plan.ensure_builtin_templates(store) == 1
    assert len(read(store, plan.list_templates)) == 7


# --- plan items ---------------------------------------------------------------------------------


def a_setup(store: Store) -> dict[str, int]:
    plan.ensure_builtin_templates(store)
    templates = {t.name: t.id for t in read(store, plan.list_templates)}
    return {
        "pillar": plan.save_pillar(store, PillarRow(None, "使用教程", color="#59a14f")),
        "persona": plan.save_persona(store, PersonaRow(None, "租房青年")),
        "template": templates["30秒极简教学"],
    }


def test_plan_item_round_trip(store: Store) -> None:
    ids = a_setup(store)
    row = PlanItemRow(
        title="  一分钟学会套被套 ",
        kind="duet",
        pillar_id=ids["pillar"],
        persona_id=ids["persona"],
        template_id=ids["template"],
        hook="被套总是套歪？",
        outline="结果\n步骤1",
        platforms=("xiaohongshu", "douyin", "douyin"),
        status="scheduled",
        planned_at=datetime(2026, 12, 3, 20, 0, 0, 123),
        ab_group="B",
        target_length_s=30,
        notes="用灰色四件套",
    )
    item_id = plan.save_plan_item(store, row)
    (saved,) = read(store, plan.list_plan_items)
    assert saved.id == item_id
    assert saved.title == "一分钟学会套被套"
    assert saved.platforms == ("douyin", "xiaohongshu")
    assert saved.planned_at == datetime(2026, 12, 3, 20, 0)
    assert (saved.kind, saved.status, saved.ab_group, saved.target_length_s) == (
        "duet",
        "scheduled",
        "B",
        30,
    )
    assert (saved.pillar_id, saved.persona_id, saved.template_id) == (
        ids["pillar"],
        ids["persona"],
        ids["template"],
    )
    assert saved.created is not None
    assert saved.video_ids == ()
    assert sql(store, "SELECT platforms FROM plan_items") == [("douyin,xiaohongshu",)]


def test_list_plan_items_filters_by_inclusive_days(store: Store) -> None:
    for title, at in (
        ("a", datetime(2026, 11, 30, 23, 59)),
        ("b", datetime(2026, 12, 1, 0, 0)),
        ("c", datetime(2026, 12, 31, 21, 0)),
        ("d", datetime(2027, 1, 1, 8, 0)),
        ("idea", None),
    ):
        plan.save_plan_item(store, PlanItemRow(title=title, planned_at=at))
    everything = read(store, plan.list_plan_items)
    assert [i.title for i in everything] == ["a", "b", "c", "d", "idea"]
    december = read(store, plan.list_plan_items, date(2026, 12, 1), date(2026, 12, 31))
    assert [i.title for i in december] == ["b", "c"]
    assert [i.title for i in read(store, plan.list_plan_items, date(2027, 1, 1))] == ["d"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", plan.MSG_TITLE_REQUIRED),
        ({"title": "长" * 201}, "title", plan.MSG_TITLE_TOO_LONG),
        ({"status": "done"}, "status", plan.MSG_UNKNOWN_STATUS),
        ({"kind": "remix"}, "kind", plan.MSG_UNKNOWN_KIND),
        ({"platforms": ("douyin", "weibo")}, "platforms", plan.MSG_UNKNOWN_PLATFORM),
        ({"target_length_s": 0}, "target_length_s", plan.MSG_LENGTH_NOT_POSITIVE),
        ({"target_length_s": -15}, "target_length_s", plan.MSG_LENGTH_NOT_POSITIVE),
        ({"target_length_s": 12.5}, "target_length_s", plan.MSG_LENGTH_NOT_POSITIVE),
        ({"target_length_s": 4 * 3600}, "target_length_s", plan.MSG_LENGTH_TOO_LONG),
        ({"ab_group": "x" * 21}, "ab_group", plan.MSG_AB_GROUP_TOO_LONG),
        ({"status": "scheduled", "planned_at": None}, "planned_at", plan.MSG_SCHEDULED_NEEDS_TIME),
        ({"pillar_id": 999}, "pillar_id", plan.MSG_NOT_FOUND),
        ({"template_id": 999}, "template_id", plan.MSG_NOT_FOUND),
        ({"product_id": 5}, "product_id", plan.MSG_NOT_FOUND),
        ({"id": 999}, "id", plan.MSG_NOT_FOUND),
    ],
)
def test_bad_plan_items_are_refused_and_nothing_changes(
    store: Store, changes: dict[str, Any], field: str, message: str
) -> None:
    ids = a_setup(store)
    good = PlanItemRow(title="ok", pillar_id=ids["pillar"], planned_at=datetime(2026, 12, 1, 20))
    item_id = plan.save_plan_item(store, good)
    before = dump_of(store)
    with pytest.raises(PlanError) as caught:
        plan.save_plan_item(store, PlanItemRow(**{**vars(good), "id": item_id, **changes}))
    assert (caught.value.field, caught.value.message) == (field, message)
    assert message in plan.PLAN_ERROR_MESSAGES
    assert dump_of(store) == before


def test_item_from_template_takes_its_steps_as_outline(store: Store) -> None:
    plan.ensure_builtin_templates(store)
    templates = {t.name: t for t in read(store, plan.list_templates)}
    teach = templates["30秒极简教学"]
    row = plan.new_plan_item_from_template(teach, title="30秒学会叠被子", pillar_id=None)
    assert row.outline.splitlines() == list(teach.steps)
    assert (row.template_id, row.target_length_s, row.kind) == (teach.id, 30, "original")
    challenge = plan.new_plan_item_from_template(templates["挑战赛/合拍"], title="接力")
    assert challenge.kind == "challenge"
    item_id = plan.save_plan_item(store, row)
    assert read(store, plan.get_plan_item, item_id).outline == row.outline


def test_move_and_set_status(store: Store) -> None:
    item_id = plan.save_plan_item(store, PlanItemRow(title="x", status="idea"))
    with pytest.raises(PlanError) as caught:
        plan.set_status(store, item_id, "scheduled")
    assert caught.value.field == "planned_at"
    plan.move_plan_item(store, item_id, datetime(2026, 12, 2, 19, 30, 5, 999))
    plan.set_status(store, item_id, "scheduled")
    item = read(store, plan.get_plan_item, item_id)
    assert (item.planned_at, item.status) == (datetime(2026, 12, 2, 19, 30, 5), "scheduled")
    with pytest.raises(PlanError):
        plan.set_status(store, item_id, "archived")
    with pytest.raises(PlanError):
        plan.move_plan_item(store, 999, datetime(2026, 12, 2))
    assert read(store, plan.get_plan_item, item_id).status == "scheduled"


def test_overdue_is_planned_in_the_past_and_not_published() -> None:
    now = datetime(2026, 11, 28, 12)
    late = PlanItemRow(title="a", status="edited", planned_at=datetime(2026, 11, 27, 20))
    done = PlanItemRow(title="b", status="published", planned_at=datetime(2026, 11, 27, 20))
    ahead = PlanItemRow(title="c", status="edited", planned_at=datetime(2026, 11, 28, 20))
    idea = PlanItemRow(title="d")
    assert plan.overdue_items([late, done, ahead, idea], now) == [late]


def test_deleting_a_pillar_keeps_its_items(store: Store) -> None:
    ids = a_setup(store)
    item_id = plan.save_plan_item(store, PlanItemRow(title="x", pillar_id=ids["pillar"]))
    plan.delete_pillar(store, ids["pillar"])
    assert read(store, plan.get_plan_item, item_id).pillar_id is None
    plan.delete_plan_item(store, item_id)
    assert read(store, plan.list_plan_items) == []
    with pytest.raises(PlanError):
        plan.delete_plan_item(store, item_id)


# --- linking videos (on the demo shop) ----------------------------------------------------------


def test_link_relink_and_unlink(demo_store: Store) -> None:
    ((video_id, platform),) = fetch(
        demo_store,
        "SELECT id, platform FROM videos WHERE plan_item_id IS NULL AND pillar_id IS NOT NULL "
        "ORDER BY id LIMIT 1",
    )
    with demo_store.engine.begin() as conn:
        conn.execute(
            text("UPDATE videos SET pillar_id = NULL, template_id = NULL WHERE id = :id"),
            {"id": video_id},
        )
    ids = {t.name: t.id for t in read(demo_store, plan.list_templates)}
    pillar = read(demo_store, plan.list_pillars)[1]
    first = plan.save_plan_item(
        demo_store,
        PlanItemRow(
            title="第一条",
            pillar_id=pillar.id,
            template_id=ids["剧情反转"],
            status="scheduled",
            planned_at=datetime(2026, 11, 20, 20),
        ),
    )
    second = plan.save_plan_item(demo_store, PlanItemRow(title="第二条", status="edited"))

    plan.link_video(demo_store, video_id, first)
    row = fetch(demo_store, VIDEO_LINKS, {"id": video_id})
    assert row == [(first, pillar.id, ids["剧情反转"])]
    assert read(demo_store, plan.get_plan_item, first).status == "published"
    linked = read(demo_store, plan.get_plan_item, first)
    assert linked.video_ids == (video_id,)
    assert linked.views == scalar(
        demo_store,
        "SELECT views FROM video_snapshots WHERE video_id = :id ORDER BY snapshot_at DESC LIMIT 1",
        {"id": video_id},
    )

    plan.link_video(demo_store, video_id, second)  # relink: the first item loses its video
    assert read(demo_store, plan.get_plan_item, first).status == "scheduled"
    assert read(demo_store, plan.get_plan_item, second).status == "published"
    assert fetch(demo_store, VIDEO_LINKS, {"id": video_id}) == [
        (second, pillar.id, ids["剧情反转"])
    ]  # pillar and template kept: the second item has none to give

    plan.unlink_video(demo_store, video_id)
    assert fetch(
        demo_store, "SELECT plan_item_id FROM videos WHERE id = :id", {"id": video_id}
    ) == [(None,)]
    assert read(demo_store, plan.get_plan_item, second).status == "edited"  # no planned time
    with pytest.raises(PlanError):
        plan.link_video(demo_store, 10**6, first)
    with pytest.raises(PlanError):
        plan.link_video(demo_store, video_id, 10**6)
    assert platform


def test_linking_keeps_a_videos_own_pillar(demo_store: Store) -> None:
    ((video_id, own_pillar),) = fetch(
        demo_store,
        "SELECT id, pillar_id FROM videos WHERE plan_item_id IS NULL AND pillar_id IS NOT NULL "
        "ORDER BY id LIMIT 1",
    )
    other = next(p.id for p in read(demo_store, plan.list_pillars) if p.id != own_pillar)
    item = plan.save_plan_item(demo_store, PlanItemRow(title="x", pillar_id=other))
    plan.link_video(demo_store, video_id, item)
    assert scalar(demo_store, "SELECT pillar_id FROM videos WHERE id = :id", {"id": video_id}) == (
        own_pillar
    )


def test_lists_for_pickers(demo_store: Store) -> None:
    products = read(demo_store, plan.list_products)
    assert len(products) == scalar(demo_store, "SELECT COUNT(*) FROM products")
    videos = read(demo_store, plan.list_videos)
    assert len(videos) == scalar(demo_store, "SELECT COUNT(*) FROM videos")
    assert all(v.views is None or v.views >= 0 for v in videos)
    newest = max(v.published_at for v in videos)
    assert videos[0].published_at == newest
    day = newest.date()
    same_day = read(demo_store, plan.list_videos, day, day)
    assert same_day
    assert all(v.published_at.date() == day for v in same_day)
