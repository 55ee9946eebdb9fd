"""复盘: confirm, relink and unlink matches; the heatmap against a hand-computed case."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services import plan
from app.views.content.heatmap_view import COUNT_ROLE, ELIGIBLE_ROLE
from app.views.context import AppContext
from app.views.tabs.content_tab import LEARNING, ContentPlanTab
from tests.conftest import TODAY
from tests.gui.store_sql import one
from tests.query import fetch


def open_learning(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab.resize(1400, 900)
    tab.show()
    tab.load(store.reader(), TODAY)
    tab.show_view(LEARNING)
    QApplication.processEvents()
    return tab


def linked_item(store: Store, video_id: int) -> int | None:
    return one(store, "SELECT plan_item_id FROM videos WHERE id = :id", id=video_id)


def a_linked_video(store: Store) -> tuple[int, int]:
    video, item = fetch(
        store,
        "SELECT id, plan_item_id FROM videos WHERE plan_item_id IS NOT NULL ORDER BY id LIMIT 1",
    )[0]
    return int(video), int(item)


def test_confirming_a_suggestion_links_the_video_to_its_item(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    video, item = a_linked_video(demo_store)
    plan.unlink_video(demo_store, video)
    tab = open_learning(qtbot, demo_store)
    learning = tab.learning
    row = next(r for r, s in enumerate(learning.suggestions) if s.video_id == video)
    assert learning.suggestions[row].item_id == item
    assert learning.suggestion_table.isVisible()
    learning.suggestion_table.selectRow(row)
    with qtbot.waitSignal(tab.data_changed):
        learning.confirm_button.click()
    assert linked_item(demo_store, video) == item
    assert video not in [s.video_id for s in tab.learning.suggestions]
    rows = [
        tab.learning.actual_model.record(r) for r in range(tab.learning.actual_model.rowCount())
    ]
    assert any(r["item_id"] == item and r["videos"] >= 1 for r in rows)


def test_a_suggestion_can_go_to_another_item(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    video, item = a_linked_video(demo_store)
    plan.unlink_video(demo_store, video)
    tab = open_learning(qtbot, demo_store)
    learning = tab.learning
    row = next(r for r, s in enumerate(learning.suggestions) if s.video_id == video)
    other = next(i.id for i in tab.snapshot.items if i.id != item)
    learning.suggestion_table.selectRow(row)
    offered: list[list[tuple[int, str]]] = []

    def pick(_title: str, _prompt: str, choices: list[tuple[int, str]]) -> int:
        offered.append(choices)
        return other

    learning.pick = pick  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.data_changed):
        learning.relink_button.click()
    assert item not in [i for i, _text in offered[0]]
    assert linked_item(demo_store, video) == other


@pytest.mark.parametrize(("answer", "unlinked"), [("Yes", True), ("No", False)])
def test_unlinking_asks_first_then_clears_the_link(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    unlinked: bool,
) -> None:
    video, item = a_linked_video(demo_store)
    tab = open_learning(qtbot, demo_store)
    learning = tab.learning
    row = next(
        r
        for r in range(learning.actual_model.rowCount())
        if learning.actual_model.record(r)["item_id"] == item
    )
    learning.actual_table.selectRow(row)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    learning.unlink_button.click()
    assert len(asked) == 1
    assert (linked_item(demo_store, video) is None) == unlinked


def test_a_video_can_be_linked_to_a_planned_item_by_hand(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    video = one(demo_store, "SELECT id FROM videos WHERE plan_item_id IS NULL ORDER BY id LIMIT 1")
    tab = open_learning(qtbot, demo_store)
    learning = tab.learning
    learning.actual_table.selectRow(0)
    item = learning.actual_model.record(0)["item_id"]
    learning.pick = lambda _t, _p, choices: video  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.data_changed):
        learning.link_button.click()
    assert linked_item(demo_store, video) == item


def add_video(store: Store, key: str, published: datetime, views: int, completion: float) -> None:
    from app.models import Video, VideoSnapshot

    with store.session_scope() as session:
        video = Video(platform="douyin", video_key=key, title=key, published_at=published)
        video.snapshots.append(
            VideoSnapshot(
                snapshot_at=datetime(2026, 11, 27), views=views, completion_rate=completion
            )
        )
        session.add(video)


def test_heatmap_cells_are_the_medians_of_their_videos(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    # Four Tuesday-evening videos (20:00-20:59) and one Wednesday-morning video.
    tuesdays = [
        (datetime(2026, 11, 24, 20, 5), 100, 0.20),
        (datetime(2026, 11, 17, 20, 30), 300, 0.50),
        (datetime(2026, 11, 10, 20, 59), 1000, 0.40),
        (datetime(2026, 11, 3, 20, 10), 250, 0.30),
    ]
    for number, (published, views, completion) in enumerate(tuesdays):
        add_video(store, f"tue-{number}", published, views, completion)
    add_video(store, "wed", datetime(2026, 11, 25, 9, 0), 50, 0.9)
    tab = open_learning(qtbot, store)
    learning = tab.learning
    learning.sections.setCurrentIndex(1)
    model = learning.heatmap_model
    tuesday_20 = model.index(1, 20)
    assert tuesday_20.data() == "275"  # median of 100, 250, 300, 1000
    assert tuesday_20.data(COUNT_ROLE) == 4
    assert tuesday_20.data(ELIGIBLE_ROLE) is True
    wednesday_9 = model.index(2, 9)
    assert wednesday_9.data() == "50"
    assert wednesday_9.data(COUNT_ROLE) == 1
    assert wednesday_9.data(ELIGIBLE_ROLE) is False
    assert model.index(0, 20).data() == ""
    assert model.index(0, 20).data(COUNT_ROLE) == 0
    assert "Tue 20:00 (median 275 views, 4 videos)" in learning.recommendation.text()
    learning.metric.setCurrentIndex(learning.metric.findData("completion"))
    assert model.index(1, 20).data() == "35%"  # median of 20 %, 30 %, 40 %, 50 %
    learning.min_videos.setValue(5)
    assert model.index(1, 20).data(ELIGIBLE_ROLE) is False
    assert "Not enough videos" in learning.recommendation.text()
    tooltip = model.index(1, 20).data(Qt.ItemDataRole.ToolTipRole)
    assert "over 4 videos" in tooltip


def test_leaderboards_and_fission_show_the_period(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_learning(qtbot, demo_store)
    learning = tab.learning
    reader = demo_store.reader()
    start, end = learning.period_range()
    assert (start, end) == (datetime(2026, 8, 31).date(), TODAY)
    pillars = plan.leaderboard(reader, "pillar", start, end)
    model = learning.leaderboard_model
    assert model.rowCount() == len(pillars)
    assert model.index(0, 0).data() == (pillars["name"].iat[0] or "(none)")
    assert model.index(0, 2).data() == f"{round(pillars['median_views'].iat[0]):,}"
    learning.board_by.setCurrentIndex(learning.board_by.findData("template"))
    assert model.rowCount() == len(plan.leaderboard(reader, "template", start, end))
    fission = learning.fission_model
    assert [fission.index(r, 0).data() for r in range(fission.rowCount())] == [
        "Challenge",
        "Duet",
        "Original",
    ]
    assert fission.index(2, 7).data() == "1.00×"
    reader.close()
