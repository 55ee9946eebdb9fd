"""What the plan learns from the store, on the demo shop (checked against plain SQL over the same
store) and on temporary stores: matching, planned vs actual, best slots, leaderboards, fission,
and the formula-safe Excel export."""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from app.db import Store
from app.services import plan, plan_insights
from app.services.plan import PlanItemRow
from tests.conftest import TODAY
from tests.query import fetch, scalar

MIDNIGHT = datetime.combine(TODAY, datetime.min.time())


def read(store: Store, fn: Any, *args: Any, **kwargs: Any) -> Any:
    reader = store.reader()
    try:
        return fn(reader, *args, **kwargs)
    finally:
        reader.close()


LATEST = """
SELECT v.id, v.platform, v.published_at, COALESCE(v.pillar_id, p.pillar_id), s.views,
       s.completion_rate, v.plan_item_id
FROM videos v LEFT JOIN plan_items p ON p.id = v.plan_item_id
LEFT JOIN video_snapshots s ON s.id = (SELECT s2.id FROM video_snapshots s2
    WHERE s2.video_id = v.id ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
"""


def latest(store: Store) -> list[tuple]:
    return fetch(store, LATEST)


# --- matching -----------------------------------------------------------------------------------


def test_demo_suggests_the_posted_but_unlinked_videos(
    demo_store: Store,
) -> None:
    waiting = fetch(
        demo_store,
        "SELECT id, platforms, planned_at FROM plan_items WHERE status IN ('scheduled', 'edited') "
        "AND planned_at < :today",
        {"today": str(MIDNIGHT)},
    )
    titles = dict(fetch(demo_store, "SELECT id, title FROM plan_items"))
    suggestions = read(demo_store, plan.match_suggestions)
    assert len(suggestions) == 3
    by_item = {s.item_id: s for s in suggestions}
    for item_id, platforms, planned in waiting:
        if item_id not in by_item:
            continue  # the overdue item still in editing has no video
        found = by_item[item_id]
        (video,) = fetch(
            demo_store,
            "SELECT platform, published_at, plan_item_id FROM videos WHERE id = :id",
            {"id": found.video_id},
        )
        assert video[2] is None
        assert video[0] == platforms == found.platform
        apart = abs(datetime.fromisoformat(video[1]) - datetime.fromisoformat(planned))
        assert apart <= timedelta(days=2)
        assert 0.5 <= found.similarity <= 1.0
        assert found.item_title == titles[item_id]
    assert set(by_item) <= {i for i, *_ in waiting}
    assert len({s.video_id for s in suggestions}) == 3

    for suggestion in suggestions:  # the owner confirms them all
        plan.link_video(demo_store, suggestion.video_id, suggestion.item_id)
    assert read(demo_store, plan.match_suggestions) == []
    statuses = fetch(
        demo_store,
        f"SELECT status FROM plan_items WHERE id IN ({','.join(map(str, by_item))})",  # noqa: S608
    )
    assert statuses == [("published",)] * 3
    now = MIDNIGHT
    overdue = plan.overdue_items(read(demo_store, plan.list_plan_items), now)
    assert sorted(i.status for i in overdue) == ["edited", "shot"]


# --- planned vs actual ------------------------------------------------------------------------


def test_planned_vs_actual_on_the_demo(demo_store: Store) -> None:
    start, end = TODAY - timedelta(days=60), TODAY + timedelta(days=30)
    table = read(demo_store, plan.planned_vs_actual, start, end)
    planned = scalar(
        demo_store,
        "SELECT COUNT(*) FROM plan_items WHERE planned_at >= :start AND planned_at < :after",
        {"start": start.isoformat(), "after": (end + timedelta(days=1)).isoformat()},
    )
    assert len(table) == planned
    videos = latest(demo_store)
    published = table[table["status"] == "published"]
    assert len(published) >= 20
    assert (published["videos"] == 1).all()
    last = end
    first = last - timedelta(days=plan_insights.BASELINE_DAYS - 1)
    for row in published.head(8).itertuples():
        (views,) = [v[4] for v in videos if v[6] == row.item_id]
        assert row.views == views
        pillar_views = [
            v[4]
            for v in videos
            if v[3] == row.pillar_id
            and v[4] is not None
            and first <= datetime.fromisoformat(v[2]).date() <= last
        ]
        assert row.pillar_views == statistics.median(pillar_views)
        assert row.views_vs_pillar == pytest.approx(views / statistics.median(pillar_views))
    future = table[table["planned_at"] >= MIDNIGHT]
    assert (future["videos"] == 0).all()
    assert future["views"].isna().all()


# --- best time to post --------------------------------------------------------------------------


def test_demo_heatmap_cells_agree_with_sql(demo_store: Store) -> None:
    heat = read(demo_store, plan.posting_heatmap, "views", 3)
    cells: dict[tuple[int, int], list[int]] = {}
    for _, _, published, _, views, *_ in latest(demo_store):
        moment = datetime.fromisoformat(published)
        if views is None or moment.time() == datetime.min.time():
            continue  # 视频号 and TikTok export the day only
        cells.setdefault((moment.weekday(), moment.hour), []).append(views)
    assert int(heat.counts.to_numpy().sum()) == sum(len(v) for v in cells.values())
    for (day, hour), views in cells.items():
        assert heat.counts.at[day, hour] == len(views)
        assert heat.values.at[day, hour] == statistics.median(views)
    slots = plan.best_slots(heat, 3)
    assert len(slots) == 3
    assert all(s.videos >= 3 for s in slots)
    eligible = [statistics.median(v) for v in cells.values() if len(v) >= 3]
    assert [s.value for s in slots] == sorted(eligible, reverse=True)[:3]
    sunday = plan.best_slots(heat, 1, weekday=6)
    assert all(s.weekday == 6 for s in sunday)


def test_heatmap_period_narrows_the_videos(demo_store: Store) -> None:
    week = (TODAY - timedelta(days=7), TODAY - timedelta(days=1))
    heat = read(demo_store, plan.posting_heatmap, "completion", 1, period=week)
    timed = [
        v
        for v in latest(demo_store)
        if week[0] <= datetime.fromisoformat(v[2]).date() <= week[1]
        and datetime.fromisoformat(v[2]).time() != datetime.min.time()
        and v[5] is not None
    ]
    assert int(heat.counts.to_numpy().sum()) == len(timed)
    assert 0 < len(timed) < 40


# --- leaderboards and fission ----------------------------------------------------------------


def test_pillar_leaderboard_on_the_demo(demo_store: Store) -> None:
    board = read(demo_store, plan.leaderboard, "pillar")
    pillars = dict(fetch(demo_store, "SELECT id, name FROM content_pillars"))
    assert set(board["name"]) == set(pillars.values())
    videos = latest(demo_store)
    for row in board.itertuples():
        mine = [v for v in videos if v[3] == row.id]
        assert row.videos == len(mine)
        assert row.median_views == statistics.median(v[4] for v in mine if v[4] is not None)
        weighted = [(v[4], v[5]) for v in mine if v[4] and v[5] is not None]
        expected = sum(a * b for a, b in weighted) / sum(a for a, _ in weighted)
        assert row.completion_rate == pytest.approx(expected)
        assert row.color.startswith("#")
    assert list(board["median_views"]) == sorted(board["median_views"], reverse=True)


def test_orders_per_1k_views_counts_paid_orders_of_crediting_platforms(
    demo_store: Store,
) -> None:
    board = read(demo_store, plan.leaderboard, "template").set_index("name")
    template = scalar(demo_store, "SELECT id FROM templates WHERE name = '剧情植入'")
    ((views, orders),) = fetch(
        demo_store,
        """
        SELECT SUM(s.views), SUM((SELECT COUNT(DISTINCT o.order_no) FROM order_lines o
            WHERE o.video_id = v.id AND o.paid_at IS NOT NULL AND NOT o.cancelled))
        FROM videos v JOIN video_snapshots s ON s.id = (SELECT s2.id FROM video_snapshots s2
            WHERE s2.video_id = v.id ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
        WHERE v.template_id = :template AND v.platform IN ('douyin', 'tiktok') AND s.views > 0
        """,
        {"template": template},
    )
    assert board.at["剧情植入", "orders_per_1k_views"] == pytest.approx(orders / views * 1000)
    assert orders > 0


def test_fission_on_the_demo(demo_store: Store) -> None:
    table = read(demo_store, plan.fission_comparison).set_index("kind")
    counts = dict(
        fetch(
            demo_store,
            "SELECT p.kind, COUNT(*) FROM videos v JOIN plan_items p ON p.id = v.plan_item_id "
            "GROUP BY 1",
        )
    )
    total = scalar(demo_store, "SELECT COUNT(*) FROM videos")
    assert table.at["challenge", "videos"] == counts["challenge"] >= 2
    assert table.at["duet", "videos"] == counts["duet"] >= 2
    assert table.at["original", "videos"] == total - counts["challenge"] - counts["duet"]
    assert table.at["challenge", "reach_vs_original"] == pytest.approx(
        table.at["challenge", "median_views"] / table.at["original", "median_views"]
    )


# --- export ---------------------------------------------------------------------------------

HOSTILE = ("=1+2", "+SUM(A1:A9)", "-3+4", "@cmd", "\tTab开头", "\rCR开头")


def test_export_is_formula_safe_ordered_and_labelled(store: Store, tmp_path: Path) -> None:
    pillar = plan.save_pillar(store, plan.PillarRow(None, "=HYPERLINK(1)"))
    ids = []
    for n, title in enumerate(("正常标题", *HOSTILE)):
        row = PlanItemRow(
            title=f"x{title}" if title[0] in "\t\r" else title,
            hook="-先说结论" if n == 0 else "",
            outline="问题：3秒\n=方案",
            pillar_id=pillar,
            platforms=("douyin", "kuaishou"),
            status="scheduled",
            planned_at=datetime(2026, 12, 1 + n, 20),
            target_length_s=30,
            notes="@老板",
        )
        ids.append(plan.save_plan_item(store, row))
    with store.engine.begin() as conn:  # tab/CR survive only where saved as-is
        update = text("UPDATE plan_items SET title = :title WHERE id = :id")
        conn.execute(update, {"title": HOSTILE[4], "id": ids[5]})
        conn.execute(update, {"title": HOSTILE[5], "id": ids[6]})
    headers = {"title": "标题", "planned_at": "计划时间", "status": "阶段", "platforms": "平台"}
    headers |= {"pillar": "支柱", "hook": "钩子", "outline": "脚本", "notes": "备注"}
    headers |= {"target_length_s": "时长"}
    labels = {"scheduled": "已排期", "douyin": "抖音", "kuaishou": "快手"}
    path = tmp_path / "plan.xlsx"
    order = [ids[3], ids[0], *ids[1:3], *ids[4:]]
    written = read(store, plan.export_plan, path, headers, item_ids=order, labels=labels)
    assert written == 7
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == list(headers.values())
    rows = list(sheet.iter_rows(min_row=2))
    titles = [r[0].value for r in rows]
    assert titles == [
        "'-3+4",
        "正常标题",
        "'=1+2",
        "'+SUM(A1:A9)",
        "'@cmd",
        "'\tTab开头",
        "'\nCR开头",  # XML reads a bare CR back as a line feed; the cell stays text
    ]
    for row in rows:
        for cell in row:
            assert cell.data_type != "f"
    first = rows[1]
    assert first[1].value == datetime(2026, 12, 1, 20)
    assert first[1].is_date
    assert (first[2].value, first[3].value) == ("已排期", "抖音、快手")
    assert first[4].value == "'=HYPERLINK(1)"
    assert first[5].value == "'-先说结论"
    assert first[6].value == "问题：3秒\n=方案"  # only a cell's first character can start a formula
    assert (first[7].value, first[8].value) == ("'@老板", 30)


def test_export_masks_phone_numbers_in_plan_text(store: Store, tmp_path: Path) -> None:
    notes = "达人微信同号 13812345678，备用 +86 139 1234 5678；订单 6913812345678901234"
    plan.save_plan_item(store, PlanItemRow(title="探店 15987654321", notes=notes))
    path = tmp_path / "plan.xlsx"
    read(store, plan.export_plan, path, {"title": "标题", "notes": "备注"})
    values = [c.value for c in load_workbook(path).active[2]]
    assert values == [
        "探店 159****4321",
        "达人微信同号 138****5678，备用 139****5678；订单 6913812345678901234",
    ]


def test_export_by_period_and_unknown_fields(store: Store, tmp_path: Path) -> None:
    for day in (1, 15, 31):
        plan.save_plan_item(store, PlanItemRow(title=f"d{day}", planned_at=datetime(2026, 12, day)))
    plan.save_plan_item(store, PlanItemRow(title="idea"))
    path = tmp_path / "december.xlsx"
    count = read(
        store, plan.export_plan, path, {"title": "Title"}, date(2026, 12, 2), date(2026, 12, 31)
    )
    assert count == 2
    assert [r[0] for r in load_workbook(path).active.iter_rows(values_only=True)] == [
        "Title",
        "d15",
        "d31",
    ]
    everything = read(store, plan.export_plan, tmp_path / "all.xlsx", {"status": "Stage"})
    assert everything == 4
    with pytest.raises(ValueError, match="field"):
        read(store, plan.export_plan, tmp_path / "x.xlsx", {"password": "x"})
    with pytest.raises(FileNotFoundError):
        read(store, plan.export_plan, tmp_path / "missing" / "x.xlsx", {"title": "Title"})
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("shop.db"))
    assert left == ["all.xlsx", "december.xlsx"]  # no half-written file


def test_orders_are_unknown_where_a_platform_never_credits_videos(
    demo_store: Store,
) -> None:
    frame = read(demo_store, plan.video_frame)
    crediting = {
        p
        for (p,) in fetch(
            demo_store,
            "SELECT DISTINCT v.platform FROM order_lines o JOIN videos v ON v.id = o.video_id",
        )
    }
    assert crediting == {"douyin", "tiktok"}
    by_platform = frame.groupby("platform")["orders"]
    assert by_platform.apply(lambda s: s.isna().all()).to_dict() == {
        p: p not in crediting for p in ("channels", "douyin", "kuaishou", "tiktok", "xiaohongshu")
    }
    douyin = frame[frame["platform"] == "douyin"].set_index("video_id")["orders"]
    sold = dict(
        fetch(
            demo_store,
            "SELECT video_id, COUNT(DISTINCT order_no) FROM order_lines WHERE video_id IS NOT NULL "
            "AND paid_at IS NOT NULL AND NOT cancelled GROUP BY 1",
        )
    )
    assert douyin.to_dict() == {v: float(sold.get(v, 0)) for v in douyin.index}
    assert (douyin == 0).any()  # a video that sold nothing sold 0, not unknown


def test_the_demo_already_has_the_builtin_templates(demo_store: Store) -> None:
    before = read(demo_store, plan.list_templates)
    assert plan.ensure_builtin_templates(demo_store) == 0
    assert read(demo_store, plan.list_templates) == before
    assert sum(t.builtin for t in before) == 7
