"""Charts render Chinese with the bundled font, with no missing-glyph warnings."""

from __future__ import annotations

import io
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from app.analytics.traffic import Trend
from app.charts import (
    MAX_LABELLED_OUTLIERS,
    PLATFORM_COLORS,
    cjk_font_family,
    completion_histogram_chart,
    completion_scatter,
    font_rc,
    grouped_bars,
    new_figure,
    snapshot_history_chart,
    trend_chart,
)


def test_the_cjk_font_is_registered_with_matplotlib() -> None:
    family = cjk_font_family()
    assert family == "Noto Sans CJK SC"
    found = font_manager.findfont(font_manager.FontProperties(family=family))
    assert found.endswith("NotoSansCJKsc-Regular.otf")
    assert font_rc()["font.sans-serif"][0] == family


def test_a_chinese_chart_draws_every_glyph() -> None:
    figure = new_figure(4, 3)
    axes = figure.add_subplot()
    axes.bar(["抖音", "快手", "视频号"], [3, -1, 2])
    axes.set_title("各平台播放量 −1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" would be raised here
        png = io.BytesIO()
        figure.savefig(png, format="png")
    assert png.getvalue().startswith(b"\x89PNG")


# --- Traffic charts -----------------------------------------------------------------------------


def _png(figure: Figure) -> bytes:
    """Render without warnings (a missing glyph would raise under filterwarnings=error)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()


def _texts(figure: Figure) -> set[str]:
    return {t.get_text() for t in figure.findobj(Text)}


PLATFORMS = {"douyin": "抖音", "kuaishou": "快手", "channels": "视频号"}


def _trend() -> Trend:
    days = pd.date_range("2026-10-01", periods=5, name="day")
    frame = pd.DataFrame(
        {"douyin": [10, 20, 30, 40, np.nan], "kuaishou": [1, 2, np.nan, 4, 5]}, index=days
    )
    return Trend(frame, {"douyin": "account_daily", "kuaishou": "snapshots"})


def test_trend_chart_stacks_one_layer_per_platform() -> None:
    figure = trend_chart(_trend(), "播放量", True, platform_labels=PLATFORMS, title="每日播放")
    axes = figure.axes[0]
    assert len(axes.containers) == 2
    assert [len(c.patches) for c in axes.containers] == [5, 5]
    # the kuaishou layer sits on the douyin one; an unknown day adds nothing
    assert [p.get_y() for p in axes.containers[1].patches] == [10, 20, 30, 40, 0]
    assert {"抖音", "快手", "播放量", "每日播放"} <= _texts(figure)
    assert _png(figure).startswith(b"\x89PNG")


def test_trend_chart_draws_one_line_per_platform_with_gaps() -> None:
    figure = trend_chart(_trend(), "涨粉", False, platform_labels=PLATFORMS)
    lines = figure.axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["抖音", "快手"]
    assert lines[0].get_color() == PLATFORM_COLORS["douyin"]
    assert np.isnan(lines[1].get_ydata()[2])  # unknown stays a gap, not a dip to 0
    _png(figure)


def test_empty_charts_say_so() -> None:
    figure = trend_chart(Trend(pd.DataFrame()), "播放量", True, empty_label="暂无数据")
    assert "暂无数据" in _texts(figure)
    _png(figure)
    hist = pd.DataFrame({"bin_start": [0.0], "bin_end": [1.0], "videos": [0]})
    assert "没有完播率" in _texts(completion_histogram_chart(hist, empty_label="没有完播率"))


def test_grouped_bars_draw_a_panel_per_value_and_a_bar_per_group() -> None:
    frame = pd.DataFrame(
        {
            "group": ["douyin", "kuaishou", None],
            "median_views": [3000.0, 1200.0, 50.0],
            "median_completion": [0.31, np.nan, 0.2],
        }
    )
    labels = {"median_views": "播放中位数", "median_completion": "完播率中位数"}
    figure = grouped_bars(
        frame,
        ["median_views", "median_completion"],
        labels,
        group_labels=PLATFORMS | {None: "未分类"},
    )
    assert len(figure.axes) == 2
    assert [len(a.containers[0].patches) for a in figure.axes] == [3, 3]
    bars = figure.axes[0].containers[0].patches
    assert bars[0].get_facecolor()[:3] == pytest.approx(to_rgb(PLATFORM_COLORS["douyin"]))
    assert {"播放中位数", "完播率中位数", "抖音", "未分类", "31.0%", "3,000"} <= _texts(figure)
    _png(figure)
    coloured = grouped_bars(
        frame.assign(group=["测评", "工厂", None]),
        ["median_views"],
        labels,
        group_colors={"测评": "#e15759"},
    )
    assert coloured.axes[0].containers[0].patches[0].get_facecolor()[:3] == pytest.approx(
        to_rgb("#e15759")
    )


def test_completion_histogram_chart_has_a_bar_per_band() -> None:
    hist = pd.DataFrame({"bin_start": [0.0, 0.5], "bin_end": [0.5, 1.0], "videos": [3, 1]})
    figure = completion_histogram_chart(hist, x_label="完播率", y_label="视频数")
    bars = figure.axes[0].containers[0].patches
    assert [b.get_height() for b in bars] == [3, 1]
    assert {"完播率", "视频数"} <= _texts(figure)
    _png(figure)


def test_completion_scatter_colours_platforms_and_rings_outliers() -> None:
    videos = pd.DataFrame(
        {
            "platform": ["douyin", "douyin", "kuaishou", "kuaishou"],
            "title": ["a", "爆款：一衣三穿超实用，第三套最绝", "c", "d"],
            "views": [100.0, 90000.0, 0.0, 300.0],
            "completion_rate": [0.1, 0.2, 0.3, np.nan],
        }
    )
    outliers = videos.iloc[[1]].assign(direction="above")
    figure = completion_scatter(
        videos,
        outliers,
        x_label="完播率",
        y_label="播放量",
        platform_labels=PLATFORMS,
        outlier_label="异常值",
    )
    collections = figure.axes[0].collections
    assert [c.get_label() for c in collections] == ["抖音", "异常值"]  # no usable kuaishou point
    assert len(collections[0].get_offsets()) == 2
    assert "爆款：一衣三穿超实用，第三套…" in _texts(figure)
    _png(figure)


def test_snapshot_history_chart_draws_the_metric_over_exports() -> None:
    history = pd.DataFrame(
        {
            "snapshot_at": pd.to_datetime(["2026-10-10", "2026-10-15", "2026-10-20"]),
            "views": [50.0, np.nan, 1000.0],
            "completion_rate": [0.2, 0.25, 0.3],
        }
    )
    figure = snapshot_history_chart(history, "views", "播放量")
    line = figure.axes[0].get_lines()[0]
    assert list(line.get_ydata()) == [50.0, 1000.0]
    assert "播放量" in _texts(figure)
    _png(figure)
    rates = snapshot_history_chart(history, "completion_rate", "完播率")
    assert len(rates.axes[0].get_lines()[0].get_ydata()) == 3
    _png(rates)
    assert "没有" in _texts(snapshot_history_chart(history.head(0), "views", empty_label="没有"))


# --- Charts at the sizes the Traffic tab shows them ---------------------------------------------


def _drawn(figure: Figure, width_px: int, height_px: int) -> Any:
    """Lay out and draw ``figure`` at a widget's size, as the canvas does; the renderer."""
    FigureCanvasAgg(figure)
    figure.set_size_inches(width_px / figure.dpi, height_px / figure.dpi)
    figure.canvas.draw()
    return figure.canvas.get_renderer()


def _overlap(a: Bbox, b: Bbox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _tick_boxes(figure: Figure, renderer: Any) -> list[tuple[str, Bbox]]:
    labels = figure.axes[0].xaxis.get_ticklabels()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in labels if t.get_text()]


def _history(days: list[str]) -> pd.DataFrame:
    moments = pd.to_datetime(days, format="mixed")
    return pd.DataFrame({"snapshot_at": moments, "views": np.arange(1.0, len(days) + 1) * 100})


@pytest.mark.parametrize("width_px", [380, 260])
def test_history_date_ticks_do_not_overlap_in_the_narrow_detail_panel(width_px: int) -> None:
    days = ["2026-10-29", "2026-11-01", "2026-11-05", "2026-11-09", "2026-11-13"]
    figure = snapshot_history_chart(_history([*days, "2026-11-21", "2026-11-27 23:59"]), "views")
    renderer = _drawn(figure, width_px, 240)
    boxes = _tick_boxes(figure, renderer)
    assert len(boxes) >= 2
    assert all(not _overlap(a, b) for (_, a), (_, b) in zip(boxes, boxes[1:], strict=False))
    assert all(len(text) == 5 for text, _ in boxes)  # "11-05": the year is written once aside


def test_history_of_exports_hours_apart_spans_days_with_distinct_ticks() -> None:
    for days in (["2026-11-27 23:59"], ["2026-11-27 08:00", "2026-11-27 20:00"]):
        figure = snapshot_history_chart(_history(days), "views")
        renderer = _drawn(figure, 380, 240)
        low, high = figure.axes[0].get_xlim()
        assert high - low == pytest.approx(2.0)  # days
        texts = [text for text, _ in _tick_boxes(figure, renderer)]
        assert "11-27" in texts
        assert len(texts) == len(set(texts))  # never "01-01 01-01 …"


def test_the_tallest_bar_label_stays_below_the_top_of_the_plot() -> None:
    hist = pd.DataFrame(
        {
            "bin_start": np.linspace(0.0, 0.9, 10),
            "bin_end": np.linspace(0.1, 1.0, 10),
            "videos": [5, 40, 120, 160, 90, 30, 10, 3, 1, 0],
        }
    )
    figure = completion_histogram_chart(hist, x_label="完播率", y_label="视频数")
    renderer = _drawn(figure, 660, 260)
    axes = figure.axes[0]
    labels = [t for t in axes.texts if t.get_text() == "160"]
    assert len(labels) == 1
    assert labels[0].get_window_extent(renderer).y1 < axes.get_window_extent(renderer).y1 - 2


def _scatter_videos() -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(1)
    count = 400
    videos = pd.DataFrame(
        {
            "platform": rng.choice(["douyin", "kuaishou", "channels"], count),
            "title": [f"视频标题第{i}条：秋季穿搭一衣三穿超实用" for i in range(count)],
            "completion_rate": rng.uniform(0.05, 0.6, count),
        }
    )
    noise = rng.normal(0, 0.3, count)
    videos["views"] = np.floor(10 ** (2.5 + 3 * videos["completion_rate"] + noise))
    far = videos.sample(12, random_state=2).index
    factor = np.where(np.arange(12) % 2, 30.0, 1 / 30)
    videos.loc[far, "views"] = videos.loc[far, "views"] * factor
    outliers = videos.loc[far].assign(direction=np.where(factor > 1, "above", "below"))
    return videos, outliers


def test_outlier_labels_stay_inside_the_plot_and_apart() -> None:
    videos, outliers = _scatter_videos()
    figure = completion_scatter(videos, outliers, x_label="完播率", y_label="播放量")
    # the Distribution view's scatter at a 1400 × 900 window
    renderer = _drawn(figure, 660, 330)
    axes = figure.axes[0]
    inside = axes.get_window_extent(renderer)
    # an annotation's extent includes its leader line; Text's is the words alone
    labels = [Text.get_window_extent(a, renderer) for a in axes.texts]
    assert 1 <= len(labels) <= MAX_LABELLED_OUTLIERS
    for box in [a.get_window_extent(renderer) for a in axes.texts]:
        assert inside.x0 <= box.x0
        assert box.x1 <= inside.x1
        assert inside.y0 <= box.y0
        assert box.y1 <= inside.y1
    assert not any(_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    assert inside.width > 0.8 * figure.bbox.width  # the labels do not squeeze the plot


def test_every_outlier_is_ringed_even_outside_the_sampled_videos() -> None:
    videos, outliers = _scatter_videos()
    top = outliers.assign(views=outliers["views"] * 100)  # far above every drawn video
    figure = completion_scatter(videos, top)
    low, high = figure.axes[0].get_ylim()
    assert low < top["views"].min()
    assert top["views"].max() < high


def test_history_keeps_the_top_marker_inside_the_plot() -> None:
    history = _history(["2026-10-29", "2026-11-27 23:59"]).assign(views=[146_000.0, 159_028.0])
    figure = snapshot_history_chart(history, "views")
    renderer = _drawn(figure, 380, 240)
    axes = figure.axes[0]
    low, high = axes.get_ylim()
    assert low == 0
    assert high > 159_028
    marker = axes.get_lines()[0].get_markersize()  # points
    top_px = axes.transData.transform((axes.get_xlim()[1], 159_028))[1]
    assert axes.get_window_extent(renderer).y1 - top_px > marker / 2 * figure.dpi / 72
