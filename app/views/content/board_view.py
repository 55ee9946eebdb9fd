"""制作看板 Production board: one column per stage, cards dragged from stage to stage."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.views.content.plan_cards import CardDelegate, CardListModel, PlanCard
from app.views.formatting import code_names

STAGES = ("idea", "scripted", "shot", "edited", "scheduled", "published")


class BoardColumn(QFrame):
    """One stage: its name and count above a list of cards that takes drops.

    Attributes:
        status: the stage this column stands for.
        model: the cards in this stage.
        view: the list showing them.
    """

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BoardColumn")
        self.status = status
        self.model = CardListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(parent=self.view))
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setUniformItemSizes(True)
        self.title = QLabel(code_names().get(status, status))
        self.title.setObjectName("SectionTitle")
        self.count_label = QLabel("0")
        self.count_label.setObjectName("CountBadge")
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("OverdueLabel")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(self.overdue_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    def set_cards(self, cards: list[PlanCard]) -> None:
        """Show these cards and their count (and how many are overdue)."""
        self.model.set_cards(cards)
        self.count_label.setText(str(len(cards)))
        overdue = sum(1 for c in cards if c.overdue)
        self.overdue_label.setText(self.tr("%1 overdue").replace("%1", str(overdue)))
        self.overdue_label.setVisible(overdue > 0)


class BoardView(QWidget):
    """Six stage columns, idea → published; drop a card on a column to move it there.

    Signals:
        status_changed(int, str): a card was dropped on another stage.
        item_activated(int): a card was double-clicked.
        menu_requested(int, object): a card was right-clicked (item id, global ``QPoint``).
    """

    status_changed = Signal(int, str)
    item_activated = Signal(int)
    menu_requested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status_of: dict[int, str] = {}
        self.columns = {status: BoardColumn(status) for status in STAGES}
        hint = QLabel(
            self.tr(
                "Drag a card to the next stage as the video moves along. Red: the planned time "
                "has passed and the video is not published yet."
            )
        )
        hint.setObjectName("HintLabel")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.setSpacing(8)
        for status, column in self.columns.items():
            column.model.card_dropped.connect(lambda item_id, s=status: self.drop_on(item_id, s))
            column.view.doubleClicked.connect(
                lambda index, c=column: self._on_column_double_clicked(c, index)
            )
            column.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            column.view.customContextMenuRequested.connect(
                lambda pos, c=column: self._on_column_menu(c, pos)
            )
            row.addWidget(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addLayout(row, 1)

    def set_cards(self, cards: list[PlanCard]) -> None:
        """Sort the cards into their stages: by planned time, published ones newest first."""
        self._status_of = {c.item_id: c.status for c in cards}
        for status, column in self.columns.items():
            in_stage = [c for c in cards if c.status == status]
            newest_first = status == "published"
            in_stage.sort(key=lambda c: _time_key(c, newest_first), reverse=newest_first)
            column.set_cards(in_stage)

    def counts(self) -> dict[str, int]:
        """Cards per stage, as the column headers say."""
        return {s: int(c.count_label.text()) for s, c in self.columns.items()}

    def drop_on(self, item_id: int, status: str) -> bool:
        """Move ``item_id`` to ``status``; False when it is already there."""
        if self._status_of.get(item_id) == status:
            return False
        self.status_changed.emit(item_id, status)
        return True

    def _on_column_menu(self, column: BoardColumn, pos: QPoint) -> None:
        index = column.view.indexAt(pos)
        if index.isValid():
            item_id = column.model.card(index.row()).item_id
            self.menu_requested.emit(item_id, column.view.viewport().mapToGlobal(pos))

    def _on_column_double_clicked(self, column: BoardColumn, index: QModelIndex) -> None:
        self.item_activated.emit(column.model.card(index.row()).item_id)


def _time_key(card: PlanCard, newest_first: bool) -> datetime:
    if card.planned_at is not None:
        return card.planned_at
    return datetime.min if newest_first else datetime.max
