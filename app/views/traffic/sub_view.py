"""What every sub-view of the Traffic tab shares: the data it shows, redrawn only when in front."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QTableView

from app.analytics.traffic import TrafficFilter
from app.db import Reader
from app.views.widgets.record_table import record_table
from app.views.widgets.stale_page import StalePage

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


class SubView(StalePage):
    """A page of the tab, drawing its ``TrafficData`` when in front (see StalePage)."""

    data: TrafficData | None


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
