"""GUI fixtures: the application with our font and settings in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.services.store import open_store
from app.tasks import TaskRunner
from app.views.context import AppContext
from app.views.fonts import install_cjk_font
from app.views.i18n import Translations
from tests.conftest import TODAY


@pytest.fixture
def context(qapp: QApplication, tmp_path: Path) -> Iterator[AppContext]:
    """An AppContext whose settings live in tmp_path and whose clock says TODAY."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    install_cjk_font(qapp)
    translations = Translations(qapp)
    translations.apply("en")
    runner = TaskRunner()
    yield AppContext(
        settings=QSettings(str(tmp_path / "ini" / "shopreel.ini"), QSettings.Format.IniFormat),
        translations=translations,
        runner=runner,
        today=lambda: TODAY,
        open_store=open_store,
        demo_path=tmp_path / "demo" / "shop.db",
        auto_backups=False,  # tests that want them turn them on
    )
    runner.shutdown()
    translations.apply("en")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The UI language is Chinese for the test (English again after it)."""
    translations = Translations(qapp)
    assert translations.apply("zh_CN")
    yield
    translations.apply("en")
