"""Figure builders of the Conversion tab (no pyplot, no Qt): funnel, attribution, hour × weekday
heatmap, ROAS against break-even, experiment rates with their intervals.

Every builder takes its words in ``labels`` (the views translate them) and starts from
:func:`app.charts.new_figure`, so Chinese renders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.charts import OTHER_COLORS, format_value, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure, SubFigure

    from app.analytics.abtest import ExperimentResult
    from app.analytics.conversion import Funnel

LOSS_COLOR = "#d62728"
GAIN_COLOR = "#2ca02c"
MAX_BARS = 12  # attribution and ledger charts show the largest groups only
TITLE_CHARS = 16


def _empty(figure: Figure | SubFigure, text: str) -> Figure | SubFigure:
    axes = figure.add_subplot()
    axes.set_axis_off()
    if text:
        axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#666666")
    return figure


def _short(text: Any) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


LABEL_ROOM = 6  # the funnel's x axis ends this many times past its longest bar


def funnel_chart(
    funnels: Sequence[Funnel],
    labels: Mapping[str, str],
    names: Sequence[str] = (),
    *,
    empty_label: str = "",
    into: Figure | SubFigure | None = None,
) -> Figure | SubFigure:
    """The count steps of one or two funnels as horizontal bars (unknown steps: "—", no bar),
    each bar labelled with its value and its rate over the step before.

    ``labels`` names the steps (by key); ``names`` the funnels (legend) when there are two.
    ``into``: draw into that (Sub)Figure (a report page's band) instead of a new one.
    """
    import numpy as np

    figure = new_figure(width_in=8.0, height_in=4.2, into=into)
    steps = [s.key for s in funnels[0].steps if s.key != "net_gmv"] if funnels else []
    values = [[f.step(k).value for k in steps] for f in funnels]
    if not funnels or all(v in (None, 0) for row in values for v in row):
        return _empty(figure, empty_label)
    axes = figure.add_subplot()
    height = 0.8 / len(funnels)
    positions = np.arange(len(steps))
    for index, funnel in enumerate(funnels):
        row = [np.nan if v is None else float(v) for v in values[index]]
        offset = positions + (index - (len(funnels) - 1) / 2) * height
        label = names[index] if index < len(names) else None
        bars = axes.barh(offset, row, height=height * 0.9, color=OTHER_COLORS[index], label=label)
        texts = []
        for key, value in zip(steps, row, strict=True):
            rate = funnel.step(key).rate
            text = format_value(value, False)
            texts.append(text if rate is None else f"{text} ({rate:.1%})")
        axes.bar_label(bars, labels=texts, padding=3, fontsize=8)
        for y, value in zip(offset, row, strict=True):
            if np.isnan(value):  # unknown: no bar, a dash where it would start
                axes.text(0, y, " —", va="center", fontsize=8, color="#666666")
    axes.set_xscale("symlog", linthresh=10)
    axes.set_yticks(positions, [labels.get(k, k) for k in steps])
    axes.invert_yaxis()
    # Room for the labels past the longest bar: a factor on a log axis (a margin there would
    # widen the axis by decades).
    top = max(float(v) for row in values for v in row if v is not None)
    axes.set_xlim(0, top * LABEL_ROOM)
    axes.grid(axis="x", alpha=0.3)
    axes.xaxis.set_major_formatter(_plain())
    if len(funnels) > 1 and names:
        axes.legend(loc="lower right", fontsize=9, frameon=False)
    if labels.get("title"):
        axes.set_title(labels["title"])
    return figure


def _plain() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: f"{v:,.0f}")


def attribution_chart(
    frame: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    value: str = "orders",
    empty_label: str = "",
) -> Figure:
    """The largest groups of an :func:`~app.analytics.conversion_attribution.attribution`
    frame as bars of ``value``: counts add up across currencies, money (``*_cents``) keeps
    one bar per group and currency."""
    figure = new_figure(width_in=7.0, height_in=4.2)
    if frame.empty or value not in frame:
        return _empty(figure, empty_label)
    money = value.endswith("_cents")
    if not money:  # counts add up across currencies: one bar per group
        frame = frame.groupby("key", sort=False, dropna=False).agg(
            label=("label", "first"), currency=("currency", "first"), **{value: (value, "sum")}
        )
    top = frame.sort_values(value, ascending=False, kind="stable").head(MAX_BARS)
    names = [
        _short(label) + (f" ({cur})" if money and frame["currency"].nunique() > 1 else "")
        for label, cur in zip(top["label"].astype(str), top["currency"], strict=True)
    ]
    axes = figure.add_subplot()
    positions = list(range(len(top)))
    values = top[value].astype(float).to_numpy()
    bars = axes.barh(positions, values, color=OTHER_COLORS[0], height=0.7)
    axes.bar_label(bars, labels=[format_value(v, False) for v in values], padding=2, fontsize=8)
    axes.set_yticks(positions, names)
    axes.invert_yaxis()
    axes.margins(x=0.2)
    axes.grid(axis="x", alpha=0.3)
    axes.set_xlabel(labels.get(value, value))
    if labels.get("title"):
        axes.set_title(labels["title"])
    return figure


def slots_heatmap(
    slots: pd.DataFrame,
    value: str = "orders",
    *,
    weekday_names: Sequence[str] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    labels: Mapping[str, str] | None = None,
    empty_label: str = "",
) -> Figure:
    """A weekday (rows) × hour (columns) heatmap of a :func:`time_slots` column; NaN is blank."""
    labels = labels or {}
    figure = new_figure(width_in=9.0, height_in=3.6)
    grid = slots.pivot(index="weekday", columns="hour", values=value).astype(float)
    if slots.empty or grid.isna().all().all() or (grid.fillna(0) == 0).all().all():
        return _empty(figure, empty_label)
    grid = grid.reindex(index=range(7), columns=range(24))
    axes = figure.add_subplot()
    image = axes.imshow(grid.to_numpy(), aspect="auto", cmap="YlOrRd", interpolation="nearest")
    axes.set_yticks(range(7), list(weekday_names))
    axes.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
    colorbar = figure.colorbar(image, ax=axes, fraction=0.03, pad=0.01)
    if value in ("conversion", "pay_rate"):
        from matplotlib.ticker import PercentFormatter

        colorbar.formatter = PercentFormatter(1.0, decimals=1)
        colorbar.update_ticks()
    if labels.get("title"):
        axes.set_title(labels["title"])
    return figure


def ledger_chart(
    frame: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    empty_label: str = "",
    into: Figure | SubFigure | None = None,
) -> Figure | SubFigure:
    """ROAS of the rows with ad spend (bars: red below break-even, green above, blue when the
    break-even is unknown) and their break-even ROAS (black ticks); most spend first.
    ``into``: draw into that (Sub)Figure instead of a new one."""
    import pandas as pd

    figure = new_figure(width_in=7.5, height_in=4.2, into=into)
    spent = frame[frame["ad_spend_cents"].fillna(0) > 0] if len(frame) else frame
    if spent.empty:
        return _empty(figure, empty_label)
    top = spent.sort_values("ad_spend_cents", ascending=False).head(MAX_BARS)
    name_column = "title" if "title" in top else "pillar"
    names = [_short(n) for n in top[name_column].fillna("—")]
    roas = top["roas"].astype(float).to_numpy()
    even = top["break_even_roas"].astype(float).to_numpy()
    axes = figure.add_subplot()
    positions = list(range(len(top)))
    colors = [  # unknown break-even (no cost price): neutral, neither loss nor gain
        OTHER_COLORS[0] if b is pd.NA else LOSS_COLOR if b else GAIN_COLOR
        for b in top["below_break_even"].astype("boolean")
    ]
    bars = axes.barh(positions, roas, color=colors, height=0.6, label=labels.get("roas", "ROAS"))
    axes.bar_label(bars, labels=[f"{v:.2f}" if v == v else "—" for v in roas], fontsize=8)
    finite = [(p, e) for p, e in zip(positions, even, strict=True) if e == e and e != float("inf")]
    if finite:
        axes.scatter(
            [e for _, e in finite],
            [p for p, _ in finite],
            marker="|",
            s=300,
            color="black",
            label=labels.get("break_even", "break-even"),
        )
    axes.set_yticks(positions, names)
    axes.invert_yaxis()
    axes.margins(x=0.2)
    axes.grid(axis="x", alpha=0.3)
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    if labels.get("title"):
        axes.set_title(labels["title"])
    return figure


def experiment_chart(result: ExperimentResult, labels: Mapping[str, str]) -> Figure:
    """Each variant's rate with its confidence interval (normal approximation per variant)."""
    import math

    from app.analytics.proportions import z_critical

    figure = new_figure(width_in=6.0, height_in=3.6)
    shown = [v for v in result.variants if v.rate is not None]
    if not shown:
        return _empty(figure, labels.get("empty", ""))
    z = z_critical(result.confidence)
    rates = [float(v.rate or 0.0) for v in shown]
    errors = [
        z * math.sqrt(r * (1 - r) / v.counts.trials) for r, v in zip(rates, shown, strict=True)
    ]
    axes = figure.add_subplot()
    positions = list(range(len(shown)))
    axes.bar(
        positions,
        rates,
        yerr=errors,
        capsize=6,
        color=[OTHER_COLORS[i % len(OTHER_COLORS)] for i in positions],
        width=0.6,
    )
    for position, rate, error in zip(positions, rates, errors, strict=True):
        axes.annotate(  # above the interval's cap, not under it
            f"{rate:.2%}",
            (position, rate + error),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    axes.set_xticks(positions, [_short(f"{v.key} · {v.name}") for v in shown])
    from matplotlib.ticker import PercentFormatter

    axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=1))
    axes.set_ylabel(labels.get("rate", ""))
    axes.margins(y=0.2)
    axes.grid(axis="y", alpha=0.3)
    if labels.get("title"):
        axes.set_title(labels["title"])
    return figure
