"""The Conversion tab on the demo shop: the funnel against `shopreel stats`, key figures, cost
editing, the ledger's flags and export, attribution with a channel code, and time slots."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from app.db import Reader, Store
from app.services.stats import Month, month_stats
from app.views.context import AppContext
from app.views.conversion.base import FLAG_BACKGROUND
from app.views.conversion.conversion_view import ConversionView
from app.views.conversion.products_view import parse_cents
from app.views.tabs.conversion_tab import DATA_PAGE, LOADING_PAGE, ConversionTab
from tests.conftest import TODAY
from tests.gui.store_sql import rows

MONTH = "2026-10"


@pytest.fixture
def reader(demo_store: Store) -> Iterator[Reader]:
    opened = demo_store.reader()
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader) -> ConversionTab:
    page = ConversionTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.resize(1400, 900)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):  # read on a worker
        page.load(reader, TODAY)
    return page


def body(tab: ConversionTab) -> ConversionView:
    assert tab.body is not None
    return tab.body


def show_month(tab: ConversionTab, month: str = MONTH) -> None:
    body(tab).filter_bar.period.set_preset("month:" + month)


def money(cents: int, sign: str) -> str:
    return f"{sign}{cents // 100:,}.{cents % 100:02d}"


def test_funnel_of_a_month_equals_shopreel_stats(tab: ConversionTab, reader: Reader) -> None:
    show_month(tab)
    stats = month_stats(reader, Month.parse(MONTH))
    funnel = body(tab).funnel_view
    values = {
        funnel.model.value(r, "step"): funnel.model.value(r, "value_a")
        for r in range(funnel.model.rowCount())
    }
    names = funnel.step_names()
    assert values[names["views"]] == f"{stats['video_views']:,}"
    assert values[names["orders_paid"]] == f"{stats['orders_paid']:,}"
    assert body(tab).cards["orders_paid"].value.text() == f"{stats['orders_paid']:,}"
    net = values[names["net_gmv"]]
    for currency, sign in (("CNY", "¥"), ("USD", "$")):
        cents = round(stats["gmv_by_currency"][currency] * 100) - round(
            stats["refunds_by_currency"][currency] * 100
        )
        assert money(cents, sign) in net
    assert "¥" in body(tab).cards["gmv"].value.text()
    assert "$" in body(tab).cards["gmv"].value.text()
    assert body(tab).cards["refund_rate"].lower_is_better  # a falling refund rate shows green


def test_unknown_funnel_steps_show_a_dash_and_say_which_export_gives_them(
    tab: ConversionTab,
) -> None:
    show_month(tab)
    funnel = body(tab).funnel_view
    clicks = funnel.model.row_of("step", funnel.step_names()["product_clicks"])
    index = funnel.model.index(clicks, funnel.model.column_of("value_a"))
    assert index.data() == "—"
    assert "product clicks" in index.data(Qt.ItemDataRole.ToolTipRole)
    rate = funnel.model.index(clicks + 1, funnel.model.column_of("rate_a"))
    assert rate.data() == "—", "the rate after an unknown step is unknown too"


def test_funnel_compares_a_month_with_the_previous_period(
    tab: ConversionTab, demo_store: Store
) -> None:
    show_month(tab)
    funnel = body(tab).funnel_view
    funnel.compare.set_value("previous")
    assert funnel.model.columnCount() == 6
    paid = funnel.model.row_of("step", funnel.step_names()["orders_paid"])
    # October has 31 days: the previous period is the 31 days before it, Aug 31 – Sep 30.
    ((before,),) = rows(
        demo_store,
        "SELECT COUNT(*) FROM order_lines WHERE paid_at >= '2026-08-31' "
        "AND paid_at < '2026-10-01' AND NOT cancelled",
    )
    ((now,),) = rows(
        demo_store,
        "SELECT COUNT(*) FROM order_lines WHERE paid_at >= '2026-10-01' "
        "AND paid_at < '2026-11-01' AND NOT cancelled",
    )
    assert funnel.model.value(paid, "value_b") == f"{before:,}"
    assert funnel.model.value(paid, "change") == pytest.approx((before - now) / now)
    assert funnel.chart.figure is not None


def test_editing_a_cost_gives_margin_and_profit(
    qtbot: QtBot, tab: ConversionTab, demo_store: Store
) -> None:
    show_month(tab)
    view = body(tab).products_view
    body(tab).views.setCurrentWidget(view)
    model = view.model
    assert model.value(0, "margin") is None, "no cost entered yet: margin unknown, not 0"
    name, units, gmv = (model.value(0, c) for c in ("product_name", "units", "gmv_cents"))
    index = model.index(0, model.column_of("unit_cost_cents"))
    with qtbot.waitSignal(tab.data_changed):
        assert model.setData(index, "¥50.00")
    row = view.model.row_of("product_name", name)
    assert view.model.value(row, "unit_cost_cents") == 5000
    assert view.model.value(row, "cost_cents") == pytest.approx(units * 5000)
    assert view.model.value(row, "margin") == pytest.approx((gmv - units * 5000) / gmv)
    stored = rows(demo_store, "SELECT cost_cents, currency FROM product_costs")
    assert stored == [(5000, "CNY")]
    ledger = body(tab).ledger_view
    body(tab).views.setCurrentWidget(ledger)
    margins = [ledger.model.value(r, "margin") for r in range(ledger.model.rowCount())]
    assert any(m is not None for m in margins), "videos that sold it now have a margin"
    assert "Profit where costs are known" in ledger.summary.text()


def test_a_typo_in_a_cost_is_refused_and_nothing_is_stored(
    tab: ConversionTab, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    view = body(tab).products_view
    body(tab).views.setCurrentWidget(view)
    assert not view.set_unit_cost(view.model.row_values(0), "12,5元")
    assert warnings
    assert "12,5元" in warnings[0]
    assert rows(demo_store, "SELECT COUNT(*) FROM product_costs") == [(0,)]


def test_parse_cents_reads_prices_as_typed() -> None:
    assert parse_cents("12.5") == 1250
    assert parse_cents("¥1,299.00") == 129900
    assert parse_cents(" 7 ") == 700
    assert parse_cents("") is None
    with pytest.raises(ValueError, match="abc"):
        parse_cents("abc")


def expensive_costs(store: Store) -> None:
    """Every product costs 90 % of its price: a 10 % margin needs ROAS ≥ 10 to break even."""
    from app.services.costs import set_cost

    for platform, key, price, currency in rows(
        store,
        "SELECT p.platform, p.product_key, MAX(o.payable_cents / o.quantity), o.currency "
        "FROM order_lines o JOIN products p ON p.id = o.product_id WHERE o.quantity > 0 "
        "GROUP BY p.platform, p.product_key, o.currency",
    ):
        set_cost(store, platform, key, "", int(price * 0.9), currency)


def test_ledger_flags_rows_below_break_even(
    qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader
) -> None:
    expensive_costs(demo_store)
    page = ConversionTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.load(reader, TODAY)
    ledger = body(page).ledger_view
    body(page).views.setCurrentWidget(ledger)
    model = ledger.model
    flagged = [
        r
        for r in range(model.rowCount())
        if model.value(r, "roas") is not None
        and model.value(r, "break_even_roas") is not None
        and model.value(r, "roas") < model.value(r, "break_even_roas")
    ]
    assert flagged, "with 10 % margins some videos' ads lose money"
    first = flagged[0]
    background = model.index(first, 3).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush)
    assert background.color().name() == FLAG_BACKGROUND
    assert model.index(first, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "below the break-even" in model.index(first, 5).data(Qt.ItemDataRole.ToolTipRole)
    unflagged = next(r for r in range(model.rowCount()) if r not in flagged)
    assert model.index(unflagged, 3).data(Qt.ItemDataRole.BackgroundRole) is None
    assert f"{len(flagged)} below break-even" in ledger.summary.text()
    ledger.by.set_value("pillar")
    assert model.column_of("pillar") == 0
    assert model.rowCount() >= 2


def test_ledger_export_reads_back(qtbot: QtBot, tab: ConversionTab, tmp_path: Path) -> None:
    show_month(tab)
    ledger = body(tab).ledger_view
    body(tab).views.setCurrentWidget(ledger)
    target = tmp_path / "ledger.csv"
    with qtbot.waitSignal(ledger.exporter.exported, timeout=20_000):
        ledger.exporter.start_export(target)
    with target.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    header = table[0]
    assert header[:2] == ["Video", "Platform"]
    for title in ("ROAS", "Currency", "Below break-even"):
        assert title in header
    assert len(table) - 1 == ledger.model.rowCount()
    title = ledger.model.value(0, "title")
    assert table[1][0].lstrip("'") == title
    assert str(target) in ledger.exporter.note.text()


def test_a_channel_code_groups_its_orders(
    tab: ConversionTab, demo_store: Store, reader: Reader
) -> None:
    from app.analytics.conversion import ChannelCodeRow
    from app.views.conversion.attribution_view import ChannelCodesDialog

    codes = rows(
        demo_store,
        "SELECT channel_code, COUNT(*) FROM order_lines WHERE channel_code != '' "
        "AND paid_at IS NOT NULL AND NOT cancelled AND paid_at >= '2026-11-01' "
        "GROUP BY channel_code ORDER BY 2 DESC",
    )
    if not codes:
        pytest.skip("the demo shop has no channel codes on its orders")
    code, count = codes[0]
    dialog = ChannelCodesDialog(reader, demo_store)
    assert dialog.save(ChannelCodeRow(None, code, "门店扫码券", "indirect", False))
    assert dialog.model.rowCount() == 1
    body(tab).reload()
    view = body(tab).attribution_view
    body(tab).views.setCurrentWidget(view)
    view.by.set_value("channel")
    row = view.model.row_of("label", "门店扫码券")
    assert row >= 0
    assert view.model.value(row, "orders") == count
    assert "order export names the video" in view.match_label.text()


def test_time_slots_name_the_busiest_hour(tab: ConversionTab, demo_store: Store) -> None:
    show_month(tab)
    view = body(tab).time_slots_view
    body(tab).views.setCurrentWidget(view)
    paid = rows(
        demo_store,
        "SELECT paid_at FROM order_lines "
        "WHERE paid_at >= '2026-10-01' AND paid_at < '2026-11-01' AND NOT cancelled",
    )
    slots = Counter(
        (moment.weekday(), moment.hour) for moment in (datetime.fromisoformat(p) for (p,) in paid)
    )
    # The most orders; on a tie the earliest weekday (Monday first), then the earliest hour.
    (weekday, hour), orders = min(slots.items(), key=lambda slot: (-slot[1], slot[0]))
    text = view.best_label.text()
    assert f"{view.weekday_names()[weekday]} {hour:02d}:00" in text
    assert f"({orders} orders)" in text
    assert view.heatmap.figure is not None
    assert view.roi_model.rowCount() == 7


def test_the_tab_shows_data_on_the_demo_shop(tab: ConversionTab) -> None:
    assert tab.pages.currentIndex() == DATA_PAGE
    assert tab.is_loaded


def test_importing_costs_fills_the_unit_cost_column(
    tab: ConversionTab, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    show_month(tab)
    view = body(tab).products_view
    body(tab).views.setCurrentWidget(view)
    key = view.model.value(0, "product_key")
    platform = view.model.value(0, "platform")
    good = tmp_path / "costs.csv"
    good.write_text(f"平台,商品ID,成本价\n{platform},{key},¥23.40\n", encoding="utf-8-sig")
    assert view.import_costs_from(good)
    row = view.model.row_of("product_key", key)
    assert view.model.value(row, "unit_cost_cents") == 2340
    assert rows(demo_store, "SELECT cost_cents FROM product_costs") == [(2340,)]

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    bad = tmp_path / "bad.csv"
    bad.write_text("名称,价格\n被子,12\n", encoding="utf-8-sig")
    assert not view.import_costs_from(bad)
    assert "No cost was imported" in warnings[0]
    assert rows(demo_store, "SELECT cost_cents FROM product_costs") == [(2340,)]


def test_funnel_compares_two_content_groups(tab: ConversionTab, demo_store: Store) -> None:
    show_month(tab)
    funnel = body(tab).funnel_view
    funnel.compare.set_value("group")
    assert funnel.other_group.isVisible()
    ((pillar_id, pillar),) = rows(
        demo_store, "SELECT id, name FROM content_pillars ORDER BY id LIMIT 1"
    )
    funnel.other_group.set_selected([pillar_id])
    ((paid,),) = rows(
        demo_store,
        "SELECT COUNT(*) FROM order_lines o JOIN videos v ON v.id = o.video_id "
        "WHERE v.pillar_id = :pillar AND o.paid_at >= '2026-10-01' "
        "AND o.paid_at < '2026-11-01' AND NOT o.cancelled",
        pillar=pillar_id,
    )
    row = funnel.model.row_of("step", funnel.step_names()["orders_paid"])
    assert funnel.model.value(row, "value_b") == f"{paid:,}"
    headers = [funnel.model.headerData(c, Qt.Orientation.Horizontal) for c in (1, 3)]
    assert headers == ["All videos", pillar]


def test_spend_per_channel_adds_up_to_the_ad_reports(tab: ConversionTab, demo_store: Store) -> None:
    show_month(tab)
    ledger = body(tab).ledger_view
    body(tab).views.setCurrentWidget(ledger)
    ledger.by.set_value("channel")
    assert not ledger.chart.isVisible()
    spent = dict(
        rows(
            demo_store,
            "SELECT channel, SUM(spend_cents) FROM ad_spend WHERE day >= '2026-10-01' "
            "AND day < '2026-11-01' AND currency = 'CNY' GROUP BY channel",
        )
    )
    model = ledger.model
    names = ledger.channel_names()
    shown = {
        model.value(r, "channel_name"): model.value(r, "spend_cents")
        for r in range(model.rowCount())
        if model.value(r, "currency") == "CNY"
    }
    assert shown == {names.get(c, c): cents for c, cents in spent.items()}
    ledger.by.set_value("video")
    assert ledger.chart.isVisible()
    assert model.column_of("title") == 0


def test_orders_per_video_list_only_the_matched_lines(
    tab: ConversionTab, demo_store: Store
) -> None:
    show_month(tab)
    view = body(tab).attribution_view
    body(tab).views.setCurrentWidget(view)
    view.by.set_value("video")
    month = "o.paid_at >= '2026-10-01' AND o.paid_at < '2026-11-01' AND NOT o.cancelled"
    ((matched,),) = rows(
        demo_store, f"SELECT COUNT(*) FROM order_lines o WHERE o.video_id IS NOT NULL AND {month}"
    )
    listed = sum(view.model.value(r, "orders") for r in range(view.model.rowCount()))
    assert listed == matched
    ((title, count),) = rows(
        demo_store,
        "SELECT v.title, COUNT(*) FROM order_lines o JOIN videos v ON v.id = o.video_id "
        f"WHERE {month} GROUP BY v.id ORDER BY 2 DESC LIMIT 1",
    )
    assert view.model.value(view.model.row_of("label", title), "orders") == count
    assert f"{matched:,} of" in view.match_label.text()
    ((materials, linked),) = rows(
        demo_store,
        "SELECT COUNT(DISTINCT material_key), COUNT(DISTINCT CASE WHEN video_id IS NOT NULL "
        "THEN material_key END) FROM ad_spend WHERE channel = 'qianchuan' "
        "AND day >= '2026-10-01' AND day < '2026-11-01'",
    )
    assert materials > 0
    assert "the one published closest to the material's creation time" in view.match_label.text()
    assert f"{linked:,} of {materials:,} materials matched a video" in view.match_label.text()


def test_the_tab_reads_on_a_worker_and_shows_it_is_busy(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    reader: Reader,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from app.services import conversion

    threads: list[str] = []
    original = conversion.load_conversion

    def spy(source: Reader) -> conversion.ConversionData:
        threads.append(threading.current_thread().name)
        return original(source)

    monkeypatch.setattr(conversion, "load_conversion", spy)
    page = ConversionTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.load(reader, TODAY)
        assert page.busy
        assert page.pages.currentIndex() == LOADING_PAGE
        assert page.loading_label.isVisible()
    assert threads
    assert threads[0] != threading.main_thread().name
    assert (page.busy, page.pages.currentIndex()) == (False, DATA_PAGE)
    shown = body(page).cards["orders_paid"].value.text()
    assert shown not in ("", "—")
    # Reading again keeps the figures in view, greyed out under a note, until the new ones come.
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.load(reader, TODAY)
        assert page.busy_label.isVisible()
        assert not body(page).isEnabled()
        assert body(page).cards["orders_paid"].value.text() == shown
    assert not page.busy_label.isVisible()
    assert body(page).isEnabled()
    assert len(threads) == 2
