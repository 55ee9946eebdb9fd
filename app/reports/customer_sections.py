"""Customer sections (#7, #8): customers by tier and tier movement, the churn warning, and the
campaigns with their uplift.

Their data is gathered by :mod:`app.services.report_extras` from the Customers and Retention
tabs' services. Customers appear only as :func:`app.services.reports.customer_label` made them
(masked phone; name masked when the Privacy setting asks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app import locale_formats
from app.reports import numbers
from app.reports.data import MonthReportData
from app.reports.layout import (
    MUTED,
    SMALL_PT,
    Column,
    Document,
    Table,
    heading,
    paragraph,
    spacer,
    subheading,
)
from app.reports.sections import section
from app.reports.strings import currency_name, text

if TYPE_CHECKING:
    import pandas as pd

TABLE_PT = 8.0
MOVEMENT_ROWS = 12


def _day(data: MonthReportData, lang: str) -> str:
    return locale_formats.format_date(min(data.month.last_day, data.today), lang)


# --- Tiers --------------------------------------------------------------------------------------


@section("customers", "section_customers", 60)
def lay_out_customers(document: Document, data: MonthReportData, lang: str) -> None:
    """Customers and their net spend per tier at the month's end; who moved between tiers."""
    found = data.extra.get("customers")
    document.add(heading(text(lang, "section_customers")))
    if found is None:
        return
    counts = found["counts"]
    document.add(subheading(text(lang, "tiers_title")))
    if counts.empty:
        document.add(paragraph(text(lang, "tiers_none"), color=MUTED), spacer(0.1))
        return
    document.add(tier_table(counts, lang), spacer(0.1))
    document.add(subheading(text(lang, "movement_title")))
    movement = found["movement"]
    moved = movement[movement["moved"].astype(bool)] if len(movement) else movement
    if moved.empty:
        document.add(paragraph(text(lang, "movement_none"), color=MUTED), spacer(0.1))
        return
    document.add(movement_table(moved.head(MOVEMENT_ROWS), lang))
    stayed = int(movement.loc[~movement["moved"].astype(bool), "customers"].sum())
    hidden = int(moved.iloc[MOVEMENT_ROWS:]["customers"].sum())
    document.add(paragraph(text(lang, "movement_stayed", count=f"{stayed + hidden:,}")))
    document.add(spacer(0.1))


def tier_table(counts: pd.DataFrame, lang: str) -> Any:
    """Tier, currency, customers, net spent (tiers in rule order)."""
    columns = [
        Column(text(lang, "col_tier"), 2.0),
        Column(text(lang, "col_currency"), 0.8),
        Column(text(lang, "col_customers"), 1.2, "right"),
        Column(text(lang, "col_net_amount"), 1.6, "right"),
    ]
    rows = [
        [
            str(row.tier),
            currency_name(lang, str(row.currency)),
            numbers.count(row.customers),
            numbers.money(row.net_cents / 100, str(row.currency)),
        ]
        for row in counts.itertuples(index=False)
    ]
    return Table(columns, rows, size=TABLE_PT).block()


def movement_table(moved: pd.DataFrame, lang: str) -> Any:
    """From tier → to tier, the kind of change, customers."""
    columns = [
        Column(text(lang, "col_from"), 1.6),
        Column(text(lang, "col_to"), 1.6),
        Column(text(lang, "col_direction"), 1.2),
        Column(text(lang, "col_customers"), 1.0, "right"),
    ]
    rows = [
        [
            str(row.from_tier) or text(lang, "no_tier"),
            str(row.to_tier) or text(lang, "no_tier"),
            text(lang, f"direction_{row.direction}"),
            numbers.count(row.customers),
        ]
        for row in moved.itertuples(index=False)
    ]
    return Table(columns, rows, size=TABLE_PT).block()


# --- Churn warning ------------------------------------------------------------------------------


@section("churn", "section_churn", 70)
def lay_out_churn(document: Document, data: MonthReportData, lang: str) -> None:
    """How many customers are past their warning window, by the tier they held, and the most
    valuable of them (masked)."""
    found = data.extra.get("churn")
    document.add(heading(text(lang, "section_churn")))
    if found is None:
        return
    if not found["total"]:
        document.add(paragraph(text(lang, "churn_none"), color=MUTED), spacer(0.1))
        return
    line = text(
        lang,
        "churn_text",
        day=_day(data, lang),
        total=f"{found['total']:,}",
        valuable=f"{found['valuable']:,}",
    )
    document.add(paragraph(line))
    separator = "、" if lang == "zh_CN" else ", "
    tiers = separator.join(
        f"{tier or text(lang, 'no_tier')} {count:,}" for tier, count in found["by_tier"].items()
    )
    document.add(paragraph(text(lang, "churn_by_tier", tiers=tiers)))
    if found["top"]:
        document.add(subheading(text(lang, "churn_top")), churn_table(found["top"], lang))
    names = text(lang, "names_masked" if data.mask_names else "names_shown")
    document.add(paragraph(text(lang, "churn_note", names=names), size=SMALL_PT, color=MUTED))
    document.add(spacer(0.1))


def churn_table(top: list[dict[str, Any]], lang: str) -> Any:
    """Customer (masked), the tier held, days silent, the window, net spent."""
    columns = [
        Column(text(lang, "col_customer"), 2.0),
        Column(text(lang, "col_tier"), 1.1),
        Column(text(lang, "col_silent"), 1.0, "right"),
        Column(text(lang, "col_window"), 1.0, "right"),
        Column(text(lang, "col_net_amount"), 1.4, "right"),
    ]
    rows = [
        [
            person["customer"] or "—",
            person["tier"] or text(lang, "no_tier"),
            numbers.count(person["days_silent"]),
            numbers.count(person["window_days"]),
            numbers.money(person["net_cents"] / 100, person["currency"] or "CNY"),
        ]
        for person in top
    ]
    return Table(columns, rows, size=TABLE_PT).block()


# --- Campaigns ----------------------------------------------------------------------------------


@section("campaigns", "section_campaigns", 72)
def lay_out_campaigns(document: Document, data: MonthReportData, lang: str) -> None:
    """The campaigns sent in the month: treated vs control response, uplift with its 95 %
    interval, extra revenue and ROI."""
    campaigns = data.extra.get("campaigns")
    document.add(heading(text(lang, "section_campaigns")))
    if campaigns is None:
        return
    if campaigns.empty:
        document.add(paragraph(text(lang, "campaigns_none"), color=MUTED), spacer(0.1))
        return
    document.add(
        paragraph(text(lang, "campaigns_text", count=len(campaigns), day=_day(data, lang)))
    )
    document.add(campaign_table(campaigns, lang))
    document.add(paragraph(text(lang, "campaigns_note"), size=SMALL_PT, color=MUTED))
    document.add(spacer(0.1))


def uplift_text(uplift: Any, low: Any, high: Any) -> str:
    """+12.3% (+5.1%~+19.5%): the difference of the rates with its interval."""
    if not numbers.known(uplift):
        return numbers.UNKNOWN
    if not (numbers.known(low) and numbers.known(high)):
        return f"{uplift * 100:+.1f}%"
    return f"{uplift * 100:+.1f}% ({low * 100:+.1f}%~{high * 100:+.1f}%)"


def campaign_table(campaigns: pd.DataFrame, lang: str) -> Any:
    """Name, sent day, group sizes, the two rates, uplift (CI), extra revenue, ROI."""
    columns = [
        Column(text(lang, "col_campaign"), 1.35),
        Column(text(lang, "col_sent"), 0.7),
        Column(text(lang, "col_groups"), 1.05, "right"),
        Column(text(lang, "col_treatment_rate"), 0.8, "right"),
        Column(text(lang, "col_control_rate"), 0.8, "right"),
        Column(text(lang, "col_uplift"), 1.55, "right"),
        Column(text(lang, "col_extra_revenue"), 0.95, "right"),
        Column(text(lang, "col_roi"), 0.6, "right"),
    ]
    rows = []
    for row in campaigns.itertuples(index=False):
        currency = str(row.currency or "CNY")
        extra = row.extra_revenue_cents
        rows.append(
            [
                " ".join(str(row.name).split()),
                locale_formats.format_short_date(row.when, lang) if row.when == row.when else "—",
                f"{numbers.count(row.treated)} / {numbers.count(row.control)}",
                numbers.rate(row.treatment_rate),
                numbers.rate(row.control_rate),
                uplift_text(row.uplift, row.ci_low, row.ci_high),
                numbers.money(extra / 100 if numbers.known(extra) else None, currency),
                numbers.rate(row.roi, 0),
            ]
        )
    return Table(columns, rows, size=TABLE_PT).block()
