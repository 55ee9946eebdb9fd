"""复盘 Learning: what the plan actually did, when to post, and which pillars and structures work.

This module runs on pandas frames from :mod:`app.services.plan_insights`; the tab imports it
only when the 复盘 view is first shown.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Reader, Store, StoreError
from app.services import plan
from app.services.plan import PlanError
from app.views.content.best_time import metric_text
from app.views.content.frame_model import BarDelegate, FrameColumn, FrameTableModel
from app.views.content.heatmap_view import HeatmapModel, heatmap_table
from app.views.content.pick_dialog import PickDialog
from app.views.content.plan_errors import plan_error_text
from app.views.content.plan_snapshot import PlanSnapshot
from app.views.formatting import code_names, platform_names
from app.views.service_errors import error_text
from app.views.widgets.record_table import record_table

if TYPE_CHECKING:
    import pandas as pd

    from app.services.plan_insights import MatchSuggestion

PERIOD_DAYS = {"30": 30, "90": 90}
PLANNED, BEST_TIME, WHAT_WORKS, FISSION = range(4)
BAR_WIDTH = 240


class LearningView(QWidget):
    """Planned vs actual with match suggestions, the best-time heatmap, leaderboards, fission.

    Attributes:
        store: where links are written (set by the tab).
        suggestions: the match suggestions shown.

    Signals:
        changed(): a video was linked or unlinked.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.suggestions: list[MatchSuggestion] = []
        self._reader: Reader | None = None
        self.snapshot = PlanSnapshot()
        self.period = QComboBox()
        for key, text in (
            ("30", self.tr("Last 30 days")),
            ("90", self.tr("Last 90 days")),
            ("month", self.tr("This month")),
            ("last_month", self.tr("Last month")),
            ("all", self.tr("All time")),
        ):
            self.period.addItem(text, key)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(self.refresh)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self.sections.addTab(self._planned_page(), self.tr("Planned vs actual"))
        self.sections.addTab(self._best_time_page(), self.tr("Best time to post"))
        self.sections.addTab(self._what_works_page(), self.tr("What works"))
        self.sections.addTab(self._fission_page(), self.tr("Challenges and duets"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.period)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.sections, 1)

    # Loading --------------------------------------------------------------------------------

    def load(self, reader: Reader, snapshot: PlanSnapshot) -> None:
        """Read every section for the chosen period."""
        self._reader, self.snapshot = reader, snapshot
        self.refresh()

    def period_range(self) -> tuple[date | None, date | None]:
        """The chosen period's first and last day (None: open)."""
        today = self.snapshot.today
        key = self.period.currentData()
        if key in PERIOD_DAYS:
            return today - timedelta(days=PERIOD_DAYS[key] - 1), today
        if key == "month":
            return today.replace(day=1), today
        if key == "last_month":
            last = today.replace(day=1) - timedelta(days=1)
            return last.replace(day=1), last
        return None, None

    def refresh(self) -> None:
        """Read the sections again."""
        if self._reader is None:
            return
        from app.services import plan_insights

        start, end = self.period_range()
        reader = self._reader
        self.suggestions = plan_insights.match_suggestions(reader)
        self.suggestion_model.set_frame(self._suggestion_frame())
        self._show_suggestion_state()
        self.actual_model.set_frame(
            self._with_names(plan_insights.planned_vs_actual(reader, start, end))
        )
        self.actual_table.resizeColumnsToContents()
        self._cap(self.actual_table, {1: 260})
        self._refresh_heatmap()
        self._refresh_leaderboard()
        self.fission_model.set_frame(
            self._with_kind_names(plan_insights.fission_comparison(reader, start, end))
        )
        self.fission_table.resizeColumnsToContents()
        _widen(self.fission_table, 2, BAR_WIDTH)

    # Planned vs actual ----------------------------------------------------------------------

    def _planned_page(self) -> QWidget:
        self.suggestion_title = QLabel(self.tr("Videos that look like planned items"))
        self.suggestion_title.setObjectName("SectionTitle")
        self.suggestion_hint = QLabel(
            self.tr(
                "Same platform, a similar title and published within 2 days of the planned "
                "time. Confirm the match, or link the video to another item."
            )
        )
        self.suggestion_hint.setObjectName("HintLabel")
        self.suggestion_hint.setWordWrap(True)
        self.suggestion_model = FrameTableModel(
            [
                FrameColumn("video_title", self.tr("Published video")),
                FrameColumn("platform", self.tr("Platform"), "platform"),
                FrameColumn("published_at", self.tr("Published"), "datetime"),
                FrameColumn("item_title", self.tr("Plan item")),
                FrameColumn("planned_at", self.tr("Planned"), "datetime"),
                FrameColumn("similarity", self.tr("Title similarity"), "rate"),
            ],
            self,
        )
        self.suggestion_table = record_table(self.suggestion_model, single=True)
        self.suggestion_table.setMaximumHeight(170)
        for column in (0, 3):  # the two titles share the spare width
            self.suggestion_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.confirm_button = QPushButton(self.tr("Confirm match"))
        self.confirm_button.clicked.connect(
            lambda: self.confirm_suggestion(self._current(self.suggestion_table))
        )
        self.relink_button = QPushButton(self.tr("Link to another item…"))
        self.relink_button.clicked.connect(self._on_relink_clicked)
        self.no_suggestions = QLabel(
            self.tr("Every published video that looks like a plan item is linked.")
        )
        self.no_suggestions.setObjectName("HintLabel")
        suggestion_buttons = QHBoxLayout()
        suggestion_buttons.addWidget(self.no_suggestions)
        suggestion_buttons.addStretch(1)
        suggestion_buttons.addWidget(self.confirm_button)
        suggestion_buttons.addWidget(self.relink_button)

        actual_title = QLabel(self.tr("Planned items and what their videos did"))
        actual_title.setObjectName("SectionTitle")
        actual_hint = QLabel(
            self.tr(
                "Next to each figure: the median video of the item's pillar over the 90 days "
                "before. Green: better than the pillar's usual video; red: worse."
            )
        )
        actual_hint.setObjectName("HintLabel")
        actual_hint.setWordWrap(True)
        self.actual_model = FrameTableModel(
            [
                FrameColumn("planned_at", self.tr("Planned"), "datetime"),
                FrameColumn("title", self.tr("Title")),
                FrameColumn("status", self.tr("Stage"), "code"),
                FrameColumn("pillar", self.tr("Pillar")),
                FrameColumn("videos", self.tr("Videos"), "count"),
                FrameColumn("views", self.tr("Views"), "count", compare="pillar_views"),
                FrameColumn("pillar_views", self.tr("Pillar\nmedian"), "count"),
                FrameColumn(
                    "completion_rate",
                    self.tr("Completion"),
                    "rate",
                    compare="pillar_completion_rate",
                ),
                FrameColumn("pillar_completion_rate", self.tr("Pillar\nmedian"), "rate"),
                FrameColumn(
                    "interaction_rate",
                    self.tr("Interaction"),
                    "rate",
                    compare="pillar_interaction_rate",
                ),
                FrameColumn("pillar_interaction_rate", self.tr("Pillar\nmedian"), "rate"),
                FrameColumn("orders", self.tr("Orders"), "count", compare="pillar_orders"),
                FrameColumn("pillar_orders", self.tr("Pillar\nmedian"), "count"),
                FrameColumn("views_vs_pillar", self.tr("Views vs\npillar"), "times"),
            ],
            self,
        )
        self.actual_table = _sortable(record_table(self.actual_model, single=True))
        self.link_button = QPushButton(self.tr("Link a video…"))
        self.link_button.clicked.connect(self._on_link_clicked)
        self.unlink_button = QPushButton(self.tr("Unlink video"))
        self.unlink_button.clicked.connect(
            lambda: self.unlink_item(self._current(self.actual_table))
        )
        actual_buttons = QHBoxLayout()
        actual_buttons.addWidget(actual_title)
        actual_buttons.addStretch(1)
        actual_buttons.addWidget(self.link_button)
        actual_buttons.addWidget(self.unlink_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.suggestion_title)
        layout.addWidget(self.suggestion_hint)
        layout.addWidget(self.suggestion_table)
        layout.addLayout(suggestion_buttons)
        layout.addSpacing(8)
        layout.addLayout(actual_buttons)
        layout.addWidget(actual_hint)
        layout.addWidget(self.actual_table, 1)
        return page

    def _suggestion_frame(self) -> pd.DataFrame | None:
        import pandas as pd

        if not self.suggestions:
            return None
        return pd.DataFrame([s.__dict__ for s in self.suggestions])

    def _show_suggestion_state(self) -> None:
        has = bool(self.suggestions)
        self.suggestion_table.setVisible(has)
        self.suggestion_hint.setVisible(has)
        self.confirm_button.setVisible(has)
        self.relink_button.setVisible(has)
        self.no_suggestions.setVisible(not has)
        if has:
            self.suggestion_table.selectRow(0)
            self.suggestion_table.resizeColumnsToContents()

    def _with_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        pillars = {p.id: p for p in self.snapshot.pillars}
        frame = frame.copy()
        frame["pillar"] = [pillars[i].name if i in pillars else "" for i in frame["pillar_id"]]
        frame["color"] = [pillars[i].color if i in pillars else "" for i in frame["pillar_id"]]
        return frame

    def confirm_suggestion(self, row: int) -> bool:
        """Link the suggestion's video to its plan item."""
        if not 0 <= row < len(self.suggestions):
            return False
        suggestion = self.suggestions[row]
        return self._write(lambda s: plan.link_video(s, suggestion.video_id, suggestion.item_id))

    def relink_suggestion(self, row: int, item_id: int) -> bool:
        """Link the suggestion's video to another plan item."""
        if not 0 <= row < len(self.suggestions):
            return False
        video_id = self.suggestions[row].video_id
        return self._write(lambda s: plan.link_video(s, video_id, item_id))

    def link_video_to_item(self, video_id: int, item_id: int) -> bool:
        """Link a published video to a plan item."""
        return self._write(lambda s: plan.link_video(s, video_id, item_id))

    def unlink_item(self, row: int, *, ask: bool = True) -> bool:
        """Unlink the videos of the planned-vs-actual row's item (after asking)."""
        if not 0 <= row < self.actual_model.rowCount():
            return False
        record = self.actual_model.record(row)
        item = self.snapshot.item(int(record["item_id"]))
        videos = tuple(item.video_ids) if item is not None else ()
        if not videos:
            return False
        if ask:
            question = self.tr("Unlink the video from “%1”? Its figures leave this item.")
            answer = QMessageBox.question(
                self, self.tr("Unlink video"), question.replace("%1", str(record["title"]))
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False

        def unlink(store: Store) -> None:
            for video_id in videos:
                plan.unlink_video(store, video_id)

        return self._write(unlink)

    def pick(self, title: str, prompt: str, choices: list[tuple[int, str]]) -> int | None:
        """Ask the user to choose one of ``choices`` (tests replace this)."""
        dialog = PickDialog(title, prompt, choices, self)
        return dialog.chosen() if dialog.exec() == PickDialog.DialogCode.Accepted else None

    def _on_relink_clicked(self) -> None:
        row = self._current(self.suggestion_table)
        if not 0 <= row < len(self.suggestions):
            return
        choices = [
            (i.id, f"{i.planned_at:%Y-%m-%d %H:%M}  {i.title}" if i.planned_at else i.title)
            for i in self.snapshot.items
            if i.id != self.suggestions[row].item_id
        ]
        chosen = self.pick(
            self.tr("Link to another item"),
            self.tr("Which plan item is this video?"),
            choices,
        )
        if chosen is not None:
            self.relink_suggestion(row, chosen)

    def _on_link_clicked(self) -> None:
        row = self._current(self.actual_table)
        if not 0 <= row < self.actual_model.rowCount() or self._reader is None:
            return
        record = self.actual_model.record(row)
        item = self.snapshot.item(int(record["item_id"]))
        if item is None:
            return
        videos = [v for v in plan.list_videos(self._reader) if v.plan_item_id != item.id]
        if item.planned_at is not None:
            videos.sort(key=lambda v: abs((v.published_at or item.planned_at) - item.planned_at))
        names = platform_names()
        choices = [
            (
                v.id,
                f"{v.published_at:%Y-%m-%d %H:%M}  {names.get(v.platform, v.platform)}  {v.title}"
                if v.published_at
                else v.title,
            )
            for v in videos
        ]
        chosen = self.pick(
            self.tr("Link a video"),
            self.tr("Which published video is “%1”? Closest to the planned time first.").replace(
                "%1", item.title
            ),
            choices,
        )
        if chosen is not None:
            self.link_video_to_item(chosen, item.id)

    # Best time --------------------------------------------------------------------------------

    def _best_time_page(self) -> QWidget:
        self.metric = QComboBox()
        for key, text in (
            ("views", self.tr("Median views")),
            ("completion", self.tr("Median completion rate")),
            ("orders", self.tr("Median orders")),
        ):
            self.metric.addItem(text, key)
        self.metric.currentIndexChanged.connect(self._refresh_heatmap)
        self.min_videos = QSpinBox()
        self.min_videos.setRange(1, 50)
        self.min_videos.setValue(3)
        self.min_videos.setToolTip(self.tr("A slot is recommended only with this many videos"))
        self.min_videos.valueChanged.connect(self._refresh_heatmap)
        self.heatmap_model = HeatmapModel(self)
        self.heatmap = heatmap_table(self.heatmap_model)
        self.recommendation = QLabel()
        self.recommendation.setWordWrap(True)
        self.recommendation.setObjectName("SectionTitle")
        legend = QLabel(
            self.tr(
                "Each cell: the median of the videos you posted in that weekday and hour; "
                "n = how many videos. Grey cells have too few videos to trust; the three best "
                "recommendable slots have a gold border."
            )
        )
        legend.setObjectName("HintLabel")
        legend.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Show")))
        tools.addWidget(self.metric)
        tools.addSpacing(16)
        tools.addWidget(QLabel(self.tr("Recommend a slot from")))
        tools.addWidget(self.min_videos)
        tools.addWidget(QLabel(self.tr("videos")))
        tools.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(tools)
        layout.addWidget(self.recommendation)
        layout.addWidget(self.heatmap)
        layout.addWidget(legend)
        layout.addStretch(1)
        return page

    def _refresh_heatmap(self) -> None:
        if self._reader is None:
            return
        from app.services.plan_insights import posting_heatmap

        heatmap = posting_heatmap(
            self._reader, self.metric.currentData(), self.min_videos.value(), self.period_range()
        )
        self.heatmap_model.set_heatmap(heatmap)
        slots = heatmap.slots()[:3]
        if not slots:
            self.recommendation.setText(
                self.tr("Not enough videos in this period to recommend a time yet.")
            )
            return
        from PySide6.QtCore import QLocale

        locale = QLocale()
        parts = [
            self.tr("%1 %2:00 (%3, %4 videos)")
            .replace("%1", locale.dayName(s.weekday + 1, QLocale.FormatType.ShortFormat))
            .replace("%2", f"{s.hour:02d}")
            .replace("%3", metric_text(heatmap.metric, s.value))
            .replace("%4", f"{s.videos:,}")
            for s in slots
        ]
        self.recommendation.setText(self.tr("Best slots: %1").replace("%1", " · ".join(parts)))

    # What works ------------------------------------------------------------------------------

    def _what_works_page(self) -> QWidget:
        self.board_by = QComboBox()
        self.board_by.addItem(self.tr("By content pillar"), "pillar")
        self.board_by.addItem(self.tr("By structure template"), "template")
        self.board_by.currentIndexChanged.connect(self._refresh_leaderboard)
        self.leaderboard_model = FrameTableModel(
            [
                FrameColumn("name", self.tr("Name")),
                FrameColumn("videos", self.tr("Videos"), "count"),
                FrameColumn("median_views", self.tr("Median views"), "count"),
                FrameColumn("completion_rate", self.tr("Completion rate"), "rate"),
                FrameColumn("interaction_rate", self.tr("Interaction rate"), "rate"),
                FrameColumn("orders_per_1k_views", self.tr("Orders per 1k views"), "per1k"),
            ],
            self,
        )
        self.leaderboard = _sortable(record_table(self.leaderboard_model))
        self.leaderboard.setItemDelegateForColumn(2, BarDelegate(self.leaderboard))
        hint = QLabel(
            self.tr(
                "Videos published in the period, best median views first. Completion is "
                "weighted by views; interaction = likes, comments, shares and favourites per view."
            )
        )
        hint.setObjectName("HintLabel")
        hint.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(self.board_by)
        tools.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(tools)
        layout.addWidget(hint)
        layout.addWidget(self.leaderboard, 1)
        return page

    def _refresh_leaderboard(self) -> None:
        if self._reader is None:
            return
        from app.services.plan_insights import leaderboard

        start, end = self.period_range()
        board = leaderboard(self._reader, self.board_by.currentData(), start, end)
        board["name"] = [n or self.tr("(none)") for n in board["name"]]
        self.leaderboard_model.set_frame(board)
        self.leaderboard.resizeColumnsToContents()
        _widen(self.leaderboard, 2, BAR_WIDTH)

    # Challenges and duets ------------------------------------------------------------------------

    def _fission_page(self) -> QWidget:
        self.fission_model = FrameTableModel(
            [
                FrameColumn("kind_name", self.tr("Type")),
                FrameColumn("videos", self.tr("Videos"), "count"),
                FrameColumn("median_views", self.tr("Median views"), "count"),
                FrameColumn("total_views", self.tr("Total views"), "count"),
                FrameColumn("interaction_rate", self.tr("Interaction rate"), "rate"),
                FrameColumn("shares_per_1k_views", self.tr("Shares per 1k views"), "per1k"),
                FrameColumn(
                    "followers_per_1k_views", self.tr("New followers per 1k views"), "per1k"
                ),
                FrameColumn("reach_vs_original", self.tr("Reach vs originals"), "times"),
            ],
            self,
        )
        self.fission_table = record_table(self.fission_model)
        self.fission_table.setItemDelegateForColumn(2, BarDelegate(self.fission_table))
        hint = QLabel(
            self.tr(
                "Challenges (挑战赛) and duets (合拍) ride the platform's traffic pool: compare "
                "their median views with your original videos. Videos not in the plan count "
                "as originals."
            )
        )
        hint.setObjectName("HintLabel")
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.fission_table, 1)
        return page

    def _with_kind_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        names = code_names()
        frame = frame.copy()
        frame["kind_name"] = [names.get(k, k) for k in frame["kind"]]
        return frame

    # Helpers ----------------------------------------------------------------------------------

    def _write(self, action: Any) -> bool:
        if self.store is None:
            return False
        try:
            action(self.store)
        except PlanError as exc:
            QMessageBox.warning(self, self.tr("Content plan"), plan_error_text(exc.message))
            return False
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Content plan"), error_text(exc))
            return False
        self.changed.emit()
        return True

    @staticmethod
    def _current(table: QTableView) -> int:
        index = table.currentIndex()
        return index.row() if index.isValid() else -1

    @staticmethod
    def _cap(table: QTableView, widths: dict[int, int]) -> None:
        header = table.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, min(header.sectionSize(column), width))


def _sortable(table: QTableView) -> QTableView:
    """Sorting on header clicks, but rows keep the service's order until the user asks."""
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table


def _widen(table: QTableView, column: int, width: int) -> None:
    header = table.horizontalHeader()
    header.resizeSection(column, max(header.sectionSize(column), width))
