"""The weekday × hour heatmap: a metric's median per publish slot and the videos behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.views.content.best_time import metric_text
from app.views.content.frame_model import compact_number
from app.views.formatting import is_missing

if TYPE_CHECKING:
    from app.analytics.content import Heatmap

Index = QModelIndex | QPersistentModelIndex
COUNT_ROLE = Qt.ItemDataRole.UserRole + 30
VALUE_ROLE = Qt.ItemDataRole.UserRole + 31
ELIGIBLE_ROLE = Qt.ItemDataRole.UserRole + 32
TOP_ROLE = Qt.ItemDataRole.UserRole + 33
LOW, HIGH = QColor("#f1f8e9"), QColor("#2e7d32")
TOP_SLOTS = 3


def cell_text(metric: str, value: float | None) -> str:
    """What a heatmap cell shows for its median."""
    if value is None or is_missing(value):
        return ""
    if metric == "completion":
        return f"{value:.0%}"
    if metric == "orders":
        return f"{value:g}"
    return compact_number(value)


class HeatmapModel(QAbstractTableModel):
    """7 weekdays (rows, Monday first) × 24 hours (columns) of a :class:`Heatmap`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.heatmap: Heatmap | None = None
        self._top: set[tuple[int, int]] = set()
        self._range = (0.0, 1.0)

    def set_heatmap(self, heatmap: Heatmap | None) -> None:
        """Show ``heatmap`` (None: empty cells)."""
        self.beginResetModel()
        self.heatmap = heatmap
        slots = heatmap.slots() if heatmap is not None else []
        self._top = {(s.weekday, s.hour) for s in slots[:TOP_SLOTS]}
        values = [s.value for s in slots]
        self._range = (min(values), max(values)) if values else (0.0, 1.0)
        self.endResetModel()

    def value(self, weekday: int, hour: int) -> float | None:
        """The median in a cell (None when no video has it)."""
        if self.heatmap is None:
            return None
        value = float(self.heatmap.values.iat[weekday, hour])
        return None if is_missing(value) else value

    def count(self, weekday: int, hour: int) -> int:
        """Videos behind a cell."""
        return 0 if self.heatmap is None else int(self.heatmap.counts.iat[weekday, hour])

    def eligible(self, weekday: int, hour: int) -> bool:
        """Enough videos behind the cell to recommend it."""
        return self.heatmap is not None and self.count(weekday, hour) >= self.heatmap.min_videos

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Seven weekdays."""
        return 0 if parent.isValid() else 7

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """24 hours."""
        return 0 if parent.isValid() else 24

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Median text, count, colour and an explaining tooltip."""
        if not index.isValid() or self.heatmap is None:
            return None
        weekday, hour = index.row(), index.column()
        value, count = self.value(weekday, hour), self.count(weekday, hour)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(self.heatmap.metric, value)
        if role == COUNT_ROLE:
            return count
        if role == VALUE_ROLE:
            return value
        if role == ELIGIBLE_ROLE:
            return self.eligible(weekday, hour)
        if role == TOP_ROLE:
            return (weekday, hour) in self._top
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._color(value, self.eligible(weekday, hour))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(weekday, hour, value, count)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Weekday names down, hours across."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return QLocale().dayName(section + 1, QLocale.FormatType.ShortFormat)
        return f"{section}"

    def _color(self, value: float | None, eligible: bool) -> QColor | None:
        if value is None:
            return None
        low, high = self._range
        share = 0.0 if high <= low else max(0.0, min(1.0, (value - low) / (high - low)))
        if not eligible:
            return QColor("#f6f8fa")
        return QColor(
            round(LOW.red() + (HIGH.red() - LOW.red()) * share),
            round(LOW.green() + (HIGH.green() - LOW.green()) * share),
            round(LOW.blue() + (HIGH.blue() - LOW.blue()) * share),
        )

    def _tooltip(self, weekday: int, hour: int, value: float | None, count: int) -> str:
        assert self.heatmap is not None
        day = QLocale().dayName(weekday + 1, QLocale.FormatType.LongFormat)
        if value is None:
            return (
                self.tr("%1 %2:00 — no videos posted")
                .replace("%1", day)
                .replace("%2", f"{hour:02d}")
            )
        text = self.tr("%1 %2:00 — %3 over %4 videos")
        text = text.replace("%1", day).replace("%2", f"{hour:02d}")
        text = text.replace("%3", metric_text(self.heatmap.metric, value))
        text = text.replace("%4", str(count))
        if not self.eligible(weekday, hour):
            text += "\n" + self.tr("Too few videos to recommend this slot yet")
        return text


class HeatmapDelegate(QStyledItemDelegate):
    """A cell: the coloured background, the median in the middle, the video count in a corner."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Paint one cell."""
        painter.save()
        rect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QColor):
            painter.fillRect(rect, background)
        eligible = bool(index.data(ELIGIBLE_ROLE))
        dark = isinstance(background, QColor) and background.lightness() < 140
        text_color = QColor("white") if dark else QColor("#1f2328" if eligible else "#8c959f")
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold if eligible else QFont.Weight.Normal)
        painter.setFont(font)
        painter.setPen(text_color)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(rect.adjusted(0, 0, 0, -8), int(Qt.AlignmentFlag.AlignCenter), text)
        count = index.data(COUNT_ROLE) or 0
        if count:
            small = QFont(option.font)
            small.setPointSizeF(max(option.font.pointSizeF() * 0.75, 6.5))
            painter.setFont(small)
            painter.setPen(QColor("#e6ffed") if dark else QColor("#6e7781"))
            corner = QRect(rect.left(), rect.bottom() - 14, rect.width() - 3, 13)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            videos = QCoreApplication.translate("Heatmap", "n=%1").replace("%1", str(count))
            painter.drawText(corner, int(align), videos)
        if index.data(TOP_ROLE):
            painter.setPen(QPen(QColor("#bf8700"), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.setPen(QPen(QColor("#eaeef2"), 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        """Room for the median and the count."""
        return QSize(50, 46)


def heatmap_table(model: HeatmapModel, parent: QWidget | None = None) -> QTableView:
    """A fixed grid view of the heatmap: columns share the width, rows are tall enough."""
    table = QTableView(parent)
    table.setModel(model)
    table.setItemDelegate(HeatmapDelegate(table))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setShowGrid(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(48)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setFixedHeight(48 * 7 + table.horizontalHeader().sizeHint().height() + 4)
    return table
