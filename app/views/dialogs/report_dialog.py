"""Report…: pick a month and the sections, then preview, print or save the monthly report.

The pages are the ones the PDF gets (:func:`app.services.reports.build_report`), built on the
worker; for the preview and the printer each page becomes SVG with its text as paths and is
painted with QSvgRenderer onto the printer's page: vector, and the same look as the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QRectF, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.tasks import Task, TaskRunner
from app.views.formatting import month_name

ERROR_STYLE = "color: #c0392b"
_SECTION_TITLES = {
    "cover": QT_TRANSLATE_NOOP("ReportDialog", "Cover with the headline numbers"),
    "kpis": QT_TRANSLATE_NOOP("ReportDialog", "Key figures against last month"),
    "trend": QT_TRANSLATE_NOOP("ReportDialog", "Traffic trend"),
    "videos": QT_TRANSLATE_NOOP("ReportDialog", "Top and bottom videos"),
    "content": QT_TRANSLATE_NOOP("ReportDialog", "Pillars and templates"),
    "funnel": QT_TRANSLATE_NOOP("ReportDialog", "Funnel and attribution"),
    "ads": QT_TRANSLATE_NOOP("ReportDialog", "Ad ROI and the content-to-cash ledger"),
    "customers": QT_TRANSLATE_NOOP("ReportDialog", "Customers by tier and tier movement"),
    "churn": QT_TRANSLATE_NOOP("ReportDialog", "Churn warning"),
    "campaigns": QT_TRANSLATE_NOOP("ReportDialog", "Campaigns and their uplift"),
    "reviews": QT_TRANSLATE_NOOP("ReportDialog", "Negative reviews and reply times"),
    "plan": QT_TRANSLATE_NOOP("ReportDialog", "Next month's content plan"),
    "recommendations": QT_TRANSLATE_NOOP("ReportDialog", "Recommendations"),
}


def section_title(key: str, title_key: str) -> str:
    """A section's name in the UI language (a section added later: the report's English)."""
    if key in _SECTION_TITLES:
        return QCoreApplication.translate("ReportDialog", _SECTION_TITLES[key])
    from app.reports.strings import text

    return text("en", title_key)


@dataclass(frozen=True)
class BuiltReport:
    """A report built on the worker: what was asked, its page count, each page as SVG (none
    when it was only saved as PDF)."""

    request: tuple[str, str, tuple[str, ...]]
    pages: int
    svgs: tuple[bytes, ...] = ()


def a4_printer(output: Path | None = None) -> QPrinter:
    """A printer set up for the report's A4 portrait pages (a PDF file when ``output``)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the pages carry their own margins
    if output is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
    return printer


def paint_pages(printer: QPrinter, svgs: Sequence[bytes]) -> int:
    """Paint each page (SVG) onto the printer, scaled to fit its page; the pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QCoreApplication.translate("ReportDialog", "The printer could not start."))
    try:
        for n, svg in enumerate(svgs):
            if n and not printer.newPage():
                raise OSError(
                    QCoreApplication.translate("ReportDialog", "The printer refused a new page.")
                )
            renderer = QSvgRenderer(QByteArray(svg))
            renderer.render(painter, _fitted(renderer, printer))
    finally:
        painter.end()
    return len(svgs)


def _fitted(renderer: QSvgRenderer, printer: QPrinter) -> QRectF:
    """The largest rectangle of the page's shape centred on the printer's page."""
    page = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
    size = renderer.defaultSize()
    scale = min(page.width() / size.width(), page.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    left = page.left() + (page.width() - width) / 2
    top = page.top() + (page.height() - height) / 2
    return QRectF(left, top, width, height)


class ReportDialog(QDialog):
    """Month, language and sections of the monthly report; Preview, Print… and Save PDF….

    Attributes:
        built: the last report built (reused while the choices stay the same).
        task: the job building the report, while it runs.

    Signals:
        report_built(): the pages of the chosen report are ready.
        pdf_saved(str): the PDF was written to this path.
        failed(str): building or saving failed, with the message shown.
    """

    report_built = Signal()
    pdf_saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        store: Store,
        runner: TaskRunner,
        *,
        language: str = "zh_CN",
        mask_names: bool = False,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from app.reports.sections import all_sections

        self.store = store
        self.runner = runner
        self.mask_names = mask_names
        self.today = today
        self.built: BuiltReport | None = None
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Monthly report"))
        self.month = QComboBox()
        for month in self._months():
            self.month.addItem(month_name(month), month)
        self.month.setCurrentIndex(max(0, self.month.findData(_last_whole_month(today))))
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form = QFormLayout()
        form.addRow(self.tr("Month:"), self.month)
        form.addRow(self.tr("Report language:"), self.language)
        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QGroupBox(self.tr("Sections"))
        grid = QGridLayout(sections)
        for n, part in enumerate(all_sections()):
            box = QCheckBox(section_title(part.key, part.title_key))
            box.setChecked(True)
            self.section_boxes[part.key] = box
            grid.addWidget(box, n // 2, n % 2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(sections)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        if self.month.count() == 0:
            self._show_error(self.tr("There is nothing to report yet: import some exports first."))
        self._enable(self.month.count() > 0)

    def _months(self) -> list[str]:
        from app.services.reports import report_months

        reader = self.store.reader()
        try:
            return report_months(reader)
        finally:
            reader.close()

    # Choices ------------------------------------------------------------------------------------

    def chosen_sections(self) -> tuple[str, ...]:
        """The keys of the ticked sections, in document order."""
        return tuple(key for key, box in self.section_boxes.items() if box.isChecked())

    def request(self) -> tuple[str, str, tuple[str, ...]]:
        """(month, language, sections) as chosen now."""
        return (
            str(self.month.currentData()),
            str(self.language.currentData()),
            self.chosen_sections(),
        )

    def _enable(self, on: bool) -> None:
        for widget in (self.preview_button, self.print_button, self.save_button):
            widget.setEnabled(on)

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)

    def _show_status(self, message: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(message)

    # Building -----------------------------------------------------------------------------------

    def build(
        self, then: Callable[[BuiltReport], None], save_to: Path | None = None
    ) -> Task | None:
        """Build the chosen report on the worker (and save it as PDF when ``save_to``), then
        call ``then`` with it on the GUI thread; None when a build is already running."""
        if self.task is not None:
            return None
        request = self.request()
        if not request[2]:
            self._show_error(self.tr("Choose at least one section."))
            return None
        if save_to is None and self.built is not None and self.built.request == request:
            then(self.built)
            return None
        store, today, mask = self.store, self.today, self.mask_names

        def job(task: Task) -> BuiltReport:
            return _build(store, request, today, mask, save_to, task)

        self._enable(False)
        self.progress.setVisible(True)
        self._show_status(self.tr("Making the report…"))
        self.task = self.runner.submit(job)
        self.task.on_success(lambda built: self._on_built(built, then))
        self.task.on_failure(self._on_build_failed)
        return self.task

    def _on_built(self, built: BuiltReport, then: Callable[[BuiltReport], None]) -> None:
        self.task = None
        if built.svgs:
            self.built = built
        self.progress.setVisible(False)
        self._enable(True)
        self._show_status(self.tr("%n page(s) ready.", "", built.pages))
        self.report_built.emit()
        then(built)

    def _on_build_failed(self, error: BaseException) -> None:
        self.task = None
        self.progress.setVisible(False)
        self._enable(True)
        message = self.tr("The report could not be made: %1").replace("%1", str(error))
        self._show_error(message)
        self.failed.emit(message)

    # Actions ------------------------------------------------------------------------------------

    def _on_preview_button_clicked(self) -> None:
        self.build(self.preview)

    def preview(self, built: BuiltReport) -> QPrintPreviewDialog:
        """Show the pages in a print preview (from which the user can print)."""
        printer = a4_printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.tr("Report preview"))
        dialog.paintRequested.connect(lambda target: self._paint(target, built))
        dialog.open()
        return dialog

    def _on_print_button_clicked(self) -> None:
        printer = a4_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.build(lambda built: self._paint(printer, built))

    def _paint(self, printer: QPrinter, built: BuiltReport) -> None:
        try:
            paint_pages(printer, built.svgs)
        except OSError as exc:
            self._show_error(str(exc))

    def _on_save_button_clicked(self) -> None:
        month, lang, _ = self.request()
        suggested = f"{month}-report.pdf" if lang == "en" else f"{month}-月度报告.pdf"
        start = (
            self.store.sqlite_path.parent / suggested if self.store.sqlite_path else Path(suggested)
        )
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(start), self.tr("PDF files (*.pdf)")
        )
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> Task | None:
        """Build the report and write it to ``path`` (replaced only once complete)."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return self.build(lambda _built: self._on_saved(path), save_to=path)

    def _on_saved(self, path: Path) -> None:
        self._show_status(self.tr("Saved to %1").replace("%1", str(path)))
        self.pdf_saved.emit(str(path))

    def reject(self) -> None:
        """Close; a running build is asked to stop."""
        if self.task is not None:
            self.task.cancel()
        super().reject()


def _last_whole_month(today: date | None) -> str:
    """The month before ``today``'s (the one an owner reports on), like ``2026-10``."""
    first = (today or date.today()).replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def _build(
    store: Store,
    request: tuple[str, str, tuple[str, ...]],
    today: date | None,
    mask_names: bool,
    save_to: Path | None,
    progress: Any,
) -> BuiltReport:
    """On the worker: the pages, as SVG for painting, and the PDF when asked."""
    from app.services.reports import build_report, page_svgs, save_pdf

    month, lang, sections = request
    reader = store.reader()
    try:
        pages = build_report(
            reader,
            month,
            lang=lang,
            sections=sections,
            today=today,
            mask_names=mask_names,
            progress=progress,
        )
    finally:
        reader.close()
    if save_to is not None:
        save_pdf(pages, save_to, title=f"{month} ShopReel")
        return BuiltReport(request, len(pages))
    return BuiltReport(request, len(pages), tuple(page_svgs(pages)))
