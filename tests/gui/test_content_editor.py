"""The plan item editor: messages next to the field at fault, structures fill the outline."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services import plan
from app.services.plan import PlanItemRow, TemplateRow
from app.views.content.plan_editor import PlanItemDialog
from app.views.content.plan_errors import MESSAGES, plan_error_text
from app.views.context import AppContext
from app.views.tabs.content_tab import ContentPlanTab
from tests.conftest import TODAY
from tests.query import fetch, scalar


def open_tab(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab.resize(1400, 900)
    tab.show()
    tab.load(store.reader(), TODAY)
    return tab


def count_items(store: Store) -> int:
    return scalar(store, "SELECT COUNT(*) FROM plan_items")


def save(dialog: PlanItemDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    QApplication.processEvents()


def test_a_missing_title_is_shown_under_the_title_and_nothing_is_written(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_tab(qtbot, store)
    dialog = tab.new_item(datetime(2026, 12, 2, 20))
    dialog.title_edit.setText("   ")
    with qtbot.assertNotEmitted(tab.data_changed):
        save(dialog)
    assert dialog.isVisible()
    assert dialog.errors["title"].isVisible()
    assert dialog.errors["title"].text() == "A plan item needs a title."
    assert not dialog.errors["ab_group"].isVisible()
    assert count_items(store) == 0


def test_a_long_ab_label_is_shown_under_its_field_and_fixing_it_saves(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_tab(qtbot, store)
    dialog = tab.new_item()
    dialog.title_edit.setText("被子越盖越硬？三招解决")
    dialog.ab_edit.setText("A" * 21)
    save(dialog)
    assert dialog.errors["ab_group"].text() == "The A/B group label is longer than 20 characters."
    assert not dialog.errors["title"].isVisible()
    assert count_items(store) == 0
    dialog.ab_edit.setText("A")
    with qtbot.waitSignal(tab.data_changed):
        save(dialog)
    assert not dialog.isVisible()
    assert fetch(store, "SELECT title, ab_group FROM plan_items") == [
        ("被子越盖越硬？三招解决", "A")
    ]


def test_scheduled_without_a_time_points_at_the_publish_time(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_tab(qtbot, store)
    dialog = tab.new_item()
    dialog.title_edit.setText("已排期但没时间")
    dialog.has_time.setChecked(False)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("scheduled"))
    save(dialog)
    assert dialog.errors["planned_at"].text() == "A scheduled item needs a planned publish time."
    assert count_items(store) == 0


def test_choosing_a_structure_fills_an_empty_outline_and_its_length(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    plan.save_template(
        store, TemplateRow(name="三步走", steps=("痛点", "产品", "行动"), duration_s=30)
    )
    tab = open_tab(qtbot, store)
    dialog = tab.new_item()
    template = next(t for t in tab.snapshot.templates if t.name == "三步走")
    assert dialog.outline_edit.toPlainText() == ""
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData(template.id))
    assert dialog.outline_edit.toPlainText() == "痛点\n产品\n行动"
    assert dialog.length_spin.value() == 30
    other = next(t for t in tab.snapshot.templates if t.name != "三步走")
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData(other.id))
    assert dialog.outline_edit.toPlainText() == "\n".join(other.steps)


def test_choosing_a_structure_keeps_an_outline_the_owner_wrote(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_tab(qtbot, store)
    dialog = tab.new_item()
    dialog.outline_edit.setPlainText("我自己写的脚本")
    template = tab.snapshot.templates[0]
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData(template.id))
    assert dialog.outline_edit.toPlainText() == "我自己写的脚本"


def test_opening_the_editor_adds_the_builtin_structures_once(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    tab = open_tab(qtbot, store)
    assert tab.snapshot.templates == []
    with qtbot.waitSignal(tab.data_changed):
        dialog = tab.new_item()
    names = [dialog.template_combo.itemText(i) for i in range(dialog.template_combo.count())]
    assert set(plan.BUILTIN_TEMPLATE_NAMES) <= set(names)
    with qtbot.assertNotEmitted(tab.data_changed):
        tab.new_item()


def test_scheduling_shows_the_best_time_for_that_weekday(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_tab(qtbot, demo_store)
    reader = demo_store.reader()
    sunday = datetime(2026, 12, 6, 10)
    best = plan.best_slots(plan.posting_heatmap(reader), n=1, weekday=sunday.weekday())
    reader.close()
    assert best, "the demo shop has a recommendable Sunday slot"
    dialog = tab.new_item(sunday)
    hour = best[0].hour
    assert f"{hour:02d}:00" in dialog.suggestion_label.text()
    assert f"over {best[0].videos} videos" in dialog.suggestion_label.text()
    assert dialog.use_suggestion.isVisibleTo(dialog)
    dialog.use_suggestion.click()
    assert dialog.planned_edit.dateTime().toPython() == sunday.replace(hour=hour)


def test_editing_keeps_fields_the_form_does_not_show(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    item = plan.save_plan_item(
        store,
        PlanItemRow(
            title="原标题",
            platforms=("douyin", "kuaishou"),
            kind="duet",
            target_length_s=25,
            notes="找达人合拍",
        ),
    )
    tab = open_tab(qtbot, store)
    dialog = tab.edit_item(item)
    assert dialog is not None
    assert dialog.platform_boxes["kuaishou"].isChecked()
    assert not dialog.platform_boxes["tiktok"].isChecked()
    assert dialog.kind_combo.currentData() == "duet"
    dialog.platform_boxes["tiktok"].setChecked(True)
    save(dialog)
    saved = plan.get_plan_item(store.reader(), item)
    assert saved is not None
    assert saved.platforms == ("douyin", "kuaishou", "tiktok")
    assert (saved.kind, saved.target_length_s, saved.notes) == ("duet", 25, "找达人合拍")


def test_every_plan_error_has_a_chinese_text(context: AppContext) -> None:
    assert set(plan.PLAN_ERROR_MESSAGES) == set(MESSAGES)
    context.translations.apply("zh_CN")
    chinese = [plan_error_text(m) for m in plan.PLAN_ERROR_MESSAGES]
    assert all(t != m for t, m in zip(chinese, plan.PLAN_ERROR_MESSAGES, strict=True))
    assert plan_error_text(plan.MSG_TITLE_REQUIRED) == "选题要有标题。"
