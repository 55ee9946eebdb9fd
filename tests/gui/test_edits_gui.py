"""Two people, one store, in the GUI: a stale save shows who changed the row and overwrites
nothing; the name set in Settings signs the edits; the change history lists them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

import pytest
import pytestqt.modeltest  # noqa: F401  # imported (and assert-rewritten) at collection time
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Store
from app.services import customers, plan
from app.services.plan import PlanItemRow
from app.services.store import open_store
from app.views.context import AppContext
from app.views.dialogs.conflict_box import ConflictBox
from app.views.dialogs.history_dialog import ChangeHistoryDialog
from app.views.dialogs.settings_dialog import SettingsDialog
from app.views.tabs.content_tab import ContentPlanTab
from app.views.tabs.customers_tab import CustomersTab
from tests.conftest import TODAY
from tests.query import fetch

CONFLICT = re.compile(
    r"Changed by 李娜 at \d\d:\d\d while you were editing\. Your changes were not saved\."
)


@pytest.fixture
def colleague(store: Store) -> Iterator[Store]:
    """李娜's app on the same store (this test's window is 王强's)."""
    store.user_name = "王强"
    other = open_store(store.url)
    other.user_name = "李娜"
    yield other
    other.dispose()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[ConflictBox]:
    """Conflict boxes shown (the user answers "Reload their version")."""
    shown: list[ConflictBox] = []

    def exec_box(box: QMessageBox) -> int:
        assert isinstance(box, ConflictBox)
        shown.append(box)
        box.reload_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


def open_plan(qtbot: QtBot, store: Store) -> ContentPlanTab:
    tab = ContentPlanTab()
    qtbot.addWidget(tab)
    tab.store = store
    tab._seeded = store  # no built-in structures: this test is about one item
    tab.resize(1400, 900)
    tab.show()
    tab.load(store.reader(), TODAY)
    return tab


def save(dialog: object) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # type: ignore[attr-defined]
    QApplication.processEvents()


def test_the_plan_editor_refuses_a_stale_save_and_reloads_their_version(
    qtbot: QtBot, context: AppContext, store: Store, colleague: Store, boxes: list[ConflictBox]
) -> None:
    item_id = plan.save_plan_item(colleague, PlanItemRow(title="春季新品开箱"))
    tab = open_plan(qtbot, store)
    dialog = tab.edit_item(item_id)
    assert dialog is not None
    assert dialog.stamp_label.text().startswith("Last changed by 李娜 at ")
    # 李娜 saves first, while 王强 has the editor open.
    loaded = tab.snapshot.item(item_id)
    plan.save_plan_item(colleague, replace(loaded, hook="先看效果对比"))
    dialog.title_edit.setText("王强的新标题")
    with qtbot.assertNotEmitted(tab.data_changed):
        save(dialog)
    (box,) = boxes
    assert CONFLICT.fullmatch(box.text())
    assert "王强的新标题" in box.detailedText()
    assert dialog.isVisible()
    stored = fetch(store, "SELECT title, hook FROM plan_items WHERE id = :id", {"id": item_id})
    assert stored == [("春季新品开箱", "先看效果对比")]  # nothing overwritten
    # The editor now shows 李娜's version; 王强 applies his change again and saves.
    assert dialog.hook_edit.text() == "先看效果对比"
    assert dialog.title_edit.text() == "春季新品开箱"
    assert dialog.errors["id"].isVisible()
    dialog.title_edit.setText("王强的新标题")
    with qtbot.waitSignal(tab.data_changed):
        save(dialog)
    stored = fetch(
        store, "SELECT title, hook, changed_by FROM plan_items WHERE id = :id", {"id": item_id}
    )
    assert stored == [("王强的新标题", "先看效果对比", "王强")]


def test_a_stale_board_drag_is_refused_and_the_board_reloads(
    qtbot: QtBot, context: AppContext, store: Store, colleague: Store, boxes: list[ConflictBox]
) -> None:
    item_id = plan.save_plan_item(colleague, PlanItemRow(title="开箱"))
    tab = open_plan(qtbot, store)
    plan.set_status(colleague, item_id, "shot", version=1)
    assert not tab.change_status(item_id, "scripted")
    assert len(boxes) == 1
    assert boxes[0].keep_button is None  # a drag has nothing to keep
    assert fetch(store, "SELECT status FROM plan_items")[0][0] == "shot"
    assert tab.snapshot.item(item_id).status == "shot"  # reloaded: their version
    assert tab.change_status(item_id, "edited")


@pytest.fixture
def customers_tab(qtbot: QtBot, context: AppContext, store: Store) -> CustomersTab:
    from tests.customer_store import add_customer, add_line

    cid = add_customer(store, "张**", "138****1234")
    add_line(store, cid, "2026-11-01 10:00:00", 9_900)
    page = CustomersTab()
    qtbot.addWidget(page)
    page.store = store
    page.resize(1440, 900)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.load(store.reader(), TODAY)
    return page


def test_customer_notes_refuse_a_stale_save(
    qtbot: QtBot,
    customers_tab: CustomersTab,
    store: Store,
    colleague: Store,
    boxes: list[ConflictBox],
) -> None:
    assert customers_tab.body is not None
    view = customers_tab.body.ledger_view
    view.table.selectRow(0)
    detail = view.detail
    cid = detail.customer_id
    assert cid is not None
    assert detail.stamp_label.text() == ""  # nobody changed it by hand yet
    customers.save_tags_and_note(colleague, cid, "宝妈", "周末回访", 1)
    detail.note_edit.setPlainText("王强的备注")
    assert not detail.save_tags_and_note()
    (box,) = boxes
    assert CONFLICT.fullmatch(box.text())
    assert "王强的备注" in box.detailedText()
    assert fetch(store, "SELECT tags, note FROM customers WHERE id = :id", {"id": cid}) == [
        ("宝妈", "周末回访")
    ]
    assert detail.note_edit.toPlainText() == "周末回访"  # their version, reloaded
    assert detail.tags_edit.text() == "宝妈"
    assert detail.stamp_label.text().startswith("Last changed by 李娜 at ")
    detail.note_edit.setPlainText("周末回访；王强已联系")
    assert detail.save_tags_and_note()
    assert fetch(store, "SELECT note, changed_by FROM customers WHERE id = :id", {"id": cid}) == [
        ("周末回访；王强已联系", "王强")
    ]


def test_the_settings_name_signs_the_edits(
    qtbot: QtBot, context: AppContext, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.db import default_user_name
    from app.views.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show_store(store)
    assert store.user_name == default_user_name()  # nothing set yet: the login name
    seen: list[str] = []

    def fake_exec(dialog: SettingsDialog) -> int:
        seen.append(dialog.user_name_edit.text())
        dialog.name_edit.setText("暖木家居")  # a profile the store accepts
        dialog.user_name_edit.setText("  李娜 ")
        return SettingsDialog.DialogCode.Accepted

    def no_box(*args: object) -> None:
        raise AssertionError(f"unexpected message: {args[2]}")

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "critical", no_box)
    window.edit_settings()
    assert seen == [default_user_name()]
    assert store.user_name == "李娜"
    plan.save_plan_item(store, PlanItemRow(title="开箱"))
    assert fetch(store, "SELECT changed_by FROM plan_items") == [("李娜",)]
    # The name is this computer's preference: a store opened later is signed with it too.
    other = open_store(store.url)
    window.show_store(other)
    assert other.user_name == "李娜"
    window.show_store(store)
    other.dispose()


def test_the_history_lists_edits_newest_first_and_filters(
    qtbot: QtBot, store: Store, colleague: Store
) -> None:
    item_id = plan.save_plan_item(colleague, PlanItemRow(title="春季新品开箱"))
    plan.set_status(store, item_id, "scripted", version=1)
    plan.move_plan_item(colleague, item_id, datetime(2026, 12, 2, 20), version=2)
    reader = store.reader()
    dialog = ChangeHistoryDialog(reader, TODAY)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 3
    texts = [[model.index(r, c).data() for c in range(5)] for r in range(3)]
    assert [t[1] for t in texts] == ["李娜", "王强", "李娜"]
    assert texts[0][2] == "Rescheduled · Plan item"
    assert texts[0][3] == "春季新品开箱"
    assert texts[0][4] == "Publish time: ∅ → 2026-12-02 20:00:00"
    assert texts[1][4] == "Status: Idea → Scripted"
    assert texts[2][2] == "Created · Plan item"
    assert dialog.count_label.text() == "3 changes"
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData("王强"))
    assert model.rowCount() == 1
    assert model.change(0).action == "status"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("campaigns"))
    assert model.rowCount() == 0
    reader.close()


def test_the_history_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, store: Store
) -> None:
    plan.save_plan_item(store, PlanItemRow(title="开箱"))
    reader = store.reader()
    dialog = ChangeHistoryDialog(reader, TODAY)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    reader.close()


def test_a_stale_tier_rule_save_shows_who_and_reloads(
    qtbot: QtBot, context: AppContext, demo_store: Store, boxes: list[ConflictBox]
) -> None:
    from app.services.tiers import list_rules, save_rules

    demo_store.user_name = "王强"
    colleague = open_store(demo_store.url)
    colleague.user_name = "李娜"
    page = CustomersTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.resize(1440, 900)
    page.show()
    reader = demo_store.reader()
    with qtbot.waitSignal(page.loaded):
        page.load(reader, TODAY)
    assert page.body is not None
    tiers = page.body.tiers_view
    page.body.views.setCurrentWidget(tiers)
    vip = [r.name for r in tiers.rules].index("VIP")
    theirs = list_rules(reader)
    theirs[vip] = replace(theirs[vip], gift="帆布袋")
    save_rules(colleague, theirs, TODAY)
    tiers.set_rule(vip, replace(tiers.rules[vip], discount_pct=15.0))
    assert not tiers.save()
    (box,) = boxes
    assert CONFLICT.fullmatch(box.text())
    assert "VIP" in box.detailedText()
    stored = fetch(demo_store, "SELECT gift, discount_pct FROM tier_rules WHERE name = 'VIP'")
    assert stored[0][0] == "帆布袋"
    assert stored[0][1] != 15.0
    assert tiers.rules[vip].gift == "帆布袋"  # their version, reloaded
    tiers.set_rule(vip, replace(tiers.rules[vip], discount_pct=15.0))
    assert tiers.save()
    stored = fetch(demo_store, "SELECT gift, discount_pct FROM tier_rules WHERE name = 'VIP'")
    assert stored == [("帆布袋", 15.0)]
    reader.close()
    colleague.dispose()


def test_a_stale_campaign_save_in_the_builder_reloads_their_version(
    qtbot: QtBot, context: AppContext, demo_store: Store, boxes: list[ConflictBox]
) -> None:
    from app.services import campaigns
    from app.services.customers import load_ledger
    from app.views.retention.campaign_dialog import CampaignDialog

    colleague = open_store(demo_store.url)
    colleague.user_name = "李娜"
    reader = demo_store.reader()
    history = campaigns.campaign_history(reader, TODAY)
    draft_id = int(history.loc[history["status"] == "draft", "id"].iloc[0])
    spec = campaigns.get_campaign(reader, draft_id)
    moment = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)
    dialog = CampaignDialog(demo_store, reader, load_ledger(reader, TODAY), moment, spec)
    qtbot.addWidget(dialog)
    dialog.show()
    campaigns.save_campaign(colleague, replace(spec, coupon_code="LINA10"))
    dialog.coupon.setText("WANG20")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    (box,) = boxes
    assert CONFLICT.fullmatch(box.text())
    assert dialog.isVisible()
    query = "SELECT coupon_code FROM campaigns WHERE id = :id"
    assert fetch(demo_store, query, {"id": draft_id}) == [("LINA10",)]
    assert dialog.coupon.text() == "LINA10"
    dialog.coupon.setText("WANG20")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert fetch(demo_store, query, {"id": draft_id}) == [("WANG20",)]
    reader.close()
    colleague.dispose()
