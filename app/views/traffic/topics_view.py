"""话题 Topics: how videos with each hashtag (#穿搭, #ootd …) or title keyword perform."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QSplitter, QVBoxLayout, QWidget

from app import charts
from app.views.table_models.frame_model import FrameModel
from app.views.traffic.labels import topic_columns
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import SubView, TrafficData, fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from app.tasks import TaskRunner

CHART_TOPICS = 12  # bars in the chart: the topics with the most median views
SYNC_VIDEOS = 5000  # more videos than this are counted on a worker thread
TOPIC_INPUTS = ("title", "tags", "views", "completion_rate", "interaction_rate")


class TopicsView(SubView):
    """Hashtags or keywords with their videos, median views, completion and interaction.

    Attributes:
        kind: ``hashtag`` or ``keyword``.
        min_videos: topics need at least this many videos to be listed.
        model: the topics table's model (sortable).
        chart: the topics with the highest median views.
        topics: the frame last shown.

    Signals:
        counted(): the table shows freshly counted topics.
    """

    counted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topics = pd.DataFrame(columns=["topic"])
        self._generation = 0
        self._runner: TaskRunner | None = None
        self.kind = Segmented([("hashtag", self.tr("Hashtags")), ("keyword", self.tr("Keywords"))])
        self.kind.value_changed.connect(self._on_choice_changed)
        self.min_videos = QSpinBox()
        self.min_videos.setRange(1, 100)
        self.min_videos.setValue(2)
        self.min_videos.setToolTip(self.tr("Leave out topics with fewer videos"))
        self.min_videos.valueChanged.connect(self._on_choice_changed)
        self.model = FrameModel(topic_columns("hashtag"), ("topic",), self)
        self.table = frame_table(self.model)
        self.chart = ChartCanvas()
        self.note = QLabel(
            self.tr(
                "Median views show what a typical video with the topic gets; "
                "one hit does not make a topic."
            )
        )
        self.note.setWordWrap(True)
        controls = QHBoxLayout()
        controls.addWidget(self.kind)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("At least")))
        controls.addWidget(self.min_videos)
        controls.addWidget(QLabel(self.tr("videos")))
        controls.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([640, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)

    def draw(self, data: TrafficData) -> None:
        """List the topics of the selected videos and chart the best ones.

        Up to SYNC_VIDEOS videos this happens at once; beyond, title keywords take seconds
        (about 2 s for 50,000 titles), so topics are counted on a worker and shown when done.
        """
        from app.analytics.traffic import topics

        kind, least = self.kind.value(), self.min_videos.value()
        self._generation += 1
        if len(data.selected) <= SYNC_VIDEOS:
            self.show_topics(topics(data.selected, kind=kind, min_videos=least), kind)
            return
        from app.tasks import TaskRunner

        videos = data.selected[list(TOPIC_INPUTS)].copy()  # the worker gets its own frame
        generation = self._generation
        self._runner = self._runner or TaskRunner(self)
        task = self._runner.submit(lambda _task: topics(videos, kind=kind, min_videos=least))
        task.on_success(lambda frame: self._on_topics_counted(generation, frame, kind))
        task.on_failure(lambda exc: self._on_topics_failed(generation, exc))
        self.model.set_frame(self.topics.head(0))
        self.chart.show_message(
            self.tr("Counting the topics of %1 videos…").replace("%1", f"{len(videos):,}")
        )

    def show_topics(self, frame: pd.DataFrame, kind: str) -> None:
        """Fill the table and the chart with ``topics``' frame."""
        self.topics = frame
        columns = topic_columns(kind)
        self.model.set_columns(columns)
        self.model.set_frame(frame)  # comes by median views, largest first
        fit_columns(self.table)
        self.counted.emit()
        if frame.empty:
            self.chart.show_message(
                self.tr("No hashtags used by enough videos in this selection.")
                if kind == "hashtag"
                else self.tr("No title keywords shared by enough videos in this selection.")
            )
            return
        best = frame.sort_values("median_views", ascending=False).head(CHART_TOPICS)
        headers = {c.id: c.header for c in columns}
        self.chart.show_figure(
            charts.grouped_bars(
                best.rename(columns={"topic": "group"}), ["median_views", "videos"], headers
            )
        )

    def _on_topics_counted(self, generation: int, frame: pd.DataFrame, kind: str) -> None:
        if generation == self._generation:  # else the filter changed meanwhile: a newer count runs
            self.show_topics(frame, kind)

    def _on_topics_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.chart.show_message(
                self.tr("Could not count the topics: %1").replace("%1", str(exc))
            )

    def _on_choice_changed(self, *_args: object) -> None:
        self.stale = True
        self.refresh()
