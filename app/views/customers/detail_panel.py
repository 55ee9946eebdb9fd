"""The current customer: key facts, orders across platforms, tiers, campaigns, tags and note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import StoreError
from app.services.edits import ConcurrentEditError, now
from app.views.customers.labels import channel_name, segment_name, tier_reason_text
from app.views.dialogs.conflict_box import ask_to_reload, stamp_text
from app.views.formatting import UNKNOWN, code_names
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel, format_cell
from app.views.traffic.sub_view import fit_columns, frame_table

if TYPE_CHECKING:
    from app.tasks import Task
    from app.views.customers.sub_view import CustomersData

TABLE_HEIGHT = 180
NOTE_HEIGHT = 60


class CustomerDetailPanel(QWidget):
    """One customer: facts, editable tags and note, and tables of what happened to them.

    Attributes:
        customer_id: the customer shown (None when blank).
        version: the customer's row version as shown (a save of tags and note names it).
        stamp_label: who changed the customer by hand last, and when.
        orders, tiers, campaigns, identities: the section tables' models.

    Signals:
        store_changed(): tags, note or a split were saved.
        status_reported(str): a message for the window's status bar.
    """

    store_changed = Signal()
    status_reported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id: int | None = None
        self.version: int | None = None
        self._data: CustomersData | None = None
        self._erasing: Task | None = None  # the erasure running on the store worker
        self.title = QLabel()
        self.title.setObjectName("DetailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.facts: dict[str, QLabel] = {}
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("Comma-separated, e.g. 宝妈, 回头客"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(NOTE_HEIGHT)
        self.note_edit.setPlaceholderText(self.tr("What to remember about this customer"))
        self.save_button = QPushButton(self.tr("Save tags and note"))
        self.save_button.clicked.connect(self.save_tags_and_note)
        self.forget_button = QPushButton(self.tr("Erase personal data…"))
        self.forget_button.setToolTip(
            self.tr(
                "When a customer asks to be forgotten: their name, phone, address, note, "
                "identities, contacts and review texts are erased, here and in the backups; their "
                "orders stay as an anonymous buyer's, so the figures do not change"
            )
        )
        self.forget_button.clicked.connect(self._on_forget_button_clicked)
        self.stamp_label = QLabel()
        self.stamp_label.setObjectName("HintLabel")
        self.orders = FrameModel(self._order_columns(), ("product_name", "order_no"), self)
        self.tiers = FrameModel(self._tier_columns(), (), self)
        self.campaigns = FrameModel(self._campaign_columns(), ("name",), self)
        self.identities = FrameModel(self._identity_columns(), (), self)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self.identity_table = self._table(self.identities)
        for model, title in (
            (self.orders, self.tr("Orders")),
            (self.tiers, self.tr("Tier history")),
            (self.campaigns, self.tr("Campaigns")),
        ):
            self.sections.addTab(self._table(model), title)
        self.split_button = QPushButton(self.tr("Split off the selected identities"))
        self.split_button.setToolTip(
            self.tr("They become a customer of their own again (undo under Merges)")
        )
        self.split_button.clicked.connect(self._on_split_button_clicked)
        identity_page = QWidget()
        identity_layout = QVBoxLayout(identity_page)
        identity_layout.setContentsMargins(0, 0, 0, 0)
        identity_layout.addWidget(self.identity_table)
        identity_layout.addWidget(self.split_button)
        self.sections.addTab(identity_page, self.tr("Identities"))
        self._build_layout()
        self.clear()

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        captions = (
            ("tier", self.tr("Tier")),
            ("segment", self.tr("RFM segment")),
            ("paid_orders", self.tr("Paid orders")),
            ("net", self.tr("Net spend")),
            ("first", self.tr("First order")),
            ("last", self.tr("Last order")),
            ("recency", self.tr("Days since order")),
            ("channel", self.tr("Private channel")),
        )
        for number, (key, caption) in enumerate(captions):
            label = QLabel(caption)
            label.setObjectName("KpiCaption")
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            row, column = divmod(number, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(value, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        tags_row = QHBoxLayout()
        tags_row.addWidget(QLabel(self.tr("Tags")))
        tags_row.addWidget(self.tags_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 4, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(grid)
        layout.addLayout(tags_row)
        layout.addWidget(QLabel(self.tr("Note")))
        layout.addWidget(self.note_edit)
        save_row = QHBoxLayout()
        save_row.addWidget(self.stamp_label, 1)
        save_row.addWidget(self.forget_button)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        layout.addWidget(self.sections, 1)

    def _table(self, model: FrameModel) -> QTableView:
        table = frame_table(model, row_height=24)
        table.setMinimumHeight(TABLE_HEIGHT)
        return table

    def _order_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("paid_at", self.tr("Paid"), "date"),
            FrameColumn("platform", self.tr("Platform"), "platform"),
            FrameColumn("product_name", self.tr("Product")),
            FrameColumn("quantity", self.tr("Qty"), "int"),
            FrameColumn("net_cents", self.tr("Net"), "money", "currency"),
            FrameColumn("status", self.tr("Status")),
            FrameColumn("traffic_format", self.tr("Traffic"), "traffic_format"),
            FrameColumn("order_no", self.tr("Order no.")),
        ]

    def _tier_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("assigned_at", self.tr("From"), "date"),
            FrameColumn("tier", self.tr("Tier")),
            FrameColumn("paid_orders", self.tr("Paid orders"), "int"),
            FrameColumn("reason", self.tr("Why")),
        ]

    def _campaign_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("sent_at", self.tr("Sent"), "date"),
            FrameColumn("name", self.tr("Campaign")),
            FrameColumn("group_name", self.tr("Group")),
            FrameColumn("responded_at", self.tr("Responded"), "date"),
            FrameColumn("revenue_cents", self.tr("Revenue"), "money", "currency"),
        ]

    def _identity_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("platform", self.tr("Platform"), "platform"),
            FrameColumn("kind_name", self.tr("Known by")),
            FrameColumn("value", self.tr("Value")),
        ]

    # Showing --------------------------------------------------------------------------------

    def clear(self) -> None:
        """Show nothing (no customer is current)."""
        self.customer_id = None
        self.version = None
        self.stamp_label.clear()
        self.title.setText(self.tr("No customer selected"))
        self.subtitle.setText("")
        for label in self.facts.values():
            label.setText(UNKNOWN)
        for model in (self.orders, self.tiers, self.campaigns, self.identities):
            model.set_frame(pd.DataFrame(columns=[c.id for c in model.columns()]))
        self.tags_edit.clear()
        self.note_edit.clear()
        self._set_editable(False)

    def _set_editable(self, on: bool) -> None:
        for widget in (self.tags_edit, self.note_edit, self.save_button, self.split_button):
            widget.setEnabled(on)
        self.forget_button.setEnabled(on and self._erasing is None)  # one erasure at a time

    def show_customer(self, record: dict[str, Any], data: CustomersData) -> None:
        """Show the ledger row ``record``, reading its orders, tiers and campaigns."""
        from app.services.customers import customer_detail

        self._data = data
        self.customer_id = int(record["customer_id"])
        # The ledger row we hold spares the service recomputing it (~10 ms instead of ~0.2 s).
        detail = customer_detail(data.reader, self.customer_id, data.today, ledger_row=record)
        self._show_facts(record)
        self.orders.set_frame(detail.orders.sort_values("paid_at", ascending=False))
        tiers = detail.tiers.iloc[::-1].copy()
        tiers["reason"] = tiers["reason"].map(tier_reason_text)
        self.tiers.set_frame(tiers)
        campaigns = detail.campaigns.copy()
        campaigns["group_name"] = campaigns["group"].map(self._group_name)
        self.campaigns.set_frame(campaigns)
        identities = detail.identities.copy()
        identities["kind_name"] = identities["kind"].map(self._kind_name)
        self.identities.set_frame(identities)
        for number in range(self.sections.count()):
            page = self.sections.widget(number)
            table = page if isinstance(page, QTableView) else self.identity_table
            fit_columns(table)
        self.sections.setTabText(
            0, self.tr("Orders (%1)").replace("%1", f"{detail.orders['order_no'].nunique():,}")
        )
        self.tags_edit.setText(str(record.get("tags") or ""))
        self.note_edit.setPlainText(str(record.get("note") or ""))
        self._show_stamp(detail.stamp)
        self._set_editable(data.store is not None)
        self.split_button.setEnabled(data.store is not None and len(identities) > 1)

    def _show_stamp(self, stamp: Any) -> None:
        self.version = stamp.version
        today = self._data.today if self._data is not None else None
        self.stamp_label.setText(stamp_text(stamp.changed_by, stamp.changed_at, today))

    def reload_tags_and_note(self) -> None:
        """Show the tags and note as the store holds them now (someone else changed them)."""
        from app.services.customers import customer_detail

        data = self._data
        if data is None or self.customer_id is None:
            return
        detail = customer_detail(data.reader, self.customer_id, data.today)
        self.tags_edit.setText(str(detail.customer.get("tags") or ""))
        self.note_edit.setPlainText(str(detail.customer.get("note") or ""))
        self._show_stamp(detail.stamp)

    def _show_facts(self, record: dict[str, Any]) -> None:
        from app.views.customers.ledger_frame import platforms_text

        self.title.setText(str(record.get("display_name") or UNKNOWN))
        platforms = platforms_text(record.get("platforms"))
        parts = [record.get("masked_phone"), record.get("region"), platforms]
        self.subtitle.setText(" · ".join(str(p) for p in parts if p))
        currency = record.get("currency") or "CNY"
        orders = record.get("paid_orders")
        recency = record.get("recency_days")
        channel = channel_name(record.get("private_channel"))
        since = record.get("private_since")
        if channel and since is not None:
            channel = self.tr("%1 since %2").replace("%1", channel)
            channel = channel.replace("%2", format_cell(since, "date"))
        values = {
            "tier": record.get("tier") or UNKNOWN,
            "segment": segment_name(record.get("segment")) or UNKNOWN,
            "paid_orders": format_cell(orders, "int") if orders is not None else UNKNOWN,
            "net": format_cell(record.get("net_cents") or 0, "money", currency),
            "first": _date(record.get("first_paid_at")),
            "last": _date(record.get("last_paid_at")),
            "recency": format_cell(recency, "int") if recency is not None else UNKNOWN,
            "channel": channel or self.tr("Not yet"),
        }
        for key, text in values.items():
            self.facts[key].setText(str(text))

    def _group_name(self, group: object) -> str:
        return self.tr("Control") if group == "control" else self.tr("Treatment")

    def _kind_name(self, kind: object) -> str:
        names = {
            "buyer_id": self.tr("Buyer ID"),
            "name_phone": self.tr("Name + phone"),
            "phone_hash": self.tr("Phone"),
        }
        return names.get(str(kind)) or code_names().get(str(kind), str(kind))

    # Writing --------------------------------------------------------------------------------

    def save_tags_and_note(self) -> bool:
        """Save the tags and note typed for the current customer; False when refused.

        Refused (nothing written) when someone else changed the customer since it was shown:
        a message says who, and offers to show their version.
        """
        from app.services.customers import save_tags_and_note

        data = self._data
        if data is None or data.store is None or self.customer_id is None:
            return False
        tags, note = self.tags_edit.text(), self.note_edit.toPlainText().strip()
        try:
            tags, self.version = save_tags_and_note(
                data.store, self.customer_id, tags, note, self.version
            )
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Tags and note"), error_text(exc))
            return False
        except ConcurrentEditError as exc:
            unsaved = f"{self.tr('Tags')}: {tags}\n{self.tr('Note')}: {note}"
            if ask_to_reload(self, exc, unsaved=unsaved, today=data.today):
                self.reload_tags_and_note()
            return False
        self.tags_edit.setText(tags)
        self.stamp_label.setText(stamp_text(data.store.user_name, now(), data.today))
        self.status_reported.emit(
            self.tr("Saved the tags and note of %1").replace("%1", self.title.text())
        )
        self.store_changed.emit()
        return True

    def selected_identity_ids(self) -> list[int]:
        """The identities picked in the Identities table."""
        rows = sorted({i.row() for i in self.identity_table.selectionModel().selectedRows()})
        return [int(self.identities.value(r, "id")) for r in rows]

    def split_selected(self) -> int | None:
        """Split the selected identities off into a customer of their own; the split's id."""
        from app.services.customers import split_customer
        from app.views.customers.labels import MANUAL_SPLIT

        data = self._data
        ids = self.selected_identity_ids()
        if data is None or data.store is None or self.customer_id is None or not ids:
            return None
        try:
            split_id = split_customer(data.store, self.customer_id, ids, reason=MANUAL_SPLIT)
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Split customer"), error_text(exc))
            return None
        self.status_reported.emit(
            self.tr("Split %1 identities off %2")
            .replace("%1", str(len(ids)))
            .replace("%2", self.title.text())
        )
        self.store_changed.emit()
        return int(split_id)

    def _on_split_button_clicked(self) -> None:
        if not self.selected_identity_ids():
            QMessageBox.information(
                self,
                self.tr("Split customer"),
                self.tr("Select the identities to split off in the table first."),
            )
            return
        self.split_selected()

    def forget_customer(self) -> bool:
        """Erase the shown customer's personal data (after the caller confirmed it).

        With the window's store worker (``data.runner``) the erasure runs there: on a SQLite
        store it rewrites every backup and vacuums, seconds on a big store, and the window stays
        responsive meanwhile (the button shows it is working). Returns whether it started.
        """
        from app.services.privacy import forget_customer_in

        data = self._data
        if data is None or data.store is None or self.customer_id is None:
            return False
        store, customer_id, name = data.store, self.customer_id, self.title.text()
        if data.runner is None:
            try:
                done = forget_customer_in(store, customer_id)
            except StoreError as exc:
                self._forget_failed(exc)
                return False
            self._forgotten(name, done.order_lines)
            return True
        self.forget_button.setEnabled(False)
        self.forget_button.setText(self.tr("Erasing…"))
        self.status_reported.emit(self.tr("Erasing the personal data of %1…").replace("%1", name))
        task = data.runner.submit(lambda _task: forget_customer_in(store, customer_id))
        task.on_success(lambda done: self._forgotten(name, done.order_lines))
        task.on_failure(self._forget_failed)
        self._erasing = task  # held until it reports
        return True

    def _forgotten(self, name: str, order_lines: int) -> None:
        self._erase_finished()
        self.status_reported.emit(
            self.tr("Erased the personal data of %1; %2 orders kept as an anonymous buyer's")
            .replace("%1", name)
            .replace("%2", str(order_lines))
        )
        self.store_changed.emit()

    def _forget_failed(self, error: BaseException) -> None:
        self._erase_finished()
        if not isinstance(error, StoreError):
            raise error  # a bug: the worker logged it; let the app's hook show it
        QMessageBox.warning(self, self.tr("Erase personal data"), error_text(error))

    def _erase_finished(self) -> None:
        self._erasing = None
        self.forget_button.setText(self.tr("Erase personal data…"))
        self.forget_button.setEnabled(self.save_button.isEnabled())  # as editable as the rest

    def _on_forget_button_clicked(self) -> None:
        if self.customer_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Erase personal data"),
            self.tr(
                "Erase everything that names or reaches %1: name, phone, address, note, "
                "identities, contacts and review texts, in this store and its backups?\n\n"
                "Their orders stay, as an anonymous buyer's, so your figures do not change. "
                "This cannot be undone."
            ).replace("%1", self.title.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.forget_customer()


def _date(value: Any) -> str:
    return UNKNOWN if value is None else format_cell(value, "date")
