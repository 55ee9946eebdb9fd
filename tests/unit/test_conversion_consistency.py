"""The Conversion tab's period figures equal `shopreel stats` on the demo shop and truth.json on
the shared samples (skipped when ../shared/samples is absent)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from app.analytics.conversion import ConversionFilter, funnel, period_kpis
from app.analytics.conversion_attribution import attribution
from app.analytics.conversion_products import products
from app.analytics.conversion_slots import time_slots
from app.analytics.periods import Period
from app.db import Store
from app.services.conversion import load_conversion
from app.services.stats import Month, month_stats
from tests import pg
from tests.conftest import SAMPLES

DEMO_MONTHS = ("2026-09", "2026-10", "2026-11")


def _cents(amounts: dict[str, float]) -> dict[str, int]:
    return {currency: round(value * 100) for currency, value in amounts.items()}


def _nonzero(amounts: dict[str, int]) -> dict[str, int]:
    return {c: v for c, v in amounts.items() if v}


def _check_month(data, stats: dict, month: str) -> None:  # noqa: ANN001
    flt = ConversionFilter(Period.month(month))
    result = funnel(data, flt)
    assert result.step("orders_paid").value == stats["orders_paid"]
    assert _nonzero(result.gmv_cents) == _nonzero(_cents(stats["gmv_by_currency"]))
    assert _nonzero(result.refund_cents) == _nonzero(_cents(stats["refunds_by_currency"]))
    kpis = period_kpis(data, flt)
    assert kpis["orders_paid"] == stats["orders_paid"]
    by_platform = attribution(data, flt, "platform").groupby("key")["orders"].sum()
    assert dict(by_platform) == stats["by_platform"]["orders_paid"]
    for by in ("format", "path", "author", "channel", "source"):
        assert attribution(data, flt, by)["orders"].sum() == stats["orders_paid"], by
    sold = products(data, flt).groupby("currency")["gmv_cents"].sum()
    assert _nonzero(dict(sold)) == _nonzero(_cents(stats["gmv_by_currency"]))
    assert time_slots(data, flt)["orders"].sum() == stats["orders_paid"]
    qianchuan = data.ads[data.ads["channel"] == "qianchuan"]
    in_month = qianchuan[qianchuan["day"].dt.strftime("%Y-%m") == month]
    assert in_month["spend_cents"].sum() == round(stats["ad_spend"] * 100)


@pytest.fixture
def demo(demo_store: Store) -> tuple[Any, dict[str, dict]]:
    """The Conversion tab's data and `shopreel stats` of each month, from the demo shop."""
    reader = demo_store.reader()
    try:
        return load_conversion(reader), {
            m: month_stats(reader, Month.parse(m)) for m in DEMO_MONTHS
        }
    finally:
        reader.close()


@pytest.mark.parametrize("month", DEMO_MONTHS)
def test_demo_months_equal_shopreel_stats(demo, month: str) -> None:  # noqa: ANN001
    data, stats = demo
    assert stats[month]["orders_paid"] > 0
    _check_month(data, stats[month], month)


def test_demo_ad_kpis_cover_every_channel_once(demo) -> None:  # noqa: ANN001
    data, stats = demo
    kpis = period_kpis(data, ConversionFilter(Period.month("2026-10")))
    ads = data.ads[data.ads["day"].dt.strftime("%Y-%m") == "2026-10"]
    cny = ads[ads["currency"] == "CNY"]
    assert kpis["ad_spend"]["CNY"] == cny["spend_cents"].sum()  # 千川 + DOU+ (no 推商品 here)
    assert kpis["ad_spend"]["CNY"] >= round(stats["2026-10"]["ad_spend"] * 100)


TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8")) if SAMPLES.is_dir() else {}


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Every sample imported in truth.json's order: a SQLite file, or a server database."""
    from app.services.imports import import_files

    for store in pg.scratch_store(
        tmp_path_factory.mktemp("conversion_samples"), "conversion_samples"
    ):
        import_files(store, [SAMPLES / name for name in TRUTH["import_order"]])
        yield store


@pytest.fixture(scope="module")
def samples(samples_store: Store):  # noqa: ANN201
    reader = samples_store.reader()
    try:
        return load_conversion(reader)
    finally:
        reader.close()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
@pytest.mark.parametrize("month", sorted(TRUTH.get("months", {})))
def test_sample_months_equal_truth(samples, month: str) -> None:  # noqa: ANN001
    truth = TRUTH["months"][month]
    _check_month(samples, truth, month)
    kpis = period_kpis(samples, ConversionFilter(Period.month(month)))
    # The samples' only ad report is the 千川 素材 one: the tab's spend is truth's.
    assert kpis["ad_spend"].get("CNY", 0) == round(truth["ad_spend"] * 100)
    assert kpis["ad_gmv"].get("CNY", 0) == round(truth["ad_gmv"] * 100)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
def test_samples_match_no_order_to_a_video(samples) -> None:  # noqa: ANN001
    # Neither 抖店 nor TikTok Shop order exports name the video: per-video orders stay unknown.
    assert samples.attributing_platforms == frozenset()
    assert samples.lines["video_id"].isna().all()
    assert samples.lines["format_key"].isin(["pending"]).any()  # 数据将于第二天更新 survives


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
def test_sample_ledger_leaves_unknown_what_no_export_says(samples) -> None:  # noqa: ANN001
    from app.analytics.conversion_ledger import ledger

    frame = ledger(samples, ConversionFilter(Period.month("2026-10")))
    assert len(frame) > 0
    # No order export names the video: per-video orders and money are unknown, never 0.
    assert frame["orders"].isna().all()
    # 千川 素材 rows name 抖音 videos by title (app.importers.ad_videos): 抖音 spend is known per
    # video (0 for a video no material promotes); the other platforms have no ad report.
    douyin = (frame["platform"] == "douyin").to_numpy()
    assert frame.loc[douyin, "ad_spend_cents"].notna().all()
    assert (frame.loc[douyin, "ad_spend_cents"] > 0).any()
    assert frame.loc[~douyin, "ad_spend_cents"].isna().all()
    assert frame["views"].notna().any()
