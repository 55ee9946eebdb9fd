"""What the user sees when the store fails its start-up check: what was kept, what can be restored.

The store service has already written nothing to the damaged file and kept a copy of it aside;
here the user is offered the newest backup that checks out, and it is restored on a Yes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from app.db import StoreError
from app.services.backups import restore_backup
from app.services.store import StoreDamagedError
from app.views.formatting import format_datetime
from app.views.service_errors import error_text


def damaged_store_box(
    error: StoreDamagedError, parent: QWidget | None = None
) -> tuple[QMessageBox, QAbstractButton | None]:
    """The message box for ``error`` and its "Restore this backup" button (None: no backup)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(
        QCoreApplication.translate("DamagedStore", "The shop's data file is damaged")
    )
    text = QCoreApplication.translate(
        "DamagedStore",
        "ShopReel found damage in %1 and wrote nothing to it. "
        "A copy of the damaged file is kept at %2.",
    )
    text = text.replace("%1", str(error.path)).replace("%2", str(error.damaged_copy or "—"))
    box.setDetailedText(str(error))
    restore = None
    if error.backup is not None:
        when = format_datetime(error.backup.made_at)
        text += "\n\n" + QCoreApplication.translate(
            "DamagedStore",
            "The newest backup that checks out was made %1. Restore it? The shop will show its "
            "data as it was then; anything imported after that needs importing again.",
        ).replace("%1", when)
        restore = box.addButton(
            QCoreApplication.translate("DamagedStore", "Restore this backup"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.setDefaultButton(restore)  # type: ignore[arg-type]
    else:
        text += "\n\n" + QCoreApplication.translate(
            "DamagedStore",
            "No backup that checks out was found. Keep the copy safe; "
            "`shopreel check` shows what is damaged.",
        )
    box.setText(text)
    box.addButton(QMessageBox.StandardButton.Close)
    return box, restore


def ask_to_restore(error: StoreDamagedError, parent: QWidget | None = None) -> bool:
    """Show the damage and the offer; True when the user chose to restore the backup."""
    box, restore = damaged_store_box(error, parent)
    box.exec()
    return restore is not None and box.clickedButton() is restore


def recover_damaged_store(error: StoreDamagedError, parent: QWidget | None = None) -> bool:
    """Offer the newest sound backup and restore it on a Yes; True when the store was restored."""
    if error.backup is None:
        ask_to_restore(error, parent)
        return False
    if not ask_to_restore(error, parent):
        return False
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        restore_backup(error.path, error.backup.path)
    except StoreError as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("DamagedStore", "The backup was not restored"),
            error_text(exc),
        )
        return False
    QGuiApplication.restoreOverrideCursor()
    return True
