"""The content plan's calendar: drag a card to reschedule, double-click to edit or create."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services import plan
from app.views.content.calendar_grids import CardGrid
from app.views.content.plan_cards import item_id_of, mime_for
from app.views.context import AppContext
from app.views.tabs.content_tab import ContentPlanTab
from tests.conftest import TODAY
from tests.gui.store_sql import one, rows


def open_tab(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab.resize(1400, 900)
    with qtbot.waitExposed(tab):
        tab.show()
    reader = store.reader()
    tab.load(reader, TODAY)
    QApplication.processEvents()
    return tab


def planned_at(store: Store, item_id: int) -> datetime:
    value = one(store, "SELECT planned_at FROM plan_items WHERE id = :id", id=item_id)
    return datetime.fromisoformat(value)


def first_item_on(store: Store, day: date) -> int:
    found = rows(
        store,
        "SELECT id FROM plan_items WHERE planned_at >= :day AND planned_at < :next "
        "ORDER BY planned_at, id",
        day=day.isoformat(),
        next=(day + timedelta(days=1)).isoformat(),
    )
    assert found, f"the demo plans nothing on {day}"
    return int(found[0][0])


def drop(widget: QWidget, pos: QPoint, item_id: int) -> bool:
    """Drop ``item_id``'s card at ``pos`` as a drag would; whether the drop was accepted."""
    mime = mime_for(item_id)  # the event does not own its mime data: keep it alive
    event = QDropEvent(
        QPointF(pos),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)
    return event.isAccepted()


def test_a_card_carries_its_item_id() -> None:
    assert item_id_of(mime_for(42)) == 42
    assert item_id_of(None) is None


def test_the_month_shows_every_item_of_the_month(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    grid = tab.calendar.month_grid
    assert grid.month == date(2026, 11, 1)
    per_day = Counter(
        datetime.fromisoformat(when).date().isoformat()
        for (when,) in rows(
            demo_store,
            "SELECT planned_at FROM plan_items WHERE planned_at >= "
            "'2026-11-01' AND planned_at < '2026-12-01'",
        )
    )
    shown = [tab.snapshot.item(i).planned_at.date().isoformat() for i in grid.shown_ids()]
    for day, count in per_day.items():
        hidden = grid.hidden_count(date.fromisoformat(day))
        assert shown.count(day) + hidden == count, day
        assert (grid.more_rect(date.fromisoformat(day)) is not None) == (hidden > 0)


def test_dropping_a_card_on_another_day_reschedules_it(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    item = first_item_on(demo_store, date(2026, 11, 29))
    before = planned_at(demo_store, item)
    grid = tab.calendar.month_grid
    target = grid.cell_rect(date(2026, 11, 30))
    assert target is not None
    mime = mime_for(item)
    enter = QDragEnterEvent(
        target.center(),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    grid.dragEnterEvent(enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(tab.data_changed):
        assert drop(grid, target.center(), item)
    assert planned_at(demo_store, item) == datetime(2026, 11, 30, before.hour, before.minute)
    moved = grid.card_rect(item)
    assert moved is not None
    assert target.contains(moved.center())


def test_dropping_in_a_week_slot_changes_day_and_hour(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    item = first_item_on(demo_store, date(2026, 11, 29))
    tab.calendar.show_week(date(2026, 11, 27))
    grid = tab.calendar.week_grid
    slot = grid.slot_rect_of(date(2026, 11, 27), 15)
    assert slot is not None
    with qtbot.waitSignal(tab.data_changed):
        drop(grid, slot.center(), item)
    assert planned_at(demo_store, item) == datetime(2026, 11, 27, 15, 0)
    assert grid.card_rect(item) is not None
    assert slot.contains(grid.card_rect(item).center())


def test_a_drop_on_the_same_moment_writes_nothing(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    item = first_item_on(demo_store, date(2026, 11, 29))
    grid = tab.calendar.month_grid
    with qtbot.assertNotEmitted(tab.data_changed):
        drop(grid, grid.card_rect(item).center(), item)


def test_double_clicking_a_card_opens_the_editor_and_saving_writes_the_row(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    item = first_item_on(demo_store, date(2026, 11, 29))
    grid = tab.calendar.month_grid
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=grid.card_rect(item).center())
    dialog = tab.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.row.id == item
    dialog.title_edit.setText("今晚8点直播间｜被套福利")
    dialog.hook_edit.setText("先亮价格")
    with qtbot.waitSignal(tab.data_changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    ((title, hook),) = rows(
        demo_store, "SELECT title, hook FROM plan_items WHERE id = :id", id=item
    )
    assert (title, hook) == ("今晚8点直播间｜被套福利", "先亮价格")
    assert not dialog.isVisible()


def test_double_clicking_an_empty_day_plans_a_new_item_there(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    grid = tab.calendar.month_grid
    day = date(2026, 11, 26)
    cell = grid.cell_rect(day)
    empty_spot = QPoint(cell.center().x(), cell.bottom() - 4)
    assert grid.card_at(empty_spot) is None
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=empty_spot)
    dialog = tab.dialog
    assert dialog is not None
    assert dialog.row.id is None
    assert dialog.has_time.isChecked()
    assert dialog.planned_edit.date().toPython() == day
    dialog.title_edit.setText("开箱测评｜新款四件套")
    with qtbot.waitSignal(tab.data_changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    ((when,),) = rows(
        demo_store, "SELECT planned_at FROM plan_items WHERE title = '开箱测评｜新款四件套'"
    )
    assert datetime.fromisoformat(when).date() == day


@pytest.mark.parametrize("steps", [1, -1])
def test_month_navigation_moves_one_month(
    qtbot: QtBot, context: AppContext, demo_store: Store, steps: int
) -> None:
    tab = open_tab(qtbot, demo_store)
    tab.calendar.go(steps)
    expected = date(2026, 12, 1) if steps == 1 else date(2026, 10, 1)
    assert tab.calendar.month_grid.month == expected
    tab.calendar.go_today()
    assert tab.calendar.month_grid.month == date(2026, 11, 1)


def test_cards_show_their_pillar_colour_platform_and_stage(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    item = first_item_on(demo_store, date(2026, 11, 29))
    card = next(c for c in tab.snapshot.cards() if c.item_id == item)
    ((color, platforms),) = rows(
        demo_store,
        "SELECT c.color, p.platforms FROM plan_items p JOIN content_pillars c "
        "ON c.id = p.pillar_id WHERE p.id = :id",
        id=item,
    )
    assert card.color == color
    assert ",".join(card.platforms) == platforms
    assert isinstance(tab.calendar.month_grid, CardGrid)


def test_the_week_view_shades_each_weekdays_best_hour(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    tab.calendar.show_week()
    reader = demo_store.reader()
    heatmap = plan.posting_heatmap(reader)
    reader.close()
    expected = {
        (day, slots[0].hour)
        for day in range(7)
        if (slots := plan.best_slots(heatmap, n=1, weekday=day))
    }
    assert expected
    assert tab.calendar.week_grid.best_slots == expected
    assert tab.calendar.best_hint.isVisible()
    tab.calendar.show_month()
    assert not tab.calendar.best_hint.isVisible()


def test_an_unscheduled_idea_dropped_on_a_day_gets_that_days_best_hour(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    item = one(demo_store, "SELECT id FROM plan_items WHERE planned_at IS NULL ORDER BY id LIMIT 1")
    assert item in [c.item_id for c in tab.calendar.tray_model.cards()]
    assert tab.calendar.tray_box.isVisible()
    day = date(2026, 12, 6)  # a Sunday
    reader = demo_store.reader()
    best = plan.best_slots(plan.posting_heatmap(reader), n=1, weekday=day.weekday())
    reader.close()
    assert best, "the demo shop has a recommendable Sunday slot"
    grid = tab.calendar.month_grid
    tab.calendar.go(1)
    with qtbot.waitSignal(tab.data_changed):
        drop(grid, grid.cell_rect(day).center(), item)
    assert planned_at(demo_store, item) == datetime(2026, 12, 6, best[0].hour)
    assert item not in [c.item_id for c in tab.calendar.tray_model.cards()]


def test_a_cards_menu_moves_it_to_another_stage_and_deletes_it(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = open_tab(qtbot, demo_store)
    item = first_item_on(demo_store, date(2026, 11, 29))
    menu = tab.card_menu(item)
    stages = next(a.menu() for a in menu.actions() if a.menu() is not None)
    checked = [a.text() for a in stages.actions() if a.isChecked()]
    assert checked == ["Scheduled"]
    shot = next(a for a in stages.actions() if a.text() == "Shot")
    with qtbot.waitSignal(tab.data_changed):
        shot.trigger()
    assert rows(demo_store, "SELECT status FROM plan_items WHERE id = :id", id=item) == [("shot",)]
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    delete = next(a for a in tab.card_menu(item).actions() if a.text() == "Delete…")
    with qtbot.waitSignal(tab.data_changed):
        delete.trigger()
    assert one(demo_store, "SELECT COUNT(*) FROM plan_items WHERE id = :id", id=item) == 0
    assert tab.calendar.month_grid.card_rect(item) is None
