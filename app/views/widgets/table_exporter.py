"""An "Export…" button and its note: a table's shown rows written to xlsx/CSV off the GUI thread.

Used by the Traffic video table and the Conversion tables; the writing itself is
:mod:`app.services.export` (formula-safe, atomic, phones masked).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QWidget

from app.views.preferences import masks_names

if TYPE_CHECKING:
    import pandas as pd

    from app.tasks import Task, TaskRunner
    from app.views.table_models.frame_model import FrameModel


class TableExporter(QWidget):
    """An "Export…" button and a note: writes a model's visible rows off the GUI thread.

    Attributes:
        button: starts the export (asks for a file).
        note: what is happening / what happened.

    Signals:
        exported(str, int): the table was written to this path, with this many rows.
        export_failed(str): an export failed (the message says why).
        status_reported(str): a message for the window's status bar.
    """

    exported = Signal(str, int)
    export_failed = Signal(str)
    status_reported = Signal(str)

    def __init__(
        self,
        model: FrameModel,
        file_stem: str | Callable[[], str],
        parent: QWidget | None = None,
        *,
        dir_key: str = "conversion/export_dir",
        settings: QSettings | None = None,
        snapshot: Callable[[], tuple[pd.DataFrame, dict[str, str]]] | None = None,
        button_text: str = "",
        tooltip: str = "",
        dialog_title: str = "",
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.file_stem = file_stem
        self.extra_columns: dict[str, str] = {}
        self.settings = settings if settings is not None else QSettings()
        self.dir_key = dir_key
        self._snapshot = snapshot
        self.dialog_title = dialog_title or self.tr("Export the table")
        self.button = QPushButton(button_text or self.tr("Export…"))
        self.button.setToolTip(tooltip or self.tr("Save the rows shown as an Excel or CSV file"))
        self.button.clicked.connect(self._on_button_clicked)
        self.note = QLabel()
        self.note.setObjectName("ExportNote")
        self.note.setVisible(False)
        self._runner: TaskRunner | None = None

    def snapshot(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The visible rows with their headers; money columns get their currency next to them
        (or what the owner's ``snapshot`` callable gives)."""
        if self._snapshot is not None:
            return self._snapshot()
        headers: dict[str, str] = {}
        for spec in self.model.columns():
            headers[spec.id] = spec.header
            if spec.kind == "money" and spec.currency:
                headers.setdefault(spec.currency, self.tr("Currency"))
        headers.update(self.extra_columns)
        present = [c for c in headers if c in self.model.frame().columns]
        frame = self.model.visible_frame(present).copy()
        return frame, {c: headers[c] for c in present}

    def start_export(self, path: Path) -> Task:
        """Write the visible table to ``path`` (.csv as CSV, else xlsx) off the GUI thread."""
        from app.services.export import export_frame, export_frame_csv
        from app.tasks import TaskRunner

        frame, headers = self.snapshot()
        write = export_frame_csv if path.suffix.lower() == ".csv" else export_frame
        self._runner = self._runner or TaskRunner(self)
        mask = masks_names(self.settings)
        task = self._runner.submit(lambda _task: write(frame, headers, path, mask_names=mask))
        task.on_success(lambda _none: self._on_done(path, len(frame)))
        task.on_failure(lambda exc: self._on_failed(path, exc))
        self.button.setEnabled(False)
        self._say(
            self.tr("Exporting %1 rows to %2…")
            .replace("%1", f"{len(frame):,}")
            .replace("%2", str(path))
        )
        return task

    def _say(self, message: str) -> None:
        self.note.setText(message)
        self.note.setVisible(True)
        self.status_reported.emit(message)

    def _on_done(self, path: Path, rows: int) -> None:
        self.button.setEnabled(True)
        self.settings.setValue(self.dir_key, str(path.parent))
        message = self.tr("Exported %1 rows to %2").replace("%1", f"{rows:,}")
        self._say(message.replace("%2", str(path)))
        self.exported.emit(str(path), rows)

    def _on_failed(self, path: Path, exc: BaseException) -> None:
        self.button.setEnabled(True)
        message = self.tr("Could not export to %1: %2").replace("%1", str(path))
        message = message.replace("%2", str(exc))
        self._say(message)
        self.export_failed.emit(message)
        QMessageBox.warning(self, self.tr("Export"), message)

    def _on_button_clicked(self) -> None:
        folder = str(
            self.settings.value(self.dir_key, "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        stem = self.file_stem() if callable(self.file_stem) else self.file_stem
        xlsx, csv = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.dialog_title,
            str(Path(folder) / f"{stem}.xlsx"),
            f"{xlsx};;{csv}",
        )
        if not path:
            return
        target = Path(path)
        wanted = ".csv" if chosen == csv or target.suffix.lower() == ".csv" else ".xlsx"
        if target.suffix.lower() != wanted:
            target = target.with_name(target.name + wanted)
        self.start_export(target)
