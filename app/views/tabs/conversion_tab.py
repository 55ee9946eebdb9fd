"""转化路径 Conversion: the funnel from views to net GMV, where buyers came from, what ads returned.

This module is imported at start-up (the main window lists its tabs), so it holds only the shell:
the body (:mod:`app.views.conversion.conversion_view`, with pandas and matplotlib) is built on
the first ``load``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.db import Reader, Store

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from app.views.conversion.base import ConversionModel
    from app.views.conversion.conversion_view import ConversionView
    from app.views.widgets.delta_kpi_card import DeltaKpiCard

DATA_PAGE, EMPTY_PAGE = 0, 1


class ConversionTab(QWidget):
    """Funnel, attribution, A/B tests, ad ROI, products and time slots over the shop's orders.

    Attributes:
        tab_id: ``conversion``.
        is_loaded: the tab shows the store's current data.
        store: the open store, for costs, channel codes and experiments (set by the main window).
        pages: the data page (0) or the "no orders yet" page (1).
        body: the tab's content, built on the first load (None before).

    Signals:
        loaded(): the tab shows fresh data.
        data_changed(): costs, codes or experiments changed; the other tabs must read again.
    """

    tab_id = "conversion"
    loaded = Signal()
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_loaded = False
        self._store: Store | None = None
        self.body: ConversionView | None = None
        self._slot = QWidget()
        QVBoxLayout(self._slot).setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(
            self.tr(
                "No orders yet.\n\nDrop your 抖店 or TikTok Shop order exports on this window "
                "to see the path from views to revenue."
            )
        )
        self.empty_label.setObjectName("EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._slot)
        self.pages.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    @property
    def store(self) -> Store | None:
        """The open store (costs, channel codes and experiments are written to it)."""
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store
        if self.body is not None:
            self.body.store = store

    def load(self, reader: Reader, today: date) -> None:
        """Read the orders, spend and videos; show them under the current filters."""
        body = self._ensure_body()
        has_data = body.load(reader, today)
        self.pages.setCurrentIndex(DATA_PAGE if has_data else EMPTY_PAGE)
        self.is_loaded = True
        self.loaded.emit()

    def _ensure_body(self) -> ConversionView:
        if self.body is None:
            from app.views.conversion.conversion_view import ConversionView

            self.body = ConversionView()
            self.body.store = self._store
            self.body.data_changed.connect(self.data_changed)
            self.body.status_reported.connect(self._on_body_status_reported)
            layout = self._slot.layout()
            assert layout is not None
            layout.addWidget(self.body)
            self.body.setVisible(True)  # now, not at the layout's next queued event
        return self.body

    def _on_body_status_reported(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10_000)

    @property
    def model(self) -> ConversionModel:
        """The funnel table's model (the first page's table)."""
        return self._ensure_body().funnel_view.model

    @property
    def table(self) -> QTableView:
        """The funnel table."""
        return self._ensure_body().funnel_view.table

    @property
    def cards(self) -> dict[str, DeltaKpiCard]:
        """The key figures' cards by KPI id (for the filtered period)."""
        return self._ensure_body().cards
