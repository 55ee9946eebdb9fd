"""The Retention tab on the demo shop: build a campaign in the dialog, draw, export, send, and read
its result; the demo campaigns' results; churn, crisis, UGC and needs pages."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.analytics.retention import SegmentRule
from app.db import Reader, Store
from app.services import campaigns
from app.views.context import AppContext
from app.views.retention.retention_view import RetentionView
from app.views.tabs.retention_tab import DATA_PAGE, RetentionTab
from tests.conftest import TODAY
from tests.gui.store_sql import one, rows


@pytest.fixture
def reader(demo_store: Store) -> Iterator[Reader]:
    opened = demo_store.reader()
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader) -> RetentionTab:
    page = RetentionTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.resize(1280, 800)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.load(reader, TODAY)
    return page


def body(tab: RetentionTab) -> RetentionView:
    assert tab.body is not None
    return tab.body


def test_the_tab_opens_on_the_churn_list(tab: RetentionTab, reader: Reader) -> None:
    from app.services.retention import slipping_counts

    counts = slipping_counts(reader, TODAY)
    assert tab.pages.currentIndex() == DATA_PAGE
    assert tab.model.rowCount() == counts.total
    assert tab.cards["slipping"].value.text() == f"{counts.total:,}"
    assert tab.cards["valuable_slipping"].value.text() == f"{counts.valuable:,}"
    assert tab.cards["campaigns_sent"].value.text() == "2"
    days = [tab.model.value(r, "days_silent") for r in range(tab.model.rowCount())]
    assert min(days) >= 30
    assert f"{counts.total:,} customers are slipping" in body(tab).churn_view.summary.text()


def test_build_a_campaign_in_the_dialog_and_read_its_result(
    qtbot: QtBot, tab: RetentionTab, demo_store: Store, tmp_path: Path, reader: Reader
) -> None:
    view = body(tab).campaigns_view
    body(tab).views.setCurrentWidget(view)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None
    dialog.name.setText("老客回归")
    dialog.min_silent.setValue(45)
    dialog.platforms.set_selected(["douyin"])
    dialog.platforms.selection_changed.emit()
    expected = campaigns.segment_ids(
        reader, SegmentRule(min_days_silent=45, platforms=("douyin",)), TODAY
    )
    dialog.holdout.setValue(20)
    held = round(0.2 * len(expected))
    assert dialog.count_label.text() == (
        f"{len(expected):,} customers match · {len(expected) - held:,} get the message, "
        f"{held:,} held out"
    )
    dialog.template.setPlainText("{name}，好久不见，戳{link}")
    assert "Unknown placeholder {link}" in dialog.preview.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "Unknown placeholder {link}" in dialog.error_label.text()
    dialog.template.setPlainText("{name}，好久不见，回归券{coupon}")
    qtbot.keyClicks(dialog.coupon, "BACK45")
    assert "BACK45" in dialog.preview.text().splitlines()[0]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    (campaign_id,) = rows(demo_store, "SELECT id FROM campaigns WHERE name = '老客回归'")[0]
    assert view.selected_id() == campaign_id
    assert "draw the groups" in view.verdict.text()

    view.draw_groups()
    groups = dict(
        rows(
            demo_store,
            'SELECT "group", COUNT(*) FROM campaign_targets WHERE campaign_id = :id GROUP BY 1',
            id=campaign_id,
        )
    )
    assert groups == {"treatment": len(expected) - held, "control": held}
    assert view.export_button.isEnabled()
    path = tmp_path / "send.csv"
    assert view.export_send_list(path) == len(expected) - held
    with path.open(encoding="utf-8-sig", newline="") as file:
        exported = list(csv.DictReader(file))
    assert list(exported[0]) == [
        "Customer ID", "Name", "Phone", "Private channel", "Tier", "Last product", "Message"
    ]  # fmt: skip
    listed = {int(r["Customer ID"]) for r in exported}
    assert all(r["Message"].endswith("回归券BACK45") for r in exported)
    control = {
        cid
        for (cid,) in rows(
            demo_store,
            "SELECT customer_id FROM campaign_targets WHERE campaign_id = :id "
            "AND \"group\" = 'control'",
            id=campaign_id,
        )
    }
    assert listed.isdisjoint(control)

    view.mark_sent(datetime(2026, 11, 20, 10, 0))
    assert view.selected_id() == campaign_id
    result = campaigns.campaign_results(reader, campaign_id, TODAY)
    assert (
        view.result_labels["treatment"]
        .text()
        .endswith(f"({result.responders_treated:,}/{result.treated:,})")
    )
    assert (
        view.result_labels["control"].text().endswith(f"({result.responders_control:,}/{held:,})")
    )
    assert not view.edit_button.isEnabled()


def test_the_win_back_campaign_reads_its_uplift(tab: RetentionTab, demo_store: Store) -> None:
    view = body(tab).campaigns_view
    body(tab).views.setCurrentWidget(view)
    view.select_campaign(1)
    stats = dict(
        (group, (n, hits))
        for group, n, hits in rows(
            demo_store,
            'SELECT "group", COUNT(*), COUNT(responded_at) FROM campaign_targets '
            "WHERE campaign_id = 1 GROUP BY 1",
        )
    )
    (t_n, t_hits), (c_n, c_hits) = stats["treatment"], stats["control"]
    assert view.result_labels["treatment"].text() == f"{t_hits / t_n:.1%} ({t_hits}/{t_n})"
    assert view.result_labels["control"].text() == f"{c_hits / c_n:.1%} ({c_hits}/{c_n})"
    uplift = t_hits / t_n - c_hits / c_n
    assert view.result_labels["uplift"].text().startswith(f"{uplift:+.1%} (")
    assert view.result_labels["cost"].text() == "¥600.00"
    assert view.chart.figure is not None  # the uplift history of the two sent campaigns
    assert "%" in view.result_labels["roi"].text()


def test_win_them_back_opens_the_builder_on_the_silent(qtbot: QtBot, tab: RetentionTab) -> None:
    qtbot.mouseClick(body(tab).churn_view.win_back_button, Qt.MouseButton.LeftButton)
    dialog = body(tab).campaigns_view.dialog
    assert dialog is not None
    assert body(tab).views.currentWidget() is body(tab).campaigns_view
    assert dialog.min_silent.value() == 30
    assert dialog.goal.currentData() == "win_back"
    dialog.reject()


def test_crisis_alerts_move_forward(tab: RetentionTab, demo_store: Store) -> None:
    view = body(tab).crisis_view
    body(tab).views.setCurrentWidget(view)
    alerts = one(demo_store, "SELECT COUNT(*) FROM crisis_alerts")
    assert view.model.rowCount() == alerts
    assert body(tab).cards["open_alerts"].value.text() == f"{alerts:,}"
    assert view.chart.figure is not None
    view.table.selectRow(0)
    alert_id = view.selected_ids()[0]
    view.note_box.setText("拍了回应视频")
    opened = datetime.fromisoformat(
        str(one(demo_store, "SELECT opened_at FROM crisis_alerts WHERE id = :id", id=alert_id))
    )
    assert view.set_status("replied", opened.replace(hour=23, minute=30)) == 1
    status, note = rows(
        demo_store, "SELECT status, note FROM crisis_alerts WHERE id = :id", id=alert_id
    )[0]
    assert (status, note) == ("replied", "拍了回应视频")
    assert body(tab).cards["open_alerts"].value.text() == f"{alerts - 1:,}"
    row = view.model.row_of("id", alert_id)
    expected = (opened.replace(hour=23, minute=30) - opened).total_seconds() / 3600
    assert view.model.value(row, "hours_to_reply") == pytest.approx(expected)


def test_ugc_and_needs_pages(tab: RetentionTab, demo_store: Store) -> None:
    ugc = body(tab).ugc_view
    body(tab).views.setCurrentWidget(ugc)
    added = ugc.match_reviews()
    assert added > 0
    assert ugc.posts_model.rowCount() == added
    assert sum(
        ugc.summary_model.value(r, "posts") for r in range(ugc.summary_model.rowCount())
    ) == (added)
    needs = body(tab).needs_view
    body(tab).views.setCurrentWidget(needs)
    assert needs.model.rowCount() > 0
    before = one(demo_store, "SELECT COUNT(*) FROM plan_items")
    needs.table.selectRow(0)
    item_id = needs.add_idea()
    assert one(demo_store, "SELECT COUNT(*) FROM plan_items") == before + 1
    title = one(demo_store, "SELECT title FROM plan_items WHERE id = :id", id=item_id)
    assert needs.model.value(0, "term") in title


def test_warning_windows_per_tier_change_the_list(
    tab: RetentionTab, monkeypatch: pytest.MonkeyPatch, reader: Reader
) -> None:
    from app.services.retention import slipping_counts, warning_settings
    from app.views.retention import churn_view
    from app.views.retention.churn_view import WindowsDialog

    dialog = WindowsDialog(warning_settings(reader), ["VIP", "老客"])
    assert dialog.default_days.value() == 30
    assert dialog.tier_days["VIP"].text() == "Default"
    dialog.deleteLater()
    before = tab.model.rowCount()

    def accept(self: WindowsDialog) -> int:
        self.default_days.setValue(60)
        self.tier_days["老客"].setValue(20)
        return WindowsDialog.DialogCode.Accepted

    monkeypatch.setattr(churn_view.WindowsDialog, "exec", accept)
    body(tab).churn_view.windows_button.click()
    settings = warning_settings(reader)
    assert (settings.default_days, dict(settings.tier_days)) == (60, {"老客": 20})
    after = tab.model.rowCount()
    assert after == slipping_counts(reader, TODAY).total
    assert after != before
    windows = {tab.model.value(r, "window_days") for r in range(after)}
    assert windows <= {60, 20}
    assert "Per tier: 老客 20 days." in body(tab).churn_view.summary.text()


def test_copy_a_sent_campaign_into_a_new_draft(tab: RetentionTab, demo_store: Store) -> None:
    view = body(tab).campaigns_view
    body(tab).views.setCurrentWidget(view)
    view.select_campaign(1)
    assert not view.edit_button.isEnabled()
    view.copy_button.click()
    dialog = view.dialog
    assert dialog is not None
    assert dialog.name.text() == "沉睡老客唤回：¥20回归券 (copy)"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    original, copy = rows(
        demo_store,
        "SELECT segment_rule, message_template, coupon_code, status, holdout_seed "
        "FROM campaigns WHERE name LIKE '沉睡老客唤回%' ORDER BY id",
    )
    assert copy[:3] == original[:3]
    assert copy[3] == "draft"
    assert copy[4] > 0
    assert view.model.value(view.model.row_of("id", view.selected_id()), "status") == "draft"
