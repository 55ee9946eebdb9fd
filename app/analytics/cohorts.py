"""LTV and cohorts: what customers are worth, by where they came from and when they arrived.

LTV here is historical: a customer's net paid amount (payable − refunded) up to the day, in its
own currency. Averages are per currency (CNY and USD are never mixed). All functions are pure,
on the customer ledger or the paid lines (``app.services.customers``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

LTV_DIMENSIONS = (
    "tier",
    "first_platform",
    "first_traffic_format",
    "acquisition_month",
    "private_channel",
    "segment",
)
LTV_COLUMNS = ("value", "currency", "customers", "ltv_cents", "median_cents", "repeat_rate")
COHORT_COLUMNS = (
    "cohort",
    "currency",
    "months_since",
    "cohort_size",
    "buyers",
    "repeat_rate",
    "revenue_cents",
)
MONTH_COLUMNS = (
    "month",
    "buyers",
    "new_customers",
    "repeat_buyers",
    "at_risk_customers",
    "lost_customers",
)
AT_RISK_DAYS, LOST_DAYS = 30, 90


def ltv_by(ledger: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Average (and median) LTV and repeat rate of buyers per value of one ledger column.

    ``repeat_rate`` = share of the group's buyers with two paid orders or more. Rows per
    (value, currency), largest LTV first; "" values are kept (e.g. no private channel).
    """
    import pandas as pd

    if dimension not in LTV_DIMENSIONS:
        raise ValueError(f"LTV by {dimension!r}: choose one of {', '.join(LTV_DIMENSIONS)}.")
    buyers = ledger[ledger["paid_orders"] > 0]
    if buyers.empty:
        return pd.DataFrame(columns=list(LTV_COLUMNS))
    grouped = buyers.assign(
        value=buyers[dimension].astype(object).fillna("").astype(str),
        repeat=buyers["paid_orders"] >= 2,
    ).groupby(["value", "currency"])
    table = grouped.agg(
        customers=("customer_id", "size"),
        ltv_cents=("net_cents", "mean"),
        median_cents=("net_cents", "median"),
        repeat_rate=("repeat", "mean"),
    ).reset_index()
    table["ltv_cents"] = table["ltv_cents"].round().astype("int64")
    table["median_cents"] = table["median_cents"].round().astype("int64")
    return table.sort_values(["currency", "ltv_cents"], ascending=[True, False])[
        list(LTV_COLUMNS)
    ].reset_index(drop=True)


def _months_between(start: pd.Series, end: pd.Series) -> pd.Series:
    return (end.dt.year - start.dt.year) * 12 + (end.dt.month - start.dt.month)


def cohort_table(lines: pd.DataFrame) -> pd.DataFrame:
    """Month of first order × months since: buyers, repeat rate and net revenue.

    ``lines``: paid lines (customer_id, order_no, platform, paid_at, net_cents, currency). A
    customer's cohort is the month of its first paid line, per currency. For month k after
    that: ``buyers`` = cohort customers who paid in that month; ``repeat_rate`` = buyers /
    cohort size for k ≥ 1, and for k = 0 the share who paid two orders or more in their first
    month; ``revenue_cents`` = the cohort's net paid amount in that month.
    """
    import pandas as pd

    if lines.empty:
        return pd.DataFrame(columns=list(COHORT_COLUMNS))
    data = lines[["customer_id", "platform", "order_no", "paid_at", "net_cents", "currency"]]
    first = data.groupby(["customer_id", "currency"])["paid_at"].transform("min")
    data = data.assign(
        cohort=first.dt.strftime("%Y-%m"),
        months_since=_months_between(first, data["paid_at"]),
    )
    sizes = data.groupby(["cohort", "currency"])["customer_id"].nunique().rename("cohort_size")
    cells = data.groupby(["cohort", "currency", "months_since"]).agg(
        buyers=("customer_id", "nunique"), revenue_cents=("net_cents", "sum")
    )
    table = cells.join(sizes).reset_index()
    first_month = data[data["months_since"] == 0]
    orders = first_month.drop_duplicates(["customer_id", "platform", "order_no"])
    twice = orders.groupby(["cohort", "currency", "customer_id"]).size()
    repeaters = (twice >= 2).groupby(["cohort", "currency"]).sum().rename("first_month_repeat")
    table = table.join(repeaters, on=["cohort", "currency"])
    table["repeat_rate"] = table["buyers"] / table["cohort_size"]
    at_start = table["months_since"] == 0
    table.loc[at_start, "repeat_rate"] = (
        table.loc[at_start, "first_month_repeat"] / table.loc[at_start, "cohort_size"]
    )
    table["revenue_cents"] = table["revenue_cents"].astype("int64")
    return table.sort_values(["currency", "cohort", "months_since"])[
        list(COHORT_COLUMNS)
    ].reset_index(drop=True)


def month_figures(lines: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    """Buyers, new, repeat, at-risk and lost customers per month (truth.json's definitions).

    Counted over ``lines``' customer ids (root customers: a merged person counts once).
    ``months``: "2026-09" texts. New = first paid line in the month; repeat = buyers of the
    month with two distinct paid orders or more up to its end; at risk / lost = last paid line
    up to the month end 30–89 / 90+ days before the month's last day.
    """
    import pandas as pd

    rows = []
    day = lines["paid_at"].dt.normalize()
    month_of = lines["paid_at"].dt.strftime("%Y-%m")
    first = lines.groupby("customer_id")["paid_at"].min().dt.strftime("%Y-%m")
    for month in months:
        end = pd.Period(month, "M").end_time.normalize()
        upto = lines[day <= end]
        in_month = upto[month_of[day <= end] == month]
        buyers = set(in_month["customer_id"])
        orders = upto.drop_duplicates(["customer_id", "platform", "order_no"])
        counts = orders.groupby("customer_id").size()
        silent = (end - upto.groupby("customer_id")["paid_at"].max().dt.normalize()).dt.days
        rows.append(
            (
                month,
                len(buyers),
                int((first == month).sum()),
                int(sum(1 for c in buyers if counts.get(c, 0) >= 2)),
                int(((silent >= AT_RISK_DAYS) & (silent < LOST_DAYS)).sum()),
                int((silent >= LOST_DAYS).sum()),
            )
        )
    return pd.DataFrame(rows, columns=list(MONTH_COLUMNS))


def private_domain_summary(ledger: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(share of each tier in private channels, private vs other buyers' repeat rate and LTV).

    First frame: tier, customers, private (in any private channel), share. Second: group
    ("private" / "other"), currency, customers, repeat_rate, ltv_cents (mean net).
    """
    import pandas as pd

    buyers = ledger[ledger["paid_orders"] > 0].assign(
        private=lambda f: f["private_channel"].astype(object).fillna("") != ""
    )
    by_tier = (
        buyers.groupby("tier")
        .agg(customers=("customer_id", "size"), private=("private", "sum"))
        .reset_index()
    )
    by_tier["private"] = by_tier["private"].astype("int64")
    by_tier["share"] = by_tier["private"] / by_tier["customers"]
    compare = buyers.assign(
        group=buyers["private"].map({True: "private", False: "other"}),
        repeat=buyers["paid_orders"] >= 2,
    )
    if compare.empty:
        return by_tier, pd.DataFrame(
            columns=["group", "currency", "customers", "repeat_rate", "ltv_cents"]
        )
    versus = (
        compare.groupby(["group", "currency"])
        .agg(
            customers=("customer_id", "size"),
            repeat_rate=("repeat", "mean"),
            ltv_cents=("net_cents", "mean"),
        )
        .reset_index()
    )
    versus["ltv_cents"] = versus["ltv_cents"].round().astype("int64")
    return by_tier, versus.sort_values(["currency", "group"], ascending=[True, False]).reset_index(
        drop=True
    )
