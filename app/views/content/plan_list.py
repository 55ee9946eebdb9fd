"""列表 List: every plan item in a sortable table, with filters, search, Excel export and print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.config import PLATFORMS
from app.views.content.plan_cards import OVERDUE_COLOR
from app.views.content.plan_snapshot import PlanSnapshot
from app.views.formatting import code_names, format_value, platform_names
from app.views.table_models.table_model import SORT_ROLE, ColumnSpec
from app.views.widgets.record_table import record_table

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 20
Index = QModelIndex | QPersistentModelIndex
STAGES = ("idea", "scripted", "shot", "edited", "scheduled", "published")
KINDS = ("original", "challenge", "duet")


@dataclass(frozen=True)
class PlanListRow:
    """One plan item as the list shows it: raw values by field, plus how to draw the row."""

    item_id: int
    values: dict[str, Any]
    pillar_id: int | None
    platforms: tuple[str, ...]
    color: str
    overdue: bool


def list_rows(snapshot: PlanSnapshot) -> list[PlanListRow]:
    """The snapshot's items as list rows."""
    rows = []
    for item in snapshot.items:
        card = snapshot.card(item)
        values = {
            "planned_at": item.planned_at,
            "status": item.status,
            "title": item.title,
            "kind": item.kind,
            "pillar": card.pillar,
            "persona": snapshot.name_of(snapshot.personas, item.persona_id),
            "template": snapshot.name_of(snapshot.templates, item.template_id),
            "platforms": ",".join(card.platforms),
            "product": snapshot.name_of(snapshot.products, item.product_id),
            "ab_group": item.ab_group,
            "target_length_s": item.target_length_s,
            "views": item.views,
            "hook": item.hook,
        }
        rows.append(
            PlanListRow(item.id, values, item.pillar_id, card.platforms, card.color, card.overdue)
        )
    return rows


class PlanTableModel(QAbstractTableModel):
    """Plan items as rows: filter by stage, pillar, platform, type and text; sort by column."""

    def __init__(self, columns: list[ColumnSpec], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._all: list[PlanListRow] = []
        self._rows: list[PlanListRow] = []
        self._filters: dict[str, Any] = {}
        self._text = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[PlanListRow]) -> None:
        """Show new rows (filters and sort stay)."""
        self.beginResetModel()
        self._all = list(rows)
        self._apply()
        self.endResetModel()

    def set_filters(
        self,
        *,
        status: str | None = None,
        pillar_id: int | None = None,
        platform: str | None = None,
        kind: str | None = None,
        text: str = "",
    ) -> None:
        """Keep rows matching every given filter (None: any); ``text`` searches the shown text."""
        self.beginResetModel()
        self._filters = {
            "status": status,
            "pillar_id": pillar_id,
            "platform": platform,
            "kind": kind,
        }
        self._text = text.strip().lower()
        self._apply()
        self.endResetModel()

    def total_rows(self) -> int:
        """Rows before filtering."""
        return len(self._all)

    def item_id(self, row: int) -> int:
        """The plan item shown on ``row``."""
        return self._rows[row].item_id

    def item_ids(self) -> list[int]:
        """The items shown, top to bottom."""
        return [r.item_id for r in self._rows]

    def display_text(self, row: int, column: int) -> str:
        """What a cell shows."""
        spec = self.columns[column]
        return format_value(self._rows[row].values.get(spec.field), spec.kind)

    def _apply(self) -> None:
        status, pillar_id = self._filters.get("status"), self._filters.get("pillar_id")
        platform, kind = self._filters.get("platform"), self._filters.get("kind")
        rows = [
            r
            for r in self._all
            if (status is None or r.values["status"] == status)
            and (pillar_id is None or r.pillar_id == pillar_id)
            and (platform is None or platform in r.platforms)
            and (kind is None or r.values["kind"] == kind)
        ]
        if self._text:
            rows = [r for r in rows if self._text in self._row_text(r)]
        if self._sort is not None:
            column, order = self._sort
            field = self.columns[column].field
            present = [r for r in rows if r.values.get(field) not in (None, "")]
            missing = [r for r in rows if r.values.get(field) in (None, "")]
            present.sort(key=lambda r: _sort_key(r.values[field]))
            if order == Qt.SortOrder.DescendingOrder:
                present.reverse()
            rows = present + missing
        self._rows = rows

    def _row_text(self, row: PlanListRow) -> str:
        texts = [format_value(row.values.get(c.field), c.kind) for c in self.columns]
        return " ".join(texts).lower()

    # Qt interface ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Visible rows."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Shown columns."""
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, pillar swatch, overdue colour, raw value for sorting, the item id."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        spec = self.columns[index.column()]
        value = row.values.get(spec.field)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value, spec.kind)
        if role == Qt.ItemDataRole.DecorationRole and spec.field == "pillar" and value:
            return QColor(row.color)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and spec.field == "planned_at":
            return QColor(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and spec.field in ("title", "hook") and value:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = isinstance(value, int) and not isinstance(value, bool)
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return value
        if role == ITEM_ID_ROLE:
            return row.item_id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column headers."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values; empty values last."""
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()


def _sort_key(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


class PlanListView(QWidget):
    """The plan as a table with filters; Export to Excel and Print week buttons.

    Signals:
        item_activated(int): a row was double-clicked.
        export_requested(): the user wants the shown rows in an Excel file.
        print_requested(): the user wants to print the week.
    """

    item_activated = Signal(int)
    export_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlanTableModel(self.column_specs(), self)
        self.table: QTableView = record_table(self.model)
        # No sort until the user asks: rows keep the plan's order (by planned time).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.doubleClicked.connect(
            lambda index: self.item_activated.emit(self.model.item_id(index.row()))
        )
        self.status_filter = self._combo(self.tr("All stages"))
        for status in STAGES:
            self.status_filter.addItem(code_names()[status], status)
        self.pillar_filter = self._combo(self.tr("All pillars"))
        self.platform_filter = self._combo(self.tr("All platforms"))
        for platform in PLATFORMS:
            self.platform_filter.addItem(platform_names()[platform], platform)
        self.kind_filter = self._combo(self.tr("All types"))
        for kind in KINDS:
            self.kind_filter.addItem(code_names()[kind], kind)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search titles, hooks, products…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._apply_filters)
        self.count_label = QLabel()
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setToolTip(self.tr("Save the rows shown here as an Excel file"))
        self.export_button.clicked.connect(self.export_requested)
        self.print_button = QPushButton(self.tr("Print week…"))
        self.print_button.setToolTip(self.tr("Print this week's plan as a one-page sheet"))
        self.print_button.clicked.connect(self.print_requested)
        self._build()

    def column_specs(self) -> list[ColumnSpec]:
        """The list's columns (the Excel export uses the same, in this order)."""
        return [
            ColumnSpec("planned_at", self.tr("Planned")),
            ColumnSpec("status", self.tr("Stage"), "code"),
            ColumnSpec("title", self.tr("Title")),
            ColumnSpec("kind", self.tr("Type"), "code"),
            ColumnSpec("pillar", self.tr("Pillar")),
            ColumnSpec("persona", self.tr("Audience")),
            ColumnSpec("template", self.tr("Structure")),
            ColumnSpec("platforms", self.tr("Platforms"), "platform"),
            ColumnSpec("product", self.tr("Product")),
            ColumnSpec("ab_group", self.tr("A/B group")),
            ColumnSpec("target_length_s", self.tr("Length (s)")),
            ColumnSpec("views", self.tr("Views")),
            ColumnSpec("hook", self.tr("Hook")),
        ]

    def set_snapshot(self, snapshot: PlanSnapshot) -> None:
        """Show the plan (filters stay as chosen where they still apply)."""
        chosen = self.pillar_filter.currentData()
        self.pillar_filter.blockSignals(True)
        while self.pillar_filter.count() > 1:
            self.pillar_filter.removeItem(1)
        for pillar in snapshot.pillars:
            self.pillar_filter.addItem(pillar.name, pillar.id)
        found = self.pillar_filter.findData(chosen)
        self.pillar_filter.setCurrentIndex(max(found, 0))
        self.pillar_filter.blockSignals(False)
        self.model.set_rows(list_rows(snapshot))
        self._apply_filters()
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 300))
        # After the layout settles: a view shown for the first time has no geometry yet.
        # With ``self`` as context the call is dropped if the view is gone by then.
        QTimer.singleShot(0, self, lambda: self._scroll_to_upcoming(snapshot))

    def _scroll_to_upcoming(self, snapshot: PlanSnapshot) -> None:
        """Bring the first item planned from today on into view (the past stays above)."""
        self.table.doItemsLayout()  # the scroll range is only known once the rows are laid out
        for row, item_id in enumerate(self.model.item_ids()):
            item = snapshot.item(item_id)
            if item is not None and item.planned_at and item.planned_at.date() >= snapshot.today:
                index = self.model.index(row, 0)
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                return

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        combo.currentIndexChanged.connect(self._apply_filters)
        return combo

    def _build(self) -> None:
        filters = QHBoxLayout()
        for combo in (
            self.status_filter,
            self.pillar_filter,
            self.platform_filter,
            self.kind_filter,
        ):
            filters.addWidget(combo)
        filters.addWidget(self.search_box, 1)
        filters.addWidget(self.count_label)
        filters.addSpacing(12)
        filters.addWidget(self.export_button)
        filters.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def _apply_filters(self) -> None:
        self.model.set_filters(
            status=self.status_filter.currentData(),
            pillar_id=self.pillar_filter.currentData(),
            platform=self.platform_filter.currentData(),
            kind=self.kind_filter.currentData(),
            text=self.search_box.text(),
        )
        shown, total = self.model.rowCount(), self.model.total_rows()
        text = self.tr("%1 of %2 items") if shown != total else self.tr("%1 items")
        self.count_label.setText(text.replace("%1", str(shown)).replace("%2", str(total)))
