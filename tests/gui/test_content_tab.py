"""The Content plan tab as a whole: key figures, lazy sub-views, every view on the demo shop."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services import plan
from app.services.plan import PillarRow
from app.views.context import AppContext
from app.views.tabs.content_tab import (
    BOARD,
    CALENDAR,
    LEARNING,
    LIST,
    POSITIONING,
    ContentPlanTab,
)
from tests.conftest import TODAY
from tests.gui.store_sql import one


def open_tab(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab.resize(1400, 900)
    tab.show()
    tab.load(store.reader(), TODAY)
    QApplication.processEvents()
    return tab


def count(store: Store, sql: str) -> int:
    return one(store, sql)


def test_only_the_calendar_is_built_at_first(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    assert set(tab._views) == {CALENDAR}
    assert tab.is_loaded
    assert tab.pages.currentIndex() == 0


def test_key_figures_count_the_stages(qtbot: QtBot, context: AppContext, demo_store: Store) -> None:
    tab = open_tab(qtbot, demo_store)

    def stage(*names: str) -> str:
        quoted = ", ".join(f"'{n}'" for n in names)
        return (
            f"{count(demo_store, f'SELECT COUNT(*) FROM plan_items WHERE status IN ({quoted})'):,}"
        )

    assert tab.cards["plan_ideas"].value.text() == stage("idea")
    assert tab.cards["plan_in_production"].value.text() == stage("scripted", "shot", "edited")
    assert tab.cards["plan_scheduled"].value.text() == stage("scheduled")
    assert tab.cards["plan_published"].value.text() == stage("published")
    upcoming = one(
        demo_store,
        "SELECT MIN(planned_at) FROM plan_items WHERE status != 'published' "
        "AND planned_at >= :today",
        today=TODAY.isoformat(),
    )
    next_post = datetime.fromisoformat(upcoming)
    assert tab.cards["plan_next"].value.text() == f"{next_post:%b} {next_post.day}, 2026 " + (
        f"{next_post:%H:%M}"
    )


def test_every_view_shows_the_demo_shop(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    items = count(demo_store, "SELECT COUNT(*) FROM plan_items")
    for index in (CALENDAR, BOARD, LIST, POSITIONING, LEARNING):
        tab.show_view(index)
        QApplication.processEvents()
        assert tab.view_stack.currentWidget().isVisible()
        assert not tab.grab().isNull()
    assert tab.calendar.month_grid.shown_ids()
    assert sum(tab.board.counts().values()) == items
    assert tab.model.rowCount() == items
    assert tab.positioning.pillars.model.rowCount() == count(
        demo_store, "SELECT COUNT(*) FROM content_pillars"
    )
    assert tab.positioning.personas.model.rowCount() == count(
        demo_store, "SELECT COUNT(*) FROM personas"
    )
    learning = tab.learning
    assert learning.actual_model.rowCount() > 0
    assert learning.leaderboard_model.rowCount() > 0
    assert learning.fission_model.rowCount() == 3
    heatmap = learning.heatmap_model.heatmap
    assert heatmap is not None
    assert int(heatmap.counts.to_numpy().sum()) > 0


def test_a_write_elsewhere_refreshes_a_view_when_it_is_shown_again(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    tab.show_view(LIST)
    rows = tab.model.rowCount()
    tab.show_view(POSITIONING)
    editor = tab.positioning.pillars
    editor.new_button.click()
    editor.name_edit.setText("节日热点")
    with qtbot.waitSignal(tab.data_changed):
        editor.save_button.click()
    tab.show_view(LIST)
    assert tab.model.rowCount() == rows
    names = [
        tab.list_view.pillar_filter.itemText(i) for i in range(tab.list_view.pillar_filter.count())
    ]
    assert "节日热点" in names


def test_a_store_without_a_plan_starts_with_the_first_steps(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_tab(qtbot, store)
    assert tab.pages.currentIndex() == 1
    assert all(c.value.text() for c in tab.cards.values())
    plan.save_pillar(store, PillarRow(name="开箱测评"))
    tab.reload()
    assert tab.pages.currentIndex() == 0
