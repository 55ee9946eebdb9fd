"""Matplotlib figure builders shared by the tabs and the monthly report (no pyplot, no Qt).

Every builder starts from :func:`new_figure`, which makes sure Chinese labels render with the
bundled Noto Sans CJK SC, whatever fonts the machine has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from app.config import cjk_font_path

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure, SubFigure

FALLBACK_FAMILIES = ["DejaVu Sans"]


@cache
def cjk_font_family() -> str | None:
    """Register the CJK font with matplotlib once; its family name (None when missing)."""
    from matplotlib import font_manager

    path = cjk_font_path()
    if path is None:
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def font_rc() -> dict[str, Any]:
    """rcParams that put the CJK font first (Latin falls back to it too) and keep minus signs."""
    family = cjk_font_family()
    families = ([family] if family else []) + FALLBACK_FAMILIES
    return {
        "font.family": "sans-serif",
        "font.sans-serif": families,
        "axes.unicode_minus": False,  # the CJK font has no U+2212 glyph
        "pdf.fonttype": 3,  # DESIGN.md: type 42 embeds an invalid font; type 3 stays searchable
    }


def new_figure(
    width_in: float = 8.0, height_in: float = 4.5, dpi: int = 100, *, into: Any = None
) -> Any:
    """An empty Figure whose text renders Chinese; builders draw on it.

    With ``into`` (a Figure or SubFigure, e.g. a band of a report page) the builder draws there
    instead, at that size.
    """
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(font_rc())
    if into is not None:
        return into
    return Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")


# --- Traffic ------------------------------------------------------------------------------------

PLATFORM_COLORS = {
    "douyin": "#33363d",
    "kuaishou": "#ff7f0e",
    "channels": "#2ca02c",
    "xiaohongshu": "#e0245e",
    "tiktok": "#17becf",
}
OTHER_COLORS = ("#4e79a7", "#9467bd", "#8c564b", "#bcbd22", "#7f7f7f", "#f28e2b", "#76b7b2")
OUTLIER_COLOR = "#d62728"
TITLE_CHARS = 14  # outlier titles are cut to this many characters on the scatter
MAX_LABELLED_OUTLIERS = 5  # the tab's table lists every outlier; more labels overlap
LABEL_POINTS = 8  # font size of the outlier labels
# A small plot, in points, to space the outlier labels for (the canvas resizes the figure later;
# at a larger size they only move further apart).
PLOT_POINTS = (330.0, 160.0)
LABEL_HEADROOM = 0.15  # room above the tallest bar for its label, as a share of its height
HISTORY_MIN_DAYS = 2  # the date axis of a video's history spans at least this many days


def platform_color(platform: str) -> str:
    """The fixed colour of a platform (others get a stable colour from a second palette)."""
    if platform in PLATFORM_COLORS:
        return PLATFORM_COLORS[platform]
    return OTHER_COLORS[sum(map(ord, platform)) % len(OTHER_COLORS)]


def is_rate(column: str) -> bool:
    """True for a column whose values are shares of 1 (drawn as percentages)."""
    return column.endswith("_rate") or column in ("median_completion", "median_interaction")


def format_value(value: float, rate: bool) -> str:
    """A number as a chart label: percentages with one decimal, counts with separators."""
    if value != value:  # NaN
        return "—"
    if rate:
        return f"{value:.1%}"
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.1f}"


def _value_formatter(rate: bool) -> Any:
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    if rate:
        return PercentFormatter(1.0, decimals=0)
    return FuncFormatter(lambda v, _pos: f"{v:,.0f}")


def _empty(figure: Figure, text: str) -> Figure:
    axes = figure.add_subplot()
    axes.set_axis_off()
    if text:
        axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#666666")
    return figure


def _day_axis(axes: Any) -> None:
    from app.chart_dates import day_axis

    day_axis(axes)


def _name(names: Mapping[Any, str] | None, key: Any) -> str:
    if isinstance(key, float) and key != key:  # NaN: an unlabelled group, as None
        key = None
    if names and key in names:
        return names[key]
    return "—" if key is None else str(key)


def _group_color(group: Any, colors: Mapping[Any, str] | None) -> str:
    if colors and group in colors:
        return colors[group]
    return (
        PLATFORM_COLORS.get(group, OTHER_COLORS[0]) if isinstance(group, str) else OTHER_COLORS[0]
    )


def trend_chart(
    trend: Any,
    metric_label: str,
    stacked: bool,
    *,
    platform_labels: Mapping[str, str] | None = None,
    title: str = "",
    empty_label: str = "",
    into: Figure | SubFigure | None = None,
) -> Figure:
    """A metric per day: stacked bars (one layer per platform) or one line per platform.

    ``trend`` is an :class:`app.analytics.trend.Trend`; unknown days are gaps in the lines and
    add nothing to a stack. ``into``: draw into that (Sub)Figure instead of a new one.
    """
    figure = new_figure(into=into)
    frame = trend.frame
    if frame.empty or frame.columns.empty or frame.isna().all().all():
        return _empty(figure, empty_label)
    axes = figure.add_subplot()
    days = frame.index.to_pydatetime()
    if stacked:
        import numpy as np

        base = np.zeros(len(frame))
        for platform in frame.columns:
            values = frame[platform].fillna(0.0).to_numpy()
            axes.bar(
                days,
                values,
                width=0.8,
                bottom=base,
                color=platform_color(platform),
                label=_name(platform_labels, platform),
            )
            base = base + values
    else:
        for platform in frame.columns:
            axes.plot(
                days,
                frame[platform].to_numpy(),
                marker="o" if len(frame) <= 31 else None,
                markersize=3,
                linewidth=1.6,
                color=platform_color(platform),
                label=_name(platform_labels, platform),
            )
    _day_axis(axes)
    axes.yaxis.set_major_formatter(_value_formatter(False))
    axes.set_ylabel(metric_label)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="upper left", fontsize=9, frameon=False, ncols=min(5, len(frame.columns)))
    if title:
        axes.set_title(title)
    return figure


def grouped_bars(
    comparison_frame: pd.DataFrame,
    value_columns: Sequence[str],
    labels: Mapping[str, str],
    *,
    group_labels: Mapping[Any, str] | None = None,
    group_colors: Mapping[Any, str] | None = None,
    title: str = "",
    empty_label: str = "",
    into: Figure | SubFigure | None = None,
) -> Figure:
    """Groups side by side on each value: one panel per value column, one bar per group.

    ``comparison_frame`` is :func:`app.analytics.traffic.comparison`'s frame (column ``group``);
    ``labels`` titles each value column, ``group_labels`` names the groups (None = no label),
    ``group_colors`` colours them (pillars have their own); platforms get their fixed colours.
    Values on different scales (views, rates) each get their own axis; rates read as percents.
    ``into``: draw into that (Sub)Figure instead of a new one.
    """
    figure = new_figure(width_in=max(8.0, 3.2 * len(value_columns)), height_in=4.5, into=into)
    if comparison_frame.empty or not value_columns:
        return _empty(figure, empty_label)
    groups = list(comparison_frame["group"])
    names = [_name(group_labels, g) for g in groups]
    colors = [_group_color(g, group_colors) for g in groups]
    panels = figure.subplots(1, len(value_columns), sharey=True, squeeze=False)[0]
    positions = list(range(len(groups)))
    for axes, column in zip(panels, value_columns, strict=True):
        values = comparison_frame[column].astype(float).to_numpy()
        rate = is_rate(column)
        bars = axes.barh(positions, values, color=colors, height=0.7)
        axes.bar_label(bars, labels=[format_value(v, rate) for v in values], padding=2, fontsize=8)
        axes.set_title(labels.get(column, column), fontsize=10)
        axes.xaxis.set_major_formatter(_value_formatter(rate))
        axes.margins(x=0.25)
        axes.grid(axis="x", alpha=0.3)
    panels[0].set_yticks(positions, names)
    panels[0].invert_yaxis()  # the first group on top
    if title:
        figure.suptitle(title)
    return figure


def completion_histogram_chart(
    hist: pd.DataFrame, *, x_label: str = "", y_label: str = "", empty_label: str = ""
) -> Figure:
    """How many videos fall in each completion band (``completion_histogram``'s frame)."""
    figure = new_figure()
    if hist.empty or int(hist["videos"].sum()) == 0:
        return _empty(figure, empty_label)
    axes = figure.add_subplot()
    widths = (hist["bin_end"] - hist["bin_start"]).to_numpy()
    bars = axes.bar(
        hist["bin_start"].to_numpy(),
        hist["videos"].to_numpy(),
        width=widths * 0.95,
        align="edge",
        color=OTHER_COLORS[0],
    )
    axes.bar_label(
        bars, labels=[str(int(v)) if v else "" for v in hist["videos"]], padding=2, fontsize=8
    )
    axes.xaxis.set_major_formatter(_value_formatter(True))
    axes.set_xlim(0, 1)
    axes.set_ylim(0, int(hist["videos"].max()) * (1 + LABEL_HEADROOM))  # the labels stay inside
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.grid(axis="y", alpha=0.3)
    return figure


def completion_scatter(
    videos: pd.DataFrame,
    outliers: pd.DataFrame,
    *,
    x_label: str = "",
    y_label: str = "",
    platform_labels: Mapping[str, str] | None = None,
    outlier_label: str = "",
    empty_label: str = "",
) -> Figure:
    """Completion rate against views (log scale), one colour per platform, outliers ringed.

    ``outliers`` is :func:`app.analytics.traffic.outliers`'s frame; the farthest few are
    labelled with the start of their titles.
    """
    import numpy as np

    figure = new_figure()
    usable = videos[(videos["views"] > 0) & videos["completion_rate"].notna()]
    if usable.empty:
        return _empty(figure, empty_label)
    axes = figure.add_subplot()
    for platform, group in usable.groupby("platform", sort=True):
        axes.scatter(
            group["completion_rate"].to_numpy(dtype=float),
            group["views"].to_numpy(dtype=float),
            s=22,
            alpha=0.75,
            color=platform_color(str(platform)),
            label=_name(platform_labels, str(platform)),
        )
    if not outliers.empty:
        axes.scatter(
            outliers["completion_rate"].to_numpy(dtype=float),
            outliers["views"].to_numpy(dtype=float),
            s=140,
            facecolors="none",
            edgecolors=OUTLIER_COLOR,
            linewidths=1.5,
            label=outlier_label or None,
        )
    axes.set_yscale("log")
    # the outliers too: the tab may draw a sample of the videos but rings every outlier
    views = np.concatenate(
        [usable["views"].to_numpy(dtype=float), outliers["views"].to_numpy(dtype=float)]
    )
    axes.set_ylim(views.min() / 1.6, views.max() * 2.5)
    if not outliers.empty:
        _label_outliers(axes, outliers.head(MAX_LABELLED_OUTLIERS))
    axes.yaxis.set_major_formatter(_value_formatter(False))
    axes.xaxis.set_major_formatter(_value_formatter(True))
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.grid(alpha=0.3)
    axes.legend(loc="best", fontsize=8, frameon=False)
    return figure


def _label_outliers(axes: Any, outliers: pd.DataFrame) -> None:
    """Title starts next to the farthest ringed points, inside the axes, not on each other.

    A label leans toward the middle of the plot (left of a point on the right half, below a
    point in the upper half), so it stays inside the axes, and steps away from its point until
    it clears the labels placed before it (a label that finds no room is left out: the tab's
    table lists every outlier). Labels take no part in the layout, so the plot keeps its size.
    """
    import math

    x_low, x_high = axes.get_xlim()
    y_low, y_high = (math.log10(v) for v in axes.get_ylim())
    placed: list[tuple[float, float, float, float]] = []
    for _, row in outliers.iterrows():
        title = str(row["title"]).splitlines()[0] if row["title"] else ""
        short = title[:TITLE_CHARS] + ("…" if len(title) > TITLE_CHARS else "")
        x, y = float(row["completion_rate"]), float(row["views"])
        at = (
            (x - x_low) / (x_high - x_low) * PLOT_POINTS[0],
            (math.log10(y) - y_low) / (y_high - y_low) * PLOT_POINTS[1],
        )
        right, upper = at[0] > PLOT_POINTS[0] / 2, at[1] > PLOT_POINTS[1] / 2
        offset = _free_offset(at, _text_points(short), right, upper, placed)
        if offset is None:
            continue
        label = axes.annotate(
            short,
            (x, y),
            xytext=offset,
            textcoords="offset points",
            ha="right" if right else "left",
            va="top" if upper else "bottom",
            fontsize=LABEL_POINTS,
            color=OUTLIER_COLOR,
            arrowprops={"arrowstyle": "-", "color": OUTLIER_COLOR, "lw": 0.6},
        )
        label.set_in_layout(False)


def _text_points(text: str) -> float:
    """The width of ``text`` at LABEL_POINTS: CJK characters are square, others about half."""
    import unicodedata

    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return LABEL_POINTS * (wide + 0.6 * (len(text) - wide))


def _free_offset(
    at: tuple[float, float],
    width: float,
    right: bool,
    upper: bool,
    placed: list[tuple[float, float, float, float]],
) -> tuple[float, float] | None:
    """The first offset (points) toward the middle whose label box overlaps no placed one.

    The box found is added to ``placed``; None when every step is taken.
    """
    height = LABEL_POINTS * 1.4
    dx = -8.0 if right else 8.0
    for step in range(4):
        dy = (6.0 + height * step) * (-1 if upper else 1)
        left = at[0] + dx - (width if right else 0.0)
        bottom = at[1] + dy - (height if upper else 0.0)
        box = (left, bottom, left + width, bottom + height)
        if not any(
            box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
            for other in placed
        ):
            placed.append(box)
            return dx, dy
    return None


def snapshot_history_chart(
    history: pd.DataFrame, metric: str, metric_label: str = "", *, empty_label: str = ""
) -> Figure:
    """One video's ``metric`` at each export (``snapshot_history``'s frame), oldest first."""
    figure = new_figure(width_in=6.0, height_in=3.2)
    known = history[history[metric].notna()] if metric in history else history.head(0)
    if known.empty:
        return _empty(figure, empty_label)
    axes = figure.add_subplot()
    axes.plot(
        known["snapshot_at"].dt.to_pydatetime(),
        known[metric].to_numpy(dtype=float),
        marker="o",
        linewidth=1.6,
        color=OTHER_COLORS[0],
    )
    _day_axis(axes)
    rate = is_rate(metric)
    axes.yaxis.set_major_formatter(_value_formatter(rate))
    axes.margins(x=0.08, y=0.15)
    _widen_to_days(axes, known["snapshot_at"], HISTORY_MIN_DAYS)
    if not rate:
        # counts from 0, with room for the top marker (margins only pad the values' own range)
        axes.set_ylim(0, max(float(known[metric].max()), 1.0) * (1 + LABEL_HEADROOM / 2))
    axes.set_ylabel(metric_label)
    axes.grid(alpha=0.3)
    return figure


def _widen_to_days(axes: Any, moments: pd.Series, days: int) -> None:
    """Centre the x axis on ``moments`` over ``days`` days when they span less.

    Exports a few hours apart (or a single one) would otherwise get hour ticks or a zero-width
    axis with every tick on the same day.
    """
    from datetime import timedelta

    first, last = moments.min().to_pydatetime(), moments.max().to_pydatetime()
    if last - first < timedelta(days=days):
        middle = first + (last - first) / 2
        axes.set_xlim(middle - timedelta(days=days / 2), middle + timedelta(days=days / 2))
