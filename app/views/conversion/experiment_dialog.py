"""Create or edit an A/B test: its metric, plan (sample size, power, effect) and 2+ variants."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.analytics.proportions import sample_size_per_group
from app.views.formatting import platform_names
from app.views.service_errors import error_text
from app.views.traffic.segmented import Segmented
from app.views.widgets.record_table import record_table

if TYPE_CHECKING:
    from app.services.experiments import ExperimentSpec, VariantSpec

VARIANT_KEYS = "ABCDEFGH"
VIDEO, PLAN_ITEM = "video", "plan"
CONFIDENCES = (0.9, 0.95, 0.99)
POWERS = (0.8, 0.9)
Index = QModelIndex | QPersistentModelIndex


def metric_names() -> dict[str, str]:
    """Each experiment metric's display name (numerator / views)."""

    return {
        "completion_rate": QCoreApplication.translate("ExperimentMetrics", "Completion rate"),
        "interaction_rate": QCoreApplication.translate("ExperimentMetrics", "Interaction rate"),
        "click_rate": QCoreApplication.translate("ExperimentMetrics", "Product click rate"),
        "follow_rate": QCoreApplication.translate("ExperimentMetrics", "Follower conversion"),
        "orders_per_view": QCoreApplication.translate("ExperimentMetrics", "Orders per view"),
    }


class CandidateModel(QAbstractTableModel):
    """Videos or plan items to pick from: a check box, title, platform, day and pillar.

    Attributes:
        checked: the (kind, id) pairs picked.
    """

    picked_changed = Signal()

    def __init__(self, candidates: pd.DataFrame, parent: Any = None) -> None:
        super().__init__(parent)
        self._all = candidates.reset_index(drop=True)
        self.checked: set[tuple[str, int]] = set()
        self._kind = VIDEO
        self._search = ""
        self._picked_only = False
        self._rows: list[int] = []
        self._headers = [self.tr("Title"), self.tr("Platform"), self.tr("Day"), self.tr("Pillar")]
        self._platforms = platform_names()
        self._refilter()

    def set_kind(self, kind: str) -> None:
        """Show videos or plan items."""
        self.beginResetModel()
        self._kind = kind
        self._refilter()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        """Keep rows whose title or pillar contains ``text``."""
        self.beginResetModel()
        self._search = text.strip().casefold()
        self._refilter()
        self.endResetModel()

    def set_picked_only(self, on: bool) -> None:
        """Show only the candidates picked (to review a variant)."""
        self.beginResetModel()
        self._picked_only = on
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        frame = self._all
        rows = []
        for position in range(len(frame)):
            if frame.at[position, "kind"] != self._kind:
                continue
            if self._picked_only and self._pair(position) not in self.checked:
                continue
            text = f"{frame.at[position, 'title']}\n{frame.at[position, 'pillar']}".casefold()
            if self._search and self._search not in text:
                continue
            rows.append(position)
        self._rows = rows

    def set_checked(self, pairs: Sequence[tuple[str, int]]) -> None:
        """Pick exactly ``pairs``."""
        self.beginResetModel()
        self.checked = set(pairs)
        self.endResetModel()
        self.picked_changed.emit()

    def check_visible(self, on: bool) -> None:
        """Pick (or drop) every row shown."""
        self.beginResetModel()
        for position in self._rows:
            pair = self._pair(position)
            if on:
                self.checked.add(pair)
            else:
                self.checked.discard(pair)
        self.endResetModel()
        self.picked_changed.emit()

    def row_of(self, kind: str, item_id: int) -> int:
        """The visible row of a candidate; -1 when it is not shown."""
        for row, position in enumerate(self._rows):
            if self._pair(position) == (kind, item_id):
                return row
        return -1

    def _pair(self, position: int) -> tuple[str, int]:
        return str(self._all.at[position, "kind"]), int(self._all.at[position, "item_id"])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Visible candidates."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Title, platform, day, pillar."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The title column carries the check box."""
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, and the check state of the title column."""
        if not index.isValid():
            return None
        position = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            on = self._pair(position) in self.checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = ("title", "platform", "day", "pillar")[index.column()]
            value = self._all.at[position, column]
            if column == "platform":
                return ", ".join(self._platforms.get(p, p) for p in str(value).split(",") if p)
            return "" if pd.isna(value) else str(value)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Tick or untick a candidate."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        pair = self._pair(self._rows[index.row()])
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(pair)
        else:
            self.checked.discard(pair)
        self.dataChanged.emit(index, index, [role])
        self.picked_changed.emit()
        return True


class VariantEditor(QWidget):
    """One variant: its name and the videos or plan items in it, picked with search."""

    def __init__(self, key: str, candidates: pd.DataFrame, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 口播种草, hook A, 8 pm posts"))
        self.kind = Segmented([(VIDEO, self.tr("Videos")), (PLAN_ITEM, self.tr("Plan items"))])
        self.kind.value_changed.connect(self._on_kind_value_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles and pillars"))
        self.search.setClearButtonEnabled(True)
        self.model = CandidateModel(candidates, self)
        self.model.picked_changed.connect(self._update_count)
        self.search.textChanged.connect(self.model.set_search)
        self.table = record_table(self.model)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.table.horizontalHeader().resizeSection(0, 360)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.all_button = QPushButton(self.tr("Pick all shown"))
        self.all_button.clicked.connect(lambda: self.model.check_visible(True))
        self.none_button = QPushButton(self.tr("Drop all shown"))
        self.none_button.clicked.connect(lambda: self.model.check_visible(False))
        self.picked_only = QCheckBox(self.tr("Picked only"))
        self.picked_only.toggled.connect(self.model.set_picked_only)
        self.count_label = QLabel()
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("Name:")))
        name_row.addWidget(self.name_edit, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.kind)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.picked_only)
        tools.addWidget(self.all_button)
        tools.addWidget(self.none_button)
        layout = QVBoxLayout(self)
        layout.addLayout(name_row)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._update_count()

    def set_variant(self, variant: VariantSpec) -> None:
        """Show a saved variant."""
        self.name_edit.setText(variant.name)
        pairs = [(VIDEO, int(i)) for i in variant.video_ids]
        pairs += [(PLAN_ITEM, int(i)) for i in variant.plan_item_ids]
        self.model.set_checked(pairs)

    def variant(self) -> VariantSpec:
        """The variant as edited."""
        from app.services.experiments import VariantSpec

        picked = sorted(self.model.checked)
        return VariantSpec(
            key=self.key,
            name=self.name_edit.text().strip(),
            video_ids=tuple(i for kind, i in picked if kind == VIDEO),
            plan_item_ids=tuple(i for kind, i in picked if kind == PLAN_ITEM),
        )

    def _update_count(self) -> None:
        videos = sum(1 for kind, _ in self.model.checked if kind == VIDEO)
        items = len(self.model.checked) - videos
        self.count_label.setText(
            self.tr("%1 videos and %2 plan items in this variant")
            .replace("%1", str(videos))
            .replace("%2", str(items))
        )

    def _on_kind_value_changed(self, kind: str) -> None:
        self.model.set_kind(kind)


class ExperimentDialog(QDialog):
    """The fields of an experiment; OK saves through ``save`` and stays open when it is refused.

    Attributes:
        variant_tabs: one VariantEditor per variant (A, B, …).
        saved_id: the experiment's id once saved.
    """

    def __init__(
        self,
        candidates: pd.DataFrame,
        save: Callable[[ExperimentSpec], int],
        spec: ExperimentSpec | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit A/B test") if spec else self.tr("New A/B test"))
        self.resize(860, 680)
        self._candidates = candidates
        self._save = save
        self._spec = spec
        self.saved_id: int | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 口播 vs 剧情植入"))
        self.hypothesis_edit = QPlainTextEdit()
        self.hypothesis_edit.setPlaceholderText(
            self.tr("What you expect and why, e.g. a story placement keeps viewers longer")
        )
        self.hypothesis_edit.setFixedHeight(54)
        self.metric_box = QComboBox()
        for key, name in metric_names().items():
            self.metric_box.addItem(name, key)
        self.confidence_box = QComboBox()
        for value in CONFIDENCES:
            self.confidence_box.addItem(f"{value:.0%}", value)
        self.confidence_box.setCurrentIndex(CONFIDENCES.index(0.95))
        self.power_box = QComboBox()
        for value in POWERS:
            self.power_box.addItem(f"{value:.0%}", value)
        self.baseline_spin = _percent_spin(0.0, 100.0, 2)
        self.baseline_spin.setToolTip(
            self.tr("The rate you expect for variant A (from past videos)")
        )
        self.effect_spin = _percent_spin(0.0, 100.0, 2)
        self.effect_spin.setSpecialValueText(self.tr("not set"))
        self.effect_spin.setToolTip(
            self.tr("The smallest difference worth detecting, in percentage points")
        )
        self.size_spin = QSpinBox()
        self.size_spin.setRange(0, 100_000_000)
        self.size_spin.setGroupSeparatorShown(True)
        self.size_spin.setSpecialValueText(self.tr("not set"))
        self.size_spin.setSuffix(self.tr(" views per variant"))
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setToolTip(
            self.tr("Views each variant needs to detect the minimum effect at this power")
        )
        self.compute_button.clicked.connect(self._on_compute_button_clicked)
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_spin, 1)
        size_row.addWidget(self.compute_button)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Hypothesis"), self.hypothesis_edit)
        form.addRow(self.tr("Metric"), self.metric_box)
        plan = QHBoxLayout()
        for label, widget in (
            (self.tr("Confidence"), self.confidence_box),
            (self.tr("Power"), self.power_box),
            (self.tr("Rate of A"), self.baseline_spin),
            (self.tr("Minimum effect"), self.effect_spin),
        ):
            plan.addWidget(QLabel(label))
            plan.addWidget(widget)
        plan.addStretch(1)
        form.addRow(self.tr("Plan"), plan)
        form.addRow(self.tr("Planned sample size"), size_row)
        self.variant_tabs = QTabWidget()
        self.add_button = QPushButton(self.tr("Add variant"))
        self.add_button.clicked.connect(lambda: self.add_variant())
        self.remove_button = QPushButton(self.tr("Remove last variant"))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        variant_tools = QHBoxLayout()
        variant_tools.addWidget(QLabel(self.tr("Variants (each a set of videos or plan items)")))
        variant_tools.addStretch(1)
        variant_tools.addWidget(self.add_button)
        variant_tools.addWidget(self.remove_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(variant_tools)
        layout.addWidget(self.variant_tabs, 1)
        layout.addWidget(self.buttons)
        if spec is None:
            self.add_variant()
            self.add_variant()
        else:
            self._show_spec(spec)
        self._update_buttons()

    def variant_editors(self) -> list[VariantEditor]:
        """The variants' editors, A first."""
        return [self.variant_tabs.widget(i) for i in range(self.variant_tabs.count())]  # type: ignore[misc]

    def add_variant(self) -> VariantEditor:
        """Add the next variant (up to H)."""
        key = VARIANT_KEYS[self.variant_tabs.count()]
        editor = VariantEditor(key, self._candidates)
        self.variant_tabs.addTab(editor, self.tr("Variant %1").replace("%1", key))
        self.variant_tabs.setCurrentWidget(editor)
        self._update_buttons()
        return editor

    def _on_remove_button_clicked(self) -> None:
        last = self.variant_tabs.count() - 1
        if last >= 2:
            editor = self.variant_tabs.widget(last)
            self.variant_tabs.removeTab(last)
            editor.deleteLater()
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = self.variant_tabs.count()
        self.add_button.setEnabled(count < len(VARIANT_KEYS))
        self.remove_button.setEnabled(count > 2)

    def _show_spec(self, spec: ExperimentSpec) -> None:
        self.name_edit.setText(spec.name)
        self.hypothesis_edit.setPlainText(spec.hypothesis)
        self.metric_box.setCurrentIndex(max(self.metric_box.findData(spec.metric), 0))
        _choose(self.confidence_box, spec.confidence)
        _choose(self.power_box, spec.power)
        self.effect_spin.setValue((spec.min_effect or 0.0) * 100)
        self.size_spin.setValue(spec.planned_sample_size or 0)
        for variant in spec.variants:
            self.add_variant().set_variant(variant)
        self.variant_tabs.setCurrentIndex(0)

    def spec(self) -> ExperimentSpec:
        """The experiment as edited."""
        from app.services.experiments import ExperimentSpec

        effect = self.effect_spin.value() / 100
        kept = self._spec
        return ExperimentSpec(
            name=self.name_edit.text().strip(),
            metric=str(self.metric_box.currentData()),
            variants=tuple(editor.variant() for editor in self.variant_editors()),
            hypothesis=self.hypothesis_edit.toPlainText().strip(),
            planned_sample_size=self.size_spin.value() or None,
            power=float(self.power_box.currentData()),
            min_effect=effect or None,
            confidence=float(self.confidence_box.currentData()),
            status=kept.status if kept else "running",
            started_at=kept.started_at if kept else None,
            ended_at=kept.ended_at if kept else None,
            id=kept.id if kept else None,
        )

    def accept(self) -> None:
        """Save; a refused experiment keeps the dialog open and says why."""
        try:
            self.saved_id = self._save(self.spec())
        except ValueError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        super().accept()

    def _on_compute_button_clicked(self) -> None:
        base, effect = self.baseline_spin.value() / 100, self.effect_spin.value() / 100
        alpha = 1 - float(self.confidence_box.currentData())
        power = float(self.power_box.currentData())
        if not 0 < base < 1 or effect <= 0 or not 0 < base + effect < 1:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("Enter the rate you expect for A and a minimum effect first."),
            )
            return
        self.size_spin.setValue(sample_size_per_group(base, base + effect, alpha, power))


def _percent_spin(low: float, high: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setSingleStep(0.5)
    spin.setSuffix(" %")
    return spin


def _choose(box: QComboBox, value: float) -> None:
    for index in range(box.count()):
        if abs(float(box.itemData(index)) - value) < 1e-9:
            box.setCurrentIndex(index)
            return
    box.addItem(f"{value:.0%}", value)
    box.setCurrentIndex(box.count() - 1)


def experiment_candidates(videos: pd.DataFrame, plan_items: Sequence[Any]) -> pd.DataFrame:
    """Videos (newest first) and plan items as one frame: kind, item_id, title, platform, day,
    pillar."""
    rows = [
        {
            "kind": VIDEO,
            "item_id": int(v.video_id),
            "title": str(v.title),
            "platform": str(v.platform),
            "day": "" if pd.isna(v.published_at) else f"{v.published_at:%Y-%m-%d}",
            "pillar": "" if pd.isna(v.pillar) else str(v.pillar),
            "order": v.published_at,
        }
        for v in videos.sort_values("published_at", ascending=False).itertuples()
    ]
    rows += [
        {
            "kind": PLAN_ITEM,
            "item_id": int(item.id),
            "title": item.title,
            "platform": ",".join(item.platforms),
            "day": f"{item.planned_at:%Y-%m-%d}" if item.planned_at else "",
            "pillar": "",
            "order": item.planned_at,
        }
        for item in plan_items
    ]
    columns = ["kind", "item_id", "title", "platform", "day", "pillar"]
    return pd.DataFrame(rows, columns=[*columns, "order"])[columns]
