"""定位 Positioning: content pillars, target audiences and structure templates, to edit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Store, StoreError
from app.services import plan
from app.services.plan import PersonaRow, PillarRow, PlanError, TemplateRow
from app.views.content.plan_errors import plan_error_text

Index = QModelIndex | QPersistentModelIndex


class NamedRowsModel(QAbstractListModel):
    """Rows with an id and a name (pillars, personas, templates) for a list view."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.describe: Callable[[Any], str] = lambda row: str(row.name)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, row_id: int | None) -> int:
        """The list position of the row with ``row_id`` (-1 when absent)."""
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows shown."""
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The name (and a colour swatch for pillars)."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.describe(row)
        if role == Qt.ItemDataRole.DecorationRole and isinstance(row, PillarRow):
            return QColor(row.color)
        return None


class EntityEditor(QWidget):
    """A list of rows on the left, the chosen row's form on the right; New, Save, Delete.

    Subclasses build the form and convert between it and a row.

    Signals:
        changed(): a row was saved or deleted.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.current: Any = self.blank()
        self.errors: dict[str, QLabel] = {}
        self.model = NamedRowsModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSpacing(2)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_current)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_current)
        self.general_error = self._error_label("id")
        self.form = QFormLayout()
        self.build_form()
        self._build()
        self.fill(self.current)

    # What a section defines -----------------------------------------------------------------

    def blank(self) -> Any:
        """A new, empty row."""
        raise NotImplementedError

    def build_form(self) -> None:
        """Add the fields to ``self.form``."""
        raise NotImplementedError

    def fill(self, row: Any) -> None:
        """Show ``row`` in the form."""
        raise NotImplementedError

    def edited(self) -> Any:
        """The row as the form shows it."""
        raise NotImplementedError

    def write(self, store: Store, row: Any) -> int:
        """Save ``row``; its id."""
        raise NotImplementedError

    def remove(self, store: Store, row_id: int) -> None:
        """Delete the row ``row_id``."""
        raise NotImplementedError

    def delete_question(self, row: Any) -> str:
        """What to ask before deleting ``row``."""
        raise NotImplementedError

    # Shared ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show the stored rows; keep the chosen one chosen (or a new one being typed)."""
        keep = self.current.id
        self.model.set_rows(rows)
        position = self.model.row_of(keep) if keep is not None else -1
        if position < 0 and keep is None and self.edited_name():
            return
        if position < 0 and rows:
            position = 0
        if position < 0:
            self.start_new()
            return
        self.list.setCurrentIndex(self.model.index(position))

    def edited_name(self) -> str:
        """The name typed in the form."""
        return str(self.edited().name).strip()

    def start_new(self) -> None:
        """Clear the form for a new row."""
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())
        self.current = self.blank()
        self.clear_errors()
        self.fill(self.current)
        self.delete_button.setEnabled(False)

    def save_current(self) -> bool:
        """Save the form; False (with the message under the field) when it was refused."""
        self.clear_errors()
        if self.store is None:
            return False
        try:
            row_id = self.write(self.store, self.edited())
        except PlanError as exc:
            self.show_error(exc.field, plan_error_text(exc.message))
            return False
        except StoreError as exc:
            self.show_error("id", str(exc))
            return False
        self.current = replace(self.edited(), id=row_id)
        self.changed.emit()
        return True

    def delete_current(self) -> bool:
        """Delete the chosen row after asking; True when it was deleted."""
        if self.store is None or self.current.id is None:
            return False
        answer = QMessageBox.question(self, self.tr("Delete"), self.delete_question(self.current))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.remove(self.store, self.current.id)
        except (PlanError, StoreError) as exc:
            message = plan_error_text(exc.message) if isinstance(exc, PlanError) else str(exc)
            self.show_error("id", message)
            return False
        self.current = self.blank()
        self.fill(self.current)
        self.changed.emit()
        return True

    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` under ``field``."""
        label = self.errors.get(field, self.general_error)
        label.setText(message)
        label.setVisible(True)

    def clear_errors(self) -> None:
        """Hide every message."""
        for label in self.errors.values():
            label.clear()
            label.setVisible(False)

    def add_row(self, caption: str, widget: QWidget, field: str = "") -> None:
        """Add a field to the form, with a message line under it when ``field`` is named."""
        if not field:
            self.form.addRow(caption, widget)
            return
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(self._error_label(field))
        self.form.addRow(caption, box)

    def _error_label(self, field: str) -> QLabel:
        label = QLabel()
        label.setStyleSheet("color: #d62728;")
        label.setWordWrap(True)
        label.setVisible(False)
        self.errors[field] = label
        return label

    def _build(self) -> None:
        self.list_buttons = QHBoxLayout()
        self.list_buttons.addWidget(self.new_button)
        self.list_buttons.addWidget(self.delete_button)
        self.list_buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(self.list_buttons)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.general_error)
        right.addLayout(self.form)
        right.addStretch(1)
        right.addLayout(save_row)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addSpacing(12)
        layout.addLayout(right, 5)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self.current = self.model.rows[current.row()]
        self.clear_errors()
        self.fill(self.current)
        self.delete_button.setEnabled(True)


class PillarEditor(EntityEditor):
    """Content pillars: name, colour, what they cover and how the shop's take differs."""

    def blank(self) -> PillarRow:
        """A new pillar."""
        return PillarRow()

    def build_form(self) -> None:
        """Name, colour, description, differentiation."""
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 穿搭教程, 开箱测评"))
        self.color_edit = QLineEdit()
        self.color_edit.setMaximumWidth(110)
        self.color_button = QPushButton(self.tr("Choose…"))
        self.color_button.clicked.connect(self._on_color_button_clicked)
        self.color_swatch = QLabel()
        self.color_swatch.setFixedSize(22, 22)
        self.color_edit.textChanged.connect(self._show_swatch)
        color_row = QWidget()
        row_layout = QHBoxLayout(color_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.color_swatch)
        row_layout.addWidget(self.color_edit)
        row_layout.addWidget(self.color_button)
        row_layout.addStretch(1)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setMaximumHeight(90)
        self.description_edit.setPlaceholderText(self.tr("What videos in this pillar cover"))
        self.differentiation_edit = QPlainTextEdit()
        self.differentiation_edit.setMaximumHeight(90)
        self.differentiation_edit.setPlaceholderText(
            self.tr("How your take differs, e.g. “30 秒学会…” instead of long tutorials")
        )
        self.add_row(self.tr("Name"), self.name_edit, "name")
        self.add_row(self.tr("Colour"), color_row, "color")
        self.add_row(self.tr("What it covers"), self.description_edit, "description")
        self.add_row(self.tr("Differentiation"), self.differentiation_edit, "differentiation")

    def fill(self, row: PillarRow) -> None:
        """Show a pillar."""
        self.name_edit.setText(row.name)
        self.color_edit.setText(row.color)
        self.description_edit.setPlainText(row.description)
        self.differentiation_edit.setPlainText(row.differentiation)

    def edited(self) -> PillarRow:
        """The pillar as typed."""
        return replace(
            self.current,
            name=self.name_edit.text(),
            color=self.color_edit.text().strip(),
            description=self.description_edit.toPlainText(),
            differentiation=self.differentiation_edit.toPlainText(),
        )

    def write(self, store: Store, row: PillarRow) -> int:
        """Save a pillar."""
        return plan.save_pillar(store, row)

    def remove(self, store: Store, row_id: int) -> None:
        """Delete a pillar."""
        plan.delete_pillar(store, row_id)

    def delete_question(self, row: PillarRow) -> str:
        """Deleting a pillar keeps its items."""
        return self.tr(
            "Delete the pillar “%1”? Its plan items and videos stay, without a pillar."
        ).replace("%1", row.name)

    def _show_swatch(self, text: str) -> None:
        color = text.strip() if QColor.isValidColorName(text.strip()) else "transparent"
        self.color_swatch.setStyleSheet(
            f"background: {color}; border: 1px solid palette(mid); border-radius: 3px;"
        )

    def _on_color_button_clicked(self) -> None:
        start = QColor(self.color_edit.text().strip())
        chosen = QColorDialog.getColor(start if start.isValid() else QColor("#4e79a7"), self)
        if chosen.isValid():
            self.color_edit.setText(chosen.name())


class PersonaEditor(EntityEditor):
    """Target audiences: who they are, what they care about, what bothers them."""

    def blank(self) -> PersonaRow:
        """A new persona."""
        return PersonaRow()

    def build_form(self) -> None:
        """Name, age band, gender mix, region, interests, pain points, notes."""
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 精致宝妈"))
        self.age_edit = QLineEdit()
        self.age_edit.setPlaceholderText(self.tr("e.g. 25-34岁"))
        self.gender_edit = QLineEdit()
        self.gender_edit.setPlaceholderText(self.tr("e.g. 女 80% / 男 20%"))
        self.region_edit = QLineEdit()
        self.interests_edit = QPlainTextEdit()
        self.interests_edit.setMaximumHeight(70)
        self.pain_edit = QPlainTextEdit()
        self.pain_edit.setMaximumHeight(70)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(70)
        self.add_row(self.tr("Name"), self.name_edit, "name")
        self.add_row(self.tr("Age band"), self.age_edit, "age_band")
        self.add_row(self.tr("Gender mix"), self.gender_edit, "gender_mix")
        self.add_row(self.tr("Region"), self.region_edit, "region")
        self.add_row(self.tr("Interests"), self.interests_edit, "interests")
        self.add_row(self.tr("Pain points"), self.pain_edit, "pain_points")
        self.add_row(self.tr("Notes"), self.notes_edit, "notes")

    def fill(self, row: PersonaRow) -> None:
        """Show a persona."""
        self.name_edit.setText(row.name)
        self.age_edit.setText(row.age_band)
        self.gender_edit.setText(row.gender_mix)
        self.region_edit.setText(row.region)
        self.interests_edit.setPlainText(row.interests)
        self.pain_edit.setPlainText(row.pain_points)
        self.notes_edit.setPlainText(row.notes)

    def edited(self) -> PersonaRow:
        """The persona as typed."""
        return replace(
            self.current,
            name=self.name_edit.text(),
            age_band=self.age_edit.text(),
            gender_mix=self.gender_edit.text(),
            region=self.region_edit.text(),
            interests=self.interests_edit.toPlainText(),
            pain_points=self.pain_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
        )

    def write(self, store: Store, row: PersonaRow) -> int:
        """Save a persona."""
        return plan.save_persona(store, row)

    def remove(self, store: Store, row_id: int) -> None:
        """Delete a persona."""
        plan.delete_persona(store, row_id)

    def delete_question(self, row: PersonaRow) -> str:
        """Deleting a persona keeps its items."""
        return self.tr(
            "Delete the audience “%1”? Its plan items stay, without an audience."
        ).replace("%1", row.name)


class TemplateEditor(EntityEditor):
    """Structure templates: ordered steps (drag or move them), a suggested length, notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.steps_model = QStringListModel()
        super().__init__(parent)
        self.model.describe = self._describe
        self.builtin_button = QPushButton(self.tr("Add built-in structures"))
        self.builtin_button.setToolTip(
            self.tr("Add ShopReel's proven structures that are not in your list yet")
        )
        self.builtin_button.clicked.connect(self._on_builtin_button_clicked)
        self.list_buttons.addWidget(self.builtin_button)

    def blank(self) -> TemplateRow:
        """A new template."""
        return TemplateRow()

    def build_form(self) -> None:
        """Name, ordered steps, suggested length, notes."""
        self.name_edit = QLineEdit()
        self.steps_view = QListView()
        self.steps_view.setModel(self.steps_model)
        self.steps_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.steps_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.steps_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.steps_view.setMinimumHeight(150)
        self.step_add = QPushButton(self.tr("Add step"))
        self.step_add.clicked.connect(self._on_step_add_clicked)
        self.step_remove = QPushButton(self.tr("Remove"))
        self.step_remove.clicked.connect(self._on_step_remove_clicked)
        self.step_up = QPushButton(self.tr("Up"))
        self.step_up.clicked.connect(lambda: self._move_step(-1))
        self.step_down = QPushButton(self.tr("Down"))
        self.step_down.clicked.connect(lambda: self._move_step(1))
        steps_box = QWidget()
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        steps_layout.addWidget(self.steps_view)
        step_buttons = QHBoxLayout()
        for button in (self.step_add, self.step_remove, self.step_up, self.step_down):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        steps_layout.addLayout(step_buttons)
        hint = QLabel(self.tr("In order; double-click a step to edit it, drag to reorder."))
        hint.setObjectName("HintLabel")
        steps_layout.addWidget(hint)
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(0, 3 * 3600)
        self.duration_spin.setSpecialValueText(self.tr("Not set"))
        self.duration_spin.setSuffix(self.tr(" s"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(80)
        self.add_row(self.tr("Name"), self.name_edit, "name")
        self.add_row(self.tr("Steps"), steps_box, "steps")
        self.add_row(self.tr("Suggested length"), self.duration_spin, "duration_s")
        self.add_row(self.tr("Notes"), self.notes_edit, "notes")

    def fill(self, row: TemplateRow) -> None:
        """Show a template."""
        self.name_edit.setText(row.name)
        self.steps_model.setStringList(list(row.steps))
        self.duration_spin.setValue(row.duration_s or 0)
        self.notes_edit.setPlainText(row.notes)

    def edited(self) -> TemplateRow:
        """The template as edited."""
        return replace(
            self.current,
            name=self.name_edit.text(),
            steps=tuple(self.steps_model.stringList()),
            duration_s=self.duration_spin.value() or None,
            notes=self.notes_edit.toPlainText(),
        )

    def write(self, store: Store, row: TemplateRow) -> int:
        """Save a template."""
        return plan.save_template(store, row)

    def remove(self, store: Store, row_id: int) -> None:
        """Delete a template."""
        plan.delete_template(store, row_id)

    def delete_question(self, row: TemplateRow) -> str:
        """Deleting a template keeps the outlines made from it."""
        return self.tr(
            "Delete the structure “%1”? Plan items made with it keep their outline."
        ).replace("%1", row.name)

    def _describe(self, row: TemplateRow) -> str:
        steps = self.tr("%1 steps").replace("%1", str(len(row.steps)))
        marker = self.tr("built-in")
        builtin = f" · {marker}" if row.builtin else ""
        return f"{row.name}  ({steps}{builtin})"

    def _on_step_add_clicked(self) -> None:
        position = self.steps_model.rowCount()
        self.steps_model.insertRows(position, 1)
        index = self.steps_model.index(position)
        self.steps_model.setData(index, self.tr("New step"))
        self.steps_view.setCurrentIndex(index)
        self.steps_view.edit(index)

    def _on_step_remove_clicked(self) -> None:
        index = self.steps_view.currentIndex()
        if index.isValid():
            self.steps_model.removeRows(index.row(), 1)

    def _move_step(self, delta: int) -> None:
        index = self.steps_view.currentIndex()
        if not index.isValid():
            return
        steps = self.steps_model.stringList()
        row, target = index.row(), index.row() + delta
        if not 0 <= target < len(steps):
            return
        steps[row], steps[target] = steps[target], steps[row]
        self.steps_model.setStringList(steps)
        self.steps_view.setCurrentIndex(self.steps_model.index(target))

    def _on_builtin_button_clicked(self) -> None:
        if self.store is None:
            return
        if plan.ensure_builtin_templates(self.store):
            self.changed.emit()


class PositioningView(QWidget):
    """Three sections: content pillars, target audiences, structure templates.

    Signals:
        changed(): something was saved or deleted.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pillars = PillarEditor()
        self.personas = PersonaEditor()
        self.templates = TemplateEditor()
        self.sections = QTabWidget()
        self.sections.addTab(self.pillars, self.tr("Content pillars"))
        self.sections.addTab(self.personas, self.tr("Audiences"))
        self.sections.addTab(self.templates, self.tr("Structure templates"))
        for editor in (self.pillars, self.personas, self.templates):
            editor.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sections)

    def set_store(self, store: Store | None) -> None:
        """Where the sections write."""
        for editor in (self.pillars, self.personas, self.templates):
            editor.store = store

    def set_rows(
        self,
        pillars: Sequence[PillarRow],
        personas: Sequence[PersonaRow],
        templates: Sequence[TemplateRow],
    ) -> None:
        """Show the stored positioning."""
        self.pillars.set_rows(pillars)
        self.personas.set_rows(personas)
        self.templates.set_rows(templates)
