"""One table model for every tab: a :class:`~app.services.tables.Table` behind a QTableView.

Sorting and filtering happen here on plain Python rows (fast for the tens of thousands of rows a
shop has); a QSortFilterProxyModel would be orders of magnitude slower (DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.tables import Money, Table
from app.views.formatting import format_value

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ColumnSpec:
    """A column to show: which field, its header, how to format it."""

    field: str
    header: str
    kind: str = ""


class TableModel(QAbstractTableModel):
    """Read-only rows of a Table through a list of column specs, sortable and filterable."""

    def __init__(self, columns: list[ColumnSpec], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._table = Table(tuple(c.field for c in columns))
        self._positions = list(range(len(columns)))
        self._all: list[tuple[Any, ...]] = []
        self._rows: list[tuple[Any, ...]] = []
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_table(self, table: Table) -> None:
        """Show new data (keeps the current filter and sort)."""
        self.beginResetModel()
        self._table = table
        self._positions = [table.columns.index(c.field) for c in self._columns]
        self._all = table.rows
        self._apply()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Keep only rows whose shown text contains ``text`` (case-insensitive)."""
        self.beginResetModel()
        self._filter = text.strip().lower()
        self._apply()
        self.endResetModel()

    def total_rows(self) -> int:
        """Rows before filtering."""
        return len(self._all)

    def row_values(self, row: int) -> dict[str, Any]:
        """The backing record of a visible row, by field."""
        return dict(zip(self._table.columns, self._rows[row], strict=True))

    def _apply(self) -> None:
        rows = self._all
        if self._filter:
            rows = [r for r in rows if self._filter in self._row_text(r)]
        if self._sort is not None:
            column, order = self._sort
            pos = self._positions[column]
            present = [r for r in rows if r[pos] is not None]
            missing = [r for r in rows if r[pos] is None]
            present.sort(key=lambda r: _sort_key(r[pos]))
            if order == Qt.SortOrder.DescendingOrder:
                present.reverse()
            rows = present + missing  # unknown values stay at the bottom either way
        self._rows = list(rows)

    def _row_text(self, row: tuple[Any, ...]) -> str:
        pairs = zip(self._positions, self._columns, strict=True)
        return " ".join(format_value(row[p], c.kind) for p, c in pairs).lower()

    # Qt interface ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Visible rows."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Shown columns."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment, raw value for sorting, or the whole record."""
        if not index.isValid():
            return None
        spec = self._columns[index.column()]
        value = self._rows[index.row()][self._positions[index.column()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value, spec.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = isinstance(value, int | float | Money) and not isinstance(value, bool)
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and spec.kind == "":
            text = format_value(value, spec.kind)
            return text if len(text) > 30 else None
        if role == SORT_ROLE:
            return value
        if role == ROW_ROLE:
            return self.row_values(index.row())
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column headers."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values; unknown values last."""
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()


def _sort_key(value: Any) -> Any:
    if isinstance(value, Money):
        return (value.currency, value.cents)
    if isinstance(value, str):
        return value.casefold()
    return value
