"""私域 Private domain: how much of each tier is in WeChat/WeCom/groups, and what it is worth."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.views.customers.labels import channel_name
from app.views.customers.sub_view import CustomersData, SubView
from app.views.formatting import currency_name
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

PRIVATE_COLOR, OTHER_COLOR = "#2f6fb0", "#c5d3e3"
MIN_BAR_SLOTS = 6


class PrivateView(SubView):
    """Share of each tier in private channels (table and chart); private vs not, side by side.

    Attributes:
        by_tier: tier → customers, in private channels, share.
        compare: private vs other customers: repeat rate and LTV per currency.
        by_channel: LTV and repeat rate per private channel.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by_tier = FrameModel(
            [
                FrameColumn("tier_name", self.tr("Tier")),
                FrameColumn("customers", self.tr("Customers"), "int"),
                FrameColumn("private", self.tr("In private channels"), "int"),
                FrameColumn("share", self.tr("Share"), "rate"),
            ],
            (),
            self,
        )
        self.compare = FrameModel(
            [
                FrameColumn("group_name", self.tr("Customers")),
                FrameColumn("customers", self.tr("How many"), "int"),
                FrameColumn("repeat_rate", self.tr("Repeat rate"), "rate"),
                FrameColumn("ltv_cents", self.tr("LTV (avg net spend)"), "money", "currency"),
            ],
            (),
            self,
        )
        self.by_channel = FrameModel(
            [
                FrameColumn("channel_name", self.tr("Channel")),
                FrameColumn("customers", self.tr("Customers"), "int"),
                FrameColumn("repeat_rate", self.tr("Repeat rate"), "rate"),
                FrameColumn("ltv_cents", self.tr("LTV (avg net spend)"), "money", "currency"),
            ],
            (),
            self,
        )
        self.tier_table = frame_table(self.by_tier)
        self.compare_table = frame_table(self.compare)
        self.channel_table = frame_table(self.by_channel)
        self.summary = QLabel()
        self.summary.setObjectName("DetailTitle")
        self.summary.setWordWrap(True)
        self.chart = ChartCanvas(min_height=220)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._caption(self.tr("Each tier in private channels")))
        left_layout.addWidget(self.tier_table, 2)
        left_layout.addWidget(self._caption(self.tr("Private channel vs the rest")))
        left_layout.addWidget(self.compare_table, 1)
        left_layout.addWidget(self._caption(self.tr("By channel")))
        left_layout.addWidget(self.channel_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 620])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("KpiCaption")
        return label

    def draw(self, data: CustomersData) -> None:
        """Summarise the ledger's private-channel customers."""
        from app.analytics.cohorts import ltv_by
        from app.services.customers import private_domain_summary

        by_tier, compare = private_domain_summary(data.ledger)
        by_tier = self._in_tier_order(by_tier, data)
        by_tier["tier_name"] = by_tier["tier"].map(lambda t: t or self.tr("(no tier)"))
        self.by_tier.set_frame(by_tier)
        compare = compare.copy()
        several = compare["currency"].nunique() > 1
        compare["group_name"] = [
            self._group_name(group, currency if several else "")
            for group, currency in zip(compare["group"], compare["currency"], strict=True)
        ]
        self.compare.set_frame(compare)
        channels = ltv_by(data.ledger, "private_channel").copy()
        channels = channels[channels["value"].fillna("") != ""]
        channels["channel_name"] = channels["value"].map(channel_name)
        self.by_channel.set_frame(channels)
        for table in (self.tier_table, self.compare_table, self.channel_table):
            fit_columns(table)
        private = int(by_tier["private"].sum())
        total = int(by_tier["customers"].sum())
        share = f"{private / total:.1%}" if total else "—"
        self.summary.setText(
            self.tr("%1 of %2 buyers are in a private channel (%3)")
            .replace("%1", f"{private:,}")
            .replace("%2", f"{total:,}")
            .replace("%3", share)
        )
        self._draw_chart(by_tier)

    def _group_name(self, group: str, currency: str) -> str:
        name = self.tr("In a private channel") if group == "private" else self.tr("Not yet")
        return f"{name} · {currency_name(currency)}" if currency else name

    def _in_tier_order(self, by_tier: pd.DataFrame, data: CustomersData) -> pd.DataFrame:
        """Tiers in the rule list's order, customers without a tier last."""
        from app.services.tiers import list_rules

        order = {rule.name: number for number, rule in enumerate(list_rules(data.reader))}
        ranks = by_tier["tier"].map(lambda t: order.get(t, len(order)))
        return by_tier.assign(rank=ranks).sort_values("rank", kind="stable").drop(columns="rank")

    def _draw_chart(self, by_tier: pd.DataFrame) -> None:
        from app.charts import new_figure

        if by_tier.empty:
            self.chart.show_message(self.tr("No tiers yet."))
            return
        figure = new_figure(5.5, 3.6)
        axes = figure.subplots()
        names = by_tier["tier_name"].tolist()
        private = by_tier["private"].to_numpy()
        rest = by_tier["customers"].to_numpy() - private
        positions = range(len(names))
        axes.barh(
            positions,
            private,
            height=0.6,
            color=PRIVATE_COLOR,
            label=self.tr("In private channels"),
        )
        axes.barh(
            positions, rest, height=0.6, left=private, color=OTHER_COLOR, label=self.tr("Not yet")
        )
        for y, (p, total) in enumerate(zip(private, by_tier["customers"], strict=True)):
            if total:
                axes.text(total, y, f" {p / total:.0%}", va="center", fontsize=8)
        axes.set_yticks(list(positions), names)
        axes.set_ylim(
            max(len(names), MIN_BAR_SLOTS) - 0.5, -0.5
        )  # first on top; few bars stay slim
        axes.margins(x=0.15)
        axes.set_xlabel(self.tr("Customers"))
        axes.legend(fontsize=8, loc="lower right", frameon=False)
        axes.grid(axis="x", alpha=0.3)
        self.chart.show_figure(figure)
