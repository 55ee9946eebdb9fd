"""What every sub-view of the Customers tab shares: the ledger it shows, redrawn when in front."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.db import Reader

if TYPE_CHECKING:
    from app.db import Store


@dataclass(frozen=True)
class CustomersData:
    """The tab's data as last read.

    Attributes:
        ledger: one row per root customer (``load_ledger``'s frame).
        reader: the store's reader, for what is read on demand (detail, cohorts).
        store: the open store (None: read-only).
        today: the app's today (the as-of date of the ledger).
    """

    ledger: pd.DataFrame
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
        self.data: CustomersData | None = None
        self.stale = True

    def set_data(self, data: CustomersData) -> None:
        """Remember new data; drawn on the next ``refresh``."""
        self.data = data
        self.stale = True

    def refresh(self) -> None:
        """Draw the data if it changed since the last draw."""
        if self.stale and self.data is not None:
            self.stale = False
            self.draw(self.data)

    def draw(self, data: CustomersData) -> None:
        """Draw ``data`` (subclasses)."""
        raise NotImplementedError
