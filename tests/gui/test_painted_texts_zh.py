"""Texts painted straight onto widgets (the content calendar, the heatmap, the week sheet) have
no English in the Chinese UI either: every QPainter.drawText while each tab and sub-view is
grabbed is recorded and checked with the same rules as tests/gui/test_no_english_zh.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot

from app.config import sqlite_url
from app.services.store import open_store
from app.views.app import wait_until_shown
from app.views.content.calendar_view import CalendarView
from app.views.context import AppContext
from app.views.main_window import MainWindow
from tests.gui.test_no_english_zh import english_in, report, shop_words
from tests.gui.ui_texts import Seen
from tests.gui.windows import open_window

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> list[Seen]:
    """Every text drawn with QPainter.drawText from Python while the test runs."""
    seen: list[Seen] = []
    original = QPainter.drawText

    def record(self: QPainter, *args: object) -> object:
        texts = [a for a in args if isinstance(a, str)]
        where = type(self.device()).__name__ if self.device() is not None else "?"
        seen.extend(Seen(text, f"painted on {where}") for text in texts)
        return original(self, *args)

    monkeypatch.setattr(QPainter, "drawText", record)
    return seen


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def every_view(window: MainWindow) -> Iterator[str]:
    """Bring each tab and each of its sub-views to the front in turn (yields its name)."""
    for index, page in enumerate(window.tab_pages):
        window.tabs.setCurrentIndex(index)
        settle()
        wait_until_shown(page)
        settle()
        yield window.tabs.tabText(index)
        if hasattr(page, "show_view"):  # the content plan: month, week, board, list
            for view in range(len(page.view_buttons.buttons())):
                page.show_view(view)
                settle()
                yield f"{window.tabs.tabText(index)} view {view}"
                for calendar in page.findChildren(CalendarView):  # its week, then its month
                    if calendar.isVisible():
                        calendar.show_week()
                        settle()
                        yield "week"
                        calendar.show_month()
                        settle()
        views = getattr(getattr(page, "body", None), "views", None)
        if isinstance(views, QTabWidget):
            for sub in range(views.count()):
                views.setCurrentIndex(sub)
                settle()
                yield views.tabText(sub)


def test_no_english_painted_on_any_view(
    qtbot: QtBot, context: AppContext, demo_db: Path, painted: list[Seen]
) -> None:
    assert context.translations.apply("zh_CN")
    store = open_store(sqlite_url(demo_db))
    window = open_window(qtbot, context, store, size=(1280, 800))
    for _name in every_view(window):
        window.grab()  # paints every visible widget, the QPainter-drawn ones too
    window.close()
    store.dispose()
    texts = {s.text for s in painted}
    assert len(painted) > 50, "too little was painted to prove anything"
    assert any("周" in t for t in texts), "the calendar's weekday names were not painted"
    leaks = english_in(painted, shop_words(demo_db))
    assert not leaks, report(leaks).replace("UI", "UI's painted texts")
    slashed = sorted(t for t in texts if "/" in t and any(c.isdigit() for c in t))
    assert slashed == [], "days painted as 11/23 rather than 11月23日"
    assert any(re.fullmatch(r"周. \d+月\d+日", t) for t in texts), "the week view's header"
    assert any(re.fullmatch(r"\d+月1日", t) for t in texts), "the month view's first day"
