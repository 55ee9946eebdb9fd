"""What every sub-view of the Retention tab shares: the data it shows, redrawn when in front."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Reader

if TYPE_CHECKING:
    from app.db import Store


@dataclass(frozen=True)
class RetentionData:
    """The tab's data as last read.

    Attributes:
        ledger: one row per root customer (``load_ledger``'s frame, as of ``today``).
        churn: the customers past their warning window (``churn_list``'s frame).
        reader: the store's reader, for what the pages read on demand.
        store: the open store (None: read-only).
        today: the app's today.
    """

    ledger: pd.DataFrame
    churn: pd.DataFrame
    reader: Reader
    store: Store | None
    today: date


class SubView(QWidget):
    """A page of the tab; ``set_data`` only marks it stale, ``refresh`` draws (when in front).

    Signals:
        status_reported(str): a message for the window's status bar.
        store_changed(): the page wrote to the store; the tab reads again.
    """

    status_reported = Signal(str)
    store_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: RetentionData | None = None
        self.stale = True

    def set_data(self, data: RetentionData) -> None:
        """Remember new data; drawn on the next ``refresh``."""
        self.data = data
        self.stale = True

    def refresh(self) -> None:
        """Draw the data if it changed since the last draw."""
        if self.stale and self.data is not None:
            self.stale = False
            self.draw(self.data)

    def draw(self, data: RetentionData) -> None:
        """Draw ``data`` (subclasses)."""
        raise NotImplementedError

    def warn(self, text: str) -> None:
        """Tell the user why something could not be done."""
        QMessageBox.warning(self, self.tr("Retention"), text)
