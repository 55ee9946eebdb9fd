"""The Conversion tab's filters: period, platforms and content groups (pillars)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.analytics.periods import NO_LABEL, Period
from app.views.formatting import platform_names
from app.views.widgets.multi_select import MultiSelectButton
from app.views.widgets.period_picker import PeriodPicker

if TYPE_CHECKING:
    from app.analytics.conversion import ConversionFilter
    from app.services.conversion import ConversionChoices


class ConversionFilterBar(QWidget):
    """Everything the whole tab is filtered by; none picked in a list means all.

    Signals:
        filter_changed(): the user changed the period or a list.
    """

    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offered = False
        self.months: tuple[str, ...] = ()
        self.period = PeriodPicker()
        self.period.setToolTip(self.tr("Orders created, spend and videos published in this period"))
        self.platforms = MultiSelectButton(self.tr("Platform"), self.tr("all"))
        self.pillars = MultiSelectButton(self.tr("Content group"), self.tr("all"))
        self.pillars.setToolTip(
            self.tr("Content pillars: orders and spend matched to these groups' videos only")
        )
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Show every platform and content group"))
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.period)
        for button in self._lists():
            layout.addWidget(button)
            button.selection_changed.connect(self.filter_changed)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self.period.period_changed.connect(self._on_period_period_changed)

    def _lists(self) -> tuple[MultiSelectButton, ...]:
        return (self.platforms, self.pillars)

    def set_choices(self, choices: ConversionChoices, today: date) -> None:
        """Offer the store's platforms, content groups and months (no signal).

        The first time, the period is this month, or the newest month with orders when this
        month has none; later calls keep what the user chose.
        """
        names = platform_names()
        first_time, self._offered = not self._offered, True
        months = _months_between(choices.first_day, choices.last_day)
        self.months = months
        with QSignalBlocker(self):
            self.period.set_months(today, months)
            if first_time:
                this_month = today.strftime("%Y-%m")
                newest = months[0] if months else this_month
                preset = "this_month" if newest >= this_month else "month:" + newest
                with QSignalBlocker(self.period):
                    self.period.set_preset(preset)
            for button in self._lists():
                button.blockSignals(True)
            self.platforms.set_options([(p, names.get(p, p)) for p in choices.platforms])
            self.pillars.set_options(
                [(i, name) for i, name, *_rest in choices.pillars]
                + [(NO_LABEL, self.tr("No pillar"))]
            )
            for button in self._lists():
                button.blockSignals(False)

    def chosen_period(self) -> Period:
        """The period the user set."""
        start, end = self.period.period()
        return Period(start, end)

    def conversion_filter(self) -> ConversionFilter:
        """The filter the user set."""
        from app.analytics.conversion import ConversionFilter

        return ConversionFilter(
            period=self.chosen_period(),
            platforms=tuple(str(p) for p in self.platforms.selected()),
            pillar_ids=tuple(int(str(i)) for i in self.pillars.selected()),
        )

    def _on_period_period_changed(self, _start: date, _end: date) -> None:
        self.filter_changed.emit()

    def _on_reset_button_clicked(self) -> None:
        with QSignalBlocker(self):
            for button in self._lists():
                button.set_selected(())
        self.filter_changed.emit()


def _months_between(first: date | None, last: date | None) -> tuple[str, ...]:
    """``YYYY-MM`` of every month from ``first`` to ``last``, newest first (none without data)."""
    if first is None or last is None:
        return ()
    months = []
    year, month = last.year, last.month
    while (year, month) >= (first.year, first.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(months)
