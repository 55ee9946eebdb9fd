"""趋势 Trends: a daily figure over the period, per platform, stacked or side by side."""

from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import charts
from app.views.formatting import platform_names
from app.views.traffic.labels import TREND_METRICS, metric
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import SubView, TrafficData
from app.views.widgets.chart_canvas import ChartCanvas


class TrendsView(SubView):
    """Daily views (or followers, likes …) from the account-day exports or snapshot differences.

    Attributes:
        metric_choice: which daily figure.
        layout_choice: ``stacked`` or ``separate``.
        sources: which platforms' days come from which export.
        chart: the chart.
        trend: the trend last drawn (None before).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inputs: tuple[pd.DataFrame, pd.DataFrame] | None = None
        self.trend = None
        self.metric_choice = QComboBox()
        for key in TREND_METRICS:
            self.metric_choice.addItem(metric(key).name, key)
        self.metric_choice.currentIndexChanged.connect(self._on_choice_changed)
        self.layout_choice = Segmented(
            [("stacked", self.tr("Stacked")), ("separate", self.tr("Side by side"))]
        )
        self.layout_choice.value_changed.connect(self._on_choice_changed)
        self.sources = QLabel()
        self.sources.setWordWrap(True)
        self.sources.setObjectName("SourcesNote")
        self.chart = ChartCanvas()
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Daily")))
        controls.addWidget(self.metric_choice)
        controls.addSpacing(12)
        controls.addWidget(self.layout_choice)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.sources)

    def forget_inputs(self) -> None:
        """Drop the cached account days and snapshots (the store was read again)."""
        self._inputs = None

    def draw(self, data: TrafficData) -> None:
        """Draw the chosen daily figure over the filter's period."""
        from app.analytics.trend import daily_trend
        from app.services.traffic import load_trend_inputs

        if self._inputs is None:
            self._inputs = load_trend_inputs(data.reader)
        account_daily, snapshots = self._inputs
        key = str(self.metric_choice.currentData())
        trend = daily_trend(account_daily, snapshots, data.flt, key)
        self.trend = trend
        self.sources.setText(self._sources_text(trend.sources, trend.missing))
        if trend.frame.empty or not trend.frame.notna().any().any():
            self.chart.show_message(self.tr("No daily figures for this period and filter."))
            return
        self.chart.show_figure(
            charts.trend_chart(
                trend,
                metric(key).name,
                self.layout_choice.value() == "stacked",
                platform_labels=platform_names(),
            )
        )

    def _sources_text(self, sources: dict[str, str], missing: tuple[str, ...]) -> str:
        names, comma = platform_names(), self.tr(", ")
        daily = comma.join(names.get(p, p) for p, s in sources.items() if s == "account_daily")
        derived = comma.join(names.get(p, p) for p, s in sources.items() if s != "account_daily")
        absent = comma.join(names.get(p, p) for p in missing)
        parts = []
        if daily:
            parts.append(self.tr("From the account's daily export: %1").replace("%1", daily))
        if derived:
            parts.append(
                self.tr("From differences between video exports: %1").replace("%1", derived)
            )
        if absent:
            parts.append(self.tr("Not exported by: %1").replace("%1", absent))
        return "  ·  ".join(parts)

    def _on_choice_changed(self, *_args: object) -> None:
        self.stale = True
        self.refresh()
