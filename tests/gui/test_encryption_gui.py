"""Settings > Privacy: encrypting and decrypting the store, and saving its key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.config import sqlite_url
from app.db import is_encrypted, store_key
from app.services.encryption import EncryptionState
from app.services.shop import ShopProfile
from app.services.store import open_store
from app.views.context import AppContext
from app.views.dialogs.settings_dialog import ENCRYPT, SettingsDialog
from app.views.main_window import MainWindow
from tests.dump import dump_hash
from tests.gui.windows import open_window


def settings(qtbot: QtBot, state: EncryptionState) -> SettingsDialog:
    dialog = SettingsDialog(ShopProfile("暖木家居"), "en", encryption=state)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_without_sqlcipher_the_option_is_disabled_and_explained(qtbot: QtBot) -> None:
    dialog = settings(qtbot, EncryptionState(available=False, encrypted=False))
    assert not dialog.encryption_button.isEnabled()
    assert "no SQLCipher support" in dialog.encryption_label.text()
    assert not dialog.save_key_button.isVisible()


def test_an_encrypted_store_offers_decrypting_and_saving_the_key(qtbot: QtBot) -> None:
    dialog = settings(qtbot, EncryptionState(available=True, encrypted=True))
    assert dialog.encryption_button.text() == "Decrypt this store…"
    assert dialog.save_key_button.isVisible()
    assert "is encrypted" in dialog.encryption_label.text()


def test_encrypting_warns_that_a_lost_key_loses_the_data(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = settings(qtbot, EncryptionState(available=True, encrypted=False))
    warned: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def warn(*args: Any) -> QMessageBox.StandardButton:
        warned.append(args[2])
        return answer

    monkeypatch.setattr(QMessageBox, "warning", warn)
    dialog.encryption_button.click()
    assert "a new Windows account" in warned[0]
    assert "cannot be opened by anyone" in warned[0]
    assert dialog.encryption_request() is None
    assert dialog.isVisible()

    answer = QMessageBox.StandardButton.Yes
    dialog.encryption_button.click()
    assert dialog.encryption_request() == ENCRYPT
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_the_window_saves_the_key_then_encrypts_and_shows_the_shop_again(
    qtbot: QtBot,
    context: AppContext,
    demo_db: Path,
    memory_keyring: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = dump_hash(demo_db)
    window = open_window(qtbot, context, open_store(sqlite_url(demo_db)))
    key_file = tmp_path / "kept" / "shop-key.txt"
    key_file.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(key_file), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)

    with qtbot.waitSignal(window.data_loaded, timeout=20_000):
        window.encrypt_store()

    assert is_encrypted(demo_db)
    assert dump_hash(demo_db) == original
    key = store_key(demo_db)
    assert key is not None
    assert f"key: {key}" in key_file.read_text(encoding="utf-8")
    assert "encrypted" in window.statusBar().currentMessage()
    assert window.store is not None
    assert window.pages.currentIndex() == 1  # the tabs show the shop, read through SQLCipher

    with qtbot.waitSignal(window.data_loaded, timeout=20_000):
        window.decrypt_store()
    assert not is_encrypted(demo_db)
    assert dump_hash(demo_db) == original


def test_no_key_file_means_no_encryption(
    qtbot: QtBot,
    context: AppContext,
    demo_db: Path,
    memory_keyring: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, context, open_store(sqlite_url(demo_db)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))

    assert window.encrypt_store() is None

    assert not is_encrypted(demo_db)
    assert "not encrypted" in window.statusBar().currentMessage()


def test_without_a_keyring_the_option_is_disabled_and_explained(qtbot: QtBot) -> None:
    dialog = settings(qtbot, EncryptionState(available=True, encrypted=False, keyring=False))
    assert not dialog.encryption_button.isEnabled()
    assert "no keyring" in dialog.encryption_label.text()


def test_a_missing_key_is_explained_and_the_saved_key_file_opens_the_shop(
    qtbot: QtBot,
    context: AppContext,
    demo_db: Path,
    memory_keyring: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.services.encryption import encrypt_store, export_key

    encrypt_store(demo_db)
    key_file = tmp_path / "saved-key.txt"
    export_key(demo_db, key_file)
    memory_keyring.passwords.clear()  # type: ignore[attr-defined]  # "a new Windows account"
    shown: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append(box.text())
        box.buttons()[0].click()  # "Choose the key file…"
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(key_file), ""))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()

    with qtbot.waitSignal(window.data_loaded, timeout=10_000):
        window.switch_to_url(sqlite_url(demo_db))

    assert "its key is not in this computer's keyring" in shown[0]
    assert store_key(demo_db) is not None
    assert window.store is not None
    assert window.pages.currentIndex() == 1
