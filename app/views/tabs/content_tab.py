"""内容规划 Content plan: calendar, production board, list, positioning and what the plan did.

Start-up builds this tab first, so its constructor makes only the key figures and the view
switcher; each sub-view is built the first time it is shown, and the learning views (pandas)
load only then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Reader, Store, StoreError
from app.services import plan
from app.services.edits import ConcurrentEditError
from app.services.plan import PlanError, PlanItemRow
from app.views.content.plan_errors import plan_error_text
from app.views.content.plan_snapshot import PlanSnapshot
from app.views.formatting import format_value
from app.views.service_errors import error_text
from app.views.widgets.kpi_card import KpiCard

if TYPE_CHECKING:
    from app.views.content.board_view import BoardView
    from app.views.content.calendar_view import CalendarView
    from app.views.content.learning_view import LearningView
    from app.views.content.plan_editor import PlanItemDialog
    from app.views.content.plan_list import PlanListView, PlanTableModel
    from app.views.content.positioning_view import PositioningView
    from app.views.content.week_sheet import WeekPreviewDialog

CALENDAR, BOARD, LIST, POSITIONING, LEARNING = range(5)
IN_PRODUCTION = ("scripted", "shot", "edited")
# The tab's own look (the app theme covers the shared widgets).
TAB_STYLE = """
QPushButton#SegmentButton {
    padding: 5px 16px; border: 1px solid palette(mid); border-radius: 0; background: palette(base);
}
QPushButton#SegmentButton:checked {
    background: #1f6feb; color: white; border-color: #1f6feb; font-weight: 600;
}
QPushButton#PrimaryButton {
    padding: 5px 14px; background: #1f6feb; color: white; border: 1px solid #1a5fd0;
    border-radius: 4px; font-weight: 600;
}
QLabel#HintLabel { color: palette(placeholder-text); }
QLabel#SectionTitle { font-weight: 600; }
QLabel#PeriodLabel { font-size: 16px; font-weight: 600; }
QLabel#CountBadge {
    background: palette(mid); color: palette(base); border-radius: 8px; padding: 0 7px;
    font-weight: 600;
}
QLabel#OverdueLabel { color: #d62728; font-weight: 600; }
QFrame#BoardColumn {
    background: palette(window); border: 1px solid palette(mid); border-radius: 6px;
}
"""


class ContentPlanTab(QWidget):
    """Plan videos on a calendar and a board, position them, and learn what the plan did.

    Attributes:
        tab_id: ``content``.
        store: the open store, where edits are written (set by the main window).
        snapshot: the plan as last read.
        cards: the key figures above the views.
        pages: the plan (0) or, with nothing planned or positioned yet, a start page (1).

    Signals:
        loaded(): the tab shows fresh data.
        data_changed(): the tab wrote to the store; the other tabs must read again.
    """

    tab_id = "content"
    loaded = Signal()
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_loaded = False
        self.store: Store | None = None
        self.snapshot = PlanSnapshot()
        self.dialog: PlanItemDialog | None = None
        self._reader: Reader | None = None
        self._today = date.today()
        self._views: dict[int, QWidget] = {}
        self._stale: set[int] = set()
        self._current = CALENDAR
        self._best_times: Any = None
        self._seeded: Store | None = None
        self._menu: QMenu | None = None
        self.preview: WeekPreviewDialog | None = None
        self.cards = {
            "plan_ideas": KpiCard(self.tr("Ideas")),
            "plan_in_production": KpiCard(
                self.tr("In production"), self.tr("Scripted, shot or edited")
            ),
            "plan_scheduled": KpiCard(self.tr("Scheduled")),
            "plan_published": KpiCard(self.tr("Published")),
            "plan_overdue": KpiCard(
                self.tr("Overdue"), self.tr("Planned time passed, not published yet")
            ),
            "plan_next": KpiCard(self.tr("Next planned post")),
        }
        self.view_stack = QStackedWidget()
        self.view_buttons = QButtonGroup(self)
        self.new_button = QPushButton(self.tr("New plan item…"))
        self.new_button.setObjectName("PrimaryButton")
        self.new_button.clicked.connect(lambda: self.new_item())
        self.pages = QStackedWidget()
        self.pages.addWidget(self._plan_page())
        self.pages.addWidget(self._start_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.setStyleSheet(TAB_STYLE)

    # The interface every tab has -------------------------------------------------------------

    def load(self, reader: Reader, today: date) -> None:
        """Read the plan and show it in the view in front (the others refresh when shown)."""
        self._reader, self._today = reader, today
        self.snapshot = PlanSnapshot(
            items=plan.list_plan_items(reader),
            pillars=plan.list_pillars(reader),
            personas=plan.list_personas(reader),
            templates=plan.list_templates(reader),
            products=plan.list_products(reader),
            today=today,
        )
        self._best_times = None
        self._show_figures()
        empty = not (self.snapshot.items or self.snapshot.pillars or self.snapshot.personas)
        self.pages.setCurrentIndex(1 if empty else 0)
        self._stale = set(self._views)
        self._refresh(self._current)
        self.is_loaded = True
        self.loaded.emit()

    @property
    def list_view(self) -> PlanListView:
        """The 列表 view (built on first use)."""
        return self._view(LIST)  # type: ignore[return-value]

    @property
    def model(self) -> PlanTableModel:
        """The plan's table model (the list view's)."""
        return self.list_view.model

    @property
    def table(self) -> QTableView:
        """The plan's table (the list view's)."""
        return self.list_view.table

    @property
    def calendar(self) -> CalendarView:
        """The 日历 view (built on first use)."""
        return self._view(CALENDAR)  # type: ignore[return-value]

    @property
    def board(self) -> BoardView:
        """The 制作看板 view (built on first use)."""
        return self._view(BOARD)  # type: ignore[return-value]

    @property
    def positioning(self) -> PositioningView:
        """The 定位 view (built on first use)."""
        return self._view(POSITIONING)  # type: ignore[return-value]

    @property
    def learning(self) -> LearningView:
        """The 复盘 view (built on first use)."""
        return self._view(LEARNING)  # type: ignore[return-value]

    def show_view(self, index: int) -> None:
        """Bring a sub-view to the front (building and filling it if needed)."""
        self.pages.setCurrentIndex(0)
        self.view_buttons.button(index).setChecked(True)
        self._current = index
        self._view(index)
        self.view_stack.setCurrentIndex(index)
        self._refresh(index)

    # Editing --------------------------------------------------------------------------------

    def new_item(self, when: datetime | None = None) -> PlanItemDialog:
        """Open the editor for a new item (planned at ``when`` when given)."""
        row = PlanItemRow(planned_at=when, platforms=self._usual_platforms())
        return self._open_editor(row)

    def edit_item(self, item_id: int) -> PlanItemDialog | None:
        """Open the editor for an existing item."""
        row = self.snapshot.item(item_id)
        return self._open_editor(row) if row is not None else None

    def move_item(self, item_id: int, when: datetime) -> bool:
        """Reschedule an item (a calendar drop); refused when someone changed it since."""
        version = self._version(item_id)
        return self._write(lambda store: plan.move_plan_item(store, item_id, when, version))

    def change_status(self, item_id: int, status: str) -> bool:
        """Move an item to another stage (a board drop); refused when someone changed it since."""
        version = self._version(item_id)
        return self._write(lambda store: plan.set_status(store, item_id, status, version))

    def _version(self, item_id: int) -> int | None:
        """The version of the item as the plan on screen read it."""
        item = self.snapshot.item(item_id)
        return item.version if item is not None else None

    def reload(self) -> None:
        """Read the store again (after a write)."""
        if self._reader is not None:
            self.load(self._reader, self._today)

    def _write(self, action: Callable[[Store], object]) -> bool:
        if self.store is None:
            return False
        try:
            action(self.store)
        except PlanError as exc:
            QMessageBox.warning(self, self.tr("Content plan"), plan_error_text(exc.message))
            self.reload()
            return False
        except ConcurrentEditError as exc:
            from app.views.dialogs.conflict_box import ask_to_reload

            ask_to_reload(self, exc, can_keep=False, today=self._today)
            self.reload()  # a drag has nothing to keep: show their version
            return False
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Content plan"), error_text(exc))
            return False
        self._after_write()
        return True

    def _after_write(self) -> None:
        self.reload()
        self.data_changed.emit()

    def _ensure_templates(self) -> None:
        """Add the built-in structures once per store, when they are first needed.

        Not at load: writing loads SQLAlchemy, which start-up leaves for later.
        """
        if self.store is None or self.store is self._seeded:
            return
        self._seeded = self.store
        try:
            added = plan.ensure_builtin_templates(self.store)
        except StoreError:
            return
        if added:
            self.reload()
            self.data_changed.emit()

    def _open_editor(self, row: PlanItemRow) -> PlanItemDialog:
        from app.views.content.plan_editor import PlanItemDialog

        self._ensure_templates()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = PlanItemDialog(
            row,
            self.snapshot,
            self._save_item,
            delete=self._delete_item,
            suggest=self._suggest_time,
            reload=self._reload_item,
            parent=self,
        )
        self.dialog.accepted.connect(self._after_write)
        self.dialog.rejected.connect(self._after_refusal)
        self.dialog.open()
        return self.dialog

    def card_menu(self, item_id: int) -> QMenu:
        """A card's actions: open it, move it to another stage, delete it."""
        from app.views.formatting import code_names

        menu = QMenu(self)
        menu.addAction(self.tr("Open…"), lambda: self.edit_item(item_id))
        stages = menu.addMenu(self.tr("Move to stage"))
        item = self.snapshot.item(item_id)
        names = code_names()
        for status in plan.PLAN_STATUSES:
            action = stages.addAction(
                names.get(status, status),
                lambda s=status: self.change_status(item_id, s),
            )
            action.setCheckable(True)
            action.setChecked(item is not None and item.status == status)
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self.delete_item(item_id))
        return menu

    def delete_item(self, item_id: int, *, ask: bool = True) -> bool:
        """Delete a plan item (after asking); its videos stay, unlinked."""
        item = self.snapshot.item(item_id)
        if item is None:
            return False
        if ask:
            answer = QMessageBox.question(
                self,
                self.tr("Delete plan item"),
                self.tr("Delete “%1”? Videos linked to it stay, unlinked.").replace(
                    "%1", item.title
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        version = item.version
        return self._write(lambda store: plan.delete_plan_item(store, item_id, version))

    def _on_card_menu_requested(self, item_id: int, where: QPoint) -> None:
        self._menu = self.card_menu(item_id)
        self._menu.popup(where)

    def _suggest_hour(self, day: date) -> int | None:
        suggestion = self._suggest_time(day)
        return suggestion[0] if suggestion else None

    def _save_item(self, row: PlanItemRow) -> int:
        if self.store is None:
            raise PlanError("id", plan.MSG_NOT_FOUND)
        return plan.save_plan_item(self.store, row)

    def _delete_item(self, item_id: int) -> None:
        if self.store is not None:
            item = self.snapshot.item(item_id)
            version = item.version if item is not None else None
            plan.delete_plan_item(self.store, item_id, version)

    def _reload_item(self, item_id: int) -> PlanItemRow | None:
        """The item as the store holds it now; the plan on screen is read again too."""
        self.reload()
        return self.snapshot.item(item_id)

    def _after_refusal(self) -> None:
        """The editor closed on an item someone else deleted: show the plan as it is now."""
        if self.dialog is not None and self.dialog.deleted:
            self.reload()

    def _usual_platforms(self) -> tuple[str, ...]:
        latest = [i for i in self.snapshot.items if i.platforms]
        return tuple(latest[-1].platforms) if latest else ("douyin",)

    def _suggest_time(self, day: date) -> tuple[int, str] | None:
        from app.views.content.best_time import suggestion_for

        self._load_best_times()
        return suggestion_for(self._best_times, day)

    # Building -------------------------------------------------------------------------------

    def _plan_page(self) -> QWidget:
        page = QWidget()
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        switcher = QHBoxLayout()
        switcher.setSpacing(0)
        titles = (
            self.tr("Calendar"),
            self.tr("Production board"),
            self.tr("List"),
            self.tr("Positioning"),
            self.tr("Learning"),
        )
        for index, title in enumerate(titles):
            button = QPushButton(title)
            button.setCheckable(True)
            button.setObjectName("SegmentButton")
            self.view_buttons.addButton(button, index)
            switcher.addWidget(button)
            self.view_stack.addWidget(QWidget())
        self.view_buttons.button(CALENDAR).setChecked(True)
        self.view_buttons.idClicked.connect(self.show_view)
        switcher.addStretch(1)
        switcher.addWidget(self.new_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(cards)
        layout.addLayout(switcher)
        layout.addWidget(self.view_stack, 1)
        self._view(CALENDAR)
        return page

    def _start_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Plan what to post, for whom, and learn what works"))
        title.setObjectName("WelcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Start with your positioning: the content pillars you post about and the "
                "audiences you post for. Then plan videos on the calendar, move them along the "
                "production board, and after your next import see what each planned video did."
            )
        )
        text.setObjectName("WelcomeText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        positioning = QPushButton(self.tr("Set up positioning"))
        positioning.clicked.connect(lambda: self.show_view(POSITIONING))
        first = QPushButton(self.tr("Plan a first video…"))
        first.clicked.connect(lambda: self.new_item())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(positioning)
        buttons.addWidget(first)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _view(self, index: int) -> QWidget:
        if index not in self._views:
            view = self._make_view(index)
            old = self.view_stack.widget(index)
            self.view_stack.removeWidget(old)
            old.deleteLater()
            self.view_stack.insertWidget(index, view)
            self.view_stack.setCurrentIndex(self._current)
            self._views[index] = view
            self._stale.add(index)
            if self.is_loaded:
                self._refresh(index)
        return self._views[index]

    def _make_view(self, index: int) -> QWidget:
        if index == CALENDAR:
            from app.views.content.calendar_view import CalendarView

            calendar = CalendarView()
            calendar.item_moved.connect(self.move_item)
            calendar.item_activated.connect(self.edit_item)
            calendar.create_requested.connect(self.new_item)
            calendar.print_requested.connect(self.print_week)
            calendar.week_shown.connect(self._shade_best_slots)
            calendar.menu_requested.connect(self._on_card_menu_requested)
            calendar.month_grid.suggest_hour = self._suggest_hour
            return calendar
        if index == BOARD:
            from app.views.content.board_view import BoardView

            board = BoardView()
            board.status_changed.connect(self.change_status)
            board.item_activated.connect(self.edit_item)
            board.menu_requested.connect(self._on_card_menu_requested)
            return board
        if index == LIST:
            from app.views.content.plan_list import PlanListView

            listing = PlanListView()
            listing.item_activated.connect(self.edit_item)
            listing.export_requested.connect(self._on_list_export_requested)
            listing.print_requested.connect(lambda: self.print_week(self._print_monday()))
            return listing
        if index == POSITIONING:
            from app.views.content.positioning_view import PositioningView

            positioning = PositioningView()
            positioning.changed.connect(self._after_write)
            return positioning
        from app.views.content.learning_view import LearningView

        learning = LearningView()
        learning.changed.connect(self._after_write)
        return learning

    def _refresh(self, index: int) -> None:
        if index not in self._stale or index not in self._views or self._reader is None:
            return
        self._stale.discard(index)
        if index == POSITIONING:
            self._ensure_templates()  # may read the store again: take the snapshot after it
        snapshot = self.snapshot
        if index == CALENDAR:
            self.calendar.set_cards(snapshot.cards(), snapshot.today, snapshot.legend())
        elif index == BOARD:
            self.board.set_cards(snapshot.cards())
        elif index == LIST:
            self.list_view.set_snapshot(snapshot)
        elif index == POSITIONING:
            self.positioning.set_store(self.store)
            self.positioning.set_rows(snapshot.pillars, snapshot.personas, snapshot.templates)
        else:
            self.learning.store = self.store
            self.learning.load(self._reader, snapshot)

    def _show_figures(self) -> None:
        counts = self.snapshot.status_counts()
        figures = {
            "plan_ideas": counts.get("idea", 0),
            "plan_in_production": sum(counts.get(s, 0) for s in IN_PRODUCTION),
            "plan_scheduled": counts.get("scheduled", 0),
            "plan_published": counts.get("published", 0),
            "plan_overdue": sum(1 for i in self.snapshot.items if self.snapshot.is_overdue(i)),
            "plan_next": self.snapshot.next_planned(),
        }
        for key, value in figures.items():
            self.cards[key].set_value(format_value(value))

    def _shade_best_slots(self) -> None:
        from app.views.content.best_time import best_slots

        self._load_best_times()
        self.calendar.set_best_slots(best_slots(self._best_times))

    def _load_best_times(self) -> None:
        """The posting heatmap, once per load (pandas loads here, never at start-up)."""
        if self._best_times is None and self._reader is not None:
            from app.views.content.best_time import load_best_times

            self._best_times = load_best_times(self._reader)

    # Export and print -------------------------------------------------------------------------

    def export_list(self, path: Path) -> int:
        """Write the rows the list shows, as shown, to an Excel file; how many."""
        from app.services.plan_insights import export_plan
        from app.views.formatting import code_names, platform_names

        assert self._reader is not None
        headers = {c.field: c.header for c in self.model.columns}
        labels = code_names() | platform_names()
        return export_plan(
            self._reader, path, headers, item_ids=self.model.item_ids(), labels=labels
        )

    def _on_list_export_requested(self) -> None:
        default = f"{self.tr('content-plan')}-{self._today:%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the plan"), default, self.tr("Excel workbooks (*.xlsx)")
        )
        if not path:
            return
        try:
            count = self.export_list(Path(path))
        except (OSError, StoreError) as exc:
            QMessageBox.warning(self, self.tr("Export the plan"), error_text(exc))
            return
        QMessageBox.information(
            self,
            self.tr("Export the plan"),
            self.tr("%1 plan items written to %2").replace("%1", str(count)).replace("%2", path),
        )

    def _print_monday(self) -> date:
        if CALENDAR in self._views:
            return self.calendar.shown_week()
        from app.views.content.calendar_grids import monday_of

        return monday_of(self._today)

    def print_week(self, monday: date) -> None:
        """Preview and print one week's plan as a sheet."""
        from app.views.content.week_sheet import preview_week

        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = preview_week(self, monday, self.snapshot)
