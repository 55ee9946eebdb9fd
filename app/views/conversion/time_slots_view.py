"""时段 Time slots: orders, conversion and ad return by hour and weekday (早晚高峰)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.views.conversion.base import ConversionModel, ConversionScope, ConversionSubView
from app.views.formatting import join_list, with_note
from app.views.table_models.frame_model import FrameColumn
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from app.analytics.conversion_slots import SalesSlot


class TimeSlotsView(ConversionSubView):
    """An hour × weekday heatmap, the best slots in words and ad return per weekday.

    Attributes:
        value: what the heatmap shows (orders, conversion, pay rate).
        heatmap: the chart.
        best_label: the best slots in words.
        roi_model: spend, ROAS and ROI per weekday (spend is reported per day, not per hour).
        slots: the 168 slots last drawn.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slots = pd.DataFrame()
        self.value = Segmented(
            [
                ("orders", self.tr("Orders")),
                ("conversion", self.tr("Orders per view")),
                ("pay_rate", self.tr("Pay rate")),
            ]
        )
        self.value.value_changed.connect(lambda _value: self.redraw())
        self.heatmap = ChartCanvas(min_height=260)
        self.best_label = QLabel()
        self.best_label.setWordWrap(True)
        self.best_label.setStyleSheet("font-weight: 600;")
        self.roi_model = ConversionModel(self._roi_columns(), ("weekday_name",), self)
        self.roi_table = frame_table(self.roi_model)
        self.roi_table.setSortingEnabled(False)
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Show:")))
        tools.addWidget(self.value)
        tools.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.best_label)
        roi_title = QLabel(self.tr("Ad return per weekday (spend is reported per day)"))
        lower_layout.addWidget(roi_title)
        lower_layout.addWidget(self.roi_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.heatmap)
        split.addWidget(lower)
        split.setSizes([360, 220])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(split, 1)

    def weekday_names(self) -> tuple[str, ...]:
        """Monday first."""
        return (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )

    def _roi_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("weekday_name", self.tr("Weekday")),
            FrameColumn("spend_cents", self.tr("Ad spend"), "money", "currency"),
            FrameColumn("ad_gmv_cents", self.tr("Ad GMV"), "money", "currency"),
            FrameColumn("roas", self.tr("ROAS"), "ratio"),
            FrameColumn("roi", self.tr("ROI"), "rate", tooltip=self.tr("(Ad GMV − spend) / spend")),
        ]

    def draw(self, scope: ConversionScope) -> None:
        """The scope's slots as a heatmap, the best three in words, ROI per weekday."""
        from app.analytics.conversion_slots import best_slots, time_slots, weekday_roi
        from app.conversion_charts import slots_heatmap

        value = self.value.value()
        self.slots = time_slots(scope.data, scope.flt)
        self.heatmap.show_figure(
            slots_heatmap(
                self.slots,
                value=value,
                weekday_names=self.weekday_names(),
                empty_label=self.tr("No orders in this period"),
            )
        )
        by = "conversion" if value == "conversion" else "orders"
        self.best_label.setText(self.best_text(best_slots(self.slots, n=3, by=by)))
        roi = weekday_roi(scope.data, scope.flt).copy()
        names = self.weekday_names()
        roi["weekday_name"] = [names[int(d)] for d in roi["weekday"]]
        self.roi_model.set_frame(roi)
        fit_columns(self.roi_table)

    def best_text(self, slots: list[SalesSlot]) -> str:
        """``Best slots: Fri 20:00–21:00 (34 orders), …``."""
        if not slots:
            return self.tr("No best slots yet: no paid orders in this period.")
        names = self.weekday_names()
        parts = []
        for slot in slots:
            hours = f"{slot.hour:02d}:00–{(slot.hour + 1) % 24:02d}:00"
            orders = self.tr("%1 orders").replace("%1", f"{int(slot.orders):,}")
            parts.append(with_note(f"{names[slot.weekday]} {hours}", orders))
        return self.tr("Best slots: %1. Post and spend just before them.").replace(
            "%1", join_list(parts)
        )
