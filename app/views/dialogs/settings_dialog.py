"""Settings: the shop profile (name, accounts with currency and time zone) and the UI language."""

from __future__ import annotations

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
from app.views.formatting import platform_names

TIMEZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Singapore",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Tokyo",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
)
PLATFORM_CURRENCY = {"tiktok": "USD"}
PLATFORM_TIMEZONE = {"tiktok": "America/Los_Angeles"}
HANDLE, NAME, PLATFORM, CURRENCY, TIMEZONE = range(5)


class SettingsDialog(QDialog):
    """Edits a :class:`ShopProfile` and the language; the caller saves what ``profile()`` says."""

    def __init__(
        self,
        profile: ShopProfile,
        language: str,
        parent: QWidget | None = None,
        *,
        mask_names: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(760, 540)
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(shop_box, 1)
        layout.addWidget(ui_box)
        layout.addWidget(privacy_box)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

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
        currency = _combo(CURRENCIES, account.currency)
        timezone = _combo(TIMEZONES, account.timezone, editable=True)
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
                    currency=self._combo_at(row, CURRENCY).currentText(),
                    timezone=self._combo_at(row, TIMEZONE).currentText().strip(),
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
            self.error_label.setText(str(exc))
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


def _combo(values: tuple[str, ...], current: str, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItems(list(values))
    if current not in values:
        combo.addItem(current)
    combo.setCurrentText(current)
    return combo


def _default_money(platform: QComboBox, currency: QComboBox, timezone: QComboBox) -> None:
    code = platform.currentData()
    currency.setCurrentText(PLATFORM_CURRENCY.get(code, "CNY"))
    timezone.setCurrentText(PLATFORM_TIMEZONE.get(code, "Asia/Shanghai"))


def _text(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item else ""
