"""Traffic sections: the daily trend, the top and bottom videos, pillars and templates."""

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
    bullets,
    chart,
    heading,
    paragraph,
    spacer,
    subheading,
)
from app.reports.sections import section
from app.reports.strings import platform_name, text

if TYPE_CHECKING:
    import pandas as pd

TREND_HEIGHT = 2.7
TOP_N = 5
VIDEO_TABLE_PT = 8.0
VALUE_COLUMNS = ("median_views", "median_completion", "median_interaction")


# --- Trend --------------------------------------------------------------------------------------


@section("trend", "section_trend", 20)
def lay_out_trend(document: Document, data: MonthReportData, lang: str) -> None:
    """Views per day (stacked by platform) and the month's figures per platform."""
    from app import charts

    names = {p: platform_name(lang, p) for p in data.trend.frame.columns}
    document.add(heading(text(lang, "section_trend")))
    note = paragraph(text(lang, "trend_note"), size=SMALL_PT, color=MUTED)
    note.keep_with_next = True  # the caption stays with its chart

    def draw(sub: Any) -> None:
        charts.trend_chart(
            data.trend,
            text(lang, "trend_chart_label"),
            True,
            platform_labels=names,
            empty_label=text(lang, "trend_empty"),
            into=sub,
        )
        for axes in sub.axes:  # the legend above the bars, not over the busiest days
            if axes.get_legend() is None:
                continue  # no data: no legend
            axes.legend(
                loc="lower left", bbox_to_anchor=(0, 1.0), ncols=5, fontsize=8, frameon=False
            )

    document.add(note, chart(TREND_HEIGHT, draw), spacer(0.1))
    document.add(subheading(text(lang, "platform_table_title")), platform_table(data, lang))


def platform_table(data: MonthReportData, lang: str) -> Any:
    """Videos, views, likes, comments, shares and paid orders per platform, with the total
    (the figures of ``shopreel stats``)."""
    stats = data.current.stats
    per = stats["by_platform"]["videos"]
    orders = stats["by_platform"]["orders_paid"]
    platforms = sorted(set(per) | set(orders), key=_platform_rank)
    metrics = ("videos_published", "video_views", "likes", "comments", "shares")
    rows = []
    for platform in platforms:
        figures = per.get(platform, {})
        rows.append(
            [platform_name(lang, platform)]
            + [numbers.count(figures.get(m, 0)) for m in metrics]
            + [numbers.count(orders.get(platform, 0))]
        )
    rows.append(
        [text(lang, "total")]
        + [numbers.count(stats[m]) for m in metrics]
        + [numbers.count(stats["orders_paid"])]
    )
    columns = [Column(text(lang, "col_platform"), 1.6)] + [
        Column(text(lang, key), 1.0, "right")
        for key in (
            "col_videos",
            "col_views",
            "col_likes",
            "col_comments",
            "col_shares",
            "col_orders",
        )
    ]
    return Table(columns, rows, emphasis=frozenset({len(rows) - 1})).block()


def _platform_rank(platform: str) -> tuple[int, str]:
    from app.config import PLATFORMS

    return (PLATFORMS.index(platform) if platform in PLATFORMS else len(PLATFORMS), platform)


# --- Top and bottom videos ----------------------------------------------------------------------


@section("videos", "section_videos", 30)
def lay_out_videos(document: Document, data: MonthReportData, lang: str) -> None:
    """The month's most and least viewed videos, and what sets them apart."""
    from app.analytics.traffic import top_bottom

    document.add(heading(text(lang, "section_videos")))
    videos = data.videos
    if videos.empty:
        document.add(paragraph(text(lang, "videos_empty")))
        return
    top, bottom, found = top_bottom(videos, n=TOP_N)
    if top.empty:
        known = int(videos["views"].notna().sum())
        document.add(paragraph(text(lang, "videos_few", count=known)))
        return
    document.add(subheading(text(lang, "top_videos")), video_table(top, lang), spacer(0.1))
    document.add(subheading(text(lang, "bottom_videos")), video_table(bottom, lang), spacer(0.1))
    sentences = [finding_sentence(f, lang, len(top)) for f in found[:4]]
    if sentences:
        document.add(subheading(text(lang, "findings_title")), *bullets(sentences))


def video_table(videos: pd.DataFrame, lang: str) -> Any:
    """Rank, platform, title, publish time, views, completion, interaction, followers."""
    columns = [
        Column(text(lang, "col_rank"), 0.25, "right"),
        Column(text(lang, "col_platform"), 0.85),
        Column(text(lang, "col_title"), 1.9),
        Column(text(lang, "col_published"), 1.05),
        Column(text(lang, "col_views"), 0.7, "right"),
        Column(text(lang, "col_completion"), 0.75, "right"),
        Column(text(lang, "col_interaction"), 0.8, "right"),
        Column(text(lang, "col_followers"), 0.7, "right"),
    ]
    rows = []
    for n, video in enumerate(videos.itertuples(index=False), start=1):
        published = video.published_at
        rows.append(
            [
                str(n),
                platform_name(lang, video.platform),
                " ".join(str(video.title).split()),
                locale_formats.format_short_datetime(published, lang)
                if published == published
                else "—",
                numbers.count(video.views),
                numbers.rate(video.completion_rate),
                numbers.rate(video.interaction_rate),
                numbers.count(video.followers_gained),
            ]
        )
    return Table(columns, rows, size=VIDEO_TABLE_PT).block()


FINDING_WHAT = {
    "completion": ("完播率", "completion"),
    "completion_5s": ("5秒完播率", "5 s completion"),
    "interaction": ("互动率", "interaction rate"),
    "length": ("时长", "length"),
    "avg_watch": ("平均观看时长", "average watch time"),
    "followers": ("涨粉", "followers gained"),
    "platform": ("平台", "platform"),
    "pillar": ("内容方向", "pillar"),
    "template": ("脚本模板", "template"),
    "hour": ("发布时间", "posting hour"),
}


def finding_value(key: str, value: Any, lang: str) -> str:
    """A finding's value as text (rates as percentages, seconds, hours as 20:00)."""
    if key in ("completion", "completion_5s", "interaction"):
        return numbers.rate(value)
    if key in ("length", "avg_watch"):
        return f"{value:.0f}秒" if lang == "zh_CN" else f"{value:.0f} s"
    if key == "followers":
        return numbers.count(value)
    if key == "hour":
        return f"{int(value):02d}:00"
    if key == "platform":
        return platform_name(lang, str(value))
    return str(value)


def finding_sentence(finding: Any, lang: str, n: int) -> str:
    """One way the top videos differ from the bottom ones, as a sentence."""
    what = FINDING_WHAT.get(finding.key, (finding.key, finding.key))[0 if lang == "zh_CN" else 1]
    top = finding_value(finding.key, finding.top_value, lang)
    bottom = finding_value(finding.key, finding.bottom_value, lang)
    if finding.top_share is None:
        if lang == "zh_CN":
            return f"{what}中位数：播放前 {n} 的视频为 {top}，后 {n} 为 {bottom}。"
        return f"Median {what}: {top} for the top {n} videos, {bottom} for the bottom {n}."
    share = numbers.rate(finding.top_share, 0)
    if lang == "zh_CN":
        return f"最常见的{what}：播放前 {n} 为「{top}」（占 {share}），后 {n} 为「{bottom}」。"
    return f"Most common {what}: “{top}” for the top {n} ({share}), “{bottom}” for the bottom {n}."


# --- Pillars and templates ----------------------------------------------------------------------


@section("content", "section_content", 40)
def lay_out_content(document: Document, data: MonthReportData, lang: str) -> None:
    """The month's videos compared by content pillar and by template."""
    from app.analytics.traffic import comparison

    document.add(heading(text(lang, "section_content")))
    for by, title_key, what_key in (
        ("pillar", "pillar_chart", "what_pillar"),
        ("template", "template_chart", "what_template"),
    ):
        frame = comparison(data.videos, by) if not data.videos.empty else None
        document.add(subheading(text(lang, title_key)))
        if frame is None or frame["group"].notna().sum() == 0:
            empty = text(lang, "content_empty", what=text(lang, what_key))
            document.add(paragraph(empty, color=MUTED), spacer(0.1))
            continue
        colors = data.extra.get("pillar_colors", {}) if by == "pillar" else {}
        document.add(_comparison_chart(frame, lang, colors), spacer(0.1))


def _comparison_chart(frame: pd.DataFrame, lang: str, colors: dict[str, str]) -> Any:
    from app import charts

    labels = {c: text(lang, c) for c in VALUE_COLUMNS}
    names = {None: text(lang, "no_label")}
    height = min(4.2, 0.9 + 0.3 * len(frame))
    return chart(
        height,
        lambda sub: charts.grouped_bars(
            frame, VALUE_COLUMNS, labels, group_labels=names, group_colors=colors, into=sub
        ),
    )
