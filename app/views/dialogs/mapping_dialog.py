"""Map the columns of a table ShopReel does not recognise, with a live preview; save a template.

The user picks, for each field ShopReel stores, the column that holds it (obvious headers are
suggested, never applied silently: nothing is saved until the user clicks Save). The preview reads
the file's first rows exactly as the import will, and shows cells that cannot be read in red with
the reason as their tooltip. The saved template recognises files with the same columns from then
on (:mod:`app.services.mappings`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.config import CURRENCIES
from app.db import Store
from app.importers.mapping import ONE_OF, PLATFORMS, TARGETS, Template, fields_of, suggest
from app.services.mappings import (
    HEADER_SCAN_ROWS,
    FileLayout,
    Preview,
    preview_mapping,
    save_template,
)
from app.services.tables import Money
from app.tasks import TaskRunner
from app.views.formatting import (
    currency_choice,
    format_value,
    platform_names,
    remember_template_names,
)
from app.views.import_errors import describe_preview_cell

Index = QModelIndex | QPersistentModelIndex
ERROR_TEXT = QColor("#c0392b")
ERROR_BACKGROUND = QColor("#fdecea")
ERROR_STYLE = "color: #c0392b"

_TARGET_NAMES = {
    "orders": QT_TRANSLATE_NOOP("MappingDialog", "Orders"),
    "customers": QT_TRANSLATE_NOOP("MappingDialog", "Customer list"),
}
_FIELD_NAMES = {
    "order_no": QT_TRANSLATE_NOOP("MappingDialog", "Order number"),
    "line_key": QT_TRANSLATE_NOOP("MappingDialog", "Order line number"),
    "product_name": QT_TRANSLATE_NOOP("MappingDialog", "Product"),
    "quantity": QT_TRANSLATE_NOOP("MappingDialog", "Quantity"),
    "payable": QT_TRANSLATE_NOOP("MappingDialog", "Amount paid"),
    "created_at": QT_TRANSLATE_NOOP("MappingDialog", "Ordered at"),
    "paid_at": QT_TRANSLATE_NOOP("MappingDialog", "Paid at"),
    "status": QT_TRANSLATE_NOOP("MappingDialog", "Order status"),
    "after_sale_status": QT_TRANSLATE_NOOP("MappingDialog", "After-sales status"),
    "cancel_reason": QT_TRANSLATE_NOOP("MappingDialog", "Cancel reason"),
    "buyer_id": QT_TRANSLATE_NOOP("MappingDialog", "Buyer ID"),
    "recipient": QT_TRANSLATE_NOOP("MappingDialog", "Recipient"),
    "phone": QT_TRANSLATE_NOOP("MappingDialog", "Phone"),
    "province": QT_TRANSLATE_NOOP("MappingDialog", "Province"),
    "name": QT_TRANSLATE_NOOP("MappingDialog", "Name"),
    "nickname": QT_TRANSLATE_NOOP("MappingDialog", "Nickname"),
    "since": QT_TRANSLATE_NOOP("MappingDialog", "Customer since"),
    "wecom": QT_TRANSLATE_NOOP("MappingDialog", "WeCom friend"),
    "region": QT_TRANSLATE_NOOP("MappingDialog", "Region"),
    "tags": QT_TRANSLATE_NOOP("MappingDialog", "Tags"),
}


def field_label(name: str) -> str:
    """A canonical field's name in the UI language."""
    return QCoreApplication.translate("MappingDialog", _FIELD_NAMES.get(name, name))


class MappingPreviewModel(QAbstractTableModel):
    """The first rows of a file read through a mapping; unreadable cells red, reason as tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = Preview((), (), ())

    def set_preview(self, preview: Preview) -> None:
        """Show another preview (the mapping or the header row changed)."""
        self.beginResetModel()
        self.preview = preview
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Preview rows."""
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Mapped fields."""
        return 0 if parent.isValid() else len(self.preview.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The parsed value, or the file's text in red when it cannot be read."""
        if not index.isValid():
            return None
        cell = self.preview.rows[index.row()].cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.raw if cell.error else format_value(cell.value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return ERROR_TEXT if cell.error else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BACKGROUND if cell.error else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_preview_cell(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = isinstance(cell.value, int | float | Money) and not isinstance(
                cell.value, bool
            )
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Field name over the file's header; Excel row numbers down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.preview.fields):
                label = field_label(self.preview.fields[section])
                return f"{label}\n{self.preview.headers[section]}"
            return None
        if 0 <= section < len(self.preview.rows):
            return str(self.preview.rows[section].row)
        return None


class MappingDialog(QDialog):
    """Map a file's columns to ShopReel's fields and save the mapping as a template.

    Attributes:
        layout_info: the file's first rows (read off the GUI thread before the dialog opens).
        field_combos: one combo per field of the chosen target: the file's columns.
        preview: the latest preview.
        saved: the template once saved.

    Signals:
        template_saved(object): the saved :class:`~app.importers.mapping.Template`.
    """

    template_saved = Signal(object)

    def __init__(
        self,
        store: Store,
        layout_info: FileLayout,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Map columns"))
        self.resize(980, 700)
        self.layout_info = layout_info
        self._store, self._runner = store, runner
        self.field_combos: dict[str, QComboBox] = {}
        self.preview = Preview((), (), ())
        self.saved: Template | None = None
        self._name_edited = False
        self._saving = False
        self._building = False

        self.intro = QLabel(
            self.tr(
                "ShopReel does not recognise %1. Choose which column holds what; the preview "
                "shows how the first rows will be imported. The mapping is saved as a template, "
                "and files with the same columns are then recognised automatically."
            ).replace("%1", f"“{layout_info.path.name}”")
        )
        self.intro.setWordWrap(True)
        self.header_row_combo = QComboBox()
        for index in range(min(len(layout_info.rows), HEADER_SCAN_ROWS)):
            cells = [c for c in layout_info.headers(index) if c]
            shown = ", ".join(cells[:6]) + (" …" if len(cells) > 6 else "")
            text = self.tr("Row %1: %2").replace("%1", str(index + 1)).replace("%2", shown)
            self.header_row_combo.addItem(text, index)
        self.header_row_combo.setCurrentIndex(layout_info.header_index)
        self.target_combo = QComboBox()
        for target in TARGETS:
            self.target_combo.addItem(
                QCoreApplication.translate("MappingDialog", _TARGET_NAMES[target]), target
            )
        self.platform_combo = QComboBox()
        self.currency_combo = QComboBox()
        for code in CURRENCIES:
            self.currency_combo.addItem(currency_choice(code), code)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Kuaishou Shop orders"))
        self.fields_box = QGroupBox(self.tr("Columns (* required)"))
        self.fields_grid = QGridLayout(self.fields_box)
        self.line_note = QLabel(
            self.tr(
                "No order line column: each row is read as one whole order, "
                "keyed by its order number."
            )
        )
        self.line_note.setWordWrap(True)
        self.preview_model = MappingPreviewModel(self)
        self.preview_table = self._make_table()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save template"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self._build_layout()

        self.header_row_combo.currentIndexChanged.connect(self._on_header_row_combo_changed)
        self.target_combo.currentIndexChanged.connect(self._on_target_combo_changed)
        self.platform_combo.currentIndexChanged.connect(self._on_platform_combo_changed)
        self.currency_combo.currentIndexChanged.connect(self._on_currency_combo_changed)
        self.name_edit.textEdited.connect(self._on_name_edit_edited)
        self.name_edit.textChanged.connect(self._on_name_edit_changed)
        self._rebuild_fields()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.preview_model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        return table

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Header row"), self.header_row_combo)
        kind = QHBoxLayout()
        kind.addWidget(self.target_combo)
        kind.addWidget(QLabel(self.tr("Platform")))
        kind.addWidget(self.platform_combo)
        self.currency_label = QLabel(self.tr("Currency"))
        kind.addWidget(self.currency_label)
        kind.addWidget(self.currency_combo)
        kind.addStretch(1)
        form.addRow(self.tr("The table holds"), kind)
        form.addRow(self.tr("Template name"), self.name_edit)
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.fields_box)
        layout.addWidget(self.line_note)
        layout.addWidget(QLabel(self.tr("Preview of the first rows")))
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

    # State ------------------------------------------------------------------------------------

    @property
    def target(self) -> str:
        """``orders`` or ``customers``."""
        return str(self.target_combo.currentData())

    @property
    def header_index(self) -> int:
        """The chosen header row (0-based)."""
        return int(self.header_row_combo.currentData())

    def headers(self) -> list[str]:
        """The chosen header row as printed."""
        return self.layout_info.headers(self.header_index)

    def mapping(self) -> dict[str, str]:
        """Field → header of the chosen column (unmapped fields left out)."""
        return {
            name: combo.currentData()
            for name, combo in self.field_combos.items()
            if combo.currentData()
        }

    def choose(self, field_name: str, header: str | None) -> None:
        """Map ``field_name`` to the column with ``header`` (None: not in this file)."""
        combo = self.field_combos[field_name]
        combo.setCurrentIndex(max(combo.findData(header), 0) if header else 0)

    # Building the field combos ----------------------------------------------------------------

    def _rebuild_fields(self) -> None:
        """Field combos for the chosen target and header row, with obvious columns suggested."""
        self._building = True
        while self.fields_grid.count():
            item = self.fields_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.field_combos.clear()
        headers = self.headers()
        columns = [h for h in headers if h]
        suggested = suggest(self.target, headers)
        fields = fields_of(self.target)
        per_column = (len(fields) + 1) // 2
        for number, spec in enumerate(fields):
            label = QLabel(field_label(spec.name) + (" *" if spec.required else ""))
            if spec.required or spec.name in ONE_OF.get(self.target, ()):
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            combo = QComboBox()
            combo.addItem(self.tr("(not in this file)"), None)
            for header in columns:
                combo.addItem(header, header)
            if spec.name in suggested:
                combo.setCurrentIndex(max(combo.findData(headers[suggested[spec.name]]), 0))
            combo.currentIndexChanged.connect(self._on_field_combo_changed)
            label.setBuddy(combo)
            row, pair = number % per_column, number // per_column
            self.fields_grid.addWidget(label, row, pair * 2)
            self.fields_grid.addWidget(combo, row, pair * 2 + 1)
            self.field_combos[spec.name] = combo
        self.fields_grid.setColumnStretch(1, 1)
        self.fields_grid.setColumnStretch(3, 1)
        self._fill_platforms()
        is_orders = self.target == "orders"
        self.currency_combo.setVisible(is_orders)
        self.currency_label.setVisible(is_orders)
        self._building = False
        self.refresh_preview()

    def _fill_platforms(self) -> None:
        current = self.platform_combo.currentData()
        names = platform_names()
        self.platform_combo.blockSignals(True)
        self.platform_combo.clear()
        for code in PLATFORMS[self.target]:
            self.platform_combo.addItem(names.get(code, code), code)
        self.platform_combo.setCurrentIndex(max(self.platform_combo.findData(current), 0))
        self.platform_combo.blockSignals(False)
        self._suggest_name()

    def _suggest_name(self) -> None:
        if self._name_edited:
            return
        if self.target == "orders":
            text = self.tr("%1 orders")
        else:
            text = self.tr("%1 customer list")
        self.name_edit.setText(text.replace("%1", self.platform_combo.currentText()))

    # The live preview -------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Read the first rows through the current mapping and say whether it can be saved."""
        if self._building:
            return
        self.preview = preview_mapping(
            self.layout_info,
            self.target,
            self.mapping(),
            header_index=self.header_index,
            currency=str(self.currency_combo.currentData()),
        )
        self.preview_model.set_preview(self.preview)
        self.preview_table.resizeColumnsToContents()
        header = self.preview_table.horizontalHeader()
        for column in range(self.preview_model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 220))
        self.line_note.setVisible(self.target == "orders" and "line_key" not in self.mapping())
        self._show_status()

    def _show_status(self) -> None:
        preview, missing = self.preview, self._missing_labels()
        required_errors = preview.error_count(required_only=True)
        other_errors = preview.error_count() - required_errors
        ok = False
        if missing:
            names = QCoreApplication.translate("Labels", ", ").join(missing)
            text = self.tr("Choose the column of: %1.").replace("%1", names)
        elif preview.problems:
            text = " ".join(preview.problems)
        elif required_errors:
            text = self.tr(
                "Cells in required columns that cannot be read: %1 (in red; point at one to see "
                "why). Check that the right column is chosen."
            ).replace("%1", str(required_errors))
        elif not preview.rows:
            text = self.tr("There are no rows under the header row. Check the header row.")
        else:
            ok = True
            text = self.tr("Ready to save.")
            if other_errors:
                text += " " + self.tr(
                    "Cells in other columns that cannot be read: %1 (in red). The import will "
                    "refuse the file until they are fixed or their column is set to "
                    "(not in this file)."
                ).replace("%1", str(other_errors))
        self.status_label.setText(text)
        self.status_label.setStyleSheet("" if ok and not other_errors else ERROR_STYLE)
        self.save_button.setEnabled(ok and bool(self.name_edit.text().strip()) and not self._saving)

    def _missing_labels(self) -> list[str]:
        mapped = self.mapping()
        labels = [
            field_label(spec.name)
            for spec in fields_of(self.target)
            if spec.required and spec.name not in mapped
        ]
        group = ONE_OF.get(self.target, ())
        if group and not set(group) & set(mapped):
            labels.append(self.tr(" or ").join(field_label(name) for name in group))
        return labels

    # Saving -----------------------------------------------------------------------------------

    def save(self) -> None:
        """Save the template off the GUI thread; closes the dialog once it is stored."""
        if not self.save_button.isEnabled():
            return
        store, name, target = self._store, self.name_edit.text().strip(), self.target
        platform = str(self.platform_combo.currentData())
        headers, mapping = self.headers(), self.mapping()
        currency = str(self.currency_combo.currentData())
        self._saving = True
        self.save_button.setEnabled(False)
        task = self._runner.submit(
            lambda _task: save_template(store, name, target, platform, headers, mapping, currency)
        )
        task.on_success(self._on_save_task_succeeded)
        task.on_failure(self._on_save_task_failed)

    def _on_save_task_succeeded(self, template: Template) -> None:
        self._saving = False
        self.saved = template
        remember_template_names({template.id: template.name})
        self.template_saved.emit(template)
        self.accept()

    def _on_save_task_failed(self, error: BaseException) -> None:
        self._saving = False
        self._show_status()
        self.status_label.setStyleSheet(ERROR_STYLE)
        self.status_label.setText(
            self.tr("The template was not saved: %1").replace("%1", str(error))
        )

    # Slots ------------------------------------------------------------------------------------

    def _on_header_row_combo_changed(self, _index: int) -> None:
        self._rebuild_fields()

    def _on_target_combo_changed(self, _index: int) -> None:
        self.platform_combo.blockSignals(True)
        self.platform_combo.clear()  # the new target's usual platform, not the old choice
        self.platform_combo.blockSignals(False)
        self._rebuild_fields()

    def _on_platform_combo_changed(self, _index: int) -> None:
        self._suggest_name()

    def _on_currency_combo_changed(self, _index: int) -> None:
        self.refresh_preview()

    def _on_field_combo_changed(self, _index: int) -> None:
        self.refresh_preview()

    def _on_name_edit_edited(self, _text: str) -> None:
        self._name_edited = True

    def _on_name_edit_changed(self, _text: str) -> None:
        if not self._building:
            self._show_status()
