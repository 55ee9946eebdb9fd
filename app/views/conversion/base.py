"""What the Conversion tab's sub-views share: the scope they show, lazy redraws and exports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QTableView,
    QWidget,
)

from app.db import Reader
from app.services.tables import Money
from app.views.formatting import UNKNOWN, is_missing
from app.views.table_models.frame_model import FrameColumn, FrameModel

if TYPE_CHECKING:
    from app.analytics.conversion import ConversionFilter
    from app.db import Store
    from app.services.conversion import ConversionData

FLAG_BACKGROUND = "#fde2e1"
FLAG_FOREGROUND = "#a40e26"
Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class ConversionScope:
    """What every sub-view shows: the store as read, under the tab's filter.

    Attributes:
        reader: the store's reader.
        store: the open store (for writing costs, codes and experiments), None in read-only use.
        data: the orders, videos, ad spend and channel codes as loaded.
        flt: the filter in effect (period, platforms, content groups).
        today: the app's today.
        pillars: the content groups (pillar id, name), for the pages' own pickers.
        months: ``YYYY-MM`` of the months with orders, newest first.
    """

    reader: Reader
    store: Store | None
    data: ConversionData
    flt: ConversionFilter
    today: date
    pillars: tuple[tuple[int, str], ...] = ()
    months: tuple[str, ...] = ()


class ConversionSubView(QWidget):
    """A page of the tab; ``set_scope`` only marks it stale, ``refresh`` draws (when in front).

    Signals:
        status_reported(str): a message for the window's status bar.
        data_changed(): the page wrote to the store (costs, codes, experiments).
    """

    status_reported = Signal(str)
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope: ConversionScope | None = None
        self.stale = True

    def set_scope(self, scope: ConversionScope) -> None:
        """Remember the new scope; drawn on the next ``refresh``."""
        self.scope = scope
        self.stale = True

    def refresh(self) -> None:
        """Draw the scope if it changed since the last draw."""
        if self.stale and self.scope is not None:
            self.stale = False
            self.draw(self.scope)

    def redraw(self) -> None:
        """Draw again now (after the page changed the store)."""
        self.stale = True
        self.refresh()

    def draw(self, scope: ConversionScope) -> None:
        """Draw ``scope`` (subclasses)."""
        raise NotImplementedError


def fit_height(table: QTableView, max_rows: int = 12) -> None:
    """Make a short table only as tall as its rows (up to ``max_rows``), so charts get the rest."""
    rows = min(table.model().rowCount(), max_rows)
    header = table.horizontalHeader().height() or table.horizontalHeader().sizeHint().height()
    scroll = table.horizontalScrollBar().sizeHint().height()
    height = (
        header
        + rows * table.verticalHeader().defaultSectionSize()
        + scroll
        + 2 * table.frameWidth()
    )
    table.setFixedHeight(height + 2)


def money_text(cents: Any, currency: str) -> str:
    """``¥1,234.50`` / ``-$3.20``; "—" when unknown."""
    return UNKNOWN if is_missing(cents) else str(Money(int(cents), currency))


def money_by_currency(amounts: Mapping[str, Any]) -> str:
    """Amounts per currency side by side (never added across currencies); "—" when none."""
    parts = [money_text(cents, currency) for currency, cents in sorted(amounts.items())]
    return " · ".join(parts) if parts else UNKNOWN


def ratio_text(value: Any) -> str:
    """A ROAS-like ratio with two decimals; "—" when unknown."""
    return UNKNOWN if is_missing(value) else f"{float(value):.2f}"


def rate_text(value: Any) -> str:
    """A share as a percentage with one decimal; "—" when unknown."""
    return UNKNOWN if is_missing(value) else f"{float(value):.1%}"


class ConversionModel(FrameModel):
    """A FrameModel with ratios (``ratio``: two decimals), hints, flagged rows and one editable
    column.

    - ``ratio`` columns show ``1.85`` (∞ for an infinite break-even ROAS).
    - An unknown cell's tooltip is the row's ``hint`` column, when the frame has one.
    - A row whose ``flag_column`` is True is tinted red, its first cell carries a warning icon and
      every cell the row's ``flag_tip`` as tooltip.
    - ``editable_column`` cells can be edited; ``cell_edited(row values, column id, text)``
      says what the user typed (the view writes it to the store and reloads).

    Signals:
        cell_edited(dict, str, str): the record of the edited row, the column, the text typed.
    """

    cell_edited = Signal(dict, str, str)

    def __init__(
        self,
        columns: list[FrameColumn],
        search_columns: tuple[str, ...] = ("title",),
        parent: Any = None,
        flag_column: str = "",
        editable_column: str = "",
    ) -> None:
        super().__init__(columns, search_columns, parent)
        self.flag_column = flag_column
        self.editable_column = editable_column

    def _flagged(self, row: int) -> bool:
        if not self.flag_column or self.flag_column not in self.frame().columns:
            return False
        value = self.value(row, self.flag_column)
        return bool(value) if value is not None else False

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable; the editable column can be edited too."""
        flags = super().flags(index)
        spec = self.columns()[index.column()] if index.isValid() else None
        if spec is not None and spec.id == self.editable_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As FrameModel, plus ratios, hints, flags and the edited value."""
        if not index.isValid():
            return None
        spec = self.columns()[index.column()]
        raw = self.value(index.row(), spec.id) if spec.id in self.frame().columns else None
        if role == Qt.ItemDataRole.DisplayRole and spec.kind == "ratio":
            if raw is None:
                return UNKNOWN
            return "∞" if raw == float("inf") else f"{float(raw):,.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.kind == "ratio":
            return _RIGHT
        if role == Qt.ItemDataRole.DisplayRole and spec.kind == "money" and raw is not None:
            currency = self.value(index.row(), spec.currency) if spec.currency else None
            if currency is None:  # an amount without a currency: the number, never "nan"
                return f"{int(raw) / 100:,.2f}"
        if role == Qt.ItemDataRole.EditRole and spec.id == self.editable_column:
            return "" if raw is None else f"{int(raw) / 100:.2f}"
        flagged = role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ToolTipRole,
        ) and self._flagged(index.row())
        if flagged:
            return self._flag_data(index, role)
        unknown = raw is None or raw == UNKNOWN
        if role == Qt.ItemDataRole.ToolTipRole and unknown and "hint" in self.frame().columns:
            return self.value(index.row(), "hint") or None
        return super().data(index, role)

    def _flag_data(self, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(FLAG_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(FLAG_FOREGROUND))
        if role == Qt.ItemDataRole.DecorationRole:
            if index.column() != 0:
                return None
            style = QApplication.style()
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self.value(index.row(), "flag_tip") if "flag_tip" in self.frame().columns else None

    def setData(  # noqa: N802
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Hand the typed text of the editable column to whoever stores it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        spec = self.columns()[index.column()]
        if spec.id != self.editable_column:
            return False
        self.cell_edited.emit(self.row_values(index.row()), spec.id, str(value))
        return True
