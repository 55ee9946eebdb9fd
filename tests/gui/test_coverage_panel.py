"""The coverage panel: gaps in orders come first; gaps in ad reports are worded as maybe-normal."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.db import Store
from app.views.widgets.coverage_panel import CoveragePanel

LINE = (
    "INSERT INTO order_lines (platform, line_key, order_no, product_name, sku, quantity,"
    " payable_cents, refund_cents, currency, status, after_sale_status, cancel_reason, created_at,"
    " cancelled, traffic_source, traffic_format, author, region, channel_code) VALUES"
    " ('douyin', :key, '1', '', '', 1, 100, 0, 'CNY', '', '', '', :at, false, '', '', '', '', '')"
)
AD = (
    "INSERT INTO ad_spend (platform, channel, day, material_key, spend_cents, gmv_cents,"
    " currency) VALUES ('douyin', 'qianchuan', :day, 'm', 100, 200, 'CNY')"
)


def panel_for(qtbot: QtBot, store: Store, order_days: list[int], ad_days: list[int]) -> str:
    from sqlalchemy import text

    with store.engine.begin() as conn:  # SQLite or the test server alike
        for day in order_days:
            at = f"2026-10-{day:02d} 10:00:00.000000"
            conn.execute(text(LINE), {"key": f"L{day}", "at": at})
        for day in ad_days:
            conn.execute(text(AD), {"day": f"2026-10-{day:02d}"})
    panel = CoveragePanel()
    qtbot.addWidget(panel)
    reader = store.reader()
    try:
        panel.load(reader)
    finally:
        reader.close()
    assert panel.model.rowCount() == 2
    return panel.gap_label.text() if not panel.gap_label.isHidden() else ""


def test_an_orders_gap_is_the_warning(qtbot: QtBot, store: Store) -> None:
    text = panel_for(qtbot, store, [1, 2, 9, 10], [1, 5])
    assert "Oct 3, 2026 – Oct 8, 2026" in text
    assert "Import those days" in text


def test_an_ads_gap_alone_is_worded_as_maybe_normal(qtbot: QtBot, store: Store) -> None:
    text = panel_for(qtbot, store, [1, 2, 3], [1, 5])
    assert "ad report" in text
    assert "if ads ran" in text
    assert "Oct 2, 2026 – Oct 4, 2026" in text


def test_no_gaps_no_warning(qtbot: QtBot, store: Store) -> None:
    assert panel_for(qtbot, store, [1, 2, 3], [1, 2]) == ""
