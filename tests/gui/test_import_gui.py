"""Importing from the window: drop or choose exports, check them, import, cancel, undo."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services.imports import READ_SHARE, import_files
from app.views.context import AppContext
from app.views.dialogs.import_dialog import ImportDialog
from app.views.import_errors import describe_import_error
from app.views.tabs.imports_tab import ImportsTab
from tests.conftest import SAMPLES, TODAY
from tests.gui.windows import open_window
from tests.query import scalar

CHANNELS_HEADER = (
    "视频描述,视频ID,发布时间,完播率,平均播放时长,播放量,推荐,喜欢,评论量,分享量,关注量"
)
TRAFFIC, IMPORTS = 1, 5
FILE, PLATFORM, KIND, DATES, ROWS, OUTCOME = range(6)


def channels_rows(prefix: str, count: int) -> str:
    rows = [
        f"测试视频{i},export/{prefix}{i:04d},2026/10/{i + 1:02d},12.5%,8.2秒,{100 * i + 7},"
        f"3,{i + 2},1,0,{i % 3}"
        for i in range(1, count + 1)
    ]
    return "\n".join([CHANNELS_HEADER, *rows]) + "\n"


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def channels_csv(exports: Path) -> Path:
    """A WeChat Channels post export: the shared sample when present, else a small one like it."""
    target = exports / "视频号_动态数据明细.csv"
    sample = SAMPLES / "视频号_动态数据明细.csv"
    if sample.is_file():
        shutil.copyfile(sample, target)
    else:
        target.write_text(channels_rows("UzFfSAMPLE", 5), encoding="utf-8-sig")
    return target


@pytest.fixture
def second_csv(exports: Path) -> Path:
    """Another Channels export, other posts."""
    target = exports / "视频号_动态数据明细 (1).csv"
    target.write_text(channels_rows("UzFfSECOND", 4), encoding="utf-8-sig")
    return target


@pytest.fixture
def bad_csv(exports: Path) -> Path:
    """A CSV no platform exports: its headers are unknown."""
    target = exports / "不是导出.csv"
    target.write_text("名字,数量\n苹果,3\n", encoding="utf-8")
    return target


def count(store: Store, sql: str) -> Any:
    return scalar(store, sql)  # SQLite or the test server alike


def batches(store: Store) -> int:
    return int(count(store, "SELECT COUNT(*) FROM import_batches"))


def cell(dialog: ImportDialog, row: int, column: int, role: int = 0) -> Any:
    return dialog.model.data(dialog.model.index(row, column), role or Qt.ItemDataRole.DisplayRole)


def checked_dialog(
    qtbot: QtBot, context: AppContext, store: Store, paths: list[Path]
) -> ImportDialog:
    dialog = ImportDialog(store, paths, context.runner, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.start_check().succeeded, timeout=10_000):
        pass
    return dialog


def wait_for_check(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.summary_label.text() != "", timeout=10_000)


def file_mime(*urls: QUrl) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(list(urls))
    return mime


def test_dropping_exports_on_the_window_opens_the_import_dialog(
    qtbot: QtBot, context: AppContext, store: Store, channels_csv: Path, bad_csv: Path
) -> None:
    window = open_window(qtbot, context, store)
    assert window.welcome.isVisible()  # an empty store: drop on the welcome page
    web = file_mime(QUrl("https://example.com/orders.xlsx"))
    refused = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        web,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()

    mime = file_mime(QUrl.fromLocalFile(str(channels_csv)), QUrl.fromLocalFile(str(bad_csv)))
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()

    dialog = window.import_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.paths == [channels_csv, bad_csv]
    wait_for_check(qtbot, dialog)
    assert [cell(dialog, r, FILE) for r in range(2)] == [channels_csv.name, bad_csv.name]
    assert batches(store) == 0


def test_the_check_shows_what_a_file_would_do_and_writes_nothing(
    qtbot: QtBot, context: AppContext, demo_store: Store, channels_csv: Path, qtmodeltester: Any
) -> None:
    before, videos = batches(demo_store), count(demo_store, "SELECT COUNT(*) FROM videos")
    dialog = checked_dialog(qtbot, context, demo_store, [channels_csv])
    result = dialog.results[0]
    assert result is not None
    assert result.status == "imported"
    assert result.inserted > 0
    assert cell(dialog, 0, OUTCOME) == f"{result.inserted} new, 0 updated, 0 unchanged"
    assert cell(dialog, 0, PLATFORM) == "WeChat Channels"
    assert cell(dialog, 0, KIND) == "Channels post details"
    assert cell(dialog, 0, ROWS) == str(result.rows)
    assert cell(dialog, 0, DATES).endswith(", 2026")
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 1 file"
    assert dialog.summary_label.text() == "1 to import"
    assert not dialog.progress_bar.isVisible()
    assert str(channels_csv) in dialog.details.toPlainText()
    assert batches(demo_store) == before
    assert count(demo_store, "SELECT COUNT(*) FROM videos") == videos
    qtmodeltester.check(dialog.model)


def test_importing_writes_the_file_and_every_tab_reloads(
    qtbot: QtBot, context: AppContext, demo_store: Store, channels_csv: Path
) -> None:
    window = open_window(qtbot, context, demo_store)
    window.tabs.setCurrentIndex(TRAFFIC)
    traffic = window.tab_pages[TRAFFIC]
    traffic.body.filter_bar.period.set_range(date(2000, 1, 1), TODAY)  # every video, any month
    traffic_rows = traffic.model.rowCount()
    before = batches(demo_store)
    dialog = window.import_paths([channels_csv])
    assert dialog is not None
    wait_for_check(qtbot, dialog)
    new = dialog.results[0].inserted  # type: ignore[union-attr]
    with qtbot.waitSignal(window.data_loaded, timeout=10_000):
        dialog.import_button.click()
    # The window may reload on the import's first commit (tiers and alerts commit after it):
    # wait for the dialog's end and the reload that follows it.
    qtbot.waitUntil(dialog.close_button.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: traffic.model.rowCount() == traffic_rows + new, timeout=10_000)
    assert batches(demo_store) == before + 1
    batch = count(demo_store, "SELECT MAX(id) FROM import_batches")
    assert count(demo_store, f"SELECT COUNT(*) FROM videos WHERE batch_id = {batch}") == new
    assert cell(dialog, 0, OUTCOME) == f"Imported: {new} new, 0 updated, 0 unchanged"
    assert dialog.summary_label.text() == "1 imported"
    assert dialog.close_button.isVisible()
    assert not dialog.import_button.isVisible()
    window.tabs.setCurrentIndex(IMPORTS)
    assert window.tab_pages[IMPORTS].model.rowCount() == before + 1


def test_a_rejected_file_is_marked_and_left_out(
    qtbot: QtBot, context: AppContext, store: Store, channels_csv: Path, bad_csv: Path
) -> None:
    dialog = checked_dialog(qtbot, context, store, [channels_csv, bad_csv, channels_csv])
    rejected = dialog.results[1]
    assert rejected is not None
    assert rejected.status == "rejected"
    assert rejected.error is not None
    assert cell(dialog, 1, OUTCOME) == describe_import_error(rejected.error)
    assert bad_csv.name in cell(dialog, 1, OUTCOME)
    assert cell(dialog, 1, FILE, Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    assert cell(dialog, 1, FILE, Qt.ItemDataRole.DecorationRole) is not None
    assert cell(dialog, 0, FILE, Qt.ItemDataRole.ForegroundRole) is None
    # The check sees the files together: the same file twice is already imported the 2nd time.
    assert dialog.import_button.text() == "Import 1 file"
    assert dialog.summary_label.text() == "1 to import, 1 already imported, 1 rejected"
    dialog.table.selectRow(1)
    assert "Rejected: " in dialog.details.toPlainText()

    with qtbot.waitSignal(dialog.imports_finished, timeout=10_000) as finished:
        dialog.import_button.click()
    assert [r.status for r in finished.args[0]] == ["imported", "rejected", "unchanged"]
    assert dialog.summary_label.text() == "1 imported, 1 already imported, 1 rejected"
    assert cell(dialog, 2, OUTCOME) == "Already imported"
    assert batches(store) == 1


def test_checking_the_same_file_again_says_already_imported(
    qtbot: QtBot, context: AppContext, store: Store, channels_csv: Path
) -> None:
    import_files(store, [channels_csv])
    dialog = checked_dialog(qtbot, context, store, [channels_csv])
    assert cell(dialog, 0, OUTCOME) == "Already imported"
    assert not dialog.import_button.isEnabled()
    assert dialog.summary_label.text() == "1 already imported"


def hold_writer(
    monkeypatch: pytest.MonkeyPatch, on_call: int
) -> tuple[threading.Event, threading.Event]:
    """Stop the worker after the ``on_call``-th file's rows are written, before its commit."""
    from app.services import imports

    entered, release, calls = threading.Event(), threading.Event(), []
    original: Callable[..., Any] = imports._run_writer

    def held(*args: Any, **kwargs: Any) -> Any:
        counts = original(*args, **kwargs)
        calls.append(1)
        if len(calls) == on_call:
            entered.set()
            release.wait(10)
        return counts

    monkeypatch.setattr(imports, "_run_writer", held)
    return entered, release


def test_cancel_during_the_import_rolls_back_the_current_file_only(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    channels_csv: Path,
    second_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = checked_dialog(qtbot, context, store, [channels_csv, second_csv])
    entered, release = hold_writer(monkeypatch, on_call=2)
    dialog.import_button.click()
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    assert dialog.progress_bar.isVisible()
    assert cell(dialog, 0, OUTCOME).startswith("Imported: ")
    with qtbot.waitSignal(dialog.imports_finished, timeout=10_000) as finished:
        dialog.cancel_button.click()
        assert not dialog.cancel_button.isEnabled()
        assert dialog.isVisible()  # Cancel stops the import; the dialog then shows what it did
        release.set()
    assert [r.status for r in finished.args[0]] == ["imported", "cancelled"]
    assert batches(store) == 1
    assert (
        count(store, "SELECT COUNT(*) FROM videos WHERE video_key LIKE 'export/UzFfSECOND%'") == 0
    )
    assert cell(dialog, 1, OUTCOME) == "Cancelled: nothing written"
    assert dialog.summary_label.text() == "1 imported, 1 cancelled"
    assert dialog.heading.text().startswith("Import cancelled")
    assert dialog.close_button.isVisible()


def test_the_bar_moves_within_a_file_as_it_is_read(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    channels_csv: Path,
    second_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = checked_dialog(qtbot, context, store, [channels_csv, second_csv])
    entered, release = hold_writer(monkeypatch, on_call=1)
    dialog.import_button.click()
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    bar = dialog.progress_bar
    # The first file is read (READ_SHARE of its part of the bar) and being written.
    qtbot.waitUntil(lambda: bar.value() == round(READ_SHARE * 100), timeout=10_000)
    assert (bar.maximum(), bar.text()) == (200, "0 / 2")
    with qtbot.waitSignal(dialog.imports_finished, timeout=10_000):
        release.set()


def test_cancel_during_the_check_closes_and_writes_nothing(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    channels_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entered, release = hold_writer(monkeypatch, on_call=1)
    dialog = ImportDialog(store, [channels_csv], context.runner, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    task = dialog.start_check()
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as done:
        dialog.cancel_button.click()
        assert not dialog.isVisible()
        release.set()
    assert [r.status for r in done.args[0][1]] == ["cancelled"]
    assert batches(store) == 0


def test_import_actions_ask_for_files_or_a_folder(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    channels_csv: Path,
    second_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, context, store)
    assert window.import_action.isEnabled()
    assert "not available" not in window.import_action.toolTip()
    asked: list[str] = []

    def files(_parent: object, _title: str, start: str, _filter: str) -> tuple[list[str], str]:
        asked.append(start)
        return [str(channels_csv)], ""

    monkeypatch.setattr("app.views.dialogs.file_pickers.QFileDialog.getOpenFileNames", files)
    window.import_action.trigger()
    assert window.import_dialog is not None
    assert window.import_dialog.paths == [channels_csv]
    wait_for_check(qtbot, window.import_dialog)
    window.import_dialog.reject()

    monkeypatch.setattr(
        "app.views.dialogs.file_pickers.QFileDialog.getExistingDirectory",
        lambda _parent, _title, start: asked.append(start) or str(channels_csv.parent),
    )
    window.import_folder_action.trigger()
    dialog = window.import_dialog
    wait_for_check(qtbot, dialog)
    assert sorted(dialog.files) == sorted([channels_csv, second_csv])
    assert asked == ["", str(channels_csv.parent)]  # the second dialog opens where the first was
    assert dialog.import_button.text() == "Import 2 files"


def select_batch(tab: ImportsTab, batch_id: int) -> None:
    rows = [r for r in range(tab.model.rowCount()) if tab.model.row_values(r)["id"] == batch_id]
    assert rows, f"import #{batch_id} is not listed"
    tab.table.selectRow(rows[0])


def test_undo_removes_the_imports_rows(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    channels_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (result,) = import_files(demo_store, [channels_csv])
    batch = result.batch_id
    assert count(demo_store, f"SELECT COUNT(*) FROM videos WHERE batch_id = {batch}") > 0
    window = open_window(qtbot, context, demo_store)
    window.tabs.setCurrentIndex(IMPORTS)
    tab = window.tab_pages[IMPORTS]
    assert isinstance(tab, ImportsTab)
    assert not tab.undo_button.isEnabled()  # nothing selected
    select_batch(tab, batch)
    assert tab.undo_button.isEnabled()
    questions: list[str] = []
    monkeypatch.setattr(
        "app.views.tabs.imports_tab.QMessageBox.question",
        lambda _parent, _title, text, *_a: questions.append(text) or QMessageBox.StandardButton.Yes,
    )
    with qtbot.waitSignal(window.data_loaded, timeout=10_000):
        tab.undo_button.click()
    assert channels_csv.name in questions[0]
    assert count(demo_store, f"SELECT status FROM import_batches WHERE id = {batch}") == "undone"
    assert count(demo_store, f"SELECT COUNT(*) FROM videos WHERE batch_id = {batch}") == 0
    assert window.statusBar().currentMessage() == f"Import #{batch} undone"
    select_batch(tab, batch)
    assert tab.selected_record()["status"] == "undone"  # type: ignore[index]
    assert not tab.undo_button.isEnabled()


def test_a_refused_undo_names_the_later_imports(
    qtbot: QtBot, context: AppContext, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In the demo shop, later exports of the same account (#2, #3, #4) updated import #1's rows.
    assert count(demo_store, "SELECT status FROM import_batches WHERE id = 1") == "imported"
    window = open_window(qtbot, context, demo_store)
    window.tabs.setCurrentIndex(IMPORTS)
    tab = window.tab_pages[IMPORTS]
    assert isinstance(tab, ImportsTab)
    select_batch(tab, 1)
    warnings: list[str] = []
    monkeypatch.setattr(
        "app.views.tabs.imports_tab.QMessageBox.question",
        lambda *_a: QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(
        "app.views.tabs.imports_tab.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    tab.undo_button.click()
    qtbot.waitUntil(lambda: len(warnings) == 1, timeout=10_000)
    assert "Import #1 cannot be undone" in warnings[0]
    assert "#2" in warnings[0]
    assert count(demo_store, "SELECT status FROM import_batches WHERE id = 1") == "imported"


def test_declining_the_question_changes_nothing(
    qtbot: QtBot, context: AppContext, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, context, demo_store)
    window.tabs.setCurrentIndex(IMPORTS)
    tab = window.tab_pages[IMPORTS]
    assert isinstance(tab, ImportsTab)
    select_batch(tab, 4)
    requested: list[int] = []
    tab.undo_requested.connect(requested.append)
    monkeypatch.setattr(
        "app.views.tabs.imports_tab.QMessageBox.question",
        lambda *_a: QMessageBox.StandardButton.No,
    )
    tab.undo_button.click()
    assert requested == []
    assert count(demo_store, "SELECT status FROM import_batches WHERE id = 4") == "imported"
