"""The plan list: filters, search, the Excel export of what is shown, the printed week."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.views.content.week_sheet import paint_week_sheet, print_week, set_week_page
from app.views.context import AppContext
from app.views.formatting import format_datetime
from app.views.tabs.content_tab import LIST, ContentPlanTab
from tests.conftest import TODAY
from tests.gui.store_sql import rows


def open_list(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab.resize(1400, 900)
    tab.show()
    tab.load(store.reader(), TODAY)
    tab.show_view(LIST)
    return tab


def ids(store: Store, where: str, **params: Any) -> set[int]:
    return {i for (i,) in rows(store, f"SELECT id FROM plan_items WHERE {where}", **params)}


def choose(combo: Any, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_the_list_model_follows_qts_contract(
    qtbot: QtBot, context: AppContext, demo_store: Store, qtmodeltester: Any
) -> None:
    tab = open_list(qtbot, demo_store)
    qtmodeltester.check(tab.model)


def test_filters_narrow_the_list(qtbot: QtBot, context: AppContext, demo_store: Store) -> None:
    tab = open_list(qtbot, demo_store)
    view = tab.list_view
    assert set(tab.model.item_ids()) == ids(demo_store, "true")
    choose(view.status_filter, "scheduled")
    assert set(tab.model.item_ids()) == ids(demo_store, "status = 'scheduled'")
    choose(view.status_filter, None)
    pillar = tab.snapshot.pillars[0]
    choose(view.pillar_filter, pillar.id)
    assert set(tab.model.item_ids()) == ids(demo_store, "pillar_id = :pillar", pillar=pillar.id)
    choose(view.pillar_filter, None)
    choose(view.platform_filter, "kuaishou")
    assert set(tab.model.item_ids()) == ids(demo_store, "platforms LIKE '%kuaishou%'")
    choose(view.kind_filter, "challenge")
    assert set(tab.model.item_ids()) == ids(
        demo_store, "platforms LIKE '%kuaishou%' AND kind = 'challenge'"
    )
    shown, total = tab.model.rowCount(), tab.model.total_rows()
    assert view.count_label.text() == f"{shown} of {total} items"


def test_search_finds_titles_and_hooks(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_list(qtbot, demo_store)
    # QTest.keyClicks aborts on non-ASCII text (qasciikey.cpp): type it as an input method would.
    tab.list_view.search_box.setText("直播")
    expected = ids(demo_store, "title LIKE '%直播%' OR hook LIKE '%直播%'")
    assert expected
    assert expected <= set(tab.model.item_ids())
    for row in range(tab.model.rowCount()):
        texts = [tab.model.display_text(row, c) for c in range(tab.model.columnCount())]
        assert any("直播" in t for t in texts)


def test_sorting_by_a_column_orders_by_its_values(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_list(qtbot, demo_store)
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    times = [tab.snapshot.item(i).planned_at for i in tab.model.item_ids()]
    dated = [t for t in times if t is not None]
    assert dated == sorted(dated, reverse=True)


def test_export_writes_the_rows_shown_as_shown(
    qtbot: QtBot, context: AppContext, demo_store: Store, tmp_path: Path
) -> None:
    tab = open_list(qtbot, demo_store)
    choose(tab.list_view.status_filter, "published")
    target = tmp_path / "plan.xlsx"
    written = tab.export_list(target)
    assert written == tab.model.rowCount() > 0
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = [
        tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())
    ]
    assert list(rows[0]) == headers
    assert len(rows) == 1 + tab.model.rowCount()
    title_col = headers.index("Title")
    stage_col = headers.index("Stage")
    planned_col = headers.index("Planned")
    for row, values in enumerate(rows[1:]):
        assert values[title_col] == tab.model.display_text(row, title_col)
        assert values[stage_col] == tab.model.display_text(row, stage_col) == "Published"
        assert isinstance(values[planned_col], datetime)
        assert format_datetime(values[planned_col]) == tab.model.display_text(row, planned_col)


def test_the_week_sheet_paints_that_weeks_items(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_list(qtbot, demo_store)
    monday = date(2026, 11, 30)
    image = QImage(1600, 1100, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painted = paint_week_sheet(painter, QRectF(20, 20, 1560, 1060), monday, tab.snapshot)
    painter.end()
    expected = [
        t
        for (t,) in rows(
            demo_store,
            "SELECT title FROM plan_items WHERE planned_at >= '2026-11-30' "
            "AND planned_at < '2026-12-07' ORDER BY planned_at, id",
        )
    ]
    assert painted == expected
    inked = sum(
        1 for x in range(0, 1600, 20) for y in range(0, 1100, 20) if image.pixel(x, y) != 0xFFFFFFFF
    )
    assert inked > 100


def test_the_list_shows_translated_codes(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_list(qtbot, demo_store)
    stages = {tab.model.display_text(r, 1) for r in range(tab.model.rowCount())}
    assert stages <= {"Idea", "Scripted", "Shot", "Edited", "Scheduled", "Published"}


def test_the_export_button_asks_where_and_says_how_many(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = open_list(qtbot, demo_store)
    target = tmp_path / "计划.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    tab.list_view.export_button.click()
    assert target.exists()
    assert told == [f"{tab.model.rowCount()} plan items written to {target}"]


def test_print_week_opens_a_preview_of_the_sheet(
    qtbot: QtBot, context: AppContext, demo_store: Store, tmp_path: Path
) -> None:
    tab = open_list(qtbot, demo_store)
    tab.list_view.print_button.click()
    dialog = tab.preview
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    printer = QPrinter()
    set_week_page(printer)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "week.pdf"))
    painted = print_week(printer, date(2026, 11, 30), tab.snapshot)
    assert painted
    assert Path(printer.outputFileName()).stat().st_size > 1000
    dialog.reject()


def test_the_list_opens_at_the_upcoming_items(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    tab = open_list(qtbot, demo_store)
    first_upcoming = next(
        row
        for row in range(tab.model.rowCount())
        if (item := tab.snapshot.item(tab.model.item_id(row))).planned_at
        and item.planned_at.date() >= TODAY
    )
    qtbot.waitUntil(lambda: tab.table.verticalScrollBar().value() > 0)
    viewport = tab.table.viewport().rect()
    assert viewport.contains(tab.table.visualRect(tab.model.index(first_upcoming, 0)))
    assert tab.table.rowAt(0) > 0
