"""Settings: the shop profile (name, accounts with currency and time zone), the UI language and
privacy (masked names, encryption of the store at rest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.config import CURRENCIES, PLATFORMS
from app.services.shop import AccountProfile, ProfileError, ShopProfile, validate_profile
from app.views.formatting import currency_choice, platform_names
from app.views.service_errors import error_text

if TYPE_CHECKING:
    from app.services.encryption import EncryptionState
    from app.views.dialogs.store_section import StoreSection

# The time zones offered, with the names a Chinese merchant knows them by (English: the zone id).
_TIMEZONE_NAMES = {
    "Asia/Shanghai": QT_TRANSLATE_NOOP("SettingsDialog", "Asia/Shanghai"),
    "Asia/Hong_Kong": QT_TRANSLATE_NOOP("SettingsDialog", "Asia/Hong_Kong"),
    "Asia/Singapore": QT_TRANSLATE_NOOP("SettingsDialog", "Asia/Singapore"),
    "Asia/Bangkok": QT_TRANSLATE_NOOP("SettingsDialog", "Asia/Bangkok"),
    "Asia/Jakarta": QT_TRANSLATE_NOOP("SettingsDialog", "Asia/Jakarta"),
    "Asia/Tokyo": QT_TRANSLATE_NOOP("SettingsDialog", "Asia/Tokyo"),
    "Europe/London": QT_TRANSLATE_NOOP("SettingsDialog", "Europe/London"),
    "America/New_York": QT_TRANSLATE_NOOP("SettingsDialog", "America/New_York"),
    "America/Chicago": QT_TRANSLATE_NOOP("SettingsDialog", "America/Chicago"),
    "America/Los_Angeles": QT_TRANSLATE_NOOP("SettingsDialog", "America/Los_Angeles"),
    "America/Sao_Paulo": QT_TRANSLATE_NOOP("SettingsDialog", "America/Sao_Paulo"),
}
TIMEZONES = tuple(_TIMEZONE_NAMES)
PLATFORM_CURRENCY = {"tiktok": "USD"}
PLATFORM_TIMEZONE = {"tiktok": "America/Los_Angeles"}
HANDLE, NAME, PLATFORM, CURRENCY, TIMEZONE = range(5)
ENCRYPT, DECRYPT, SAVE_KEY = "encrypt", "decrypt", "save_key"


class SettingsDialog(QDialog):
    """Edits a :class:`ShopProfile` and the language; the caller saves what ``profile()`` says."""

    def __init__(
        self,
        profile: ShopProfile,
        language: str,
        parent: QWidget | None = None,
        *,
        mask_names: bool = False,
        encryption: EncryptionState | None = None,
        store_section: StoreSection | None = None,
        user_name: str = "",
    ) -> None:
        super().__init__(parent)
        self._make_user_name_field(user_name)
        self._encryption = encryption
        self.store_section = store_section
        self._encryption_request: str | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.resize(760, 620 if store_section is None else 720)  # 720: fits a 768-pixel screen
        self.name_edit = QLineEdit(profile.name)
        self.name_edit.setPlaceholderText(self.tr("Printed on your monthly reports"))
        self.accounts = QTableWidget(0, 5)
        self.accounts.setHorizontalHeaderLabels(
            [
                self.tr("Handle / ID"),
                self.tr("Display name"),
                self.tr("Platform"),
                self.tr("Currency"),
                self.tr("Time zone"),
            ]
        )
        self.accounts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.accounts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts.verticalHeader().setVisible(False)
        for account in profile.accounts:
            self.add_account(account)
        self.language = QComboBox()
        for code, label in (
            ("auto", self.tr("Follow the system")),
            ("zh_CN", "简体中文"),
            ("en", "English"),
        ):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.mask_names_box = QCheckBox(self.tr("Mask customer names in exports and reports"))
        self.mask_names_box.setToolTip(
            self.tr("Show 张** instead of 张三 in the files and reports you share")
        )
        self.mask_names_box.setChecked(mask_names)
        self._make_encryption_widgets()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.setWordWrap(True)
        self._build_layout()

    def _build_layout(self) -> None:
        add = QPushButton(self.tr("Add account"))
        add.clicked.connect(lambda: self.add_account(AccountProfile("douyin", "")))
        remove = QPushButton(self.tr("Remove account"))
        remove.clicked.connect(self._on_remove_clicked)
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(add)
        account_buttons.addWidget(remove)
        account_buttons.addStretch(1)
        shop_box = QGroupBox(self.tr("Shop profile"))
        shop_form = QFormLayout()
        shop_form.addRow(self.tr("Shop name"), self.name_edit)
        shop_layout = QVBoxLayout(shop_box)
        shop_layout.addLayout(shop_form)
        shop_layout.addWidget(
            QLabel(self.tr("Platform accounts (money is never added across currencies):"))
        )
        shop_layout.addWidget(self.accounts)
        shop_layout.addLayout(account_buttons)
        ui_box = QGroupBox(self.tr("Display"))
        ui_form = QFormLayout(ui_box)
        ui_form.addRow(self.tr("Language"), self.language)
        privacy_box = QGroupBox(self.tr("Privacy"))
        privacy_layout = QVBoxLayout(privacy_box)
        privacy_layout.addWidget(self.mask_names_box)
        privacy_layout.addWidget(
            QLabel(self.tr("Phone numbers are always kept masked (138****5678)."))
        )
        if self._encryption is not None:
            encryption_row = QHBoxLayout()
            encryption_row.addWidget(self.encryption_label, 1)
            encryption_row.addWidget(self.save_key_button)
            encryption_row.addWidget(self.encryption_button)
            privacy_layout.addLayout(encryption_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(shop_box, 1)
        layout.addWidget(ui_box)
        layout.addWidget(self.user_box)
        layout.addWidget(privacy_box)
        if self.store_section is not None:
            layout.addWidget(self.store_section)
            self.store_section.requested.connect(self._on_store_section_requested)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def _make_user_name_field(self, name: str) -> None:
        """ "Your name": who this computer's changes are signed with in a shared store."""
        self.user_name_edit = QLineEdit(name)
        self.user_name_edit.setMaxLength(80)
        self.user_name_edit.setPlaceholderText(self.tr("e.g. 李娜"))
        hint = QLabel(self.tr("Shown next to the changes you make, for everyone sharing the store"))
        hint.setObjectName("HintLabel")
        self.user_box = QGroupBox(self.tr("You"))
        form = QFormLayout(self.user_box)
        form.addRow(self.tr("Your name"), self.user_name_edit)
        form.addRow("", hint)

    def chosen_user_name(self) -> str:
        """The name to sign changes with ("" : the computer's login name)."""
        return self.user_name_edit.text().strip()

    def _make_encryption_widgets(self) -> None:
        state = self._encryption
        self.encryption_label = QLabel()
        self.encryption_label.setWordWrap(True)
        self.encryption_button = QPushButton()
        self.save_key_button = QPushButton(self.tr("Save the key to a file…"))
        self.save_key_button.clicked.connect(lambda: self._request(SAVE_KEY))
        if state is None:
            return
        if not state.available:
            self.encryption_label.setText(
                self.tr(
                    "Encryption of the store is not available: this installation has no "
                    "SQLCipher support (install shopreel[encryption])."
                )
            )
            self.encryption_button.setText(self.tr("Encrypt this store…"))
            self.encryption_button.setEnabled(False)
            self.save_key_button.setVisible(False)
        elif not state.keyring and not state.encrypted:
            self.encryption_label.setText(
                self.tr(
                    "Encryption of the store is not available: this computer has no keyring "
                    "to keep the key in."
                )
            )
            self.encryption_button.setText(self.tr("Encrypt this store…"))
            self.encryption_button.setEnabled(False)
            self.save_key_button.setVisible(False)
        elif state.encrypted:
            self.encryption_label.setText(
                self.tr("This store is encrypted; its key is in this computer's keyring.")
            )
            self.encryption_button.setText(self.tr("Decrypt this store…"))
            self.encryption_button.clicked.connect(self._on_decrypt_clicked)
        else:
            self.encryption_label.setText(
                self.tr("This store is not encrypted: anyone who gets the file can read it.")
            )
            self.encryption_button.setText(self.tr("Encrypt this store…"))
            self.encryption_button.clicked.connect(self._on_encrypt_clicked)
            self.save_key_button.setVisible(False)

    def _on_encrypt_clicked(self) -> None:
        text = self.tr(
            "Encrypting protects your customers and orders if this computer or its disk is lost "
            "or stolen. The store and its backups are encrypted with a key kept in this "
            "computer's keyring.\n\n"
            "If the key is lost (a new Windows account, a reinstalled system, another computer) "
            "the data cannot be opened by anyone, not even by us. You will now save the key to "
            "a file: keep it somewhere safe, away from this computer (a USB stick, a password "
            "manager).\n\nEncrypt this store?"
        )
        if self._confirmed(self.tr("Encrypt this store"), text):
            self._request(ENCRYPT)

    def _on_decrypt_clicked(self) -> None:
        text = self.tr(
            "The store and its backups will be plain files again: anyone who gets them can read "
            "your customers and orders. The key stays in the keyring.\n\nDecrypt this store?"
        )
        if self._confirmed(self.tr("Decrypt this store"), text):
            self._request(DECRYPT)

    def _confirmed(self, title: str, text: str) -> bool:
        answer = QMessageBox.warning(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _request(self, what: str) -> None:
        """Close the dialog (saving the other settings); the window then does ``what``."""
        self._encryption_request = what
        self.accept()
        if self.result() != QDialog.DialogCode.Accepted:
            self._encryption_request = None  # the profile was not valid: nothing happens

    def _on_store_section_requested(self) -> None:
        """Close (saving the other settings); the window then switches stores."""
        assert self.store_section is not None
        self.accept()
        if self.result() != QDialog.DialogCode.Accepted:
            self.store_section.clear_request()

    def encryption_request(self) -> str | None:
        """What the user asked to do with encryption: ENCRYPT, DECRYPT, SAVE_KEY or None."""
        return self._encryption_request

    def add_account(self, account: AccountProfile) -> None:
        """Append an editable account row."""
        row = self.accounts.rowCount()
        self.accounts.insertRow(row)
        self.accounts.setItem(row, HANDLE, QTableWidgetItem(account.handle))
        self.accounts.setItem(row, NAME, QTableWidgetItem(account.display_name))
        platform = QComboBox()
        for code in PLATFORMS:
            platform.addItem(platform_names()[code], code)
        platform.setCurrentIndex(max(0, platform.findData(account.platform)))
        currency = _combo(CURRENCIES, account.currency, currency_choice)
        timezone = _combo(TIMEZONES, account.timezone, _timezone_name, editable=True)
        platform.currentIndexChanged.connect(
            lambda _i, p=platform, c=currency, t=timezone: _default_money(p, c, t)
        )
        self.accounts.setCellWidget(row, PLATFORM, platform)
        self.accounts.setCellWidget(row, CURRENCY, currency)
        self.accounts.setCellWidget(row, TIMEZONE, timezone)

    def profile(self) -> ShopProfile:
        """The profile as entered."""
        accounts = []
        for row in range(self.accounts.rowCount()):
            accounts.append(
                AccountProfile(
                    platform=self._combo_at(row, PLATFORM).currentData(),
                    handle=_text(self.accounts.item(row, HANDLE)),
                    display_name=_text(self.accounts.item(row, NAME)),
                    currency=_combo_value(self._combo_at(row, CURRENCY)),
                    timezone=_combo_value(self._combo_at(row, TIMEZONE)),
                )
            )
        return ShopProfile(self.name_edit.text().strip(), tuple(accounts))

    def masks_names(self) -> bool:
        """Whether exports and reports should mask customer names."""
        return self.mask_names_box.isChecked()

    def chosen_language(self) -> str:
        """``auto``, ``zh_CN`` or ``en``."""
        return str(self.language.currentData())

    def accept(self) -> None:
        """Save only a valid profile; otherwise say what is wrong and stay open."""
        try:
            validate_profile(self.profile())
        except ProfileError as exc:
            self.error_label.setText(error_text(exc))
            return
        super().accept()

    def _combo_at(self, row: int, column: int) -> QComboBox:
        widget = self.accounts.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def _on_remove_clicked(self) -> None:
        row = self.accounts.currentRow()
        if row < 0:
            QMessageBox.information(self, self.windowTitle(), self.tr("Select an account first."))
            return
        self.accounts.removeRow(row)


def _timezone_name(zone: str) -> str:
    name = _TIMEZONE_NAMES.get(zone)
    return QCoreApplication.translate("SettingsDialog", name) if name else zone


def _combo(
    values: tuple[str, ...], current: str, label: Callable[[str], str], editable: bool = False
) -> QComboBox:
    """A choice among codes shown by ``label``; an editable one also takes a code typed in."""
    combo = QComboBox()
    combo.setEditable(editable)
    for value in values:
        combo.addItem(label(value), value)
    if current not in values:
        combo.addItem(current, current)
    _choose(combo, current)
    return combo


def _choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setCurrentText(value)


def _combo_value(combo: QComboBox) -> str:
    """The code chosen (or typed) in a combo made by :func:`_combo`."""
    text = combo.currentText().strip()
    index = combo.findText(text)
    data = combo.itemData(index) if index >= 0 else None
    return str(data) if data else text


def _default_money(platform: QComboBox, currency: QComboBox, timezone: QComboBox) -> None:
    code = platform.currentData()
    _choose(currency, PLATFORM_CURRENCY.get(code, "CNY"))
    _choose(timezone, PLATFORM_TIMEZONE.get(code, "Asia/Shanghai"))


def _text(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item else ""
