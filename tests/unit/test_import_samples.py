"""The shared sample exports import in truth.json's order and reproduce every monthly figure."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest

from app.db import Store
from app.services.imports import import_files
from app.services.stats import Month, month_stats
from tests import pg
from tests.conftest import SAMPLES
from tests.dump import dump_hash
from tests.query import fetch, scalar

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8")) if SAMPLES.is_dir() else {}


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """An empty store for the samples: a SQLite file, or a database on the test server."""
    yield from pg.scratch_store(tmp_path_factory.mktemp("samples"), "samples")


@pytest.fixture(scope="module")
def imported(samples_store: Store):  # noqa: ANN201
    """The store with every sample imported in truth.json's order, and the import results."""
    results = import_files(samples_store, [SAMPLES / name for name in TRUTH["import_order"]])
    return samples_store, results


def reading(store: Store, work):  # noqa: ANN001, ANN201
    """``work(reader)`` on a fresh reader of the store."""
    reader = store.reader()
    try:
        return work(reader)
    finally:
        reader.close()


def test_every_sample_is_recognised_and_imported(imported) -> None:  # noqa: ANN001
    _, results = imported
    for result in results:
        expected = TRUTH["files"][result.file]
        assert result.status == "imported", (result.file, str(result.error))
        assert result.kind == expected["kind"], result.file
        assert result.rows == expected["rows"], result.file


def test_the_store_holds_what_truth_says(imported) -> None:  # noqa: ANN001
    store, _ = imported
    want = TRUTH["store_after_import"]
    videos = dict(fetch(store, "SELECT platform, COUNT(*) FROM videos GROUP BY platform"))
    lines = dict(fetch(store, "SELECT platform, COUNT(*) FROM order_lines GROUP BY platform"))
    paid = dict(
        fetch(
            store,
            "SELECT platform, COUNT(*) FROM order_lines "
            "WHERE paid_at IS NOT NULL AND NOT cancelled GROUP BY platform",
        )
    )
    buyers = scalar(
        store,
        "SELECT COUNT(DISTINCT customer_id) FROM order_lines "
        "WHERE paid_at IS NOT NULL AND NOT cancelled",
    )
    material_days = scalar(store, "SELECT COUNT(*) FROM ad_spend WHERE channel = 'qianchuan'")
    reviews = scalar(store, "SELECT COUNT(*) FROM reviews")
    overview_days = scalar(store, "SELECT COUNT(*) FROM account_daily")
    youzan = scalar(store, "SELECT COUNT(*) FROM customer_identities WHERE platform = 'youzan'")
    assert videos == want["videos"]
    assert lines == want["order_lines"]
    assert paid == want["order_lines_paid"]
    assert buyers == want["customers_with_paid_orders"]
    assert material_days == want["qianchuan_material_days"]
    assert reviews == want["reviews"]
    assert overview_days == want["tiktok_overview_days"]
    assert youzan == want["youzan_customers"]


@pytest.mark.parametrize("month", sorted(TRUTH.get("months", {})))
def test_monthly_figures_match_truth(imported, month: str) -> None:  # noqa: ANN001
    store, _ = imported
    figures = reading(store, lambda reader: month_stats(reader, Month.parse(month)))
    assert figures == TRUTH["months"][month]


def test_importing_everything_again_changes_nothing(imported) -> None:  # noqa: ANN001
    store, _ = imported
    before = dump_hash(store)
    again = import_files(store, [SAMPLES / name for name in TRUTH["import_order"]])
    assert {r.status for r in again} == {"unchanged"}
    assert dump_hash(store) == before


def test_douyin_videos_keep_their_two_second_bounce(imported) -> None:  # noqa: ANN001
    store, _ = imported
    ((missing, total),) = fetch(
        store,
        "SELECT SUM(CASE WHEN s.bounce_2s_rate IS NULL THEN 1 ELSE 0 END), COUNT(*)"
        " FROM video_snapshots s JOIN videos v ON v.id = s.video_id WHERE v.platform = 'douyin'",
    )
    others = scalar(
        store,
        "SELECT COUNT(*) FROM video_snapshots s JOIN videos v ON v.id = s.video_id"
        " WHERE v.platform != 'douyin' AND s.bounce_2s_rate IS NOT NULL",
    )
    assert total == 72  # 29 + 43 rows of the two 作品列表 files
    assert missing == 7  # the cells exported as "-" (not applicable) stay unknown
    assert others == 0  # only 抖音 exports 2s跳出率: elsewhere it stays unknown


def test_importing_opens_an_alert_for_every_low_scored_review(imported) -> None:  # noqa: ANN001
    store, _ = imported
    low = {r for (r,) in fetch(store, "SELECT id FROM reviews WHERE score <= 2")}
    alerted = {
        r
        for (r,) in fetch(
            store, "SELECT source_id FROM crisis_alerts WHERE source = 'review' AND status = 'open'"
        )
    }
    assert low
    assert low <= alerted  # keyword hits in better-scored reviews may add more


def material_videos(store: Store) -> dict[str, tuple[str, str] | None]:
    """material key → (title, publish time) of the 抖音 video its stored rows point at."""
    found = fetch(
        store,
        "SELECT DISTINCT a.material_key, v.title, v.published_at FROM ad_spend a "
        "LEFT JOIN videos v ON v.id = a.video_id WHERE a.channel = 'qianchuan'",
    )
    return {key: (title, published[:19]) if title else None for key, title, published in found}


def test_qianchuan_materials_find_the_videos_truth_says_they_promote(imported) -> None:  # noqa: ANN001
    store, _ = imported
    ((rows, matched),) = fetch(
        store,
        "SELECT COUNT(*), SUM(CASE WHEN video_id IS NOT NULL THEN 1 ELSE 0 END) FROM ad_spend"
        " WHERE channel = 'qianchuan'",
    )
    assert (rows, matched) == (150, 86)  # the 64 rows left are 本地上传 files (no video title)
    truth = {
        v["qianchuan_material_id"]: (v["key"][0], v["published_at"])
        for v in TRUTH["video_catalog"]
        if v["platform"] == "douyin" and v["qianchuan_material_id"]
    }
    found = material_videos(store)
    assert len(found) == 23
    assert {key: video for key, video in found.items() if video} == {
        key: truth[key] for key in found if key in truth
    }
    assert sum(video is not None for video in found.values()) == 17
    # Hand-checked: two posts are titled 初秋衬衫5种穿法，第3套最绝 (09-06 and 10-04); the
    # material created 2026-10-04 09:33:15 promotes the one posted that evening.
    assert found["7344269820885727587"] == ("初秋衬衫5种穿法，第3套最绝", "2026-10-04 19:10:15")
    assert found["7379654933859751391"] == ("初秋衬衫5种穿法，第3套最绝", "2026-09-06 21:20:05")


def test_the_ledger_knows_the_spend_of_matched_videos(imported) -> None:  # noqa: ANN001
    from app.analytics.conversion import ConversionFilter
    from app.analytics.conversion_ledger import ledger
    from app.analytics.periods import Period
    from app.services.conversion import load_conversion

    store, _ = imported
    spend = scalar(
        store, "SELECT SUM(spend_cents) FROM ad_spend WHERE material_key = '7344269820885727587'"
    )
    reader = store.reader()
    try:
        data = load_conversion(reader)
        rows = ledger(data, ConversionFilter(Period(date(2026, 8, 1), date(2026, 10, 31))))
        for month in TRUTH["months"]:  # the totals `shopreel stats` shows do not move
            stats = month_stats(reader, Month.parse(month))
            assert stats["ad_spend"] == TRUTH["months"][month]["ad_spend"]
    finally:
        reader.close()
    shirt = rows[(rows["platform"] == "douyin") & (rows["published_at"] == "2026-10-04 19:10:15")]
    assert spend > 0
    assert shirt["ad_spend_cents"].tolist() == [spend]
    assert shirt["currency"].tolist() == ["CNY"]
    matched = rows[rows["ad_spend_cents"].fillna(0) > 0]
    assert len(matched) == 17  # one video per matched material


def test_the_imported_samples_get_the_default_tiers(imported) -> None:  # noqa: ANN001
    store, _ = imported
    rules = [r for (r,) in fetch(store, "SELECT name FROM tier_rules ORDER BY position")]
    as_of = str(scalar(store, "SELECT MAX(assigned_at) FROM customer_tiers"))[:10]
    counts = dict(
        fetch(
            store,
            "SELECT r.name, COUNT(*) FROM customer_tiers t JOIN tier_rules r "
            "ON r.id = t.tier_rule_id GROUP BY r.name",
        )
    )
    last_paid = [
        str(d)[:10]
        for (d,) in fetch(
            store,
            "SELECT MAX(paid_at) FROM order_lines WHERE paid_at IS NOT NULL "
            "AND NOT cancelled GROUP BY customer_id",
        )
    ]
    assert rules == ["已流失", "流失预警", "VIP", "高价值", "老客", "新客"]
    assert sum(counts.values()) == TRUTH["store_after_import"]["customers_with_paid_orders"]
    silent = [(date.fromisoformat(as_of) - date.fromisoformat(d)).days for d in last_paid]
    assert counts["已流失"] == sum(days >= 90 for days in silent)  # nobody was touched since
    assert counts["流失预警"] == sum(30 <= days < 90 for days in silent)
    assert all(counts.get(name, 0) > 0 for name in ("已流失", "流失预警"))
