"""A read-only table over a pandas DataFrame, with per-column number formats.

pandas is never imported here: the model only calls methods of the frame it is given, so the
module loads without it (the learning views that pass frames load pandas themselves).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.views.formatting import UNKNOWN, compact_count, format_datetime, format_value, is_missing
from app.views.table_models.table_model import SORT_ROLE

if TYPE_CHECKING:
    import pandas as pd

Index = QModelIndex | QPersistentModelIndex
ABOVE_COLOR = "#1a7f37"
BELOW_COLOR = "#cf222e"
# Within 5 % of the comparison counts as "about the same" and stays uncoloured.
SAME_BAND = 0.05


@dataclass(frozen=True)
class FrameColumn:
    """A column to show: the frame's column, its header, how to format it.

    ``kind``: ``count`` (whole number), ``rate`` (percentage), ``per1k`` (one decimal),
    ``times`` (1.25×), ``datetime``, ``code``/``platform`` (translated codes) or "" (text).
    ``compare``: another column; the cell turns green more than 5 % above it, red below.
    """

    field: str
    header: str
    kind: str = ""
    compare: str = ""


def format_number(value: Any, kind: str) -> str:
    """Text of one value in the given format (unknown values as —)."""
    if is_missing(value):
        return UNKNOWN
    if kind == "count":
        return f"{round(float(value)):,}"
    if kind == "rate":
        return f"{float(value):.1%}"
    if kind == "per1k":
        return f"{float(value):.1f}"
    if kind == "times":
        return QCoreApplication.translate("FrameTable", "%1×").replace("%1", f"{float(value):.2f}")
    if kind == "datetime" and hasattr(value, "strftime"):
        return format_datetime(value)
    if kind in ("code", "platform"):
        return format_value(str(value), kind)
    return str(value)


def compact_number(value: float) -> str:
    """A number short enough for a heatmap cell: 9,876 · 1.2万 (Chinese) or 12.3k."""
    if is_missing(value):
        return ""
    return compact_count(value)


class FrameTableModel(QAbstractTableModel):
    """Rows of a DataFrame under chosen columns; sortable; green/red against a comparison."""

    def __init__(self, columns: list[FrameColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[dict[str, Any]] = []
        self.colors: dict[int, str] = {}

    def set_frame(self, frame: pd.DataFrame | None) -> None:
        """Show ``frame``'s rows (None: nothing)."""
        self.beginResetModel()
        self._rows = [] if frame is None else [_plain(r) for r in frame.to_dict("records")]
        self.endResetModel()

    def record(self, row: int) -> dict[str, Any]:
        """All values of a shown row, by column."""
        return dict(self._rows[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows shown."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns shown."""
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Formatted text, alignment, comparison colour, raw value for sorting."""
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        spec = self.columns[index.column()]
        value = record.get(spec.field)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value, spec.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = spec.kind in ("count", "rate", "per1k", "times")
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and spec.compare:
            other = record.get(spec.compare)
            if is_missing(value) or is_missing(other):
                return None
            if value > other * (1 + SAME_BAND):
                return QColor(ABOVE_COLOR)
            if value < other * (1 - SAME_BAND):
                return QColor(BELOW_COLOR)
            return None
        if role == Qt.ItemDataRole.DecorationRole and spec.field in ("name", "pillar"):
            color = record.get("color")
            return QColor(color) if isinstance(color, str) and color else None
        if role == Qt.ItemDataRole.ToolTipRole and spec.kind == "" and value:
            return str(value)
        if role == SORT_ROLE:
            return None if is_missing(value) else value
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values; unknown values last."""
        if not 0 <= column < len(self.columns):
            return
        field = self.columns[column].field
        self.layoutAboutToBeChanged.emit()
        present = [r for r in self._rows if not is_missing(r.get(field))]
        missing = [r for r in self._rows if is_missing(r.get(field))]
        present.sort(key=lambda r: _key(r[field]))
        if order == Qt.SortOrder.DescendingOrder:
            present.reverse()
        self._rows = present + missing
        self.layoutChanged.emit()


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in record.items():
        if is_missing(value):
            out[key] = None
        elif hasattr(value, "to_pydatetime"):
            out[key] = value.to_pydatetime()
        elif hasattr(value, "item") and not isinstance(value, str | datetime):
            out[key] = value.item()  # numpy scalars to Python numbers
        else:
            out[key] = value
    return out


def _key(value: Any) -> Any:
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, float) and math.isnan(value):
        return 0
    return value


class BarDelegate(QStyledItemDelegate):
    """Draws a light bar behind a number, as long as the number is against the column's largest."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """The bar, then the usual text on top."""
        model = index.model()
        values = [model.index(r, index.column()).data(SORT_ROLE) for r in range(model.rowCount())]
        numbers = [float(v) for v in values if isinstance(v, int | float)]
        value = index.data(SORT_ROLE)
        top = max(numbers, default=0.0)
        if isinstance(value, int | float) and top > 0 and value > 0:
            bar = option.rect.adjusted(2, 4, -2, -4)
            bar.setWidth(round(bar.width() * float(value) / top))
            painter.fillRect(bar, QColor("#dbeafe"))
        super().paint(painter, option, index)
