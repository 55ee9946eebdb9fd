"""留存活动 Retention: who is slipping away, and what each campaign won back."""

from __future__ import annotations

from app.views.table_models.table_model import ColumnSpec
from app.views.tabs.overview_tab import KpiSpec, OverviewTab


class RetentionTab(OverviewTab):
    """Churn warning figures above the campaigns and their measured uplift."""

    tab_id = "retention"

    def kpis(self) -> list[KpiSpec]:
        """Buyers by silence, campaigns and their best uplift."""
        return [
            KpiSpec(
                "active_buyers", self.tr("Active buyers"), "", self.tr("Paid in the last 30 days")
            ),
            KpiSpec("at_risk", self.tr("At risk"), "", self.tr("Last paid order 30–89 days ago")),
            KpiSpec("lost", self.tr("Lost"), "", self.tr("No paid order for 90 days or more")),
            KpiSpec("campaigns_sent", self.tr("Campaigns sent")),
            KpiSpec(
                "best_uplift",
                self.tr("Best uplift"),
                "rate",
                self.tr("Treatment response rate minus holdout response rate"),
            ),
        ]

    def columns(self) -> list[ColumnSpec]:
        """Each campaign against its holdout group."""
        return [
            ColumnSpec("when", self.tr("Sent / scheduled")),
            ColumnSpec("name", self.tr("Campaign")),
            ColumnSpec("goal", self.tr("Goal"), "code"),
            ColumnSpec("channel", self.tr("Channel"), "code"),
            ColumnSpec("status", self.tr("Status"), "code"),
            ColumnSpec("treatment", self.tr("Treatment")),
            ColumnSpec("control", self.tr("Holdout")),
            ColumnSpec("treatment_rate", self.tr("Response"), "rate"),
            ColumnSpec("control_rate", self.tr("Holdout response"), "rate"),
            ColumnSpec("uplift", self.tr("Uplift"), "rate"),
            ColumnSpec("revenue", self.tr("Revenue")),
        ]

    def empty_text(self) -> str:
        """No campaigns yet."""
        return self.tr(
            "No campaigns yet.\n\nWin-back and festival campaigns, each measured against a "
            "holdout group, appear here."
        )
