"""A coloured table over a pivot frame (R × F grid, cohorts, tier transitions): darker = more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.views.formatting import UNKNOWN, is_missing

Index = QModelIndex | QPersistentModelIndex
LOW, HIGH = QColor("#f4f8fc"), QColor("#2f6fb0")  # palest → deepest cell
DARK_TEXT_FROM = 0.55  # above this share of the maximum, the text turns white
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


def _blend(share: float) -> QColor:
    share = min(max(share, 0.0), 1.0)
    return QColor(
        round(LOW.red() + (HIGH.red() - LOW.red()) * share),
        round(LOW.green() + (HIGH.green() - LOW.green()) * share),
        round(LOW.blue() + (HIGH.blue() - LOW.blue()) * share),
    )


class HeatModel(QAbstractTableModel):
    """Cells of ``values`` coloured by size; ``texts`` (same shape) say what each cell shows.

    Row and column headers are the frames' index and columns through ``row_name`` and
    ``column_name``. Unknown cells show "—" uncoloured.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._values = pd.DataFrame()
        self._texts = pd.DataFrame()
        self._max = 0.0
        self._row_name: Callable[[Any], str] = str
        self._column_name: Callable[[Any], str] = str

    def set_frames(
        self,
        values: pd.DataFrame,
        texts: pd.DataFrame | None = None,
        row_name: Callable[[Any], str] = str,
        column_name: Callable[[Any], str] = str,
    ) -> None:
        """Show ``values`` (numbers), written as ``texts`` (default: the numbers)."""
        self.beginResetModel()
        self._values = values
        self._texts = texts if texts is not None else values.map(_plain)
        numbers = pd.to_numeric(values.stack(), errors="coerce").abs() if len(values) else None
        self._max = float(numbers.max()) if numbers is not None and numbers.notna().any() else 0.0
        self._row_name, self._column_name = row_name, column_name
        self.endResetModel()

    def row_key(self, row: int) -> Any:
        """The index value of ``row``."""
        return self._values.index[row]

    def column_key(self, column: int) -> Any:
        """The column label of ``column``."""
        return self._values.columns[column]

    def row_of(self, key: Any) -> int:
        """The row of index value ``key`` (-1 when none)."""
        return list(self._values.index).index(key) if key in self._values.index else -1

    def column_of(self, key: Any) -> int:
        """The column of label ``key`` (-1 when none)."""
        return list(self._values.columns).index(key) if key in self._values.columns else -1

    def value(self, row: int, column: int) -> Any:
        """The number behind a cell (None when unknown)."""
        value = self._values.iat[row, column]
        return None if is_missing(value) else value

    def text(self, row: int, column: int) -> str:
        """What a cell shows."""
        return str(self._texts.iat[row, column])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows of the frame."""
        return 0 if parent.isValid() else len(self._values.index)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns of the frame."""
        return 0 if parent.isValid() else len(self._values.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, centred, on a background as deep as the value is large."""
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        share = abs(float(value)) / self._max if value is not None and self._max else None
        if role == Qt.ItemDataRole.BackgroundRole and share is not None:
            return QBrush(_blend(share))
        if role == Qt.ItemDataRole.ForegroundRole and share is not None:
            return QBrush(QColor("white" if share > DARK_TEXT_FROM else "#1f2328"))
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The index and column labels, named."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section < len(self._values.columns):
            return self._column_name(self._values.columns[section])
        if orientation == Qt.Orientation.Vertical and section < len(self._values.index):
            return self._row_name(self._values.index[section])
        return None


def _plain(value: Any) -> str:
    if is_missing(value):
        return UNKNOWN
    if isinstance(value, float | np.floating) and not float(value).is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"
