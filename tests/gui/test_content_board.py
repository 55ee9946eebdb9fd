"""The production board: drag a card to another stage; counts and overdue cards."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services import plan
from app.services.plan import PlanItemRow
from app.views.content.board_view import STAGES
from app.views.content.plan_cards import mime_for
from app.views.context import AppContext
from app.views.tabs.content_tab import BOARD, ContentPlanTab
from tests.conftest import TODAY
from tests.gui.store_sql import one, rows


def open_board(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab.resize(1400, 900)
    with qtbot.waitExposed(tab):
        tab.show()
    tab.load(store.reader(), TODAY)
    tab.show_view(BOARD)
    QApplication.processEvents()
    return tab


def stage_counts(store: Store) -> dict[str, int]:
    counts = dict(rows(store, "SELECT status, COUNT(*) FROM plan_items GROUP BY status"))
    return {s: counts.get(s, 0) for s in STAGES}


def first_in(store: Store, status: str) -> int:
    return int(
        one(
            store,
            "SELECT id FROM plan_items WHERE status = :status ORDER BY id LIMIT 1",
            status=status,
        )
    )


def status_of(store: Store, item: int) -> str:
    return one(store, "SELECT status FROM plan_items WHERE id = :id", id=item)


def test_columns_count_every_stage(qtbot: QtBot, context: AppContext, demo_store: Store) -> None:
    tab = open_board(qtbot, demo_store)
    assert tab.board.counts() == stage_counts(demo_store)
    for status, column in tab.board.columns.items():
        assert {c.status for c in column.model.cards()} <= {status}


def test_dropping_a_card_on_a_column_changes_its_stage_and_the_counts(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_board(qtbot, demo_store)
    item = first_in(demo_store, "idea")
    before = tab.board.counts()
    column = tab.board.columns["scripted"]
    mime = mime_for(item)
    event = QDropEvent(
        QPointF(column.view.viewport().rect().center()),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(tab.data_changed):
        column.view.dropEvent(event)
    assert status_of(demo_store, item) == "scripted"
    after = tab.board.counts()
    assert after["idea"] == before["idea"] - 1
    assert after["scripted"] == before["scripted"] + 1
    assert after == stage_counts(demo_store)
    assert item in [c.item_id for c in column.model.cards()]


def test_dropping_on_the_same_column_writes_nothing(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_board(qtbot, demo_store)
    item = first_in(demo_store, "shot")
    model = tab.board.columns["shot"].model
    with qtbot.assertNotEmitted(tab.data_changed):
        model.dropMimeData(mime_for(item), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert status_of(demo_store, item) == "shot"


def test_scheduling_without_a_time_is_refused_and_nothing_changes(
    qtbot: QtBot, context: AppContext, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = plan.save_plan_item(store, PlanItemRow(title="没定时间的创意", status="idea"))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    tab = open_board(qtbot, store)
    model = tab.board.columns["scheduled"].model
    with qtbot.assertNotEmitted(tab.data_changed):
        model.dropMimeData(mime_for(item), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert warnings == ["A scheduled item needs a planned publish time."]
    assert status_of(store, item) == "idea"
    assert tab.board.counts()["idea"] == 1


def test_overdue_items_are_highlighted(qtbot: QtBot, context: AppContext, store: Store) -> None:
    yesterday = datetime.combine(TODAY - timedelta(days=1), datetime.min.time()).replace(hour=20)
    late = plan.save_plan_item(
        store, PlanItemRow(title="昨晚该发的剪辑", status="edited", planned_at=yesterday)
    )
    plan.save_plan_item(
        store, PlanItemRow(title="昨晚发了", status="published", planned_at=yesterday)
    )
    plan.save_plan_item(
        store,
        PlanItemRow(title="明天的", status="edited", planned_at=yesterday + timedelta(days=2)),
    )
    tab = open_board(qtbot, store)
    edited = tab.board.columns["edited"]
    overdue = {c.item_id for c in edited.model.cards() if c.overdue}
    assert overdue == {late}
    assert edited.overdue_label.isVisible()
    assert edited.overdue_label.text() == "1 overdue"
    assert not tab.board.columns["published"].overdue_label.isVisible()
    assert tab.cards["plan_overdue"].value.text() == "1"


def test_double_clicking_a_card_opens_it(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_board(qtbot, demo_store)
    column = tab.board.columns["edited"]
    card = column.model.card(0)
    rect = column.view.visualRect(column.model.index(0))
    # A real double-click starts with a press: the view opens only the item pressed.
    qtbot.mousePress(column.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.dialog is not None
    assert tab.dialog.row.id == card.item_id
    assert tab.dialog.title_edit.text() == card.title
