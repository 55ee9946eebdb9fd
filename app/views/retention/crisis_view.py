"""舆情 Crisis watch: negative reviews and comments as alerts to reply to, and a weekly count."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import charts
from app.views.retention.labels import name_of
from app.views.retention.sub_view import RetentionData, SubView
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas


class CrisisView(SubView):
    """Alerts newest first with status actions, the keyword list, and alerts per week.

    Attributes:
        model, table: the alerts.
        keywords: the negative keywords, comma-separated (saved with the button beside it).
        note_box: a note stored with the next status change.
        summary: open alerts and the median time to reply.
        chart: alerts opened per week, reviews and comments stacked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alerts = pd.DataFrame()
        self.model = FrameModel(
            [
                FrameColumn("opened_at", self.tr("Opened"), "datetime"),
                FrameColumn("status_text", self.tr("Status")),
                FrameColumn("source_text", self.tr("Source")),
                FrameColumn("platform", self.tr("Platform"), "platform"),
                FrameColumn("subject", self.tr("Product or video")),
                FrameColumn("score", self.tr("Score"), "int"),
                FrameColumn("text", self.tr("Text")),
                FrameColumn("hours_to_reply", self.tr("Hours to reply"), "number"),
                FrameColumn("note", self.tr("Note")),
            ],
            ("text", "subject", "note", "status_text"),
            self,
        )
        self.table = frame_table(self.model)
        self.keywords = QLineEdit()
        self.keywords.setToolTip(self.tr("A review or comment with any of these words is negative"))
        self.save_keywords_button = QPushButton(self.tr("Save keywords"))
        self.save_keywords_button.clicked.connect(self.save_keywords)
        self.note_box = QLineEdit()
        self.note_box.setPlaceholderText(self.tr("Note, e.g. the reply video"))
        self.replied_button = QPushButton(self.tr("Mark replied"))
        self.replied_button.clicked.connect(lambda: self.set_status("replied"))
        self.resolved_button = QPushButton(self.tr("Mark resolved"))
        self.resolved_button.clicked.connect(lambda: self.set_status("resolved"))
        self.summary = QLabel()
        self.chart = ChartCanvas(min_height=180)
        words = QHBoxLayout()
        words.addWidget(QLabel(self.tr("Negative keywords")))
        words.addWidget(self.keywords, 1)
        words.addWidget(self.save_keywords_button)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.note_box)
        actions.addWidget(self.replied_button)
        actions.addWidget(self.resolved_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(words)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

    def draw(self, data: RetentionData) -> None:
        """Show the alerts (the tab opened any new ones on load) and the weekly counts."""
        from app.services.retention import crisis_alerts, negative_keywords, weekly_alert_counts

        self.keywords.setText(", ".join(negative_keywords(data.reader)))
        alerts = crisis_alerts(data.reader)
        alerts["status_text"] = alerts["status"].map(name_of)
        alerts["source_text"] = alerts["source"].map(name_of)
        self.alerts = alerts
        self.model.set_frame(alerts)
        fit_columns(self.table, 6, 360)
        open_count = int((alerts["status"] == "open").sum())
        median = alerts["hours_to_reply"].median()
        reply = (
            self.tr("median reply after %1 hours").replace("%1", f"{median:.1f}")
            if median == median
            else self.tr("no replies recorded yet")
        )
        self.summary.setText(
            self.tr("%1 open of %2 alerts; %3")
            .replace("%1", f"{open_count:,}")
            .replace("%2", f"{len(alerts):,}")
            .replace("%3", reply)
        )
        self._draw_chart(weekly_alert_counts(alerts))
        writable = data.store is not None
        for widget in (self.save_keywords_button, self.replied_button, self.resolved_button):
            widget.setEnabled(writable)

    def _draw_chart(self, weekly: pd.DataFrame) -> None:
        if weekly.empty:
            self.chart.show_message(self.tr("No negative reviews or comments yet."))
            return
        figure = charts.new_figure(8, 2.4)
        axes = figure.add_subplot()
        weeks = weekly["week"].dt.strftime("%m-%d")
        axes.bar(weeks, weekly["review"], label=self.tr("Reviews"), color="#e15759")
        axes.bar(
            weeks,
            weekly["comment"],
            bottom=weekly["review"],
            label=self.tr("Comments"),
            color="#f28e2b",
        )
        axes.set_title(self.tr("Alerts per week"))
        axes.legend(loc="upper left", frameon=False)
        axes.tick_params(axis="x", labelrotation=45, labelsize=8)
        self.chart.show_figure(figure)

    def selected_ids(self) -> list[int]:
        """The ids of the chosen alerts."""
        rows = self.table.selectionModel().selectedRows()
        return [int(self.model.value(r.row(), "id")) for r in rows]

    def set_status(self, status: str, at: datetime | None = None) -> int:
        """Move the chosen alerts to ``status`` (now, or ``at``); returns how many moved."""
        if self.data is None or self.data.store is None:
            return 0
        from app.services.retention import set_alert_status

        moved, problems = 0, []
        for alert_id in self.selected_ids():
            try:
                set_alert_status(
                    self.data.store, alert_id, status, at or datetime.now(), self.note_box.text()
                )
                moved += 1
            except ValueError as error:
                problems.append(error_text(error))
        if problems and not moved:
            self.warn(problems[0])
        if moved:
            self.note_box.clear()
            self.status_reported.emit(
                self.tr("%1 alerts marked %2")
                .replace("%1", str(moved))
                .replace("%2", name_of(status))
            )
            self.store_changed.emit()
        return moved

    def save_keywords(self) -> None:
        """Store the keyword list and open alerts for texts that now count as negative."""
        if self.data is None or self.data.store is None:
            return
        from app.services.retention import scan_crisis, set_negative_keywords

        words = self.keywords.text().replace("，", ",").split(",")
        set_negative_keywords(self.data.store, words)
        added = scan_crisis(self.data.store)
        self.status_reported.emit(
            self.tr("Keywords saved; %1 new alerts").replace("%1", str(added))
        )
        self.store_changed.emit()
