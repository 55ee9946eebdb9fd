"""等级 Tiers: the ordered rule list with benefits, a preview of who moves, and tier movement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.edits import ConcurrentEditError
from app.services.tables import Money
from app.views.customers.labels import channel_name
from app.views.customers.sub_view import CustomersData, SubView
from app.views.customers.tier_movement import TierMovementPanel
from app.views.customers.tier_rule_dialog import TierRuleDialog
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table

if TYPE_CHECKING:
    from app.analytics.tiers import TierRuleSpec

MOVEMENT_MONTHS = 6


class TiersView(SubView):
    """Rule list (edited in a draft) with the preview of its effect; movement month by month.

    Attributes:
        rules: the draft list of rules, in match order (saved ones have an id).
        rules_model: the rule table's model; preview: from → to counts of the draft.
        movement: the transition heat model of the chosen month.

    Signals:
        tier_chosen(str): show this tier's customers in the ledger.
    """

    tier_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules: list[TierRuleSpec] = []
        self.saved: list[TierRuleSpec] = []
        self._counts: dict[str, int] = {}
        self.rules_model = FrameModel(self._rule_columns(), (), self)
        self.rules_table = frame_table(self.rules_model)
        self.rules_table.setSortingEnabled(False)
        self.rules_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules_table.doubleClicked.connect(self._on_rules_double_clicked)
        self.rules_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.show_button = QPushButton(self.tr("Show customers"))
        self.defaults_button = QPushButton(self.tr("Use the default tiers"))
        self.defaults_button.setToolTip(
            self.tr("新客, 老客, 高价值, VIP, 流失预警 and 已流失 with their usual benefits")
        )
        self.defaults_button.clicked.connect(self.use_default_rules)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.up_button.clicked.connect(lambda: self.move_rule(-1))
        self.down_button.clicked.connect(lambda: self.move_rule(1))
        self.show_button.clicked.connect(self._on_show_clicked)
        self.preview = FrameModel(self._preview_columns(), (), self)
        self.preview_table = frame_table(self.preview)
        self.preview_note = QLabel()
        self.preview_note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save and recompute"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Discard changes"))
        self.revert_button.clicked.connect(self.revert)
        self.recompute_button = QPushButton(self.tr("Recompute now"))
        self.recompute_button.setToolTip(self.tr("Apply the saved rules to today's data"))
        self.recompute_button.clicked.connect(self.recompute)
        self.movement = TierMovementPanel()
        self._build_layout()
        self._update_buttons()

    def _rule_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("position", self.tr("#"), "int"),
            FrameColumn("name", self.tr("Tier")),
            FrameColumn("conditions_text", self.tr("Who")),
            FrameColumn("benefits_text", self.tr("Benefits")),
            FrameColumn("customers", self.tr("Customers now"), "int"),
        ]

    def _preview_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("from_name", self.tr("From")),
            FrameColumn("to_name", self.tr("To")),
            FrameColumn("customers", self.tr("Customers"), "int"),
        ]

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.show_button)
        rules_box = QWidget()
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        rules_layout.addWidget(self._title(self.tr("Tier rules (the first that matches wins)")))
        rules_layout.addWidget(self.rules_table, 1)
        rules_layout.addLayout(buttons)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self._title(self.tr("Who moves if you save")))
        preview_layout.addWidget(self.preview_note)
        preview_layout.addWidget(self.preview_table, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.recompute_button)
        save_row.addStretch(1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        preview_layout.addLayout(save_row)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(rules_box)
        top.addWidget(preview_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.movement)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter, 1)

    def _title(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("DetailTitle")
        return label

    # Texts --------------------------------------------------------------------------------------

    def conditions_text(self, rule: TierRuleSpec) -> str:
        """The rule's conditions in words ("5+ orders or ¥3,000+ spent")."""
        parts = []
        if rule.min_orders is not None:
            parts.append(self.tr("%1+ paid orders").replace("%1", str(rule.min_orders)))
        if rule.min_spend_cents is not None:
            money = str(Money(rule.min_spend_cents, "CNY"))
            parts.append(self.tr("%1+ spent").replace("%1", money))
        if rule.top_share is not None:
            share = f"{rule.top_share:.0%}"
            parts.append(self.tr("top %1 by spend").replace("%1", share))
        if rule.first_order_within_days is not None:
            days = str(rule.first_order_within_days)
            parts.append(self.tr("first order within %1 days").replace("%1", days))
        if rule.silent_days is not None:
            days = str(rule.silent_days)
            parts.append(self.tr("no order or contact for %1 days").replace("%1", days))
        if rule.channel:
            name = self.tr("any private channel") if rule.channel == "private" else None
            parts.append(self.tr("in %1").replace("%1", name or channel_name(rule.channel)))
        if not parts:
            return self.tr("every other buyer")
        joiner = self.tr(" or ") if rule.match_any else self.tr(" and ")
        return joiner.join(parts)

    def benefits_text(self, rule: TierRuleSpec) -> str:
        """The rule's benefits in words."""
        parts = []
        if rule.discount_pct:
            parts.append(self.tr("%1 % off").replace("%1", f"{rule.discount_pct:g}"))
        if rule.priority_shipping:
            parts.append(self.tr("priority shipping"))
        if rule.gift:
            parts.append(self.tr("gift: %1").replace("%1", rule.gift))
        if rule.benefit_note:
            parts.append(rule.benefit_note)
        return self.tr(", ").join(parts) if parts else "—"

    def tier_name(self, name: object) -> str:
        """A tier's name, or "no tier"."""
        return str(name) if name else self.tr("(no tier)")

    # Data ---------------------------------------------------------------------------------------

    def draw(self, data: CustomersData) -> None:
        """Read the saved rules, the tier counts and the movement; show the draft's preview."""
        from app.services.tiers import list_rules, tier_counts, tier_movement

        draft = self.rules if self.is_dirty() else None
        self.saved = list_rules(data.reader)
        self.rules = list(self.saved) if draft is None else draft  # a reload keeps the draft
        counts = tier_counts(data.reader, data.today)
        self._counts = counts.groupby("tier")["customers"].sum().to_dict()
        moves = tier_movement(data.reader, data.today, MOVEMENT_MONTHS)
        self._show_rules()
        self.movement.show_moves(moves, self.saved)

    def _show_rules(self, select: int | None = None) -> None:
        rows = [
            {
                "position": number,
                "name": rule.name,
                "conditions_text": self.conditions_text(rule),
                "benefits_text": self.benefits_text(rule),
                "customers": self._counts.get(rule.name, 0),
            }
            for number, rule in enumerate(self.rules, start=1)
        ]
        self.rules_model.set_frame(
            pd.DataFrame(rows, columns=[c.id for c in self.rules_model.columns()])
        )
        fit_columns(self.rules_table)
        if select is not None and 0 <= select < len(self.rules):
            self.rules_table.selectRow(select)
        self._show_preview()
        self._update_buttons()

    def is_dirty(self) -> bool:
        """The draft differs from the saved rules."""
        return self.rules != self.saved

    def _show_preview(self) -> None:
        from app.services.tiers import preview_rules

        if self.data is None:
            return
        if not self.is_dirty():
            frame = pd.DataFrame(columns=["from_tier", "to_tier", "customers"])
            self.preview_note.setText(
                self.tr("No changes yet: edit a rule to see who would move.")
                if self.rules
                else self.tr(
                    "No tier rules yet: start from the default tiers, or add your own. "
                    "Nobody gets a tier until the rules are saved."
                )
            )
        else:
            try:
                frame = preview_rules(self.data.reader, self.rules, self.data.today)
            except ValueError as exc:
                self.preview_note.setText(error_text(exc))
                self.preview.set_frame(pd.DataFrame(columns=["from_name", "to_name", "customers"]))
                return
            moved = int(frame["customers"].sum()) if len(frame) else 0
            self.preview_note.setText(
                self.tr("%1 customers would change tier.").replace("%1", f"{moved:,}")
            )
        frame = frame.copy()
        frame["from_name"] = frame["from_tier"].map(self.tier_name)
        frame["to_name"] = frame["to_tier"].map(self.tier_name)
        self.preview.set_frame(frame)
        fit_columns(self.preview_table)

    # Editing --------------------------------------------------------------------------------------

    def selected_row(self) -> int | None:
        """The selected rule's place in the list."""
        rows = self.rules_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self, *_args: Any) -> None:
        writable = self.data is not None and self.data.store is not None
        row = self.selected_row()
        picked = row is not None
        for button in (self.add_button, self.recompute_button):
            button.setEnabled(writable)
        self.edit_button.setEnabled(writable and picked)
        self.remove_button.setEnabled(writable and picked)
        self.up_button.setEnabled(writable and picked and row > 0)  # type: ignore[operator]
        self.down_button.setEnabled(
            writable and picked and row < len(self.rules) - 1  # type: ignore[operator]
        )
        self.show_button.setEnabled(picked)
        self.defaults_button.setVisible(not self.rules)
        self.defaults_button.setEnabled(writable)
        dirty = self.is_dirty()
        self.save_button.setEnabled(writable and dirty)
        self.revert_button.setEnabled(dirty)

    def set_rule(self, row: int, rule: TierRuleSpec) -> None:
        """Replace the draft's rule at ``row`` (or append when ``row`` is the list's length)."""
        if row == len(self.rules):
            self.rules.append(rule)
        else:
            self.rules[row] = rule
        self._show_rules(row)

    def remove_rule(self, row: int) -> None:
        """Drop the draft's rule at ``row``."""
        del self.rules[row]
        self._show_rules(min(row, len(self.rules) - 1))

    def move_rule(self, step: int) -> None:
        """Move the selected rule up (-1) or down (+1) in the match order."""
        row = self.selected_row()
        if row is None or not 0 <= row + step < len(self.rules):
            return
        self.rules[row], self.rules[row + step] = self.rules[row + step], self.rules[row]
        self._show_rules(row + step)

    def save(self) -> bool:
        """Save the draft and recompute every customer's tier; False (says why) when invalid."""
        from app.services.tiers import save_rules

        if self.data is None or self.data.store is None:
            return False
        loaded = {r.id: r.version for r in self.saved if r.id is not None and r.version}
        try:
            result = save_rules(self.data.store, self.rules, self.data.today, loaded=loaded)
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Tier rules"), error_text(exc))
            return False
        except ConcurrentEditError as exc:
            self._on_conflict(exc)
            return False
        self.status_reported.emit(
            self.tr("Saved the tier rules: %1 customers changed tier").replace(
                "%1", f"{result.changed:,}"
            )
        )
        self.store_changed.emit()
        return True

    def _on_conflict(self, error: ConcurrentEditError) -> None:
        """Someone else saved the rules since they were read: nothing was written."""
        from app.views.dialogs.conflict_box import ask_to_reload

        assert self.data is not None
        before = {r.id: r for r in self.saved}
        edited = [r.name for r in self.rules if before.get(r.id) != r]
        unsaved = self.tr("Rules you changed: %1").replace("%1", ", ".join(edited))
        if ask_to_reload(self, error, unsaved=unsaved if edited else "", today=self.data.today):
            self.reload_rules()

    def reload_rules(self) -> None:
        """Show the rules as the store holds them now (the draft is dropped)."""
        from app.services.tiers import list_rules

        if self.data is None:
            return
        self.saved = list_rules(self.data.reader)
        self.rules = list(self.saved)
        self._show_rules()

    def use_default_rules(self) -> None:
        """Put the default tiers (DESIGN.md) in the draft: preview them, then save."""
        from app.analytics.tiers import default_rules

        self.rules = default_rules()
        self._show_rules(0)

    def revert(self) -> None:
        """Forget the draft's changes."""
        self.rules = list(self.saved)
        self._show_rules()

    def recompute(self) -> None:
        """Apply the saved rules to today's data."""
        from app.services.tiers import recompute_tiers

        if self.data is None or self.data.store is None:
            return
        result = recompute_tiers(self.data.store, self.data.today)
        self.status_reported.emit(
            self.tr("Recomputed tiers: %1 customers changed tier").replace(
                "%1", f"{result.changed:,}"
            )
        )
        if result.changed:
            self.store_changed.emit()

    def _edit(self, row: int, rule: TierRuleSpec) -> None:
        dialog = TierRuleDialog(rule, self)
        if dialog.exec():
            self.set_rule(row, dialog.rule())

    def _on_add_clicked(self) -> None:
        from app.analytics.tiers import TierRuleSpec

        self._edit(len(self.rules), TierRuleSpec(name=self.tr("New tier")))

    def _on_edit_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._edit(row, self.rules[row])

    def _on_rules_double_clicked(self, index: QModelIndex) -> None:
        if self.data is not None and self.data.store is not None:
            self._edit(index.row(), self.rules[index.row()])

    def _on_remove_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.remove_rule(row)

    def _on_show_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.tier_chosen.emit(self.rules[row].name)
