"""The content analytics on tiny frames whose answers are worked out by hand."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest

from app.analytics import content
from app.analytics.content import Slot


def videos(*rows: dict[str, Any]) -> pd.DataFrame:
    """A video frame with every column; unspecified metrics unknown (NaN)."""
    defaults: dict[str, Any] = dict.fromkeys(content.VIDEO_COLUMNS, np.nan)
    defaults.update({"platform": "douyin", "title": "", "kind": None, "plan_item_id": pd.NA})
    records = [{**defaults, "video_id": n, **row} for n, row in enumerate(rows, start=1)]
    frame = pd.DataFrame(records, columns=list(content.VIDEO_COLUMNS))
    frame["published_at"] = pd.to_datetime(frame["published_at"])
    for key in ("pillar_id", "template_id", "plan_item_id"):
        frame[key] = frame[key].astype("Int64")
    return frame


# --- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "normalised"),
    [
        ("实测四件套到底值不值？\n#家纺 #床上用品", "实测四件套到底值不值"),
        ("Bedroom RESET 🛏️ with our Sheets! #bedding #cozy", "bedroomresetwithoursheets"),
        ("ＡＢＣ１２３，【福利】@小店客服 今晚8点", "abc123福利今晚8点"),
        ("#只有标签", ""),
        (None, ""),
    ],
)
def test_titles_are_normalised(title: str | None, normalised: str) -> None:
    assert content.normalise_title(title) == normalised


def test_title_similarity_is_difflibs_ratio_on_normalised_titles() -> None:
    assert content.title_similarity("abcd", "ABCE!") == pytest.approx(2 * 3 / 8)
    assert content.title_similarity("一分钟学会套被套", "一分钟学会套被套 #教程 😀") == 1.0
    assert content.title_similarity("", "x") == 0.0


# --- matching ---------------------------------------------------------------------------------

PLANNED = datetime(2026, 11, 10, 20, 0)


def items(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"platforms": ("douyin",), "planned_at": PLANNED, **row} for row in rows],
        columns=["item_id", "title", "platforms", "planned_at", "taken"],
    ).assign(taken=lambda f: f["taken"].map(lambda t: t if isinstance(t, set) else set()))


def unlinked(*rows: tuple[int, str, str, datetime]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["video_id", "platform", "title", "published_at"])


def pairs(result: pd.DataFrame) -> dict[int, int]:
    return dict(zip(result["video_id"], result["item_id"], strict=True))


def test_same_platform_similar_title_within_two_days_matches() -> None:
    plan = items({"item_id": 1, "title": "实测四件套到底值不值？"})
    found = content.match_videos(
        plan,
        unlinked(
            (11, "douyin", "实测四件套到底值不值？\n#家纺 #床上用品", datetime(2026, 11, 11, 8)),
            (12, "kuaishou", "实测四件套到底值不值？", datetime(2026, 11, 11, 8)),
            (13, "douyin", "实测四件套到底值不值？", datetime(2026, 11, 12, 20, 1)),
            (14, "douyin", "源头工厂直发｜乳胶枕为什么便宜", datetime(2026, 11, 10, 20)),
        ),
    )
    assert pairs(found) == {11: 1}
    (row,) = found.to_dict("records")
    assert row["similarity"] == 1.0
    assert row["hours_apart"] == 12.0
    # 0.6 x 1 + 0.3 x (1 - 12 h / 48 h) + 0.1 for the named platform
    assert row["score"] == pytest.approx(0.6 + 0.3 * 0.75 + 0.1)


def test_the_window_edge_is_inside_and_one_video_per_item_platform() -> None:
    plan = items({"item_id": 1, "title": "一分钟学会套被套"})
    found = content.match_videos(
        plan,
        unlinked(
            (21, "douyin", "一分钟学会套被套", datetime(2026, 11, 12, 20)),  # exactly 48 h
            (22, "douyin", "一分钟学会套被套", datetime(2026, 11, 10, 21)),  # 1 h
        ),
    )
    assert pairs(found) == {22: 1}  # one-to-one: the closer one wins, the other stays unlinked
    alone = content.match_videos(
        plan, unlinked((21, "douyin", "一分钟学会套被套", datetime(2026, 11, 12, 20)))
    )
    assert alone["score"].tolist() == [pytest.approx(0.6 + 0.0 + 0.1)]


def test_each_video_goes_to_its_best_item() -> None:
    plan = items(
        {"item_id": 1, "title": "实测乳胶枕到底值不值"},
        {"item_id": 2, "title": "实测乳胶枕到底值不值", "planned_at": datetime(2026, 11, 11, 20)},
    )
    found = content.match_videos(
        plan,
        unlinked(
            (31, "douyin", "实测乳胶枕到底值不值", datetime(2026, 11, 11, 19)),
            (32, "douyin", "实测乳胶枕到底值不值", datetime(2026, 11, 10, 20, 30)),
        ),
    )
    assert pairs(found) == {31: 2, 32: 1}


def test_a_cross_posted_item_takes_one_video_per_platform_and_taken_ones_stay_taken() -> None:
    plan = items(
        {"item_id": 1, "title": "换季收纳被子三步搞定", "platforms": ("douyin", "kuaishou")}
    )
    both = unlinked(
        (41, "douyin", "换季收纳被子三步搞定", datetime(2026, 11, 10, 20)),
        (42, "kuaishou", "换季收纳被子，三步搞定！", datetime(2026, 11, 10, 21)),
    )
    assert pairs(content.match_videos(plan, both)) == {41: 1, 42: 1}
    plan.at[0, "taken"] = {"douyin"}
    assert pairs(content.match_videos(plan, both)) == {42: 1}


def test_an_item_with_a_video_takes_a_cross_post_only_with_the_same_caption() -> None:
    plan = items(
        {
            "item_id": 1,
            "title": "周末直播大豆夏凉被限量秒杀900单",
            "platforms": ("douyin", "kuaishou"),
            "taken": {"douyin"},
        }
    )
    other = unlinked((43, "kuaishou", "周末直播冰丝四件套限量秒杀800单", PLANNED))
    assert content.title_similarity(plan.at[0, "title"], other.at[0, "title"]) == pytest.approx(
        2 * 11 / 34
    )
    assert content.match_videos(plan, other).empty  # 0.65: enough for a first video, not here
    plan.at[0, "taken"] = set()
    assert pairs(content.match_videos(plan, other)) == {43: 1}


def test_a_day_only_publish_time_is_compared_by_day_and_undecided_platforms_match_any() -> None:
    plan = items({"item_id": 1, "title": "一分钟学会套被套", "platforms": ()})
    found = content.match_videos(
        plan,
        unlinked(
            (51, "channels", "一分钟学会套被套！😀", datetime(2026, 11, 11)),  # 视频号: day only
            (52, "channels", "一分钟学会套被套", datetime(2026, 11, 13)),
        ),
    )
    assert pairs(found) == {51: 1}
    assert found["hours_apart"].tolist() == [24.0]
    assert found["score"].tolist() == [pytest.approx(0.6 + 0.3 * 0.5)]  # no platform bonus


def test_items_without_a_planned_time_never_match() -> None:
    plan = items({"item_id": 1, "title": "一分钟学会套被套", "planned_at": None})
    video = unlinked((61, "douyin", "一分钟学会套被套", PLANNED))
    assert content.match_videos(plan, video).empty


# --- heatmap ----------------------------------------------------------------------------------


def tiny_week() -> pd.DataFrame:
    return videos(
        {"published_at": "2026-11-23 20:10:00", "views": 100, "completion_rate": 0.2},  # Mon
        {"published_at": "2026-11-23 20:50:00", "views": 300, "completion_rate": 0.4},
        {"published_at": "2026-11-16 20:05:00", "views": 200, "completion_rate": 0.9},
        {"published_at": "2026-11-23 21:00:01", "views": 50},
        {"published_at": "2026-11-24 20:00:30"},  # views unknown: not behind any median
        {"published_at": "2026-11-25 00:00:00", "views": 9999},  # day-only export: no hour
        {"published_at": "2026-11-29 09:30:00", "views": 10, "orders": 1},  # Sun
        {"published_at": "2026-11-29 09:40:00", "views": 30, "orders": 4},
    )


def test_heatmap_medians_and_counts_by_weekday_and_hour() -> None:
    heat = content.posting_heatmap(tiny_week(), "views", min_videos=3)
    assert heat.values.shape == (7, 24)
    assert heat.counts.shape == (7, 24)
    assert heat.values.at[0, 20] == 200.0
    assert heat.counts.at[0, 20] == 3
    assert heat.values.at[0, 21] == 50.0
    assert heat.values.at[6, 9] == 20.0
    assert heat.counts.at[6, 9] == 2
    assert heat.counts.to_numpy().sum() == 6
    assert heat.values.notna().to_numpy().sum() == 3
    assert heat.counts.at[1, 20] == 0
    assert math.isnan(heat.values.at[1, 20])
    assert heat.counts.at[2, 0] == 0


def test_only_cells_with_enough_videos_are_recommended() -> None:
    frame = tiny_week()
    assert content.best_slots(content.posting_heatmap(frame, min_videos=3), 5) == [
        Slot(0, 20, 200.0, 3)
    ]
    assert content.best_slots(content.posting_heatmap(frame, min_videos=2), 5) == [
        Slot(0, 20, 200.0, 3),
        Slot(6, 9, 20.0, 2),
    ]
    loose = content.posting_heatmap(frame, min_videos=1)
    assert [(s.weekday, s.hour) for s in content.best_slots(loose, 2)] == [(0, 20), (0, 21)]
    assert content.best_slots(loose, 3, weekday=6) == [Slot(6, 9, 20.0, 2)]
    assert content.best_slots(content.posting_heatmap(frame, min_videos=4), 3) == []
    assert int(loose.eligible.to_numpy().sum()) == 3


def test_heatmap_of_completion_and_orders() -> None:
    completion = content.posting_heatmap(tiny_week(), "completion", min_videos=1)
    assert completion.values.at[0, 20] == pytest.approx(0.4)
    assert completion.counts.at[0, 21] == 0  # no completion exported for that video
    orders = content.posting_heatmap(tiny_week(), "orders", min_videos=1)
    assert orders.values.at[6, 9] == 2.5
    assert orders.counts.to_numpy().sum() == 2


def test_heatmap_refuses_unknown_metrics_and_handles_no_videos() -> None:
    with pytest.raises(ValueError, match="metric"):
        content.posting_heatmap(tiny_week(), "likes")
    with pytest.raises(ValueError, match="min_videos"):
        content.posting_heatmap(tiny_week(), min_videos=0)
    empty = content.posting_heatmap(videos(), "views")
    assert empty.counts.to_numpy().sum() == 0
    assert empty.values.isna().to_numpy().all()
    assert content.best_slots(empty) == []


# --- leaderboards, fission, planned vs actual --------------------------------------------------


def shop() -> pd.DataFrame:
    return videos(
        {
            "pillar_id": 1,
            "template_id": 7,
            "plan_item_id": 1,
            "kind": "challenge",
            "views": 1000,
            "completion_rate": 0.5,
            "likes": 50,
            "comments": 10,
            "shares": 0,
            "favorites": 0,
            "orders": 2,
        },
        {
            "pillar_id": 1,
            "template_id": 7,
            "plan_item_id": 1,
            "kind": "challenge",
            "platform": "kuaishou",
            "views": 3000,
            "completion_rate": 0.3,
            "likes": 90,
            "orders": 4,
        },
        {"pillar_id": 1, "template_id": 8, "views": 500},
        {"pillar_id": 2, "template_id": 8, "views": 200, "kind": "original", "likes": 2},
        {"views": 5000, "completion_rate": 0.1, "likes": 100, "orders": 0},
    )


def test_pillar_leaderboard_medians_and_rates() -> None:
    board = content.leaderboard(shop(), "pillar_id")
    assert board["pillar_id"].isna().tolist() == [True, False, False]
    assert board["pillar_id"].iloc[1:].tolist() == [1, 2]
    first = board.iloc[1]
    assert first["videos"] == 3
    assert first["median_views"] == 1000.0
    assert first["completion_rate"] == pytest.approx((1000 * 0.5 + 3000 * 0.3) / 4000)
    assert first["interaction_rate"] == pytest.approx((60 + 90) / 4000)  # 500 has no counts
    assert first["orders_per_1k_views"] == pytest.approx(6 / 4000 * 1000)
    second = board.iloc[2]
    assert math.isnan(second["completion_rate"])
    assert math.isnan(second["orders_per_1k_views"])  # orders unknown, not zero
    assert second["interaction_rate"] == pytest.approx(2 / 200)
    unassigned = board.iloc[0]
    assert unassigned["orders_per_1k_views"] == 0.0
    assert unassigned["median_views"] == 5000.0


def test_template_leaderboard() -> None:
    board = content.leaderboard(shop(), "template_id")
    assert board["median_views"].tolist() == [5000.0, 2000.0, 350.0]
    assert board["template_id"].iloc[1:].tolist() == [7, 8]
    by_id = board.set_index("template_id")
    assert by_id.at[7, "median_views"] == 2000.0
    assert by_id.at[8, "median_views"] == 350.0
    assert by_id.at[8, "videos"] == 2
    with pytest.raises(ValueError, match="leaderboard"):
        content.leaderboard(shop(), "platform")


def test_fission_compares_challenges_and_duets_with_originals() -> None:
    table = content.fission_comparison(shop()).set_index("kind")
    assert table.index.tolist() == ["challenge", "duet", "original"]
    assert table.at["challenge", "videos"] == 2
    assert table.at["challenge", "median_views"] == 2000.0
    assert table.at["challenge", "shares_per_1k_views"] == pytest.approx(0 / 1000 * 1000)
    assert table.at["duet", "videos"] == 0
    assert math.isnan(table.at["duet", "median_views"])
    # originals: the planned original (200) and the unplanned videos (500, 5000)
    assert table.at["original", "videos"] == 3
    assert table.at["original", "median_views"] == 500.0
    assert table.at["challenge", "reach_vs_original"] == pytest.approx(2000 / 500)
    assert table.at["original", "reach_vs_original"] == 1.0


def test_planned_vs_actual_puts_each_item_next_to_its_pillar_median() -> None:
    plan = pd.DataFrame(
        {"item_id": [1, 2, 3], "title": ["a", "b", "c"], "pillar_id": [1, 2, None]}
    ).astype({"pillar_id": "Int64"})
    frame = shop()
    table = content.planned_vs_actual(plan, frame).set_index("item_id")
    first = table.loc[1]
    assert first["title"] == "a"
    assert first["videos"] == 2
    assert first["views"] == 4000.0
    assert first["completion_rate"] == pytest.approx(0.35)
    assert first["interaction_rate"] == pytest.approx(150 / 4000)
    assert first["orders"] == 6.0
    assert first["pillar_views"] == 1000.0  # median of 1000, 3000, 500
    assert first["pillar_completion_rate"] == pytest.approx(0.4)  # median of 0.5 and 0.3
    assert first["pillar_interaction_rate"] == pytest.approx(0.045)  # median of 0.06, 0.03
    assert first["pillar_orders"] == 3.0
    assert first["views_vs_pillar"] == pytest.approx(2000 / 1000)  # per video
    second = table.loc[2]
    assert second["videos"] == 0
    assert math.isnan(second["views"])
    assert second["pillar_views"] == 200.0
    assert math.isnan(second["views_vs_pillar"])
    assert math.isnan(table.loc[3, "pillar_views"])
    baseline = frame[frame["video_id"] != 3]  # a shorter baseline moves only the pillar median
    narrower = content.planned_vs_actual(plan, frame, baseline).set_index("item_id")
    assert narrower.at[1, "pillar_views"] == 2000.0
    assert narrower.at[1, "views"] == 4000.0
