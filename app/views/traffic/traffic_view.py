"""The Traffic tab's body: filters, twelve key figures and five sub-views over one video frame.

Loaded on the tab's first ``load`` (pandas and matplotlib come with it, never at start-up). The
store is read once per load; filtering and aggregating happen in memory, and only the sub-view
in front is redrawn when the filter changes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.analytics.traffic import KpiValue, TrafficFilter, kpis
from app.db import Reader
from app.views.formatting import format_period, platform_names, with_note
from app.views.traffic.comparisons_view import ComparisonsView
from app.views.traffic.distribution_view import DistributionView
from app.views.traffic.filter_bar import FilterBar
from app.views.traffic.labels import KPI_ORDER, format_metric, metric
from app.views.traffic.sub_view import SubView, TrafficData
from app.views.traffic.topics_view import TopicsView
from app.views.traffic.trends_view import TrendsView
from app.views.traffic.videos_view import VideosView
from app.views.widgets.delta_kpi_card import DeltaKpiCard

if TYPE_CHECKING:
    from app.db import Store
    from app.services.traffic import TrafficChoices

CARD_SPACING = 6
CARDS_PER_ROW = (12, 6, 4, 3)  # the layouts tried, widest first


class TrafficView(QWidget):
    """Filters on top, the key figures below them, then the sub-views.

    Attributes:
        filter_bar: the filters shared by the whole tab.
        cards: KPI id → its card.
        views: the sub-views' tab widget (视频, 趋势, 对比, 话题, 分布).
        videos_view, trends_view, comparisons_view, topics_view, distribution_view: the pages.
        videos: every video of the store, as last loaded.
        data: the filtered data the sub-views show.

    Signals:
        data_changed(): videos were labelled (the other tabs must read again).
        status_reported(str): a message for the window's status bar.
    """

    data_changed = Signal()
    status_reported = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.videos = pd.DataFrame()
        self.data: TrafficData | None = None
        self._reader: Reader | None = None
        self._choices: TrafficChoices | None = None
        self._today = date.today()
        self.filter_bar = FilterBar()
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.cards = {}
        for key in KPI_ORDER:
            found = metric(key)
            card = DeltaKpiCard(found.name, found.definition)
            # The grid decides the widths (see _reflow_cards): no card forces the window wider.
            card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self.cards[key] = card
        self.videos_view = VideosView(settings)
        self.videos_view.labels_requested.connect(self._on_videos_view_labels_requested)
        self.trends_view = TrendsView()
        self.comparisons_view = ComparisonsView()
        self.topics_view = TopicsView()
        self.distribution_view = DistributionView()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for view, title in (
            (self.videos_view, self.tr("Videos")),
            (self.trends_view, self.tr("Trends")),
            (self.comparisons_view, self.tr("Comparisons")),
            (self.topics_view, self.tr("Topics")),
            (self.distribution_view, self.tr("Distribution")),
        ):
            self.views.addTab(view, title)
            view.status_reported.connect(self.status_reported)
        self.views.currentChanged.connect(self._on_views_current_changed)
        self.comparisons_view.video_chosen.connect(self._on_video_chosen)
        self.distribution_view.video_chosen.connect(self._on_video_chosen)
        self.cards_grid = QGridLayout()
        self.cards_grid.setSpacing(CARD_SPACING)
        self.cards_per_row = 0
        self._place_cards(len(KPI_ORDER) // 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addLayout(self.cards_grid)
        layout.addWidget(self.views, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Fit the cards to the new width."""
        super().resizeEvent(event)
        self._reflow_cards(event.size().width())

    def _reflow_cards(self, width: int) -> None:
        """As many cards per row (12, 6, 4 or 3) as fit their texts in ``width``."""
        hints = [self.cards[key].sizeHint().width() for key in KPI_ORDER]
        for per_row in CARDS_PER_ROW:
            rows = [hints[i : i + per_row] for i in range(0, len(hints), per_row)]
            if all(sum(r) + CARD_SPACING * (len(r) - 1) <= width for r in rows):
                break
        self._place_cards(per_row)

    def _place_cards(self, per_row: int) -> None:
        if per_row == self.cards_per_row:
            return
        self.cards_per_row = per_row
        for number, key in enumerate(KPI_ORDER):
            self.cards_grid.addWidget(self.cards[key], number // per_row, number % per_row)
        for column in range(len(KPI_ORDER)):
            self.cards_grid.setColumnStretch(column, 1 if column < per_row else 0)

    def sub_views(self) -> list[SubView]:
        """The five pages, in tab order."""
        return [self.views.widget(i) for i in range(self.views.count())]  # type: ignore[misc]

    # Loading ----------------------------------------------------------------------------------

    def load(self, reader: Reader, today: date) -> int:
        """Read every video and the filter choices; show them. Returns the number of videos."""
        from app.services.traffic import load_videos, traffic_choices

        self.show_videos(load_videos(reader), traffic_choices(reader), reader, today)
        return len(self.videos)

    def show_videos(
        self, videos: pd.DataFrame, choices: TrafficChoices, reader: Reader, today: date
    ) -> None:
        """Show ``videos`` (``load_videos``'s frame) under the filters, offering ``choices``."""
        self._reader, self._today, self._choices = reader, today, choices
        videos["account"] = _account_names(videos, choices)
        self.videos = videos
        self.trends_view.forget_inputs()
        self.filter_bar.set_choices(choices, today, _months_with_videos(videos))
        self.videos_view.set_label_choices(
            [(i, name) for i, name, _colour in choices.pillars], list(choices.templates)
        )
        self.apply_filter()

    def apply_filter(self) -> None:
        """Select the videos the filter passes; update the figures and the page in front."""
        if self._reader is None or self._choices is None:
            return
        flt = self.filter_bar.traffic_filter()
        selected = flt.select(self.videos)
        colors = {name: color for _i, name, color in self._choices.pillars} if self._choices else {}
        self.data = TrafficData(self.videos, selected, flt, self._reader, self._today, colors)
        self._show_kpis(kpis(self.videos, flt), flt)
        for view in self.sub_views():
            view.set_data(self.data)
        self.current_view().refresh()

    def current_view(self) -> SubView:
        """The sub-view in front."""
        view = self.views.currentWidget()
        assert isinstance(view, SubView)
        return view

    def _show_kpis(self, values: tuple[KpiValue, ...], flt: TrafficFilter) -> None:
        names = platform_names()
        before = flt.period.previous()
        days = format_period(before.start, before.end)
        for value in values:
            kind = metric(value.key).kind
            card = self.cards[value.key]
            card.set_figure(
                format_metric(value.value, kind),
                value.change,
                with_note(format_metric(value.previous, kind), days),
                tuple(names.get(p, p) for p in value.missing_platforms),
            )
        self._reflow_cards(self.width())

    # Labelling ----------------------------------------------------------------------------------

    def _on_videos_view_labels_requested(self, ids: list[int], field: str, value: Any) -> None:
        from sqlalchemy.exc import OperationalError

        from app.services.traffic import UNCHANGED, label_videos

        if self.store is None or not ids:
            return
        pillar = value if field == "pillar_id" else UNCHANGED
        template = value if field == "template_id" else UNCHANGED
        try:
            changed = label_videos(self.store, ids, pillar_id=pillar, template_id=template)
        except (ValueError, OperationalError) as exc:
            # Nothing changed (one transaction): say why and show the store as it is.
            QMessageBox.warning(
                self,
                self.tr("Label videos"),
                self.tr("The videos were not labelled: %1").replace("%1", str(exc)),
            )
            self.videos_view.stale = True
            self.videos_view.refresh()
            return
        self._relabel(ids, field, value)
        self.apply_filter()
        message = self.tr("Labelled %1 videos").replace("%1", str(changed))
        self.status_reported.emit(message)
        if changed:
            self.data_changed.emit()

    def _relabel(self, ids: list[int], field: str, value: Any) -> None:
        """Change the loaded frame like the store changed (no re-read of 100k videos)."""
        name_column = "pillar" if field == "pillar_id" else "template"
        names = dict(self._label_names(field))
        rows = self.videos["video_id"].isin(ids)
        self.videos.loc[rows, field] = pd.NA if value is None else int(value)
        self.videos.loc[rows, name_column] = None if value is None else names.get(int(value))

    def _label_names(self, field: str) -> list[tuple[int, str]]:
        if self._choices is None:
            return []
        if field == "pillar_id":
            return [(i, name) for i, name, _colour in self._choices.pillars]
        return list(self._choices.templates)

    # Signals ----------------------------------------------------------------------------------

    def _on_filter_bar_filter_changed(self) -> None:
        self.apply_filter()

    def _on_views_current_changed(self, _index: int) -> None:
        self.current_view().refresh()

    def _on_video_chosen(self, video_id: int) -> None:
        self.views.setCurrentWidget(self.videos_view)
        if not self.videos_view.select_video(video_id):
            self.videos_view.filter_box.clear()
            self.videos_view.select_video(video_id)


def _account_names(videos: pd.DataFrame, choices: TrafficChoices) -> pd.Series:
    handles = {ident: handle for ident, _platform, handle in choices.accounts}
    return videos["account_id"].map(handles, na_action="ignore").astype(object)


def _months_with_videos(videos: pd.DataFrame) -> tuple[str, ...]:
    months = videos["published_at"].dropna().dt.strftime("%Y-%m").unique()
    return tuple(sorted((str(m) for m in months), reverse=True))
