"""What every sub-view of the Retention tab shares: the data it shows, redrawn when in front."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtWidgets import QMessageBox

from app.db import Reader
from app.views.widgets.stale_page import StalePage

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


class SubView(StalePage):
    """A page of the tab, drawing its ``RetentionData`` when in front (see StalePage)."""

    data: RetentionData | None

    def warn(self, text: str) -> None:
        """Tell the user why something could not be done."""
        QMessageBox.warning(self, self.tr("Retention"), text)
