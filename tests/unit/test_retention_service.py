"""Churn list and its start-up count, crisis watch, UGC matching on the demo shop."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.db import Store
from app.services import retention
from app.services.retention import UgcSpec
from tests.conftest import TODAY
from tests.dump import logical_dump
from tests.query import scalar as one


def test_churn_list_and_start_up_count_agree(demo_store: Store) -> None:
    reader = demo_store.reader()
    churn = retention.churn_list(reader, TODAY)
    counts = retention.slipping_counts(reader, TODAY)
    reader.close()
    assert len(churn) > 0
    assert counts.total == len(churn)
    assert counts.valuable == int(churn["valuable"].sum()) > 0
    assert (churn["days_silent"] >= churn["window_days"]).all()
    assert churn["net_cents"].is_monotonic_decreasing
    assert (churn["window_days"] == 30).all()


def test_tier_windows_and_own_interval_change_the_list(demo_store: Store) -> None:
    reader = demo_store.reader()
    before = retention.churn_list(reader, TODAY)
    reader.close()
    retention.save_warning_settings(demo_store, 45, False, {"VIP": 60})
    reader = demo_store.reader()
    later = retention.churn_list(reader, TODAY)
    assert retention.warning_settings(reader).tier_days["VIP"] == 60
    assert retention.slipping_counts(reader, TODAY).total == len(later)
    reader.close()
    assert set(later["customer_id"]) < set(before["customer_id"])
    assert set(later["window_days"]) <= {45, 60}
    retention.save_warning_settings(demo_store, 30, True, {"VIP": None})
    reader = demo_store.reader()
    own = retention.churn_list(reader, TODAY)
    assert retention.slipping_counts(reader, TODAY).total == len(own)
    reader.close()
    assert len(set(own["window_days"])) > 2  # each repeat buyer against their own rhythm


def test_bad_windows_leave_the_store_unchanged(demo_store: Store) -> None:
    before = logical_dump(demo_store)
    with pytest.raises(ValueError, match="1 to 365"):
        retention.save_warning_settings(demo_store, 0, False, {})
    with pytest.raises(ValueError, match="Unknown tier: 金卡"):
        retention.save_warning_settings(demo_store, 30, False, {"金卡": 20})
    assert logical_dump(demo_store) == before


def test_crisis_scan_opens_each_alert_once(demo_store: Store) -> None:
    opened = one(demo_store, "SELECT COUNT(*) FROM crisis_alerts")  # the demo build scanned
    low = one(demo_store, "SELECT COUNT(*) FROM reviews WHERE score <= 2")
    flagged = one(demo_store, "SELECT COUNT(*) FROM comments WHERE negative")
    assert opened >= low + flagged
    assert retention.scan_crisis(demo_store) == 0
    retention.set_negative_keywords(demo_store, [" 发货 ", "发货", ""])
    reader = demo_store.reader()
    assert retention.negative_keywords(reader) == ["发货"]
    reader.close()
    slow = one(
        demo_store,
        "SELECT COUNT(*) FROM comments WHERE text LIKE '%发货%' AND NOT negative "
        "AND id NOT IN (SELECT source_id FROM crisis_alerts WHERE source = 'comment')",
    )
    assert retention.scan_crisis(demo_store) >= slow


def test_alert_moves_forward_and_times_the_reply(demo_store: Store) -> None:
    retention.scan_crisis(demo_store)
    reader = demo_store.reader()
    alerts = retention.crisis_alerts(reader)
    reader.close()
    first = alerts.iloc[0]
    opened = first["opened_at"].to_pydatetime()
    retention.set_alert_status(
        demo_store, int(first["id"]), "replied", opened.replace(hour=23, minute=0), "拍了回应视频"
    )
    with pytest.raises(ValueError, match="already replied"):
        retention.set_alert_status(demo_store, int(first["id"]), "replied", datetime(2026, 12, 1))
    retention.set_alert_status(demo_store, int(first["id"]), "resolved", datetime(2026, 12, 1))
    reader = demo_store.reader()
    after = retention.crisis_alerts(reader).set_index("id").loc[int(first["id"])]
    reader.close()
    assert after["status"] == "resolved"
    assert after["note"] == "拍了回应视频"
    expected = (opened.replace(hour=23, minute=0) - opened).total_seconds() / 3600
    assert after["hours_to_reply"] == pytest.approx(expected)
    weekly = retention.weekly_alert_counts(alerts)
    assert weekly["total"].sum() == len(alerts)
    assert (weekly["week"].dt.day_of_week == 0).all()


def test_ugc_from_reviews_and_by_hand(demo_store: Store) -> None:
    matched = retention.match_ugc(demo_store)
    assert matched > 0
    assert retention.match_ugc(demo_store) == 0
    order_no = one(demo_store, "SELECT order_no FROM order_lines WHERE customer_id = 5 LIMIT 1")
    post_id = retention.record_ugc(
        demo_store, UgcSpec(posted_on=date(2026, 11, 20), text="晒一下新被子", order_no=order_no)
    )
    reader = demo_store.reader()
    posts = retention.ugc_posts(reader)
    reader.close()
    assert len(posts) == matched + 1
    mine = posts.set_index("id").loc[post_id]
    assert mine["customer_id"] == 5
    summary = retention.ugc_by_campaign(posts)
    assert summary["posts"].sum() == len(posts)
    tied = posts[posts["campaign_id"].notna()]
    assert (tied["source"] == "review").all()
    with pytest.raises(ValueError, match="text, link or order"):
        retention.record_ugc(demo_store, UgcSpec(posted_on=date(2026, 11, 20)))


@pytest.mark.parametrize(
    ("text", "score", "negative"),
    [
        ("洗了一次就起球", None, True),
        ("洗过之后不掉色不起球，值得", None, False),
        ("没有异味，好评", 3, False),
        ("有异味", 3, True),
        ("有点起球但是很好", 5, False),  # a happy buyer
        ("", 2, True),
        ("质量差，不推荐", 4, False),
    ],
)
def test_negative_judgement(text: str, score: int | None, negative: bool) -> None:
    keywords = ["起球", "掉色", "异味", "质量差"]
    assert retention.is_negative(text, score, keywords) is negative
