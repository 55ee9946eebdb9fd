"""Export customers to .xlsx or .csv off the GUI thread: formula-safe, phones masked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.views.preferences import masks_names

if TYPE_CHECKING:
    from app.tasks import Task, TaskRunner

EXPORT_DIR_KEY = "customers/export_dir"


class LedgerExporter(QObject):
    """Asks where to save, writes in the background and says how it went.

    Signals:
        note(str): what is happening (for a label and the status bar).
        exported(str, int): written to this path, with this many rows.
        failed(str): the export failed (the message says why).
        finished(): done either way.
    """

    note = Signal(str)
    exported = Signal(str, int)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self._parent = parent
        self._runner: TaskRunner | None = None

    def ask_path(self, parent: QWidget, name: str) -> Path | None:
        """The file the user picks (its suffix fits the chosen type), or None."""
        folder = str(
            self.settings.value(EXPORT_DIR_KEY, "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        xlsx, csv = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            parent,
            self.tr("Export customers"),
            str(Path(folder) / f"{name}.xlsx"),
            f"{xlsx};;{csv}",
        )
        if not path:
            return None
        target = Path(path)
        wanted = ".csv" if chosen == csv or target.suffix.lower() == ".csv" else ".xlsx"
        if target.suffix.lower() != wanted:
            target = target.with_name(target.name + wanted)
        return target

    def start(self, frame: pd.DataFrame, headers: dict[str, str], path: Path) -> Task:
        """Write ``frame`` with ``headers`` to ``path`` (.csv: CSV, else xlsx), off-thread."""
        from app.services.export import export_frame, export_frame_csv
        from app.tasks import TaskRunner

        write = export_frame_csv if path.suffix.lower() == ".csv" else export_frame
        self._runner = self._runner or TaskRunner(self)
        mask_names = masks_names(self.settings)
        task = self._runner.submit(lambda _task: write(frame, headers, path, mask_names=mask_names))
        task.on_success(lambda _none: self._on_done(path, len(frame)))
        task.on_failure(lambda exc: self._on_failed(path, exc))
        self.note.emit(
            self.tr("Exporting %1 customers to %2…")
            .replace("%1", f"{len(frame):,}")
            .replace("%2", str(path))
        )
        return task

    def _on_done(self, path: Path, rows: int) -> None:
        self.settings.setValue(EXPORT_DIR_KEY, str(path.parent))
        message = self.tr("Exported %1 customers to %2").replace("%1", f"{rows:,}")
        self.note.emit(message.replace("%2", str(path)))
        self.finished.emit()
        self.exported.emit(str(path), rows)

    def _on_failed(self, path: Path, exc: BaseException) -> None:
        message = self.tr("Could not export to %1: %2").replace("%1", str(path))
        message = message.replace("%2", str(exc))
        self.note.emit(message)
        self.finished.emit()
        self.failed.emit(message)
        QMessageBox.warning(self._parent, self.tr("Export"), message)
