"""A store on a network share or in a sync folder: a note in the status bar, a message once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services.storage_location import NETWORK, SYNC, StorageRisk
from app.views.context import AppContext
from tests.gui.windows import open_window


def warnings_shown() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "store_place_warning" and w.isVisible()
    ]


def close_warnings() -> None:
    for box in warnings_shown():
        box.close()


@pytest.mark.sqlite_only  # a store file in a sync folder
def test_a_store_in_a_sync_folder_is_warned_about_once(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    asked: list[Path] = []

    def in_onedrive(path: Path) -> StorageRisk:
        asked.append(path)
        return StorageRisk(SYNC, "OneDrive")

    context.locate_store = in_onedrive
    window = open_window(qtbot, context, store)
    assert asked == [store.sqlite_path]
    assert window.place_label.isVisible()
    assert "OneDrive" in window.place_label.toolTip()
    boxes = warnings_shown()
    assert len(boxes) == 1
    assert not boxes[0].isModal()  # the window stays usable
    assert "The store is in a OneDrive folder" in boxes[0].text()
    close_warnings()
    again = open_window(qtbot, context, store)
    assert again.place_label.isVisible()  # the note stays while the store is open
    assert warnings_shown() == []  # the message only once per store


def test_a_local_store_gets_no_warning(qtbot: QtBot, context: AppContext, store: Store) -> None:
    window = open_window(qtbot, context, store)  # tmp_path is on a local disk
    assert not window.place_label.isVisible()
    assert warnings_shown() == []


@pytest.mark.sqlite_only  # a store file in a sync folder
def test_the_warning_is_in_chinese(qtbot: QtBot, context: AppContext, store: Store) -> None:
    context.translations.apply("zh_CN")
    context.locate_store = lambda _path: StorageRisk(NETWORK, r"\\nas\shop")
    window = open_window(qtbot, context, store)
    (box,) = warnings_shown()
    assert "网络" in box.text()
    assert r"\\nas\shop" in box.text()
    assert "本地" in window.place_label.text()
    qtbot.wait(50)
    window.grab().save("/tmp/rel2/place_window.png")
    box.grab().save("/tmp/rel2/place_box.png")
    close_warnings()
