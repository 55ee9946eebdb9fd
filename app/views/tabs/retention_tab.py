"""留存活动 Retention: who is slipping away, campaigns against a holdout, UGC, needs, crisis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.views.tabs.lazy_tab import DATA_PAGE as DATA_PAGE
from app.views.tabs.lazy_tab import EMPTY_PAGE as EMPTY_PAGE
from app.views.tabs.lazy_tab import LazyTab

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QTableView

    from app.views.retention.retention_view import RetentionView
    from app.views.table_models.frame_model import FrameModel
    from app.views.widgets.kpi_card import KpiCard


class RetentionTab(LazyTab):
    """Churn warning, campaigns with holdout groups and their uplift, UGC, needs, crisis watch.

    ``store`` is written to by campaigns, alerts and settings; see :class:`LazyTab` for the rest.
    """

    tab_id = "retention"
    body: RetentionView | None

    def empty_text(self) -> str:
        """What to drop on the window to fill this tab."""
        return self.tr(
            "No buyers yet.\n\nDrop your order exports (抖店 订单, TikTok Shop orders …) on "
            "this window: slipping customers, campaigns and reviews appear here."
        )

    def make_body(self) -> RetentionView:
        """The tab's content (pandas and matplotlib load here, not at start-up)."""
        from app.views.retention.retention_view import RetentionView

        return RetentionView()

    def _ensure_body(self) -> RetentionView:
        return super()._ensure_body()

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
