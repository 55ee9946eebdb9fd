"""What every sub-view of the Traffic tab shares: the data it shows, redrawn only when in front."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import QTableView, QWidget

from app.analytics.traffic import TrafficFilter
from app.db import Reader
from app.views.widgets.record_table import record_table

MAX_COLUMN_WIDTH = 320
FIT_ROWS = 60  # columns fit the first rows only: measuring 100k rows takes seconds


@dataclass(frozen=True)
class TrafficData:
    """The tab's data after filtering.

    Attributes:
        videos: every video of the store (VIDEO_COLUMNS plus ``account``).
        selected: the videos that pass the filter.
        flt: the filter in effect.
        reader: the store's reader, for what is read on demand (snapshot history, trends).
        today: the app's today.
        pillar_colors: each content pillar's name → its colour.
    """

    videos: pd.DataFrame
    selected: pd.DataFrame
    flt: TrafficFilter
    reader: Reader
    today: date
    pillar_colors: dict[str, str] = field(default_factory=dict)


class SubView(QWidget):
    """A page of the tab; ``set_data`` only marks it stale, ``refresh`` draws (when in front).

    Signals:
        status_reported(str): a message for the window's status bar.
    """

    status_reported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: TrafficData | None = None
        self.stale = True

    def set_data(self, data: TrafficData) -> None:
        """Remember new data; drawn on the next ``refresh``."""
        self.data = data
        self.stale = True

    def refresh(self) -> None:
        """Draw the data if it changed since the last draw."""
        if self.stale and self.data is not None:
            self.stale = False
            self.draw(self.data)

    def draw(self, data: TrafficData) -> None:
        """Draw ``data`` (subclasses)."""
        raise NotImplementedError


def frame_table(model: QAbstractItemModel, row_height: int = 24) -> QTableView:
    """A read-only, sortable table that keeps the model's order until a header is clicked."""
    table = record_table(model)
    header = table.horizontalHeader()
    # Before sorting is enabled: Qt would otherwise sort by the first column at once.
    header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
    header.setSortIndicatorShown(True)
    header.setStretchLastSection(False)
    header.setResizeContentsPrecision(FIT_ROWS)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(row_height)
    return table


def fit_columns(table: QTableView, title_column: int = -1, title_width: int = 260) -> None:
    """Fit columns to their contents, none wider than MAX_COLUMN_WIDTH; titles get a set width."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))
    if title_column >= 0:
        header.resizeSection(title_column, title_width)
