"""The campaign builder: goal, segment rules with a live count, channel, message with a preview,
schedule, coupon and cost, holdout share."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.analytics.retention import (
    PLACEHOLDERS,
    SegmentError,
    SegmentRule,
    TemplateError,
    render_message,
    select_segment,
)
from app.db import Reader, Store
from app.services.campaigns import (
    CHANNELS,
    GOALS,
    CampaignError,
    CampaignSpec,
    message_values,
    save_campaign,
    tier_benefits,
)
from app.services.edits import ConcurrentEditError, DeletedMeanwhileError
from app.views.formatting import platform_names
from app.views.retention.labels import name_of, recurrence_choices
from app.views.widgets.multi_select import MultiSelectButton

PREVIEWS = 3  # customers whose message the preview shows


class CampaignDialog(QDialog):
    """Builds or edits a draft campaign; OK saves it (errors keep the dialog open).

    Attributes:
        campaign_id: the saved campaign's id (after OK).
        count_label: the segment's live count.
        preview: the message as the first customers of the segment get it.
        error_label: why the campaign cannot be saved yet.
    """

    def __init__(
        self,
        store: Store,
        reader: Reader,
        ledger: pd.DataFrame,
        today: datetime,
        spec: CampaignSpec | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Campaign"))
        self._store, self._reader, self._ledger, self._today = store, reader, ledger, today
        self._bought: dict[int, list[str]] | None = None
        self._benefits = tier_benefits(reader)
        self._spec = spec or CampaignSpec(name="")
        self.campaign_id: int | None = spec.id if spec else None
        self._segment: list[int] = []
        self._build()
        self._fill(self._spec)
        self.update_count()

    # Layout -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit()
        self.goal = QComboBox()
        for code in GOALS:
            self.goal.addItem(name_of(code), code)
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(name_of(code), code)
        basics = QFormLayout()
        basics.addRow(self.tr("Name"), self.name)
        basics.addRow(self.tr("Goal"), self.goal)
        basics.addRow(self.tr("Channel"), self.channel)
        layout = QVBoxLayout(self)
        layout.addLayout(basics)
        layout.addWidget(self._segment_box())
        layout.addWidget(self._message_box())
        layout.addWidget(self._schedule_box())
        self.error_label = QLabel()
        self.error_label.setObjectName("ErrorText")
        self.error_label.setStyleSheet("color: #d62728;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _segment_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Who gets it"))
        self.tiers = MultiSelectButton(self.tr("Tiers"), self.tr("All tiers"))
        tiers = [t for t in self._reader_tiers() if t]
        self.tiers.set_options([(t, t) for t in tiers])
        self.platforms = MultiSelectButton(self.tr("Platforms"), self.tr("All platforms"))
        names = platform_names()
        codes = sorted({p for text in self._ledger["platforms"] for p in _split(text)})
        self.platforms.set_options([(p, names.get(p, p)) for p in codes])
        self.min_silent = _spin(0, 3650, self.tr("any"), self.tr(" days"))
        self.max_silent = _spin(0, 3650, self.tr("any"), self.tr(" days"))
        self.min_spend = QDoubleSpinBox()
        self.min_spend.setRange(0, 10_000_000)
        self.min_spend.setDecimals(0)
        self.min_spend.setSpecialValueText(self.tr("any"))
        self.min_spend.setPrefix("¥")
        self.min_orders = _spin(0, 1000, self.tr("any"), "")
        self.private = QComboBox()
        self.private.addItem(self.tr("Anyone"), None)
        self.private.addItem(self.tr("In a private channel"), True)
        self.private.addItem(self.tr("Not in a private channel"), False)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Any of these tags, comma-separated"))
        self.products = QLineEdit()
        self.products.setPlaceholderText(self.tr("Bought any of these products (part of the name)"))
        self.count_label = QLabel()
        self.count_label.setObjectName("SegmentCount")
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)
        picks = QHBoxLayout()
        picks.addWidget(self.tiers)
        picks.addWidget(self.platforms)
        picks.addStretch(1)
        silent = QHBoxLayout()
        silent.addWidget(self.min_silent)
        silent.addWidget(QLabel(self.tr("to")))
        silent.addWidget(self.max_silent)
        silent.addStretch(1)
        form = QFormLayout(box)
        form.addRow(picks)
        form.addRow(self.tr("Days since last order"), silent)
        form.addRow(self.tr("Spent at least"), self.min_spend)
        form.addRow(self.tr("Orders at least"), self.min_orders)
        form.addRow(self.tr("Private channel"), self.private)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Products bought"), self.products)
        form.addRow(self.count_label)
        for signal in (
            self.tiers.selection_changed,
            self.platforms.selection_changed,
            self.min_silent.valueChanged,
            self.max_silent.valueChanged,
            self.min_spend.valueChanged,
            self.min_orders.valueChanged,
            self.private.currentIndexChanged,
            self.tags.textChanged,
            self.products.textChanged,
        ):
            signal.connect(self.update_count)
        return box

    def _message_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Message"))
        self.template = QPlainTextEdit()
        self.template.setFixedHeight(70)
        self.template.textChanged.connect(self.update_preview)
        insert = QHBoxLayout()
        insert.addWidget(QLabel(self.tr("Insert:")))
        for name in PLACEHOLDERS:
            button = QPushButton("{" + name + "}")
            button.setFlat(True)
            button.clicked.connect(
                lambda _c=False, n=name: self.template.insertPlainText(f"{{{n}}}")
            )
            insert.addWidget(button)
        insert.addStretch(1)
        self.coupon = QLineEdit()
        self.coupon.setPlaceholderText(self.tr("Optional; redeemed as the order's channel code"))
        self.coupon.textChanged.connect(self.update_preview)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setObjectName("MessagePreview")
        layout = QVBoxLayout(box)
        layout.addWidget(self.template)
        layout.addLayout(insert)
        form = QFormLayout()
        form.addRow(self.tr("Coupon code"), self.coupon)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Preview:")))
        layout.addWidget(self.preview)
        return box

    def _schedule_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Schedule, cost and holdout"))
        self.scheduled = QDateTimeEdit()
        self.scheduled.setCalendarPopup(True)
        self.scheduled.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.has_schedule = QCheckBox(self.tr("Planned for"))
        self.has_schedule.toggled.connect(self.scheduled.setEnabled)
        self.recurrence = QComboBox()
        for code, name in recurrence_choices():
            self.recurrence.addItem(name, code)
        self.cost = QDoubleSpinBox()
        self.cost.setRange(0, 10_000_000)
        self.cost.setDecimals(2)
        self.cost.setPrefix("¥")
        self.cost.setToolTip(self.tr("Messages, coupons and gifts: what the campaign costs"))
        self.holdout = _spin(0, 50, "", " %")
        self.holdout.setToolTip(
            self.tr("A share of the segment that gets nothing, to measure what the campaign adds")
        )
        self.holdout.valueChanged.connect(self.update_count)
        self.window = _spin(1, 90, "", self.tr(" days"))
        self.window.setToolTip(
            self.tr("An order paid this long after the send counts as a response")
        )
        when = QHBoxLayout()
        when.addWidget(self.has_schedule)
        when.addWidget(self.scheduled)
        when.addWidget(self.recurrence)
        when.addStretch(1)
        form = QFormLayout(box)
        form.addRow(self.tr("Send"), when)
        form.addRow(self.tr("Cost"), self.cost)
        form.addRow(self.tr("Holdout group"), self.holdout)
        form.addRow(self.tr("Response window"), self.window)
        return box

    def _reader_tiers(self) -> list[str]:
        rows = self._reader.query("SELECT name FROM tier_rules WHERE active ORDER BY position")[1]
        return [name for (name,) in rows]

    # Values -------------------------------------------------------------------------------------

    def _fill(self, spec: CampaignSpec) -> None:
        self.name.setText(spec.name)
        self.goal.setCurrentIndex(max(0, self.goal.findData(spec.goal)))
        self.channel.setCurrentIndex(max(0, self.channel.findData(spec.channel)))
        try:
            rule = SegmentRule.from_json(spec.segment_rule)
        except SegmentError:
            rule = SegmentRule()
        self.set_rule(rule)
        self.template.setPlainText(spec.message_template)
        self.coupon.setText(spec.coupon_code)
        self.has_schedule.setChecked(spec.scheduled_at is not None)
        self.scheduled.setEnabled(spec.scheduled_at is not None)
        moment = spec.scheduled_at or self._today.replace(hour=19, minute=30, second=0)
        self.scheduled.setDateTime(QDateTime(moment))
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(spec.recurrence)))
        self.cost.setValue((spec.cost_cents or 0) / 100)
        self.holdout.setValue(round(spec.holdout_share * 100))
        self.window.setValue(spec.response_window_days)

    def set_rule(self, rule: SegmentRule) -> None:
        """Show ``rule`` in the segment fields."""
        self.tiers.set_selected(list(rule.tiers))
        self.platforms.set_selected(list(rule.platforms))
        self.min_silent.setValue(rule.min_days_silent or 0)
        self.max_silent.setValue(rule.max_days_silent or 0)
        self.min_spend.setValue((rule.min_spend_cents or 0) / 100)
        self.min_orders.setValue(rule.min_orders or 0)
        self.private.setCurrentIndex(max(0, self.private.findData(rule.private_channel)))
        self.tags.setText(", ".join(rule.tags))
        self.products.setText(", ".join(rule.products))

    def rule(self) -> SegmentRule:
        """The segment the fields describe."""
        return SegmentRule(
            tiers=tuple(str(t) for t in self.tiers.selected()),
            min_days_silent=self.min_silent.value() or None,
            max_days_silent=self.max_silent.value() or None,
            min_spend_cents=round(self.min_spend.value() * 100) or None,
            min_orders=self.min_orders.value() or None,
            platforms=tuple(str(p) for p in self.platforms.selected()),
            private_channel=self.private.currentData(),
            tags=tuple(_split(self.tags.text())),
            products=tuple(_split(self.products.text())),
        )

    def spec(self) -> CampaignSpec:
        """The campaign the dialog describes."""
        scheduled = None
        if self.has_schedule.isChecked():
            scheduled = self.scheduled.dateTime().toPython().replace(second=0, microsecond=0)
        cost = round(self.cost.value() * 100)
        return CampaignSpec(
            id=self._spec.id,
            name=self.name.text(),
            goal=self.goal.currentData(),
            segment_rule=self.rule().to_json(),
            channel=self.channel.currentData(),
            message_template=self.template.toPlainText(),
            scheduled_at=scheduled,
            recurrence=self.recurrence.currentData(),
            coupon_code=self.coupon.text(),
            cost_cents=cost or None,
            holdout_share=self.holdout.value() / 100,
            holdout_seed=self._spec.holdout_seed,
            response_window_days=self.window.value(),
            version=self._spec.version,
        )

    def segment(self) -> list[int]:
        """The ids of the customers the rule selects now."""
        rule = self.rule()
        if rule.products and self._bought is None:
            from app.services.campaigns import bought_products

            self._bought = bought_products(self._reader)
        return select_segment(self._ledger, rule, self._today.date(), self._bought)

    # Live feedback ------------------------------------------------------------------------------

    def update_count(self) -> None:
        """Count the segment again and refresh the preview."""
        self._segment = self.segment()
        holdout = round(self.holdout.value() / 100 * len(self._segment))
        self.count_label.setText(
            self.tr("%1 customers match · %2 get the message, %3 held out")
            .replace("%1", f"{len(self._segment):,}")
            .replace("%2", f"{len(self._segment) - holdout:,}")
            .replace("%3", f"{holdout:,}")
        )
        self.update_preview()

    def update_preview(self) -> None:
        """Render the message for the first customers of the segment."""
        template = self.template.toPlainText()
        if not template.strip():
            self.preview.setText(self.tr("Write the message; placeholders fill in per customer."))
            return
        chosen = self._ledger[self._ledger["customer_id"].isin(self._segment[:PREVIEWS])]
        values = message_values(chosen, self._benefits, self.coupon.text().strip())
        try:
            lines = [
                f"{row['name']}: {render_message(template, row)}"
                for row in values.to_dict(orient="records")
            ]
        except TemplateError as error:
            self.preview.setText(str(error))
            return
        self.preview.setText("\n".join(lines) or self.tr("No customer matches the rules yet."))

    def _on_buttons_accepted(self) -> None:
        try:
            self.campaign_id = save_campaign(self._store, self.spec())
        except CampaignError as error:
            self.error_label.setText(str(error))
            return
        except ConcurrentEditError as error:
            self._on_conflict(error)
            return
        self.accept()

    def _on_conflict(self, error: ConcurrentEditError) -> None:
        """Someone else changed (or deleted) the campaign: offer their version; nothing saved."""
        from app.services.campaigns import get_campaign
        from app.views.dialogs.conflict_box import ask_to_reload, conflict_text

        unsaved = "\n".join(
            f"{label}: {value}"
            for label, value in (
                (self.tr("Name"), self.name.text()),
                (self.tr("Message"), self.template.toPlainText()),
                (self.tr("Coupon code"), self.coupon.text()),
            )
            if value
        )
        reload = ask_to_reload(self, error, unsaved=unsaved, today=self._today.date())
        if isinstance(error, DeletedMeanwhileError):
            self.reject()
            return
        if not reload or self._spec.id is None:
            self.error_label.setText(conflict_text(error, self._today.date()))
            return
        self._spec = get_campaign(self._reader, self._spec.id)
        self._fill(self._spec)
        self.error_label.setText(
            self.tr("This is their version now: make your change again, then save.")
        )


def _spin(low: int, high: int, special: str, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    if special:
        box.setSpecialValueText(special)
    box.setSuffix(suffix)
    return box


def _split(text: object) -> list[str]:
    if not isinstance(text, str):
        return []
    return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]
