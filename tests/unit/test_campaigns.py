"""Campaigns on the demo shop: reproducible groups, measured uplift, the send list, the workflow."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import DateTime, bindparam, text

from app.analytics.retention import SegmentRule, draw_holdout
from app.db import Store
from app.services import campaigns
from app.services.campaigns import CampaignError, CampaignSpec
from tests.conftest import TODAY
from tests.dump import logical_dump
from tests.query import fetch as rows


def groups_of(store: Store, campaign_id: int) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {"treatment": [], "control": []}
    for cid, group in rows(
        store,
        'SELECT customer_id, "group" FROM campaign_targets WHERE campaign_id = :id ORDER BY 1',
        {"id": campaign_id},
    ):
        found[group].append(cid)
    return found


def test_the_demo_draft_draws_its_groups_from_its_seed(demo_store: Store) -> None:
    ((draft_id, share, seed),) = rows(
        demo_store, "SELECT id, holdout_share, holdout_seed FROM campaigns WHERE status = 'draft'"
    )
    groups = campaigns.draw_targets(demo_store, draft_id, TODAY)
    stored = groups_of(demo_store, draft_id)
    assert stored == {"treatment": list(groups.treatment), "control": list(groups.control)}
    everyone = sorted(stored["treatment"] + stored["control"])
    private = rows(
        demo_store,
        "SELECT id FROM customers WHERE private_channel != '' AND merged_into_id IS NULL "
        "AND id IN (SELECT customer_id FROM order_lines WHERE paid_at IS NOT NULL) ORDER BY id",
    )
    assert everyone == [cid for (cid,) in private]
    assert len(groups.control) == round(share * len(everyone))
    assert draw_holdout(reversed(everyone), share, seed) == groups


def test_demo_results_match_the_recorded_responses(demo_store: Store) -> None:
    reader = demo_store.reader()
    history = campaigns.campaign_history(reader, TODAY).set_index("id")
    reader.close()
    assert len(history) == 3
    for campaign_id in (1, 2):
        recorded = dict(
            (group, (n, hits, revenue))
            for group, n, hits, revenue in rows(
                demo_store,
                'SELECT "group", COUNT(*), COUNT(responded_at), SUM(revenue_cents) '
                "FROM campaign_targets WHERE campaign_id = :id GROUP BY 1",
                {"id": campaign_id},
            )
        )
        row = history.loc[campaign_id]
        t_n, t_hits, t_revenue = recorded["treatment"]
        c_n, c_hits, _ = recorded["control"]
        assert (row["treated"], row["control"]) == (t_n, c_n)
        assert row["treatment_rate"] == pytest.approx(t_hits / t_n)
        assert row["control_rate"] == pytest.approx(c_hits / c_n)
        assert row["revenue_cents"] == t_revenue
        # The demo makes treatment beat control by 6–7 points; the interval straddles it.
        assert 0.03 < row["uplift"] < 0.12
        assert row["ci_low"] < row["uplift"] < row["ci_high"]
        assert row["roi"] > 0
    draft = history.loc[3]
    assert draft["status"] == "draft"
    assert draft["next_send"] is not None
    assert draft["treated"] != draft["treated"]  # NaN: nothing measured before the send


def test_a_win_back_campaign_from_draft_to_result(demo_store: Store, tmp_path: Path) -> None:
    rule = SegmentRule(min_days_silent=30, platforms=("douyin",))
    spec = CampaignSpec(
        name="  老客回归  ",
        segment_rule=rule.to_json(),
        channel="sms",
        message_template="{name}，{tier}专享券{coupon}，{product}回购有礼",
        coupon_code="BACK10",
        cost_cents=50_000,
        holdout_share=0.2,
    )
    campaign_id = campaigns.save_campaign(demo_store, spec)
    saved = campaigns.get_campaign(demo_store.reader(), campaign_id)
    assert saved.name == "老客回归"
    assert saved.holdout_seed > 0
    reader = demo_store.reader()
    expected = campaigns.segment_ids(reader, rule, TODAY)
    reader.close()
    groups = campaigns.draw_targets(demo_store, campaign_id, TODAY)
    assert sorted(groups.treatment + groups.control) == expected
    assert len(groups.control) == round(0.2 * len(expected))
    assert campaigns.draw_targets(demo_store, campaign_id, TODAY) == groups  # same seed

    path = tmp_path / "send.csv"
    reader = demo_store.reader()
    listed = campaigns.export_send_list(reader, campaign_id, path, TODAY)
    reader.close()
    assert listed == len(groups.treatment)
    with path.open(encoding="utf-8-sig", newline="") as file:
        exported = list(csv.DictReader(file))
    ids = {int(r["customer_id"]) for r in exported}
    assert ids == set(groups.treatment)
    assert ids.isdisjoint(groups.control)
    assert all("BACK10" in r["message"] and "{" not in r["message"] for r in exported)
    assert all(r["phone"] == "" or "*" in r["phone"] for r in exported)

    sent_at = datetime(2026, 11, 20, 10, 0)
    assert campaigns.mark_sent(demo_store, campaign_id, sent_at) == len(groups.treatment)
    touches = rows(
        demo_store, "SELECT COUNT(*) FROM touches WHERE campaign_id = :id", {"id": campaign_id}
    )
    assert touches == [(len(groups.treatment),)]
    reader = demo_store.reader()
    result = campaigns.campaign_results(reader, campaign_id, TODAY)
    reader.close()
    assert (result.treated, result.control) == (len(groups.treatment), len(groups.control))
    with pytest.raises(CampaignError, match="already marked"):
        campaigns.mark_sent(demo_store, campaign_id, sent_at)
    with pytest.raises(CampaignError, match="cannot be edited"):
        campaigns.save_campaign(demo_store, saved)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": " "}, "name"),
        ({"goal": "party"}, "goal"),
        ({"holdout_share": 0.8}, "holdout share"),
        ({"message_template": "戳{link}"}, r"Unknown placeholder \{link\}"),
        ({"segment_rule": "tier = VIP"}, "not valid JSON"),
        ({"recurrence": "sometimes"}, "recurrence"),
        ({"cost_cents": -1}, "negative"),
    ],
)
def test_bad_campaigns_are_refused_and_nothing_changes(
    demo_store: Store, change: dict, message: str
) -> None:
    before = logical_dump(demo_store)
    spec = CampaignSpec(name="ok", **{k: v for k, v in change.items() if k != "name"})
    if "name" in change:
        spec = CampaignSpec(name=change["name"])
    with pytest.raises(CampaignError, match=message):
        campaigns.save_campaign(demo_store, spec)
    assert logical_dump(demo_store) == before


def test_delete_and_empty_segments(demo_store: Store) -> None:
    rule = SegmentRule(tags=("no such tag",))
    campaign_id = campaigns.save_campaign(
        demo_store, CampaignSpec(name="空", segment_rule=rule.to_json())
    )
    with pytest.raises(CampaignError, match="segment is empty"):
        campaigns.draw_targets(demo_store, campaign_id, TODAY)
    campaigns.delete_campaign(demo_store, campaign_id)
    with pytest.raises(CampaignError, match="no campaign"):
        campaigns.get_campaign(demo_store.reader(), campaign_id)


def test_the_xlsx_send_list_is_formula_safe(demo_store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rule = SegmentRule(min_days_silent=60)
    campaign_id = campaigns.save_campaign(
        demo_store,
        CampaignSpec(
            name="回归", segment_rule=rule.to_json(), message_template="{name}，{product}"
        ),
    )
    groups = campaigns.draw_targets(demo_store, campaign_id, TODAY)
    treated = groups.treatment[0]
    with demo_store.engine.begin() as conn:
        conn.execute(
            text("UPDATE customers SET display_name = :name WHERE id = :id"),
            {"name": '=HYPERLINK("http://x","点我")', "id": treated},
        )
    path = tmp_path / "send.xlsx"
    reader = demo_store.reader()
    assert campaigns.export_send_list(reader, campaign_id, path, TODAY) == len(groups.treatment)
    reader.close()
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header == list(campaigns.SEND_LIST_HEADERS.values())
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == str(treated))
    assert row[1].startswith("'=HYPERLINK")
    assert row[6].startswith("'=HYPERLINK")  # the rendered message starts with the name
    phones = [r[2] for r in sheet.iter_rows(min_row=2, values_only=True) if r[2]]
    assert phones
    assert all("****" in p for p in phones)


def test_recorded_responses_follow_new_orders(demo_store: Store) -> None:
    assert campaigns.record_responses(demo_store, TODAY) == 0  # the demo's match the maths
    rule = SegmentRule(min_days_silent=60)
    campaign_id = campaigns.save_campaign(
        demo_store, CampaignSpec(name="回归", segment_rule=rule.to_json(), holdout_share=0.2)
    )
    groups = campaigns.draw_targets(demo_store, campaign_id, TODAY)
    sent_at = datetime(2026, 11, 20, 10, 0)
    campaigns.mark_sent(demo_store, campaign_id, sent_at)
    buyer = next(
        cid
        for cid in groups.treatment
        if not rows(demo_store, "SELECT 1 FROM customers WHERE merged_into_id = :id", {"id": cid})
    )
    insert = text(
        "INSERT INTO order_lines (platform, line_key, order_no, product_name, sku, quantity, "
        "payable_cents, refund_cents, currency, status, after_sale_status, cancel_reason, "
        "created_at, paid_at, cancelled, traffic_source, traffic_format, author, region, "
        "channel_code, customer_id) VALUES ('douyin', 'NEW-1', 'NEW-1', '四件套', '', 1, "
        "12300, 0, 'CNY', '已完成', '', '', :at, :at, false, '', '', '', '', '', :buyer)"
    ).bindparams(bindparam("at", type_=DateTime))
    with demo_store.engine.begin() as conn:
        conn.execute(insert, {"at": datetime(2026, 11, 21, 9, 0), "buyer": buyer})
    assert campaigns.record_responses(demo_store, TODAY) >= 1
    responded, revenue = rows(
        demo_store,
        "SELECT responded_at, revenue_cents FROM campaign_targets "
        "WHERE campaign_id = :campaign AND customer_id = :buyer",
        {"campaign": campaign_id, "buyer": buyer},
    )[0]
    assert responded.startswith("2026-11-21 09:00")
    assert revenue >= 12_300
    assert campaigns.record_responses(demo_store, TODAY) == 0
