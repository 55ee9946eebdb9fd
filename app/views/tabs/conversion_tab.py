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

    from app.services.conversion import ConversionChoices, ConversionData
    from app.tasks import TaskRunner
    from app.views.conversion.base import ConversionModel
    from app.views.conversion.conversion_view import ConversionView
    from app.views.widgets.delta_kpi_card import DeltaKpiCard

DATA_PAGE, EMPTY_PAGE, LOADING_PAGE = 0, 1, 2


class ConversionTab(QWidget):
    """Funnel, attribution, A/B tests, ad ROI, products and time slots over the shop's orders.

    Attributes:
        tab_id: ``conversion``.
        is_loaded: the tab shows the store's current data (or is reading it).
        busy: the store is being read on a worker; ``loaded`` follows when the data shows.
        store: the open store, for costs, channel codes and experiments (set by the main window).
        pages: the data page (0), the "no orders yet" page (1) or the first read's page (2).
        busy_label: says the data is being read (over the old data while it reads again).
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
        self.busy = False
        self._store: Store | None = None
        self.body: ConversionView | None = None
        self._runner: TaskRunner | None = None
        self._generation = 0  # a read superseded by a newer one is dropped
        self._slot = QWidget()
        QVBoxLayout(self._slot).setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(
            self.tr(
                "No orders yet.\n\nDrop your 抖店 or TikTok Shop order exports on this window "
                "to see the path from views to revenue."
            )
        )
        self._empty_text = self.empty_label.text()
        self.empty_label.setObjectName("EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.loading_label = QLabel(self.tr("Reading orders, videos and ad spend…"))
        self.loading_label.setObjectName("EmptyHint")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label = QLabel(self.tr("Reading the store again…"))
        self.busy_label.setObjectName("Hint")
        self.busy_label.setVisible(False)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._slot)
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self.loading_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy_label)
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
        """Read the orders, spend and videos on a worker (seconds on a big store), then show
        them under the current filters and emit ``loaded``."""
        from app.tasks import TaskRunner
        from app.views.conversion.conversion_view import read_conversion

        body = self._ensure_body()
        self._generation += 1
        generation, store = self._generation, self._store
        self.is_loaded = self.busy = True
        if body.data is None:
            self.pages.setCurrentIndex(LOADING_PAGE)
        else:
            body.setEnabled(False)
            self.busy_label.setVisible(True)
        self._runner = self._runner or TaskRunner(self)
        task = self._runner.submit(lambda _task: read_conversion(store, reader))
        task.on_success(lambda result: self._on_read(generation, reader, today, result))
        task.on_failure(lambda exc: self._on_read_failed(generation, exc))

    def _on_read(
        self,
        generation: int,
        reader: Reader,
        today: date,
        result: tuple[ConversionData, ConversionChoices],
    ) -> None:
        if generation != self._generation:
            return
        body = self._ensure_body()
        has_data = body.show_data(reader, today, *result)
        self.empty_label.setText(self._empty_text)
        self._finish_read(DATA_PAGE if has_data else EMPTY_PAGE)
        self.loaded.emit()

    def _on_read_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.is_loaded = False  # read again when shown next
        failed = self.tr("The store could not be read: %1").replace("%1", str(exc))
        self.empty_label.setText(failed)
        self._finish_read(EMPTY_PAGE)

    def _finish_read(self, page: int) -> None:
        self.busy = False
        self.busy_label.setVisible(False)
        self._ensure_body().setEnabled(True)
        self.pages.setCurrentIndex(page)

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
