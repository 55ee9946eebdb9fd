"""留存活动 Retention: who is slipping away, campaigns against a holdout, UGC, needs, crisis.

This module is imported at start-up (the main window lists its tabs), so it holds only the shell:
the body (:mod:`app.views.retention.retention_view`, with pandas and matplotlib) is built on the
first ``load``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.db import Reader, Store

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QTableView

    from app.views.retention.retention_view import RetentionView
    from app.views.table_models.frame_model import FrameModel
    from app.views.widgets.kpi_card import KpiCard

DATA_PAGE, EMPTY_PAGE = 0, 1


class RetentionTab(QWidget):
    """Churn warning, campaigns with holdout groups and their uplift, UGC, needs, crisis watch.

    Attributes:
        tab_id: ``retention``.
        is_loaded: the tab shows the store's current data.
        pages: the data page (0) or the "no buyers yet" page (1).
        body: the tab's content, built on the first load (None before).

    Signals:
        loaded(): the tab shows fresh data.
        data_changed(): the tab wrote to the store; the other tabs must read again.
    """

    tab_id = "retention"
    loaded = Signal()
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_loaded = False
        self._store: Store | None = None
        self.body: RetentionView | None = None
        self._slot = QWidget()
        QVBoxLayout(self._slot).setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(
            self.tr(
                "No buyers yet.\n\nDrop your order exports (抖店 订单, TikTok Shop orders …) on "
                "this window: slipping customers, campaigns and reviews appear here."
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
        """The open store (campaigns, alerts and settings are written to it)."""
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store
        if self.body is not None:
            self.body.store = store

    def load(self, reader: Reader, today: date) -> None:
        """Read the store and show it."""
        body = self._ensure_body()
        anything = body.load(reader, today)
        self.pages.setCurrentIndex(DATA_PAGE if anything else EMPTY_PAGE)
        self.is_loaded = True
        self.loaded.emit()

    def _ensure_body(self) -> RetentionView:
        if self.body is None:
            from app.views.retention.retention_view import RetentionView

            self.body = RetentionView()
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

    # What the window and the tests read, as on every tab ----------------------------------------

    @property
    def model(self) -> FrameModel:
        """The churn list's model."""
        return self._ensure_body().churn_view.model

    @property
    def table(self) -> QTableView:
        """The churn list."""
        return self._ensure_body().churn_view.table

    @property
    def cards(self) -> dict[str, KpiCard]:
        """The key figures' cards by KPI id."""
        return self._ensure_body().cards

    @property
    def filter_box(self) -> QLineEdit:
        """The churn list's search field."""
        return self._ensure_body().churn_view.filter_box
