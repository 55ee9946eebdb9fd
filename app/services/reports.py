"""The monthly report's use cases: gather a month's data from the store, write the PDF.

The figures come from :func:`app.services.stats.month_stats` (what ``shopreel stats`` prints) and
the Traffic tab's own analytics; :mod:`app.reports` lays them out. Nothing that names a customer
reaches the report unmasked: phone numbers in any text (a video or plan title) are masked here,
and customers' names too when the Privacy setting asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db import Reader, Store
from app.importers.phones import mask_phone
from app.services.privacy import mask_name, mask_phones_in
from app.services.progress import Cancelled, NullProgress, Progress

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from app.reports.data import BestSlot, MonthFigures, MonthKey, MonthReportData, PlanLine

HISTORY_MONTHS = 3
BEST_SLOT_DAYS = 90
BEST_SLOT_MIN_VIDEOS = 3
SPAN_SQL = (  # portable: no date functions (SQLite stores text, PostgreSQL timestamps)
    "SELECT MIN(published_at), MAX(published_at) FROM videos",
    "SELECT MIN(paid_at), MAX(paid_at) FROM order_lines WHERE NOT cancelled",
    "SELECT MIN(day), MAX(day) FROM ad_spend",
)
REVIEW_DAYS_SQL = "SELECT reviewed_on FROM reviews"

# Data for the sections other tabs add: section key → loader(sources) (app.services.report_extras).
EXTRA_LOADERS: dict[str, Callable[[ReportSources], Any]] = {}


class ReportSources:
    """What the extra sections' loaders read, each loaded once per report: the conversion data,
    the customer ledger and the churn list as of the month's end (today for the running month).

    Attributes:
        reader: the store.
        month: the report's month.
        today: when the report is made.
        mask_names: the Privacy setting (customers' names masked).
    """

    def __init__(self, reader: Reader, month: MonthKey, today: date, mask_names: bool) -> None:
        self.reader, self.month, self.today, self.mask_names = reader, month, today, mask_names

    @property
    def as_of(self) -> date:
        """The month's last day, or today while the month runs."""
        return min(self.month.last_day, self.today)

    @cached_property
    def conversion(self) -> Any:
        """:func:`app.services.conversion.load_conversion`, phone numbers in video titles
        masked (the ledger prints them)."""
        from app.services.conversion import load_conversion

        data = load_conversion(self.reader)
        data.videos["title"] = data.videos["title"].map(mask_phones_in)
        return data

    @property
    def conversion_filter(self) -> Any:
        """The whole shop over the month's days."""
        from app.analytics.conversion import ConversionFilter
        from app.analytics.periods import Period

        return ConversionFilter(Period(self.month.first_day, self.month.last_day))

    @cached_property
    def video_ledger(self) -> pd.DataFrame:
        """The content-to-cash ledger of the videos published in the month."""
        from app.analytics.conversion_ledger import ledger

        return ledger(self.conversion, self.conversion_filter, "video")

    @cached_property
    def ledger(self) -> pd.DataFrame:
        """:func:`app.services.customers.load_ledger` as of :attr:`as_of`."""
        from app.services.customers import load_ledger

        return load_ledger(self.reader, self.as_of)

    @cached_property
    def churn(self) -> pd.DataFrame:
        """:func:`app.services.retention.churn_list` as of :attr:`as_of`."""
        from app.services.retention import churn_list

        return churn_list(self.reader, self.as_of, self.ledger)


def customer_label(name: str | None, phone: str | None, *, mask_names: bool) -> str:
    """How the report names a customer (for the sections that list customers): the masked phone,
    then the name (masked as the Privacy setting asks); phone numbers inside a name are masked too.
    """
    parts = [mask_phone(phone) or "", mask_name(name) if mask_names else (name or "").strip()]
    return mask_phones_in(" ".join(p for p in parts if p))


def report_months(reader: Reader) -> list[str]:
    """The months (``2026-10``) from the first to the last with videos, paid orders or ad
    spend, newest first (none for an empty store)."""
    from app.reports.data import MonthKey
    from app.services.tables import as_date

    days = [as_date(v) for sql in SPAN_SQL for v in reader.query(sql)[1][0]]
    known = [d for d in days if d is not None]
    if not known:
        return []
    month, last = MonthKey(min(known).year, min(known).month), max(known)
    found = []
    while month.first_day <= last:
        found.append(str(month))
        month = month.shifted(1)
    return found[::-1]


def month_report_data(
    reader: Reader,
    month: str,
    today: date | None = None,
    *,
    mask_names: bool = False,
    sections: Iterable[str] | None = None,
) -> MonthReportData:
    """Everything the report of ``month`` (``2026-10``) shows, read from the store."""
    from app.analytics.traffic import Period, TrafficFilter, daily_trend
    from app.reports.data import MonthKey, MonthReportData
    from app.services.overview import shop_name
    from app.services.traffic import load_trend_inputs, load_videos

    key = MonthKey.parse(month)
    videos = load_videos(reader)
    videos["title"] = videos["title"].map(mask_phones_in)
    review_days = [str(d)[:7] for (d,) in reader.query(REVIEW_DAYS_SQL)[1] if d]
    history = tuple(
        _month_figures(reader, key.shifted(-n), videos, review_days)
        for n in range(HISTORY_MONTHS, 0, -1)
    )
    current = _month_figures(reader, key, videos, review_days)
    flt = TrafficFilter(Period(key.first_day, key.last_day))
    daily, snapshots = load_trend_inputs(reader)
    from app.services import report_extras  # noqa: F401 - registers the loaders

    extra: dict[str, Any] = {"pillar_colors": _pillar_colors(reader)}
    sources = ReportSources(reader, key, today or date.today(), mask_names)
    for name, load in EXTRA_LOADERS.items():
        if sections is None or name in sections:
            extra[name] = load(sources)
    return MonthReportData(
        shop_name=mask_phones_in(shop_name(reader)),
        month=key,
        today=today or date.today(),
        current=current,
        history=history,
        videos=flt.select(videos),
        trend=daily_trend(daily, snapshots, flt, "views"),
        best_slot=best_slot(reader, key.last_day),
        plan=next_month_plan(reader, key.shifted(1)),
        reviews=review_days.count(str(key)),
        mask_names=mask_names,
        extra=extra,
    )


def _month_figures(
    reader: Reader, key: MonthKey, videos: pd.DataFrame, review_days: list[str]
) -> MonthFigures:
    from app.analytics.traffic import Period, TrafficFilter, kpi_values
    from app.reports.data import MonthFigures
    from app.services.stats import Month, month_stats

    stats = month_stats(reader, Month(key.year, key.month))
    traffic = kpi_values(TrafficFilter(Period(key.first_day, key.last_day)).select(videos))
    has_data = bool(
        stats["videos_published"]
        or stats["orders_paid"]
        or stats["ad_spend"]
        or str(key) in review_days
    )
    return MonthFigures(key, stats, traffic, has_data)


def _pillar_colors(reader: Reader) -> dict[str, str]:
    rows = reader.query("SELECT name, color FROM content_pillars")[1]
    return {str(n): str(c) for n, c in rows if n and c}


def best_slot(reader: Reader, last_day: date) -> BestSlot | None:
    """The weekday × hour whose videos had the highest median views in the 90 days up to
    ``last_day`` (at least 3 videos), against the median of all timed videos of those days."""
    from app.analytics.content import best_slots, posting_heatmap
    from app.reports.data import BestSlot
    from app.services.plan_insights import video_frame

    start = last_day - timedelta(days=BEST_SLOT_DAYS - 1)
    frame = video_frame(reader, start, last_day)
    heatmap = posting_heatmap(frame, "views", BEST_SLOT_MIN_VIDEOS)
    found = best_slots(heatmap, 1)
    published = frame["published_at"]
    timed = frame[published.notna() & (published != published.dt.normalize())]
    overall = timed["views"].median()
    if not found or not overall or overall != overall:
        return None
    slot = found[0]
    return BestSlot(slot.weekday, slot.hour, slot.value, slot.videos, slot.value / float(overall))


def next_month_plan(reader: Reader, key: MonthKey) -> tuple[PlanLine, ...]:
    """The plan items of ``key``'s days, with their pillar and template names (phone numbers
    in titles masked)."""
    from app.reports.data import PlanLine
    from app.services.plan import list_pillars, list_plan_items, list_templates

    pillars = {p.id: p.name for p in list_pillars(reader)}
    templates = {t.id: t.name for t in list_templates(reader)}
    return tuple(
        PlanLine(
            planned_at=item.planned_at,
            title=mask_phones_in(" ".join(item.title.split())),
            pillar=pillars.get(item.pillar_id, "") if item.pillar_id else "",
            template=templates.get(item.template_id, "") if item.template_id else "",
            platforms=item.platforms,
            status=item.status,
        )
        for item in list_plan_items(reader, key.first_day, key.last_day)
    )


def build_report(
    reader: Reader,
    month: str,
    *,
    lang: str = "zh_CN",
    sections: Iterable[str] | None = None,
    today: date | None = None,
    mask_names: bool = False,
    progress: Progress | None = None,
) -> list[Figure]:
    """The report's pages as A4 Figures (for the PDF, the preview and the printer)."""
    from app.reports.monthly import build_month_report
    from app.reports.sections import chosen_sections
    from app.reports.strings import check_language

    check_language(lang)
    keys = [s.key for s in chosen_sections(sections)]  # unknown names fail before any work
    progress = progress or NullProgress()
    progress.update(0, 3, "data")
    data = month_report_data(reader, month, today, mask_names=mask_names, sections=keys)
    _check(progress)
    progress.update(1, 3, "pages")
    pages = build_month_report(data, keys, lang)
    _check(progress)
    progress.update(2, 3, "pages")
    return pages


def _check(progress: Progress) -> None:
    if progress.cancelled:
        raise Cancelled("The report was cancelled.")


def save_pdf(pages: list[Figure], path: Path, *, title: str = "") -> None:
    """Write the pages to a PDF (fonttype 3: Chinese stays searchable), atomically."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    from app.charts import font_rc
    from app.services.export import _atomic

    metadata = {"Title": title, "Creator": "ShopReel", "CreationDate": None}
    with (
        matplotlib.rc_context(font_rc()),
        _atomic(Path(path), "wb") as file,
        PdfPages(file, metadata=metadata) as pdf,
    ):
        for page in pages:
            pdf.savefig(page)


def write_month_report(
    store: Store,
    month: str,
    path: Path,
    *,
    lang: str = "zh_CN",
    sections: Iterable[str] | None = None,
    today: date | None = None,
    mask_names: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the report of ``month`` to ``path`` (a temporary file replaces it once complete);
    the number of pages."""
    from app.reports.strings import month_title, text

    reader = store.reader()
    try:
        pages = build_report(
            reader,
            month,
            lang=lang,
            sections=sections,
            today=today,
            mask_names=mask_names,
            progress=progress,
        )
    finally:
        reader.close()
    year, number = (int(part) for part in month.split("-"))
    title = f"{month_title(lang, year, number)} {text(lang, 'report_title')}"
    save_pdf(pages, path, title=title)
    return len(pages)


def page_svgs(pages: list[Figure]) -> list[bytes]:
    """Each page as SVG with its text as paths (for painting onto a printer, same look)."""
    import io

    import matplotlib

    from app.charts import font_rc

    found = []
    with matplotlib.rc_context({**font_rc(), "svg.fonttype": "path"}):
        for page in pages:
            buffer = io.BytesIO()
            page.savefig(buffer, format="svg")
            found.append(without_empty_glyphs(buffer.getvalue()))
    return found


_EMPTY_GLYPH = re.compile(rb'<path id="([^"]+)" transform="[^"]*"/>\s*')
_USE = re.compile(rb'<use xlink:href="#([^"]+)"[^>]*/>\s*')


def without_empty_glyphs(svg: bytes) -> bytes:
    """``svg`` without the glyphs that have no outline (the space) and their uses.

    matplotlib writes such a glyph as a path without ``d``: Qt's SVG renderer drops the path and
    then warns at every use, and an outline-less stand-in (``M 0 0``) makes Qt's PDF printer
    write a closepath without a current point, which PDF readers report as an error.
    """
    empty = set(re.findall(rb'<path id="([^"]+)" transform="[^"]*"/>', svg))
    if not empty:
        return svg
    svg = _EMPTY_GLYPH.sub(lambda m: b"" if m.group(1) in empty else m.group(0), svg)
    return _USE.sub(lambda m: b"" if m.group(1) in empty else m.group(0), svg)
