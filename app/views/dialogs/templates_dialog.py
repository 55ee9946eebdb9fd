"""The saved column mappings: what each recognises, and a way to delete one.

A mapping template is made in the mapping dialog (:mod:`app.views.dialogs.mapping_dialog`) for a
file no export kind matched; from then on files with the same mapped columns import through it.
This dialog lists the store's templates and deletes the one the user chooses. Deleting leaves
the rows already imported through it in place; only the layout is unknown again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.importers.mapping import FIELDS, Template
from app.services.mappings import delete_template, list_templates
from app.services.tables import Table
from app.tasks import Task, TaskRunner
from app.views.dialogs.mapping_dialog import field_label
from app.views.formatting import remember_template_names
from app.views.table_models.table_model import ColumnSpec, Index, TableModel
from app.views.widgets.record_table import record_table

ERROR_STYLE = "color: #c0392b"
TABLE_PAGE, EMPTY_PAGE = 0, 1
FIELDS_SHOWN = ("name", "target", "platform", "columns", "created")
TABLE_FIELDS = (*FIELDS_SHOWN, "id", "columns_tip")
NAME, TARGET, PLATFORM, COLUMNS, CREATED = range(len(FIELDS_SHOWN))
MAX_COLUMN_WIDTH = 260

_TARGET_NAMES = {
    "orders": QT_TRANSLATE_NOOP("TemplatesDialog", "Orders"),
    "customers": QT_TRANSLATE_NOOP("TemplatesDialog", "Customer list"),
}


def target_label(target: str) -> str:
    """What a template imports its rows as, in the UI language."""
    return QCoreApplication.translate("TemplatesDialog", _TARGET_NAMES.get(target, target))


def recognised_columns(template: Template) -> list[tuple[str, str]]:
    """(file column, field) pairs of a template, in the order the mapping dialog lists fields.

    These mapped headers are the template's signature: a file is recognised when it has them all.
    """
    order = {spec.name: n for n, spec in enumerate(FIELDS.get(template.target, ()))}
    fields = sorted(template.fields, key=lambda name: order.get(name, len(order)))
    return [(template.fields[name], name) for name in fields]


def templates_table(templates: Sequence[Template]) -> Table:
    """One row per template: the shown values, then its id and the columns' tooltip."""
    rows = []
    separator = QCoreApplication.translate("TemplatesDialog", ", ")  # Chinese lists take "、"
    for template in templates:
        pairs = recognised_columns(template)
        columns = separator.join(header for header, _field in pairs)
        tip = "\n".join(f"{header} → {field_label(name)}" for header, name in pairs)
        # Template has no creation time yet; shown as soon as the service provides one.
        created = getattr(template, "created", None)
        rows.append(
            (
                template.name,
                target_label(template.target),
                template.platform,
                columns,
                created,
                template.id,
                tip,
            )
        )
    return Table(TABLE_FIELDS, rows)


class TemplatesTableModel(TableModel):
    """The shared table model; the columns cell's tooltip lists which column holds which field."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Adds the full column list as the tooltip of the (elided) columns cell."""
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and index.column() == COLUMNS:
            return self.row_values(index.row())["columns_tip"] or None
        return super().data(index, role)


class TemplatesDialog(QDialog):
    """Lists the saved column mappings; deletes the selected one after asking.

    The store is read and written on the task runner's worker (the one that writes the store),
    so a delete never waits on an import holding the database.

    Attributes:
        templates: the templates shown, oldest first.
        model: the table's model.

    Signals:
        loaded(): the table shows the store's templates (after opening and after a delete).
        template_deleted(int): the template with this id was deleted.
    """

    loaded = Signal()
    template_deleted = Signal(int)

    def __init__(self, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Saved column mappings"))
        self.resize(900, 420)
        self._store, self._runner = store, runner
        self._busy = False
        self._deleting: int | None = None  # the template the running task deletes
        self.templates: list[Template] = []
        self.intro = QLabel(
            self.tr(
                "Files whose columns match a saved mapping are recognised and imported with it. "
                "Point at a mapping's columns to see which field each one fills."
            )
        )
        self.intro.setWordWrap(True)
        self.model = TemplatesTableModel(self._columns(), self)
        self.table = self._make_table()
        self.empty_label = QLabel(
            self.tr(
                "No saved mappings yet. When a file is not recognised, "
                "choose Map columns… in the import window."
            )
        )
        self.empty_label.setObjectName("EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty_label)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(ERROR_STYLE)
        self.status_label.setVisible(False)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setToolTip(
            self.tr("Forget the selected mapping; the rows imported with it stay")
        )
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        buttons = QDialogButtonBox()
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.model.modelReset.connect(self._update_delete_button)
        self._update_delete_button()
        self.refresh()

    def _columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec("name", self.tr("Name")),
            ColumnSpec("target", self.tr("Imports as")),
            ColumnSpec("platform", self.tr("Platform"), "platform"),
            ColumnSpec("columns", self.tr("File columns it recognises")),
            ColumnSpec("created", self.tr("Created")),
        ]

    def _make_table(self) -> QTableView:
        table = record_table(self.model, single=True)
        table.setWordWrap(False)  # one line per mapping; long column lists end in "…"
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(COLUMNS, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return table

    # Reading and deleting ---------------------------------------------------------------------

    def refresh(self) -> Task:
        """Read the templates again (on the worker) and show them."""
        store = self._store
        return self._submit(lambda _task: list_templates(store))

    def selected_template(self) -> Template | None:
        """The template of the selected row, if a row is selected."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        template_id = self.model.row_values(rows[0].row())["id"]
        return next((t for t in self.templates if t.id == template_id), None)

    def delete_selected(self) -> Task | None:
        """Ask, then delete the selected template and show the templates left."""
        template = self.selected_template()
        if template is None or self._busy:
            return None
        question = self.tr(
            "Delete the saved mapping “%1”?\n\n"
            "Rows already imported with it stay in the store. Files with this layout will no "
            "longer be recognised until you map their columns again."
        ).replace("%1", template.name)
        answer = QMessageBox.question(
            self,
            self.tr("Delete mapping"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        store, template_id = self._store, template.id

        def job(_task: Task) -> list[Template]:
            delete_template(store, template_id)  # already gone (another window): same outcome
            return list_templates(store)

        self._deleting = template_id
        return self._submit(job)

    def _submit(self, job: Any) -> Task:
        self._busy = True
        self._update_delete_button()
        task = self._runner.submit(job)
        task.on_success(self._on_task_succeeded)
        task.on_failure(self._on_task_failed)
        return task

    def show_templates(self, templates: Sequence[Template]) -> None:
        """Show these templates (or the empty state when there are none)."""
        self.templates = list(templates)
        remember_template_names({t.id: t.name for t in self.templates})
        self.model.set_table(templates_table(self.templates))
        self.table.setColumnHidden(CREATED, not any(getattr(t, "created", None) for t in templates))
        self._fit_columns()
        self.pages.setCurrentIndex(TABLE_PAGE if self.templates else EMPTY_PAGE)
        self.intro.setVisible(bool(self.templates))  # the empty state says it all

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != COLUMNS:  # the column list takes the width that is left
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))

    def _update_delete_button(self) -> None:
        self.delete_button.setEnabled(not self._busy and self.selected_template() is not None)

    # Slots ------------------------------------------------------------------------------------

    def _on_task_succeeded(self, templates: list[Template]) -> None:
        self._busy = False
        deleted, self._deleting = self._deleting, None
        self.status_label.setVisible(False)
        self.show_templates(templates)
        self._update_delete_button()
        if deleted is not None:
            self.template_deleted.emit(deleted)
        self.loaded.emit()

    def _on_task_failed(self, error: BaseException) -> None:
        self._busy = False
        self._deleting = None
        self.status_label.setText(
            self.tr("The saved mappings cannot be read or changed: %1").replace("%1", str(error))
        )
        self.status_label.setVisible(True)
        self._update_delete_button()

    def _on_table_selection_changed(self, *_args: object) -> None:
        self._update_delete_button()

    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()
