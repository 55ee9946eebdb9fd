"""Plan items as cards: what a card shows, how it is painted, and what a drag carries.

The calendar, the production board and the unscheduled tray all show the same card and speak the
same drag payload (the item's id under :data:`MIME_TYPE`), so a card can go from any of them to any
other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.views.formatting import code_names, format_short_datetime, platform_names

MIME_TYPE = "application/x-shopreel-plan-item"
CARD_ROLE = Qt.ItemDataRole.UserRole + 10
OVERDUE_COLOR = "#d62728"
DEFAULT_COLOR = "#8c8c8c"
TEXT_COLOR = "#1f2328"
MUTED_TEXT_COLOR = "#5b6470"
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PlanCard:
    """What a card shows of one plan item."""

    item_id: int
    title: str
    status: str
    kind: str = "original"
    platforms: tuple[str, ...] = ()
    planned_at: datetime | None = None
    pillar: str = ""
    color: str = DEFAULT_COLOR
    overdue: bool = False


def mime_for(item_id: int) -> QMimeData:
    """The drag payload of one plan item."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, str(item_id).encode("ascii"))
    mime.setText(str(item_id))
    return mime


def item_id_of(mime: QMimeData | None) -> int | None:
    """The plan item a drag carries, or None when it carries something else."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    raw = bytes(mime.data(MIME_TYPE).data()).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None


def platforms_text(platforms: tuple[str, ...]) -> str:
    """Platform names joined for a card (抖音·快手)."""
    names = platform_names()
    return "·".join(names.get(p, p) for p in platforms)


def meta_text(card: PlanCard, *, with_status: bool = True, with_time: bool = False) -> str:
    """The card's second line: when, where and how far along."""
    parts = []
    if with_time and card.planned_at is not None:
        parts.append(format_short_datetime(card.planned_at))
    if card.platforms:
        parts.append(platforms_text(card.platforms))
    if with_status:
        parts.append(code_names().get(card.status, card.status))
    if card.kind != "original":
        parts.append(code_names().get(card.kind, card.kind))
    return " · ".join(parts)


def tint(color: str, amount: float = 0.8) -> QColor:
    """``color`` blended towards white by ``amount`` (0 = the colour, 1 = white)."""
    base = QColor(color) if QColor.isValidColorName(color) else QColor(DEFAULT_COLOR)
    r, g, b = base.red(), base.green(), base.blue()
    return QColor(
        round(r + (255 - r) * amount),
        round(g + (255 - g) * amount),
        round(b + (255 - b) * amount),
    )


def paint_card(
    painter: QPainter,
    rect: QRect,
    card: PlanCard,
    *,
    first_line: str,
    second_line: str,
    selected: bool = False,
    wrap_title: bool = False,
) -> None:
    """Paint one card: pillar stripe, tinted body, title line and a smaller second line."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    border = QColor(OVERDUE_COLOR) if card.overdue else tint(card.color, 0.45)
    if selected:
        border = QColor("#1f6feb")
    width = 2 if card.overdue or selected else 1
    painter.setPen(QPen(border, width))
    painter.setBrush(tint(card.color, 0.93 if card.status == "published" else 0.82))
    painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 4, 4)
    stripe = QRect(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2)
    painter.fillRect(stripe, QColor(card.color) if QColor.isValidColorName(card.color) else border)
    text_box = rect.adjusted(9, 3, -5, -3)
    base_font = QFont(painter.font())
    title_font = QFont(base_font)
    title_font.setWeight(QFont.Weight.DemiBold)
    small_font = QFont(base_font)
    small_font.setPointSizeF(max(base_font.pointSizeF() * 0.85, 7.0))
    small_metrics = QFontMetrics(small_font)
    second_height = small_metrics.height() if second_line else 0
    title_box = text_box.adjusted(0, 0, 0, -second_height)
    painter.setFont(title_font)
    painter.setPen(QColor(TEXT_COLOR))
    title_metrics = QFontMetrics(title_font)
    lines = 2 if wrap_title and title_box.height() >= 2 * title_metrics.height() else 1
    for index, text in enumerate(wrapped_lines(first_line, title_font, title_box.width(), lines)):
        line_box = QRect(
            title_box.left(),
            title_box.top() + index * title_metrics.height(),
            title_box.width(),
            title_metrics.height(),
        )
        painter.drawText(
            line_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text
        )
    if second_line:
        painter.setFont(small_font)
        painter.setPen(QColor(OVERDUE_COLOR if card.overdue else MUTED_TEXT_COLOR))
        box = QRect(
            text_box.left(), text_box.bottom() - second_height + 1, text_box.width(), second_height
        )
        shown = small_metrics.elidedText(second_line, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
    painter.restore()


def wrapped_lines(text: str, font: QFont, width: int, lines: int) -> list[str]:
    """``text`` broken into at most ``lines`` lines of ``width`` pixels, the last one elided."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    result: list[str] = []
    start = 0
    layout.beginLayout()
    while len(result) < lines - 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        end = line.textStart() + line.textLength()
        result.append(text[line.textStart() : end].rstrip())
        start = end
    layout.endLayout()
    rest = text[start:].strip()
    if rest:
        result.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return result


class CardListModel(QAbstractListModel):
    """Cards in a list (a board column, the unscheduled tray) that can be dragged and dropped on.

    Signals:
        card_dropped(int): a plan item's card was dropped on this list.
    """

    card_dropped = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cards: list[PlanCard] = []

    def set_cards(self, cards: list[PlanCard]) -> None:
        """Show these cards, in this order."""
        self.beginResetModel()
        self._cards = list(cards)
        self.endResetModel()

    def cards(self) -> list[PlanCard]:
        """The cards shown."""
        return list(self._cards)

    def card(self, row: int) -> PlanCard:
        """The card at ``row``."""
        return self._cards[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Cards shown."""
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Title for display, the whole card for the delegate, details in the tooltip."""
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == CARD_ROLE:
            return card
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                filter(None, (card.title, card.pillar, meta_text(card, with_time=True)))
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Cards drag; the list itself takes drops."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:  # noqa: N802
        """The plan item payload only."""
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        """The first dragged card's id."""
        rows = [i.row() for i in indexes if i.isValid()]
        return mime_for(self._cards[rows[0]].item_id) if rows else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        """Cards move."""
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        """Cards move."""
        return Qt.DropAction.MoveAction

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Only plan item cards."""
        return item_id_of(data) is not None

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Say which card arrived; whoever owns the list writes the change and reloads."""
        item_id = item_id_of(data)
        if item_id is None or action == Qt.DropAction.IgnoreAction:
            return False
        self.card_dropped.emit(item_id)
        # False: the source view must not remove its row itself, the reload redraws both lists.
        return False


class CardDelegate(QStyledItemDelegate):
    """Paints a list's cards: title (wrapped on two lines), then date, platforms, pillar."""

    def __init__(self, *, with_status: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_status = with_status

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Paint the card inside the row, with a small gap around it."""
        card = index.data(CARD_ROLE)
        if not isinstance(card, PlanCard):
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        second = meta_text(card, with_status=self.with_status, with_time=True)
        if card.pillar:
            second = f"{second} · {card.pillar}" if second else card.pillar
        paint_card(
            painter,
            option.rect.adjusted(4, 3, -4, -3),
            card,
            first_line=card.title,
            second_line=second,
            selected=selected,
            wrap_title=True,
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        """Room for two title lines and the details line."""
        metrics = QFontMetrics(option.font)
        return QSize(160, metrics.height() * 3 + 16)
