"""Import platform exports: check the files first, then import them off the GUI thread.

The dialog only shows what the import service reports. The check imports the files into a
scratch copy of the store (``preview_files``), the import does it for real (``import_files``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.importers.errors import ImportFileError
from app.services.import_lock import ImportLockedError, LockHolder
from app.services.imports import (
    FileResult,
    expand_paths,
    import_files,
    preview_files,
)
from app.services.mappings import FileLayout, is_unrecognised, list_templates, read_layout
from app.services.tables import Table
from app.tasks import Task, TaskRunner
from app.views.dialogs.mapping_dialog import MappingDialog
from app.views.formatting import (
    format_date,
    format_period,
    format_value,
    remember_template_names,
)
from app.views.import_errors import describe_import_error
from app.views.import_lock_message import locked_message
from app.views.table_models.table_model import ColumnSpec, Index, TableModel
from app.views.widgets.record_table import record_table

CHECKING, READY, IMPORTING, DONE, CLOSED = "checking", "ready", "importing", "done", "closed"
FIELDS = ("file", "platform", "kind", "dates", "rows", "outcome", "state")
STATE_COLORS = {"rejected": QColor("#c0392b"), "unchanged": QColor("#7f8c8d")}
STATE_COLORS["cancelled"] = STATE_COLORS["unchanged"]
STATE_ICONS = {
    "rejected": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "done": QStyle.StandardPixmap.SP_DialogApplyButton,
}
ERROR_STYLE = "color: #c0392b"
BAR_STEPS = 100  # progress bar units per file


class ImportResultsModel(TableModel):
    """The shared table model; rejected files in red with an error icon, imported ones ticked."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Adds colour and icon by the row's state to what every table shows."""
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            return STATE_COLORS.get(self.row_values(index.row())["state"])
        if index.isValid() and role == Qt.ItemDataRole.DecorationRole:
            icon = STATE_ICONS.get(self.row_values(index.row())["state"])
            return QApplication.style().standardIcon(icon) if icon and index.column() == 0 else None
        return super().data(index, role)


class _Relay(QObject):
    """Carries the worker's per-file reports to the GUI thread (queued, so in order).

    Signals:
        files_listed(list): the files the chosen paths expand to.
        result_arrived(object): one file's :class:`FileResult`.
        templates_listed(object): the mapping templates' names by id (a dict with int keys,
            which a ``Signal(dict)`` cannot carry), to name ``mapped:`` kinds.
    """

    files_listed = Signal(list)
    result_arrived = Signal(object)
    templates_listed = Signal(object)


class ImportDialog(QDialog):
    """Checks the chosen files, shows what each would do, then imports the importable ones.

    Attributes:
        paths: the files and folders the user chose.
        files: the files they expand to (a folder's exports oldest first), one table row each.
        results: each file's latest result: the check's, then the import's (None while waiting).
        mapping_dialog: the column-mapping dialog last opened for a file no export matched.

    Signals:
        imports_finished(list): the import ran (perhaps cancelled part-way); every file's
            :class:`FileResult`. Files imported before a cancel stay in the store.
    """

    imports_finished = Signal(list)

    def __init__(
        self,
        store: Store,
        paths: Sequence[Path],
        runner: TaskRunner,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import platform exports"))
        self.resize(1000, 580)
        self.paths = list(paths)
        self.files: list[Path] = []
        self.results: list[FileResult | None] = []
        self._store, self._runner, self._today = store, runner, today
        self._phase = ""
        self._task: Task | None = None
        self._stage_rows: list[int] = []  # the rows the running task reports on, in its order
        self._received = 0
        self._current = -1  # the row the worker is on
        self._imported_rows: set[int] = set()  # rows whose result comes from the real import
        self.model = ImportResultsModel(self._columns(), self)
        self.table = self._make_table()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(110)
        self.details.setPlaceholderText(self.tr("Select a file to see its notes."))
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.map_button = QPushButton(self.tr("Map columns…"))
        self.map_button.setToolTip(
            self.tr(
                "Tell ShopReel which column of this table holds what, and save it as a template"
            )
        )
        self.map_button.clicked.connect(self.map_columns)
        self.map_button.setVisible(False)
        self.mapping_dialog: MappingDialog | None = None
        self._build_layout()

    def _columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec("file", self.tr("File")),
            ColumnSpec("platform", self.tr("Platform"), "platform"),
            ColumnSpec("kind", self.tr("Export"), "code"),
            ColumnSpec("dates", self.tr("Dates")),
            ColumnSpec("rows", self.tr("Rows")),
            ColumnSpec("outcome", self.tr("What it does")),
        ]

    def _make_table(self) -> QTableView:
        table = record_table(self.model, single=True)
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        return table

    def _build_layout(self) -> None:
        progress = QHBoxLayout()
        progress.addWidget(self.progress_label, 1)
        progress.addWidget(self.progress_bar, 1)
        buttons = QDialogButtonBox()
        buttons.addButton(self.map_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)

    # The two runs ---------------------------------------------------------------------------

    def start_check(self) -> Task:
        """Check every file (nothing is written to the store) and show what each would do."""
        store, paths, today = self._store, list(self.paths), self._today
        relay = _Relay()

        def job(task: Task) -> tuple[list[Path], list[FileResult]]:
            files = expand_paths(paths)
            relay.templates_listed.emit({t.id: t.name for t in list_templates(store)})
            relay.files_listed.emit(files)
            emit = relay.result_arrived.emit
            results = preview_files(store, files, progress=task, today=today, on_result=emit)
            return files, results

        task = self._submit(job, relay, CHECKING)
        task.on_success(self._on_check_task_succeeded)
        return task

    def start_import(self) -> Task | None:
        """Import the files the check found importable; each file is one transaction."""
        rows = self.importable_rows()
        if self._phase != READY or not rows:
            return None
        store, today, files = self._store, self._today, [self.files[r] for r in rows]
        relay = _Relay()

        def job(task: Task) -> list[FileResult]:
            emit = relay.result_arrived.emit
            return import_files(store, files, progress=task, today=today, on_result=emit)

        self._stage_rows, self._received = rows, 0
        task = self._submit(job, relay, IMPORTING)
        task.on_success(self._on_import_task_succeeded)
        return task

    def _submit(self, job: Any, relay: _Relay, phase: str) -> Task:
        task = self._runner.submit(job)
        relay.setParent(task)  # outlives the dialog if it closes while the worker still reports
        relay.files_listed.connect(self._on_relay_files_listed)
        relay.templates_listed.connect(self._on_relay_templates_listed)
        relay.result_arrived.connect(self._on_relay_result_arrived)
        task.progressed.connect(self._on_task_progressed)
        task.stepped.connect(self._on_task_stepped)
        task.on_failure(self._on_task_failed)
        self._task = task
        self._set_phase(phase)
        return task

    def importable_rows(self) -> list[int]:
        """Rows whose check says they would import something."""
        return [row for row, res in enumerate(self.results) if res and res.status == "imported"]

    def reject(self) -> None:
        """Cancel: stops a running check and closes; stops an import and shows what it did."""
        if self._phase == IMPORTING:
            if self._task is not None and not self._task.cancelled:
                self._task.cancel()
                self.cancel_button.setEnabled(False)
                self.progress_label.setText(self.tr("Cancelling: rolling back the current file…"))
            return  # the outcome follows when the worker stops
        if self._phase == CHECKING and self._task is not None:
            self._task.cancel()
        self._phase = CLOSED
        super().reject()

    # Reports from the worker ----------------------------------------------------------------

    def _on_relay_files_listed(self, files: list[Path]) -> None:
        if self._phase == CHECKING:
            self.files, self.results = list(files), [None] * len(files)
            self._stage_rows, self._received = list(range(len(files))), 0
            self._refresh()
            self._fit_columns()

    def _on_relay_templates_listed(self, names: dict[int, str]) -> None:
        remember_template_names(names)

    def _on_relay_result_arrived(self, result: FileResult) -> None:
        if self._phase in (CHECKING, IMPORTING) and self._received < len(self._stage_rows):
            self._set_result(self._stage_rows[self._received], result)
            self._received += 1
            self._refresh()

    def _on_task_progressed(self, done: int, total: int, status: str) -> None:
        if self._phase not in (CHECKING, IMPORTING):
            return
        # The bar counts hundredths of a file, so a big file's read moves it (see stepped).
        self.progress_bar.setRange(0, max(total, 1) * BAR_STEPS)
        self.progress_bar.setValue(done * BAR_STEPS)
        self.progress_bar.setFormat(f"{done} / {total}")
        if done >= total or not status or (self._task and self._task.cancelled):
            return
        if self._phase == CHECKING:
            text = self.tr("Checking %1 of %2: %3")
        else:
            text = self.tr("Importing %1 of %2: %3")
        self.progress_label.setText(
            text.replace("%1", str(done + 1)).replace("%2", str(total)).replace("%3", status)
        )
        self._current = self._stage_rows[done] if done < len(self._stage_rows) else -1
        self._refresh()

    def _on_task_stepped(self, fraction: float) -> None:
        bar = self.progress_bar
        if self._phase not in (CHECKING, IMPORTING) or bar.maximum() == 0:
            return
        step = int(min(max(fraction, 0.0), 0.99) * BAR_STEPS)
        bar.setValue(bar.value() - bar.value() % BAR_STEPS + step)

    def _on_check_task_succeeded(self, payload: tuple[list[Path], list[FileResult]]) -> None:
        if self._phase != CHECKING:
            return
        self.files, self.results = payload[0], list(payload[1])
        self._set_phase(READY)
        if self.files:
            self.table.selectRow(0)

    def _on_import_task_succeeded(self, results: list[FileResult]) -> None:
        if self._phase == IMPORTING:
            for row, result in zip(self._stage_rows, results, strict=False):
                self._set_result(row, result)
            self._finish_import()

    def _on_task_failed(self, error: BaseException) -> None:
        if self._phase not in (CHECKING, IMPORTING):
            return
        if self._phase == IMPORTING and isinstance(error, ImportLockedError):
            self._set_phase(READY)  # nothing was imported: the same files can go in later
            self.summary_label.setStyleSheet(ERROR_STYLE)
            self.summary_label.setText(self.locked_message(error.holder))
            return
        if self._phase == IMPORTING:
            self._finish_import()
        else:
            self._set_phase(DONE)
        self.summary_label.setStyleSheet(ERROR_STYLE)
        text = describe_import_error(error) if isinstance(error, ImportFileError) else str(error)
        self.summary_label.setText(self.tr("Something went wrong: %1").replace("%1", text))

    def locked_message(self, holder: LockHolder) -> str:
        """Who is importing into the team store, since when; nothing of ours was imported."""
        return locked_message(holder)

    def _set_result(self, row: int, result: FileResult) -> None:
        self.results[row] = result
        if self._phase == IMPORTING:
            self._imported_rows.add(row)

    def _finish_import(self) -> None:
        self._set_phase(DONE)
        self.imports_finished.emit([r for r in self.results if r is not None])

    # Showing the state ----------------------------------------------------------------------

    def _set_phase(self, phase: str) -> None:
        self._phase = phase
        running = phase in (CHECKING, IMPORTING)
        self._current = -1
        self.progress_bar.setVisible(running)
        self.progress_label.setVisible(running)
        if running:
            self.progress_bar.setRange(0, 0)  # busy until the first report
            self.progress_label.setText(self.tr("Starting…"))
        count = len(self.importable_rows()) if phase == READY else 0
        if count:
            text = self.tr("Import 1 file") if count == 1 else self.tr("Import %1 files")
            self.import_button.setText(text.replace("%1", str(count)))
        self.import_button.setVisible(phase in (CHECKING, READY))
        self.import_button.setEnabled(count > 0)
        self.import_button.setDefault(count > 0)
        self.cancel_button.setVisible(phase != DONE)
        self.cancel_button.setEnabled(True)
        self.close_button.setVisible(phase == DONE)
        self.close_button.setDefault(phase == DONE)
        self.heading.setText(self._heading())
        self.summary_label.setStyleSheet("")
        self.summary_label.setText(self.summary())
        self._refresh()
        if phase in (READY, DONE):
            self._fit_columns()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):  # the last one takes what is left
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), 280))

    def _heading(self) -> str:
        if self._phase == CHECKING:
            return self.tr("Checking the files. Nothing is written until you click Import.")
        if self._phase == READY and not self.files:
            return self.tr(
                "No files to import were found. ShopReel reads the Excel and CSV files "
                "downloaded from the platforms."
            )
        if self._phase == READY:
            return self.tr(
                "This is what each file will do. Files already imported and files that cannot "
                "be read are left out."
            )
        if self._phase == IMPORTING:
            return self.tr(
                "Importing. Cancel rolls back the file being imported; files already imported stay."
            )
        if any(r and r.status == "cancelled" for r in self.results):
            return self.tr("Import cancelled. Files imported before the cancel stay.")
        return self.tr("Import finished.")

    def summary(self) -> str:
        """One line: how many files import (or did), were already imported, were rejected."""
        counts: dict[str, int] = {}
        for result in self.results:
            if result is not None:
                counts[result.status] = counts.get(result.status, 0) + 1
        if self._phase not in (READY, DONE):
            return ""
        first = self.tr("%1 to import") if self._phase == READY else self.tr("%1 imported")
        labels = [
            ("imported", first),
            ("unchanged", self.tr("%1 already imported")),
            ("rejected", self.tr("%1 rejected")),
            ("cancelled", self.tr("%1 cancelled")),
        ]
        parts = [text.replace("%1", str(counts[s])) for s, text in labels if counts.get(s)]
        return self.tr(", ").join(parts) if parts else self.tr("Nothing to import.")

    def outcome(self, row: int) -> str:
        """What the file at ``row`` will do (after the check) or did (after the import)."""
        result = self.results[row] if 0 <= row < len(self.results) else None
        if result is None or (
            self._phase == IMPORTING and row in self._stage_rows[self._received :]
        ):
            if row == self._current:
                return self.tr("Importing…") if self._phase == IMPORTING else self.tr("Checking…")
            return self.tr("Waiting…")
        if result.status == "rejected":
            return describe_import_error(result.error) if result.error else self.tr("Rejected")
        if result.status == "unchanged":
            return self.tr("Already imported")
        done = row in self._imported_rows
        if result.status == "cancelled":
            return self.tr("Cancelled: nothing written") if done else self.tr("Not checked")
        text = self.tr("%1 new, %2 updated, %3 unchanged")
        if result.skipped:
            text += self.tr(", %4 skipped")
        text = text.replace("%1", f"{result.inserted:,}").replace("%2", f"{result.updated:,}")
        text = text.replace("%3", f"{result.unchanged:,}").replace("%4", f"{result.skipped:,}")
        return self.tr("Imported: %1").replace("%1", text) if done else text

    def _refresh(self) -> None:
        rows = []
        for row, (path, result) in enumerate(zip(self.files, self.results, strict=True)):
            state = result.status if result else "waiting"
            if state == "imported" and row in self._imported_rows:
                state = "done"
            if result is None:
                rows.append((path.name, None, None, "", None, self.outcome(row), state))
                continue
            dates = ""
            if result.date_range is not None:
                first, last = result.date_range
                dates = format_date(first) if first == last else format_period(first, last)
            count = result.rows if result.status == "imported" else None
            outcome = self.outcome(row)
            rows.append((path.name, result.platform, result.kind, dates, count, outcome, state))
        current = self.table.currentIndex().row()
        self.model.set_table(Table(FIELDS, rows))
        if 0 <= current < len(rows):
            self.table.selectRow(current)
        self._show_details(current)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(current.row())

    def _show_details(self, row: int) -> None:
        self.map_button.setVisible(self.can_map(row))
        if not 0 <= row < len(self.files):
            self.details.clear()
            return
        result, lines = self.results[row], [str(self.files[row])]
        if result is not None and result.error is not None:
            lines.append(self.tr("Rejected: %1").replace("%1", describe_import_error(result.error)))
            if self.can_map(row):
                lines.append(
                    self.tr(
                        "Click “Map columns…” to tell ShopReel which column holds what. "
                        "Files with the same columns are then recognised automatically."
                    )
                )
        else:
            lines.append(self.outcome(row))
        if result is not None and result.snapshot_at is not None:
            lines.append(self.tr("Data as of %1").replace("%1", format_value(result.snapshot_at)))
        if result is not None and result.notes:
            lines.append(self.tr("Notes:"))
            lines.extend(f"• {note}" for note in result.notes)
        self.details.setPlainText("\n".join(lines))

    # Files no export matched: map their columns -----------------------------------------------

    def can_map(self, row: int) -> bool:
        """True when the file at ``row`` was rejected only because nothing recognises it."""
        result = self.results[row] if 0 <= row < len(self.results) else None
        return (
            self._phase == READY
            and result is not None
            and result.status == "rejected"
            and is_unrecognised(result.error)
        )

    def map_columns(self) -> Task | None:
        """Read the selected file's first rows off the GUI thread, then open the mapping dialog."""
        row = self.table.currentIndex().row()
        if not self.can_map(row):
            return None
        path = self.files[row]
        self.map_button.setEnabled(False)
        task = self._runner.submit(lambda _task: read_layout(path))
        task.on_success(self._on_layout_task_succeeded)
        task.on_failure(self._on_layout_task_failed)
        return task

    def _on_layout_task_succeeded(self, layout: FileLayout) -> None:
        self.map_button.setEnabled(True)
        if self._phase != READY:
            return
        dialog = MappingDialog(self._store, layout, self._runner, self)
        dialog.template_saved.connect(self._on_mapping_dialog_template_saved)
        if self.mapping_dialog is not None:
            self.mapping_dialog.deleteLater()
        self.mapping_dialog = dialog
        dialog.open()

    def _on_layout_task_failed(self, error: BaseException) -> None:
        self.map_button.setEnabled(True)
        self.summary_label.setStyleSheet(ERROR_STYLE)
        text = describe_import_error(error) if isinstance(error, ImportFileError) else str(error)
        self.summary_label.setText(
            self.tr("The file cannot be read for mapping: %1").replace("%1", text)
        )

    def _on_mapping_dialog_template_saved(self, _template: object) -> None:
        if self._phase == READY:
            self.start_check()  # the file now imports through the template
