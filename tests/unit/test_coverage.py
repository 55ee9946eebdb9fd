"""Data coverage: date spans per platform and the gaps inside them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, bindparam, text

from app.db import Store
from app.services.coverage import data_coverage, find_gaps
from app.services.store import open_store


def test_gaps_are_runs_of_missing_days() -> None:
    days = [date(2026, 10, d) for d in (1, 2, 3, 9, 10, 12)]
    assert find_gaps(days) == [(date(2026, 10, 4), date(2026, 10, 8)), (date(2026, 10, 11),) * 2]
    assert find_gaps(days, min_gap=2) == [(date(2026, 10, 4), date(2026, 10, 8))]
    assert find_gaps([date(2026, 10, 1)]) == []


def test_demo_shop_coverage_lists_each_platform(demo_store: Store) -> None:
    reader = demo_store.reader()
    try:
        coverage = {(c.platform, c.data): c for c in data_coverage(reader)}
    finally:
        reader.close()
    orders = coverage[("douyin", "orders")]
    assert orders.days > 60
    assert orders.first < orders.last
    assert ("tiktok", "orders") in coverage
    assert coverage[("douyin", "videos")].gaps == ()


def test_a_hole_in_the_orders_is_reported(store: Store) -> None:
    with store.engine.begin() as conn:
        for day in (1, 2, 3, 10, 11):
            conn.execute(
                text(
                    "INSERT INTO order_lines (platform, line_key, order_no, product_name, sku, "
                    "quantity, payable_cents, refund_cents, currency, status, after_sale_status, "
                    "cancel_reason, created_at, cancelled, traffic_source, traffic_format, "
                    "author, region, channel_code) VALUES ('douyin', :key, '1', '', '', 1, 100, "
                    "0, 'CNY', '', '', '', :at, false, '', '', '', '', '')"
                ).bindparams(bindparam("at", type_=DateTime)),
                {"key": f"L{day}", "at": datetime(2026, 10, day, 10)},
            )
    reopened = open_store(store.url)
    reader = reopened.reader()
    try:
        (orders,) = data_coverage(reader)
    finally:
        reader.close()
        reopened.dispose()  # a server connection left to the GC warns in a later test
    assert orders.gaps == ((date(2026, 10, 4), date(2026, 10, 9)),)
    assert orders.days == 5
