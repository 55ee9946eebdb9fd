"""客户分层 Customers: one ledger of buyers with their tier and spend."""

from __future__ import annotations

from app.views.table_models.table_model import ColumnSpec
from app.views.tabs.overview_tab import KpiSpec, OverviewTab


class CustomersTab(OverviewTab):
    """Buyers across platforms; phones stay masked."""

    tab_id = "customers"

    def kpis(self) -> list[KpiSpec]:
        """How many buyers, how many came back, how many are in private channels."""
        return [
            KpiSpec("customers", self.tr("Customers")),
            KpiSpec("buyers", self.tr("Buyers")),
            KpiSpec(
                "repeat_buyers", self.tr("Repeat buyers"), "", self.tr("2 or more paid orders")
            ),
            KpiSpec("private_domain", self.tr("In private channels")),
            KpiSpec("vip", self.tr("VIP")),
        ]

    def columns(self) -> list[ColumnSpec]:
        """The ledger's columns."""
        return [
            ColumnSpec("display_name", self.tr("Customer")),
            ColumnSpec("masked_phone", self.tr("Phone")),
            ColumnSpec("platform", self.tr("Platform"), "platform"),
            ColumnSpec("tier", self.tr("Tier")),
            ColumnSpec("paid_orders", self.tr("Paid orders")),
            ColumnSpec("net_spend", self.tr("Net spend")),
            ColumnSpec("first_paid", self.tr("First order"), "date"),
            ColumnSpec("last_paid", self.tr("Last order"), "date"),
            ColumnSpec("days_silent", self.tr("Days silent")),
            ColumnSpec("private_channel", self.tr("Private channel"), "code"),
            ColumnSpec("region", self.tr("Region")),
        ]

    def empty_text(self) -> str:
        """No customers yet."""
        return self.tr(
            "No customers yet.\n\nBuyers appear here once orders are imported, "
            "one ledger across every platform."
        )
