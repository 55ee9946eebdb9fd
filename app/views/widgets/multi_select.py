"""A drop-down button to pick several values (platforms, accounts …); none picked means all."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

MAX_NAMES_SHOWN = 2


class _StayOpenMenu(QMenu):
    """A menu that stays open while checkable entries are ticked, so several can be picked."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Toggle a checkable entry without closing the menu."""
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class MultiSelectButton(QToolButton):
    """Shows "<caption>: all" or the picked names; a menu of checkable options.

    Signals:
        selection_changed(): the user ticked or cleared an option.
    """

    selection_changed = Signal()

    def __init__(self, caption: str, all_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.all_text = all_text
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = _StayOpenMenu(self)
        self.setMenu(self.menu_)
        self._actions: list[tuple[Hashable, QAction]] = []
        self._all_action = QAction(self.tr("All"), self)
        self._all_action.triggered.connect(self._on_all_triggered)
        self._refresh_text()

    def set_options(self, options: Sequence[tuple[Hashable, str]]) -> None:
        """Offer ``(value, label)`` options; keeps the picked values that are still offered."""
        picked = set(self.selected())
        self.menu_.clear()
        self.menu_.addAction(self._all_action)
        self.menu_.addSeparator()
        self._actions = []
        for value, label in options:
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(value in picked)
            action.toggled.connect(self._on_option_toggled)
            self.menu_.addAction(action)
            self._actions.append((value, action))
        self.setEnabled(bool(options))
        self._refresh_text()

    def options(self) -> list[Hashable]:
        """The offered values."""
        return [value for value, _ in self._actions]

    def selected(self) -> tuple[Hashable, ...]:
        """The picked values (empty: all)."""
        return tuple(value for value, action in self._actions if action.isChecked())

    def set_selected(self, values: Sequence[Hashable]) -> None:
        """Pick exactly ``values`` (others cleared) and tell listeners once."""
        wanted = set(values)
        for value, action in self._actions:
            action.blockSignals(True)
            action.setChecked(value in wanted)
            action.blockSignals(False)
        self._refresh_text()
        self.selection_changed.emit()

    def _on_all_triggered(self) -> None:
        self.set_selected(())

    def _on_option_toggled(self, _checked: bool) -> None:
        self._refresh_text()
        self.selection_changed.emit()

    def _refresh_text(self) -> None:
        names = [action.text() for _, action in self._actions if action.isChecked()]
        if not names:
            shown = self.all_text
        elif len(names) <= MAX_NAMES_SHOWN:
            shown = self.tr(", ").join(names)
        else:
            shown = self.tr("%1 selected").replace("%1", str(len(names)))
        self.setText(self.tr("%1: %2").replace("%1", self.caption).replace("%2", shown))
        self.setToolTip(self.tr(", ").join(names) if names else self.all_text)
