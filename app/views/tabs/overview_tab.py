"""The shape every tab shares: key figures, a filter box, one sortable table, an empty state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Reader, Store
from app.services.overview import TabData, load_tab
from app.views.formatting import format_value
from app.views.table_models.table_model import ColumnSpec, TableModel
from app.views.widgets.kpi_card import KpiCard
from app.views.widgets.record_table import record_table

RESIZE_PRECISION_ROWS = 60


@dataclass(frozen=True)
class KpiSpec:
    """A key figure to show: its id in the service's data, caption, format and explanation."""

    key: str
    caption: str
    kind: str = ""
    tooltip: str = ""


class OverviewTab(QWidget):
    """Base of the six tabs; subclasses name their figures, columns and empty-state text.

    Attributes:
        tab_id: the service's id of this tab (``traffic``, ``customers`` …).

        store: the open store, for tabs that write (set by the main window; None until then).

    Signals:
        loaded(): the tab shows fresh data.
        data_changed(): the tab wrote to the store; the other tabs must read again.
    """

    tab_id = ""
    loaded = Signal()
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_loaded = False
        self.store: Store | None = None
        self.kpi_specs = self.kpis()
        self.cards = {s.key: KpiCard(s.caption, s.tooltip) for s in self.kpi_specs}
        self.model = TableModel(self.columns(), self)
        self.table = self._make_table()
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Filter rows…"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)
        self.count_label = QLabel()
        self.empty_label = QLabel(self.empty_text())
        self.empty_label.setObjectName("EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._data_page())
        self.pages.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # What a tab defines ------------------------------------------------------------------------

    def kpis(self) -> list[KpiSpec]:
        """The key figures above the table."""
        raise NotImplementedError

    def columns(self) -> list[ColumnSpec]:
        """The table's columns."""
        raise NotImplementedError

    def empty_text(self) -> str:
        """What to say (and what to do) when there is nothing to show yet."""
        raise NotImplementedError

    # Loading ----------------------------------------------------------------------------------

    def load(self, reader: Reader, today: date) -> None:
        """Read this tab's data from the store and show it."""
        self.show_data(load_tab(reader, self.tab_id, today))

    def show_data(self, data: TabData) -> None:
        """Show figures and rows (or the empty state)."""
        values = {k.key: k.value for k in data.kpis}
        for spec in self.kpi_specs:
            self.cards[spec.key].set_value(format_value(values.get(spec.key), spec.kind))
        self.model.set_table(data.table)
        self.table.resizeColumnsToContents()
        self._cap_column_widths()
        self._update_count()
        self.pages.setCurrentIndex(0 if data.table.rows else 1)
        self.is_loaded = True
        self.loaded.emit()

    def selected_record(self) -> dict[str, Any] | None:
        """The record behind the current row, if any."""
        index = self.table.currentIndex()
        return self.model.row_values(index.row()) if index.isValid() else None

    # Building ---------------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = record_table(self.model)
        # No sort until the user asks: rows keep the service's order (newest, biggest first).
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        table.verticalHeader().setDefaultSectionSize(26)
        table.horizontalHeader().setStretchLastSection(False)
        table.horizontalHeader().setSortIndicatorShown(True)
        # Fit columns to the first rows only: measuring every cell of 3000 rows takes 0.25 s.
        table.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        return table

    def _data_page(self) -> QWidget:
        page = QWidget()
        cards = QHBoxLayout()
        for spec in self.kpi_specs:
            cards.addWidget(self.cards[spec.key])
        tools = QHBoxLayout()
        tools.addWidget(self.filter_box, 1)
        tools.addWidget(self.count_label)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(cards)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        return page

    def _cap_column_widths(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 320))

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_rows()
        if shown != total:
            text = self.tr("%1 of %2 rows")
        else:
            text = self.tr("1 row") if total == 1 else self.tr("%1 rows")
        self.count_label.setText(text.replace("%1", f"{shown:,}").replace("%2", f"{total:,}"))

    def _on_filter_box_text_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()
