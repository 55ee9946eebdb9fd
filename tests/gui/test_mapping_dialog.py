"""The column-mapping dialog: suggestions, live preview, Save only when it works."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services.mappings import list_templates, read_layout
from app.views.context import AppContext
from app.views.dialogs.import_dialog import ImportDialog
from app.views.dialogs.mapping_dialog import MappingDialog
from tests.conftest import TODAY
from tests.query import scalar

KS_HEADERS = [
    "订单号",
    "商品名称",
    "实付金额",
    "下单时间",
    "支付时间",
    "订单状态",
    "收货人",
    "手机号",
]
KS_ROWS = [
    [
        "2026110112345678",
        "保温杯 500ml",
        "89.90",
        "2026-11-01 10:00:00",
        "",
        "交易成功",
        "张三",
        "",
    ],
    [
        "2026110112345679",
        "保温杯 300ml",
        "¥1,299.00",
        "2026-11-02 11:00:00",
        "",
        "已发货",
        "李四",
        "",
    ],
]
FILE, PLATFORM, KIND, DATES, ROWS, OUTCOME = range(6)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def ks_csv(tmp_path: Path) -> Path:
    """A 快手小店-like order export: no export kind knows it."""
    return write_csv(tmp_path / "快手小店订单.csv", [KS_HEADERS, *KS_ROWS])


def make_dialog(qtbot: QtBot, context: AppContext, store: Store, path: Path) -> MappingDialog:
    dialog = MappingDialog(store, read_layout(path), context.runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def shown(dialog: MappingDialog, row: int, field: str, role: int = 0) -> Any:
    model = dialog.preview_model
    column = dialog.preview.fields.index(field)
    return model.data(model.index(row, column), role or Qt.ItemDataRole.DisplayRole)


def templates(store: Store) -> int:
    return int(scalar(store, "SELECT COUNT(*) FROM mapping_templates"))


def test_the_dialog_suggests_columns_and_previews_the_rows(
    qtbot: QtBot, context: AppContext, store: Store, ks_csv: Path, qtmodeltester: Any
) -> None:
    dialog = make_dialog(qtbot, context, store, ks_csv)
    assert dialog.header_index == 0
    assert dialog.mapping() == {
        "order_no": "订单号",
        "product_name": "商品名称",
        "payable": "实付金额",
        "created_at": "下单时间",
        "paid_at": "支付时间",
        "status": "订单状态",
        "recipient": "收货人",
        "phone": "手机号",
    }
    assert dialog.field_combos["line_key"].currentText() == "(not in this file)"
    assert dialog.line_note.isVisible()  # one row is one order
    assert dialog.platform_combo.currentData() == "kuaishou"
    assert dialog.name_edit.text() == "Kuaishou orders"
    assert dialog.preview_model.rowCount() == 2
    assert shown(dialog, 0, "order_no") == "2026110112345678"
    assert shown(dialog, 0, "payable") == "¥89.90"
    assert shown(dialog, 1, "payable") == "¥1,299.00"
    assert shown(dialog, 0, "created_at") == "Nov 1, 2026 10:00"
    assert shown(dialog, 0, "payable", Qt.ItemDataRole.ForegroundRole) is None
    header = dialog.preview_model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Order number\n订单号"
    assert dialog.save_button.isEnabled()
    assert dialog.status_label.text() == "Ready to save."
    qtmodeltester.check(dialog.preview_model)


def test_a_bad_cell_turns_red_with_its_reason(
    qtbot: QtBot, context: AppContext, store: Store, tmp_path: Path
) -> None:
    bad = [*KS_ROWS, ["2026110112345680", "杯子", "一百元", "", "", "", "", ""]]
    dialog = make_dialog(qtbot, context, store, write_csv(tmp_path / "bad.csv", [KS_HEADERS, *bad]))
    assert shown(dialog, 2, "payable") == "一百元"
    assert shown(dialog, 2, "payable", Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    assert "amount" in shown(dialog, 2, "payable", Qt.ItemDataRole.ToolTipRole)
    assert shown(dialog, 0, "payable", Qt.ItemDataRole.ToolTipRole) is None
    assert not dialog.save_button.isEnabled()  # the amount is required
    assert "cannot be read: 1" in dialog.status_label.text()

    dialog.choose("status", None)  # a wrong optional column does not block saving
    dialog.choose("created_at", "收货人")
    assert shown(dialog, 0, "created_at", Qt.ItemDataRole.ToolTipRole)
    dialog.choose("payable", None)
    dialog.choose("payable", "实付金额")
    assert not dialog.save_button.isEnabled()


def test_save_waits_for_order_number_and_amount(
    qtbot: QtBot, context: AppContext, store: Store, ks_csv: Path
) -> None:
    dialog = make_dialog(qtbot, context, store, ks_csv)
    dialog.choose("order_no", None)
    dialog.choose("payable", None)
    assert not dialog.save_button.isEnabled()
    assert "Order number" in dialog.status_label.text()
    assert "Amount paid" in dialog.status_label.text()
    dialog.choose("order_no", "订单号")
    assert not dialog.save_button.isEnabled()
    dialog.choose("payable", "实付金额")
    assert dialog.save_button.isEnabled()
    dialog.name_edit.clear()
    assert not dialog.save_button.isEnabled()
    dialog.name_edit.setText("快手小店")
    assert dialog.save_button.isEnabled()

    with qtbot.waitSignal(dialog.template_saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert templates(store) == 1
    (template,) = list_templates(store)
    assert saved.args[0] == template
    assert (template.name, template.platform, template.target) == ("快手小店", "kuaishou", "orders")
    assert template.fields["payable"] == "实付金额"
    assert not dialog.isVisible()


def test_the_header_row_and_the_target_can_be_changed(
    qtbot: QtBot, context: AppContext, store: Store, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "titled.csv", [["快手小店订单导出"], [], KS_HEADERS, *KS_ROWS])
    dialog = make_dialog(qtbot, context, store, path)
    assert dialog.header_index == 2
    assert dialog.save_button.isEnabled()
    dialog.header_row_combo.setCurrentIndex(0)
    assert dialog.mapping() == {}
    assert not dialog.save_button.isEnabled()
    dialog.header_row_combo.setCurrentIndex(2)
    assert dialog.mapping()["order_no"] == "订单号"

    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("customers"))
    assert set(dialog.field_combos) == {
        "name",
        "nickname",
        "phone",
        "since",
        "wecom",
        "region",
        "tags",
    }
    assert dialog.mapping() == {"phone": "手机号"}
    assert dialog.platform_combo.currentData() == "wecom"
    assert not dialog.currency_combo.isVisible()
    assert dialog.save_button.isEnabled()  # a phone tells customers apart


def test_a_rejected_unknown_file_can_be_mapped_and_then_imports(
    qtbot: QtBot, context: AppContext, store: Store, ks_csv: Path
) -> None:
    dialog = ImportDialog(store, [ks_csv], context.runner, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.start_check().succeeded, timeout=10_000):
        pass
    result = dialog.results[0]
    assert result is not None
    assert result.status == "rejected"
    dialog.table.selectRow(0)
    assert dialog.map_button.isVisible()
    assert dialog.map_button.text() == "Map columns…"
    assert "Map columns…" in dialog.details.toPlainText()
    assert not dialog.import_button.isEnabled()

    dialog.map_button.click()
    qtbot.waitUntil(lambda: dialog.mapping_dialog is not None, timeout=10_000)
    mapping = dialog.mapping_dialog
    assert mapping is not None
    assert mapping.isVisible()
    assert mapping.save_button.isEnabled()
    mapping.platform_combo.setCurrentIndex(mapping.platform_combo.findData("kuaishou"))
    mapping.save_button.click()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    (template,) = list_templates(store)
    result = dialog.results[0]
    assert result is not None
    assert (result.status, result.kind, result.inserted) == ("imported", template.kind_id, 2)
    assert dialog.model.data(dialog.model.index(0, KIND)) == "Mapped: Kuaishou orders"
    assert dialog.model.data(dialog.model.index(0, PLATFORM)) == "Kuaishou"
    assert dialog.import_button.text() == "Import 1 file"
    assert not dialog.map_button.isVisible()

    with qtbot.waitSignal(dialog.imports_finished, timeout=10_000) as finished:
        dialog.import_button.click()
    assert [r.status for r in finished.args[0]] == ["imported"]


def test_a_recognised_or_unreadable_file_offers_no_mapping(
    qtbot: QtBot, context: AppContext, store: Store, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    dialog = ImportDialog(store, [empty], context.runner, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.start_check().succeeded, timeout=10_000):
        pass
    dialog.table.selectRow(0)
    assert dialog.results[0] is not None
    assert dialog.results[0].status == "rejected"
    assert not dialog.map_button.isVisible()
    assert dialog.map_columns() is None


def test_the_check_names_files_read_through_a_template(
    qtbot: QtBot, context: AppContext, store: Store, ks_csv: Path
) -> None:
    from app.services.mappings import save_template

    mapping = {"order_no": "订单号", "payable": "实付金额", "created_at": "下单时间"}
    template = save_template(store, "店铺自制表 #7", "orders", "store", KS_HEADERS, mapping)
    dialog = ImportDialog(store, [ks_csv], context.runner, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.start_check().succeeded, timeout=10_000):
        pass
    assert dialog.results[0] is not None
    assert dialog.results[0].kind == template.kind_id
    assert dialog.model.data(dialog.model.index(0, KIND)) == "Mapped: 店铺自制表 #7"
    assert dialog.model.data(dialog.model.index(0, PLATFORM)) == "Offline store"
