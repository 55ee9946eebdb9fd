"""内容规划 Content plan: the production board from idea to published."""

from __future__ import annotations

from app.views.table_models.table_model import ColumnSpec
from app.views.tabs.overview_tab import KpiSpec, OverviewTab


class ContentPlanTab(OverviewTab):
    """Plan items by stage, with their pillar, persona, structure and (once posted) views."""

    tab_id = "content"

    def kpis(self) -> list[KpiSpec]:
        """Items per stage and the next planned post."""
        return [
            KpiSpec("plan_ideas", self.tr("Ideas")),
            KpiSpec(
                "plan_in_production",
                self.tr("In production"),
                "",
                self.tr("Scripted, shot or edited"),
            ),
            KpiSpec("plan_scheduled", self.tr("Scheduled")),
            KpiSpec("plan_published", self.tr("Published")),
            KpiSpec("plan_next", self.tr("Next planned post")),
        ]

    def columns(self) -> list[ColumnSpec]:
        """The board's columns."""
        return [
            ColumnSpec("planned_at", self.tr("Planned")),
            ColumnSpec("status", self.tr("Stage"), "code"),
            ColumnSpec("title", self.tr("Title")),
            ColumnSpec("kind", self.tr("Type"), "code"),
            ColumnSpec("pillar", self.tr("Pillar")),
            ColumnSpec("persona", self.tr("Audience")),
            ColumnSpec("template", self.tr("Structure")),
            ColumnSpec("platforms", self.tr("Platforms"), "platform"),
            ColumnSpec("views", self.tr("Views")),
            ColumnSpec("hook", self.tr("Hook")),
        ]

    def empty_text(self) -> str:
        """No plan yet."""
        return self.tr(
            "No content planned yet.\n\nPlan items appear here from idea to published; "
            "open the demo shop to see a full board."
        )
