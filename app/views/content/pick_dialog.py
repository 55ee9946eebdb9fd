"""A small chooser: a searchable list of (id, text) choices, one to pick."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class ChoiceModel(QAbstractListModel):
    """Choices filtered by a search text."""

    def __init__(self, choices: list[tuple[int, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._all = choices
        self._shown = list(choices)

    def set_search(self, text: str) -> None:
        """Keep the choices containing ``text``."""
        self.beginResetModel()
        needle = text.strip().lower()
        self._shown = [c for c in self._all if needle in c[1].lower()]
        self.endResetModel()

    def choice_id(self, row: int) -> int:
        """The id of a shown choice."""
        return self._shown[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Choices shown."""
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The choice's text."""
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._shown[index.row()][1]
        return None


class PickDialog(QDialog):
    """Pick one of ``choices``; ``chosen()`` is its id after the dialog is accepted."""

    def __init__(
        self, title: str, prompt: str, choices: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = ChoiceModel(choices, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_search)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        self.resize(620, 460)

    def chosen(self) -> int | None:
        """The picked choice's id."""
        index = self.list.currentIndex()
        return self.model.choice_id(index.row()) if index.isValid() else None
