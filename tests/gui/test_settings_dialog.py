"""Settings: the shop profile round-trips through the store; bad input is explained."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services.shop import AccountProfile, ShopProfile, load_profile, save_profile
from app.views.dialogs.settings_dialog import CURRENCY, PLATFORM, SettingsDialog
from app.views.i18n import LANGUAGE_KEY

PROFILE = ShopProfile(
    "暖木家居",
    (
        AccountProfile("douyin", "nuanmu_home", "暖木家居旗舰店"),
        AccountProfile("tiktok", "nuanmu.us", "Nuanmu US", "USD", "America/Los_Angeles"),
    ),
)


def test_dialog_shows_and_returns_the_profile(qtbot: QtBot) -> None:
    dialog = SettingsDialog(PROFILE, "zh_CN")
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "暖木家居"
    assert dialog.accounts.rowCount() == 2
    assert dialog.profile() == PROFILE
    assert dialog.chosen_language() == "zh_CN"


def test_choosing_tiktok_defaults_to_dollars(qtbot: QtBot) -> None:
    dialog = SettingsDialog(ShopProfile("店"), "auto")
    qtbot.addWidget(dialog)
    dialog.add_account(AccountProfile("douyin", "h"))
    platform = dialog.accounts.cellWidget(0, PLATFORM)
    platform.setCurrentIndex(platform.findData("tiktok"))
    assert dialog.accounts.cellWidget(0, CURRENCY).currentText() == "USD"
    assert dialog.profile().accounts[0].timezone == "America/Los_Angeles"


def test_an_invalid_profile_keeps_the_dialog_open_with_a_reason(qtbot: QtBot) -> None:
    dialog = SettingsDialog(ShopProfile("", (AccountProfile("douyin", "a"),)), "auto")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible()
    assert "name" in dialog.error_label.text()
    dialog.name_edit.setText("暖木")
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_profile_round_trips_through_the_store(store: Store) -> None:
    save_profile(store, PROFILE)
    assert load_profile(store) == PROFILE
    smaller = ShopProfile("暖木家居", PROFILE.accounts[1:])
    save_profile(store, smaller)
    assert load_profile(store) == smaller


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (ShopProfile(" "), "name"),
        (ShopProfile("s", (AccountProfile("weibo", "a"),)), "platform"),
        (ShopProfile("s", (AccountProfile("douyin", " "),)), "handle"),
        (ShopProfile("s", (AccountProfile("douyin", "a", currency="RMB"),)), "currency"),
        (ShopProfile("s", (AccountProfile("douyin", "a", timezone="Mars/Base"),)), "time zone"),
        (ShopProfile("s", (AccountProfile("douyin", "a"), AccountProfile("douyin", "a"))), "twice"),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_saved(
    store: Store, profile: ShopProfile, message: str
) -> None:
    from app.services.shop import ProfileError

    with pytest.raises(ProfileError, match=message):
        save_profile(store, profile)
    assert load_profile(store) == ShopProfile()


def test_saving_settings_from_the_window_updates_title_and_language(
    qtbot: QtBot, context, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.views.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show_store(demo_store)

    def fake_exec(dialog: SettingsDialog) -> int:
        dialog.name_edit.setText("新店名")
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    with qtbot.waitSignal(window.language_changed) as signal:
        window.edit_settings()
    assert signal.args == ["zh_CN"]
    assert window.windowTitle().endswith("新店名")
    assert context.settings.value(LANGUAGE_KEY) == "zh_CN"
    assert load_profile(demo_store).name == "新店名"


def test_masking_names_is_a_setting_the_window_remembers(
    qtbot: QtBot, context, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.views.main_window import MainWindow
    from app.views.preferences import masks_names

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show_store(demo_store)
    seen: list[bool] = []

    def tick_the_box(dialog: SettingsDialog) -> int:
        seen.append(dialog.mask_names_box.isChecked())
        dialog.mask_names_box.setChecked(True)
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", tick_the_box)
    assert not masks_names(context.settings)
    window.edit_settings()
    assert masks_names(context.settings)
    window.edit_settings()
    assert seen == [False, True]  # the dialog opens with the saved choice
