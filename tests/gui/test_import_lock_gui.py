"""The import dialog when someone else is importing into the team store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services.import_lock import ImportLockedError, LockHolder
from app.views.context import AppContext
from app.views.dialogs import import_dialog
from app.views.dialogs.import_dialog import ImportDialog
from tests.conftest import TODAY
from tests.query import scalar
from tests.unit.test_import_lock import held_elsewhere

HEADER = "视频描述,视频ID,发布时间,完播率,平均播放时长,播放量,推荐,喜欢,评论量,分享量,关注量"


def channels_csv(folder: Path) -> Path:
    path = folder / "视频号_动态数据明细.csv"
    rows = [
        f"视频{i},export/UzFfLOCK{i:04d},2026/10/{i:02d},12.5%,8.2秒,{100 * i},3,2,1,0,1"
        for i in range(1, 4)
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def checked_dialog(qtbot: QtBot, context: AppContext, store: Store, path: Path) -> ImportDialog:
    dialog = ImportDialog(store, [path], context.runner, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.start_check().succeeded, timeout=10_000):
        pass
    assert dialog.import_button.isEnabled()
    return dialog


def refused_import(qtbot: QtBot, dialog: ImportDialog) -> None:
    task = dialog.start_import()
    assert task is not None
    with qtbot.waitSignal(task.failed, timeout=10_000):
        pass


def test_a_locked_import_says_who_and_lets_the_user_try_again(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = checked_dialog(qtbot, context, store, channels_csv(tmp_path))

    def locked(*_args: object, **_kwargs: object) -> object:
        raise ImportLockedError(LockHolder("李娜", "LAPTOP-2", datetime(2026, 11, 28, 10, 2)))

    monkeypatch.setattr(import_dialog, "import_files", locked)
    finished: list[object] = []
    dialog.imports_finished.connect(finished.append)
    refused_import(qtbot, dialog)
    assert dialog.summary_label.text() == (
        "李娜 (LAPTOP-2) has been importing since 10:02; try again when it finishes. "
        "Nothing was imported."
    )
    assert "c0392b" in dialog.summary_label.styleSheet()
    assert dialog.import_button.isVisible()
    assert dialog.import_button.isEnabled()
    assert not dialog.close_button.isVisible()
    assert finished == []  # the window does not reload or back up for nothing
    assert scalar(store, "SELECT COUNT(*) FROM import_batches") == 0
    monkeypatch.undo()
    with qtbot.waitSignal(dialog.imports_finished, timeout=10_000):  # it finished: again
        dialog.import_button.click()
    assert dialog.summary_label.text() == "1 imported"
    assert scalar(store, "SELECT COUNT(*) FROM import_batches") == 1


def test_the_message_without_a_holder_row(
    qtbot: QtBot, context: AppContext, store: Store, tmp_path: Path
) -> None:
    dialog = ImportDialog(store, [tmp_path], context.runner, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.locked_message(LockHolder("", "", None)) == (
        "Someone is importing; try again when it finishes. Nothing was imported."
    )


def test_on_a_server_store_a_second_app_importing_blocks_the_dialog(
    qtbot: QtBot, context: AppContext, store: Store, tmp_path: Path
) -> None:
    if store.sqlite_path is not None:
        pytest.skip("the import lock is a server store's")
    dialog = checked_dialog(qtbot, context, store, channels_csv(tmp_path))
    with held_elsewhere(store.url, "李娜", datetime(2026, 11, 28, 10, 2)):
        refused_import(qtbot, dialog)
    assert dialog.summary_label.text().startswith("李娜 (LAPTOP-2) has been importing since 10:02")
    assert scalar(store, "SELECT COUNT(*) FROM import_batches") == 0


def test_an_undo_refused_by_the_lock_says_who_in_chinese(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.views.tabs.imports_tab import ImportsTab

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    context.translations.apply("zh_CN")
    tab = ImportsTab()
    qtbot.addWidget(tab)
    holder = LockHolder("李娜", "LAPTOP-2", datetime(2026, 11, 28, 10, 2))
    tab.show_undo_failure(7, ImportLockedError(holder))
    assert said == [
        "李娜（LAPTOP-2）从 10:02 起正在导入，请等导入完成后再撤销这次导入。数据没有任何改动。"
    ]
