"""Make Chinese render everywhere: register the bundled CJK font with Qt."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.config import cjk_font_path

log = logging.getLogger(__name__)
CJK_FAMILY = "Noto Sans CJK SC"


def install_cjk_font(app: QApplication) -> str | None:
    """Register Noto Sans CJK SC and make it the fallback for Han characters.

    The system's UI font stays first for Latin text; Qt falls back to the CJK family for
    characters the system font lacks, so a machine with no CJK fonts still shows Chinese.
    """
    path = cjk_font_path()
    if path is None:
        log.warning("no CJK font found; Chinese may render as boxes")
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load %s", path)
        return None
    family = families[0]
    font = QFont(app.font())
    font.setFamilies([font.family(), family])
    app.setFont(font)
    return family
