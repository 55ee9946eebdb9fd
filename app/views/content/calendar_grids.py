"""The calendar's two grids: a month of days and a week of hour slots, both painted by hand.

Cards are painted, not child widgets, so a month with a hundred plan items stays light. Each grid
keeps the rectangles it painted (``_hits``) for clicks, double-clicks and drags. A drag carries the
item's id (:func:`~app.views.content.plan_cards.mime_for`); a drop asks the grid which moment is
under the cursor and emits ``item_moved``: the tab writes the change and reloads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from app.views.content.plan_cards import PlanCard, item_id_of, meta_text, mime_for, paint_card
from app.views.formatting import format_short_date

DEFAULT_TIME = time(20, 0)
GRID_LINE = QColor("#d0d7de")
OTHER_MONTH = QColor("#f3f4f6")
TODAY_FILL = QColor("#fff8e1")
DROP_FILL = QColor("#dbeafe")
BEST_FILL = QColor("#e8f5e9")
ACCENT = QColor("#1f6feb")
MUTED = QColor("#6b7280")
WEEKS_SHOWN = 6


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week (weeks start on Monday, as Chinese calendars do)."""
    return day - timedelta(days=day.weekday())


class CardGrid(QWidget):
    """What both grids share: cards, hit testing, selection, drag out and drop in.

    Signals:
        item_moved(int, object): a card was dropped on another moment (the new ``datetime``).
        item_activated(int): a card was double-clicked.
        create_requested(object): an empty day or slot was double-clicked (its ``datetime``).
        menu_requested(int, object): a card was right-clicked (item id, global ``QPoint``).

    Attributes:
        suggest_hour: the best hour to post on a day (an unscheduled card dropped on a day of the
            month gets it), or None to use ``default_time``.
    """

    item_moved = Signal(int, object)
    item_activated = Signal(int)
    create_requested = Signal(object)
    menu_requested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.today = date.today()
        self.default_time = DEFAULT_TIME
        self.suggest_hour: Callable[[date], int | None] | None = None
        self._cards: dict[int, PlanCard] = {}
        self._hits: list[tuple[QRect, int]] = []
        self._selected: int | None = None
        self._press_pos: QPoint | None = None
        self._press_id: int | None = None
        self._drop_rect: QRect | None = None

    # Data -----------------------------------------------------------------------------------

    def set_cards(self, cards: list[PlanCard]) -> None:
        """Every plan item the calendar knows (the grid paints those in its range)."""
        self._cards = {c.item_id: c for c in cards}
        self._relayout()
        self.update()

    def shown_ids(self) -> list[int]:
        """The items painted now, in painting order."""
        return [item_id for _rect, item_id in self._hits]

    def card_rect(self, item_id: int) -> QRect | None:
        """Where the item's card is painted (None when it is not in view)."""
        return next((QRect(r) for r, i in self._hits if i == item_id), None)

    def card_at(self, pos: QPoint) -> int | None:
        """The item whose card is under ``pos``."""
        return next((i for r, i in reversed(self._hits) if r.contains(pos)), None)

    # What each grid defines -----------------------------------------------------------------

    def slot_at(self, pos: QPoint) -> datetime | None:
        """The moment a new item double-clicked at ``pos`` gets."""
        raise NotImplementedError

    def target_for(self, item_id: int, pos: QPoint) -> datetime | None:
        """The moment an item dropped at ``pos`` moves to."""
        raise NotImplementedError

    def slot_rect(self, pos: QPoint) -> QRect | None:
        """The day or slot to highlight while dragging over ``pos``."""
        raise NotImplementedError

    def _relayout(self) -> None:
        raise NotImplementedError

    # Moving ---------------------------------------------------------------------------------

    def drop_item(self, item_id: int, when: datetime | None) -> bool:
        """Move ``item_id`` to ``when``; False when that changes nothing."""
        card = self._cards.get(item_id)
        if when is None or (card is not None and card.planned_at == when):
            return False
        self.item_moved.emit(item_id, when)
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Lay the cards out again for the new size."""
        super().resizeEvent(event)
        self._relayout()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Select the card under the mouse; a drag may follow."""
        pos = event.position().toPoint()
        self._press_pos = pos if event.button() == Qt.MouseButton.LeftButton else None
        self._press_id = self.card_at(pos)
        self._selected = self._press_id
        self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Start dragging the pressed card once the mouse moved far enough."""
        if self._press_pos is None or self._press_id is None:
            return
        distance = (event.position().toPoint() - self._press_pos).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        item_id, self._press_pos = self._press_id, None
        drag = QDrag(self)
        drag.setMimeData(mime_for(item_id))
        rect = self.card_rect(item_id)
        if rect is not None:
            drag.setPixmap(self._card_pixmap(item_id, rect.size()))
            drag.setHotSpot(event.position().toPoint() - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Forget the press."""
        self._press_pos = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Open the card under the mouse, or plan a new item on the empty day or slot."""
        pos = event.position().toPoint()
        item_id = self.card_at(pos)
        if item_id is not None:
            self.item_activated.emit(item_id)
            return
        when = self.slot_at(pos)
        if when is not None:
            self.create_requested.emit(when)

    def event(self, event: QEvent) -> bool:
        """Tooltips: a card's whole title, pillar and details (cards are often elided)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item_id = self.card_at(event.pos())
            if item_id is None:
                QToolTip.hideText()
                event.ignore()
                return True
            card = self._cards[item_id]
            lines = (card.title, card.pillar, meta_text(card, with_time=True))
            QToolTip.showText(event.globalPos(), "\n".join(filter(None, lines)), self)
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        """Offer the card's actions (the tab builds the menu)."""
        item_id = self.card_at(event.pos())
        if item_id is not None:
            self._selected = item_id
            self.update()
            self.menu_requested.emit(item_id, event.globalPos())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept plan item cards."""
        if item_id_of(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        """Highlight the day or slot the card would land on."""
        pos = event.position().toPoint()
        if item_id_of(event.mimeData()) is None or self.slot_rect(pos) is None:
            event.ignore()
            return
        self._drop_rect = self.slot_rect(pos)
        self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        """Drop the highlight."""
        self._drop_rect = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Move the dropped item to the moment under the cursor."""
        self._drop_rect = None
        self.update()
        item_id = item_id_of(event.mimeData())
        if item_id is None:
            event.ignore()
            return
        self.drop_item(item_id, self.target_for(item_id, event.position().toPoint()))
        event.acceptProposedAction()

    # Painting helpers -----------------------------------------------------------------------

    def _paint_one(self, painter: QPainter, rect: QRect, card: PlanCard) -> None:
        first = card.title
        if card.planned_at is not None:
            first = f"{card.planned_at:%H:%M} {card.title}"
        if card.status == "published":
            first = f"✓ {first}"
        paint_card(
            painter,
            rect,
            card,
            first_line=first,
            second_line=meta_text(card),
            selected=card.item_id == self._selected,
        )

    def _card_pixmap(self, item_id: int, size: QSize) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setFont(self.font())
        self._paint_one(painter, QRect(QPoint(0, 0), size), self._cards[item_id])
        painter.end()
        return pixmap

    def _card_height(self) -> int:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7.0))
        return self.fontMetrics().height() + QFontMetrics(small).height() + 8


class MonthGrid(CardGrid):
    """Six weeks around a month, one cell per day with that day's cards in time order.

    Signals:
        day_opened(object): the "+n more" of a crowded day was clicked (its ``date``).
    """

    day_opened = Signal(object)

    HEADER = 26
    DAY_LABEL = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        self.month = date.today().replace(day=1)
        self._more: list[tuple[QRect, date]] = []
        super().__init__(parent)
        self.setMinimumSize(7 * 90, self.HEADER + WEEKS_SHOWN * 70)

    def set_month(self, month: date) -> None:
        """Show the month containing ``month``."""
        self.month = month.replace(day=1)
        self._relayout()
        self.update()

    def first_day(self) -> date:
        """The first day shown (the Monday on or before the 1st)."""
        return monday_of(self.month)

    def days(self) -> list[date]:
        """Every day shown, Monday first."""
        start = self.first_day()
        return [start + timedelta(days=i) for i in range(7 * WEEKS_SHOWN)]

    def cell_rect(self, day: date) -> QRect | None:
        """The rectangle of ``day``'s cell (None when it is not shown)."""
        index = (day - self.first_day()).days
        if not 0 <= index < 7 * WEEKS_SHOWN:
            return None
        row, column = divmod(index, 7)
        left, right = self._column_edges(column)
        top = self.HEADER + round(row * self._row_height())
        bottom = self.HEADER + round((row + 1) * self._row_height())
        return QRect(left, top, right - left, bottom - top)

    def day_at(self, pos: QPoint) -> date | None:
        """The day under ``pos``."""
        if pos.y() < self.HEADER or not self.rect().contains(pos):
            return None
        row = min(int((pos.y() - self.HEADER) / self._row_height()), WEEKS_SHOWN - 1)
        column = min(int(pos.x() * 7 / max(self.width(), 1)), 6)
        return self.first_day() + timedelta(days=row * 7 + column)

    def slot_at(self, pos: QPoint) -> datetime | None:
        """The clicked day at the default posting time."""
        day = self.day_at(pos)
        return datetime.combine(day, self.default_time) if day else None

    def target_for(self, item_id: int, pos: QPoint) -> datetime | None:
        """The day under ``pos``, keeping the item's time of day."""
        day = self.day_at(pos)
        if day is None:
            return None
        card = self._cards.get(item_id)
        if card is not None and card.planned_at is not None:
            return datetime.combine(day, card.planned_at.time())
        hour = self.suggest_hour(day) if self.suggest_hour is not None else None
        return datetime.combine(day, time(hour) if hour is not None else self.default_time)

    def slot_rect(self, pos: QPoint) -> QRect | None:
        """The cell under ``pos``."""
        day = self.day_at(pos)
        return self.cell_rect(day) if day else None

    def more_rect(self, day: date) -> QRect | None:
        """Where the "+n more" of ``day`` is painted, if the day is crowded."""
        return next((QRect(r) for r, d in self._more if d == day), None)

    def _row_height(self) -> float:
        return max(self.height() - self.HEADER, 1) / WEEKS_SHOWN

    def _column_edges(self, column: int) -> tuple[int, int]:
        width = max(self.width(), 1)
        return round(column * width / 7), round((column + 1) * width / 7)

    def _relayout(self) -> None:
        self._hits, self._more = [], []
        by_day: dict[date, list[PlanCard]] = defaultdict(list)
        first, last = self.first_day(), self.first_day() + timedelta(days=7 * WEEKS_SHOWN)
        for card in self._cards.values():
            if card.planned_at is not None and first <= card.planned_at.date() < last:
                by_day[card.planned_at.date()].append(card)
        card_height, gap = self._card_height(), 3
        for day, cards in by_day.items():
            cell = self.cell_rect(day)
            if cell is None:
                continue
            cards.sort(key=lambda c: (c.planned_at, c.item_id))
            top, bottom = cell.top() + self.DAY_LABEL, cell.bottom() - 2
            fits = max((bottom - top + gap) // (card_height + gap), 0)
            for index, card in enumerate(cards[:fits]):
                y = top + index * (card_height + gap)
                self._hits.append(
                    (QRect(cell.left() + 3, y, cell.width() - 6, card_height), card.item_id)
                )
            if fits < len(cards):
                # "+n more" sits on the day-number row, so a short cell still shows a card.
                width = cell.width() // 2
                more = QRect(cell.right() - width - 4, cell.top() + 2, width, self.DAY_LABEL - 4)
                self._more.append((more, day))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Weekday header, day cells, cards, "+n more" and the drop highlight."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        self._paint_header(painter)
        for day in self.days():
            self._paint_cell(painter, day)
        for rect, item_id in self._hits:
            self._paint_one(painter, rect, self._cards[item_id])
        painter.setPen(ACCENT)
        for rect, day in self._more:
            hidden = self.hidden_count(day)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                self.tr("+%1 more").replace("%1", str(hidden)),
            )
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """A click on "+n more" opens that day's week."""
        pos = event.position().toPoint()
        day = next((d for r, d in self._more if r.contains(pos)), None)
        super().mouseReleaseEvent(event)
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_opened.emit(day)

    def hidden_count(self, day: date) -> int:
        """How many of ``day``'s items hide behind its "+n more"."""
        painted = sum(
            1
            for _r, i in self._hits
            if (p := self._cards[i].planned_at) is not None and p.date() == day
        )
        total = sum(
            1
            for c in self._cards.values()
            if c.planned_at is not None and c.planned_at.date() == day
        )
        return total - painted

    def _paint_header(self, painter: QPainter) -> None:
        from PySide6.QtCore import QLocale

        locale = QLocale()
        painter.setPen(MUTED)
        for column in range(7):
            left, right = self._column_edges(column)
            name = locale.dayName(column + 1, QLocale.FormatType.ShortFormat)
            box = QRect(left, 0, right - left, self.HEADER)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), name)

    def _paint_cell(self, painter: QPainter, day: date) -> None:
        cell = self.cell_rect(day)
        if cell is None:
            return
        if day.month != self.month.month:
            painter.fillRect(cell, OTHER_MONTH)
        if day == self.today:
            painter.fillRect(cell, TODAY_FILL)
        if self._drop_rect is not None and self._drop_rect == cell:
            painter.fillRect(cell, DROP_FILL)
        painter.setPen(QPen(GRID_LINE, 1))
        painter.drawRect(cell.adjusted(0, 0, -1, -1))
        text = str(day.day) if day.day != 1 else format_short_date(day)
        height = self.DAY_LABEL - 4
        width = max(self.fontMetrics().horizontalAdvance(text) + 10, height)
        label = QRect(cell.left() + 4, cell.top() + 2, width, height)
        if day == self.today:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(ACCENT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(label, height / 2, height / 2)
            painter.restore()
            painter.setPen(QColor("white"))
        else:
            painter.setPen(MUTED if day.month != self.month.month else QColor("#1f2328"))
        painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), text)


class WeekGrid(CardGrid):
    """Seven days by 24 hour slots; a card sits in the slot of its planned hour.

    Attributes:
        best_slots: (weekday, hour) pairs the shop's history recommends; painted green.
    """

    GUTTER = 52
    HOUR_HEIGHT = 46

    def __init__(self, parent: QWidget | None = None) -> None:
        self.monday = monday_of(date.today())
        self.best_slots: set[tuple[int, int]] = set()
        super().__init__(parent)
        self.setMinimumSize(self.GUTTER + 7 * 90, 24 * self.HOUR_HEIGHT)

    def set_week(self, day: date) -> None:
        """Show the week containing ``day``."""
        self.monday = monday_of(day)
        self._relayout()
        self.update()

    def set_best_slots(self, slots: set[tuple[int, int]]) -> None:
        """Shade these (weekday 0 = Monday, hour) slots as the best times to post."""
        self.best_slots = set(slots)
        self.update()

    def days(self) -> list[date]:
        """The seven days shown."""
        return [self.monday + timedelta(days=i) for i in range(7)]

    def column_edges(self, column: int) -> tuple[int, int]:
        """Left and right x of a day's column (the header aligns to these)."""
        span = max(self.width() - self.GUTTER, 1)
        return (
            self.GUTTER + round(column * span / 7),
            self.GUTTER + round((column + 1) * span / 7),
        )

    def slot_rect_of(self, day: date, hour: int) -> QRect | None:
        """The rectangle of one day's hour slot."""
        column = (day - self.monday).days
        if not 0 <= column < 7 or not 0 <= hour < 24:
            return None
        left, right = self.column_edges(column)
        return QRect(left, hour * self.HOUR_HEIGHT, right - left, self.HOUR_HEIGHT)

    def slot_of(self, pos: QPoint) -> tuple[date, int] | None:
        """The (day, hour) under ``pos``."""
        if pos.x() < self.GUTTER or not self.rect().contains(pos):
            return None
        span = max(self.width() - self.GUTTER, 1)
        column = min(int((pos.x() - self.GUTTER) * 7 / span), 6)
        hour = min(pos.y() // self.HOUR_HEIGHT, 23)
        return self.monday + timedelta(days=column), hour

    def slot_at(self, pos: QPoint) -> datetime | None:
        """The clicked day and hour."""
        slot = self.slot_of(pos)
        return datetime.combine(slot[0], time(slot[1])) if slot else None

    def target_for(self, item_id: int, pos: QPoint) -> datetime | None:
        """The slot under ``pos``, on the hour."""
        return self.slot_at(pos)

    def slot_rect(self, pos: QPoint) -> QRect | None:
        """The slot under ``pos``."""
        slot = self.slot_of(pos)
        return self.slot_rect_of(*slot) if slot else None

    def _relayout(self) -> None:
        self._hits = []
        by_slot: dict[tuple[date, int], list[PlanCard]] = defaultdict(list)
        week = set(self.days())
        for card in self._cards.values():
            if card.planned_at is not None and card.planned_at.date() in week:
                by_slot[(card.planned_at.date(), card.planned_at.hour)].append(card)
        for (day, hour), cards in by_slot.items():
            slot = self.slot_rect_of(day, hour)
            if slot is None:
                continue
            cards.sort(key=lambda c: (c.planned_at, c.item_id))
            width = (slot.width() - 4) / len(cards)
            for index, card in enumerate(cards):
                left = slot.left() + 2 + round(index * width)
                right = slot.left() + 2 + round((index + 1) * width)
                self._hits.append(
                    (QRect(left, slot.top() + 2, right - left - 1, slot.height() - 4), card.item_id)
                )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Hour lines and labels, best slots, today's column, cards and the drop highlight."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        for column, day in enumerate(self.days()):
            left, right = self.column_edges(column)
            if day == self.today:
                painter.fillRect(QRect(left, 0, right - left, self.height()), TODAY_FILL)
            for hour in range(24):
                if (day.weekday(), hour) in self.best_slots:
                    rect = self.slot_rect_of(day, hour)
                    if rect is not None:
                        painter.fillRect(rect, BEST_FILL)
        if self._drop_rect is not None:
            painter.fillRect(self._drop_rect, DROP_FILL)
        painter.setPen(QPen(GRID_LINE, 1))
        for hour in range(25):
            y = min(hour * self.HOUR_HEIGHT, self.height() - 1)
            painter.drawLine(self.GUTTER, y, self.width(), y)
        for column in range(8):
            x = self.column_edges(column)[0] if column < 7 else self.width() - 1
            painter.drawLine(x, 0, x, self.height())
        painter.setPen(MUTED)
        for hour in range(24):
            box = QRect(
                0, hour * self.HOUR_HEIGHT + 2, self.GUTTER - 8, self.fontMetrics().height()
            )
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), f"{hour:02d}:00"
            )
        for rect, item_id in self._hits:
            self._paint_one(painter, rect, self._cards[item_id])
        painter.end()


class WeekHeader(QWidget):
    """The day names and dates above a :class:`WeekGrid`, aligned to its columns."""

    def __init__(self, grid: WeekGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.setFixedHeight(self.fontMetrics().height() + 12)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """One label per day; today in the accent colour."""
        from PySide6.QtCore import QLocale

        locale = QLocale()
        painter = QPainter(self)
        offset = (
            self.grid.mapTo(self.window(), QPoint(0, 0)).x()
            - self.mapTo(self.window(), QPoint(0, 0)).x()
        )
        for column, day in enumerate(self.grid.days()):
            left, right = self.grid.column_edges(column)
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            box = QRect(left + offset, 0, right - left, self.height())
            painter.setPen(ACCENT if day == self.grid.today else MUTED)
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignCenter), f"{name} {format_short_date(day)}"
            )
        painter.end()
