"""流量数据 Traffic: which videos, and which kinds of content, brought views and followers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.views.tabs.lazy_tab import DATA_PAGE as DATA_PAGE
from app.views.tabs.lazy_tab import EMPTY_PAGE as EMPTY_PAGE
from app.views.tabs.lazy_tab import LazyTab

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit, QTableView

    from app.views.table_models.frame_model import FrameModel
    from app.views.traffic.traffic_view import TrafficView
    from app.views.widgets.delta_kpi_card import DeltaKpiCard


class TrafficTab(LazyTab):
    """Reach and engagement of the videos, filtered by period, platform, account and labels.

    ``store`` is written to when videos are labelled; see :class:`LazyTab` for the rest.
    """

    tab_id = "traffic"
    body: TrafficView | None

    def empty_text(self) -> str:
        """What to drop on the window to fill this tab."""
        return self.tr(
            "No videos yet.\n\nDrop the video lists you export from each platform "
            "(作品列表, 视频号 动态数据, 笔记列表, TikTok Content) on this window."
        )

    def make_body(self) -> TrafficView:
        """The tab's content (pandas and matplotlib load here, not at start-up)."""
        from app.views.traffic.traffic_view import TrafficView

        return TrafficView()

    def _ensure_body(self) -> TrafficView:
        return super()._ensure_body()

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
