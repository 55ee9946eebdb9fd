"""Starting on a damaged store: what was kept, and the offered backup restored on a Yes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.config import sqlite_url
from app.db import quick_check
from app.services.backups import make_backup
from app.services.store import StoreDamagedError, open_store
from app.views.app import Controller, GuiOptions
from app.views.context import AppContext
from app.views.dialogs import damaged_store
from app.views.dialogs.damaged_store import damaged_store_box
from tests.dump import dump_hash

PAGE = 4096


def damage(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.seek(200 * PAGE)
        handle.write(bytes((n * 37 + 11) % 256 for n in range(3 * PAGE)))


def damaged_error(db: Path) -> StoreDamagedError:
    with pytest.raises(StoreDamagedError) as raised:
        open_store(sqlite_url(db))
    return raised.value


def test_the_message_names_the_copy_and_offers_the_backup(
    qapp: QApplication, demo_db: Path
) -> None:
    make_backup(demo_db, "exit", now=datetime(2026, 11, 27, 18, 5))
    damage(demo_db)
    error = damaged_error(demo_db)
    box, restore = damaged_store_box(error)
    assert restore is not None
    assert restore.text() == "Restore this backup"
    assert str(error.damaged_copy) in box.text()
    assert "wrote nothing" in box.text()
    assert "Nov 27, 2026 18:05" in box.text()
    assert error.problem in box.detailedText()  # SQLite's own words, whatever the damage hit
    box.deleteLater()


def test_without_a_backup_there_is_nothing_to_restore(qapp: QApplication, demo_db: Path) -> None:
    damage(demo_db)
    box, restore = damaged_store_box(damaged_error(demo_db))
    assert restore is None
    assert "No backup that checks out" in box.text()
    box.deleteLater()


def test_start_restores_the_offered_backup_then_shows_the_shop(
    qtbot: QtBot, context: AppContext, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = make_backup(demo_db, "exit", now=datetime(2026, 11, 27, 18, 5))
    expected = dump_hash(backup.path)
    damage(demo_db)
    offered: list[StoreDamagedError] = []
    monkeypatch.setattr(
        damaged_store, "ask_to_restore", lambda error, _parent=None: offered.append(error) or True
    )
    controller = Controller(context)
    assert controller.start(GuiOptions(url=sqlite_url(demo_db)), on_loaded=None)
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    qtbot.waitSignal(controller.window.data_loaded, timeout=10_000).wait()
    assert offered[0].backup is not None
    assert offered[0].backup.path == backup.path
    assert quick_check(demo_db) == []
    assert dump_hash(demo_db) == expected
    assert controller.window.pages.currentIndex() == 1  # the shop's tabs, not the welcome page
    assert offered[0].damaged_copy is not None
    assert offered[0].damaged_copy.exists()


def test_declining_leaves_the_damaged_file_as_it_was(
    context: AppContext, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_backup(demo_db, "exit", now=datetime(2026, 11, 27, 18, 5))
    damage(demo_db)
    damaged_bytes = demo_db.read_bytes()
    monkeypatch.setattr(damaged_store, "ask_to_restore", lambda *_a: False)
    monkeypatch.setattr(QMessageBox, "critical", lambda *_a: pytest.fail("asked twice"))
    assert not Controller(context).start(GuiOptions(url=sqlite_url(demo_db)), on_loaded=None)
    assert demo_db.read_bytes() == damaged_bytes
