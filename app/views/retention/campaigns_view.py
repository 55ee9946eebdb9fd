"""活动 Campaigns: the history with each campaign's uplift, the builder, the send list, results."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.dates import DateFormatter
from matplotlib.ticker import PercentFormatter
from PySide6.QtCore import QDateTime, QSettings, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import charts
from app.analytics.retention import CampaignResult, SegmentRule, next_send_dates
from app.services.campaigns import CampaignError, CampaignSpec
from app.services.edits import ConcurrentEditError
from app.services.tables import Money
from app.views.retention.labels import name_of
from app.views.retention.sub_view import RetentionData, SubView
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas


class CampaignsView(SubView):
    """Campaign history on top, the chosen campaign's result below, actions in a row.

    Attributes:
        model, table: one row per campaign, newest first.
        history: the frame the table shows.
        result_labels: figure id → its label in the result panel.
        dialog: the open builder (None when closed), for tests.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = pd.DataFrame()
        self.dialog: Any = None
        self._pending: int | None = None  # a campaign just saved: chosen on the next draw
        self.model = FrameModel(self._columns(), ("name_text",), self)
        self.table = frame_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.new_button = QPushButton(self.tr("New campaign…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.copy_button = QPushButton(self.tr("Copy…"))
        self.copy_button.setToolTip(
            self.tr("A new draft with the same rules and message (e.g. next week's send)")
        )
        self.delete_button = QPushButton(self.tr("Delete"))
        self.draw_button = QPushButton(self.tr("Draw groups"))
        self.draw_button.setToolTip(
            self.tr("Pick the customers now and hold out the control group (same seed, same draw)")
        )
        self.export_button = QPushButton(self.tr("Export send list…"))
        self.sent_button = QPushButton(self.tr("Mark as sent…"))
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.draw_button.clicked.connect(self._on_draw_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.sent_button.clicked.connect(self._on_sent_button_clicked)
        bar = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.copy_button,
            self.delete_button,
            self.draw_button,
            self.export_button,
            self.sent_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        self.chart = ChartCanvas(min_height=160)
        bottom = QWidget()
        lower = QHBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self._result_panel(), 3)
        lower.addWidget(self.chart, 2)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    def _columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("when", self.tr("Sent / planned"), "datetime"),
            FrameColumn("name", self.tr("Campaign")),
            FrameColumn("goal_text", self.tr("Goal")),
            FrameColumn("channel_text", self.tr("Channel")),
            FrameColumn("status_text", self.tr("Status")),
            FrameColumn("next_send", self.tr("Next send"), "datetime"),
            FrameColumn("treated", self.tr("Treatment"), "int"),
            FrameColumn("control", self.tr("Holdout"), "int"),
            FrameColumn("treatment_rate", self.tr("Response"), "rate"),
            FrameColumn("control_rate", self.tr("Holdout response"), "rate"),
            FrameColumn(
                "uplift",
                self.tr("Uplift"),
                "rate",
                tooltip=self.tr("Treatment response rate minus holdout response rate"),
            ),
            FrameColumn("extra_revenue_cents", self.tr("Extra revenue"), "money", "currency"),
            FrameColumn("roi", self.tr("ROI"), "rate"),
        ]

    def _result_panel(self) -> QGroupBox:
        self.result_box = QGroupBox(self.tr("Result"))
        grid = QGridLayout(self.result_box)
        captions = {
            "treatment": self.tr("Treatment response"),
            "control": self.tr("Holdout response"),
            "uplift": self.tr("Uplift (95 % CI)"),
            "p_value": self.tr("p-value"),
            "extra_orders": self.tr("Extra orders"),
            "extra_revenue": self.tr("Extra revenue"),
            "cost": self.tr("Cost"),
            "roi": self.tr("ROI"),
        }
        self.result_labels: dict[str, QLabel] = {}
        for number, (key, caption) in enumerate(captions.items()):
            value = QLabel("—")
            value.setObjectName("KpiValue")
            self.result_labels[key] = value
            row, column = divmod(number, 4)
            grid.addWidget(QLabel(caption), row * 2, column)
            grid.addWidget(value, row * 2 + 1, column)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        grid.addWidget(self.verdict, 4, 0, 1, 4)
        return self.result_box

    # Drawing ------------------------------------------------------------------------------------

    def draw(self, data: RetentionData) -> None:
        """Read the campaign history (results as of today) and show it."""
        from app.services.campaigns import campaign_history

        chosen, self._pending = self._pending or self.selected_id(), None
        history = campaign_history(data.reader, data.today)
        history["goal_text"] = history["goal"].map(name_of)
        history["channel_text"] = history["channel"].map(name_of)
        history["status_text"] = history["status"].map(name_of)
        history["name_text"] = history["name"]
        self.history = history
        self.model.set_frame(history)
        fit_columns(self.table, 1, 220)
        row = self.model.row_of("id", chosen) if chosen is not None else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._show_result()
        self._draw_history(history)

    def _draw_history(self, history: pd.DataFrame) -> None:
        """Each sent campaign's uplift with its 95 % interval, by send date."""
        sent = history[history["uplift"].notna()].sort_values("when") if len(history) else history
        if sent.empty:
            self.chart.show_message(self.tr("Uplifts appear here once a campaign is sent."))
            return
        figure = charts.new_figure(5, 2.4)
        axes = figure.add_subplot()
        low = (sent["uplift"] - sent["ci_low"]).to_numpy()
        high = (sent["ci_high"] - sent["uplift"]).to_numpy()
        axes.errorbar(
            sent["when"], sent["uplift"], yerr=[low, high], fmt="o", color="#4e79a7", capsize=4
        )
        axes.axhline(0, color="#7f7f7f", linewidth=0.8)
        axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        axes.set_title(self.tr("Uplift per campaign (95 % interval)"))
        axes.margins(x=0.15)
        axes.xaxis.set_major_formatter(DateFormatter("%m-%d"))
        axes.tick_params(axis="x", labelsize=8)
        self.chart.show_figure(figure)

    def selected_id(self) -> int | None:
        """The id of the campaign chosen in the table."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return int(self.model.value(rows[0].row(), "id"))

    def select_campaign(self, campaign_id: int) -> None:
        """Choose a campaign in the table."""
        row = self.model.row_of("id", campaign_id)
        if row >= 0:
            self.table.selectRow(row)

    def _selected_row(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_values(rows[0].row()) if rows else None

    def _on_selection_changed(self, *_args: object) -> None:
        self._update_buttons()
        self._show_result()

    def _update_buttons(self) -> None:
        row = self._selected_row() if self.table.selectionModel() else None
        writable = self.data is not None and self.data.store is not None
        draft = row is not None and row["status"] != "sent"
        drawn = row is not None and self._has_targets(int(row["id"]))
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and draft)
        self.copy_button.setEnabled(writable and row is not None)
        self.delete_button.setEnabled(writable and row is not None)
        self.draw_button.setEnabled(writable and draft)
        self.export_button.setEnabled(drawn)
        self.sent_button.setEnabled(writable and draft and drawn)

    def _has_targets(self, campaign_id: int) -> bool:
        if self.data is None:
            return False
        rows = self.data.reader.query(
            "SELECT COUNT(*) FROM campaign_targets WHERE campaign_id = :id", {"id": campaign_id}
        )[1]
        return bool(rows[0][0])

    def _show_result(self) -> None:
        row = self._selected_row()
        for label in self.result_labels.values():
            label.setText("—")
        if row is None or self.data is None:
            self.verdict.setText("")
            return
        if row["status"] != "sent":
            self.verdict.setText(self._draft_note(row))
            return
        from app.services.campaigns import campaign_results

        result = campaign_results(self.data.reader, int(row["id"]), self.data.today)
        self._show_figures(result)

    def _draft_note(self, row: dict[str, Any]) -> str:
        if not self._has_targets(int(row["id"])):
            return self.tr("Draft: draw the groups, export the send list, then mark it as sent.")
        return self.tr(
            "Groups drawn: export the send list, send it with your tool, then mark it as sent."
        )

    def _show_figures(self, result: CampaignResult) -> None:
        labels = self.result_labels
        labels["treatment"].setText(
            _rate_of(result.treatment_rate, result.responders_treated, result.treated)
        )
        labels["control"].setText(
            _rate_of(result.control_rate, result.responders_control, result.control)
        )
        comparison = result.comparison
        if comparison is not None:
            low, high = comparison.ci_low, comparison.ci_high
            labels["uplift"].setText(f"{comparison.difference:+.1%} ({low:+.1%} … {high:+.1%})")
            if comparison.p_value is not None:
                labels["p_value"].setText(f"{comparison.p_value:.3f}")
        if result.extra_orders is not None:
            labels["extra_orders"].setText(f"{result.extra_orders:+,.1f}")
        if result.extra_revenue_cents is not None:
            labels["extra_revenue"].setText(
                str(Money(round(result.extra_revenue_cents), result.currency))
            )
        if result.cost_cents is not None:
            labels["cost"].setText(str(Money(result.cost_cents, result.currency)))
        if result.roi is not None:
            labels["roi"].setText(f"{result.roi:.0%}")
        self.verdict.setText(self._verdict(result))

    def _verdict(self, result: CampaignResult) -> str:
        comparison = result.comparison
        if comparison is None:
            return self.tr("No holdout group: the uplift cannot be measured.")
        if comparison.significant and comparison.difference > 0:
            return self.tr(
                "The campaign made more customers buy than the holdout group (95 % sure)."
            )
        return self.tr(
            "Not yet certain: the 95 % interval includes no effect. Bigger segments or a larger "
            "holdout make the answer clearer."
        )

    # Actions ------------------------------------------------------------------------------------

    def _on_new_button_clicked(self) -> None:
        self.open_builder()

    def open_builder(
        self, spec: CampaignSpec | None = None, rule: SegmentRule | None = None
    ) -> Any:
        """Open the builder (for ``spec``, else a new campaign); returns the dialog (open)."""
        if self.data is None or self.data.store is None:
            return None
        from app.views.retention.campaign_dialog import CampaignDialog

        data = self.data
        today = datetime.combine(data.today, datetime.now().time())
        dialog = CampaignDialog(data.store, data.reader, data.ledger, today, spec, self)
        if rule is not None:
            dialog.set_rule(rule)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, code: int) -> None:
        dialog, self.dialog = self.dialog, None
        if code == QDialog.DialogCode.Accepted and dialog is not None:
            self._pending = dialog.campaign_id
            self.status_reported.emit(self.tr("Campaign saved"))
            self.store_changed.emit()

    def _on_edit_button_clicked(self) -> None:
        campaign_id = self.selected_id()
        if campaign_id is None or self.data is None:
            return
        from app.services.campaigns import get_campaign

        self.open_builder(get_campaign(self.data.reader, campaign_id))

    def _on_copy_button_clicked(self) -> None:
        campaign_id = self.selected_id()
        if campaign_id is None or self.data is None:
            return
        from dataclasses import replace

        from app.services.campaigns import get_campaign

        spec = get_campaign(self.data.reader, campaign_id)
        scheduled = spec.scheduled_at
        if spec.recurrence and scheduled is not None:
            later = next_send_dates(spec.recurrence, scheduled, datetime.now(), 1)
            scheduled = later[0] if later else scheduled
        copy = replace(
            spec,
            scheduled_at=scheduled,
            id=None,
            status="draft",
            sent_at=None,
            holdout_seed=0,
            name=self.tr("%1 (copy)").replace("%1", spec.name),
        )
        self.open_builder(copy)

    def _on_delete_button_clicked(self) -> None:
        row = self._selected_row()
        if row is None or self.data is None or self.data.store is None:
            return
        question = self.tr("Delete the campaign “%1” and its target groups?").replace(
            "%1", str(row["name"])
        )
        answer = QMessageBox.question(self, self.tr("Delete campaign"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        from app.services.campaigns import delete_campaign

        try:
            delete_campaign(self.data.store, int(row["id"]), _version(row))
        except ConcurrentEditError as error:
            self._on_conflict(error)
            return
        self.store_changed.emit()

    def _on_conflict(self, error: ConcurrentEditError) -> None:
        """Someone else changed the campaign since the list was read: show it as it is now."""
        from app.views.dialogs.conflict_box import ask_to_reload

        ask_to_reload(self, error, can_keep=False, today=self.data.today if self.data else None)
        self.store_changed.emit()  # the list reads the store again

    def draw_groups(self) -> None:
        """Draw the chosen draft's treatment and holdout groups."""
        campaign_id = self.selected_id()
        if campaign_id is None or self.data is None or self.data.store is None:
            return
        from app.services.campaigns import draw_targets

        try:
            groups = draw_targets(self.data.store, campaign_id, self.data.today)
        except CampaignError as error:
            self.warn(error_text(error))
            return
        self.status_reported.emit(
            self.tr("%1 customers get the message, %2 are held out")
            .replace("%1", f"{len(groups.treatment):,}")
            .replace("%2", f"{len(groups.control):,}")
        )
        self.store_changed.emit()

    def _on_draw_button_clicked(self) -> None:
        self.draw_groups()

    def export_send_list(self, path: Path) -> int | None:
        """Write the chosen campaign's send list to ``path``; returns the rows written."""
        campaign_id = self.selected_id()
        if campaign_id is None or self.data is None:
            return None
        from app.services.campaigns import export_send_list
        from app.views.preferences import masks_names

        mask = masks_names(QSettings())
        try:
            count = export_send_list(
                self.data.reader,
                campaign_id,
                path,
                self.data.today,
                mask_names=mask,
                titles=self._send_list_titles(),
            )
        except (CampaignError, OSError) as error:
            self.warn(error_text(error))
            return None
        self.status_reported.emit(
            self.tr("Send list of %1 customers saved to %2")
            .replace("%1", f"{count:,}")
            .replace("%2", str(path))
        )
        return count

    def _send_list_titles(self) -> dict[str, str]:
        return {
            "customer_id": self.tr("Customer ID"),
            "display_name": self.tr("Name"),
            "masked_phone": self.tr("Phone"),
            "private_channel": self.tr("Private channel"),
            "tier": self.tr("Tier"),
            "last_product": self.tr("Last product"),
            "message": self.tr("Message"),
        }

    def _on_export_button_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export send list"),
            "send_list.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_send_list(Path(path))

    def mark_sent(self, sent_at: datetime) -> None:
        """Record the chosen campaign as sent at ``sent_at``."""
        campaign_id = self.selected_id()
        if campaign_id is None or self.data is None or self.data.store is None:
            return
        from app.services.campaigns import mark_sent

        row = self._selected_row()
        try:
            count = mark_sent(self.data.store, campaign_id, sent_at, _version(row))
        except CampaignError as error:
            self.warn(error_text(error))
            return
        except ConcurrentEditError as error:
            self._on_conflict(error)
            return
        self.status_reported.emit(
            self.tr("Marked as sent to %1 customers").replace("%1", f"{count:,}")
        )
        self.store_changed.emit()

    def _on_sent_button_clicked(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Mark as sent"))
        when = QDateTimeEdit(QDateTime.currentDateTime())
        when.setCalendarPopup(True)
        when.setDisplayFormat("yyyy-MM-dd HH:mm")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form = QFormLayout(dialog)
        form.addRow(self.tr("Sent at"), when)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.mark_sent(when.dateTime().toPython().replace(second=0, microsecond=0))


def _version(row: dict[str, Any] | None) -> int | None:
    """The campaign's version as the list read it (None: not known, no check)."""
    value = row.get("version") if row else None
    return int(value) if value is not None and value == value else None


def _rate_of(rate: float | None, hits: int, total: int) -> str:
    if rate is None:
        return "—"
    return f"{rate:.1%} ({hits:,}/{total:,})"
