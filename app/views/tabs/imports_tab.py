"""导入记录 Imports: every file that came in and what it did to the store; undo one import."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QSplitter, QWidget

from app.db import Reader
from app.views.table_models.table_model import ColumnSpec
from app.views.tabs.overview_tab import KpiSpec, OverviewTab
from app.views.widgets.coverage_panel import CoveragePanel


class ImportsTab(OverviewTab):
    """The import history, newest first, with an Undo button for the selected import.

    Signals:
        undo_requested(int): the user confirmed undoing the import with this batch id.
        mappings_requested(): the user wants to see the saved column mappings.
    """

    tab_id = "imports"
    undo_requested = Signal(int)
    mappings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.model.modelReset.connect(self._update_undo_button)
        self._update_undo_button()

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

    def load(self, reader: Reader, today: date) -> None:
        """The import history, then which days the store holds (coverage and gaps)."""
        self.coverage.load(reader)
        super().load(reader, today)

    def _on_coverage_guide_requested(self) -> None:
        from app.views.dialogs.export_guide_dialog import ExportGuideDialog

        ExportGuideDialog(self).exec()

    def _data_page(self) -> QWidget:
        page = super()._data_page()
        self.coverage = CoveragePanel()
        self.coverage.guide_requested.connect(self._on_coverage_guide_requested)
        # History above, coverage below: the table moves into a splitter with the panel.
        layout = page.layout()
        layout.removeWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.coverage)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.undo_button = QPushButton(self.tr("Undo import…"))
        self.undo_button.setToolTip(
            self.tr("Remove the rows the selected import added and restore the rows it changed")
        )
        # The tools row (filter box and row count) is the page's second item.
        tools = page.layout().itemAt(1).layout()
        assert isinstance(tools, QHBoxLayout)
        self.mappings_button = QPushButton(self.tr("Saved mappings…"))
        self.mappings_button.setToolTip(
            self.tr("See and delete the column mappings saved for files ShopReel did not know")
        )
        self.mappings_button.clicked.connect(self.mappings_requested)
        tools.addWidget(self.mappings_button)
        tools.addWidget(self.undo_button)
        return page

    def selected_import(self) -> dict[str, object] | None:
        """The selected row's record when it is an import that can be undone."""
        if not self.table.selectionModel().hasSelection():
            return None
        record = self.selected_record()
        return record if record is not None and record["status"] == "imported" else None

    def show_undo_failure(self, batch_id: int, error: BaseException) -> None:
        """Say why an undo did not happen (for a refusal: which later imports to undo first)."""
        from app.importers.undo import UndoRefused  # loads SQLAlchemy: not at start-up
        from app.services.import_lock import ImportLockedError
        from app.views.import_lock_message import locked_message

        message = str(error)
        if isinstance(error, UndoRefused) and error.later:
            message = self.tr(
                "Import #%1 cannot be undone on its own: later imports (%2) changed the same "
                "rows. Undo those first (newest first), then this one."
            )
            later = ", ".join(f"#{b}" for b in error.later)
            message = message.replace("%1", str(batch_id)).replace("%2", later)
        elif isinstance(error, UndoRefused):
            message = self.tr("Import #%1 no longer exists.").replace("%1", str(batch_id))
        elif isinstance(error, ImportLockedError):
            message = locked_message(error.holder, undo=True)
        elif isinstance(error, ValueError):  # the service's "already undone"
            message = self.tr("Import #%1 was already undone.").replace("%1", str(batch_id))
        QMessageBox.warning(self, self.tr("Undo import"), message)

    def _update_undo_button(self) -> None:
        self.undo_button.setEnabled(self.selected_import() is not None)

    def _on_table_selection_changed(self, *_args: object) -> None:
        self._update_undo_button()

    def _on_undo_button_clicked(self) -> None:
        record = self.selected_import()
        if record is None:
            return
        batch_id = int(record["id"])  # type: ignore[call-overload]
        question = self.tr(
            "Undo import #%1 of “%2”?\n\nThe rows it added are removed and the rows it "
            "changed get their earlier values back."
        )
        answer = QMessageBox.question(
            self,
            self.tr("Undo import"),
            question.replace("%1", str(batch_id)).replace("%2", str(record["file_name"])),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.undo_requested.emit(batch_id)
