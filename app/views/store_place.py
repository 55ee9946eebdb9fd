"""Tell the user, once per store, that it sits on a network share or in a cloud-sync folder.

The check itself is :mod:`app.services.storage_location`; this shows its answer: a permanent
note in the status bar while such a store is open, and a non-modal message the first time
(remembered per store in QSettings, so it does not nag on every start).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.storage_location import SYNC, StorageRisk

WARNED_KEY = "storage/warned/%s"


def place_warning(risk: StorageRisk) -> str:
    """What is wrong with the store's place and what to do, in the UI language."""
    if risk.kind == SYNC:
        text = QCoreApplication.translate(
            "StorePlace",
            "The store is in a %1 folder. Sync apps copy the database while ShopReel is writing"
            " to it, which can damage it. Keep the store in a folder on this computer that is"
            " not synced; ShopReel makes its own backups.",
        )
    else:
        text = QCoreApplication.translate(
            "StorePlace",
            "The store is on a network drive (%1). A database can be damaged when it is written"
            " over the network. Keep the store in a folder on this computer; ShopReel makes its"
            " own backups.",
        )
    return text.replace("%1", risk.where)


def place_label_text() -> str:
    """The short note shown in the status bar."""
    return QCoreApplication.translate("StorePlace", "⚠ Store not on a local disk")


def warn_once(parent: QWidget, settings: QSettings, path: Path, risk: StorageRisk) -> bool:
    """Show the warning without blocking, unless it was shown for this store before; shown?"""
    key = WARNED_KEY % hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:16]
    if settings.value(key, False) in (True, "true"):
        return False
    settings.setValue(key, True)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("StorePlace", "Where the store is kept"),
        place_warning(risk),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("store_place_warning")
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return True
