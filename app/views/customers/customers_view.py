"""The Customers tab's body: key figures above six sub-views over one customer ledger.

Loaded on the tab's first ``load`` (pandas and matplotlib come with it, never at start-up). The
ledger is read once per load; a sub-view that writes (tags, merges, tiers…) asks for a re-read,
and the tab tells the window that the other tabs must read again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from app.db import Reader
from app.views.customers.ledger_view import LedgerView
from app.views.customers.ltv_view import LtvView
from app.views.customers.merges_view import MergesView
from app.views.customers.private_view import PrivateView
from app.views.customers.rfm_view import RfmView
from app.views.customers.sub_view import CustomersData, SubView
from app.views.customers.tiers_view import TiersView
from app.views.widgets.kpi_card import KpiCard

if TYPE_CHECKING:
    from app.db import Store
    from app.tasks import TaskRunner

VIP_TIER = "VIP"


class CustomersView(QWidget):
    """Key figures on top, then the sub-views (台账, 合并, RFM, 等级, 私域, LTV).

    Attributes:
        cards: KPI id → its card.
        views: the sub-views' tab widget.
        ledger_view, merges_view, rfm_view, tiers_view, private_view, ltv_view: the pages.
        data: the data the sub-views show (None before the first load).
        store, runner: the open store and the window's store worker (set by the tab).

    Signals:
        data_changed(): a sub-view wrote to the store (the other tabs must read again).
        status_reported(str): a message for the window's status bar.
    """

    data_changed = Signal()
    status_reported = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.runner: TaskRunner | None = None
        self.data: CustomersData | None = None
        self._reader: Reader | None = None
        self._today = date.today()
        self.cards = {
            "customers": KpiCard(self.tr("Customers")),
            "buyers": KpiCard(self.tr("Buyers"), self.tr("Customers with a paid order")),
            "repeat_buyers": KpiCard(self.tr("Repeat buyers"), self.tr("2 or more paid orders")),
            "private_domain": KpiCard(
                self.tr("In private channels"), self.tr("Added on WeChat, WeCom or to a group")
            ),
            "vip": KpiCard(self.tr("VIP")),
        }
        self.ledger_view = LedgerView(settings)
        self.merges_view = MergesView()
        self.rfm_view = RfmView()
        self.tiers_view = TiersView()
        self.private_view = PrivateView()
        self.ltv_view = LtvView()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for view, title in (
            (self.ledger_view, self.tr("Ledger")),
            (self.merges_view, self.tr("Merges")),
            (self.rfm_view, self.tr("RFM")),
            (self.tiers_view, self.tr("Tiers")),
            (self.private_view, self.tr("Private domain")),
            (self.ltv_view, self.tr("LTV && cohorts")),
        ):
            self.views.addTab(view, title)
            view.status_reported.connect(self.status_reported)
            view.store_changed.connect(self._on_view_store_changed)
        self.views.currentChanged.connect(self._on_views_current_changed)
        self.rfm_view.customers_chosen.connect(self._on_customers_chosen)
        self.tiers_view.tier_chosen.connect(self._on_tier_chosen)
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(cards)
        layout.addWidget(self.views, 1)

    def sub_views(self) -> list[SubView]:
        """The pages, in tab order."""
        return [self.views.widget(i) for i in range(self.views.count())]  # type: ignore[misc]

    def current_view(self) -> SubView:
        """The sub-view in front."""
        view = self.views.currentWidget()
        assert isinstance(view, SubView)
        return view

    # Loading ----------------------------------------------------------------------------------

    def load(self, reader: Reader, today: date) -> int:
        """Read the ledger as of ``today`` and show it. Returns the number of customers."""
        from app.services.customers import load_ledger

        self._reader, self._today = reader, today
        self.show_ledger(load_ledger(reader, today))
        return len(self.data.ledger) if self.data is not None else 0

    def show_ledger(self, ledger: pd.DataFrame) -> None:
        """Show ``ledger`` (``load_ledger``'s frame) in every sub-view."""
        assert self._reader is not None
        self.data = CustomersData(ledger, self._reader, self.store, self._today, self.runner)
        self._show_kpis(ledger)
        for view in self.sub_views():
            view.set_data(self.data)
        self.current_view().refresh()

    def reload(self) -> None:
        """Read the store again (after a write)."""
        if self._reader is not None:
            self.load(self._reader, self._today)

    def _show_kpis(self, ledger: pd.DataFrame) -> None:
        orders = ledger["paid_orders"].fillna(0)
        figures = {
            "customers": len(ledger),
            "buyers": int((orders > 0).sum()),
            "repeat_buyers": int((orders >= 2).sum()),
            "private_domain": int((ledger["private_channel"].fillna("") != "").sum()),
            "vip": int((ledger["tier"] == VIP_TIER).sum()),
        }
        for key, value in figures.items():
            self.cards[key].set_value(f"{value:,}")

    # Signals ----------------------------------------------------------------------------------

    def _on_view_store_changed(self) -> None:
        self.reload()
        self.data_changed.emit()

    def _on_views_current_changed(self, _index: int) -> None:
        self.current_view().refresh()

    def _on_customers_chosen(self, ids: list[int], why: str) -> None:
        self.views.setCurrentWidget(self.ledger_view)
        self.ledger_view.show_customers(ids, why)

    def _on_tier_chosen(self, tier: str) -> None:
        self.views.setCurrentWidget(self.ledger_view)
        self.ledger_view.show_filtered(tiers=[tier])
