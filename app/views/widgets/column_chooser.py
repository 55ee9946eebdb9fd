"""Which columns a table shows: a "Columns" button and the header's context menu, remembered."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QToolButton, QWidget

SETTINGS_PREFIX = "columns/hidden/"


class ColumnChooser(QToolButton):
    """Checkable entries, one per column of ``table``; unticked columns are hidden.

    The choice is saved in QSettings under ``columns/hidden/<name>`` as the hidden columns' ids
    (``default_hidden`` until the user chooses), so a column added later shows up by default.

    Signals:
        columns_changed(): a column was shown or hidden.
    """

    columns_changed = Signal()

    def __init__(
        self,
        table: QTableView,
        column_ids: list[str],
        name: str,
        settings: QSettings | None = None,
        default_hidden: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.column_ids = column_ids
        self.settings = settings if settings is not None else QSettings()
        self.key = SETTINGS_PREFIX + name
        self.default_hidden = default_hidden
        self.setText(self.tr("Columns"))
        self.setToolTip(self.tr("Choose the columns to show (also: right-click a header)"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self._fill_menu)
        self.setMenu(self.menu_)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        self._restore()

    def hidden_ids(self) -> list[str]:
        """The ids of the hidden columns."""
        header = self.table.horizontalHeader()
        return [cid for n, cid in enumerate(self.column_ids) if header.isSectionHidden(n)]

    def visible_ids(self) -> list[str]:
        """The ids of the shown columns, in the order the user sees them."""
        header = self.table.horizontalHeader()
        shown = [n for n in range(len(self.column_ids)) if not header.isSectionHidden(n)]
        return [self.column_ids[n] for n in sorted(shown, key=header.visualIndex)]

    def set_column_visible(self, column_id: str, visible: bool) -> None:
        """Show or hide one column (the last shown column cannot be hidden) and remember it."""
        number = self.column_ids.index(column_id)
        if not visible and len(self.visible_ids()) <= 1:
            return
        self.table.horizontalHeader().setSectionHidden(number, not visible)
        self.settings.setValue(self.key, ",".join(self.hidden_ids()))
        self.columns_changed.emit()

    def _restore(self) -> None:
        saved = self.settings.value(self.key)
        saved = ",".join(self.default_hidden) if saved is None else str(saved)
        header = self.table.horizontalHeader()
        for column_id in filter(None, saved.split(",")):
            if column_id in self.column_ids:
                header.setSectionHidden(self.column_ids.index(column_id), True)

    def _fill_menu(self, menu: QMenu | None = None) -> QMenu:
        menu = menu if menu is not None else self.menu_
        menu.clear()
        model = self.table.model()
        header = self.table.horizontalHeader()
        for number, column_id in enumerate(self.column_ids):
            text = model.headerData(number, Qt.Orientation.Horizontal)
            action = QAction(str(text), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(number))
            action.toggled.connect(
                lambda checked, cid=column_id: self.set_column_visible(cid, checked)
            )
            menu.addAction(action)
        menu.addSeparator()
        reset = QAction(self.tr("Show all columns"), menu)
        reset.triggered.connect(self._show_all)
        menu.addAction(reset)
        return menu

    def _show_all(self) -> None:
        for column_id in self.column_ids:
            self.table.horizontalHeader().setSectionHidden(self.column_ids.index(column_id), False)
        self.settings.setValue(self.key, "")
        self.columns_changed.emit()

    def _on_header_context_menu_requested(self, pos: QPoint) -> None:
        menu = self._fill_menu(QMenu(self))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()
