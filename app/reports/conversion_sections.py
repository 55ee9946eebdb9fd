"""Conversion sections (#6): the funnel and attribution, ad ROI and the content-to-cash ledger.

Their data is gathered by :mod:`app.services.report_extras` from the Conversion tab's analytics;
the charts are the tab's own (:mod:`app.conversion_charts`), drawn into a band of the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.reports import numbers
from app.reports.data import MonthReportData
from app.reports.layout import (
    MUTED,
    SMALL_PT,
    Column,
    Document,
    Table,
    chart,
    heading,
    paragraph,
    spacer,
    subheading,
)
from app.reports.sections import section
from app.reports.strings import STRINGS, currency_name, platform_name, text

if TYPE_CHECKING:
    import pandas as pd

    from app.analytics.conversion import Funnel

TABLE_PT = 8.0
FUNNEL_CHART_HEIGHT = 2.3
LEDGER_CHART_HEIGHT = 2.6
LEDGER_ROWS = 5
EXPORT_NAMES = {
    "douyin_video_list": "抖音视频列表",
    "kuaishou_video_list": "快手作品列表",
    "channels_video_detail": "视频号视频明细",
    "xhs_note_list": "小红书笔记列表",
    "tiktok_studio_content": "TikTok Studio Content",
    "douyin_shop_orders": "抖店订单",
    "tiktok_shop_orders": "TikTok Shop Orders",
}


# --- Funnel and attribution ---------------------------------------------------------------------


@section("funnel", "section_funnel", 50)
def lay_out_funnel(document: Document, data: MonthReportData, lang: str) -> None:
    """The month's funnel (unknown steps as "—" with the export that would give them), its
    chart, and where the paid orders came from by format, platform and path."""
    from app import conversion_charts

    found = data.extra.get("funnel")
    document.add(heading(text(lang, "section_funnel"), new_page=True))
    if found is None:
        return
    funnel: Funnel = found["funnel"]
    document.add(subheading(text(lang, "funnel_table_title")), funnel_table(funnel, lang))
    for note in unknown_step_notes(funnel, lang):
        document.add(paragraph(note, size=SMALL_PT, color=MUTED))
    currency = funnel.currency
    document.add(
        paragraph(
            text(lang, "funnel_note", currency=currency_name(lang, currency)),
            size=SMALL_PT,
            color=MUTED,
        )
    )
    labels = {key: text(lang, f"step_{key}") for key in _steps(funnel)}
    labels["title"] = text(lang, "funnel_chart_title")
    empty = text(lang, "funnel_empty")
    document.add(
        chart(
            FUNNEL_CHART_HEIGHT,
            lambda sub: conversion_charts.funnel_chart(
                [funnel], labels, empty_label=empty, into=sub
            ),
        ),
        spacer(0.1),
    )
    document.add(subheading(text(lang, "attribution_title")))
    for by, title_key in (
        ("format", "by_format"),
        ("platform", "by_platform"),
        ("path", "by_path"),
    ):
        frame = found["attribution"][by]
        if frame.empty:
            continue
        document.add(
            paragraph(text(lang, title_key), color=MUTED), attribution_table(frame, by, lang)
        )
        document.add(spacer(0.06))
    match = found["match"]
    platforms = "、" if lang == "zh_CN" else ", "
    names = platforms.join(platform_name(lang, p) for p in match.attributing_platforms) or "—"
    note = text(
        lang,
        "match_note",
        lines=f"{match.lines:,}",
        with_video=f"{match.with_video:,}",
        platforms=names,
    )
    document.add(paragraph(note, size=SMALL_PT, color=MUTED), spacer(0.1))


def _steps(funnel: Funnel) -> list[str]:
    return [step.key for step in funnel.steps]


def funnel_value(funnel: Funnel, key: str) -> str:
    """A step's value in full (net GMV as money in the funnel's currency)."""
    value = funnel.step(key).value
    if key == "net_gmv":
        return numbers.money(None if value is None else value / 100, funnel.currency)
    return numbers.count(value)


def funnel_table(funnel: Funnel, lang: str) -> Any:
    """Step, value, rate over the step before ("—" when unknown)."""
    columns = [
        Column(text(lang, "col_step"), 2.2),
        Column(text(lang, "col_value"), 1.6, "right"),
        Column(text(lang, "col_step_rate"), 1.4, "right"),
    ]
    rows = [
        [text(lang, f"step_{step.key}"), funnel_value(funnel, step.key), numbers.rate(step.rate)]
        for step in funnel.steps
    ]
    return Table(columns, rows, size=TABLE_PT).block()


def unknown_step_notes(funnel: Funnel, lang: str) -> list[str]:
    """For each unknown step: the exports that would give it, or that none does today."""
    notes = []
    for key in funnel.missing:
        step = text(lang, f"step_{key}")
        sources = funnel.missing_from.get(key, ())
        if not sources:
            notes.append(text(lang, "funnel_unknown_none", steps=step))
            continue
        exports = ("、" if lang == "zh_CN" else ", ").join(EXPORT_NAMES.get(s, s) for s in sources)
        notes.append(text(lang, "funnel_unknown_from", step=step, exports=exports))
    return notes


def source_name(by: str, key: Any, label: Any, lang: str) -> str:
    """A group's name: formats and paths translated, platforms by their names."""
    if by == "format" and f"format_{key}" in STRINGS:
        return text(lang, f"format_{key}")
    if by == "path" and f"path_{key}" in STRINGS:
        return text(lang, f"path_{key}")
    if by == "platform":
        return platform_name(lang, str(key))
    return str(label or key or "—")


def attribution_table(frame: pd.DataFrame, by: str, lang: str) -> Any:
    """Source, currency, paid orders, share, GMV and net GMV per group and currency."""
    columns = [
        Column(text(lang, "col_source"), 2.2),
        Column(text(lang, "col_currency"), 0.6),
        Column(text(lang, "col_orders"), 0.9, "right"),
        Column(text(lang, "col_share"), 0.7, "right"),
        Column(text(lang, "col_gmv"), 1.25, "right"),
        Column(text(lang, "col_net"), 1.25, "right"),
    ]
    rows = [
        [
            source_name(by, row.key, row.label, lang),
            currency_name(lang, str(row.currency)),
            numbers.count(row.orders),
            numbers.rate(row.share),
            numbers.money(row.gmv_cents / 100, str(row.currency)),
            numbers.money(row.net_cents / 100, str(row.currency)),
        ]
        for row in frame.itertuples(index=False)
    ]
    return Table(columns, rows, size=TABLE_PT).block()


# --- Ad ROI and the content-to-cash ledger ------------------------------------------------------


@section("ads", "section_ads", 55)
def lay_out_ads(document: Document, data: MonthReportData, lang: str) -> None:
    """Ad spend per channel with ROAS and ROI, and the ledger's videos that earned and lost most
    (those below break-even marked), with the ROAS-against-break-even chart."""
    from app import conversion_charts

    found = data.extra.get("ads")
    document.add(heading(text(lang, "section_ads")))
    if found is None:
        return
    channels = found["channels"]
    document.add(subheading(text(lang, "ads_title")))
    if channels.empty:
        document.add(paragraph(text(lang, "ads_none"), color=MUTED))
    else:
        document.add(ad_table(channels, lang))
        document.add(paragraph(text(lang, "ads_note"), size=SMALL_PT, color=MUTED))
    document.add(spacer(0.1))
    ledger = found["ledger"]
    top, bottom = ledger_ends(ledger)
    if top.empty:
        document.add(paragraph(text(lang, "ledger_none"), color=MUTED), spacer(0.1))
        return
    by = "profit" if ledger_key(ledger) == "profit_cents" else "net"
    document.add(subheading(text(lang, f"ledger_top_{by}")), ledger_table(top, lang))
    if not bottom.empty:
        document.add(spacer(0.06), subheading(text(lang, f"ledger_bottom_{by}")))
        document.add(ledger_table(bottom, lang))
    below = int(ledger["below_break_even"].fillna(False).astype(bool).sum())
    document.add(paragraph(text(lang, "ledger_note", below=below), size=SMALL_PT, color=MUTED))
    labels = {
        "title": text(lang, "ledger_chart_title"),
        "roas": "ROAS",
        "break_even": text(lang, "break_even"),
    }
    if (ledger["ad_spend_cents"].fillna(0) > 0).any():
        document.add(
            chart(
                LEDGER_CHART_HEIGHT,
                lambda sub: conversion_charts.ledger_chart(ledger, labels, into=sub),
            )
        )
    document.add(spacer(0.1))


def ad_table(channels: pd.DataFrame, lang: str) -> Any:
    """Channel, currency, days, spend, ad GMV, ROAS and ROI."""
    columns = [
        Column(text(lang, "col_channel"), 1.5),
        Column(text(lang, "col_currency"), 0.6),
        Column(text(lang, "col_days"), 0.7, "right"),
        Column(text(lang, "col_spend"), 1.25, "right"),
        Column(text(lang, "col_ad_gmv"), 1.25, "right"),
        Column(text(lang, "col_roas"), 0.6, "right"),
        Column(text(lang, "col_roi"), 0.7, "right"),
    ]
    rows = []
    for row in channels.itertuples(index=False):
        currency = str(row.currency)
        name = f"channel_{row.key}"
        rows.append(
            [
                text(lang, name) if name in STRINGS else str(row.key),
                currency_name(lang, currency),
                numbers.count(row.days),
                numbers.money(row.spend_cents / 100, currency),
                numbers.money(row.ad_gmv_cents / 100, currency),
                numbers.ratio(row.roas),
                numbers.rate(row.roi),
            ]
        )
    return Table(columns, rows, size=TABLE_PT).block()


def ledger_key(ledger: pd.DataFrame) -> str:
    """What ranks the ledger's rows: profit when a cost price makes it known for at least half
    the rows with money, else net GMV."""
    rows = _with_money(ledger)
    known = int(rows["profit_cents"].notna().sum())
    return "profit_cents" if rows.size and known * 2 >= len(rows) else "net_cents"


def _with_money(ledger: pd.DataFrame) -> pd.DataFrame:
    money = ledger["net_cents"].fillna(0).abs() + ledger["ad_spend_cents"].fillna(0)
    return ledger[money > 0]


def ledger_ends(ledger: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ledger rows at the top and the bottom by :func:`ledger_key` (rows with neither
    sales nor spend, or an unknown key, left out); the bottom never repeats a top row."""
    key = ledger_key(ledger)
    rows = _with_money(ledger)
    rows = rows[rows[key].notna()].sort_values([key, "video_id"], ascending=[False, True])
    top = rows.head(LEDGER_ROWS)
    rest = rows.iloc[len(top) :]
    bottom = rest.tail(LEDGER_ROWS).iloc[::-1]
    return top, bottom


def ledger_table(rows: pd.DataFrame, lang: str) -> Any:
    """Title, platform, orders, net GMV, ad spend, ROAS, break-even, profit and the flag."""
    columns = [
        Column(text(lang, "col_title"), 1.5),
        Column(text(lang, "col_platform"), 0.65),
        Column(text(lang, "col_ledger_orders"), 0.55, "right"),
        Column(text(lang, "col_net"), 0.95, "right"),
        Column(text(lang, "col_spend"), 0.95, "right"),
        Column(text(lang, "col_roas"), 0.5, "right"),
        Column(text(lang, "col_break_even"), 0.75, "right"),
        Column(text(lang, "col_profit"), 1.0, "right"),
        Column(text(lang, "col_flag"), 0.7),
    ]
    import pandas as pd

    found = []
    for row in rows.itertuples(index=False):
        currency = str(row.currency or "CNY")
        below = row.below_break_even
        flag = "" if pd.isna(below) else text(lang, "flag_below" if below else "flag_above")
        found.append(
            [
                " ".join(str(row.title).split()),
                platform_name(lang, str(row.platform)),
                numbers.count(row.orders),
                _cents(row.net_cents, currency),
                _cents(row.ad_spend_cents, currency),
                numbers.ratio(row.roas),
                _break_even(row.break_even_roas),
                _cents(row.profit_cents, currency),
                flag,
            ]
        )
    return Table(columns, found, size=TABLE_PT).block()


def _cents(value: Any, currency: str) -> str:
    return numbers.money(None if value is None or value != value else value / 100, currency)


def _break_even(value: Any) -> str:
    if value is None or value != value:
        return numbers.UNKNOWN
    return "∞" if value == float("inf") else numbers.ratio(value)
