"""Print the week: a one-page landscape sheet of seven day columns with each day's plan items."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.views.content.plan_cards import PlanCard, meta_text, tint
from app.views.content.plan_snapshot import PlanSnapshot
from app.views.formatting import format_date, format_short_date


def week_cards(snapshot: PlanSnapshot, monday: date) -> dict[date, list[PlanCard]]:
    """The week's cards by day, in time order."""
    days = {monday + timedelta(days=i): [] for i in range(7)}  # type: dict[date, list[PlanCard]]
    for card in snapshot.cards():
        if card.planned_at is not None and card.planned_at.date() in days:
            days[card.planned_at.date()].append(card)
    for cards in days.values():
        cards.sort(key=lambda c: (c.planned_at, c.item_id))
    return days


def paint_week_sheet(
    painter: QPainter, page: QRectF, monday: date, snapshot: PlanSnapshot
) -> list[str]:
    """Paint the week's plan into ``page``; returns the item titles painted, day by day."""
    locale = QLocale()
    base = QFont(painter.font())
    base.setPointSizeF(9)
    title_font = QFont(base)
    title_font.setPointSizeF(15)
    title_font.setWeight(QFont.Weight.DemiBold)
    bold = QFont(base)
    bold.setWeight(QFont.Weight.DemiBold)
    small = QFont(base)
    small.setPointSizeF(7.5)
    sunday = monday + timedelta(days=6)
    heading = QCoreApplication.translate("WeekSheet", "Content plan, week of %1 – %2")
    heading = heading.replace("%1", format_date(monday)).replace("%2", format_date(sunday))
    painter.setFont(title_font)
    painter.setPen(QColor("#1f2328"))
    title_height = QFontMetricsF(title_font).height() * 1.6
    painter.drawText(QRectF(page.left(), page.top(), page.width(), title_height), heading)
    grid_top = page.top() + title_height
    column_width = page.width() / 7
    header_height = QFontMetricsF(bold).height() * 1.8
    painted: list[str] = []
    for index, (day, cards) in enumerate(week_cards(snapshot, monday).items()):
        left = page.left() + index * column_width
        column = QRectF(left, grid_top, column_width, page.bottom() - grid_top)
        painter.setPen(QPen(QColor("#8c959f"), 0.8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(column)
        header = QRectF(left, grid_top, column_width, header_height)
        painter.fillRect(header.adjusted(0.5, 0.5, -0.5, -0.5), QColor("#eef1f4"))
        painter.setFont(bold)
        painter.setPen(QColor("#1f2328"))
        name = locale.dayName(day.isoweekday(), QLocale.FormatType.LongFormat)
        painter.drawText(
            header, int(Qt.AlignmentFlag.AlignCenter), f"{name} {format_short_date(day)}"
        )
        y = grid_top + header_height + 4
        for card in cards:
            y = _paint_entry(painter, QRectF(left + 4, y, column_width - 8, 0), card, bold, small)
            painted.append(card.title)
            if y > page.bottom():
                break
    return painted


def _paint_entry(
    painter: QPainter, box: QRectF, card: PlanCard, bold: QFont, small: QFont
) -> float:
    """One item: time and title (wrapped), platforms and stage; returns the next free y."""
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    title = f"{card.planned_at:%H:%M}  {card.title}" if card.planned_at else card.title
    title_rect = QFontMetricsF(bold).boundingRect(QRectF(0, 0, box.width() - 8, 1e6), flags, title)
    meta = meta_text(card)
    meta_rect = QFontMetricsF(small).boundingRect(QRectF(0, 0, box.width() - 8, 1e6), flags, meta)
    height = title_rect.height() + meta_rect.height() + 10
    entry = QRectF(box.left(), box.top(), box.width(), height)
    painter.setPen(QPen(QColor(card.color), 0.8))
    painter.setBrush(tint(card.color, 0.88))
    painter.drawRoundedRect(entry, 3, 3)
    painter.fillRect(QRectF(entry.left(), entry.top(), 3, entry.height()), QColor(card.color))
    painter.setPen(QColor("#1f2328"))
    painter.setFont(bold)
    text_box = entry.adjusted(6, 4, -2, -4)
    painter.drawText(
        QRectF(text_box.left(), text_box.top(), text_box.width(), title_rect.height()), flags, title
    )
    painter.setFont(small)
    painter.setPen(QColor("#5b6470"))
    meta_top = text_box.top() + title_rect.height() + 2
    painter.drawText(
        QRectF(text_box.left(), meta_top, text_box.width(), meta_rect.height()), flags, meta
    )
    return entry.bottom() + 5


def set_week_page(printer: QPrinter) -> None:
    """A4 landscape with 10 mm margins: the week sheet's page."""
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(10, 10, 10, 10),
            QPageLayout.Unit.Millimeter,
        )
    )


def print_week(printer: QPrinter, monday: date, snapshot: PlanSnapshot) -> list[str]:
    """Paint the week sheet on ``printer``'s page; the item titles painted."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot print to {printer.printerName() or printer.outputFileName()}")
    try:
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        page.moveTo(0, 0)
        return paint_week_sheet(painter, page, monday, snapshot)
    finally:
        painter.end()


class WeekPreviewDialog(QPrintPreviewDialog):
    """The print preview of one week; it owns its printer (the Qt dialog only borrows it).

    Attributes:
        printer: the printer the preview paints on and prints to.
    """

    def __init__(
        self, printer: QPrinter, monday: date, snapshot: PlanSnapshot, parent: QWidget
    ) -> None:
        super().__init__(printer, parent)
        self.printer = printer
        self.setWindowTitle(QCoreApplication.translate("WeekSheet", "Print the week"))
        self.paintRequested.connect(lambda p: print_week(p, monday, snapshot))
        self.resize(1000, 760)


def preview_week(parent: QWidget, monday: date, snapshot: PlanSnapshot) -> WeekPreviewDialog:
    """Show the print preview of the week (print from there); keep the result alive."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_week_page(printer)
    dialog = WeekPreviewDialog(printer, monday, snapshot, parent)
    dialog.open()
    return dialog
