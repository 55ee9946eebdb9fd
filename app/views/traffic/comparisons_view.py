"""对比 Comparisons: videos by platform, pillar, template, length or hour; top and bottom 10."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import charts
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.labels import (
    GROUP_BYS,
    comparison_columns,
    finding_sentence,
    group_by_name,
    group_label,
    metric,
)
from app.views.traffic.sub_view import SubView, TrafficData, fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

TOP_N = 10
MAX_FINDINGS = 6
# What the bars can show: each choice is a pair of panels from the comparison's columns.
BAR_CHOICES = {
    "views": ("views", "median_views"),
    "engagement": ("median_completion", "median_interaction"),
    "followers": ("followers_gained", "median_followers"),
}


class ComparisonsView(SubView):
    """Group-by chooser, grouped bars and their table; the top and bottom 10 and what differs.

    Attributes:
        group_by: platform / pillar / template / length / hour / weekday.
        value: which figure the bars show.
        chart: the bars.
        model: the comparison table's model.
        top_model, bottom_model: the 10 best and worst videos by views.
        findings: the sentences saying what sets the top videos apart.

    Signals:
        video_chosen(int): the user double-clicked a video (show it in the Videos page).
    """

    video_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison = pd.DataFrame()
        self.group_by = QComboBox()
        for by in GROUP_BYS:
            self.group_by.addItem(group_by_name(by), by)
        self.group_by.currentIndexChanged.connect(self._on_choice_changed)
        self.value = QComboBox()
        self.value.addItem(self.tr("Views"), "views")
        self.value.addItem(self.tr("Completion and interaction"), "engagement")
        self.value.addItem(self.tr("Followers"), "followers")
        self.value.currentIndexChanged.connect(self._on_choice_changed)
        self.chart = ChartCanvas(min_height=200)
        self.model = FrameModel(comparison_columns("platform"), ("label",), self)
        self.table = self._table(self.model)
        self.top_model = FrameModel(self._video_columns(), ("title",), self)
        self.bottom_model = FrameModel(self._video_columns(), ("title",), self)
        self.top_table = self._table(self.top_model)
        self.bottom_table = self._table(self.bottom_model)
        for table in (self.top_table, self.bottom_table):
            table.doubleClicked.connect(self._on_video_table_double_clicked)
            table.setToolTip(self.tr("Double-click a video to see it in the video table"))
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setObjectName("Findings")
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Group by")))
        controls.addWidget(self.group_by)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Bars show")))
        controls.addWidget(self.value)
        controls.addStretch(1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.chart)
        upper.addWidget(self.table)
        upper.setSizes([560, 640])
        findings = QScrollArea()
        findings.setWidget(self.findings)
        findings.setWidgetResizable(True)
        findings.setFrameShape(QFrame.Shape.NoFrame)
        self.findings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self._titled(self.tr("Top 10 by views"), self.top_table))
        lower.addWidget(self._titled(self.tr("Bottom 10 by views"), self.bottom_table))
        lower.addWidget(self._titled(self.tr("What sets the top 10 apart"), findings))
        lower.setSizes([480, 480, 380])
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(upper)
        outer.addWidget(lower)
        outer.setSizes([300, 300])
        outer.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(outer, 1)

    def _video_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("title", self.tr("Title")),
            FrameColumn("platform", self.tr("Platform"), "platform"),
            FrameColumn("views", metric("views").name, "int"),
            FrameColumn("completion_rate", self.tr("Completion"), "rate"),
            FrameColumn("interaction_rate", self.tr("Interaction"), "rate"),
            FrameColumn("followers_gained", self.tr("Followers"), "int"),
            FrameColumn("pillar", self.tr("Pillar")),
        ]

    def _table(self, model: FrameModel) -> QTableView:
        return frame_table(model)

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        heading = QLabel(title)
        heading.setObjectName("SectionTitle")
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)
        layout.addWidget(widget, 1)
        return box

    def draw(self, data: TrafficData) -> None:
        """Group the selected videos; draw bars, fill the tables and the findings."""
        from app.analytics.traffic import comparison, top_bottom

        by = str(self.group_by.currentData())
        frame = comparison(data.selected, by).copy()
        frame["label"] = [group_label(by, g) for g in frame["group"]]
        self.comparison = frame
        self.model.set_columns(comparison_columns(by))
        self.model.set_frame(frame)
        self._draw(frame, by, data.pillar_colors if by == "pillar" else {})
        top, bottom, findings = top_bottom(data.selected, n=TOP_N, metric="views")
        self.top_model.set_frame(top)
        self.bottom_model.set_frame(bottom)
        fit_columns(self.table)
        for table in (self.top_table, self.bottom_table):
            fit_columns(table, title_column=0, title_width=240)
        sentences = [finding_sentence(f) for f in findings[:MAX_FINDINGS]]
        self.findings.setText(
            "\n".join(f"• {s}" for s in sentences)
            if sentences
            else self.tr("Not enough videos in this selection to compare the best and the worst.")
        )

    def _draw(self, frame: pd.DataFrame, by: str, colors: dict[str, str]) -> None:
        values = list(BAR_CHOICES[str(self.value.currentData())])
        if frame.empty or frame[values].isna().all().all():
            self.chart.show_message(self.tr("No videos in this selection."))
            return
        headers = {c.id: c.header for c in comparison_columns(by)}
        labels = dict(zip(frame["group"], frame["label"], strict=True))
        self.chart.show_figure(
            charts.grouped_bars(frame, values, headers, group_labels=labels, group_colors=colors)
        )

    def _on_choice_changed(self, _index: int) -> None:
        self.stale = True
        self.refresh()

    def _on_video_table_double_clicked(self, index: QModelIndex) -> None:
        model = index.model()
        if isinstance(model, FrameModel):
            self.video_chosen.emit(int(model.value(index.row(), "video_id")))
