"""Every text a user can see in a widget tree: labels, buttons, tabs, menus, tables, charts.

Used by the test that the Chinese UI has no English left in it: it collects the texts with where
they were seen, and picks out the Latin words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

TABLE_ROWS = 8  # cells of the first rows of every table are read
_TAG = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&[a-z]+;|&#\d+;")
# A Latin word: letters, with inner digits, +, ', /, - or . (DOU+, A/B, e.g. Wi-Fi, .xlsx)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[+'’/\-.][A-Za-z0-9]+)*\+?")


@dataclass(frozen=True)
class Seen:
    """One text and where it showed (a widget's class and object name, and which property)."""

    text: str
    where: str


def plain(text: str) -> str:
    """The text without rich-text tags and entities (``<b>`` is no English word)."""
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text)
    return _ENTITY.sub(" ", text)


def latin_words(text: str) -> list[str]:
    """The Latin words in ``text`` (tags stripped; accelerator ampersands ignored)."""
    return LATIN_WORD.findall(plain(text).replace("&", ""))


def _name(widget: object) -> str:
    name = widget.objectName() if hasattr(widget, "objectName") else ""
    return f"{type(widget).__name__}#{name}" if name else type(widget).__name__


def _size(model: QAbstractItemModel) -> tuple[int, int]:
    """Columns and rows (a list model's columnCount is private: it has one column)."""
    if isinstance(model, QAbstractListModel):
        return 1, model.rowCount(QModelIndex())
    return model.columnCount(QModelIndex()), model.rowCount(QModelIndex())


def model_texts(model: QAbstractItemModel, where: str, rows: int = TABLE_ROWS) -> Iterator[Seen]:
    """Headers (text and tooltip) and the first ``rows`` rows' cells of a table or list model."""
    display = Qt.ItemDataRole.DisplayRole
    tooltip = Qt.ItemDataRole.ToolTipRole
    columns, row_count = _size(model)
    for column in range(columns):
        for role in (display, tooltip):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str) and value:
                yield Seen(value, f"{where} header {column}")
    for row in range(min(rows, row_count)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (display, tooltip):
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    yield Seen(value, f"{where} cell {row},{column}")


def action_texts(actions: list[QAction], where: str) -> Iterator[Seen]:
    """The texts and tooltips of actions, and of their sub-menus' actions."""
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        yield Seen(action.text(), f"{where} action")
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            yield Seen(action.toolTip(), f"{where} action tooltip")
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield Seen(menu.title(), f"{where} menu")
            yield from action_texts(menu.actions(), f"{where} › {menu.title()}")


def figure_texts(figure: object, where: str) -> Iterator[Seen]:
    """Titles, axis labels, tick labels, legends and free texts of a matplotlib figure."""
    for text in figure.findobj(match=lambda o: type(o).__name__ in ("Text", "Annotation")):  # type: ignore[attr-defined]
        if text.get_visible() and text.get_text():
            yield Seen(text.get_text(), f"{where} chart")


def _own_texts(widget: QWidget) -> Iterator[Seen]:
    where = _name(widget)
    if widget.isWindow() and widget.windowTitle():
        yield Seen(widget.windowTitle(), f"{where} title")
    if widget.toolTip():
        yield Seen(widget.toolTip(), f"{where} tooltip")
    if isinstance(widget, QLabel | QAbstractButton):
        yield Seen(widget.text(), where)
    elif isinstance(widget, QGroupBox):
        yield Seen(widget.title(), where)
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield Seen(widget.tabText(i), f"{where} tab")
            yield Seen(widget.tabToolTip(i), f"{where} tab tooltip")
    elif isinstance(widget, QLineEdit):
        yield Seen(widget.placeholderText(), f"{where} placeholder")
        if not widget.isReadOnly() or widget.text():
            yield Seen(widget.text(), f"{where} text")
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield Seen(widget.itemText(i), f"{where} item")
    elif isinstance(widget, QDateTimeEdit):
        yield Seen(widget.text(), f"{where} date")
    elif isinstance(widget, QAbstractSpinBox):
        yield Seen(widget.text(), f"{where} value")
        yield Seen(widget.specialValueText(), f"{where} special")
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        yield Seen(widget.toPlainText(), where)
        yield Seen(widget.placeholderText(), f"{where} placeholder")
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget.model(), where)
    figure = getattr(widget, "figure", None)
    if figure is not None and hasattr(figure, "findobj"):
        yield from figure_texts(figure, where)
    if widget.actions():
        yield from action_texts(widget.actions(), where)


def visible_texts(root: QWidget) -> Iterator[Seen]:
    """Every non-empty text of ``root`` and its visible descendants."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisible():
            continue
        for seen in _own_texts(widget):
            if seen.text and seen.text.strip():
                yield seen
