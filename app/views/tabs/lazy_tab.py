"""The shell every data tab shares: an empty-store hint, and a body built on the first load.

Tab modules are imported at start-up (the main window lists its tabs), so a tab holds only this
shell; its body (with pandas and matplotlib) is imported and built when the tab first loads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.db import Reader, Store

DATA_PAGE, EMPTY_PAGE = 0, 1
STATUS_MS = 10_000


class LazyTab(QWidget):
    """A tab whose body is built on the first ``load``.

    A subclass sets ``tab_id`` and implements :meth:`empty_text` and :meth:`make_body`. The body
    is a widget with ``store``, ``load(reader, today) -> bool`` (anything to show?) and the
    signals ``data_changed()`` and ``status_reported(str)``.

    Attributes:
        tab_id: the tab's id (``traffic``, ``customers`` …).
        is_loaded: the tab shows the store's current data.
        store: the open store, for what the tab writes (set by the main window).
        pages: the data page (0) or the "nothing yet" page (1).
        body: the tab's content, built on the first load (None before).

    Signals:
        loaded(): the tab shows fresh data.
        data_changed(): the tab wrote to the store; the other tabs must read again.
    """

    tab_id = ""
    loaded = Signal()
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_loaded = False
        self._store: Store | None = None
        self.body: Any = None
        self._slot = QWidget()
        QVBoxLayout(self._slot).setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(self.empty_text())
        self.empty_label.setObjectName("EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._slot)
        self.pages.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def empty_text(self) -> str:
        """What to do when the store has nothing for this tab (translated by the subclass)."""
        raise NotImplementedError

    def make_body(self) -> QWidget:
        """Import and build the tab's content."""
        raise NotImplementedError

    @property
    def store(self) -> Store | None:
        """The open store."""
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store
        if self.body is not None:
            self.body.store = store

    def load(self, reader: Reader, today: date) -> None:
        """Read the store as of ``today`` and show it (or the empty hint)."""
        body = self._ensure_body()
        anything = body.load(reader, today)
        self.pages.setCurrentIndex(DATA_PAGE if anything else EMPTY_PAGE)
        self.is_loaded = True
        self.loaded.emit()

    def _ensure_body(self) -> Any:
        if self.body is None:
            body = self.make_body()
            body.store = self._store
            body.data_changed.connect(self.data_changed)
            body.status_reported.connect(self._on_body_status_reported)
            layout = self._slot.layout()
            assert layout is not None
            layout.addWidget(body)
            body.setVisible(True)  # now, not at the layout's next queued event
            self.body = body
        return self.body

    def _on_body_status_reported(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, STATUS_MS)
