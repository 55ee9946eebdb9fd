"""The plan item editor: every field of a planned video, messages next to the field at fault."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import PLATFORMS
from app.services.edits import ConcurrentEditError, DeletedMeanwhileError
from app.services.plan import PlanError, PlanItemRow, split_steps
from app.views.content.plan_errors import plan_error_text
from app.views.content.plan_snapshot import PlanSnapshot
from app.views.dialogs.conflict_box import ask_to_reload, conflict_text, stamp_text
from app.views.formatting import code_names, platform_names

STAGES = ("idea", "scripted", "shot", "edited", "scheduled", "published")
KINDS = ("original", "challenge", "duet")
# (hour, what backs it) for a day, from the shop's posting history; None when nothing is known.
Suggest = Callable[[date], tuple[int, str] | None]
# The item as the store holds it now (after someone else changed it); None when it is gone.
Reload = Callable[[int], PlanItemRow | None]


def color_icon(color: str) -> QIcon:
    """A small square of ``color`` for a pillar in a list."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color) if QColor.isValidColorName(color) else QColor("#8c8c8c"))
    return QIcon(pixmap)


class PlanItemDialog(QDialog):
    """Edit (or create) one plan item; Save calls ``save`` and stays open while it refuses.

    When someone else changed the item since it was read, the save is refused and a
    :class:`~app.views.dialogs.conflict_box.ConflictBox` offers to reload their version.

    Attributes:
        row: the item as it was given, or as reloaded (a new item has ``id`` None).
        saved_id: the id ``save`` returned, once saved.
        errors: the inline message label of each field.
        stamp_label: who changed the item last, and when.
    """

    def __init__(  # noqa: PLR0913
        self,
        row: PlanItemRow,
        snapshot: PlanSnapshot,
        save: Callable[[PlanItemRow], int],
        *,
        delete: Callable[[int], None] | None = None,
        suggest: Suggest | None = None,
        reload: Reload | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.snapshot = snapshot
        self._save = save
        self._delete = delete
        self._suggest = suggest
        self._reload = reload
        self.saved_id: int | None = None
        self.deleted = False
        self._filled_outline = ""
        self._suggested_hour = 20
        self.setWindowTitle(self.tr("New plan item") if row.id is None else self.tr("Plan item"))
        self.errors: dict[str, QLabel] = {}
        self._make_fields()
        self._build()
        self._fill(row)
        self.template_combo.currentIndexChanged.connect(self._on_template_combo_changed)
        self.planned_edit.dateTimeChanged.connect(self._update_suggestion)
        self.has_time.toggled.connect(self._on_has_time_toggled)
        self._update_suggestion()
        self.resize(900, 620)

    # Fields ---------------------------------------------------------------------------------

    def _make_fields(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("What the video is about"))
        self.hook_edit = QLineEdit()
        self.hook_edit.setPlaceholderText(self.tr("What is said or shown in the first 3 seconds"))
        self.pillar_combo = self._choices(self.snapshot.pillars, self.tr("No pillar"), colored=True)
        self.persona_combo = self._choices(self.snapshot.personas, self.tr("No audience"))
        self.template_combo = self._choices(self.snapshot.templates, self.tr("No structure"))
        self.outline_edit = QPlainTextEdit()
        self.outline_edit.setPlaceholderText(
            self.tr("One step per line; choosing a structure fills its steps in")
        )
        self.length_spin = QSpinBox()
        self.length_spin.setRange(0, 3 * 3600)
        self.length_spin.setSpecialValueText(self.tr("Not set"))
        self.length_spin.setSuffix(self.tr(" s"))
        self.platform_boxes = {p: QCheckBox(platform_names()[p]) for p in PLATFORMS}
        self.product_combo = QComboBox()
        self.product_combo.addItem(self.tr("No product"), None)
        for product in self.snapshot.products:
            name = f"{product.name} · {platform_names().get(product.platform, product.platform)}"
            self.product_combo.addItem(name, product.id)
        self.has_time = QCheckBox(self.tr("Planned for"))
        self.planned_edit = QDateTimeEdit()
        self.planned_edit.setCalendarPopup(True)
        self.planned_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.suggestion_label = QLabel()
        self.suggestion_label.setObjectName("HintLabel")
        self.suggestion_label.setWordWrap(True)
        self.use_suggestion = QPushButton(self.tr("Use this time"))
        self.use_suggestion.clicked.connect(self._on_use_suggestion_clicked)
        self.status_combo = QComboBox()
        for status in STAGES:
            self.status_combo.addItem(code_names()[status], status)
        self.kind_combo = QComboBox()
        for kind in KINDS:
            self.kind_combo.addItem(code_names()[kind], kind)
        self.kind_combo.setItemText(1, self.tr("Challenge (挑战赛)"))
        self.kind_combo.setItemText(2, self.tr("Duet (合拍)"))
        self.ab_edit = QLineEdit()
        self.ab_edit.setPlaceholderText(self.tr("e.g. A or B, to compare two versions"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(90)

    def _choices(self, rows: Sequence[object], none: str, *, colored: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.addItem(none, None)
        for row in rows:
            if colored:
                combo.addItem(color_icon(row.color), row.name, row.id)  # type: ignore[attr-defined]
            else:
                combo.addItem(row.name, row.id)  # type: ignore[attr-defined]
        return combo

    def _error_label(self, field: str) -> QLabel:
        label = QLabel()
        label.setObjectName("FieldError")
        label.setStyleSheet("color: #d62728;")
        label.setWordWrap(True)
        label.setVisible(False)
        self.errors[field] = label
        return label

    def _with_error(self, widget: QWidget | QHBoxLayout, field: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if isinstance(widget, QHBoxLayout):
            layout.addLayout(widget)
        else:
            layout.addWidget(widget)
        layout.addWidget(self._error_label(field))
        return box

    def _build(self) -> None:
        left = QFormLayout()
        left.addRow(self.tr("Title"), self._with_error(self.title_edit, "title"))
        left.addRow(self.tr("Hook (first 3 s)"), self._with_error(self.hook_edit, "hook"))
        left.addRow(self.tr("Pillar"), self._with_error(self.pillar_combo, "pillar_id"))
        left.addRow(self.tr("Audience"), self._with_error(self.persona_combo, "persona_id"))
        left.addRow(self.tr("Structure"), self._with_error(self.template_combo, "template_id"))
        left.addRow(self.tr("Script outline"), self._with_error(self.outline_edit, "outline"))
        left.addRow(self.tr("Target length"), self._with_error(self.length_spin, "target_length_s"))
        platforms = QHBoxLayout()
        for box in self.platform_boxes.values():
            platforms.addWidget(box)
        platforms.addStretch(1)
        planned = QHBoxLayout()
        planned.addWidget(self.has_time)
        planned.addWidget(self.planned_edit, 1)
        suggestion = QHBoxLayout()
        suggestion.addWidget(self.suggestion_label, 1)
        suggestion.addWidget(self.use_suggestion)
        right = QFormLayout()
        right.addRow(self.tr("Platforms"), self._with_error(platforms, "platforms"))
        right.addRow(self.tr("Product to sell"), self._with_error(self.product_combo, "product_id"))
        right.addRow(self.tr("Publish time"), self._with_error(planned, "planned_at"))
        self.suggestion_row = self._wrap(suggestion)
        right.addRow("", self.suggestion_row)
        self._right_form = right
        right.addRow(self.tr("Stage"), self._with_error(self.status_combo, "status"))
        right.addRow(self.tr("Type"), self._with_error(self.kind_combo, "kind"))
        right.addRow(self.tr("A/B group"), self._with_error(self.ab_edit, "ab_group"))
        right.addRow(self.tr("Notes"), self._with_error(self.notes_edit, "notes"))
        right_column = QVBoxLayout()
        right_column.addLayout(right)
        right_column.addStretch(1)  # the outline on the left takes the height; these stay on top
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right_column, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.delete_button = self.buttons.addButton(
            self.tr("Delete…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setVisible(self.row.id is not None and self._delete is not None)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.stamp_label = QLabel()
        self.stamp_label.setObjectName("HintLabel")
        bottom = QHBoxLayout()
        bottom.addWidget(self.stamp_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self._error_label("id"))
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    @staticmethod
    def _wrap(inner: QHBoxLayout) -> QWidget:
        box = QWidget()
        inner.setContentsMargins(0, 0, 0, 0)
        box.setLayout(inner)
        return box

    def _fill(self, row: PlanItemRow) -> None:
        self.title_edit.setText(row.title)
        self.hook_edit.setText(row.hook)
        _select(self.pillar_combo, row.pillar_id)
        _select(self.persona_combo, row.persona_id)
        _select(self.template_combo, row.template_id)
        self.outline_edit.setPlainText(row.outline)
        self.length_spin.setValue(row.target_length_s or 0)
        for platform, box in self.platform_boxes.items():
            box.setChecked(platform in row.platforms)
        _select(self.product_combo, row.product_id)
        self.has_time.setChecked(row.planned_at is not None)
        moment = row.planned_at or datetime.combine(self.snapshot.today, time(20))
        self.planned_edit.setDateTime(_qdatetime(moment))
        self.planned_edit.setEnabled(row.planned_at is not None)
        _select(self.status_combo, row.status)
        _select(self.kind_combo, row.kind)
        self.ab_edit.setText(row.ab_group)
        self.notes_edit.setPlainText(row.notes)
        self.stamp_label.setText(stamp_text(row.changed_by, row.changed_at, self.snapshot.today))

    # Reading the form -------------------------------------------------------------------------

    def edited_row(self) -> PlanItemRow:
        """The item as the form shows it now (not yet validated)."""
        planned = None
        if self.has_time.isChecked():
            planned = self.planned_edit.dateTime().toPython().replace(second=0, microsecond=0)
        return replace(
            self.row,
            title=self.title_edit.text(),
            hook=self.hook_edit.text(),
            pillar_id=self.pillar_combo.currentData(),
            persona_id=self.persona_combo.currentData(),
            template_id=self.template_combo.currentData(),
            outline=self.outline_edit.toPlainText(),
            target_length_s=self.length_spin.value() or None,
            platforms=tuple(p for p, box in self.platform_boxes.items() if box.isChecked()),
            product_id=self.product_combo.currentData(),
            planned_at=planned,
            status=self.status_combo.currentData(),
            kind=self.kind_combo.currentData(),
            ab_group=self.ab_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` under ``field`` (or above the form when the field has no place)."""
        label = self.errors.get(field, self.errors["id"])
        label.setText(message)
        label.setVisible(True)

    def clear_errors(self) -> None:
        """Hide every message."""
        for label in self.errors.values():
            label.clear()
            label.setVisible(False)

    def accept(self) -> None:
        """Save through the service; on a refusal show why next to the field and stay open."""
        self.clear_errors()
        edited = self.edited_row()
        try:
            self.saved_id = self._save(edited)
        except PlanError as exc:
            self.show_error(exc.field, plan_error_text(exc.message))
            return
        except ConcurrentEditError as exc:
            self._on_conflict(exc, self._unsaved_text(edited))
            return
        super().accept()

    def _on_conflict(self, error: ConcurrentEditError, unsaved: str = "") -> None:
        """Nothing was saved: say who changed the item; reload their version if asked."""
        today = self.snapshot.today
        reload = ask_to_reload(self, error, unsaved=unsaved, today=today)
        if isinstance(error, DeletedMeanwhileError) or self.row.id is None:
            self.deleted = True
            super().reject()
            return
        fresh = self._reload(self.row.id) if reload and self._reload is not None else None
        if fresh is None:
            self.show_error("id", conflict_text(error, today))
            return
        self.row = fresh
        self._fill(fresh)
        self.show_error(
            "id", self.tr("This is their version now: make your change again, then save.")
        )

    def _unsaved_text(self, edited: PlanItemRow) -> str:
        """The fields the user changed, with what they typed (to apply again by hand)."""
        labels = {
            "title": self.tr("Title"),
            "hook": self.tr("Hook (first 3 s)"),
            "outline": self.tr("Script outline"),
            "planned_at": self.tr("Publish time"),
            "ab_group": self.tr("A/B group"),
            "notes": self.tr("Notes"),
        }
        lines = []
        for field, label in labels.items():
            value = getattr(edited, field)
            if value != getattr(self.row, field):
                lines.append(f"{label}: {'' if value is None else value}")
        if edited.status != self.row.status:
            lines.append(f"{self.tr('Stage')}: {self.status_combo.currentText()}")
        return "\n".join(lines)

    # Reactions ------------------------------------------------------------------------------

    def _on_template_combo_changed(self) -> None:
        template_id = self.template_combo.currentData()
        template = next((t for t in self.snapshot.templates if t.id == template_id), None)
        if template is None:
            return
        current = self.outline_edit.toPlainText().strip()
        # Fill an empty outline, or replace one this dialog filled from another structure.
        if not current or current == self._filled_outline:
            self._filled_outline = "\n".join(_steps_of(template))
            self.outline_edit.setPlainText(self._filled_outline)
        if self.length_spin.value() == 0 and template.duration_s:
            self.length_spin.setValue(template.duration_s)

    def _on_has_time_toggled(self, checked: bool) -> None:
        self.planned_edit.setEnabled(checked)
        self._update_suggestion()

    def _update_suggestion(self) -> None:
        suggestion = None
        if self._suggest is not None and self.has_time.isChecked():
            suggestion = self._suggest(self.planned_edit.date().toPython())
        if suggestion is None:
            text = (
                ""
                if self._suggest is None
                else self.tr("Not enough posts yet to recommend a time for this day.")
            )
            self.suggestion_label.setText(text if self.has_time.isChecked() else "")
            self.use_suggestion.setVisible(False)
            self._right_form.setRowVisible(self.suggestion_row, bool(self.suggestion_label.text()))
            return
        self._right_form.setRowVisible(self.suggestion_row, True)
        self.suggestion_label.setText(suggestion[1])
        current = self.planned_edit.time()
        self.use_suggestion.setVisible((current.hour(), current.minute()) != (suggestion[0], 0))
        self._suggested_hour = suggestion[0]

    def _on_use_suggestion_clicked(self) -> None:
        self.planned_edit.setTime(QTime(self._suggested_hour, 0))

    def _on_delete_clicked(self) -> None:
        if self.row.id is None or self._delete is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete plan item"),
            self.tr("Delete “%1”? Videos linked to it stay, unlinked.").replace(
                "%1", self.row.title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._delete(self.row.id)
        except PlanError as exc:
            self.show_error("id", plan_error_text(exc.message))
            return
        except ConcurrentEditError as exc:
            self._on_conflict(exc)
            return
        self.deleted = True
        super().accept()


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def _steps_of(template: object) -> tuple[str, ...]:
    steps = getattr(template, "steps", ())
    return split_steps(steps) if isinstance(steps, str) else tuple(steps)


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
