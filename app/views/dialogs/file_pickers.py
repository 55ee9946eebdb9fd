"""Which files to import: the file and folder pickers, and paths dropped on the window.

Light enough for the main window to import at start-up (the import dialog is not).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "import/last_folder"


def ask_for_files(parent: QWidget, settings: QSettings) -> list[Path]:
    """Let the user pick export files (several at once); starts where the last import was."""
    from app.services.imports import SUPPORTED_SUFFIXES  # not at start-up: see main_window

    patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
    filters = (
        QCoreApplication.translate("ImportDialog", "Platform exports (%1)").replace("%1", patterns)
        + ";;"
        + QCoreApplication.translate("ImportDialog", "All files (*)")
    )
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("ImportDialog", "Import platform exports"),
        _last_folder(settings),
        filters,
    )
    return _remember([Path(name) for name in names], settings)


def ask_for_folder(parent: QWidget, settings: QSettings) -> list[Path]:
    """Let the user pick a folder of exports (its files import oldest export first)."""
    title = QCoreApplication.translate("ImportDialog", "Import a folder of exports")
    name = QFileDialog.getExistingDirectory(parent, title, _last_folder(settings))
    return _remember([Path(name)] if name else [], settings)


def _last_folder(settings: QSettings) -> str:
    return str(settings.value(LAST_FOLDER_KEY, "") or "")


def _remember(paths: list[Path], settings: QSettings) -> list[Path]:
    if paths:
        folder = paths[0] if paths[0].is_dir() else paths[0].parent
        settings.setValue(LAST_FOLDER_KEY, str(folder))
    return paths


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in dragged data (web links are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
