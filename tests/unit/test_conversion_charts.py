"""The Conversion tab's figures draw what the analytics computed (tests/conversion_shop.py)."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from app.analytics import abtest
from app.analytics.conversion import funnel
from app.analytics.conversion_attribution import attribution
from app.analytics.conversion_ledger import ledger
from app.analytics.conversion_slots import time_slots
from app.charts import OTHER_COLORS
from app.conversion_charts import (
    LOSS_COLOR,
    attribution_chart,
    experiment_chart,
    funnel_chart,
    ledger_chart,
    slots_heatmap,
)
from app.db import Store
from tests.conversion_shop import load_small_shop, october


@pytest.fixture
def shop(store: Store):  # noqa: ANN201
    return load_small_shop(store)


def _rendered(figure: Figure) -> Figure:
    """Draw to PNG with warnings as errors (a missing CJK glyph warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        FigureCanvasAgg(figure).print_png(io.BytesIO())
    return figure


def _texts(figure: Figure) -> list[str]:
    return [t.get_text() for ax in figure.axes for t in ax.texts]


def test_funnel_chart_labels_values_and_rates(shop) -> None:  # noqa: ANN001
    data, _ = shop
    steps = {"views": "播放量", "product_clicks": "商品点击", "orders_created": "下单"}
    steps |= {"orders_paid": "付款", "title": "转化漏斗"}
    figure = _rendered(funnel_chart([funnel(data, october())], steps))
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["播放量", "商品点击", "下单", "付款"]
    shown = [text for text in _texts(figure) if text]
    assert shown == ["6,500", "8", "6 (75.0%)", " —"]  # clicks unknown: a dash, no bar
    assert axes.get_title() == "转化漏斗"
    assert 6_500 < axes.get_xlim()[1] <= 6_500 * 10  # room for labels, not decades of empty axis


def test_two_funnels_side_by_side(shop) -> None:  # noqa: ANN001
    data, _ = shop
    funnels = [funnel(data, october()), funnel(data, october(platforms=("tiktok",)))]
    figure = _rendered(funnel_chart(funnels, {}, ["全部", "TikTok"]))
    assert len(figure.axes[0].containers) == 2
    assert [t.get_text() for t in figure.axes[0].get_legend().get_texts()] == ["全部", "TikTok"]


def test_empty_charts_say_so(store: Store) -> None:
    data, _ = load_small_shop(store)
    from app.analytics.conversion import ConversionFilter
    from app.analytics.periods import Period

    empty = ConversionFilter(Period.month("2025-01"))
    assert _texts(funnel_chart([funnel(data, empty)], {}, empty_label="没有数据")) == ["没有数据"]
    frame = attribution(data, empty, "format")
    assert _texts(attribution_chart(frame, {}, empty_label="没有订单")) == ["没有订单"]
    assert _texts(ledger_chart(ledger(data, empty), {}, empty_label="无投放")) == ["无投放"]
    assert _texts(slots_heatmap(time_slots(data, empty), empty_label="无")) == ["无"]


def test_attribution_chart_biggest_group_first(shop) -> None:  # noqa: ANN001
    data, _ = shop
    frame = attribution(data, october(), "author")
    frame["label"] = frame["key"].replace("", "(未提供)")
    figure = _rendered(attribution_chart(frame, {"orders": "订单"}))
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == ["店主", "(未提供)", "达人A", "@creator"]  # orders add across currencies
    assert _texts(figure) == ["2", "2", "1", "1"]
    assert figure.axes[0].get_xlabel() == "订单"
    money = _rendered(
        attribution_chart(attribution(data, october(), "format"), {}, value="gmv_cents")
    )
    labels = [t.get_text() for t in money.axes[0].get_yticklabels()]
    assert labels[0] == "短视频 (CNY)"  # money stays per currency
    assert sum(label.endswith("(USD)") for label in labels) == 1


def test_slots_heatmap_cells(shop) -> None:  # noqa: ANN001
    data, _ = shop
    figure = _rendered(slots_heatmap(time_slots(data, october()), "orders"))
    grid = figure.axes[0].images[0].get_array()
    assert grid.shape == (7, 24)
    assert grid[1, 20] == 2  # Tuesday 20:00
    assert grid.sum() == 6


def test_ledger_chart_marks_spend_below_break_even(shop) -> None:  # noqa: ANN001
    data, _ = shop
    figure = _rendered(ledger_chart(ledger(data, october()), {"roas": "ROAS"}))
    axes = figure.axes[0]
    bars = axes.containers[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["V1", "V3"]  # most spend first
    assert to_hex(bars[0].get_facecolor()) == LOSS_COLOR  # V1: ROAS 2.5 < break-even 2.63
    assert to_hex(bars[1].get_facecolor()) == OTHER_COLORS[0]  # V3: no cost, no break-even
    assert [round(b.get_width(), 2) for b in bars] == [2.5, 2.5]
    marks = axes.collections[0].get_offsets()
    assert marks[0][0] == pytest.approx(1 / ((16000 / 29000) * (20000 / 29000)))


def test_experiment_chart_rates_with_intervals() -> None:
    counts = [
        abtest.VariantCounts("A", "口播", 3, 3, 50.0, 1000.0),
        abtest.VariantCounts("B", "剧情", 2, 2, 80.0, 1000.0),
    ]
    result = abtest.analyse("interaction_rate", counts)
    figure = _rendered(experiment_chart(result, {"rate": "互动率"}))
    axes = figure.axes[0]
    bars = next(c for c in axes.containers if isinstance(c, BarContainer))
    heights = [b.get_height() for b in bars]
    assert heights == [0.05, 0.08]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["A · 口播", "B · 剧情"]
    half = 1.959964 * np.sqrt(0.05 * 0.95 / 1000)
    segments = bars.errorbar.lines[2][0].get_segments()
    assert segments[0][1][1] - segments[0][0][1] == pytest.approx(2 * half, abs=1e-6)
