"""Edit one tier rule: who is in it (orders, spend, recency, channel) and what it gets."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.analytics.tiers import ANY_PRIVATE, TierRuleSpec
from app.views.customers.labels import PRIVATE_CHANNELS, channel_name

NOT_SET = 0  # a spin box at 0 leaves its condition unset
MAX_COUNT = 100_000
MAX_YUAN = 100_000_000
MIN_WIDTH = 380


def _count_box(suffix: str, unset: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NOT_SET, MAX_COUNT)
    box.setSpecialValueText(unset)
    box.setSuffix(suffix)
    return box


class TierRuleDialog(QDialog):
    """A form over a :class:`TierRuleSpec`; ``rule()`` gives the edited rule back.

    A number left at 0 means "no condition" (shown as "—"); the rule's id and position stay.
    """

    def __init__(self, rule: TierRuleSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tier rule"))
        self._rule = rule
        unset = self.tr("—")
        self.name = QLineEdit(rule.name)
        self.min_orders = _count_box(self.tr(" orders"), unset)
        self.min_spend = QDoubleSpinBox()
        self.min_spend.setRange(NOT_SET, MAX_YUAN)
        self.min_spend.setDecimals(0)
        self.min_spend.setPrefix("¥")
        self.min_spend.setSpecialValueText(unset)
        self.top_share = QSpinBox()
        self.top_share.setRange(NOT_SET, 100)
        self.top_share.setSuffix(" %")
        self.top_share.setSpecialValueText(unset)
        self.first_within = _count_box(self.tr(" days"), unset)
        self.silent = _count_box(self.tr(" days"), unset)
        self.channel = QComboBox()
        self.channel.addItem(self.tr("Any"), "")
        self.channel.addItem(self.tr("Any private channel"), ANY_PRIVATE)
        for code in PRIVATE_CHANNELS:
            self.channel.addItem(channel_name(code), code)
        self.match_any = QComboBox()
        self.match_any.addItem(self.tr("All the conditions set"), False)
        self.match_any.addItem(self.tr("Any one of them"), True)
        self.discount = QDoubleSpinBox()
        self.discount.setRange(0, 99)
        self.discount.setDecimals(1)
        self.discount.setSuffix(" %")
        self.discount_hint = QLabel()
        self.discount.valueChanged.connect(self._on_discount_value_changed)
        self.priority = QCheckBox(self.tr("Priority shipping"))
        self.gift = QLineEdit(rule.gift)
        self.note = QLineEdit(rule.benefit_note)
        self.warning = _count_box(self.tr(" days"), self.tr("shop default"))
        self._fill(rule)
        self._build_layout()

    def _fill(self, rule: TierRuleSpec) -> None:
        self.min_orders.setValue(rule.min_orders or NOT_SET)
        self.min_spend.setValue((rule.min_spend_cents or 0) / 100)
        self.top_share.setValue(round((rule.top_share or 0) * 100))
        self.first_within.setValue(rule.first_order_within_days or NOT_SET)
        self.silent.setValue(rule.silent_days or NOT_SET)
        self.channel.setCurrentIndex(max(self.channel.findData(rule.channel), 0))
        self.match_any.setCurrentIndex(1 if rule.match_any else 0)
        self.discount.setValue(rule.discount_pct)
        self.priority.setChecked(rule.priority_shipping)
        self.warning.setValue(rule.warning_days or NOT_SET)

    def _build_layout(self) -> None:
        conditions = QGroupBox(self.tr("Who is in this tier"))
        form = QFormLayout(conditions)
        form.addRow(self.tr("Paid orders at least"), self.min_orders)
        form.addRow(self.tr("Net spend at least"), self.min_spend)
        form.addRow(self.tr("Among the top spenders"), self.top_share)
        form.addRow(self.tr("First order within"), self.first_within)
        form.addRow(self.tr("No order or contact for"), self.silent)
        form.addRow(self.tr("Private channel"), self.channel)
        form.addRow(self.tr("Must meet"), self.match_any)
        benefits = QGroupBox(self.tr("What this tier gets"))
        benefit_form = QFormLayout(benefits)
        discount_row = QHBoxLayout()
        discount_row.addWidget(self.discount, 1)
        discount_row.addWidget(self.discount_hint)
        benefit_form.addRow(self.tr("Discount"), discount_row)
        benefit_form.addRow("", self.priority)
        benefit_form.addRow(self.tr("Gift"), self.gift)
        benefit_form.addRow(self.tr("Other benefits"), self.note)
        benefit_form.addRow(self.tr("Churn warning after"), self.warning)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow(self.tr("Tier name"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(conditions)
        layout.addWidget(benefits)
        layout.addWidget(buttons)
        self.setMinimumWidth(MIN_WIDTH)
        self._on_discount_value_changed(self.discount.value())

    def rule(self) -> TierRuleSpec:
        """The rule as edited (id and position unchanged)."""

        def optional(value: float) -> int | None:
            return int(value) if value != NOT_SET else None

        spend = self.min_spend.value()
        share = self.top_share.value()
        return replace(
            self._rule,
            name=self.name.text().strip(),
            min_orders=optional(self.min_orders.value()),
            min_spend_cents=round(spend * 100) if spend else None,
            top_share=share / 100 if share else None,
            first_order_within_days=optional(self.first_within.value()),
            silent_days=optional(self.silent.value()),
            channel=str(self.channel.currentData()),
            match_any=bool(self.match_any.currentData()),
            discount_pct=float(self.discount.value()),
            priority_shipping=self.priority.isChecked(),
            gift=self.gift.text().strip(),
            benefit_note=self.note.text().strip(),
            warning_days=optional(self.warning.value()),
        )

    def _on_discount_value_changed(self, value: float) -> None:
        # %1: the share paid (88); %2: the same as Chinese shops say it (8.8 for 8.8折).
        paid = f"{100 - value:.1f}".rstrip("0").rstrip(".")
        fold = f"{(100 - value) / 10:.2f}".rstrip("0").rstrip(".")
        text = self.tr("pays %1 %").replace("%1", paid).replace("%2", fold)
        self.discount_hint.setText(text if value else "")

    def _on_accepted(self) -> None:
        if not self.name.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("The tier needs a name."))
            return
        self.accept()
