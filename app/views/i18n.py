"""UI language: English source strings, a Simplified Chinese translation, and the user's choice."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from app.config import translations_dir

LANGUAGE_KEY = "ui/language"
AUTO = "auto"
LANGUAGES = (AUTO, "zh_CN", "en")


def chosen_language(settings: QSettings) -> str:
    """The language saved in Settings (``auto`` follows the system)."""
    value = str(settings.value(LANGUAGE_KEY, AUTO))
    return value if value in LANGUAGES else AUTO


def effective_language(choice: str, system: QLocale | None = None) -> str:
    """``zh_CN`` or ``en``: auto means Chinese when the system locale is Chinese."""
    if choice != AUTO:
        return choice
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


class Translations:
    """Installs and swaps the app's (and Qt's own) translators on the application."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        """Switch to ``language``; returns False when its translation file is missing."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return True
        QLocale.setDefault(QLocale(language))
        ours = QTranslator(self._app)
        found = ours.load(f"shopreel_{language}", str(translations_dir()))
        if found:
            self._app.installTranslator(ours)
            self._installed.append(ours)
        qt_base = QTranslator(self._app)
        qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_base.load(f"qtbase_{language}", qt_path):
            self._app.installTranslator(qt_base)
            self._installed.append(qt_base)
        return found
