"""私域客户 Customers: one ledger of buyers, RFM, tier rules, private channels and LTV."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.views.tabs.lazy_tab import DATA_PAGE as DATA_PAGE
from app.views.tabs.lazy_tab import EMPTY_PAGE as EMPTY_PAGE
from app.views.tabs.lazy_tab import LazyTab

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit, QTableView

    from app.tasks import TaskRunner
    from app.views.customers.customers_view import CustomersView
    from app.views.table_models.frame_model import FrameModel
    from app.views.widgets.kpi_card import KpiCard


class CustomersTab(LazyTab):
    """Buyers across platforms, their RFM segments, tiers and private channels; phones masked.

    ``store`` is written to by tags, merges and tier rules; ``runner`` (the window's store
    worker) erases a customer's personal data, which may take seconds. See :class:`LazyTab`
    for the rest.
    """

    tab_id = "customers"
    body: CustomersView | None
    _runner: TaskRunner | None = None

    @property
    def runner(self) -> TaskRunner | None:
        """The worker that runs the tab's long writes (None: they run on the GUI thread)."""
        return self._runner

    @runner.setter
    def runner(self, runner: TaskRunner | None) -> None:
        self._runner = runner
        if self.body is not None:
            self.body.runner = runner

    def empty_text(self) -> str:
        """What to drop on the window to fill this tab."""
        return self.tr(
            "No customers yet.\n\nBuyers appear here once orders are imported, "
            "one ledger across every platform."
        )

    def make_body(self) -> CustomersView:
        """The tab's content (pandas and matplotlib load here, not at start-up)."""
        from app.views.customers.customers_view import CustomersView

        view = CustomersView()
        view.runner = self._runner
        return view

    def _ensure_body(self) -> CustomersView:
        return super()._ensure_body()

    # What the window and the tests read, as on every tab ----------------------------------------

    @property
    def model(self) -> FrameModel:
        """The ledger table's model."""
        return self._ensure_body().ledger_view.model

    @property
    def table(self) -> QTableView:
        """The ledger table."""
        return self._ensure_body().ledger_view.table

    @property
    def cards(self) -> dict[str, KpiCard]:
        """The key figures' cards by KPI id."""
        return self._ensure_body().cards

    @property
    def filter_box(self) -> QLineEdit:
        """The ledger's search field."""
        return self._ensure_body().ledger_view.filter_box

    @property
    def count_label(self) -> QLabel:
        """ "N customers" / "N of M customers" of the ledger."""
        return self._ensure_body().ledger_view.count_label
