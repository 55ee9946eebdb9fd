"""The main window over the demo shop: six tabs, each showing the store's data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import describe_url, sqlite_url
from app.db import Store
from app.services.stats import AT_RISK_DAYS
from app.services.store import open_store
from app.views.app import wait_until_shown
from app.views.context import AppContext
from app.views.main_window import TABS_PAGE, WELCOME_PAGE, MainWindow
from app.views.tabs.content_tab import LIST, ContentPlanTab
from tests.conftest import TODAY
from tests.gui.store_sql import one, rows
from tests.gui.windows import open_window

TAB_TITLES = ["Content plan", "Traffic", "Conversion", "Customers", "Retention", "Imports"]
TAB_TITLES_ZH = ["内容规划", "流量数据", "转化路径", "客户分层", "留存活动", "导入记录"]


def card(window: MainWindow, tab: int, key: str) -> str:
    return window.tab_pages[tab].cards[key].value.text()


def show_tab(window: MainWindow, index: int) -> None:
    window.tabs.setCurrentIndex(index)
    page = window.tab_pages[index]
    assert page.is_loaded
    wait_until_shown(page)  # the Conversion tab reads on a worker
    assert not getattr(page, "busy", False)


def test_every_tab_shows_the_demo_shops_data(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    assert window.pages.currentIndex() == TABS_PAGE
    assert [window.tabs.tabText(i) for i in range(6)] == TAB_TITLES
    for index, page in enumerate(window.tab_pages):
        show_tab(window, index)
        assert page.pages.currentIndex() == 0, f"{page.tab_id} shows its empty state"
        if isinstance(page, ContentPlanTab):
            # The calendar is in front; the plan's table is the list sub-view.
            assert page.calendar.isVisible()
            page.show_view(LIST)
        assert page.model.rowCount() > 0, page.tab_id
        assert page.table.isVisible()
        assert all(c.value.text() for c in page.cards.values())
    assert window.store_label.text() == f"Store: {describe_url(demo_store.url)}"


def test_traffic_rows_and_views_match_the_store(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    show_tab(window, 1)
    # The Traffic tab opens on this month: the videos published since the 1st.
    this_month = "v.published_at >= '2026-11-01' AND v.published_at < '2026-11-29'"
    views = one(
        demo_store,
        f"""SELECT SUM(s.views) FROM video_snapshots s JOIN videos v ON v.id = s.video_id
           WHERE {this_month} AND s.snapshot_at =
           (SELECT MAX(s2.snapshot_at) FROM video_snapshots s2 WHERE s2.video_id = s.video_id)""",
    )
    videos = one(demo_store, f"SELECT COUNT(*) FROM videos v WHERE {this_month}")
    assert 0 < videos < one(demo_store, "SELECT COUNT(*) FROM videos")
    assert window.tab_pages[1].model.rowCount() == videos
    assert card(window, 1, "views") == f"{views:,}"
    assert card(window, 1, "videos") == f"{videos:,}"


def test_conversion_keeps_currencies_apart(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    show_tab(window, 2)
    # The tab opens on this month (TODAY's); orders are paid lines, as in `shopreel stats`.
    this_month = "paid_at >= '2026-11-01' AND paid_at < '2026-11-29' AND NOT cancelled"
    paid = one(demo_store, f"SELECT COUNT(*) FROM order_lines WHERE {this_month}")
    usd = one(
        demo_store,
        f"SELECT SUM(payable_cents) FROM order_lines WHERE currency = 'USD' AND {this_month}",
    )
    gmv = card(window, 2, "gmv")
    assert card(window, 2, "orders_paid") == f"{paid:,}"
    assert "¥" in gmv
    assert f"${usd // 100:,}.{usd % 100:02d}" in gmv


def test_customers_tab_counts_every_customer_once(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    show_tab(window, 3)
    customers = one(demo_store, "SELECT COUNT(*) FROM customers WHERE merged_into_id IS NULL")
    assert card(window, 3, "customers") == f"{customers:,}"
    phones = window.tab_pages[3].model.row_values(0)["masked_phone"]
    assert "*" in phones or phones == ""
    page = window.tab_pages[3]
    assert page.runner is context.runner  # its long writes queue behind imports, never beside
    assert page.body.data.runner is context.runner


def test_retention_lists_slipping_customers_and_says_so_on_start(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    qtbot.waitUntil(lambda: "slipping" in window.statusBar().currentMessage(), timeout=5000)
    show_tab(window, 4)
    slipping = window.tab_pages[4].model.rowCount()
    last = rows(
        demo_store,
        "SELECT MAX(paid_at) FROM order_lines WHERE paid_at IS NOT NULL "
        "AND NOT cancelled AND customer_id IS NOT NULL GROUP BY customer_id",
    )
    silent = [(TODAY - datetime.fromisoformat(d).date()).days for (d,) in last]
    # At most everyone silent 30+ days by their last order (touches and merges take some off).
    assert 0 < slipping <= sum(1 for d in silent if d >= AT_RISK_DAYS)
    assert card(window, 4, "slipping") == f"{slipping:,}"
    valuable = card(window, 4, "valuable_slipping")
    assert window.statusBar().currentMessage().startswith(f"{valuable} VIP and high-value")
    assert f"({slipping:,} in all)" in window.tabs.tabToolTip(4)


def test_content_and_imports_list_every_item(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    show_tab(window, 0)
    assert window.tab_pages[0].model.rowCount() == one(
        demo_store, "SELECT COUNT(*) FROM plan_items"
    )
    show_tab(window, 5)
    assert window.tab_pages[5].model.rowCount() == one(
        demo_store, "SELECT COUNT(*) FROM import_batches"
    )


def test_filter_box_narrows_the_table(qtbot: QtBot, context: AppContext, demo_store: Store) -> None:
    window = open_window(qtbot, context, demo_store)
    show_tab(window, 1)
    page = window.tab_pages[1]
    total = page.model.rowCount()
    qtbot.keyClicks(page.filter_box, "tiktok")
    shown = page.model.rowCount()
    assert 0 < shown < total
    assert all(page.model.row_values(r)["platform"] == "tiktok" for r in range(shown))
    assert page.count_label.text() == f"{shown:,} of {total:,} rows"


def test_an_empty_store_shows_the_welcome_page(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    window = open_window(qtbot, context, store)
    assert window.pages.currentIndex() == WELCOME_PAGE
    assert window.welcome.isVisible()
    assert window.welcome.demo_button.isEnabled()


def test_the_welcome_button_builds_and_opens_the_demo_shop(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    window = open_window(qtbot, context, store)
    with qtbot.waitSignal(window.data_loaded, timeout=60_000):
        window.welcome.demo_button.click()
    assert window.pages.currentIndex() == TABS_PAGE
    assert window.store is not None
    assert window.store.sqlite_path == context.demo_path.resolve()
    assert window.current_tab().model.rowCount() > 0
    window.store.dispose()


def test_window_remembers_geometry_and_tab(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    window.resize(701, 555)  # the offscreen screen is 800 x 600
    window.tabs.setCurrentIndex(3)
    window.close()
    again = open_window(qtbot, context, demo_store)
    assert again.tabs.currentIndex() == 3
    assert again.size().width() == 701
    assert again.tab_pages[3].is_loaded


def test_chinese_ui_names_the_tabs_in_chinese(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    assert context.translations.apply("zh_CN"), "the .qm file is missing: run `make setup`"
    window = open_window(qtbot, context, demo_store)
    assert [window.tabs.tabText(i) for i in range(6)] == TAB_TITLES_ZH
    assert window.tab_pages[1].model.headerData(1, Qt.Orientation.Horizontal) == "平台"


def test_switching_to_a_store_that_cannot_open_leaves_the_window_as_is(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, context, demo_store)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 200)
    shown: list[str] = []
    # A damaged file is explained (and a backup offered) by the damaged-store message.
    monkeypatch.setattr(
        "app.views.dialogs.damaged_store.ask_to_restore", lambda e, _p=None: shown.append(str(e))
    )
    window.switch_to_url(sqlite_url(bad))
    assert len(shown) == 1
    assert "damaged" in shown[0]
    assert window.store is demo_store
    assert open_store(sqlite_url(tmp_path / "fresh.db")).sqlite_path is not None


def test_a_tab_that_writes_makes_the_others_read_again(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    window = open_window(qtbot, context, demo_store)
    for index in range(3):
        show_tab(window, index)
    writer, *others = window.tab_pages[:3]
    assert all(page.store is demo_store for page in window.tab_pages)
    writer.data_changed.emit()
    assert writer.is_loaded
    assert not any(page.is_loaded for page in others)
    show_tab(window, 1)  # shown again: read afresh
