"""The store's backups: when and why each was made, its size and whether it still checks out.

From here the user backs up now, opens the backups folder, or restores one. Restoring is the
main window's job (it holds the store's connections); the dialog asks first, saying what happens,
then emits :attr:`BackupsDialog.restore_requested`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import ensure_private_dir
from app.db import quick_check
from app.services.backups import Backup, backups_dir, list_backups, make_backup
from app.services.tables import Table
from app.tasks import Task, TaskRunner
from app.views.formatting import format_datetime
from app.views.service_errors import error_text
from app.views.table_models.table_model import ColumnSpec, TableModel
from app.views.widgets.record_table import record_table

ERROR_STYLE = "color: #c0392b"
TABLE_PAGE, EMPTY_PAGE = 0, 1
FIELDS = ("made_at", "reason", "size", "check", "path")
MADE_AT, REASON, SIZE, CHECK = range(4)
COLUMN_PADDING = 16

_REASONS = {
    "manual": QT_TRANSLATE_NOOP("BackupsDialog", "Made by hand"),
    "import": QT_TRANSLATE_NOOP("BackupsDialog", "After an import"),
    "migration": QT_TRANSLATE_NOOP("BackupsDialog", "Before an upgrade"),
    "exit": QT_TRANSLATE_NOOP("BackupsDialog", "On quitting"),
    "periodic": QT_TRANSLATE_NOOP("BackupsDialog", "While you worked"),
    "restore": QT_TRANSLATE_NOOP("BackupsDialog", "Before a restore"),
}


def reason_label(reason: str) -> str:
    """Why a backup was made, in the UI language."""
    return QCoreApplication.translate("BackupsDialog", _REASONS.get(reason, reason))


def size_label(size: int) -> str:
    """A file size for people: KB below a megabyte, else MB with one decimal."""
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(1, round(size / 2**10))} KB"


def check_all(paths: Sequence[Path]) -> dict[Path, list[str]]:
    """SQLite's quick_check on each backup (run on the worker)."""
    return {path: quick_check(path) for path in paths}


class BackupsDialog(QDialog):
    """Lists the store's backups and offers Back up now, Restore… and Open folder.

    Attributes:
        backups: the backups shown, newest first.
        checks: each backup's quick_check result (an empty list when it checks out).
        model: the table's model.

    Signals:
        loaded(): the table shows the backups on disk.
        checked(): every listed backup has been checked.
        backed_up(object): a backup made with Back up now (a :class:`Backup`).
        restore_requested(object): the user confirmed restoring this backup (a :class:`Backup`).
    """

    loaded = Signal()
    checked = Signal()
    backed_up = Signal(object)
    restore_requested = Signal(object)

    def __init__(self, store_path: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backups"))
        self.resize(760, 440)
        self._store_path, self._runner = store_path, runner
        self._busy = False
        self.backups: list[Backup] = []
        self.checks: dict[Path, list[str]] = {}
        self.intro = QLabel(
            self.tr(
                "ShopReel backs up this shop after every import, before an upgrade, every 30 "
                "minutes while you work and when you quit. Each backup is checked before it is "
                "kept; older ones are thinned to one a day, a week, then a month.\n"
                "Folder: %1"
            ).replace("%1", str(backups_dir(store_path)))
        )
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = TableModel(self._columns(), self)
        self.table = record_table(self.model, single=True)
        self.table.horizontalHeader().setSectionResizeMode(CHECK, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.tr("No backups yet. Choose Back up now to make one."))
        self.empty_label.setObjectName("EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty_label)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setToolTip(
            self.tr("Put the selected backup in place of the shop (the shop is backed up first)")
        )
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.accept)
        buttons = QDialogButtonBox()
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.refresh()

    def _columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec("made_at", self.tr("Made")),
            ColumnSpec("reason", self.tr("Why")),
            ColumnSpec("size", self.tr("Size")),
            ColumnSpec("check", self.tr("Check")),
        ]

    # Listing and checking ---------------------------------------------------------------------

    def refresh(self) -> Task:
        """List the backups on disk now, then check each one on the worker."""
        self.backups = list_backups(self._store_path)
        self.checks = {}
        self._show()
        self.loaded.emit()
        paths = [b.path for b in self.backups]
        task = self._runner.submit(lambda _task: check_all(paths))
        task.on_success(self._on_check_succeeded)
        task.on_failure(lambda error: self.show_status(error_text(error), error=True))
        return task

    def _show(self) -> None:
        rows = [
            (b.made_at, reason_label(b.reason), size_label(b.size), self._check_text(b), b.path)
            for b in self.backups
        ]
        selected = self.selected_backup()
        self.model.set_table(Table(FIELDS, rows))
        self.pages.setCurrentIndex(TABLE_PAGE if self.backups else EMPTY_PAGE)
        header = self.table.horizontalHeader()
        for column in (MADE_AT, REASON, SIZE):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, header.sectionSize(column) + COLUMN_PADDING)
        if selected is not None and selected in self.backups:
            self.table.selectRow(self.backups.index(selected))
        self._update_buttons()

    def _check_text(self, backup: Backup) -> str:
        if backup.path not in self.checks:
            return self.tr("Checking…")
        problems = self.checks[backup.path]
        if not problems:
            return self.tr("OK")
        return self.tr("Damaged: %1").replace("%1", problems[0])

    def selected_backup(self) -> Backup | None:
        """The backup of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows() if self.table.model() else []
        if not rows:
            return None
        path = self.model.row_values(rows[0].row())["path"]
        return next((b for b in self.backups if b.path == path), None)

    def _update_buttons(self) -> None:
        selected = self.selected_backup()
        sound = selected is not None and self.checks.get(selected.path) == []
        self.restore_button.setEnabled(not self._busy and sound)
        self.backup_button.setEnabled(not self._busy)

    def show_status(self, text: str, *, error: bool = False) -> None:
        """Say what happened under the list (in red for a failure)."""
        self.status_label.setText(text)
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setVisible(True)

    # Actions ----------------------------------------------------------------------------------

    def back_up_now(self) -> Task:
        """Make a backup on the worker, then list again."""
        self._busy = True
        self._update_buttons()
        self.show_status(self.tr("Backing up…"))
        path = self._store_path
        task = self._runner.submit(lambda _task: make_backup(path, "manual"))
        task.on_success(self._on_backup_succeeded)
        task.on_failure(self._on_backup_failed)
        return task

    def confirm_restore(self, backup: Backup) -> bool:
        """Ask whether to restore ``backup``, saying what will happen."""
        when = format_datetime(backup.made_at)
        question = self.tr(
            "Restore the backup made %1?\n\n"
            "The shop as it is now is backed up first (it appears in this list as “Before a "
            "restore”), then replaced by this backup. Imports and changes made after %1 will "
            "no longer show in the shop; they stay in that new backup."
        ).replace("%1", when)
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        """Ask, then request the restore of the selected backup; True when requested."""
        backup = self.selected_backup()
        if backup is None or self._busy or not self.confirm_restore(backup):
            return False
        self.show_status(self.tr("Restoring…"))
        self.restore_requested.emit(backup)
        return True

    def open_folder(self) -> bool:
        """Show the backups folder in the file manager."""
        folder = ensure_private_dir(backups_dir(self._store_path))
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # Slots ------------------------------------------------------------------------------------

    def _on_check_succeeded(self, checks: dict[Path, list[str]]) -> None:
        self.checks.update(checks)
        self._show()
        self.checked.emit()

    def _on_backup_succeeded(self, backup: Backup) -> None:
        self._busy = False
        self.show_status(self.tr("Backed up and checked: %1").replace("%1", backup.path.name))
        self.refresh()
        self.backed_up.emit(backup)

    def _on_backup_failed(self, error: BaseException) -> None:
        self._busy = False
        self.show_status(
            self.tr("No backup was made: %1").replace("%1", error_text(error)), error=True
        )
        self._update_buttons()

    def _on_backup_button_clicked(self) -> None:
        self.back_up_now()

    def _on_restore_button_clicked(self) -> None:
        self.restore_selected()

    def _on_folder_button_clicked(self) -> None:
        self.open_folder()

    def _on_table_selection_changed(self, *_args: object) -> None:
        self._update_buttons()
