"""The Conversion tab's body: filters, six key figures and six sub-views over the shop's orders.

Loaded on the tab's first ``load`` (pandas and matplotlib come with it, never at start-up). Only
the sub-view in front is redrawn when the filter changes; the others when they are shown.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from app.views.conversion.attribution_view import AttributionView
from app.views.conversion.base import (
    ConversionScope,
    ConversionSubView,
    money_by_currency,
    rate_text,
    ratio_text,
)
from app.views.conversion.experiments_view import ExperimentsView
from app.views.conversion.filter_bar import ConversionFilterBar
from app.views.conversion.funnel_view import FunnelView
from app.views.conversion.ledger_view import LedgerView
from app.views.conversion.products_view import ProductsView
from app.views.conversion.time_slots_view import TimeSlotsView
from app.views.formatting import format_period, with_note
from app.views.widgets.delta_kpi_card import DeltaKpiCard

if TYPE_CHECKING:
    from app.db import Reader, Store
    from app.services.conversion import ConversionChoices, ConversionData

CARD_SPACING = 6
KPI_ORDER = ("orders_paid", "gmv", "net_gmv", "refund_rate", "ad_spend", "roas")


class ConversionView(QWidget):
    """Filters on top, the period's key figures below them, then the sub-views.

    Attributes:
        filter_bar: the filters shared by the whole tab.
        cards: KPI id → its card.
        views: the sub-views' tab widget.
        funnel_view, attribution_view, experiments_view, ledger_view, products_view,
        time_slots_view: the pages.
        scope: what the pages show (None before the first load).

    Signals:
        data_changed(): a page wrote to the store (the other tabs must read again).
        status_reported(str): a message for the window's status bar.
    """

    data_changed = Signal()
    status_reported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.scope: ConversionScope | None = None
        self.data: ConversionData | None = None
        self._reader: Reader | None = None
        self._today = date.today()
        self._pillars: tuple[tuple[int, str], ...] = ()
        self.filter_bar = ConversionFilterBar()
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.cards: dict[str, DeltaKpiCard] = {}
        self.cards_grid = QGridLayout()
        self.cards_grid.setSpacing(CARD_SPACING)
        for column, (key, caption, definition) in enumerate(self._kpi_texts()):
            card = DeltaKpiCard(caption, definition, lower_is_better=key == "refund_rate")
            # Ignored width: the grid decides; Preferred height: a card with two currencies
            # makes the whole row taller, not just itself.
            card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.cards[key] = card
            self.cards_grid.addWidget(card, 0, column)
        self.funnel_view = FunnelView()
        self.attribution_view = AttributionView()
        self.experiments_view = ExperimentsView()
        self.ledger_view = LedgerView()
        self.products_view = ProductsView()
        self.time_slots_view = TimeSlotsView()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for view, title in (
            (self.funnel_view, self.tr("Funnel")),
            (self.attribution_view, self.tr("Attribution")),
            (self.experiments_view, self.tr("A/B tests")),
            (self.ledger_view, self.tr("Ad ROI && ledger")),
            (self.products_view, self.tr("Products")),
            (self.time_slots_view, self.tr("Time slots")),
        ):
            self.views.addTab(view, title)
            view.status_reported.connect(self.status_reported)
            view.data_changed.connect(self._on_view_data_changed)
        self.views.currentChanged.connect(self._on_views_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addLayout(self.cards_grid)
        layout.addWidget(self.views, 1)

    def _kpi_texts(self) -> list[tuple[str, str, str]]:
        return [
            ("orders_paid", self.tr("Paid orders"), self.tr("Orders paid and not cancelled")),
            ("gmv", self.tr("GMV"), self.tr("Paid amount per currency (never added together)")),
            ("net_gmv", self.tr("Net GMV"), self.tr("Paid minus refunds")),
            ("refund_rate", self.tr("Refund rate"), self.tr("Refunded share of the paid amount")),
            ("ad_spend", self.tr("Ad spend"), self.tr("千川, DOU+ and TikTok Promote spend")),
            ("roas", self.tr("ROAS"), self.tr("Ad-attributed GMV / ad spend")),
        ]

    def sub_views(self) -> list[ConversionSubView]:
        """The six pages, in tab order."""
        return [self.views.widget(i) for i in range(self.views.count())]  # type: ignore[misc]

    def current_view(self) -> ConversionSubView:
        """The sub-view in front."""
        view = self.views.currentWidget()
        assert isinstance(view, ConversionSubView)
        return view

    # Loading ----------------------------------------------------------------------------------

    def load(self, reader: Reader, today: date) -> bool:
        """Read the orders, videos and spend on this thread and show them (see
        :func:`read_conversion`; the tab reads on a worker and calls :meth:`show_data`)."""
        return self.show_data(reader, today, *read_conversion(None, reader))

    def show_data(
        self, reader: Reader, today: date, data: ConversionData, choices: ConversionChoices
    ) -> bool:
        """Show what :func:`read_conversion` read; True when the store has orders or spend."""
        self._reader, self._today = reader, today
        self.data = data
        self._pillars = tuple((int(i), str(name)) for i, name, *_rest in choices.pillars)
        self.filter_bar.set_choices(choices, today)
        self.apply_filter()
        return not (self.data.lines.empty and self.data.ads.empty)

    def apply_filter(self) -> None:
        """Show the filter's key figures; every page gets the new scope, the one in front draws."""
        if self._reader is None or self.data is None:
            return
        flt = self.filter_bar.conversion_filter()
        self.scope = ConversionScope(
            self._reader,
            self.store,
            self.data,
            flt,
            self._today,
            self._pillars,
            self.filter_bar.months,
        )
        self._show_kpis()
        for view in self.sub_views():
            view.set_scope(self.scope)
        self.current_view().refresh()

    def _show_kpis(self) -> None:
        assert self.scope is not None
        from app.analytics.conversion import period_kpis

        now = period_kpis(self.scope.data, self.scope.flt)
        before = period_kpis(self.scope.data, self.scope.flt.previous())
        period = self.scope.flt.period.previous()
        days = format_period(period.start, period.end)
        for key in KPI_ORDER:
            text, change = _kpi_text(key, now), _change(now.get(key), before.get(key))
            previous = with_note(_kpi_text(key, before), days)
            self.cards[key].set_figure(text, change, previous)

    # Signals ----------------------------------------------------------------------------------

    def _on_filter_bar_filter_changed(self) -> None:
        self.apply_filter()

    def _on_views_current_changed(self, _index: int) -> None:
        self.current_view().refresh()

    def _on_view_data_changed(self) -> None:
        """A page changed costs, codes or experiments: read the store again and redraw."""
        self.reload()
        self.data_changed.emit()

    def reload(self) -> None:
        """Read the store again under the same filters (costs and codes change every page)."""
        from app.services.conversion import load_conversion

        if self._reader is None:
            return
        self.data = load_conversion(self._reader)
        self.apply_filter()


def read_conversion(
    store: Store | None, reader: Reader
) -> tuple[ConversionData, ConversionChoices]:
    """The tab's data and filter choices; safe on a worker thread, where it reads through a
    reader of its own (``store``'s) so the window's reader is never shared between threads."""
    from app.services.conversion import conversion_choices, load_conversion

    own = store.reader() if store is not None else None
    try:
        source = own or reader
        return load_conversion(source), conversion_choices(source)
    finally:
        if own is not None:
            own.close()


def _kpi_text(key: str, values: dict[str, Any]) -> str:
    value = values.get(key)
    if key in ("gmv", "net_gmv", "ad_spend"):
        # One line per currency: two amounts side by side do not fit a card.
        return money_by_currency(value or {}).replace(" · ", "\n")
    if key == "refund_rate":
        return rate_text(value)
    if key == "roas":
        return ratio_text(value)
    return "—" if value is None else f"{int(value):,}"


def _change(now: object, before: object) -> float | None:
    """Relative change of a single number; None for money per currency or unknown values."""
    if isinstance(now, int | float) and isinstance(before, int | float) and before:
        return (now - before) / before
    return None
