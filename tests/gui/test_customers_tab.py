"""The Customers tab on the demo shop: ledger, filters, private channels, merges and undo, RFM,
tier rules with their preview, private domain, LTV and cohorts, and export read back."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Reader, Store, StoreError
from app.services import privacy
from app.services.stats import Month, month_stats
from app.tasks import TaskRunner
from app.views.context import AppContext
from app.views.customers.customers_view import CustomersView
from app.views.customers.ledger_view import LedgerView
from app.views.tabs.customers_tab import DATA_PAGE, EMPTY_PAGE, CustomersTab
from tests.conftest import TODAY
from tests.gui.store_sql import execute, one, rows
from tests.query import fetch, scalar


@pytest.fixture
def reader(demo_store: Store) -> Iterator[Reader]:
    opened = demo_store.reader()
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader) -> CustomersTab:
    page = CustomersTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.resize(1440, 900)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.load(reader, TODAY)
    return page


def body(tab: CustomersTab) -> CustomersView:
    assert tab.body is not None
    return tab.body


def ledger(tab: CustomersTab) -> LedgerView:
    return body(tab).ledger_view


def shown_ids(view: LedgerView) -> list[int]:
    return [int(v) for v in view.model.visible_frame(["customer_id"])["customer_id"]]


# --- Ledger ---------------------------------------------------------------------------------------


def test_ledger_lists_every_root_customer_once_with_phones_masked(
    tab: CustomersTab, demo_store: Store
) -> None:
    roots = one(demo_store, "SELECT COUNT(*) FROM customers WHERE merged_into_id IS NULL")
    private = one(
        demo_store,
        "SELECT COUNT(*) FROM customers WHERE merged_into_id IS NULL AND private_channel != ''",
    )
    assert tab.pages.currentIndex() == DATA_PAGE
    assert tab.model.rowCount() == roots
    assert tab.cards["customers"].value.text() == f"{roots:,}"
    assert tab.cards["private_domain"].value.text() == f"{private:,}"
    assert tab.count_label.text() == f"{roots:,} customers"
    phones = [p for p in tab.model.visible_frame(["masked_phone"])["masked_phone"] if p]
    assert phones
    assert all("*" in p for p in phones)


def test_tier_filter_and_search_narrow_the_ledger(tab: CustomersTab, demo_store: Store) -> None:
    view = ledger(tab)
    tiers = dict(
        rows(
            demo_store,
            """SELECT tr.name, COUNT(*) FROM customer_tiers ct
               JOIN tier_rules tr ON tr.id = ct.tier_rule_id
               WHERE ct.id = (SELECT c2.id FROM customer_tiers c2
                              WHERE c2.customer_id = ct.customer_id
                              ORDER BY c2.assigned_at DESC, c2.id DESC LIMIT 1)
                 AND ct.customer_id IN (SELECT id FROM customers WHERE merged_into_id IS NULL)
               GROUP BY tr.name""",
        )
    )
    assert "VIP" in tiers
    view.tiers.set_selected(["VIP"])
    assert view.model.rowCount() == tiers["VIP"]
    assert set(view.model.visible_frame(["tier"])["tier"]) == {"VIP"}
    assert view.count_label.text().startswith(f"{tiers['VIP']:,} of ")
    name = str(view.model.value(0, "display_name"))
    view.filter_box.setText(name)
    assert 1 <= view.model.rowCount() <= tiers["VIP"]
    assert all(name in str(n) for n in view.model.visible_frame(["display_name"])["display_name"])


def test_detail_panel_shows_the_customers_orders_across_platforms(
    tab: CustomersTab, demo_store: Store
) -> None:
    view = ledger(tab)
    view.table.selectRow(0)
    customer = int(view.model.value(0, "customer_id"))
    orders = one(
        demo_store,
        """SELECT COUNT(DISTINCT platform || order_no) FROM order_lines
           WHERE customer_id IN (SELECT id FROM customers WHERE id = :id OR merged_into_id = :id)
             AND paid_at IS NOT NULL AND NOT cancelled""",
        id=customer,
    )
    assert view.detail.customer_id == customer
    assert view.detail.title.text() == str(view.model.value(0, "display_name"))
    assert view.detail.facts["paid_orders"].text() == f"{orders:,}"
    assert view.detail.orders.frame()["order_no"].nunique() >= orders


def test_tags_and_note_are_saved_to_the_store(tab: CustomersTab, demo_store: Store) -> None:
    view = ledger(tab)
    view.table.selectRow(0)
    customer = view.current_customer_id()
    view.detail.tags_edit.setText(" 宝妈 , 回头客,宝妈 ")
    view.detail.note_edit.setPlainText("喜欢洗脸巾")
    view.detail.save_tags_and_note()
    assert rows(demo_store, "SELECT tags, note FROM customers WHERE id = :id", id=customer) == [
        ("宝妈, 回头客", "喜欢洗脸巾")
    ]
    assert ledger(tab).current_customer_id() == customer
    assert "回头客" in ledger(tab).tags.options()


def test_marking_two_customers_private_writes_the_store_and_the_figure(
    tab: CustomersTab, demo_store: Store, qtbot: QtBot
) -> None:
    view = ledger(tab)
    view.channels.set_selected([""])  # only customers not in a private channel yet
    ids = shown_ids(view)[:2]
    before = one(demo_store, "SELECT COUNT(*) FROM customers WHERE private_channel != ''")
    assert view.select_customers(ids) == 2
    with qtbot.waitSignal(tab.data_changed):
        assert view.mark_private("wecom") == 2
    assert (
        rows(
            demo_store,
            "SELECT private_channel, private_since FROM customers WHERE id IN (:a, :b)",
            a=ids[0],
            b=ids[1],
        )
        == [("wecom", TODAY.isoformat())] * 2
    )
    assert tab.cards["private_domain"].value.text() == f"{before + 2:,}"


# --- Merges ---------------------------------------------------------------------------------------


def test_merging_two_customers_and_undoing_it(
    tab: CustomersTab, demo_store: Store, qtbot: QtBot
) -> None:
    view = ledger(tab)
    total = view.model.rowCount()
    ids = shown_ids(view)[-2:]  # two small buyers
    orders = {
        cid: one(
            demo_store,
            """SELECT COUNT(DISTINCT platform || order_no) FROM order_lines
               WHERE customer_id = :id AND paid_at IS NOT NULL AND NOT cancelled""",
            id=cid,
        )
        for cid in ids
    }
    view.select_customers(ids)
    with qtbot.waitSignal(tab.data_changed):
        merge_id = view.merge_selected()
    assert merge_id is not None
    survivor, merged = rows(
        demo_store, "SELECT survivor_id, merged_id FROM customer_merges WHERE id = :id", id=merge_id
    )[0]
    assert {survivor, merged} == set(ids)
    assert (
        one(demo_store, "SELECT merged_into_id FROM customers WHERE id = :id", id=merged)
        == survivor
    )
    assert view.model.rowCount() == total - 1
    assert view.model.row_of("customer_id", merged) == -1
    row = view.model.row_of("customer_id", survivor)
    assert view.model.value(row, "paid_orders") == sum(orders.values())

    merges = body(tab).merges_view
    body(tab).views.setCurrentWidget(merges)
    history_row = merges.history.row_of("id", merge_id)
    assert history_row >= 0
    # The store keeps a code; the table says it in the UI language.
    assert (
        one(demo_store, "SELECT reason FROM customer_merges WHERE id = :id", id=merge_id)
        == "manual"
    )
    assert merges.history.value(history_row, "reason_text") == "Merged by hand"
    merges.history_table.selectRow(history_row)
    assert merges.undo_button.isEnabled()
    with qtbot.waitSignal(tab.data_changed):
        assert merges.undo_selected()
    assert one(demo_store, "SELECT merged_into_id FROM customers WHERE id = :id", id=merged) is None
    assert one(
        demo_store, "SELECT undone_at IS NOT NULL FROM customer_merges WHERE id = :id", id=merge_id
    )
    history_row = merges.history.row_of("id", merge_id)
    assert merges.history.value(history_row, "status_text") == "Undone"
    body(tab).views.setCurrentWidget(view)  # pages redraw when shown
    assert view.model.rowCount() == total


def test_a_failed_merge_says_why_and_changes_nothing(
    tab: CustomersTab, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = ledger(tab)
    before = one(demo_store, "SELECT COUNT(*) FROM customer_merges")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    view.select_customers(shown_ids(view)[:1])
    assert view.merge_selected() is None  # one customer is not a pair
    assert not view.merge_button.isEnabled()
    assert one(demo_store, "SELECT COUNT(*) FROM customer_merges") == before


def test_accepting_and_rejecting_suggestions(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    # Two buyers show up again under the same name and masked phone (e.g. from a 有赞 list).
    originals = [
        cid
        for (cid,) in rows(
            demo_store,
            "SELECT id FROM customers WHERE merged_into_id IS NULL AND masked_phone != '' "
            "ORDER BY id LIMIT 2",
        )
    ]
    for cid in originals:
        execute(
            demo_store,
            "INSERT INTO customers (display_name, masked_phone, region, note, "
            "private_channel, tags, created) SELECT display_name, masked_phone, region, '', "
            "'', '', created FROM customers WHERE id = :id",
            id=cid,
        )
    reader = demo_store.reader()
    page = CustomersTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.load(reader, TODAY)
    view = body(page)
    merges = view.merges_view
    view.views.setCurrentWidget(merges)
    pairs = merges.suggestions.visible_frame(["a_id", "b_id"])
    suggested = len(pairs)
    assert set(originals) <= set(pairs["a_id"]) | set(pairs["b_id"])
    assert merges.suggestion_count.text() == f"{suggested:,} pairs to check"
    first = merges.suggestions.row_values(0)
    merges.suggestion_table.selectRow(0)
    with qtbot.waitSignal(view.data_changed):
        assert merges.accept_selected() == 1
    assert (
        one(demo_store, "SELECT merged_into_id FROM customers WHERE id = :id", id=first["b_id"])
        == first["a_id"]
    )
    assert merges.suggestions.rowCount() == suggested - 1
    assert merges.history.value(0, "kind_text") == "Merge"
    assert suggested >= 2  # one merged above, one to reject and bring back
    second = merges.suggestions.row_values(0)
    merges.suggestion_table.selectRow(0)
    assert merges.reject_selected() == 1
    pair = (min(second["a_id"], second["b_id"]), max(second["a_id"], second["b_id"]))
    assert rows(
        demo_store,
        "SELECT customer_a_id, customer_b_id FROM customer_merge_rejections",
    ) == [pair]
    assert merges.suggestions.rowCount() == suggested - 2
    # The rejected pair is listed, and "Suggest again" puts it back among the suggestions.
    assert merges.rejected.rowCount() == 1
    listed = merges.rejected.row_values(0)
    assert (listed["a_id"], listed["b_id"]) == pair
    assert (listed["a_name"], listed["b_name"]) == (second["a_name"], second["b_name"])
    assert "*" in listed["masked_phone"]
    assert not merges.suggest_again_button.isEnabled()
    merges.rejected_table.selectRow(0)
    assert merges.suggest_again_button.isEnabled()
    with qtbot.waitSignal(view.data_changed):
        assert merges.suggest_again_selected() == 1
    assert rows(demo_store, "SELECT * FROM customer_merge_rejections") == []
    assert merges.rejected.rowCount() == 0
    assert merges.suggestions.rowCount() == suggested - 1
    back = merges.suggestions.visible_frame(["a_id", "b_id"])
    assert pair in set(zip(back["a_id"], back["b_id"], strict=True))
    reader.close()


# --- RFM ------------------------------------------------------------------------------------------


def test_rfm_grid_counts_are_the_cores_and_a_cell_filters_the_ledger(
    tab: CustomersTab, reader: Reader
) -> None:
    from app.analytics.rfm import rfm_grid, score_rfm
    from app.services.customers import load_ledger, rfm_settings

    rfm = body(tab).rfm_view
    body(tab).views.setCurrentWidget(rfm)
    scored = score_rfm(load_ledger(reader, TODAY), rfm_settings(reader))
    core = rfm_grid(scored).groupby(["r_score", "f_score"])["customers"].sum()
    assert rfm.grid.rowCount() == 5
    assert rfm.grid.columnCount() == 5
    shown = {
        (int(rfm.grid.row_key(r)), int(rfm.grid.column_key(c))): int(rfm.grid.value(r, c))
        for r in range(5)
        for c in range(5)
    }
    assert {k: v for k, v in shown.items() if v} == {k: int(v) for k, v in core.items()}
    assert sum(shown.values()) == len(scored)
    (r, f), count = max(shown.items(), key=lambda item: item[1])
    index = rfm.grid.index(rfm.grid.row_of(r), rfm.grid.column_of(f))
    rfm.grid_table.clicked.emit(index)
    view = ledger(tab)
    assert body(tab).views.currentWidget() is view
    assert view.model.rowCount() == count
    assert view.ids_note.isVisible()
    view.clear_ids()
    assert view.model.rowCount() == len(view.frame)


def test_rfm_threshold_mode_uses_the_thresholds_typed(tab: CustomersTab) -> None:
    rfm = body(tab).rfm_view
    body(tab).views.setCurrentWidget(rfm)
    rfm.mode.setCurrentIndex(rfm.mode.findData("threshold"))
    rfm.orders_edit.setText("2, 3, 4, 5")
    rfm.orders_edit.editingFinished.emit()
    frequency = rfm.scored.set_index("customer_id")
    expected = frequency["frequency"].clip(upper=5).clip(lower=1)
    assert (frequency["f_score"] == expected).all()
    rfm.orders_edit.setText("5, 3")
    with pytest.raises(ValueError, match="four"):
        rfm.settings()


# --- Tiers ----------------------------------------------------------------------------------------


def test_editing_a_tier_rule_previews_then_saves_the_move(
    tab: CustomersTab, demo_store: Store, reader: Reader, qtbot: QtBot
) -> None:
    from app.services.tiers import preview_rules

    tiers = body(tab).tiers_view
    body(tab).views.setCurrentWidget(tiers)
    names = [r.name for r in tiers.rules]
    vip = names.index("VIP")
    before = ledger(tab).frame.set_index("customer_id")["tier"].copy()
    tier_rows = one(demo_store, "SELECT COUNT(*) FROM customer_tiers")
    assert not tiers.save_button.isEnabled()

    tiers.set_rule(vip, replace(tiers.rules[vip], min_orders=3, min_spend_cents=None))
    expected = preview_rules(reader, tiers.rules, TODAY)
    moved = int(expected["customers"].sum())
    assert moved > 0
    assert tiers.preview.rowCount() == len(expected)
    assert f"{moved:,}" in tiers.preview_note.text()
    assert tiers.save_button.isEnabled()

    with qtbot.waitSignal(tab.data_changed):
        assert tiers.save()
    body(tab).views.setCurrentWidget(ledger(tab))
    after = ledger(tab).frame.set_index("customer_id")["tier"]
    changed = (before.reindex(after.index).fillna("") != after).sum()
    # The preview says what saving does: a customer no rule fits keeps its tier.
    assert (expected["to_tier"] != "").all()
    assert changed == moved
    assert one(demo_store, "SELECT COUNT(*) FROM customer_tiers") == tier_rows + moved
    assert one(demo_store, "SELECT min_orders FROM tier_rules WHERE name = 'VIP'") == 3
    frame = ledger(tab).frame
    assert (frame.loc[frame["tier"] == "VIP", "paid_orders"] >= 3).all()
    assert not tiers.is_dirty()


def test_reordering_and_removing_rules_stay_a_draft_until_saved(
    tab: CustomersTab, demo_store: Store
) -> None:
    tiers = body(tab).tiers_view
    body(tab).views.setCurrentWidget(tiers)
    stored = rows(demo_store, "SELECT name FROM tier_rules WHERE active ORDER BY position")
    tiers.rules_table.selectRow(1)
    tiers.move_rule(-1)
    assert tiers.rules_model.value(0, "name") == stored[1][0]
    tiers.remove_rule(0)
    assert tiers.rules_model.rowCount() == len(stored) - 1
    assert tiers.is_dirty()
    assert tiers.revert_button.isEnabled()
    assert rows(demo_store, "SELECT name FROM tier_rules WHERE active ORDER BY position") == stored
    tiers.revert()
    assert [tiers.rules_model.value(r, "name") for r in range(len(stored))] == [
        n for (n,) in stored
    ]


def test_tier_movement_table_matches_the_core(tab: CustomersTab, reader: Reader) -> None:
    from app.services.tiers import tier_movement
    from app.views.customers.tier_movement import CHART_KINDS

    tiers = body(tab).tiers_view
    body(tab).views.setCurrentWidget(tiers)
    moves = tier_movement(reader, TODAY, 6)
    if moves.empty:
        pytest.skip("no tier movement in the demo shop")
    panel = tiers.movement
    month = panel.month.currentData()
    expected = int(moves.loc[moves["month"] == month, "customers"].sum())
    model = panel.movement
    shown = sum(
        int(model.value(r, c) or 0)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )
    assert shown == expected
    assert panel.chart.figure is not None
    # The bars: moved up (or back from a silence tier), slipped (or down), new in a tier.
    kinds = panel.kinds_by_month()
    for column in ("up", "down", "new"):
        directions = [d for d, kind in CHART_KINDS.items() if kind == column]
        mine = moves[moves["direction"].isin(directions)].groupby("month")["customers"].sum()
        assert kinds[column].to_dict() == mine.reindex(kinds.index, fill_value=0).to_dict()
    assert kinds.loc[month].sum() > 0


# --- Private domain, LTV --------------------------------------------------------------------------


def test_private_domain_and_ltv_views_show_the_ledger(tab: CustomersTab) -> None:
    private = body(tab).private_view
    body(tab).views.setCurrentWidget(private)
    frame = ledger(tab).frame
    in_private = int((frame["private_channel"] != "").sum())
    assert int(private.by_tier.frame()["private"].sum()) <= in_private
    assert f"{in_private:,}" in private.summary.text() or private.by_tier.rowCount()
    ltv = body(tab).ltv_view
    body(tab).views.setCurrentWidget(ltv)
    assert ltv.ltv.rowCount() > 0
    assert ltv.cohorts.rowCount() > 0
    assert ltv.cohorts.columnCount() > 0
    ltv.cohort_value.set_value("revenue")
    assert ltv.cohorts.rowCount() > 0


# --- Export ---------------------------------------------------------------------------------------


def test_export_of_a_tier_reads_back_masked_and_formula_safe(
    qtbot: QtBot, context: AppContext, demo_store: Store, tmp_path: Path
) -> None:
    execute(
        demo_store,
        "UPDATE customers SET display_name = '=HYPERLINK(\"x\")' WHERE id = "
        "(SELECT MIN(id) FROM customers WHERE merged_into_id IS NULL)",
    )
    reader = demo_store.reader()
    page = CustomersTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.load(reader, TODAY)
    view = page.body.ledger_view  # type: ignore[union-attr]
    tier = str(view.model.value(0, "tier"))
    view.tiers.set_selected([tier])
    expected = view.model.rowCount()
    target = tmp_path / "vip.csv"
    with qtbot.waitSignal(view.exported, timeout=10_000):
        view.start_export(target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert len(records) == expected
    assert {r["Tier"] for r in records} == {tier}
    phones = [r["Phone"] for r in records if r["Phone"]]
    assert phones
    assert all("*" in p for p in phones)
    view.tiers.set_selected([])
    view.filter_box.setText("HYPERLINK")
    workbook_path = tmp_path / "one.xlsx"
    with qtbot.waitSignal(view.exported, timeout=10_000):
        view.start_export(workbook_path)
    from openpyxl import load_workbook

    sheet = load_workbook(workbook_path).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Customer") + 1)
    assert cell.data_type == "s"
    assert str(cell.value).endswith('=HYPERLINK("x")')
    reader.close()


def test_an_empty_store_shows_the_hint(qtbot: QtBot, context: AppContext, store: Store) -> None:
    reader = store.reader()
    page = CustomersTab()
    qtbot.addWidget(page)
    page.load(reader, TODAY)
    assert page.pages.currentIndex() == EMPTY_PAGE
    reader.close()


def test_importing_a_list_marks_the_customers_it_names(
    tab: CustomersTab, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picked = rows(
        demo_store,
        """SELECT c.id, MIN(o.order_no) FROM customers c JOIN order_lines o ON o.customer_id = c.id
           WHERE c.private_channel = '' GROUP BY c.id ORDER BY c.id LIMIT 2""",
    )
    listing = tmp_path / "wecom.csv"
    listing.write_text("\n".join([picked[0][1], picked[1][1], "no such order"]), encoding="utf-8")
    notes: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: notes.append(text))
    result = ledger(tab).import_list(listing, "group")
    assert result is not None
    assert (result.matched, len(result.unmatched)) == (2, 1)
    assert "3: no such order" in notes[0]
    ids = [cid for cid, _order in picked]
    assert rows(
        demo_store,
        "SELECT DISTINCT private_channel FROM customers WHERE id IN (:a, :b)",
        a=ids[0],
        b=ids[1],
    ) == [("group",)]
    view = ledger(tab)
    view.channels.set_selected(["group"])
    assert set(ids) <= set(shown_ids(view))


def test_splitting_an_identity_off_and_undoing_it(
    tab: CustomersTab, demo_store: Store, qtbot: QtBot
) -> None:
    view = ledger(tab)
    several = view.frame.loc[view.frame["identities"] >= 2, "customer_id"]
    customer = int(several.iloc[0])
    view.select_customers([customer])
    detail = view.detail
    assert detail.customer_id == customer
    assert detail.identities.rowCount() >= 2
    detail.identity_table.selectRow(detail.identities.rowCount() - 1)
    moved = detail.selected_identity_ids()
    with qtbot.waitSignal(tab.data_changed):
        split_id = detail.split_selected()
    assert split_id is not None
    new_customer = one(
        demo_store, "SELECT merged_id FROM customer_merges WHERE id = :id", id=split_id
    )
    assert one(
        demo_store, "SELECT customer_id FROM customer_identities WHERE id = :id", id=moved[0]
    ) == (new_customer)
    assert view.model.row_of("customer_id", new_customer) >= 0

    merges = body(tab).merges_view
    body(tab).views.setCurrentWidget(merges)
    row = merges.history.row_of("id", split_id)
    assert merges.history.value(row, "kind_text") == "Split"
    merges.history_table.selectRow(row)
    with qtbot.waitSignal(tab.data_changed):
        assert merges.undo_selected()
    assert one(
        demo_store, "SELECT customer_id FROM customer_identities WHERE id = :id", id=moved[0]
    ) == (customer)


def test_the_rule_dialog_reads_and_writes_every_field(qtbot: QtBot, context: AppContext) -> None:
    from app.analytics.tiers import TierRuleSpec
    from app.views.customers.tier_rule_dialog import TierRuleDialog

    rule = TierRuleSpec(
        name="VIP",
        id=3,
        position=3,
        min_orders=5,
        min_spend_cents=300_000,
        match_any=True,
        discount_pct=12.0,
        gift="枕套",
    )
    dialog = TierRuleDialog(rule)
    qtbot.addWidget(dialog)
    assert dialog.rule() == rule  # opened and closed unchanged
    dialog.min_orders.setValue(0)  # 0 leaves the condition unset
    dialog.top_share.setValue(10)
    dialog.silent.setValue(45)
    dialog.channel.setCurrentIndex(dialog.channel.findData("wecom"))
    dialog.priority.setChecked(True)
    dialog.note.setText("生日礼")
    edited = dialog.rule()
    assert edited.id == 3
    assert edited.min_orders is None
    assert edited.min_spend_cents == 300_000
    assert edited.top_share == pytest.approx(0.10)
    assert edited.silent_days == 45
    assert edited.channel == "wecom"
    assert edited.priority_shipping
    assert edited.benefit_note == "生日礼"


def test_rfm_as_of_an_earlier_day_scores_the_buyers_of_then(
    tab: CustomersTab, demo_store: Store
) -> None:
    from PySide6.QtCore import QDate

    rfm = body(tab).rfm_view
    body(tab).views.setCurrentWidget(rfm)
    rfm.as_of.setDate(QDate(2026, 10, 31))
    buyers = one(
        demo_store,
        """SELECT COUNT(DISTINCT customer_id) FROM order_lines
           WHERE paid_at IS NOT NULL AND NOT cancelled AND paid_at < '2026-11-01'""",
    )
    assert len(rfm.scored) == buyers
    assert sum(rfm.grid_count(r, f) for r in range(1, 6) for f in range(1, 6)) == buyers
    assert f"{buyers:,}" in rfm.mode_note.text()


def test_ltv_and_cohort_figures_are_the_cores(tab: CustomersTab, reader: Reader) -> None:
    from app.analytics.cohorts import ltv_by
    from app.services.customers import cohort_table, load_ledger

    ltv = body(tab).ltv_view
    body(tab).views.setCurrentWidget(ltv)
    ltv.dimension.setCurrentIndex(ltv.dimension.findData("first_platform"))
    core = ltv_by(load_ledger(reader, TODAY), "first_platform")
    shown = ltv.ltv.frame()
    assert list(shown["ltv_cents"]) == list(core["ltv_cents"])
    assert {"Douyin · CNY", "TikTok · USD"} <= set(shown["value_name"])
    cohorts = cohort_table(reader, TODAY)
    later = cohorts[cohorts["months_since"] == 1]
    for cohort, cells in later.groupby("cohort"):
        row, column = ltv.cohorts.row_of(cohort), ltv.cohorts.column_of(1)
        expected = cells["buyers"].sum() / cells["cohort_size"].sum()
        assert ltv.cohorts.value(row, column) == pytest.approx(expected)
    assert ltv.cohort_chart.figure is not None


def test_exporting_the_selection_writes_only_those_customers(
    tab: CustomersTab, tmp_path: Path, qtbot: QtBot
) -> None:
    view = ledger(tab)
    ids = shown_ids(view)[3:6]
    view.select_customers(ids)
    target = tmp_path / "three.csv"
    with qtbot.waitSignal(view.exported, timeout=10_000):
        view.start_export(target, selected_only=True)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert sorted(int(r["Customer ID"]) for r in records) == sorted(ids)


def test_show_customers_of_a_tier_and_a_draft_survives_a_reload(tab: CustomersTab) -> None:
    tiers = body(tab).tiers_view
    body(tab).views.setCurrentWidget(tiers)
    vip = [r.name for r in tiers.rules].index("VIP")
    tiers.rules_table.selectRow(vip)
    now = tiers.rules_model.value(vip, "customers")
    tiers.show_button.click()
    view = ledger(tab)
    assert body(tab).views.currentWidget() is view
    assert view.tiers.selected() == ("VIP",)
    assert view.model.rowCount() == now
    assert view.tiers.options()[: len(tiers.rules)] == [
        r.name for r in tiers.rules if r.name in view.tiers.options()
    ]

    tiers.set_rule(vip, replace(tiers.rules[vip], gift="新礼品"))
    body(tab).reload()  # another page wrote: the rules are read again
    body(tab).views.setCurrentWidget(tiers)
    assert tiers.is_dirty()
    assert tiers.rules[vip].gift == "新礼品"


def test_saving_the_rfm_settings_makes_them_the_ledgers(
    tab: CustomersTab, reader: Reader, qtbot: QtBot
) -> None:
    from app.services.customers import rfm_settings

    rfm = body(tab).rfm_view
    body(tab).views.setCurrentWidget(rfm)
    rfm.mode.setCurrentIndex(rfm.mode.findData("threshold"))
    rfm.recency_edit.setText("7, 14, 30, 60")
    with qtbot.waitSignal(tab.data_changed):
        assert rfm.save_settings()
    saved = rfm_settings(reader)
    assert saved.mode == "threshold"
    assert saved.thresholds.recency_days == (7, 14, 30, 60)
    body(tab).views.setCurrentWidget(ledger(tab))
    frame = ledger(tab).frame
    buyers = frame[frame["paid_orders"] > 0]
    expected = 1 + sum((buyers["recency_days"] <= cut).astype(int) for cut in (7, 14, 30, 60))
    assert (buyers["r_score"].astype(int) == expected).all()


def test_a_shop_without_rules_starts_from_the_default_tiers(
    qtbot: QtBot, context: AppContext, demo_store: Store
) -> None:
    execute(demo_store, "DELETE FROM customer_tiers", "DELETE FROM tier_rules")
    reader = demo_store.reader()
    page = CustomersTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.show()
    page.load(reader, TODAY)
    view = body(page)
    tiers = view.tiers_view
    view.views.setCurrentWidget(tiers)
    assert tiers.rules_model.rowCount() == 0
    assert tiers.defaults_button.isVisible()
    assert tiers.defaults_button.isEnabled()
    tiers.defaults_button.click()
    names = [tiers.rules_model.value(r, "name") for r in range(tiers.rules_model.rowCount())]
    assert names == ["已流失", "流失预警", "VIP", "高价值", "老客", "新客"]
    assert not tiers.defaults_button.isVisible()
    moved = int(tiers.preview.frame()["customers"].sum())
    assert set(tiers.preview.frame()["from_tier"]) == {""}  # nobody had a tier
    with qtbot.waitSignal(view.data_changed):
        assert tiers.save()
    assert one(demo_store, "SELECT COUNT(*) FROM customer_tiers") == moved
    assert one(demo_store, "SELECT COUNT(*) FROM tier_rules") == 6
    reader.close()


# --- Erasing a customer (the right to be forgotten) ---------------------------------------------


def test_erasing_a_customer_keeps_the_figures_and_records_who(
    tab: CustomersTab,
    demo_store: Store,
    reader: Reader,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    demo_store.user_name = "李娜"
    assert tab.body is not None
    view = tab.body.ledger_view
    view.table.selectRow(0)
    customer = view.current_customer_id()
    detail = view.detail
    assert detail.forget_button.isEnabled()
    october = month_stats(reader, Month.parse("2026-10"))
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(detail.status_reported) as reported:
        detail.forget_button.click()

    assert "cannot be undone" in asked[0]
    cluster = "SELECT id FROM customers WHERE id = :c OR merged_into_id = :c"
    personal = fetch(
        demo_store,
        f"SELECT display_name, masked_phone, region, note FROM customers WHERE id IN ({cluster})",
        {"c": customer},
    )
    assert personal
    assert set(personal) == {("", "", "", "")}
    assert (
        scalar(
            demo_store,
            f"SELECT COUNT(*) FROM customer_identities WHERE customer_id IN ({cluster})",
            {"c": customer},
        )
        == 0
    )
    logged = fetch(
        demo_store,
        "SELECT user_name, action FROM change_log WHERE table_name = 'customers' AND row_id = :c",
        {"c": customer},
    )
    assert ("李娜", "forget") in logged
    assert "anonymous" in reported.args[0]
    fresh = demo_store.reader()
    try:
        assert month_stats(fresh, Month.parse("2026-10")) == october
    finally:
        fresh.close()


def test_cancelling_the_question_erases_nothing(
    tab: CustomersTab, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert tab.body is not None
    view = tab.body.ledger_view
    view.table.selectRow(0)
    customer = view.current_customer_id()
    before = fetch(demo_store, "SELECT * FROM customers WHERE id = :c", {"c": customer})
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Cancel)
    view.detail.forget_button.click()
    assert fetch(demo_store, "SELECT * FROM customers WHERE id = :c", {"c": customer}) == before


@pytest.fixture
def worker_tab(tab: CustomersTab, reader: Reader, qtbot: QtBot) -> Iterator[CustomersTab]:
    """The tab with the window's store worker, first customer selected."""
    runner = TaskRunner()
    tab.runner = runner
    with qtbot.waitSignal(tab.loaded):
        tab.load(reader, TODAY)  # the data now carries the worker
    ledger(tab).table.selectRow(0)
    yield tab
    runner.shutdown()


def test_the_erasure_runs_on_the_store_worker_and_the_button_says_so(
    worker_tab: CustomersTab, demo_store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = ledger(worker_tab)
    customer = view.current_customer_id()
    detail = view.detail
    threads: list[str] = []
    original = privacy.forget_customer_in

    def forget(store: Store, customer_id: int) -> privacy.Forgotten:
        threads.append(threading.current_thread().name)
        return original(store, customer_id)

    monkeypatch.setattr(privacy, "forget_customer_in", forget)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    said: list[str] = []
    detail.status_reported.connect(said.append)

    detail.forget_button.click()
    assert not detail.forget_button.isEnabled()  # working: not twice at once
    assert detail.forget_button.text() == "Erasing…"
    qtbot.waitUntil(lambda: any("anonymous" in message for message in said), timeout=20_000)

    assert len(threads) == 1
    assert threads[0].startswith("shopreel-task")
    assert said[0].startswith("Erasing the personal data of")
    assert detail.forget_button.text() == "Erase personal data…"
    name = scalar(demo_store, "SELECT display_name FROM customers WHERE id = :c", {"c": customer})
    assert name == ""


def test_an_erasure_the_store_refuses_says_why_and_frees_the_button(
    worker_tab: CustomersTab, demo_store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = ledger(worker_tab)
    customer = view.current_customer_id()
    before = fetch(demo_store, "SELECT * FROM customers WHERE id = :c", {"c": customer})

    def refuse(_store: Store, _customer_id: int) -> None:
        raise StoreError("The store is read-only.")

    monkeypatch.setattr(privacy, "forget_customer_in", refuse)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))

    view.detail.forget_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)

    assert "read-only" in warned[0]
    assert view.detail.forget_button.isEnabled()
    assert view.detail.forget_button.text() == "Erase personal data…"
    assert fetch(demo_store, "SELECT * FROM customers WHERE id = :c", {"c": customer}) == before
