"""The application carries ShopReel's icon (window title bars, task bar, Dock)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.views.app import make_application


def test_make_application_sets_the_window_icon(qapp: QApplication) -> None:
    style, sheet, font = qapp.style().name(), qapp.styleSheet(), qapp.font()
    try:
        app = make_application()
        icon = app.windowIcon()
        assert not icon.isNull()
        pixmap = icon.pixmap(QSize(64, 64))
        assert (pixmap.width(), pixmap.height()) == (64, 64)
        edge = pixmap.toImage().pixelColor(8, 32)  # the red-orange gradient, left edge
        assert edge.red() > 200
        assert edge.alpha() == 255
    finally:
        qapp.setWindowIcon(QIcon())
        qapp.setStyle(style)
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)
