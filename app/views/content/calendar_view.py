"""日历 Calendar: a month or a week of plan items, with the unscheduled ones beside it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.views.content.calendar_grids import MonthGrid, WeekGrid, WeekHeader, monday_of
from app.views.content.plan_cards import CardDelegate, CardListModel, PlanCard

MONTH, WEEK = "month", "week"
SCROLL_TO_HOUR = 8


class CalendarView(QWidget):
    """Month and week views of the plan; drag a card to reschedule, double-click to edit.

    Signals:
        item_moved(int, object): a card was dropped on a new moment (``datetime``).
        item_activated(int): a card was double-clicked.
        create_requested(object): an empty day or slot was double-clicked (``datetime``).
        print_requested(object): print the week starting on this Monday (``date``).
        week_shown(): the week view came to the front.
        menu_requested(int, object): a card was right-clicked (item id, global ``QPoint``).
    """

    item_moved = Signal(int, object)
    item_activated = Signal(int)
    create_requested = Signal(object)
    print_requested = Signal(object)
    week_shown = Signal()
    menu_requested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.anchor = date.today()
        self.today = date.today()
        self.month_grid = MonthGrid()
        self.week_grid = WeekGrid()
        self.week_header = WeekHeader(self.week_grid)
        self.week_scroll = QScrollArea()
        self.week_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.week_scroll.setWidgetResizable(True)
        self.week_scroll.setWidget(self.week_grid)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.month_grid)
        self.stack.addWidget(self._week_page())
        self.tray_model = CardListModel(self)
        self.tray = self._make_tray()
        self.period_label = QLabel()
        self.period_label.setObjectName("PeriodLabel")
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.best_hint = QLabel(
            self.tr("Green hours: the best times to post, from your own videos' history")
        )
        self.best_hint.setObjectName("HintLabel")
        self.best_hint.setVisible(False)
        self._scrolled = False
        for grid in (self.month_grid, self.week_grid):
            grid.item_moved.connect(self.item_moved)
            grid.item_activated.connect(self.item_activated)
            grid.create_requested.connect(self.create_requested)
            grid.menu_requested.connect(self.menu_requested)
        self.month_grid.day_opened.connect(self._on_month_grid_day_opened)
        self._build()
        self._show_period()

    # Public ---------------------------------------------------------------------------------

    def set_cards(self, cards: list[PlanCard], today: date, legend: list[tuple[str, str]]) -> None:
        """Show these plan items; ``legend`` is (pillar name, colour) in order."""
        if today != self.today:
            self.anchor = today
        self.today = today
        for grid in (self.month_grid, self.week_grid):
            grid.today = today
            grid.set_cards(cards)
        unscheduled = [c for c in cards if c.planned_at is None]
        self.tray_model.set_cards(unscheduled)
        self.tray_box.setVisible(bool(unscheduled))
        chips = [
            f'<span style="color:{color}; font-size:16px">■</span>&nbsp;{name}'
            for name, color in legend
        ]
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(chips))
        self._show_period()

    def set_best_slots(self, slots: set[tuple[int, int]]) -> None:
        """Shade the recommended (weekday, hour) slots in the week view."""
        self.week_grid.set_best_slots(slots)
        self.best_hint.setVisible(bool(slots) and self.mode() == WEEK)

    def mode(self) -> str:
        """``month`` or ``week``."""
        return WEEK if self.stack.currentIndex() == 1 else MONTH

    def show_month(self) -> None:
        """Switch to the month view."""
        self.month_button.setChecked(True)
        self.stack.setCurrentIndex(0)
        self.best_hint.setVisible(False)
        self._show_period()

    def show_week(self, day: date | None = None) -> None:
        """Switch to the week view (of ``day`` when given)."""
        if day is not None:
            self.anchor = day
        self.week_button.setChecked(True)
        self.stack.setCurrentIndex(1)
        self.best_hint.setVisible(bool(self.week_grid.best_slots))
        self._show_period()
        if not self._scrolled:
            self._scrolled = True
            QTimer.singleShot(0, self, self._scroll_to_morning)
        self.week_shown.emit()

    def go(self, steps: int) -> None:
        """Move ``steps`` months or weeks forward (negative: back)."""
        if self.mode() == WEEK:
            self.anchor += timedelta(weeks=steps)
        else:
            month_index = self.anchor.year * 12 + self.anchor.month - 1 + steps
            self.anchor = date(month_index // 12, month_index % 12 + 1, 1)
        self._show_period()

    def go_today(self) -> None:
        """Back to today."""
        self.anchor = self.today
        self._show_period()

    def shown_week(self) -> date:
        """The Monday of the week in view (in the month view: the anchor's week)."""
        return monday_of(self.anchor)

    # Building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.prev_button = QPushButton("‹")
        self.prev_button.setToolTip(self.tr("Previous"))
        self.prev_button.setFixedWidth(34)
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button = QPushButton("›")
        self.next_button.setToolTip(self.tr("Next"))
        self.next_button.setFixedWidth(34)
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.clicked.connect(self.go_today)
        self.month_button = QPushButton(self.tr("Month"))
        self.week_button = QPushButton(self.tr("Week"))
        self.mode_group = QButtonGroup(self)
        for button in (self.month_button, self.week_button):
            button.setCheckable(True)
            self.mode_group.addButton(button)
        self.month_button.setChecked(True)
        self.month_button.clicked.connect(self.show_month)
        self.week_button.clicked.connect(lambda: self.show_week())
        self.print_button = QPushButton(self.tr("Print week…"))
        self.print_button.setToolTip(self.tr("Print the week in view as a one-page sheet"))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.shown_week()))
        tools = QHBoxLayout()
        for widget in (self.prev_button, self.today_button, self.next_button):
            tools.addWidget(widget)
        tools.addSpacing(12)
        tools.addWidget(self.period_label)
        tools.addStretch(1)
        tools.addWidget(self.best_hint)
        tools.addSpacing(12)
        tools.addWidget(self.month_button)
        tools.addWidget(self.week_button)
        tools.addSpacing(12)
        tools.addWidget(self.print_button)
        body = QHBoxLayout()
        body.addWidget(self.stack, 1)
        body.addWidget(self.tray_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addLayout(body, 1)
        layout.addWidget(self.legend)

    def _week_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.week_header)
        layout.addWidget(self.week_scroll, 1)
        return page

    def _make_tray(self) -> QListView:
        tray = QListView()
        tray.setModel(self.tray_model)
        tray.setItemDelegate(CardDelegate(with_status=True, parent=tray))
        tray.setDragEnabled(True)
        tray.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        tray.setDefaultDropAction(Qt.DropAction.MoveAction)
        tray.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        tray.doubleClicked.connect(
            lambda index: self.item_activated.emit(self.tray_model.card(index.row()).item_id)
        )
        self.tray_box = box = QWidget()
        box.setFixedWidth(230)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Not scheduled yet"))
        title.setObjectName("SectionTitle")
        hint = QLabel(self.tr("Drag onto a day to schedule"))
        hint.setObjectName("HintLabel")
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(tray, 1)
        return tray

    def _show_period(self) -> None:
        locale = QLocale()
        if self.mode() == WEEK:
            monday = self.shown_week()
            self.week_grid.set_week(monday)
            self.week_header.update()
            sunday = monday + timedelta(days=6)
            text = self.tr("%1 – %2").replace(
                "%1", locale.toString(QDate(monday), self.tr("MMM d, yyyy"))
            )
            text = text.replace("%2", locale.toString(QDate(sunday), self.tr("MMM d")))
        else:
            self.month_grid.set_month(self.anchor)
            text = locale.toString(QDate(self.anchor), self.tr("MMMM yyyy"))
        self.period_label.setText(text)

    def _scroll_to_morning(self) -> None:
        self.week_scroll.verticalScrollBar().setValue(SCROLL_TO_HOUR * WeekGrid.HOUR_HEIGHT)

    def _on_month_grid_day_opened(self, day: date) -> None:
        self.show_week(day)
