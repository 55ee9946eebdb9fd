"""投放回报 Ad ROI and the content-to-cash ledger: which videos and which spend made money."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.views.conversion.base import (
    ConversionModel,
    ConversionScope,
    ConversionSubView,
    money_text,
    ratio_text,
)
from app.views.table_models.frame_model import FrameColumn
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas
from app.views.widgets.table_exporter import TableExporter

BY_VIDEO, BY_PILLAR = "video", "pillar"
SPEND_BY = ("material", "day", "channel")  # ad spend alone (app.analytics.conversion_ads)


class LedgerView(ConversionSubView):
    """One row per video (or pillar): views to profit, and a flag when ROAS is below break-even.

    Attributes:
        by: per video | per pillar.
        model: the ledger rows (``below_break_even`` rows are flagged).
        exporter: writes the rows shown to Excel/CSV off the GUI thread.
        summary: the flagged rows and the money in words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = Segmented(
            [
                (BY_VIDEO, self.tr("Per video")),
                (BY_PILLAR, self.tr("Per pillar")),
                ("material", self.tr("Spend per material")),
                ("day", self.tr("Spend per day")),
                ("channel", self.tr("Spend per channel")),
            ]
        )
        self.by.value_changed.connect(lambda _value: self.redraw())
        self.model = ConversionModel(
            self._columns(BY_VIDEO), ("title", "pillar"), self, flag_column="below_break_even"
        )
        self.table = frame_table(self.model)
        self.chart = ChartCanvas(min_height=170)
        self.exporter = TableExporter(self.model, self.tr("ledger"))
        self.exporter.status_reported.connect(self.status_reported)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rule = QLabel(
            self.tr(
                "Break-even ROAS = 1 / (margin × (1 − refund rate)); margin from the cost prices "
                "you entered (Products page). Profit = net GMV × margin − ad spend. Orders count "
                "only where the order export names the video."
            )
        )
        self.rule.setWordWrap(True)
        self.rule.setObjectName("Hint")
        tools = QHBoxLayout()
        tools.addWidget(self.by)
        tools.addStretch(1)
        tools.addWidget(self.exporter.note)
        tools.addWidget(self.exporter.button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addWidget(self.rule)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(lower)
        split.setSizes([200, 380])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(split, 1)

    def _columns(self, by: str) -> list[FrameColumn]:
        first = (
            [
                FrameColumn("title", self.tr("Video")),
                FrameColumn("platform", self.tr("Platform"), "platform"),
                FrameColumn("pillar", self.tr("Pillar")),
                FrameColumn("published_at", self.tr("Published"), "date"),
            ]
            if by == BY_VIDEO
            else [
                FrameColumn("pillar", self.tr("Pillar")),
                FrameColumn(
                    "currency",
                    self.tr("Currency"),
                    tooltip=self.tr("A pillar selling in two currencies has a row for each"),
                ),
                FrameColumn("videos", self.tr("Videos"), "int"),
            ]
        )
        money = "currency"
        return [
            *first,
            FrameColumn("views", self.tr("Views"), "int"),
            FrameColumn("completion_rate", self.tr("Completion"), "rate"),
            FrameColumn("product_clicks", self.tr("Product clicks"), "int"),
            FrameColumn("orders", self.tr("Orders"), "int"),
            FrameColumn("gmv_cents", self.tr("GMV"), "money", money),
            FrameColumn("refund_cents", self.tr("Refunds"), "money", money),
            FrameColumn("ad_spend_cents", self.tr("Ad spend"), "money", money),
            FrameColumn("ad_gmv_cents", self.tr("Ad GMV"), "money", money),
            FrameColumn("roas", self.tr("ROAS"), "ratio", tooltip=self.tr("Ad GMV / ad spend")),
            FrameColumn(
                "break_even_roas",
                self.tr("Break-even ROAS"),
                "ratio",
                tooltip=self.tr("1 / (margin × (1 − refund rate)): below it the ads lose money"),
            ),
            FrameColumn("margin", self.tr("Margin"), "rate"),
            FrameColumn(
                "profit_cents",
                self.tr("Profit"),
                "money",
                money,
                tooltip=self.tr("Net GMV × margin − ad spend"),
            ),
        ]

    def channel_names(self) -> dict[str, str]:
        """Display names of the ad channels in the spend reports."""
        return {
            "qianchuan": self.tr("Qianchuan (千川) materials"),
            "qianchuan_product": self.tr("Qianchuan products (推商品)"),
            "qianchuan_account": self.tr("Qianchuan accounts (推抖音号)"),
            "douplus": self.tr("DOU+"),
            "promote": self.tr("TikTok Promote"),
        }

    def _spend_columns(self) -> list[FrameColumn]:
        money = "currency"
        return [
            FrameColumn("label", self.tr("Spent on")),
            FrameColumn("platform", self.tr("Platform"), "platform"),
            FrameColumn("channel_name", self.tr("Channel")),
            FrameColumn("currency", self.tr("Currency"), "currency"),
            FrameColumn("days", self.tr("Days"), "int"),
            FrameColumn("spend_cents", self.tr("Ad spend"), "money", money),
            FrameColumn("ad_gmv_cents", self.tr("Ad GMV"), "money", money),
            FrameColumn("orders", self.tr("Ad orders"), "int"),
            FrameColumn("roas", self.tr("ROAS"), "ratio", tooltip=self.tr("Ad GMV / ad spend")),
            FrameColumn("roi", self.tr("ROI"), "rate", tooltip=self.tr("(Ad GMV − spend) / spend")),
            FrameColumn("share", self.tr("Share of spend"), "rate"),
        ]

    def draw(self, scope: ConversionScope) -> None:
        """Compute the ledger (or the spend report) of the scope and show it."""
        by = self.by.value()
        period = scope.flt.period
        self.exporter.file_stem = f"{self.tr('ledger')}_{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        if by in SPEND_BY:
            self._draw_spend(scope, by)
        else:
            self._draw_ledger(scope, by)

    def _draw_spend(self, scope: ConversionScope, by: str) -> None:
        from app.analytics.conversion_ads import ad_report

        frame = ad_report(scope.data, scope.flt, by=by).copy()
        frame["label"] = [
            str(label) if label else str(key)
            for key, label in zip(frame["key"], frame["label"], strict=True)
        ]
        names = self.channel_names()
        frame["channel_name"] = [names.get(str(c), str(c)) for c in frame["channel"]]
        frame["below_break_even"] = False
        self.model.set_columns(self._spend_columns())
        self.model.set_frame(frame)
        fit_columns(self.table, 0, 260)
        self.exporter.extra_columns = {}
        self.chart.setVisible(False)
        self.summary.setText(
            self.tr(
                "%1 rows of ad spend in this period; ROAS and ROI as the ad reports give them."
            ).replace("%1", f"{len(frame):,}")
        )

    def _draw_ledger(self, scope: ConversionScope, by: str) -> None:
        from app.analytics.conversion_ledger import ledger
        from app.conversion_charts import ledger_chart

        self.chart.setVisible(True)
        frame = ledger(scope.data, scope.flt, by=by).copy()
        frame["flag_tip"] = [self.flag_tip(row) for row in frame.itertuples()]
        self.model.set_columns(self._columns(by))
        self.model.set_frame(frame)
        fit_columns(self.table, 0 if by == BY_VIDEO else -1, 240)
        self.exporter.extra_columns = {"below_break_even": self.tr("Below break-even")}
        self.summary.setText(self.summary_text(frame, by))
        labels = {
            "roas": self.tr("ROAS"),
            "break_even": self.tr("Break-even ROAS"),
            "title": self.tr("ROAS against break-even (videos with spend)")
            if by == BY_VIDEO
            else self.tr("ROAS against break-even (pillars with spend)"),
        }
        self.chart.show_figure(
            ledger_chart(frame, labels, empty_label=self.tr("No ad spend on these videos"))
        )

    def flag_tip(self, row: object) -> str:
        """Why a row is flagged (its ROAS and break-even)."""
        return (
            self.tr("ROAS %1 is below the break-even %2: this spend loses money")
            .replace("%1", ratio_text(getattr(row, "roas", None)))
            .replace("%2", ratio_text(getattr(row, "break_even_roas", None)))
        )

    def summary_text(self, frame: pd.DataFrame, by: str) -> str:
        """How many rows lose money on ads, and the ledger's profit per currency."""
        flagged = (
            int(frame["below_break_even"].fillna(False).astype(bool).sum()) if len(frame) else 0
        )
        rows = self.tr("%1 videos") if by == BY_VIDEO else self.tr("%1 pillars")
        text = (
            self.tr("%1 listed; %2 below break-even (red, ⚠).")
            .replace("%1", rows.replace("%1", f"{len(frame):,}"))
            .replace("%2", f"{flagged:,}")
        )
        if len(frame):
            known = frame.dropna(subset=["profit_cents"])
            sums = known.groupby("currency")["profit_cents"].sum()
            if len(sums):
                money = " · ".join(money_text(v, str(c)) for c, v in sums.items())
                text += " " + self.tr("Profit where costs are known: %1.").replace("%1", money)
        return text
