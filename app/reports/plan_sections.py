"""Negative reviews, next month's content plan and the recommendations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app import locale_formats
from app.reports import numbers
from app.reports.data import MonthReportData
from app.reports.layout import (
    MUTED,
    Column,
    Document,
    Table,
    bullets,
    heading,
    paragraph,
    spacer,
)
from app.reports.sections import section
from app.reports.strings import month_title, platform_name, text, weekday_name

# --- Reviews ------------------------------------------------------------------------------------


@section("reviews", "section_reviews", 80)
def lay_out_reviews(document: Document, data: MonthReportData, lang: str) -> None:
    """The month's negative reviews against last month and the 3-month average."""
    document.add(heading(text(lang, "section_reviews")))
    count = data.current.stats["negative_reviews"]
    previous = data.previous.stats["negative_reviews"] if data.previous.has_data else None
    known = [m.stats["negative_reviews"] for m in data.history if m.has_data]
    mean = sum(known) / len(known) if known else None
    average = "—" if mean is None else f"{mean:,.1f}"
    line = text(
        lang, "reviews_text", count=count, previous=numbers.count(previous), average=average
    )
    document.add(paragraph(line))
    if data.reviews:
        share = numbers.rate(count / data.reviews)
        document.add(paragraph(text(lang, "reviews_share", total=f"{data.reviews:,}", share=share)))
    alerts = data.extra.get("reviews")
    if alerts is not None:
        document.add(paragraph(alerts_line(alerts, lang)))
    document.add(spacer(0.15))


FAST_REPLY_HOURS = 24


def alerts_line(alerts: Any, lang: str) -> str:
    """The month's crisis alerts: how many, how many answered (within a day), the median time
    to reply, how many are still open."""
    if alerts.empty:
        return text(lang, "alerts_none")
    hours = alerts["hours_to_reply"].dropna()
    median = hours.median() if len(hours) else None
    return text(
        lang,
        "alerts_text",
        alerts=f"{len(alerts):,}",
        reviews=f"{int((alerts['source'] == 'review').sum()):,}",
        comments=f"{int((alerts['source'] == 'comment').sum()):,}",
        replied=f"{len(hours):,}",
        fast=f"{int((hours <= FAST_REPLY_HOURS).sum()):,}",
        median=numbers.UNKNOWN if median is None else text(lang, "hours", hours=median),
        open=f"{int((alerts['status'] == 'open').sum()):,}",
    )


# --- Next month's plan --------------------------------------------------------------------------


@section("plan", "section_plan", 90)
def lay_out_plan(document: Document, data: MonthReportData, lang: str) -> None:
    """The videos planned for the next month."""
    month = month_title(lang, data.next_month.year, data.next_month.month)
    document.add(heading(f"{text(lang, 'section_plan')} · {month}"))
    if not data.plan:
        document.add(paragraph(text(lang, "plan_empty", month=month), color=MUTED), spacer(0.15))
        return
    document.add(paragraph(text(lang, "plan_count", month=month, count=len(data.plan))))
    columns = [
        Column(text(lang, "col_planned"), 1.1),
        Column(text(lang, "col_title"), 2.0),
        Column(text(lang, "col_pillar"), 0.9),
        Column(text(lang, "col_template"), 1.15),
        Column(text(lang, "col_platforms"), 1.35),
        Column(text(lang, "col_status"), 0.8),
    ]
    rows = [
        [
            locale_formats.format_short_datetime(item.planned_at, lang) if item.planned_at else "—",
            item.title,
            item.pillar or "—",
            item.template or "—",
            ("、" if lang == "zh_CN" else ", ").join(platform_name(lang, p) for p in item.platforms)
            or "—",
            text(lang, f"status_{item.status}") if f"status_{item.status}" in _STATUSES else "",
        ]
        for item in data.plan
    ]
    document.add(Table(columns, rows).block(), spacer(0.15))


_STATUSES = {
    f"status_{s}" for s in ("idea", "scripted", "shot", "edited", "scheduled", "published")
}


# --- Recommendations ----------------------------------------------------------------------------

MAX_RECOMMENDATIONS = 5
MIN_SLOT_RATIO = 1.2
MIN_PILLAR_RATIO = 1.3
MIN_PILLAR_VIDEOS = 3
REFUND_SHARE = 0.05
FINDING_VIDEOS = 5


@section("recommendations", "section_recommendations", 100)
def lay_out_recommendations(document: Document, data: MonthReportData, lang: str) -> None:
    """3–5 things to do next month, each with the number behind it."""
    document.add(heading(text(lang, "section_recommendations")))
    found = recommendations(data, lang)
    if not found:
        document.add(paragraph(text(lang, "recs_none"), color=MUTED))
        return
    document.add(*bullets(found))


def recommendations(data: MonthReportData, lang: str) -> list[str]:
    """Up to five recommendations, most useful first, each with its supporting number."""
    rules: list[Callable[[MonthReportData, str], str | None]] = [
        _best_slot,
        _below_break_even,
        _slipping_valuable,
        _conversion_slot,
        _completion,
        _pillar,
        _template,
        _roas,
        _refunds,
        _reviews,
        _plan_gap,
        _top_video,
    ]
    found = [r for r in (rule(data, lang) for rule in rules) if r]
    return found[:MAX_RECOMMENDATIONS]


def _best_slot(data: MonthReportData, lang: str) -> str | None:
    slot = data.best_slot
    if slot is None or slot.ratio < MIN_SLOT_RATIO:
        return None
    return text(
        lang,
        "rec_best_slot",
        weekday=weekday_name(lang, slot.weekday),
        hour=slot.hour,
        ratio=slot.ratio,
        videos=slot.videos,
    )


def _top_bottom_finding(data: MonthReportData, key: str) -> tuple[object, int] | None:
    from app.analytics.traffic import top_bottom

    if data.videos.empty:
        return None
    top, _, found = top_bottom(data.videos, n=FINDING_VIDEOS)
    match = next((f for f in found if f.key == key), None)
    return (match, len(top)) if match is not None else None


def _completion(data: MonthReportData, lang: str) -> str | None:
    result = _top_bottom_finding(data, "completion")
    if result is None:
        return None
    finding, n = result
    if finding.top_value <= finding.bottom_value:  # type: ignore[attr-defined]
        return None
    top = numbers.rate(finding.top_value)  # type: ignore[attr-defined]
    bottom = numbers.rate(finding.bottom_value)  # type: ignore[attr-defined]
    return text(lang, "rec_completion", n=n, top=top, bottom=bottom)


def _template(data: MonthReportData, lang: str) -> str | None:
    result = _top_bottom_finding(data, "template")
    if result is None:
        return None
    finding, n = result
    return text(
        lang,
        "rec_template",
        value=finding.top_value,  # type: ignore[attr-defined]
        n=n,
        top_share=numbers.rate(finding.top_share, 0),  # type: ignore[attr-defined]
        bottom_share=numbers.rate(finding.bottom_share, 0),  # type: ignore[attr-defined]
    )


def _pillar(data: MonthReportData, lang: str) -> str | None:
    from app.analytics.traffic import comparison

    videos = data.videos
    if videos.empty or videos["pillar"].isna().all():
        return None
    overall = videos["views"].median()
    groups = comparison(videos, "pillar")
    groups = groups[groups["group"].notna() & (groups["videos"] >= MIN_PILLAR_VIDEOS)]
    if groups.empty or not overall or overall != overall:
        return None
    best = groups.sort_values(["median_views", "videos"], ascending=False).iloc[0]
    ratio = float(best["median_views"]) / float(overall)
    if ratio < MIN_PILLAR_RATIO:
        return None
    return text(lang, "rec_pillar", value=best["group"], ratio=ratio, videos=int(best["videos"]))


def _roas(data: MonthReportData, lang: str) -> str | None:
    stats = data.current.stats
    spend, gmv = stats["ad_spend"], stats["ad_gmv"]
    if not spend:
        return None
    roas = gmv / spend
    values = {
        "roas": roas,
        "spend": numbers.money(spend, "CNY"),
        "gmv": numbers.money(gmv, "CNY"),
    }
    if roas < 1:
        return text(lang, "rec_roas_low", **values)
    return text(lang, "rec_roas_good", **values) if roas >= 2 else None


def _refunds(data: MonthReportData, lang: str) -> str | None:
    stats = data.current.stats
    gmv, refunds = stats["gmv"], stats["refunds"]
    if not gmv or refunds / gmv < REFUND_SHARE:
        return None
    return text(
        lang,
        "rec_refunds",
        refunds=numbers.money(refunds, "CNY"),
        share=numbers.rate(refunds / gmv),
    )


def _reviews(data: MonthReportData, lang: str) -> str | None:
    if not data.previous.has_data:
        return None
    count = data.current.stats["negative_reviews"]
    more = count - data.previous.stats["negative_reviews"]
    return text(lang, "rec_reviews", count=count, more=more) if more > 0 else None


def _plan_gap(data: MonthReportData, lang: str) -> str | None:
    published = data.current.stats["videos_published"]
    planned = len(data.plan)
    if not published or planned * 2 >= published:
        return None
    month = month_title(lang, data.next_month.year, data.next_month.month)
    return text(lang, "rec_plan_gap", month=month, planned=planned, published=published)


def _below_break_even(data: MonthReportData, lang: str) -> str | None:
    found = data.extra.get("recommendations") or {}
    worst = found.get("worst")
    if not worst:
        return None
    title = " ".join(str(worst["title"]).split())
    currency = str(worst.get("currency") or "CNY")
    return text(
        lang,
        "rec_below_break_even",
        title=title[:TITLE_CHARS] + ("…" if len(title) > TITLE_CHARS else ""),
        roas=numbers.ratio(worst["roas"]),
        break_even=numbers.ratio(worst["break_even_roas"]),
        profit=numbers.money(worst["profit_cents"] / 100, currency),
        count=found["below_break_even"],
    )


def _slipping_valuable(data: MonthReportData, lang: str) -> str | None:
    found = data.extra.get("recommendations") or {}
    valuable = found.get("slipping_valuable", 0)
    if not valuable:
        return None
    return text(lang, "rec_slipping_vip", valuable=f"{valuable:,}", total=f"{found['slipping']:,}")


def _conversion_slot(data: MonthReportData, lang: str) -> str | None:
    found = data.extra.get("recommendations") or {}
    slot = found.get("best_conversion_slot")
    if slot is None or not slot.conversion:
        return None
    return text(
        lang,
        "rec_conversion_slot",
        weekday=weekday_name(lang, slot.weekday),
        hour=slot.hour,
        per_mille=slot.conversion * 1000,
        videos=found["slot_videos"],
    )


TOP_VIDEO_RATIO = 2.0
TITLE_CHARS = 18


def _top_video(data: MonthReportData, lang: str) -> str | None:
    videos = data.videos[data.videos["views"].notna()]
    median = videos["views"].median() if len(videos) >= MIN_PILLAR_VIDEOS else None
    if not median or median != median:
        return None
    best = videos.sort_values(["views", "video_id"], ascending=[False, True]).iloc[0]
    ratio = float(best["views"]) / float(median)
    if ratio < TOP_VIDEO_RATIO:
        return None
    title = " ".join(str(best["title"]).split())
    short = title[:TITLE_CHARS] + ("…" if len(title) > TITLE_CHARS else "")
    return text(lang, "rec_top_video", title=short, views=numbers.count(best["views"]), ratio=ratio)
