"""A row of exclusive toggle buttons (e.g. stacked | separate, hashtags | keywords)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget


class Segmented(QWidget):
    """Exclusive options shown side by side; exactly one is checked.

    Signals:
        value_changed(str): the user picked another option.
    """

    value_changed = Signal(str)

    def __init__(self, options: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for value, text in options:
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setAutoRaise(False)
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
            button.toggled.connect(lambda on, v=value: on and self.value_changed.emit(v))
        if options:
            self.buttons[options[0][0]].setChecked(True)

    def value(self) -> str:
        """The checked option."""
        return next(v for v, b in self.buttons.items() if b.isChecked())

    def set_value(self, value: str) -> None:
        """Check ``value`` (announced when it changes)."""
        self.buttons[value].setChecked(True)
