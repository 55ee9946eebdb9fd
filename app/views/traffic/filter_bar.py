"""The Traffic tab's filters: period, platforms, accounts, pillars and templates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.analytics.traffic import NO_LABEL, Period, TrafficFilter
from app.views.formatting import platform_names
from app.views.widgets.multi_select import MultiSelectButton
from app.views.widgets.period_picker import PeriodPicker

if TYPE_CHECKING:
    from app.services.traffic import TrafficChoices


class FilterBar(QWidget):
    """Everything the whole tab is filtered by; none picked in a list means all.

    Signals:
        filter_changed(): the user changed the period or a list.
    """

    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offered = False
        self.period = PeriodPicker()
        self.period.setToolTip(self.tr("Videos published in this period"))
        self.platforms = MultiSelectButton(self.tr("Platform"), self.tr("all"))
        self.accounts = MultiSelectButton(self.tr("Account"), self.tr("all"))
        self.pillars = MultiSelectButton(self.tr("Pillar"), self.tr("all"))
        self.templates = MultiSelectButton(self.tr("Template"), self.tr("all"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Show every platform, account, pillar and template"))
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
        return (self.platforms, self.accounts, self.pillars, self.templates)

    def set_choices(self, choices: TrafficChoices, today: date, months: tuple[str, ...]) -> None:
        """Offer the store's platforms, accounts, pillars, templates and months (no signal).

        The first time, the period is this month, or the newest month with videos when this
        month has none; later calls keep what the user chose.
        """
        names = platform_names()
        first_time, self._offered = not self._offered, True
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
            self.accounts.set_options(
                [(i, f"{names.get(p, p)} · {handle}") for i, p, handle in choices.accounts]
            )
            self.pillars.set_options(
                [(i, name) for i, name, _colour in choices.pillars]
                + [(NO_LABEL, self.tr("No pillar"))]
            )
            self.templates.set_options(
                [(i, name) for i, name in choices.templates] + [(NO_LABEL, self.tr("No template"))]
            )
            for button in self._lists():
                button.blockSignals(False)

    def traffic_filter(self) -> TrafficFilter:
        """The filter the user set."""
        start, end = self.period.period()
        return TrafficFilter(
            period=Period(start, end),
            platforms=tuple(str(p) for p in self.platforms.selected()),
            account_ids=tuple(int(str(i)) for i in self.accounts.selected()),
            pillar_ids=tuple(int(str(i)) for i in self.pillars.selected()),
            template_ids=tuple(int(str(i)) for i in self.templates.selected()),
        )

    def _on_period_period_changed(self, _start: date, _end: date) -> None:
        self.filter_changed.emit()

    def _on_reset_button_clicked(self) -> None:
        with QSignalBlocker(self):
            for button in self._lists():
                button.set_selected(())
        self.filter_changed.emit()
