"""The saved column mappings: listed with what they recognise, deleted only after a Yes."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.importers.mapping import Template
from app.services.mappings import list_templates, save_template
from app.views.context import AppContext
from app.views.dialogs.templates_dialog import (
    COLUMNS,
    CREATED,
    EMPTY_PAGE,
    NAME,
    PLATFORM,
    TABLE_PAGE,
    TARGET,
    TemplatesDialog,
)
from app.views.main_window import MainWindow
from app.views.tabs.imports_tab import ImportsTab
from tests.gui.windows import open_window

KS_HEADERS = ["订单号", "商品名称", "实付金额", "下单时间", "订单状态"]
KS_MAPPING = {"order_no": "订单号", "payable": "实付金额", "created_at": "下单时间"}
WECOM_HEADERS = ["客户姓名", "手机号", "添加时间", "标签"]
WECOM_MAPPING = {"name": "客户姓名", "phone": "手机号", "tags": "标签"}


@pytest.fixture
def two_templates(store: Store) -> list[Template]:
    """A Kuaishou order layout and a WeCom customer list, saved through the service."""
    return [
        save_template(store, "快手小店订单", "orders", "kuaishou", KS_HEADERS, KS_MAPPING),
        save_template(store, "企微客户", "customers", "wecom", WECOM_HEADERS, WECOM_MAPPING),
    ]


def open_dialog(qtbot: QtBot, context: AppContext, store: Store) -> TemplatesDialog:
    dialog = TemplatesDialog(store, context.runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog


def cell(dialog: TemplatesDialog, row: int, column: int, role: int = 0) -> Any:
    model = dialog.model
    return model.data(model.index(row, column), role or Qt.ItemDataRole.DisplayRole)


def names(dialog: TemplatesDialog) -> list[str]:
    return [cell(dialog, row, NAME) for row in range(dialog.model.rowCount())]


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Answer the confirmation with ``button``; returns the questions asked."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> Any:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_dialog_lists_every_saved_mapping(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    two_templates: list[Template],
    qtmodeltester: Any,
) -> None:
    dialog = open_dialog(qtbot, context, store)
    assert dialog.pages.currentIndex() == TABLE_PAGE
    assert names(dialog) == ["快手小店订单", "企微客户"]
    assert [cell(dialog, row, PLATFORM) for row in range(2)] == ["Kuaishou", "WeCom"]
    assert [cell(dialog, row, TARGET) for row in range(2)] == ["Orders", "Customer list"]
    assert cell(dialog, 0, COLUMNS) == "订单号, 实付金额, 下单时间"
    assert cell(dialog, 1, COLUMNS) == "客户姓名, 手机号, 标签"
    tip = cell(dialog, 0, COLUMNS, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [
        "订单号 → Order number",
        "实付金额 → Amount paid",
        "下单时间 → Ordered at",
    ]
    assert dialog.table.textElideMode() == Qt.TextElideMode.ElideRight
    assert not dialog.table.wordWrap()
    assert not dialog.delete_button.isEnabled()  # nothing selected yet
    qtmodeltester.check(dialog.model)


def test_the_created_column_shows_when_templates_carry_a_date(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    dialog = open_dialog(qtbot, context, store)
    dated = SimpleNamespace(
        id=9,
        name="天猫订单",
        target="orders",
        platform="tmall",
        fields={"payable": "实付金额", "order_no": "订单编号"},
        created=datetime(2026, 11, 2, 9, 30),
    )
    dialog.show_templates([dated])  # type: ignore[list-item]
    assert not dialog.table.isColumnHidden(CREATED)
    assert cell(dialog, 0, CREATED) == "Nov 2, 2026 09:30"
    assert cell(dialog, 0, COLUMNS) == "订单编号, 实付金额"  # in the mapping dialog's field order


def test_deleting_a_mapping_after_yes_forgets_it(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    two_templates: list[Template],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog = open_dialog(qtbot, context, store)
    dialog.table.selectRow(0)
    assert dialog.delete_button.isEnabled()
    with qtbot.waitSignal(dialog.template_deleted, timeout=10_000) as deleted:
        dialog.delete_button.click()
    assert deleted.args == [two_templates[0].id]
    assert "快手小店订单" in asked[0]
    assert "stay" in asked[0]
    assert "no longer be recognised" in asked[0]
    assert [t.name for t in list_templates(store)] == ["企微客户"]
    assert names(dialog) == ["企微客户"]
    assert not dialog.delete_button.isEnabled()  # the selection went with the row

    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.template_deleted, timeout=10_000):
        dialog.delete_button.click()
    assert list_templates(store) == []
    assert dialog.pages.currentIndex() == EMPTY_PAGE


def test_answering_no_keeps_the_mapping(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    two_templates: list[Template],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog = open_dialog(qtbot, context, store)
    dialog.table.selectRow(1)
    assert dialog.delete_selected() is None
    assert len(asked) == 1
    assert list_templates(store) == two_templates
    assert names(dialog) == ["快手小店订单", "企微客户"]
    assert dialog.delete_button.isEnabled()


def test_the_empty_state_says_how_to_make_a_mapping(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    dialog = open_dialog(qtbot, context, store)
    assert dialog.pages.currentIndex() == EMPTY_PAGE
    assert dialog.empty_label.isVisible()
    assert "No saved mappings yet" in dialog.empty_label.text()
    assert "Map columns…" in dialog.empty_label.text()
    assert not dialog.delete_button.isEnabled()


def test_the_file_menu_opens_the_dialog(
    qtbot: QtBot, context: AppContext, store: Store, two_templates: list[Template]
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_store(store)  # an empty store: the welcome page, but the menu works
    file_menu = window.menuBar().actions()[0].menu()
    assert window.mappings_action in file_menu.actions()
    assert window.mappings_action.text() == "Saved column mappings…"
    window.mappings_action.trigger()
    dialog = window.templates_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    assert dialog.isVisible()
    dialog.close()


def test_the_imports_tab_button_opens_the_dialog(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    save_template(demo_store, "快手小店订单", "orders", "kuaishou", KS_HEADERS, KS_MAPPING)
    window = open_window(qtbot, context, demo_store)
    window.tabs.setCurrentIndex(5)
    tab = window.current_tab()
    assert isinstance(tab, ImportsTab)
    assert tab.mappings_button.isVisible()
    assert tab.mappings_button.text() == "Saved mappings…"
    tab.mappings_button.click()
    dialog = window.templates_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.isVisible()
    assert names(dialog) == ["快手小店订单"]
    dialog.close()
