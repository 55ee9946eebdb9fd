"""分布 Distribution: how completion spreads over the videos, and which videos stand out."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app import charts
from app.views.formatting import platform_names
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.labels import metric
from app.views.traffic.sub_view import SubView, TrafficData, fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

SCATTER_POINTS = 4000


class DistributionView(SubView):
    """A completion histogram, a completion-vs-views scatter, and the outliers listed.

    Attributes:
        histogram, scatter: the two charts.
        outliers_model: the videos far from the completion-vs-views trend.
        outliers: the frame last listed.

    Signals:
        video_chosen(int): the user double-clicked an outlier (show it in the Videos page).
    """

    video_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outliers = pd.DataFrame()
        self.histogram = ChartCanvas()
        self.scatter = ChartCanvas()
        self.outliers_model = FrameModel(
            [
                FrameColumn("title", self.tr("Title")),
                FrameColumn("platform", self.tr("Platform"), "platform"),
                FrameColumn("verdict", self.tr("Stands out")),
                FrameColumn("views", metric("views").name, "int"),
                FrameColumn(
                    "expected_views",
                    self.tr("Usual views"),
                    "int",
                    tooltip=self.tr(
                        "What the trend line gives for this completion rate on this platform"
                    ),
                ),
                FrameColumn("completion_rate", self.tr("Completion"), "rate"),
                FrameColumn("published_at", self.tr("Published"), "datetime"),
                FrameColumn("pillar", self.tr("Pillar")),
            ],
            ("title",),
            self,
        )
        self.outliers_table = frame_table(self.outliers_model)
        self.outliers_table.doubleClicked.connect(self._on_outliers_table_double_clicked)
        self.outliers_table.setToolTip(self.tr("Double-click a video to see it in the video table"))
        self.outliers_title = QLabel()
        self.outliers_title.setStyleSheet("font-weight: 600;")
        self.scatter_note = QLabel()
        self.scatter_note.setWordWrap(True)
        scatter_box = QWidget()
        scatter_layout = QVBoxLayout(scatter_box)
        scatter_layout.setContentsMargins(0, 0, 0, 0)
        scatter_layout.setSpacing(0)
        scatter_layout.addWidget(self.scatter, 1)
        scatter_layout.addWidget(self.scatter_note)
        charts_row = QSplitter(Qt.Orientation.Horizontal)
        charts_row.addWidget(self.histogram)
        charts_row.addWidget(scatter_box)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 2, 0, 0)
        lower_layout.addWidget(self.outliers_title)
        lower_layout.addWidget(self.outliers_table, 1)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(charts_row)
        outer.addWidget(lower)
        outer.setSizes([380, 170])
        outer.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(outer, 1)

    def draw(self, data: TrafficData) -> None:
        """Draw both charts and list the outliers of the selected videos."""
        from app.analytics.traffic import completion_histogram, outliers

        videos = data.selected
        rated = videos[videos["completion_rate"].notna()]
        found = outliers(videos)
        verdicts = {
            "above": self.tr("more views than usual"),
            "below": self.tr("fewer views than usual"),
        }
        found = found.assign(verdict=found["direction"].map(verdicts))
        self.outliers = found
        self.outliers_model.set_frame(found)
        fit_columns(self.outliers_table, title_column=0, title_width=320)
        self.outliers_title.setText(
            self.tr(
                "Outliers: %1 videos far above or below the usual views for their completion"
            ).replace("%1", str(len(found)))
        )
        if rated.empty:
            message = self.tr("No completion rates for this selection.")
            self.histogram.show_message(message)
            self.scatter.show_message(message)
            return
        completion, views = metric("completion_rate").name, metric("views").name
        self.histogram.show_figure(
            charts.completion_histogram_chart(
                completion_histogram(videos), x_label=completion, y_label=self.tr("Videos")
            )
        )
        shown = rated
        if len(rated) > SCATTER_POINTS:
            # Tens of thousands of dots draw for seconds and read as one blot: a fixed sample
            # shows the same cloud; the outliers are ringed from their own frame, all of them.
            shown = rated.sample(SCATTER_POINTS, random_state=0)
        self.scatter_note.setText(
            self.tr("A random %1 of %2 videos shown; every outlier is ringed.")
            .replace("%1", f"{len(shown):,}")
            .replace("%2", f"{len(rated):,}")
        )
        self.scatter_note.setVisible(len(shown) < len(rated))
        self.scatter.show_figure(
            charts.completion_scatter(
                shown,
                found,
                x_label=completion,
                y_label=views,
                platform_labels=platform_names(),
                outlier_label=self.tr("Outlier"),
            )
        )

    def _on_outliers_table_double_clicked(self, index: QModelIndex) -> None:
        self.video_chosen.emit(int(self.outliers_model.value(index.row(), "video_id")))
