"""Backups in the window: the Backups dialog, restore after a Yes, and the automatic triggers."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services.backups import list_backups, make_backup
from app.views.context import AppContext
from app.views.dialogs.backups_dialog import CHECK, MADE_AT, REASON, SIZE, BackupsDialog
from app.views.main_window import BACKUP_INTERVAL_MS, MainWindow
from tests.dump import dump_hash
from tests.exports import doudian_line, doudian_orders
from tests.gui.windows import open_window

NOW = datetime(2026, 11, 28, 20, 15, 0)


def open_dialog(qtbot: QtBot, window: MainWindow) -> BackupsDialog:
    with qtbot.waitSignal(window.context.runner.submit(lambda _t: None).succeeded):
        pass  # let the window's own jobs run first
    dialog = window.show_backups()
    assert dialog is not None
    qtbot.waitSignal(dialog.checked, timeout=10_000).wait()
    return dialog


def cell(dialog: BackupsDialog, row: int, column: int) -> Any:
    return dialog.model.data(dialog.model.index(row, column), Qt.ItemDataRole.DisplayRole)


def orders(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0]


def delete_orders(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DELETE FROM order_lines")
        conn.commit()


@pytest.fixture
def backing_up(context: AppContext) -> AppContext:
    """The context as the app runs it: automatic backups on."""
    return dataclasses.replace(context, auto_backups=True)


def test_the_dialog_lists_each_backup_with_time_reason_size_and_check(
    qtbot: QtBot, context: AppContext, demo_store: Store, demo_db: Path
) -> None:
    make_backup(demo_db, "import", now=NOW)
    damaged = make_backup(demo_db, "exit", now=NOW + timedelta(hours=1))
    with open(damaged.path, "r+b") as handle:
        handle.seek(4096)
        handle.write(b"\x13" * 8 * 4096)
    window = open_window(qtbot, context, demo_store)
    assert window.backups_action in window.menuBar().actions()[0].menu().actions()
    dialog = open_dialog(qtbot, window)
    assert dialog.model.rowCount() == 2
    assert [cell(dialog, r, REASON) for r in range(2)] == ["On quitting", "After an import"]
    assert cell(dialog, 1, MADE_AT) == "Nov 28, 2026 20:15"
    assert cell(dialog, 1, SIZE).endswith(" MB")
    assert cell(dialog, 1, CHECK) == "OK"
    assert cell(dialog, 0, CHECK).startswith("Damaged: ")
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()  # a damaged backup is not offered
    dialog.table.selectRow(1)
    assert dialog.restore_button.isEnabled()
    assert str(demo_db.parent / "backups") in dialog.intro.text()


def test_back_up_now_adds_a_checked_backup(
    qtbot: QtBot, context: AppContext, demo_store: Store, demo_db: Path
) -> None:
    window = open_window(qtbot, context, demo_store)
    dialog = open_dialog(qtbot, window)
    assert dialog.pages.currentWidget() is dialog.empty_label
    with qtbot.waitSignal(dialog.backed_up, timeout=10_000):
        dialog.backup_button.click()
    qtbot.waitSignal(dialog.checked, timeout=10_000).wait()
    (backup,) = list_backups(demo_db)
    assert dump_hash(backup.path) == dump_hash(demo_db)
    assert cell(dialog, 0, REASON) == "Made by hand"
    assert cell(dialog, 0, CHECK) == "OK"
    assert backup.path.name in dialog.status_label.text()


def test_restore_asks_what_happens_then_puts_the_backup_back(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = make_backup(demo_db, "manual", now=NOW)
    original = dump_hash(demo_db)
    window = open_window(qtbot, context, demo_store)
    delete_orders(demo_db)
    dialog = open_dialog(qtbot, window)
    dialog.table.selectRow(0)
    asked: list[str] = []

    def say_yes(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", say_yes)
    with qtbot.waitSignal(window.data_loaded, timeout=10_000):
        dialog.restore_button.click()
    assert "Nov 28, 2026 20:15" in asked[0]
    assert "backed up first" in asked[0]
    assert dump_hash(demo_db) == original
    assert orders(demo_db) > 0
    before_restore = [b for b in list_backups(demo_db) if b.reason == "restore"]
    assert len(before_restore) == 1
    assert orders(before_restore[0].path) == 0  # the emptied shop is kept, not lost
    assert "Restored the backup made Nov 28, 2026 20:15" in window.statusBar().currentMessage()
    assert window.store is not None
    assert window.pages.currentIndex() == 1  # the tabs show the restored orders
    assert backup.path.exists()


def test_declining_the_restore_changes_nothing(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_backup(demo_db, "manual", now=NOW)
    window = open_window(qtbot, context, demo_store)
    delete_orders(demo_db)
    before = dump_hash(demo_db)
    dialog = open_dialog(qtbot, window)
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    assert dialog.restore_selected() is False
    assert dump_hash(demo_db) == before
    assert len(list_backups(demo_db)) == 1


def test_an_import_in_the_window_is_followed_by_a_backup(
    qtbot: QtBot, backing_up: AppContext, demo_store: Store, demo_db: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, backing_up, demo_store)
    export = doudian_orders(tmp_path / "orders.csv", [doudian_line(n) for n in range(4)])
    dialog = window.import_paths([export])
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.summary_label.text() != "", timeout=10_000)
    with qtbot.waitSignal(dialog.imports_finished, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: len(list_backups(demo_db)) == 1, timeout=10_000)
    (backup,) = list_backups(demo_db)
    assert backup.reason == "import"
    assert orders(backup.path) == orders(demo_db)


def test_every_30_minutes_the_store_is_backed_up_if_it_changed(
    qtbot: QtBot, backing_up: AppContext, demo_store: Store, demo_db: Path
) -> None:
    hour_ago = datetime.now().timestamp() - 3600
    os.utime(demo_db, (hour_ago, hour_ago))  # backups are stamped to the second: keep apart
    window = open_window(qtbot, backing_up, demo_store)
    assert window.backup_timer.isActive()
    assert window.backup_timer.interval() == BACKUP_INTERVAL_MS == 30 * 60 * 1000
    with qtbot.waitSignal(window.backup_timer.timeout):
        window.backup_timer.timeout.emit()
    qtbot.waitUntil(lambda: len(list_backups(demo_db)) == 1, timeout=10_000)
    assert list_backups(demo_db)[0].reason == "periodic"
    task = window.back_up("periodic", only_if_changed=True)
    assert task is not None
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as done:
        pass
    assert done.args == [None]  # nothing changed since: no second backup
    assert len(list_backups(demo_db)) == 1


def test_quitting_backs_up_a_changed_store(
    qtbot: QtBot, backing_up: AppContext, demo_store: Store, demo_db: Path
) -> None:
    window = open_window(qtbot, backing_up, demo_store)
    window.close()
    (backup,) = list_backups(demo_db)
    assert backup.reason == "exit"
    assert dump_hash(backup.path) == dump_hash(demo_db)


def test_no_automatic_backups_when_they_are_off(
    qtbot: QtBot, context: AppContext, demo_store: Store, demo_db: Path
) -> None:
    window = open_window(qtbot, context, demo_store)
    assert not window.backup_timer.isActive()
    assert window.back_up("import") is None
    window.close()
    assert list_backups(demo_db) == []
