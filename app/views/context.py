"""What the windows share, handed in rather than reached for globally."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings

from app.db import Store
from app.services.storage_location import StorageRisk, store_location_risk
from app.tasks import TaskRunner
from app.views.i18n import Translations
from app.views.single_instance import StoreGuard


@dataclass
class AppContext:
    """Settings, translations, the task runner, the clock and how to open a store.

    Attributes:
        settings: the user's QSettings (window geometry, language, last tab).
        translations: installs the UI language.
        runner: runs long jobs off the GUI thread.
        today: the day figures are computed for (tests fix it).
        open_store: opens (checks, migrates) the store at a URL.
        demo_path: where "Open the demo shop" keeps its store.
        auto_backups: back the store up after imports, every 30 minutes and on quitting
            (off for tests and the smoke and screenshot runs, which are not the user's work).
        guard: holds the lock of the store shown, so a second launch comes here instead
            (None: no locking, as in tests of a single window).
        locate_store: whether a store file is on a network share or in a sync folder (tests
            pretend it is).
    """

    settings: QSettings
    translations: Translations
    runner: TaskRunner
    today: Callable[[], date]
    open_store: Callable[[str], Store]
    demo_path: Path
    auto_backups: bool = True
    guard: StoreGuard | None = None
    locate_store: Callable[[Path], StorageRisk | None] = store_location_risk
