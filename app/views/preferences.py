"""The user's preferences kept in QSettings that services take as plain arguments.

Exports and reports (services) take ``mask_names`` as a parameter; the views read it here and
the command line has a flag for it. It is the user's choice on this computer, not the shop's.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

MASK_NAMES_KEY = "privacy/mask_names"


def masks_names(settings: QSettings) -> bool:
    """True when customer names are to be masked in exports and reports (张** instead of 张三)."""
    value = settings.value(MASK_NAMES_KEY, False)
    return value in (True, "true", "1", 1)


def set_masks_names(settings: QSettings, on: bool) -> None:
    """Remember whether to mask customer names in exports and reports."""
    settings.setValue(MASK_NAMES_KEY, on)
