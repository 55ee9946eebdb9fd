"""The Retention tab's body: key figures above five sub-views (流失预警, 活动, 晒单, 需求, 舆情).

Loaded on the tab's first ``load`` (pandas, matplotlib and the services' frames come with it,
never at start-up). A load opens crisis alerts for new negative reviews and comments first (the
store must be writable) and records the campaigns' responses on their targets, then reads the
customer ledger once for every page.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from app.analytics.retention import SegmentRule
from app.db import Reader
from app.services.campaigns import CampaignSpec
from app.views.retention.campaigns_view import CampaignsView
from app.views.retention.churn_view import ChurnView
from app.views.retention.crisis_view import CrisisView
from app.views.retention.needs_view import NeedsView
from app.views.retention.sub_view import RetentionData, SubView
from app.views.retention.ugc_view import UgcView
from app.views.widgets.kpi_card import KpiCard

if TYPE_CHECKING:
    from app.db import Store


class RetentionView(QWidget):
    """Key figures on top, then the sub-views.

    Attributes:
        cards: KPI id → its card.
        views: the sub-views' tab widget.
        churn_view, campaigns_view, ugc_view, needs_view, crisis_view: the pages.
        data: what the pages show (None before the first load).

    Signals:
        data_changed(): a page wrote to the store (the other tabs must read again).
        status_reported(str): a message for the window's status bar.
    """

    data_changed = Signal()
    status_reported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.data: RetentionData | None = None
        self._reader: Reader | None = None
        self._today = date.today()
        self.cards = {
            "slipping": KpiCard(
                self.tr("Slipping customers"),
                self.tr("Past their warning window without an order or a touch"),
            ),
            "valuable_slipping": KpiCard(
                self.tr("Valuable ones slipping"),
                self.tr("VIP or high-value tier, or the top 20 % by spend"),
            ),
            "campaigns_sent": KpiCard(self.tr("Campaigns sent")),
            "best_uplift": KpiCard(
                self.tr("Best uplift"),
                self.tr("Treatment response rate minus holdout response rate"),
            ),
            "open_alerts": KpiCard(
                self.tr("Open alerts"), self.tr("Negative reviews and comments not replied to")
            ),
        }
        self.churn_view = ChurnView()
        self.campaigns_view = CampaignsView()
        self.ugc_view = UgcView()
        self.needs_view = NeedsView()
        self.crisis_view = CrisisView()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for view, title in (
            (self.churn_view, self.tr("Churn warning")),
            (self.campaigns_view, self.tr("Campaigns")),
            (self.ugc_view, self.tr("UGC")),
            (self.needs_view, self.tr("Needs insight")),
            (self.crisis_view, self.tr("Crisis watch")),
        ):
            self.views.addTab(view, title)
            view.status_reported.connect(self.status_reported)
            view.store_changed.connect(self._on_view_store_changed)
        self.views.currentChanged.connect(self._on_views_current_changed)
        self.churn_view.win_back_requested.connect(self._on_churn_view_win_back_requested)
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(cards)
        layout.addWidget(self.views, 1)

    def sub_views(self) -> list[SubView]:
        """The five pages, in tab order."""
        return [self.views.widget(i) for i in range(self.views.count())]  # type: ignore[misc]

    def current_view(self) -> SubView:
        """The page in front."""
        view = self.views.currentWidget()
        assert isinstance(view, SubView)
        return view

    def load(self, reader: Reader, today: date) -> bool:
        """Read the store; returns whether there is anything to show (buyers or reviews)."""
        from app.services.campaigns import campaign_history
        from app.services.customers import load_ledger
        from app.services.retention import churn_list, with_value_tiers

        self._reader, self._today = reader, today
        ledger = with_value_tiers(reader, load_ledger(reader, today), today)
        churn = churn_list(reader, today, ledger)
        self.data = RetentionData(ledger, churn, reader, self.store, today)
        self._show_kpis(churn, campaign_history(reader, today), reader)
        for view in self.sub_views():
            view.set_data(self.data)
        self.current_view().refresh()
        reviews = reader.query("SELECT COUNT(*) FROM reviews")[1][0][0]
        return bool((ledger["paid_orders"] > 0).any() or reviews)

    def _show_kpis(self, churn: pd.DataFrame, history: pd.DataFrame, reader: Reader) -> None:
        sent = history[history["status"] == "sent"] if not history.empty else history
        uplifts = sent["uplift"].dropna() if not sent.empty else pd.Series(dtype=float)
        open_alerts = reader.query("SELECT COUNT(*) FROM crisis_alerts WHERE status = 'open'")[1]
        self.cards["slipping"].set_value(f"{len(churn):,}")
        self.cards["valuable_slipping"].set_value(f"{int(churn['valuable'].sum()):,}")
        self.cards["campaigns_sent"].set_value(f"{len(sent):,}")
        self.cards["best_uplift"].set_value(f"{uplifts.max():+.1%}" if len(uplifts) else "—")
        self.cards["open_alerts"].set_value(f"{open_alerts[0][0]:,}")

    def _on_views_current_changed(self, _index: int) -> None:
        self.current_view().refresh()

    def _on_view_store_changed(self) -> None:
        if self._reader is not None:
            self.load(self._reader, self._today)
        self.data_changed.emit()

    def _on_churn_view_win_back_requested(self, days: int) -> None:
        self.views.setCurrentWidget(self.campaigns_view)
        spec = CampaignSpec(
            name=self.tr("Win-back"),
            goal="win_back",
            holdout_share=0.2,
            message_template=self.tr("{name}, we miss you! Here is a coupon: {coupon}"),
        )
        self.campaigns_view.open_builder(spec, SegmentRule(min_days_silent=days))
