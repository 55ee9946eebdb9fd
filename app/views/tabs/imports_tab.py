"""导入记录 Imports: every file that came in and what it did to the store."""

from __future__ import annotations

from app.views.table_models.table_model import ColumnSpec
from app.views.tabs.overview_tab import KpiSpec, OverviewTab


class ImportsTab(OverviewTab):
    """The import history, newest first."""

    tab_id = "imports"

    def kpis(self) -> list[KpiSpec]:
        """How much has been imported, and when last."""
        return [
            KpiSpec("files", self.tr("Files imported")),
            KpiSpec("rows", self.tr("Rows")),
            KpiSpec("platforms", self.tr("Platforms")),
            KpiSpec("last_import", self.tr("Last import")),
        ]

    def columns(self) -> list[ColumnSpec]:
        """One row per imported file."""
        return [
            ColumnSpec("imported_at", self.tr("Imported")),
            ColumnSpec("file_name", self.tr("File")),
            ColumnSpec("platform", self.tr("Platform"), "platform"),
            ColumnSpec("kind", self.tr("Export"), "code"),
            ColumnSpec("snapshot_at", self.tr("Data as of")),
            ColumnSpec("rows_total", self.tr("Rows")),
            ColumnSpec("inserted", self.tr("New")),
            ColumnSpec("updated", self.tr("Updated")),
            ColumnSpec("unchanged", self.tr("Unchanged")),
            ColumnSpec("skipped", self.tr("Skipped")),
            ColumnSpec("status", self.tr("Status"), "code"),
        ]

    def empty_text(self) -> str:
        """Nothing imported yet."""
        return self.tr("Nothing imported yet.\n\nEvery file you import is listed here.")
