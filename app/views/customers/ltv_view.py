"""LTV 与同期群: average net spend by tier, platform, first traffic format or month; cohorts."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.tables import Money
from app.views.customers.heat_model import HeatModel
from app.views.customers.labels import channel_name
from app.views.customers.sub_view import CustomersData, SubView
from app.views.formatting import UNKNOWN, currency_name, platform_names, traffic_format_name
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

COHORT_CELL_WIDTH = 72
COHORT_ROW_HEIGHT = 30
LTV_COLOR = "#2f6fb0"
MIN_BAR_SLOTS = 6
DIMENSIONS = ("tier", "first_platform", "first_traffic_format", "acquisition_month")


class LtvView(SubView):
    """LTV by a chosen dimension on the left; the cohort table (coloured) on the right.

    Attributes:
        ltv: the LTV table's model; cohorts: the cohort heat model.
        cohort_frame: ``cohort_table``'s frame as last read.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cohort_frame = pd.DataFrame()
        self.chart_values = pd.DataFrame()
        self.cohort_currency = ""
        self.dimension = QComboBox()
        for value, text in (
            ("tier", self.tr("Tier")),
            ("first_platform", self.tr("Platform of the first order")),
            ("first_traffic_format", self.tr("Traffic format of the first order")),
            ("acquisition_month", self.tr("Month of the first order")),
        ):
            self.dimension.addItem(text, value)
        self.dimension.currentIndexChanged.connect(self._on_dimension_changed)
        self.ltv = FrameModel(
            [
                FrameColumn("value_name", self.tr("Group")),
                FrameColumn("customers", self.tr("Customers"), "int"),
                FrameColumn("ltv_cents", self.tr("LTV (avg net spend)"), "money", "currency"),
                FrameColumn("repeat_rate", self.tr("Repeat rate"), "rate"),
            ],
            (),
            self,
        )
        self.ltv_table = frame_table(self.ltv)
        self.chart = ChartCanvas(min_height=220)
        self.cohort_value = Segmented(
            [("repeat_rate", self.tr("Repeat rate")), ("revenue", self.tr("Revenue"))]
        )
        self.cohort_value.value_changed.connect(self._on_cohort_value_changed)
        self.cohorts = HeatModel(self)
        self.cohort_table = QTableView()
        self.cohort_table.setModel(self.cohorts)
        self.cohort_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cohort_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.cohort_table.horizontalHeader().setMinimumSectionSize(COHORT_CELL_WIDTH)
        self.cohort_table.verticalHeader().setDefaultSectionSize(COHORT_ROW_HEIGHT)
        self.cohort_chart = ChartCanvas(min_height=220)
        self.cohort_note = QLabel(
            self.tr(
                "Rows: month of the first order (customers). Columns: months since. "
                "Repeat rate: in the first month, the share who ordered twice or more; "
                "after that, the share who bought again in that month."
            )
        )
        self.cohort_note.setWordWrap(True)
        self.cohort_note.setObjectName("ExportNote")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self._title(self.tr("LTV by")))
        head.addWidget(self.dimension, 1)
        left_layout.addLayout(head)
        left_layout.addWidget(self.ltv_table, 1)
        left_layout.addWidget(self.chart, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self._title(self.tr("Cohorts")), 1)
        head.addWidget(self.cohort_value)
        right_layout.addLayout(head)
        right_layout.addWidget(self.cohort_note)
        right_layout.addWidget(self.cohort_table, 1)
        right_layout.addWidget(self.cohort_chart, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 840])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter, 1)

    def _title(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("DetailTitle")
        return label

    def draw(self, data: CustomersData) -> None:
        """LTV by the chosen dimension and the cohort table, as of the ledger's day."""
        from app.services.customers import cohort_table

        self._show_ltv(data)
        self.cohort_frame = cohort_table(data.reader, data.today)
        self._show_cohorts()

    def _show_ltv(self, data: CustomersData) -> None:
        from app.analytics.cohorts import ltv_by

        dimension = str(self.dimension.currentData())
        frame = ltv_by(data.ledger, dimension).copy()
        frame["value_name"] = frame["value"].map(lambda v: self._value_name(dimension, v))
        if frame["currency"].nunique() > 1:  # the same group twice: say which money it is
            currencies = frame["currency"].astype(str).map(currency_name)
            frame["value_name"] = frame["value_name"] + " · " + currencies
        self.ltv.set_frame(frame)
        fit_columns(self.ltv_table)
        self._draw_chart(frame)

    def _draw_chart(self, frame: pd.DataFrame) -> None:
        """LTV per group in the main currency, as bars (other currencies stay in the table)."""
        from app.charts import new_figure

        if frame.empty:
            self.chart.show_message(self.tr("No buyers yet."))
            return
        main = frame.groupby("currency")["customers"].sum().idxmax()
        rows = frame[frame["currency"] == main]
        figure = new_figure(5.0, 3.0)
        axes = figure.subplots()
        values = (rows["ltv_cents"].astype(float) / 100).to_numpy()
        positions = range(len(rows))
        bars = axes.barh(positions, values, color=LTV_COLOR, height=0.6)
        labels = [_short_money(int(v), main) for v in rows["ltv_cents"]]
        axes.bar_label(bars, labels=labels, padding=2, fontsize=8)
        axes.set_yticks(list(positions), rows["value_name"].tolist())
        axes.set_ylim(max(len(rows), MIN_BAR_SLOTS) - 0.5, -0.5)  # first on top; few bars stay slim
        axes.margins(x=0.2)
        axes.set_xlabel(self.tr("LTV (avg net spend), %1").replace("%1", currency_name(str(main))))
        axes.grid(axis="x", alpha=0.3)
        self.chart.show_figure(figure)

    def _value_name(self, dimension: str, value: Any) -> str:
        if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
            return self.tr("(unknown)") if dimension != "tier" else self.tr("(no tier)")
        if dimension == "first_platform":
            return platform_names().get(str(value), str(value))
        if dimension == "private_channel":
            return channel_name(str(value))
        if dimension == "first_traffic_format":
            return traffic_format_name(str(value))
        return str(value)

    def _show_cohorts(self) -> None:
        frame = self.cohort_frame
        if frame.empty:
            self.cohorts.set_frames(pd.DataFrame())
            self.cohort_chart.show_message(self.tr("No buyers yet."))
            return
        sizes = frame.drop_duplicates(["cohort", "currency"]).groupby("cohort")["cohort_size"].sum()
        if self.cohort_value.value() == "repeat_rate":
            # People are people whatever they pay in: rates of the currencies, weighted by size.
            weighted = frame.assign(weighted=frame["repeat_rate"] * frame["cohort_size"])
            cells = weighted.groupby(["cohort", "months_since"])[["weighted", "cohort_size"]].sum()
            rates = (cells["weighted"] / cells["cohort_size"]).rename("rate").reset_index()
            values = rates.pivot(index="cohort", columns="months_since", values="rate")
            texts = values.map(lambda v: UNKNOWN if pd.isna(v) else f"{v:.0%}")
            self.cohort_currency = ""
        else:
            main = frame.groupby("currency")["revenue_cents"].sum().idxmax()
            rows = frame[frame["currency"] == main]
            values = rows.pivot_table(
                index="cohort", columns="months_since", values="revenue_cents", aggfunc="sum"
            )
            texts = values.map(lambda v: UNKNOWN if pd.isna(v) else _short_money(int(v), main))
            self.cohort_currency = str(main)
        values = values.sort_index()
        texts = texts.reindex(index=values.index, columns=values.columns).fillna(UNKNOWN)
        self.cohorts.set_frames(
            values,
            texts,
            row_name=lambda c: f"{c} ({int(sizes.get(c, 0)):,})",
            column_name=lambda m: self.tr("+%1 mo").replace("%1", str(m)),
        )
        self.cohort_table.resizeColumnsToContents()
        self._draw_cohort_chart(values)

    def _draw_cohort_chart(self, values: pd.DataFrame) -> None:
        """One line per cohort over the months since its first order."""
        from app.charts import OTHER_COLORS, new_figure

        rate = self.cohort_value.value() == "repeat_rate"
        figure = new_figure(6.0, 3.0)
        axes = figure.subplots()
        for number, (cohort, row) in enumerate(values.iterrows()):
            known = row.dropna()
            points = known.to_numpy(dtype=float) * (100 if rate else 0.01)
            color = OTHER_COLORS[number % len(OTHER_COLORS)]
            axes.plot(known.index, points, marker="o", color=color, label=str(cohort))
        axes.set_xticks(list(values.columns))
        axes.set_ylim(bottom=0)
        axes.set_xlabel(self.tr("Months since the first order"))
        revenue = self.tr("Revenue, %1").replace("%1", currency_name(self.cohort_currency))
        axes.set_ylabel(self.tr("Repeat rate (%)") if rate else revenue)
        axes.legend(fontsize=8, frameon=False)
        axes.grid(alpha=0.3)
        self.chart_values = values
        self.cohort_chart.show_figure(figure)

    def _on_dimension_changed(self, _index: int) -> None:
        if self.data is not None:
            self._show_ltv(self.data)

    def _on_cohort_value_changed(self, _value: str) -> None:
        self._show_cohorts()


def _short_money(cents: int, currency: str) -> str:
    """An amount without cents (cohort cells are narrow)."""
    text = str(Money(round(cents / 100) * 100, currency))
    return text[:-3] if text.endswith(".00") else text
