"""The UI language: Chinese by default on a Chinese system, English otherwise, or as chosen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from app.views.i18n import LANGUAGE_KEY, Translations, chosen_language, effective_language


def test_auto_follows_the_system_locale() -> None:
    assert effective_language("auto", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == (
        "zh_CN"
    )
    assert effective_language("auto", QLocale(QLocale.Language.English)) == "en"
    assert effective_language("en", QLocale(QLocale.Language.Chinese)) == "en"


def test_the_saved_choice_is_read_back(tmp_path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert chosen_language(settings) == "auto"
    settings.setValue(LANGUAGE_KEY, "zh_CN")
    assert chosen_language(settings) == "zh_CN"
    settings.setValue(LANGUAGE_KEY, "klingon")
    assert chosen_language(settings) == "auto"


def test_translations_switch_both_ways(qapp) -> None:
    translations = Translations(qapp)
    assert translations.apply("zh_CN")
    assert QCoreApplication.translate("Labels", "Douyin") == "抖音"
    assert translations.apply("en")
    assert QCoreApplication.translate("Labels", "Douyin") == "Douyin"
