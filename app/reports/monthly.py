"""The monthly report: the document builder, the cover and the key-figures table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app import locale_formats
from app.reports import numbers
from app.reports.data import MonthFigures, MonthReportData
from app.reports.layout import (
    ACCENT,
    BODY_PT,
    INK,
    MUTED,
    SMALL_PT,
    Block,
    Column,
    Document,
    Frame,
    Table,
    fit,
    heading,
    paragraph,
    spacer,
)
from app.reports.sections import Section, chosen_sections, section
from app.reports.strings import check_language, currency_name, month_title, text

if TYPE_CHECKING:
    from matplotlib.figure import Figure, SubFigure


def build_month_report(
    data: MonthReportData, sections: Iterable[str] | None = None, lang: str = "zh_CN"
) -> list[Figure]:
    """The report's pages (A4 Figures) for ``data``, with the chosen sections (all when None)."""
    check_language(lang)
    chosen = chosen_sections(sections)
    document = Document(page_frame(data, lang))
    document.sections = chosen  # the cover lists them
    for part in chosen:
        part.lay_out(document, data, lang)
    return document.render()


def report_month_title(data: MonthReportData, lang: str) -> str:
    """2026年10月, or 2026年11月（截至 11月28日）for the month still running."""
    month = month_title(lang, data.month.year, data.month.month)
    if data.month.first_day <= data.today < data.month.last_day:
        return month + text(
            lang, "month_so_far", day=locale_formats.format_short_date(data.today, lang)
        )
    return month


def page_frame(data: MonthReportData, lang: str) -> Frame:
    """The header and footer of every page."""
    month = report_month_title(data, lang)
    return Frame(
        left=data.shop_name or text(lang, "unnamed_shop"),
        right=f"{month} · {text(lang, 'report_title')}",
        footer=text(lang, "generated", day=locale_formats.format_date(data.today, lang)),
        page_label=lambda n, total: text(lang, "page_of", n=n, total=total),
    )


# --- Cover --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """One number on the cover: abbreviated big, in full small, with its change."""

    label: str
    big: str
    full: str
    change: str


@section("cover", "section_cover", 0)
def lay_out_cover(document: Document, data: MonthReportData, lang: str) -> None:
    """Title, shop, month, the headline numbers and what the report contains."""
    document.add(_cover_title(data, lang), spacer(0.3))
    document.add(_headline_grid(headlines(data, lang)), spacer(0.35))
    titles = [
        text(lang, s.title_key) for s in getattr(document, "sections", ()) if s.key != "cover"
    ]
    if titles:
        document.add(paragraph(text(lang, "cover_contents"), color=ACCENT, size=BODY_PT + 2))
        document.add(paragraph(" · ".join(titles)))
    document.add(spacer(0.2), paragraph(text(lang, "cover_note"), size=SMALL_PT, color=MUTED))


def _cover_title(data: MonthReportData, lang: str) -> Block:
    name = data.shop_name or text(lang, "unnamed_shop")
    month = report_month_title(data, lang)

    def draw(sub: SubFigure, width: float, height: float) -> None:
        sub.text(0, 1 - 0.9 / height, fit(name, width, 24), fontsize=24, color=INK, va="baseline")
        title = f"{month} · {text(lang, 'report_title')}"
        sub.text(0, 1 - 1.5 / height, title, fontsize=16, color=ACCENT, va="baseline")

    return Block(1.8, draw)


def headlines(data: MonthReportData, lang: str) -> list[Headline]:
    """The cover's numbers: GMV per currency, paid orders, views, followers, new customers, ROAS."""
    now, before = data.current, data.previous
    found = []
    for currency in currencies([now]):
        amount = now.stats["gmv_by_currency"].get(currency, 0.0)
        found.append(
            Headline(
                text(lang, "headline_gmv_currency", currency=currency_name(lang, currency)),
                numbers.abbreviated_money(amount, currency, lang),
                numbers.money(amount, currency),
                _cover_change(lang, amount, _gmv(before, currency) if before.has_data else None),
            )
        )
    for label, value in (
        ("headline_orders", lambda m: m.stats["orders_paid"]),
        ("headline_views", lambda m: m.stats["video_views"]),
        ("headline_followers", lambda m: m.traffic.get("followers_gained")),
        ("headline_new_customers", lambda m: m.stats["new_customers"]),
    ):
        current = value(now)
        found.append(
            Headline(
                text(lang, label),
                numbers.abbreviated(current, lang),
                numbers.count(current),
                _cover_change(lang, current, value(before) if before.has_data else None),
            )
        )
    roas = _roas(now)
    if numbers.known(roas):
        found.append(
            Headline(
                text(lang, "headline_roas"),
                numbers.ratio(roas),
                numbers.money(now.stats["ad_spend"], "CNY"),
                _cover_change(lang, roas, _roas(before) if before.has_data else None),
            )
        )
    return found


def _cover_change(lang: str, value: Any, base: Any) -> str:
    if not numbers.known(base):
        return text(lang, "cover_no_previous")
    return text(lang, "cover_vs_previous", change=numbers.relative_change(value, base))


def _headline_grid(items: Sequence[Headline]) -> Block:
    per_row, card_height = (4 if len(items) > 6 else 3), 1.25
    rows = (len(items) + per_row - 1) // per_row

    def draw(sub: SubFigure, width: float, height: float) -> None:
        from matplotlib.patches import FancyBboxPatch

        gap = 0.15
        card_width = (width - gap * (per_row - 1)) / per_row
        for n, item in enumerate(items):
            left = (n % per_row) * (card_width + gap)
            top = (n // per_row) * (card_height + gap)
            box = FancyBboxPatch(
                (left / width, 1 - (top + card_height) / height),
                card_width / width,
                card_height / height,
                boxstyle="round,pad=0,rounding_size=0.01",
                facecolor="#f5f7fa",
                edgecolor="#d5dbe3",
                linewidth=0.6,
                transform=sub.transSubfigure,
            )
            sub.add_artist(box)
            x = (left + 0.15) / width

            def at(inches: float, top: float = top) -> float:
                return 1 - (top + inches) / height

            sub.text(x, at(0.3), item.label, fontsize=SMALL_PT + 0.5, color=MUTED, va="baseline")
            sub.text(x, at(0.75), item.big, fontsize=20, color=INK, va="baseline")
            room = card_width - 0.3
            sub.text(x, at(0.97), fit(item.full, room, SMALL_PT), fontsize=SMALL_PT, color=MUTED)
            sub.text(x, at(1.15), fit(item.change, room, SMALL_PT), fontsize=SMALL_PT, color=MUTED)

    return Block(rows * card_height + (rows - 1) * 0.15, draw)


# --- Key figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiRow:
    """One line of the key-figures table.

    Attributes:
        label: the figure's name.
        value: the figure of a month (None = unknown).
        kind: ``count``, ``money`` (with ``currency``), ``rate``, ``fine_rate`` or ``ratio``.
        currency: for money.
    """

    label: str
    value: Callable[[MonthFigures], float | int | None]
    kind: str
    currency: str = "CNY"


def currencies(months: Iterable[MonthFigures]) -> list[str]:
    """The currencies the months sold in, CNY first."""
    found = {c for m in months for c in m.stats.get("gmv_by_currency", {})}
    return sorted(found, key=lambda c: (c != "CNY", c)) or ["CNY"]


def _gmv(month: MonthFigures, currency: str) -> float:
    return float(month.stats["gmv_by_currency"].get(currency, 0.0))


def _refunds(month: MonthFigures, currency: str) -> float:
    return float(month.stats["refunds_by_currency"].get(currency, 0.0))


def _roas(month: MonthFigures) -> float | None:
    spend = month.stats["ad_spend"]
    return month.stats["ad_gmv"] / spend if spend else None


def conversion(month: MonthFigures) -> float | None:
    """Paid orders ÷ views of the month (as the key-figures page defines it)."""
    views = month.stats["video_views"]
    return month.stats["orders_paid"] / views if views else None


def kpi_rows(data: MonthReportData, lang: str) -> list[KpiRow]:
    """The key figures, in the table's order."""
    months = [data.current, *data.history]
    rows = [
        KpiRow(text(lang, "kpi_videos"), lambda m: m.stats["videos_published"], "count"),
        KpiRow(text(lang, "kpi_views"), lambda m: m.stats["video_views"], "count"),
        KpiRow(text(lang, "kpi_followers"), lambda m: m.traffic.get("followers_gained"), "count"),
        KpiRow(text(lang, "kpi_completion"), lambda m: m.traffic.get("completion_rate"), "rate"),
        KpiRow(text(lang, "kpi_orders"), lambda m: m.stats["orders_paid"], "count"),
    ]
    for currency in currencies(months):
        rows.append(
            KpiRow(
                text(lang, "kpi_gmv", currency=currency_name(lang, currency)),
                lambda m, c=currency: _gmv(m, c),
                "money",
                currency,
            )
        )
    for currency in currencies(months):
        rows.append(
            KpiRow(
                text(lang, "kpi_refunds", currency=currency_name(lang, currency)),
                lambda m, c=currency: _refunds(m, c),
                "money",
                currency,
            )
        )
    rows += [
        KpiRow(text(lang, "kpi_conversion"), conversion, "fine_rate"),
        KpiRow(text(lang, "kpi_ad_spend"), lambda m: m.stats["ad_spend"], "money"),
        KpiRow(text(lang, "kpi_ad_gmv"), lambda m: m.stats["ad_gmv"], "money"),
        KpiRow(text(lang, "kpi_roas"), _roas, "ratio"),
        KpiRow(text(lang, "kpi_buyers"), lambda m: m.stats["buyers"], "count"),
        KpiRow(text(lang, "kpi_new"), lambda m: m.stats["new_customers"], "count"),
        KpiRow(text(lang, "kpi_repeat"), lambda m: m.stats["repeat_buyers"], "count"),
        KpiRow(text(lang, "kpi_at_risk"), lambda m: m.stats["at_risk_customers"], "count"),
        KpiRow(text(lang, "kpi_negative"), lambda m: m.stats["negative_reviews"], "count"),
    ]
    return rows


def format_kpi(row: KpiRow, value: float | int | None) -> str:
    """A key figure printed in full."""
    if row.kind == "money":
        return numbers.money(value, row.currency)
    if row.kind == "rate":
        return numbers.rate(value)
    if row.kind == "fine_rate":
        return numbers.rate(value, 2)
    if row.kind == "ratio":
        return numbers.ratio(value)
    return numbers.count(value)


def average(values: Sequence[float | int | None]) -> float | None:
    """The mean of the known values (None when none is known)."""
    known = [float(v) for v in values if numbers.known(v)]
    return sum(known) / len(known) if known else None


@section("kpis", "section_kpis", 10)
def lay_out_kpis(document: Document, data: MonthReportData, lang: str) -> None:
    """The key figures: this month, last month, the change, the 3-month average."""
    document.add(heading(text(lang, "section_kpis"), new_page=True))
    columns = [
        Column(text(lang, "kpi_metric"), 1.45),
        Column(text(lang, "kpi_this_month"), 1.25, "right"),
        Column(text(lang, "kpi_previous"), 1.25, "right"),
        Column(text(lang, "kpi_change"), 1.2, "right"),
        Column(text(lang, "kpi_average"), 1.25, "right"),
        Column(text(lang, "kpi_vs_average"), 1.2, "right"),
    ]
    with_data = [m for m in data.history if m.has_data]
    previous = data.previous if data.previous.has_data else None
    rows = []
    for row in kpi_rows(data, lang):
        now = row.value(data.current)
        before = row.value(previous) if previous else None
        mean = average([row.value(m) for m in with_data])
        change = _change(row, now, before, lang)
        rows.append(
            [
                row.label,
                format_kpi(row, now),
                format_kpi(row, before),
                change,
                format_kpi(row, mean),
                _change(row, now, mean, lang),
            ]
        )
    document.add(Table(columns, rows).block(), spacer(0.12))
    if with_data:
        names = [locale_formats.month_key_name(str(m.month), lang) for m in with_data]
        months = ("、" if lang == "zh_CN" else ", ").join(names)
        note = text(lang, "kpi_average_months", months=months)
    else:
        note = text(lang, "kpi_no_average")
    document.add(paragraph(note, size=SMALL_PT, color=MUTED))
    document.add(paragraph(text(lang, "kpi_definitions"), size=SMALL_PT, color=MUTED))


def _change(row: KpiRow, value: Any, base: Any, lang: str) -> str:
    if row.kind in ("rate", "fine_rate"):
        return numbers.point_change(value, base, lang)
    return numbers.relative_change(value, base)


# The other built-in sections register themselves on import.
from app.reports import (  # noqa: E402, F401
    content_sections,
    conversion_sections,
    customer_sections,
    plan_sections,
)

__all__ = ["Section", "build_month_report"]
