"""Report…: the dialog builds the pages off the GUI thread, saves the PDF, and prints the same
pages through a QPrinter (a PDF printer, offscreen)."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.db import Store
from app.reports.sections import all_sections
from app.views.context import AppContext
from app.views.dialogs.report_dialog import BuiltReport, ReportDialog, a4_printer, paint_pages
from tests.conftest import TODAY
from tests.gui.windows import open_window

A4_POINTS = (595, 842)


def open_dialog(qtbot: QtBot, context: AppContext, store: Store) -> ReportDialog:
    dialog = ReportDialog(store, context.runner, language="en", today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def build(qtbot: QtBot, dialog: ReportDialog) -> BuiltReport:
    found: list[BuiltReport] = []
    with qtbot.waitSignal(dialog.report_built, timeout=60_000):
        dialog.build(found.append)
    return found[0]


def test_the_dialog_offers_the_months_with_data_and_every_section(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    dialog = open_dialog(qtbot, context, demo_store)
    months = [dialog.month.itemData(i) for i in range(dialog.month.count())]
    assert months == ["2026-11", "2026-10", "2026-09", "2026-08"]
    assert list(dialog.section_boxes)[:2] == ["cover", "kpis"]
    assert dialog.section_boxes["kpis"].text() == "Key figures against last month"
    assert all(box.isChecked() for box in dialog.section_boxes.values())
    assert list(dialog.section_boxes) == [s.key for s in all_sections()]
    assert dialog.section_boxes["funnel"].text() == "Funnel and attribution"
    assert dialog.section_boxes["campaigns"].text() == "Campaigns and their uplift"


def test_every_section_is_listed_in_chinese(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    assert context.translations.apply("zh_CN"), "the .qm file is missing: run `make setup`"
    dialog = open_dialog(qtbot, context, demo_store)
    titles = {key: box.text() for key, box in dialog.section_boxes.items()}
    assert titles["funnel"] == "转化漏斗与归因"
    assert titles["ads"] == "广告回报与内容回款"
    assert titles["customers"] == "客户分层与层级变化"
    assert titles["churn"] == "流失预警"
    assert titles["campaigns"] == "营销活动效果"
    assert titles["reviews"] == "差评与回复速度"
    assert all(not t.isascii() for t in titles.values())  # no section left in English


def test_printing_paints_every_page_onto_the_printer(
    qtbot: QtBot, context: AppContext, demo_store: Store, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, context, demo_store)
    dialog.month.setCurrentIndex(dialog.month.findData("2026-10"))
    for key, box in dialog.section_boxes.items():
        box.setChecked(key in ("cover", "kpis", "trend"))
    built = build(qtbot, dialog)
    assert built.request == ("2026-10", "en", ("cover", "kpis", "trend"))
    assert built.pages == len(built.svgs) >= 3
    for svg in built.svgs:  # what Qt's PDF printer mishandles (a black band, broken glyphs)
        assert b'style="fill: none"/>' not in svg
        assert not re.search(rb'<path id="[^"]+" transform="[^"]*"/>', svg)
    out = tmp_path / "printed.pdf"
    assert paint_pages(a4_printer(out), built.svgs) == built.pages
    reader = PdfReader(out)
    assert len(reader.pages) == built.pages
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
    assert "Page 3" not in dialog.status.text()
    assert dialog.status.text() == f"{built.pages} page(s) ready."


def test_a_second_preview_reuses_the_pages(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    dialog = open_dialog(qtbot, context, demo_store)
    for key, box in dialog.section_boxes.items():
        box.setChecked(key == "kpis")
    first = build(qtbot, dialog)
    again: list[BuiltReport] = []
    assert dialog.build(again.append) is None  # nothing to run: the same choices
    assert again == [first]
    preview = dialog.preview(first)
    qtbot.addWidget(preview)
    assert preview.isVisible()
    preview.close()


def test_save_pdf_writes_the_report(
    qtbot: QtBot, context: AppContext, demo_store: Store, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, context, demo_store)
    for key, box in dialog.section_boxes.items():
        box.setChecked(key in ("cover", "kpis"))
    with qtbot.waitSignal(dialog.pdf_saved, timeout=60_000) as saved:
        dialog.save_pdf(tmp_path / "october")
    path = Path(saved.args[0])
    assert path == tmp_path / "october.pdf"
    pages = [p.extract_text() for p in PdfReader(path).pages]
    assert len(pages) == 2
    assert "Key figures" in pages[1]
    assert dialog.status.text() == f"Saved to {path}"


def test_no_section_chosen_is_refused(qtbot: QtBot, context: AppContext, demo_store: Store) -> None:
    dialog = open_dialog(qtbot, context, demo_store)
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    assert dialog.build(lambda _b: None) is None
    assert dialog.status.text() == "Choose at least one section."


def test_an_empty_store_has_nothing_to_report(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    dialog = open_dialog(qtbot, context, store)
    assert dialog.month.count() == 0
    assert not dialog.save_button.isEnabled()
    assert "nothing to report" in dialog.status.text()


def test_the_window_opens_report(qtbot: QtBot, context: AppContext, demo_store: Store) -> None:
    window = open_window(qtbot, context, demo_store)
    assert window.report_action.isEnabled()
    window.report_action.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.month.currentData() == "2026-10"  # the last whole month before TODAY
    dialog.reject()
