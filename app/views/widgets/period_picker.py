"""Pick a period: presets (last 7/30/90 days, this/last month, a month with data) or any range."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from app.views.formatting import month_name

CUSTOM = "custom"
MONTH_PREFIX = "month:"
MONTHS_OFFERED = 12


def preset_range(preset: str, today: date) -> tuple[date, date] | None:
    """The inclusive days of a preset as of ``today``; None for ``custom``.

    ``last_7`` … end today; ``this_month`` runs from the 1st to today; ``month:2026-10`` is that
    whole calendar month.
    """
    if preset.startswith("last_") and preset[5:].isdigit():
        return today - timedelta(days=int(preset[5:]) - 1), today
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if preset.startswith(MONTH_PREFIX):
        year, month = (int(part) for part in preset[len(MONTH_PREFIX) :].split("-"))
        start = date(year, month, 1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following - timedelta(days=1)
    return None


class PeriodPicker(QWidget):
    """A preset list and two calendar date fields; editing a date switches to "custom".

    Signals:
        period_changed(object, object): the first and last day (``datetime.date``) of the period.
    """

    period_changed = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.presets = QComboBox()
        self.presets.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start_edit = self._date_edit()
        self.end_edit = self._date_edit()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.presets)
        layout.addWidget(self.start_edit)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end_edit)
        self.set_months(today=self.today, months=())
        self.presets.currentIndexChanged.connect(self._on_presets_current_index_changed)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self._on_date_edit_date_changed)
        return edit

    def set_months(self, today: date, months: tuple[str, ...]) -> None:
        """Offer the presets as of ``today`` plus ``months`` with data (``2026-10``, newest first).

        Keeps the chosen preset when it is still offered; no signal is sent.
        """
        self.today = today
        current = self.preset()
        with QSignalBlocker(self.presets):
            self.presets.clear()
            for key, text in (
                ("last_7", self.tr("Last 7 days")),
                ("last_30", self.tr("Last 30 days")),
                ("last_90", self.tr("Last 90 days")),
                ("this_month", self.tr("This month")),
                ("last_month", self.tr("Last month")),
            ):
                self.presets.addItem(text, key)
            self.presets.insertSeparator(self.presets.count())
            for month in months[:MONTHS_OFFERED]:
                self.presets.addItem(month_name(month), MONTH_PREFIX + month)
            self.presets.insertSeparator(self.presets.count())
            self.presets.addItem(self.tr("Custom range"), CUSTOM)
            found = self.presets.findData(current) if current else -1
            self.presets.setCurrentIndex(
                found if found >= 0 else self.presets.findData("this_month")
            )
        self._show_preset_dates()

    def preset(self) -> str:
        """The chosen preset's key (``this_month``, ``month:2026-10``, ``custom`` …)."""
        data = self.presets.currentData()
        return str(data) if data else ""

    def set_preset(self, preset: str) -> None:
        """Choose a preset (must be offered) and announce the period."""
        index = self.presets.findData(preset)
        if index < 0:
            raise ValueError(f"preset not offered: {preset}")
        if index == self.presets.currentIndex():
            self._on_presets_current_index_changed(index)
        else:
            self.presets.setCurrentIndex(index)

    def set_range(self, start: date, end: date) -> None:
        """Choose a custom range and announce it."""
        with QSignalBlocker(self.presets):
            self.presets.setCurrentIndex(self.presets.findData(CUSTOM))
        self._set_dates(start, end)
        self.period_changed.emit(*self.period())

    def period(self) -> tuple[date, date]:
        """First and last day of the chosen period (swapped into order if entered backwards)."""
        start = self.start_edit.date().toPython()
        end = self.end_edit.date().toPython()
        assert isinstance(start, date)
        assert isinstance(end, date)
        return (start, end) if start <= end else (end, start)

    def _set_dates(self, start: date, end: date) -> None:
        with QSignalBlocker(self.start_edit), QSignalBlocker(self.end_edit):
            self.start_edit.setDate(QDate(start.year, start.month, start.day))
            self.end_edit.setDate(QDate(end.year, end.month, end.day))

    def _show_preset_dates(self) -> None:
        days = preset_range(self.preset(), self.today)
        if days is not None:
            self._set_dates(*days)

    def _on_presets_current_index_changed(self, _index: int) -> None:
        self._show_preset_dates()
        self.period_changed.emit(*self.period())

    def _on_date_edit_date_changed(self, _date: QDate) -> None:
        with QSignalBlocker(self.presets):
            self.presets.setCurrentIndex(self.presets.findData(CUSTOM))
        self.period_changed.emit(*self.period())
