"""视频 Videos: one row per video (search, sort, choose columns, export) and the detail panel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.views.formatting import platform_names
from app.views.table_models.frame_model import FrameModel
from app.views.traffic.detail_panel import DetailPanel
from app.views.traffic.labels import HIDDEN_BY_DEFAULT, VIDEO_SEARCH_COLUMNS, video_columns
from app.views.traffic.sub_view import SubView, TrafficData, fit_columns, frame_table
from app.views.widgets.column_chooser import ColumnChooser
from app.views.widgets.table_exporter import TableExporter

if TYPE_CHECKING:
    from app.tasks import Task

EXPORT_DIR_KEY = "traffic/export_dir"
TITLE_WIDTH = 280


class VideosView(SubView):
    """The video table with its tools, and the selected video's details beside it.

    Attributes:
        model: the table model (every video that passes the filter and the search).
        table: the table view.
        filter_box: the search field (title, tags, pillar, template, platform).
        count_label: "N rows" or "N of M rows".
        columns: the column chooser.
        detail: the detail panel.

    Signals:
        labels_requested(list, str, object): label these video ids: ``pillar_id`` or
            ``template_id`` set to an id, or None to clear it.
        exported(str, int): the table was written to this path, with this many rows.
        export_failed(str): an export failed (the message says why).
    """

    labels_requested = Signal(list, str, object)
    exported = Signal(str, int)
    export_failed = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.model = FrameModel(video_columns(), VIDEO_SEARCH_COLUMNS, self)
        self.table = self._make_table()
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Search titles, hashtags, pillars…"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._on_find_activated)
        self.count_label = QLabel()
        column_ids = [c.id for c in self.model.columns()]
        self.columns = ColumnChooser(
            self.table, column_ids, "traffic_videos", self.settings, HIDDEN_BY_DEFAULT
        )
        self.exporter = TableExporter(
            self.model,
            self._export_file_stem,
            dir_key=EXPORT_DIR_KEY,
            settings=self.settings,
            snapshot=self.export_snapshot,
            button_text=self.tr("Export to Excel…"),
            tooltip=self.tr("Save the rows and columns shown as an .xlsx file"),
            dialog_title=self.tr("Export the video table"),
        )
        self.exporter.exported.connect(self.exported)
        self.exporter.export_failed.connect(self.export_failed)
        self.exporter.status_reported.connect(self.status_reported)
        self.export_button = self.exporter.button
        self.export_label = self.exporter.note
        self.detail = DetailPanel()
        self.detail.pillar_chosen.connect(self._on_detail_pillar_chosen)
        self.detail.template_chosen.connect(self._on_detail_template_chosen)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        # In a scroll area, the panel's many rows never make the window taller than the screen.
        detail_area = QScrollArea()
        detail_area.setWidget(self.detail)
        detail_area.setWidgetResizable(True)
        detail_area.setFrameShape(QFrame.Shape.NoFrame)
        detail_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter.addWidget(detail_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 340])
        self.splitter.setChildrenCollapsible(False)
        tools = QHBoxLayout()
        tools.addWidget(self.filter_box, 1)
        tools.addWidget(self.count_label)
        tools.addWidget(self.columns)
        tools.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.export_label)
        self._sized = False

    def _make_table(self) -> QTableView:
        table = frame_table(self.model, row_height=26)
        # Newest first, whatever the platform; the header shows it, a click sorts otherwise.
        table.sortByColumn(self.model.column_of("published_at"), Qt.SortOrder.DescendingOrder)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        return table

    # Data ---------------------------------------------------------------------------------------

    def set_label_choices(
        self, pillars: list[tuple[int, str]], templates: list[tuple[int, str]]
    ) -> None:
        """The pillars and templates the detail panel offers."""
        self.detail.set_label_choices(pillars, templates)

    def draw(self, data: TrafficData) -> None:
        """Show the selected videos; the current video stays current when it still shows."""
        current = self.current_video_id()
        self.model.set_frame(data.selected)
        if not self._sized and self.model.rowCount():
            self._size_columns()
        self._update_count()
        row = self.model.row_of("video_id", current) if current is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0  # the detail panel shows the first video rather than stay blank
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.detail.clear()

    def _size_columns(self) -> None:
        self._sized = True
        fit_columns(self.table, self.model.column_of("title"), TITLE_WIDTH)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_rows()
        if shown != total:
            text = self.tr("%1 of %2 rows")
        else:
            text = self.tr("1 row") if total == 1 else self.tr("%1 rows")
        self.count_label.setText(text.replace("%1", f"{shown:,}").replace("%2", f"{total:,}"))

    def current_video_id(self) -> int | None:
        """The id of the video in the detail panel (the current row), if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.value(index.row(), "video_id"))

    def selected_video_ids(self) -> list[int]:
        """The ids of the selected rows (the current one when none is selected)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [int(self.model.value(r, "video_id")) for r in rows]

    def select_video(self, video_id: int) -> bool:
        """Make ``video_id`` the current, selected row; False when it is not shown."""
        row = self.model.row_of("video_id", video_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    # Detail panel -----------------------------------------------------------------------------

    def _show_detail(self) -> None:
        from app.services.traffic import snapshot_history

        index = self.table.currentIndex()
        if not index.isValid() or self.data is None:
            self.detail.clear()
            return
        record = self.model.row_values(index.row())
        history = snapshot_history(self.data.reader, int(record["video_id"]))
        self.detail.show_video(record, history, max(len(self.selected_video_ids()), 1))

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_detail()
        else:
            self.detail.clear()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.detail.record is not None:
            self.detail.set_selected_count(max(len(self.selected_video_ids()), 1))

    def _on_detail_pillar_chosen(self, pillar_id: int | None) -> None:
        self.labels_requested.emit(self.selected_video_ids(), "pillar_id", pillar_id)

    def _on_detail_template_chosen(self, template_id: int | None) -> None:
        self.labels_requested.emit(self.selected_video_ids(), "template_id", template_id)

    # Search and export ------------------------------------------------------------------------

    def _on_find_activated(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def _on_filter_box_text_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._update_count()

    def export_snapshot(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The shown rows and columns, ready to export, and their headers in the UI language.

        Platforms become their names; lengths and watch times are written as seconds (headers
        say so); an attributed GMV gets its currency in the next column.
        """
        specs = {c.id: c for c in self.model.columns()}
        ids = self.columns.visible_ids()
        wanted = [*ids, "gmv_currency"] if "gmv_cents" in ids else ids
        frame = self.model.visible_frame(wanted).copy()
        if "platform" in frame:
            names = platform_names()
            frame["platform"] = frame["platform"].map(lambda p: names.get(p, p))
        headers: dict[str, str] = {}
        for column in ids:
            headers[column] = specs[column].header
            if specs[column].kind in ("duration", "seconds"):
                headers[column] = self.tr("%1 (s)").replace("%1", specs[column].header)
            if column == "gmv_cents":
                headers["gmv_currency"] = self.tr("Currency")
        return frame, headers

    def start_export(self, path: Path) -> Task:
        """Write the shown table to ``path`` (.csv as CSV, else xlsx) off the GUI thread.

        Big tables take a while (openpyxl writes ~4,000 rows of 16 columns a second): the
        button is disabled and a note says what is happening until ``exported`` or
        ``export_failed``.
        """
        return self.exporter.start_export(path)

    def _export_file_stem(self) -> str:
        name = self.tr("videos")
        if self.data is not None:
            period = self.data.flt.period
            name = f"{name}_{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        return name
