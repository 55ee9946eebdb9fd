"""定位: pillars, audiences and structure templates: create, edit, delete after asking."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services import plan
from app.services.plan import PillarRow, TemplateRow
from app.views.context import AppContext
from app.views.tabs.content_tab import POSITIONING, ContentPlanTab
from tests.conftest import TODAY
from tests.gui.store_sql import rows


def open_positioning(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab.resize(1400, 900)
    tab.show()
    tab.load(store.reader(), TODAY)
    tab.show_view(POSITIONING)
    QApplication.processEvents()
    return tab


def answer(monkeypatch: pytest.MonkeyPatch, button: str) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return getattr(QMessageBox.StandardButton, button)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_a_new_pillar_is_saved_with_its_colour_and_differentiation(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_positioning(qtbot, store)
    editor = tab.positioning.pillars
    editor.new_button.click()
    editor.name_edit.setText("职场干货")
    editor.color_edit.setText("#E15759")
    editor.differentiation_edit.setPlainText("30 秒学会一个技巧，不讲长教程")
    with qtbot.waitSignal(tab.data_changed):
        editor.save_button.click()
    assert rows(store, "SELECT name, color, differentiation FROM content_pillars") == [
        ("职场干货", "#e15759", "30 秒学会一个技巧，不讲长教程")
    ]
    assert editor.model.rowCount() == 1
    assert editor.list.currentIndex().row() == 0
    assert editor.delete_button.isEnabled()


def test_a_taken_name_is_shown_under_the_name_and_nothing_is_written(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    plan.save_pillar(store, PillarRow(name="开箱测评"))
    tab = open_positioning(qtbot, store)
    editor = tab.positioning.pillars
    editor.new_button.click()
    editor.name_edit.setText("开箱测评")
    with qtbot.assertNotEmitted(tab.data_changed):
        editor.save_button.click()
    assert editor.errors["name"].isVisible()
    assert editor.errors["name"].text() == "Another entry already has this name."
    assert rows(store, "SELECT COUNT(*) FROM content_pillars") == [(1,)]
    editor.color_edit.setText("blue")
    editor.name_edit.setText("穿搭教程")
    editor.save_button.click()
    assert editor.errors["color"].text() == "A colour looks like #4e79a7."
    assert not editor.errors["name"].isVisible()


@pytest.mark.parametrize(("button", "deleted"), [("Yes", True), ("No", False)])
def test_deleting_a_pillar_asks_first(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    button: str,
    deleted: bool,
) -> None:
    tab = open_positioning(qtbot, demo_store)
    editor = tab.positioning.pillars
    editor.list.setCurrentIndex(editor.model.index(1))
    pillar = editor.current
    asked = answer(monkeypatch, button)
    editor.delete_button.click()
    assert len(asked) == 1
    assert pillar.name in asked[0]
    names = [n for (n,) in rows(demo_store, "SELECT name FROM content_pillars")]
    assert (pillar.name not in names) == deleted
    if deleted:
        assert rows(
            demo_store, "SELECT COUNT(*) FROM plan_items WHERE pillar_id = :id", id=pillar.id
        ) == [(0,)]
        assert editor.model.rowCount() == len(names)


def test_an_audience_is_edited_in_place(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_positioning(qtbot, demo_store)
    tab.positioning.sections.setCurrentIndex(1)
    editor = tab.positioning.personas
    editor.list.setCurrentIndex(editor.model.index(0))
    persona = editor.current
    editor.pain_edit.setPlainText("怕孩子过敏，晚上才有空刷手机")
    editor.gender_edit.setText("女 90%")
    with qtbot.waitSignal(tab.data_changed):
        editor.save_button.click()
    assert rows(
        demo_store, "SELECT pain_points, gender_mix FROM personas WHERE id = :id", id=persona.id
    ) == [("怕孩子过敏，晚上才有空刷手机", "女 90%")]


def test_template_steps_keep_the_order_they_are_given(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    plan.save_template(store, TemplateRow(name="痛点-产品-行动", steps=("痛点", "产品", "行动")))
    tab = open_positioning(qtbot, store)
    tab.positioning.sections.setCurrentIndex(2)
    editor = tab.positioning.templates
    editor.list.setCurrentIndex(editor.model.index(editor.model.row_of(editor.current.id)))
    assert editor.steps_model.stringList() == ["痛点", "产品", "行动"]
    editor.steps_view.setCurrentIndex(editor.steps_model.index(2))
    editor.step_up.click()
    editor.step_add.click()
    editor.steps_model.setData(editor.steps_model.index(3), "证明")
    editor.duration_spin.setValue(35)
    with qtbot.waitSignal(tab.data_changed):
        editor.save_button.click()
    (steps, length) = rows(
        store, "SELECT steps, duration_s FROM templates WHERE name = '痛点-产品-行动'"
    )[0]
    assert steps.splitlines() == ["痛点", "行动", "产品", "证明"]
    assert length == 35


def test_a_template_needs_steps(qtbot: QtBot, context: AppContext, store: Store) -> None:
    tab = open_positioning(qtbot, store)
    tab.positioning.sections.setCurrentIndex(2)
    editor = tab.positioning.templates
    editor.new_button.click()
    editor.name_edit.setText("空模板")
    editor.save_button.click()
    assert editor.errors["steps"].text() == "A template needs at least one step."
    assert rows(store, "SELECT COUNT(*) FROM templates WHERE name = '空模板'") == [(0,)]


def test_showing_positioning_adds_the_builtin_structures(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_positioning(qtbot, store)
    editor = tab.positioning.templates
    names = [r.name for r in editor.model.rows]
    assert names == list(plan.BUILTIN_TEMPLATE_NAMES)
    assert "built-in" in editor.model.index(0).data()
