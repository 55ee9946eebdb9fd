"""A page of a tab that draws only when in front: new data marks it stale, ``refresh`` draws."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class StalePage(QWidget):
    """A page of a tab; ``set_data`` only marks it stale, ``refresh`` draws (when in front).

    Each tab types ``data`` with its own dataclass (TrafficData, CustomersData …).

    Signals:
        status_reported(str): a message for the window's status bar.
        store_changed(): the page wrote to the store; the tab reads again.
    """

    status_reported = Signal(str)
    store_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: Any = None
        self.stale = True

    def set_data(self, data: Any) -> None:
        """Remember new data; drawn on the next ``refresh``."""
        self.data = data
        self.stale = True

    def refresh(self) -> None:
        """Draw the data if it changed since the last draw."""
        if self.stale and self.data is not None:
            self.stale = False
            self.draw(self.data)

    def draw(self, data: Any) -> None:
        """Draw ``data`` (subclasses)."""
        raise NotImplementedError
