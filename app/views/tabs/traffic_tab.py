"""流量数据 Traffic: which videos, and which kinds of content, brought views and followers.

This module is imported at start-up (the main window lists its tabs), so it holds only the shell:
the body (:mod:`app.views.traffic.traffic_view`, with pandas and matplotlib) is built on the
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

    from app.views.table_models.frame_model import FrameModel
    from app.views.traffic.traffic_view import TrafficView
    from app.views.widgets.delta_kpi_card import DeltaKpiCard

DATA_PAGE, EMPTY_PAGE = 0, 1


class TrafficTab(QWidget):
    """Reach and engagement of the videos, filtered by period, platform, account and labels.

    Attributes:
        tab_id: ``traffic``.
        is_loaded: the tab shows the store's current data.
        store: the open store, for labelling videos (set by the main window).
        pages: the data page (0) or the "no videos yet" page (1).
        body: the tab's content, built on the first load (None before).

    Signals:
        loaded(): the tab shows fresh data.
        data_changed(): videos were labelled; the other tabs must read again.
    """

    tab_id = "traffic"
    loaded = Signal()
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_loaded = False
        self._store: Store | None = None
        self.body: TrafficView | None = None
        self._slot = QWidget()
        QVBoxLayout(self._slot).setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(
            self.tr(
                "No videos yet.\n\nDrop the video lists you export from each platform "
                "(作品列表, 视频号 动态数据, 笔记列表, TikTok Content) on this window."
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
        """The open store (labelling writes to it)."""
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store
        if self.body is not None:
            self.body.store = store

    def load(self, reader: Reader, today: date) -> None:
        """Read the videos and show them under the current filters."""
        body = self._ensure_body()
        videos = body.load(reader, today)
        self.pages.setCurrentIndex(DATA_PAGE if videos else EMPTY_PAGE)
        self.is_loaded = True
        self.loaded.emit()

    def _ensure_body(self) -> TrafficView:
        if self.body is None:
            from app.views.traffic.traffic_view import TrafficView

            self.body = TrafficView()
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
        """The video table's model."""
        return self._ensure_body().videos_view.model

    @property
    def table(self) -> QTableView:
        """The video table."""
        return self._ensure_body().videos_view.table

    @property
    def cards(self) -> dict[str, DeltaKpiCard]:
        """The key figures' cards by KPI id."""
        return self._ensure_body().cards

    @property
    def filter_box(self) -> QLineEdit:
        """The video table's search field."""
        return self._ensure_body().videos_view.filter_box

    @property
    def count_label(self) -> QLabel:
        """ "N rows" / "N of M rows" of the video table."""
        return self._ensure_body().videos_view.count_label
