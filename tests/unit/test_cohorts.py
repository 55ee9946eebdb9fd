"""LTV, cohorts, monthly customer figures (truth.json's where it has them), private domain."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest

from app.analytics.cohorts import cohort_table, ltv_by, month_figures, private_domain_summary
from app.db import Store
from app.services import customers
from app.services.imports import import_files
from app.services.stats import Month, month_stats
from tests import pg
from tests.conftest import SAMPLES, TODAY
from tests.customer_store import add_customer, add_line
from tests.query import fetch


def lines(*rows: tuple) -> pd.DataFrame:
    """(customer, order no, paid at, net cents[, currency]) per paid line."""
    return pd.DataFrame(
        [
            {
                "customer_id": r[0],
                "platform": "douyin",
                "order_no": r[1],
                "paid_at": pd.Timestamp(r[2]),
                "net_cents": r[3],
                "currency": r[4] if len(r) > 4 else "CNY",
            }
            for r in rows
        ]
    )


SHOP = lines(
    (1, "a", "2026-09-03", 100),
    (1, "b", "2026-09-20", 50),  # a second order in the first month
    (1, "c", "2026-10-05", 70),
    (2, "d", "2026-09-28", 200),
    (2, "d", "2026-09-28", 20),  # the same order's second line
    (3, "e", "2026-10-10", 300),
    (3, "f", "2026-11-02", 10),
    (4, "g", "2026-10-15", 40, "USD"),
)


def test_cohort_table_counts_buyers_repeat_rate_and_revenue_by_month_since() -> None:
    table = cohort_table(SHOP)
    got = {
        (r.cohort, r.currency, r.months_since): (
            r.cohort_size,
            r.buyers,
            r.repeat_rate,
            r.revenue_cents,
        )
        for r in table.itertuples()
    }
    assert got == {
        ("2026-09", "CNY", 0): (2, 2, 0.5, 370),  # customer 1 ordered twice in September
        ("2026-09", "CNY", 1): (2, 1, 0.5, 70),
        ("2026-10", "CNY", 0): (1, 1, 0.0, 300),
        ("2026-10", "CNY", 1): (1, 1, 1.0, 10),
        ("2026-10", "USD", 0): (1, 1, 0.0, 40),
    }


def test_month_figures_follow_truth_definitions() -> None:
    figures = month_figures(SHOP, ["2026-09", "2026-10", "2026-11", "2027-01"])
    assert figures.values.tolist() == [
        # month, buyers, new, repeat (2+ orders by month end), at risk (30-89 d), lost (90+ d)
        ["2026-09", 2, 2, 1, 0, 0],
        ["2026-10", 3, 2, 1, 1, 0],  # 2 last paid 09-28: 33 days before 10-31
        ["2026-11", 1, 0, 1, 3, 0],
        ["2027-01", 0, 0, 0, 0, 4],  # everyone 90+ days silent by 01-31
    ]


def ledger_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4, 5],
            "paid_orders": [3, 1, 2, 1, 0],
            "net_cents": [300, 100, 500, 40, 0],
            "currency": ["CNY", "CNY", "CNY", "USD", ""],
            "tier": ["老客", "新客", "老客", "新客", ""],
            "private_channel": ["wecom", "", "", "group", "wechat"],
        }
    )


def test_ltv_by_averages_per_value_and_currency() -> None:
    table = ltv_by(ledger_frame(), "tier")
    assert table.values.tolist() == [
        ["老客", "CNY", 2, 400, 400, 1.0],
        ["新客", "CNY", 1, 100, 100, 0.0],
        ["新客", "USD", 1, 40, 40, 0.0],
    ]
    with pytest.raises(ValueError, match="choose one of"):
        ltv_by(ledger_frame(), "phone")


def test_private_domain_share_by_tier_and_comparison() -> None:
    by_tier, versus = private_domain_summary(ledger_frame())
    assert by_tier.values.tolist() == [["新客", 2, 1, 0.5], ["老客", 2, 1, 0.5]]
    assert versus.values.tolist() == [
        ["private", "CNY", 1, 1.0, 300],
        ["other", "CNY", 2, 0.5, 300],
        ["private", "USD", 1, 0.0, 40],
    ]


def test_service_wrappers_read_the_store(store: Store) -> None:
    one = add_customer(store, "甲**", "138****0001")
    add_line(store, one, "2026-10-01 10:00:00", 10_000, traffic_format="直播")
    add_line(store, one, "2026-11-01 10:00:00", 5_000, refund_cents=5_000)
    add_line(store, one, "2026-11-02 10:00:00", 9_000, cancelled=True)  # not paid: not counted
    reader = store.reader()
    table = customers.ltv_by(reader, TODAY, "first_traffic_format")
    assert table[["value", "customers", "ltv_cents", "repeat_rate"]].values.tolist() == [
        ["直播", 1, 10_000, 1.0]
    ]
    cohorts = customers.cohort_table(reader, TODAY)
    assert cohorts[["months_since", "buyers", "revenue_cents"]].values.tolist() == [
        [0, 1, 10_000],
        [1, 1, 0],  # refunded in full: the month counts a buyer and no revenue
    ]
    months = customers.month_figures(reader, date(2026, 10, 31), ["2026-10", "2026-11"])
    assert months["buyers"].tolist() == [1, 0]  # as of 10-31 the November order is not there


# --- truth.json --------------------------------------------------------------------------------

TRUTH_FIGURES = (
    "buyers",
    "new_customers",
    "repeat_buyers",
    "at_risk_customers",
    "lost_customers",
)


def import_sample_orders(store: Store) -> None:
    """The samples' order and customer exports imported in truth.json's order."""
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    wanted = [
        name
        for name in truth["import_order"]
        if truth["files"][name]["kind"].endswith(("orders", "customers"))
    ]
    results = import_files(store, [SAMPLES / name for name in wanted])
    assert {r.status for r in results} == {"imported"}


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The samples' orders and customers, imported once for the module (not to be changed)."""
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is absent")
    for opened in pg.scratch_store(tmp_path_factory.mktemp("sample_orders"), "sample_orders"):
        import_sample_orders(opened)
        yield opened


def test_month_figures_match_truth_json(samples_store: Store) -> None:
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    reader = samples_store.reader()
    try:
        months = sorted(truth["months"])
        figures = customers.month_figures(reader, date(2026, 12, 31), months)
        for row in figures.to_dict("records"):
            want = truth["months"][row["month"]]
            assert {k: row[k] for k in TRUTH_FIGURES} == {k: want[k] for k in TRUTH_FIGURES}
        # The ledger as of a month end gives the same at-risk and lost counts.
        ledger = customers.load_ledger(reader, Month.parse(months[-1]).last_day)
        buyers = ledger[ledger["paid_orders"] > 0]
        recency = buyers["recency_days"]
        want = truth["months"][months[-1]]
        assert ((recency >= 30) & (recency < 90)).sum() == want["at_risk_customers"]
        assert (recency >= 90).sum() == want["lost_customers"]
        assert len(buyers) == truth["store_after_import"]["customers_with_paid_orders"]
        youzan = ledger[ledger["platforms"] == "youzan"]
        assert len(youzan) == truth["store_after_import"]["youzan_customers"]
        assert (youzan["paid_orders"] == 0).all()
    finally:
        reader.close()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
def test_a_merge_changes_persons_but_never_truth_figures(store: Store) -> None:
    import_sample_orders(store)
    suggestions = customers.merge_suggestions(store.reader())
    assert not suggestions.empty
    month = Month(2026, 10)
    before = month_stats(store.reader(), month)
    first = suggestions.iloc[0]
    customers.merge_customers(store, int(first["a_id"]), int(first["b_id"]), today=TODAY)
    assert month_stats(store.reader(), month) == before
    merged = "SELECT merged_into_id FROM customers WHERE id IN (:a, :b)"
    targets = {
        r[0] for r in fetch(store, merged, {"a": int(first["a_id"]), "b": int(first["b_id"])})
    }
    assert targets - {None}  # one of the two now points at the other


def test_demo_month_figures_equal_shopreel_stats_before_any_merge(demo_store: Store) -> None:
    reader = demo_store.reader()
    months = ["2026-09", "2026-10", "2026-11"]
    figures = customers.month_figures(reader, TODAY, months).set_index("month")
    for month in months:
        stats = month_stats(reader, Month.parse(month))
        assert figures.loc[month].to_dict() == {k: stats[k] for k in TRUTH_FIGURES}
    assert figures.loc["2026-11", "at_risk_customers"] > 0  # the demo has slipping buyers
