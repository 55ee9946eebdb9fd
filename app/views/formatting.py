"""How values look in tables and cards: one place, so every tab shows numbers alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from app import locale_formats
from app.services.tables import Money

UNKNOWN = "—"

_PLATFORM_NAMES = {
    "douyin": QT_TRANSLATE_NOOP("Labels", "Douyin"),
    "kuaishou": QT_TRANSLATE_NOOP("Labels", "Kuaishou"),
    "channels": QT_TRANSLATE_NOOP("Labels", "WeChat Channels"),
    "xiaohongshu": QT_TRANSLATE_NOOP("Labels", "Xiaohongshu"),
    "tiktok": QT_TRANSLATE_NOOP("Labels", "TikTok"),
    "tmall": QT_TRANSLATE_NOOP("Labels", "Tmall"),
    "jd": QT_TRANSLATE_NOOP("Labels", "JD"),
    "store": QT_TRANSLATE_NOOP("Labels", "Offline store"),
    # Where customer lists come from (mapping templates of customers).
    "wecom": QT_TRANSLATE_NOOP("Labels", "WeCom"),
    "wechat": QT_TRANSLATE_NOOP("Labels", "WeChat"),
    "youzan": QT_TRANSLATE_NOOP("Labels", "Youzan"),
    "weidian": QT_TRANSLATE_NOOP("Labels", "Weidian"),
}


_CODE_NAMES = {
    "idea": QT_TRANSLATE_NOOP("Labels", "Idea"),
    "scripted": QT_TRANSLATE_NOOP("Labels", "Scripted"),
    "shot": QT_TRANSLATE_NOOP("Labels", "Shot"),
    "edited": QT_TRANSLATE_NOOP("Labels", "Edited"),
    "scheduled": QT_TRANSLATE_NOOP("Labels", "Scheduled"),
    "published": QT_TRANSLATE_NOOP("Labels", "Published"),
    "original": QT_TRANSLATE_NOOP("Labels", "Original"),
    "challenge": QT_TRANSLATE_NOOP("Labels", "Challenge"),
    "duet": QT_TRANSLATE_NOOP("Labels", "Duet"),
    "win_back": QT_TRANSLATE_NOOP("Labels", "Win-back"),
    "live_preview": QT_TRANSLATE_NOOP("Labels", "Live preview"),
    "festival": QT_TRANSLATE_NOOP("Labels", "Festival"),
    "ugc": QT_TRANSLATE_NOOP("Labels", "UGC"),
    "wechat": QT_TRANSLATE_NOOP("Labels", "WeChat"),
    "wecom": QT_TRANSLATE_NOOP("Labels", "WeCom"),
    "group": QT_TRANSLATE_NOOP("Labels", "Group chat"),
    "sms": QT_TRANSLATE_NOOP("Labels", "SMS"),
    "draft": QT_TRANSLATE_NOOP("Labels", "Draft"),
    "sent": QT_TRANSLATE_NOOP("Labels", "Sent"),
    "running": QT_TRANSLATE_NOOP("Labels", "Running"),
    "finished": QT_TRANSLATE_NOOP("Labels", "Finished"),
    "imported": QT_TRANSLATE_NOOP("Labels", "Imported"),
    "undone": QT_TRANSLATE_NOOP("Labels", "Undone"),
    "failed": QT_TRANSLATE_NOOP("Labels", "Failed"),
    "yes": QT_TRANSLATE_NOOP("Labels", "Yes"),
    "no": QT_TRANSLATE_NOOP("Labels", "No"),
}


_EXPORT_KIND_NAMES = {
    "douyin_shop_orders": QT_TRANSLATE_NOOP("Labels", "Douyin Shop orders"),
    "douyin_shop_aftersales": QT_TRANSLATE_NOOP("Labels", "Douyin Shop after-sales"),
    "douyin_shop_reviews": QT_TRANSLATE_NOOP("Labels", "Douyin Shop reviews"),
    "douyin_video_list": QT_TRANSLATE_NOOP("Labels", "Douyin video list"),
    "douyin_account_daily": QT_TRANSLATE_NOOP("Labels", "Douyin account daily"),
    "douyin_account_overview": QT_TRANSLATE_NOOP("Labels", "Douyin account overview"),
    "qianchuan_material_daily": QT_TRANSLATE_NOOP("Labels", "Qianchuan materials (daily)"),
    "qianchuan_product_daily": QT_TRANSLATE_NOOP("Labels", "Qianchuan products (daily)"),
    "qianchuan_account_daily": QT_TRANSLATE_NOOP("Labels", "Qianchuan Douyin accounts (daily)"),
    "douplus_daily": QT_TRANSLATE_NOOP("Labels", "DOU+ spend (daily)"),
    "kuaishou_video_list": QT_TRANSLATE_NOOP("Labels", "Kuaishou video list"),
    "kuaishou_account_overview": QT_TRANSLATE_NOOP("Labels", "Kuaishou account data"),
    "channels_video_detail": QT_TRANSLATE_NOOP("Labels", "Channels post details"),
    "channels_account_overview": QT_TRANSLATE_NOOP("Labels", "Channels follower data"),
    "xhs_note_list": QT_TRANSLATE_NOOP("Labels", "Xiaohongshu note list"),
    "xhs_account_trend": QT_TRANSLATE_NOOP("Labels", "Xiaohongshu 30-day trend"),
    "tiktok_studio_overview": QT_TRANSLATE_NOOP("Labels", "TikTok Studio overview"),
    "tiktok_studio_content": QT_TRANSLATE_NOOP("Labels", "TikTok Studio content"),
    "tiktok_studio_follower_history": QT_TRANSLATE_NOOP("Labels", "TikTok follower history"),
    "tiktok_shop_orders": QT_TRANSLATE_NOOP("Labels", "TikTok Shop orders"),
    "tiktok_promote_daily": QT_TRANSLATE_NOOP("Labels", "TikTok Promote (daily)"),
    "youzan_customers": QT_TRANSLATE_NOOP("Labels", "Youzan customers"),
    "tmall_orders": QT_TRANSLATE_NOOP("Labels", "Tmall orders"),
    "jd_orders": QT_TRANSLATE_NOOP("Labels", "JD orders"),
    "store_redemptions": QT_TRANSLATE_NOOP("Labels", "Store coupon redemptions"),
}


# Currency codes as a merchant names them (the codes stay in English, where they are usual).
_CURRENCY_NAMES = {
    "CNY": QT_TRANSLATE_NOOP("Currencies", "CNY"),
    "USD": QT_TRANSLATE_NOOP("Currencies", "USD"),
    "GBP": QT_TRANSLATE_NOOP("Currencies", "GBP"),
    "EUR": QT_TRANSLATE_NOOP("Currencies", "EUR"),
    "BRL": QT_TRANSLATE_NOOP("Currencies", "BRL"),
    "MYR": QT_TRANSLATE_NOOP("Currencies", "MYR"),
    "SGD": QT_TRANSLATE_NOOP("Currencies", "SGD"),
    "THB": QT_TRANSLATE_NOOP("Currencies", "THB"),
    "IDR": QT_TRANSLATE_NOOP("Currencies", "IDR"),
    "PHP": QT_TRANSLATE_NOOP("Currencies", "PHP"),
    "VND": QT_TRANSLATE_NOOP("Currencies", "VND"),
    "JPY": QT_TRANSLATE_NOOP("Currencies", "JPY"),
    "HKD": QT_TRANSLATE_NOOP("Currencies", "HKD"),
}

# 抖店's 流量体裁 (traffic format) of an order line, as the export writes it.
_TRAFFIC_FORMATS = {
    "短视频": QT_TRANSLATE_NOOP("Labels", "Short video"),
    "直播": QT_TRANSLATE_NOOP("Labels", "Live"),
    "商品卡": QT_TRANSLATE_NOOP("Labels", "Product card"),
    "其他": QT_TRANSLATE_NOOP("Labels", "Other"),
    "数据将于第二天更新": QT_TRANSLATE_NOOP("Labels", "Pending (next-day update)"),
}

_MAPPED_NAMED = QT_TRANSLATE_NOOP("Labels", "Mapped: %1")
_MAPPED_UNNAMED = QT_TRANSLATE_NOOP("Labels", "Mapped table #%1")
_TEMPLATE_NAMES: dict[int, str] = {}  # mapping template id → its name, as last listed


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def remember_template_names(names: Mapping[int, str]) -> None:
    """Let imports through a mapping template (kind ``mapped:<id>``) show the template's name."""
    _TEMPLATE_NAMES.update(names)


def _code_name(code: str, names: Mapping[str, str]) -> str:
    prefix, _, number = code.partition(":")
    if code in names or prefix != "mapped" or not number.isdigit():
        return names.get(code, code)
    if name := _TEMPLATE_NAMES.get(int(number)):
        return _t(_MAPPED_NAMED).replace("%1", name)
    return _t(_MAPPED_UNNAMED).replace("%1", number)


def ui_is_chinese() -> bool:
    """True when the UI (the default QLocale the translations set) is Chinese."""
    return QLocale().language() == QLocale.Language.Chinese


def _lang() -> str:
    return "zh_CN" if ui_is_chinese() else "en"


def format_date(day: date) -> str:
    """A day: ``2026-11-28`` in Chinese, ``Nov 28, 2026`` in English."""
    return locale_formats.format_date(day, _lang())


def format_short_date(day: date) -> str:
    """A day of this year: ``11月28日`` / ``Nov 28``."""
    return locale_formats.format_short_date(day, _lang())


def format_datetime(moment: datetime) -> str:
    """A moment to the minute: ``2026-11-28 14:05`` / ``Nov 28, 2026 14:05``."""
    return locale_formats.format_datetime(moment, _lang())


def format_short_datetime(moment: datetime) -> str:
    """A moment of this year: ``11月28日 14:05`` / ``Nov 28 14:05``."""
    return locale_formats.format_short_datetime(moment, _lang())


def format_month(day: date) -> str:
    """The month of ``day``: ``2026年11月`` / ``Nov 2026``."""
    return locale_formats.format_month(day, _lang())


def month_name(month: str) -> str:
    """A ``2026-11`` month key as the UI shows it: ``2026年11月`` / ``Nov 2026``."""
    return locale_formats.month_key_name(month, _lang())


def format_weekday(day: date) -> str:
    """The short weekday: ``周六`` / ``Sat``."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def format_period(first: date, last: date) -> str:
    """A span of days: ``2026-10-04 至 2026-10-31`` / ``Oct 4, 2026 – Oct 31, 2026``."""
    return (
        QCoreApplication.translate("Labels", "%1 – %2")
        .replace("%1", format_date(first))
        .replace("%2", format_date(last))
    )


def with_note(text: str, note: str) -> str:
    """``text (note)``, with the UI language's brackets: ``¥1.00 (Oct 4 – Oct 31)`` / ``…（…）``."""
    return QCoreApplication.translate("Labels", "%1 (%2)").replace("%1", text).replace("%2", note)


def join_list(parts: Iterable[str]) -> str:
    """Items of a run-on list: ``a; b`` / ``a；b``."""
    return QCoreApplication.translate("Labels", "; ").join(parts)


def format_seconds(seconds: float) -> str:
    """A length in seconds with one decimal: ``27.4秒`` / ``27.4 s``."""
    return QCoreApplication.translate("Labels", "%1 s").replace("%1", f"{seconds:,.1f}")


def compact_count(value: float) -> str:
    """A count short enough for a card or a cell: 9,876 · 1.2万 · 3.4亿 / 12.3k · 4.5M."""
    return locale_formats.compact_count(value, _lang())


def traffic_format_name(text: str) -> str:
    """抖店's 流量体裁 of an order in the UI language (other platforms' words stay as they are)."""
    name = _TRAFFIC_FORMATS.get(str(text).strip())
    return _t(name) if name else str(text)


def currency_name(code: str) -> str:
    """A currency as the UI names it: 人民币 / 美元 in Chinese, the ISO code in English."""
    name = _CURRENCY_NAMES.get(str(code))
    return QCoreApplication.translate("Currencies", name) if name else str(code)


def currency_choice(code: str) -> str:
    """A currency in a list to choose from: ``人民币 (CNY)`` in Chinese, ``CNY`` in English."""
    name = currency_name(code)
    if name == code:
        return name
    return (
        QCoreApplication.translate("Currencies", "%1 (%2)").replace("%1", name).replace("%2", code)
    )


def format_money(cents: int, currency: str) -> str:
    """Exact money with its currency's symbol: ``¥1,299.00``, ``-$3.20``, ``BRL 35.91``."""
    return str(Money(int(cents), str(currency)))


def platform_names() -> dict[str, str]:
    """Display names of platforms and sales channels, in the UI language."""
    return {code: _t(name) for code, name in _PLATFORM_NAMES.items()}


def code_names() -> dict[str, str]:
    """Display names of stored codes (plan stage, campaign goal, channel …)."""
    return {code: _t(name) for code, name in (_CODE_NAMES | _EXPORT_KIND_NAMES).items()}


def is_missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA: a value the data does not know (pandas never imported)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return str(value) in ("<NA>", "NaT")  # pd.NA's comparison is NA, whose truth raises


def format_value(value: Any, kind: str = "") -> str:
    """Text for one value; ``kind`` says how to read numbers (``rate``, ``ratio``, ``code``…)."""
    if value is None or value == "":
        return UNKNOWN if kind != "code" else ""
    if kind == "rate":
        return f"{value:.1%}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind in ("platform", "code"):
        names = platform_names() if kind == "platform" else code_names()
        return ", ".join(_code_name(part, names) for part in str(value).split(","))
    if isinstance(value, Money):
        return str(value)
    if isinstance(value, datetime):
        return format_date(value) if kind == "date" else format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return code_names()["yes" if value else "no"]
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, tuple | list):
        return format_many(value, kind)
    return str(value)


def format_many(values: Iterable[Any], kind: str = "") -> str:
    """Several values (e.g. money per currency: never added across currencies)."""
    parts = [format_value(v, kind) for v in values]
    return " · ".join(parts) if parts else UNKNOWN
