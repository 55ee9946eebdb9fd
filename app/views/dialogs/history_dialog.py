"""Change history: who changed which plan item, customer, tier rule or campaign, and when.

Lists the store's change log newest first (hand edits only: imports have their own list), filtered
by kind and by person. The log keeps codes (``plan_items``, ``update``, column names); this view
puts them into words in the UI language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Reader
from app.services.edits import ChangeRow, change_users, list_changes
from app.views.dialogs.conflict_box import when_text
from app.views.formatting import code_names

Index = QModelIndex | QPersistentModelIndex
WHEN, WHO, WHAT, ITEM, DETAILS = range(5)
MAX_VALUE = 40
MAX_DETAILS = 6


class ChangeHistoryModel(QAbstractTableModel):
    """Logged changes as rows: when, who, what, which item, what changed (before → after)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changes: list[ChangeRow] = []
        self._texts: list[tuple[str, ...]] = []
        self.today: date | None = None
        self._headers = (
            self.tr("When"),
            self.tr("Who"),
            self.tr("What"),
            self.tr("Item"),
            self.tr("Changes"),
        )

    def set_changes(self, changes: Sequence[ChangeRow]) -> None:
        """Show these changes (already newest first)."""
        self.beginResetModel()
        self._changes = list(changes)
        self._texts = [self._row_texts(c) for c in self._changes]
        self.endResetModel()

    def change(self, row: int) -> ChangeRow:
        """The logged change behind a row."""
        return self._changes[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """One row per change."""
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """When, who, what, item, changes."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text (the whole list of changes as its tooltip)."""
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._texts[index.row()][index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text.replace("; ", "\n") if index.column() == DETAILS else text
            return text
        return None

    # Words for the log's codes -------------------------------------------------------------------

    def _row_texts(self, change: ChangeRow) -> tuple[str, ...]:
        what = f"{self._action_name(change.action)} · {self._table_name(change.table_name)}"
        return (
            when_text(change.at, self.today),
            change.user_name or self.tr("(no name)"),
            what,
            change.summary,
            self._details(change),
        )

    def _table_name(self, table: str) -> str:
        names = {
            "plan_items": self.tr("Plan item"),
            "content_pillars": self.tr("Content pillar"),
            "personas": self.tr("Audience"),
            "templates": self.tr("Structure"),
            "customers": self.tr("Customer"),
            "tier_rules": self.tr("Tier rule"),
            "campaigns": self.tr("Campaign"),
        }
        return names.get(table, table)

    def _action_name(self, action: str) -> str:
        names = {
            "create": self.tr("Created"),
            "update": self.tr("Edited"),
            "delete": self.tr("Deleted"),
            "move": self.tr("Rescheduled"),
            "status": self.tr("Moved to another stage"),
            "link": self.tr("Linked a video"),
            "unlink": self.tr("Unlinked a video"),
            "merge": self.tr("Merged"),
            "split": self.tr("Split"),
            "undo": self.tr("Undid a merge or split"),
            "mark": self.tr("Marked a private channel"),
            "mark_list": self.tr("Marked private from a list"),
            "reorder": self.tr("Reordered"),
            "sent": self.tr("Marked as sent"),
            "forget": self.tr("Erased the personal data"),
        }
        return names.get(action, action)

    def _details(self, change: ChangeRow) -> str:
        """``Title: 旧 → 新; Stage: Idea → Scripted`` for an edit ("" for a create or delete)."""
        if change.action in ("create", "delete"):
            return ""
        parts = []
        for column, pair in list(change.fields.items())[:MAX_DETAILS]:
            label = self._column_name(column)
            if isinstance(pair, list) and len(pair) == 2:
                before, after = (_value_text(v) for v in pair)
                parts.append(f"{label}: {before or '∅'} → {after or '∅'}")
            else:
                parts.append(f"{label}: {_value_text(pair)}")
        return "; ".join(parts)

    def _column_name(self, column: str) -> str:  # noqa: PLR0915
        names = {
            "title": self.tr("Title"),
            "kind": self.tr("Type"),
            "pillar_id": self.tr("Pillar"),
            "persona_id": self.tr("Audience"),
            "template_id": self.tr("Structure"),
            "hook": self.tr("Hook"),
            "outline": self.tr("Script outline"),
            "platforms": self.tr("Platforms"),
            "product_id": self.tr("Product"),
            "status": self.tr("Status"),
            "planned_at": self.tr("Publish time"),
            "ab_group": self.tr("A/B group"),
            "target_length_s": self.tr("Target length"),
            "notes": self.tr("Notes"),
            "name": self.tr("Name"),
            "description": self.tr("Description"),
            "color": self.tr("Colour"),
            "differentiation": self.tr("Differentiation"),
            "steps": self.tr("Steps"),
            "duration_s": self.tr("Suggested length"),
            "tags": self.tr("Tags"),
            "note": self.tr("Note"),
            "private_channel": self.tr("Private channel"),
            "private_since": self.tr("Private since"),
            "merged_id": self.tr("Merged customer"),
            "merge_id": self.tr("Merge undone"),
            "split_id": self.tr("Split undone"),
            "identities": self.tr("Identities"),
            "detached": self.tr("Customers split off"),
            "new_customer_id": self.tr("New customer"),
            "customers": self.tr("Customers"),
            "position": self.tr("Order"),
            "min_orders": self.tr("Min. orders"),
            "min_spend_cents": self.tr("Min. spend (cents)"),
            "top_share": self.tr("Top share"),
            "first_order_within_days": self.tr("First order within (days)"),
            "silent_days": self.tr("Silent for (days)"),
            "channel": self.tr("Channel"),
            "match_any": self.tr("Any condition"),
            "warning_days": self.tr("Warn after (days)"),
            "discount_pct": self.tr("Discount %"),
            "priority_shipping": self.tr("Priority shipping"),
            "gift": self.tr("Gift"),
            "benefit_note": self.tr("Benefit"),
            "active": self.tr("Active"),
            "goal": self.tr("Goal"),
            "segment_rule": self.tr("Segment"),
            "message_template": self.tr("Message"),
            "scheduled_at": self.tr("Scheduled"),
            "sent_at": self.tr("Sent"),
            "recurrence": self.tr("Repeats"),
            "coupon_code": self.tr("Coupon code"),
            "cost_cents": self.tr("Cost (cents)"),
            "holdout_share": self.tr("Holdout share"),
            "holdout_seed": self.tr("Holdout draw"),
            "response_window_days": self.tr("Response window (days)"),
        }
        return names.get(column, column)


def _value_text(value: Any) -> str:
    """A logged value in a few words: codes by their names, long text cut short."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list):
        return ", ".join(_value_text(v) for v in value)
    text = str(value)
    text = code_names().get(text, text).replace("\n", " ")
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


class ChangeHistoryDialog(QDialog):
    """The change log, newest first, with filters by kind and by person.

    Attributes:
        model: the listed changes; table: their view.
        kind_combo: all, plans, customers, tier rules or campaigns.
        person_combo: everyone, or one person's changes.
    """

    def __init__(self, reader: Reader, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self.setWindowTitle(self.tr("Change history"))
        self.resize(960, 560)
        self.model = ChangeHistoryModel(self)
        self.model.today = today
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.kind_combo = QComboBox()
        for code, label in (
            ("", self.tr("Everything")),
            ("plans", self.tr("Content plan")),
            ("customers", self.tr("Customers")),
            ("rules", self.tr("Tier rules")),
            ("campaigns", self.tr("Campaigns")),
        ):
            self.kind_combo.addItem(label, code)
        self.person_combo = QComboBox()
        self.person_combo.addItem(self.tr("Everyone"), None)
        for name in change_users(reader):
            self.person_combo.addItem(name, name)
        self.count_label = QLabel()
        self.count_label.setObjectName("HintLabel")
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.person_combo.currentIndexChanged.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.kind_combo)
        filters.addWidget(QLabel(self.tr("by")))
        filters.addWidget(self.person_combo)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the log again with the chosen filters."""
        kind = self.kind_combo.currentData() or None
        person = self.person_combo.currentData()
        changes = list_changes(self._reader, kind=kind, user=person)
        self.model.set_changes(changes)
        self.count_label.setText(self.tr("%1 changes").replace("%1", f"{len(changes):,}"))
        for column, width in ((WHEN, 120), (WHO, 90), (WHAT, 250), (ITEM, 170)):
            self.table.setColumnWidth(column, width)
