"""Tier movement month by month: a from × to transition table and moved up / slipped bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.views.customers.heat_model import HeatModel
from app.views.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from app.analytics.tiers import TierRuleSpec

UP_COLOR, DOWN_COLOR, NEW_COLOR = "#2e9d5b", "#d1495b", "#9aa5b1"


# The core's directions, as the chart groups them: back from a silence counts as moving up.
CHART_KINDS = {"up": "up", "returned": "up", "down": "down", "slipped": "down", "new": "new"}


class TierMovementPanel(QWidget):
    """The chosen month's transitions (coloured table) beside six months of up / new / slipped.

    Attributes:
        month: the month picker; movement: the transition heat model; chart: the bars.
        moves: ``tier_movement``'s frame as last shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.moves = pd.DataFrame(
            columns=["month", "from_tier", "to_tier", "customers", "moved", "direction"]
        )
        self.rules: list[TierRuleSpec] = []
        self.month = QComboBox()
        self.month.currentIndexChanged.connect(self._show_month)
        self.movement = HeatModel(self)
        self.movement_table = self._make_movement_table()
        self.chart = ChartCanvas(min_height=200)
        title = QLabel(self.tr("Tier movement"))
        title.setObjectName("DetailTitle")
        month_row = QHBoxLayout()
        month_row.addWidget(title, 1)
        month_row.addWidget(QLabel(self.tr("Month")))
        month_row.addWidget(self.month)
        movement_row = QHBoxLayout()
        movement_row.addWidget(self.movement_table, 1)
        movement_row.addWidget(self.chart, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(month_row)
        layout.addLayout(movement_row, 1)

    def _make_movement_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.movement)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def tier_name(self, name: object) -> str:
        """A tier's name, or "no tier"."""
        return str(name) if name else self.tr("(no tier)")

    def show_moves(self, moves: pd.DataFrame, rules: list[TierRuleSpec]) -> None:
        """Show ``tier_movement``'s frame; ``rules`` order the tiers in the table."""
        self.moves, self.rules = moves, rules
        months = sorted(pd.unique(self.moves["month"]), reverse=True) if len(self.moves) else []
        with QSignalBlocker(self.month):
            self.month.clear()
            for month in months:
                self.month.addItem(str(month), month)
        self._show_month()
        self._draw_chart()

    def _show_month(self, *_args: Any) -> None:
        month = self.month.currentData()
        rows = self.moves[self.moves["month"] == month] if month is not None else self.moves[:0]
        names = [r.name for r in self.rules]
        table = (
            rows.pivot_table(
                index="from_tier",
                columns="to_tier",
                values="customers",
                aggfunc="sum",
                fill_value=0,
            )
            if len(rows)
            else pd.DataFrame()
        )
        order = ["", *names]
        table = table.reindex(
            index=[n for n in order if n in table.index],
            columns=[n for n in order if n in table.columns],
        )
        name = self.tier_name
        self.movement.set_frames(table, None, name, name)
        self.movement_table.resizeColumnsToContents()

    def kinds_by_month(self) -> pd.DataFrame:
        """Customers per month who moved ``up``, ``down`` or are ``new`` in a tier (as charted)."""
        moves = self.moves.assign(kind=self.moves["direction"].map(CHART_KINDS))
        table = moves.dropna(subset=["kind"]).pivot_table(
            index="month", columns="kind", values="customers", aggfunc="sum", fill_value=0
        )
        return table.reindex(columns=["up", "new", "down"], fill_value=0).sort_index()

    def _draw_chart(self) -> None:
        from app.charts import new_figure

        if self.moves.empty:
            self.chart.show_message(self.tr("No tier changes in the last months yet."))
            return
        table = self.kinds_by_month()
        figure = new_figure(6.0, 3.2)
        axes = figure.subplots()
        positions = range(len(table.index))
        bottom = [0] * len(table.index)
        for kind, label, color in (
            ("up", self.tr("Moved up"), UP_COLOR),
            ("new", self.tr("New in a tier"), NEW_COLOR),
        ):
            values = table[kind].tolist()
            axes.bar(positions, values, bottom=bottom, color=color, label=label, width=0.6)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        slipped = table["down"].tolist()
        axes.bar(
            positions, [-v for v in slipped], color=DOWN_COLOR, label=self.tr("Slipped"), width=0.6
        )
        axes.axhline(0, color="#555", linewidth=0.8)
        axes.set_xticks(list(positions), [str(m) for m in table.index])
        axes.set_ylabel(self.tr("Customers"))
        axes.legend(fontsize=8, loc="upper left", frameon=False)
        axes.grid(axis="y", alpha=0.3)
        self.chart.show_figure(figure)
