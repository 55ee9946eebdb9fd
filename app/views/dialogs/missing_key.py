"""What the user sees when an encrypted store's key is not in this computer's keyring.

Typical after moving to a new computer or Windows account: the store is fine, the key is not
here. The user is offered to import the key file saved when the store was encrypted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.db import MissingKeyError, StoreError


def recover_missing_key(error: MissingKeyError, parent: QWidget | None = None) -> bool:
    """Explain the missing key and offer to import a key file; True once a key that opens the
    store is in the keyring (the caller then opens the store again)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("MissingKey", "The shop's key is missing"))
    box.setText(
        QCoreApplication.translate(
            "MissingKey",
            "%1 is encrypted, and its key is not in this computer's keyring (a new computer or "
            "Windows account?). Nothing was changed.\n\nChoose the key file you saved when you "
            "encrypted it. Without the key, the data cannot be opened.",
        ).replace("%1", str(error.path))
    )
    choose = box.addButton(
        QCoreApplication.translate("MissingKey", "Choose the key file…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(choose)
    box.exec()
    if box.clickedButton() is not choose:
        return False
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("MissingKey", "Choose the key file"),
        str(Path.home()),
        QCoreApplication.translate("MissingKey", "Key files (*.txt)"),
    )
    if not chosen:
        return False
    from app.services.encryption import import_key

    try:
        import_key(error.path, Path(chosen))
    except StoreError as exc:
        from app.views.service_errors import error_text

        QMessageBox.critical(
            parent,
            QCoreApplication.translate("MissingKey", "The shop's key is missing"),
            error_text(exc),
        )
        return False
    return True
