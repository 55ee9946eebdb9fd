"""The Chinese UI has no English left in it: every tab, sub-view and main dialog over the demo shop.

Each test shows the screens in Simplified Chinese, collects every visible text (labels, buttons,
tabs, menus, tooltips, placeholders, table headers and first rows, chart texts) and fails on any
Latin word that is neither in ALLOWED (with its reason) nor the shop's own data (video titles,
product names, account handles … that the merchant typed or the platform exported).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from app.config import sqlite_url
from app.db import Store
from app.services.store import open_store
from app.views.app import wait_until_shown
from app.views.context import AppContext
from app.views.main_window import MainWindow
from tests.conftest import TODAY
from tests.exports import channels_videos, doudian_line, doudian_orders
from tests.gui.ui_texts import LATIN_WORD, Seen, latin_words, plain, visible_texts
from tests.gui.windows import open_window

pytestmark = pytest.mark.sqlite_only

# Words a Chinese merchant reads as they are, and why.
ALLOWED = {
    # The app's and the platforms' own names, written in Latin letters in Chinese too.
    "TikTok": "brand",
    "Shop": "TikTok Shop, the platform's product name",
    "Studio": "TikTok Studio, the platform's product name",
    "Promote": "TikTok Promote, the platform's product name",
    "DOU+": "Douyin's promotion product, always written so",
    "Excel": "app name",
    "App": "App 推送: how Chinese names an app's push message",
    "STORE-QR": "an example of a channel code, which the merchant types as it is",
    "English": "the language's own name in the language chooser",
    "OrderSKUList": "TikTok Shop's export file is named so",
    "WPS": "app name",
    # Abbreviations Chinese merchant software uses as they are.
    "GMV": "成交总额, used as is",
    "ROI": "支付ROI in 千川",
    "ROAS": "ad metric",
    "SKU": "used as is",
    "CSV": "file format",
    "PDF": "file format",
    "UGC": "user content",
    "VIP": "tier name, used as is",
    "RFM": "customer model",
    "LTV": "lifetime value",
    "ID": "商品ID, 买家ID as the platforms write them",
    "URL": "used as is",
    "UV": "traffic metric",
    "PV": "traffic metric",
    "CPM": "ad metric",
    "A/B": "A/B 测试",
    # Single letters with a meaning of their own in Chinese analytics too.
    "A": "variant A of an A/B test",
    "B": "variant B of an A/B test",
    "R": "RFM: recency score",
    "F": "RFM: frequency score",
    "M": "RFM: monetary score",
    "p": "p 值 (statistics)",
    "z": "z 检验 (statistics)",
    "pp": "percentage points of a confidence interval",
}
# Not words: a file's name or path, a colour, an accelerator, a URL.
_NOT_WORDS = re.compile(
    r"\(&\w\)"  # 文件(&F)
    r"|#[0-9a-fA-F]{6}\b"  # #4e79a7
    r"|\b[RFM][1-5]\b"  # RFM scores: F1 … F5
    r"|\d(?:\.\d+)?E\+\d+"  # how Excel shows a long order number: 6.9E+18
    r"|(?<=[\u4e00-\u9fff])[（(][A-Z]{3}[)）]"  # a currency's code after its name: 人民币（CNY）
    r"|https?://\S+"
    r"|(?:\b[A-Za-z]:\\|~?/)[^\s,;，；（）()]+"  # paths: /home/…, ~/…, C:\…
    r"|[^\s/\\,;，；：:（）()]*\.(?:csv|xlsx|xlsb|xls|et|db|pdf|sqlite|zip|ini|png|txt)\b",
    re.IGNORECASE,
)
# The shop's own data: what the merchant wrote or the platforms exported, shown as it is.
USER_DATA_COLUMNS = {
    "accounts": ("handle", "display_name"),
    "campaigns": ("name", "message_template", "coupon_code"),
    "comments": ("author", "text"),
    "content_pillars": ("name",),
    "customers": ("display_name", "region"),
    "experiments": ("name",),
    "order_lines": (
        "product_name",
        "sku",
        "author",
        "region",
        "channel_code",
        "status",
        "after_sale_status",
        "cancel_reason",
    ),
    "personas": ("interests",),
    "plan_items": ("title", "notes"),
    "products": ("name", "sku"),
    "tier_rules": ("name",),
    "videos": ("title", "tags", "video_key"),
    "ad_spend": ("material_key",),
}


def shop_words(db: Path) -> set[str]:
    """Every Latin word of the shop's own texts (titles, names, handles …)."""
    words: set[str] = set()
    with closing(sqlite3.connect(db)) as conn:
        for table, columns in USER_DATA_COLUMNS.items():
            for column in columns:
                for (value,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'):
                    if isinstance(value, str):
                        words.update(latin_words(value))
    return words


def english_in(seen: Iterable[Seen], shop: set[str]) -> dict[str, Seen]:
    """Latin words not allowed, each with one place it was seen."""
    leaks: dict[str, Seen] = {}
    for item in seen:
        text = _NOT_WORDS.sub(" ", plain(item.text))
        for match in LATIN_WORD.finditer(text):
            word = match.group()
            if word in ALLOWED or word in shop:
                continue
            cut = text[match.end() : match.end() + 1] == "…"  # a long title cut: "The waffle thro…"
            if cut and any(known.startswith(word) for known in shop):
                continue
            leaks.setdefault(word, item)
    return leaks


def report(leaks: dict[str, Seen]) -> str:
    lines = [f"{word!r} in {seen.where}: {seen.text[:100]!r}" for word, seen in leaks.items()]
    return "English in the Chinese UI:\n" + "\n".join(sorted(lines))


@pytest.fixture
def zh(context: AppContext) -> AppContext:
    """The app context with the UI in Simplified Chinese (the context fixture switches back)."""
    assert context.translations.apply("zh_CN")
    return context


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def with_first_rows_picked(root: QWidget, walked: tuple[QTabWidget, ...]) -> Iterator[Seen]:
    """The texts of ``root``, then again with the first row of each table picked (detail panes),
    each section of the panes' tab widgets in turn (``walked``: tab widgets the caller walks)."""
    yield from visible_texts(root)
    tables = [t for t in root.findChildren(QTableView) if t.isVisible() and t.model() is not None]
    picked = False
    for table in tables:
        if table.model().rowCount() and table.selectionModel() is not None:
            table.setCurrentIndex(table.model().index(0, 0))
            picked = True
    if not picked:
        return
    settle()
    yield from visible_texts(root)
    for tabs in root.findChildren(QTabWidget):  # the detail panes' own sections
        if tabs in walked or not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            yield from visible_texts(tabs)


def page_texts(window: MainWindow, page: QWidget) -> Iterator[Seen]:
    """The texts of one tab: each of its sub-views in front in turn."""
    if hasattr(page, "show_view"):  # the content plan's own view buttons
        for view in range(len(page.view_buttons.buttons())):
            page.show_view(view)
            settle()
            yield from with_first_rows_picked(window, (window.tabs,))
        return
    views = getattr(getattr(page, "body", None), "views", None)
    walked = (window.tabs, views) if isinstance(views, QTabWidget) else (window.tabs,)
    yield from with_first_rows_picked(window, walked)
    if isinstance(views, QTabWidget):
        for index in range(views.count()):
            views.setCurrentIndex(index)
            settle()
            yield from with_first_rows_picked(window, walked)


def window_texts(window: MainWindow) -> Iterator[Seen]:
    """The texts of every tab and sub-view of the window, and of its menus."""
    yield from visible_texts(window)
    for index, page in enumerate(window.tab_pages):
        window.tabs.setCurrentIndex(index)
        settle()
        wait_until_shown(page)
        settle()
        yield from page_texts(window, page)


def test_no_english_on_any_tab_or_sub_view(qtbot: QtBot, zh: AppContext, demo_db: Path) -> None:
    store = open_store(sqlite_url(demo_db))
    window = open_window(qtbot, zh, store, size=(1280, 800))
    seen = list(window_texts(window))
    assert len(seen) > 1000, "the walk saw too little to prove anything"
    assert any("流量" in s.text for s in seen)
    leaks = english_in(seen, shop_words(demo_db))
    window.close()
    store.dispose()
    assert not leaks, report(leaks)


def dialog_texts(dialog: QDialog) -> list[Seen]:
    dialog.resize(max(dialog.width(), 900), max(dialog.height(), 600))
    dialog.show()
    settle()
    seen = list(with_first_rows_picked(dialog, ()))
    dialog.close()
    return seen


def main_dialogs(
    qtbot: QtBot, context: AppContext, store: Store, folder: Path
) -> Iterator[QDialog]:
    """The app's main dialogs, each filled as a user would see it."""
    from app.analytics.tiers import default_rules
    from app.services.mappings import read_layout
    from app.services.shop import load_profile
    from app.views.content.plan_editor import PlanItemDialog
    from app.views.customers.tier_rule_dialog import TierRuleDialog
    from app.views.dialogs.export_guide_dialog import ExportGuideDialog
    from app.views.dialogs.import_dialog import ImportDialog
    from app.views.dialogs.mapping_dialog import MappingDialog
    from app.views.dialogs.settings_dialog import SettingsDialog
    from app.views.dialogs.templates_dialog import TemplatesDialog

    del PlanItemDialog
    yield SettingsDialog(load_profile(store), "zh_CN")
    yield ExportGuideDialog()
    yield TierRuleDialog(default_rules()[2])
    yield TemplatesDialog(store, context.runner)
    orders = doudian_orders(folder / "抖店订单.csv", [doudian_line(n) for n in range(1, 4)])
    posts = channels_videos(folder / "视频号_动态数据明细.csv", [120, 3400])
    unknown = folder / "不是导出.csv"
    unknown.write_text("名字,数量\n苹果,3\n", encoding="utf-8")
    importing = ImportDialog(store, [orders, posts, unknown], context.runner, TODAY)
    qtbot.addWidget(importing)
    importing.show()
    with qtbot.waitSignal(importing.start_check().succeeded, timeout=20_000):
        pass
    yield importing
    yield MappingDialog(store, read_layout(unknown), context.runner)


def test_no_english_in_the_main_dialogs(
    qtbot: QtBot, zh: AppContext, demo_db: Path, tmp_path: Path
) -> None:
    store = open_store(sqlite_url(demo_db))
    seen: list[Seen] = []
    for dialog in main_dialogs(qtbot, zh, store, tmp_path):
        qtbot.addWidget(dialog)
        texts = dialog_texts(dialog)
        assert texts, type(dialog).__name__
        seen.extend(texts)
    leaks = english_in(seen, shop_words(demo_db))
    store.dispose()
    assert not leaks, report(leaks)


def tab_dialogs(window: MainWindow, context: AppContext, store: Store) -> Iterator[QDialog]:
    """The dialogs the tabs and menus open: plan item, experiment, codes, campaign, post, warning
    windows, report, backups."""
    from app.services.retention import warning_settings
    from app.views.conversion.attribution_view import ChannelCodesDialog
    from app.views.dialogs.report_dialog import ReportDialog
    from app.views.retention.churn_view import WindowsDialog
    from app.views.retention.ugc_view import UgcDialog

    content = window.page(0)
    yield content.new_item(datetime(2026, 12, 2, 20))
    conversion = window.page(2)
    window.tabs.setCurrentIndex(2)
    wait_until_shown(conversion)
    body = conversion.body
    yield body.experiments_view.make_dialog(None)
    scope = body.attribution_view.scope
    yield ChannelCodesDialog(scope.reader, scope.store)
    retention = window.page(4)
    window.tabs.setCurrentIndex(4)
    settle()
    campaigns = retention.body.campaigns_view
    retention.body.views.setCurrentWidget(campaigns)
    campaigns.new_button.click()
    assert campaigns.dialog is not None
    yield campaigns.dialog
    data = retention.body.ugc_view.data
    yield UgcDialog(data)
    yield WindowsDialog(warning_settings(data.reader), ["VIP", "老客"])
    yield ReportDialog(store, context.runner, language="zh_CN", today=TODAY)
    backups = window.show_backups()
    assert backups is not None
    yield backups


def test_no_english_in_the_dialogs_of_the_tabs(qtbot: QtBot, zh: AppContext, demo_db: Path) -> None:
    store = open_store(sqlite_url(demo_db))
    window = open_window(qtbot, zh, store, size=(1280, 800))
    seen: list[Seen] = []
    names = []
    for dialog in tab_dialogs(window, zh, store):
        names.append(type(dialog).__name__)
        seen.extend(dialog_texts(dialog))
        if dialog.parent() is None:  # the window's own dialogs go with it
            dialog.deleteLater()
    assert len(names) == 8, names
    leaks = english_in(seen, shop_words(demo_db))
    window.close()
    store.dispose()
    assert not leaks, report(leaks)


def test_no_english_on_the_welcome_page_and_the_empty_tabs(
    qtbot: QtBot, zh: AppContext, tmp_path: Path
) -> None:
    store = open_store(sqlite_url(tmp_path / "empty.db"))
    window = open_window(qtbot, zh, store, size=(1280, 800))
    assert window.pages.currentWidget() is window.welcome
    seen = list(visible_texts(window))
    assert any("示例" in s.text for s in seen), "the welcome page offers the demo shop"
    window.pages.setCurrentWidget(window.tabs)
    for index, page in enumerate(window.tab_pages):  # each tab's "nothing here yet" hint
        window.tabs.setCurrentIndex(index)
        settle()
        wait_until_shown(page)
        seen.extend(visible_texts(window))
    leaks = english_in(seen, set())
    window.close()
    store.dispose()
    assert not leaks, report(leaks)


# In messages only (errors and hints), never in a table or card: technical names a merchant meets
# as they are, and codes the message asks for.
TECHNICAL = {
    "UTF-8": "an encoding's name, as Excel's Save As shows it",
    "GBK": "an encoding's name",
    "XML": "a file format's name",
    "HTML": "a file format's name",
    "DOCTYPE": "the XML declaration named in the refusal of a workbook",
    "ENTITY": "the XML declaration named in the refusal of a workbook",
    "MB": "file sizes",
    "Word": "the app a refused document comes from",
    "OpenDocument": "a file format's name",
    "LibreOffice": "an app's name",
    "Windows": "the system's name",
    "SQLite": "the database, named in integrity errors",
    "SQLCipher": "the encryption component's name",
    "PostgreSQL": "the team server's database, as its administrator names it",
    "postgresql": "the scheme of a team server's address (postgresql://…), typed as it is",
    "CRM": "customer lists from a CRM, as merchants call them",
    "CNY": "the currency codes a cost file must use",
    "USD": "the currency codes a cost file must use",
    "BRL": "an example of an amount as a platform writes it",
    "C": "variant C of an A/B test",
    "U": "U 盘 (a USB stick)",
}
_CODE = re.compile(r"`[^`]*`|\{\w+\}|%n")  # commands, message placeholders, plural counts


def catalogue() -> list[tuple[str, str]]:
    """(source, translation) of every message of the Chinese catalogue."""
    from html import unescape

    text = (Path(__file__).resolve().parents[2] / "resources/i18n/shopreel_zh_CN.ts").read_text(
        encoding="utf-8"
    )
    found = re.findall(
        r"<source>(.*?)</source>.*?<translation[^>]*>(.*?)</translation>", text, re.S
    )
    return [(unescape(s), unescape(t)) for s, t in found]


def test_no_english_in_any_translation() -> None:
    """Every message, also those the walks above cannot reach (errors, empty states …)."""
    leaks = {}
    for source, translation in catalogue():
        if re.fullmatch(r"[MdyHhmsap ,:/.-]+", source):  # a date format for QLocale, not a text
            continue
        text = _NOT_WORDS.sub(" ", plain(_CODE.sub(" ", translation))).replace("&", "")
        for word in LATIN_WORD.findall(text):
            if word not in ALLOWED and word not in TECHNICAL:
                leaks.setdefault(word, translation[:100])
    assert leaks == {}
