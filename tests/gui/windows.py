"""The main window as the GUI tests open it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.db import Store
from app.views.context import AppContext
from app.views.main_window import MainWindow


def open_window(
    qtbot: QtBot, context: AppContext, store: Store, *, size: tuple[int, int] | None = None
) -> MainWindow:
    """The main window, shown, once it has shown ``store`` (its tab in front loaded)."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    with qtbot.waitSignal(window.data_loaded, timeout=10_000):
        window.show_store(store)
    return window
