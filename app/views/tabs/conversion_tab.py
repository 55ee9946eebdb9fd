"""转化路径 Conversion: the funnel from views to net GMV, and what ads returned."""

from __future__ import annotations

from app.views.table_models.table_model import ColumnSpec
from app.views.tabs.overview_tab import KpiSpec, OverviewTab


class ConversionTab(OverviewTab):
    """The funnel per month and platform, money kept per currency."""

    tab_id = "conversion"

    def kpis(self) -> list[KpiSpec]:
        """Orders, GMV per currency, refunds and ad return."""
        return [
            KpiSpec("orders_paid", self.tr("Paid orders")),
            KpiSpec("gmv", self.tr("GMV")),
            KpiSpec("net_gmv", self.tr("Net GMV"), "", self.tr("Paid minus refunds")),
            KpiSpec("refund_rate", self.tr("Refund rate"), "rate"),
            KpiSpec("ad_spend", self.tr("Ad spend")),
            KpiSpec("roas", self.tr("ROAS"), "ratio", self.tr("Attributed GMV / ad spend")),
        ]

    def columns(self) -> list[ColumnSpec]:
        """Funnel steps, each rate over the step before."""
        return [
            ColumnSpec("month", self.tr("Month")),
            ColumnSpec("platform", self.tr("Platform"), "platform"),
            ColumnSpec("views", self.tr("Views")),
            ColumnSpec("product_clicks", self.tr("Product clicks")),
            ColumnSpec("click_rate", self.tr("Click rate"), "rate"),
            ColumnSpec("orders_created", self.tr("Orders")),
            ColumnSpec("orders_paid", self.tr("Paid")),
            ColumnSpec("pay_rate", self.tr("Pay rate"), "rate"),
            ColumnSpec("gmv", self.tr("GMV")),
            ColumnSpec("refunds", self.tr("Refunds")),
            ColumnSpec("net_gmv", self.tr("Net GMV")),
            ColumnSpec("ad_spend", self.tr("Ad spend")),
            ColumnSpec("ad_gmv", self.tr("Ad GMV")),
            ColumnSpec("roas", self.tr("ROAS"), "ratio"),
        ]

    def empty_text(self) -> str:
        """No orders yet."""
        return self.tr(
            "No orders yet.\n\nDrop your 抖店 or TikTok Shop order exports on this window "
            "to see the path from views to revenue."
        )
