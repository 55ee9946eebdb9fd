"""漏斗 Funnel: views → product clicks → orders created → paid → net GMV, optionally compared."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.analytics.periods import NO_LABEL, Period
from app.views.conversion.base import (
    ConversionModel,
    ConversionScope,
    ConversionSubView,
    money_by_currency,
)
from app.views.formatting import UNKNOWN, code_names, currency_name, format_period
from app.views.table_models.frame_model import FrameColumn
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas
from app.views.widgets.multi_select import MultiSelectButton
from app.views.widgets.period_picker import PeriodPicker

if TYPE_CHECKING:
    from app.analytics.conversion import ConversionFilter, Funnel

COMPARE_NONE, COMPARE_PREVIOUS, COMPARE_PERIOD, COMPARE_GROUP = (
    "none",
    "previous",
    "period",
    "group",
)


class FunnelView(ConversionSubView):
    """The funnel as a chart and a table; a second funnel (period or group) side by side.

    Attributes:
        compare: none | previous period | another period | another content group.
        other_period: the second period (when comparing periods).
        other_group: the second content group (when comparing groups).
        chart: the funnel chart.
        model: one row per step: its value and rate (and the second funnel's).
        funnels: the funnels last drawn (one or two).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.funnels: tuple[Funnel, ...] = ()
        self.compare = Segmented(
            [
                (COMPARE_NONE, self.tr("No comparison")),
                (COMPARE_PREVIOUS, self.tr("Previous period")),
                (COMPARE_PERIOD, self.tr("Another period")),
                (COMPARE_GROUP, self.tr("Another content group")),
            ]
        )
        self.compare.value_changed.connect(self._on_compare_value_changed)
        self.other_period = PeriodPicker()
        self.other_period.period_changed.connect(self._on_other_changed)
        self.other_group = MultiSelectButton(self.tr("Group B"), self.tr("all"))
        self.other_group.selection_changed.connect(self._on_other_changed)
        self.chart = ChartCanvas(min_height=240)
        self.model = ConversionModel(self._columns(False), ("step",), self)
        self.table = frame_table(self.model)
        self.table.setSortingEnabled(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("Hint")
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Compare with:")))
        controls.addWidget(self.compare)
        controls.addWidget(self.other_period)
        controls.addWidget(self.other_group)
        controls.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addWidget(self.note)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(lower)
        split.setSizes([330, 230])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        self._show_controls()

    def step_names(self) -> dict[str, str]:
        """Each funnel step's display name."""
        return {
            "views": self.tr("Views"),
            "product_clicks": self.tr("Product clicks"),
            "orders_created": self.tr("Orders created"),
            "orders_paid": self.tr("Orders paid"),
            "net_gmv": self.tr("Net GMV"),
        }

    def step_hints(self) -> dict[str, str]:
        """Which export would give each step, for the tooltip of an unknown value."""
        return {
            "views": self.tr(
                "Unknown: import the video lists (抖音 作品列表, 视频号 动态数据, 小红书 笔记列表, "
                "TikTok Studio Content) of this period"
            ),
            "product_clicks": self.tr(
                "Unknown: no export imported here gives product clicks per video yet; "
                "抖音 creator center's 商品点击 or TikTok Shop's product views would fill this step"
            ),
            "orders_created": self.tr(
                "Unknown: import the 抖店 or TikTok Shop order export of this period"
            ),
            "orders_paid": self.tr(
                "Unknown: import the 抖店 or TikTok Shop order export of this period"
            ),
            "net_gmv": self.tr(
                "Unknown: import the order export and the after-sales (售后) export of this period"
            ),
        }

    def hint(self, key: str) -> str:
        """The tooltip of an unknown step: the exports that would give it, by name."""
        kinds = next((f.missing_from.get(key) for f in self.funnels if key in f.missing_from), None)
        if not kinds:
            return self.step_hints()[key]
        names = code_names()
        return self.tr("Unknown: import %1 of this period").replace(
            "%1", ", ".join(names.get(kind, kind) for kind in kinds)
        )

    def _columns(self, two: bool, names: tuple[str, ...] = ()) -> list[FrameColumn]:
        """Step, value and rate; with two funnels each value column is headed by its name."""
        name_a, name_b = names if len(names) == 2 else (self.tr("A"), self.tr("B"))
        rate_tip = self.tr(
            "This step divided by the step before; net GMV: share kept after refunds"
        )
        columns = [
            FrameColumn("step", self.tr("Step")),
            FrameColumn("value_a", self.tr("Value") if not two else name_a),
            FrameColumn("rate_a", self.tr("Step rate"), "rate", tooltip=rate_tip),
        ]
        if two:
            columns += [
                FrameColumn("value_b", name_b),
                FrameColumn("rate_b", self.tr("Step rate B"), "rate", tooltip=rate_tip),
                FrameColumn("change", self.tr("B vs A"), "rate", tooltip=self.tr("(B − A) / A")),
            ]
        return columns

    # Drawing ----------------------------------------------------------------------------------

    def draw(self, scope: ConversionScope) -> None:
        """Compute the funnel(s) of the scope and show them."""
        from app.analytics.conversion import compare_funnels, funnel

        self._offer_choices(scope)
        mode = self.compare.value()
        if mode == COMPARE_NONE:
            self.funnels = (funnel(scope.data, scope.flt),)
            names: tuple[str, ...] = ()
        else:
            other, names = self._other_filter(scope.flt, mode)
            self.funnels = compare_funnels(scope.data, scope.flt, other)
        self._fill_table(names)
        self._draw_chart(names)
        self._show_note(scope)

    def _other_filter(self, flt: ConversionFilter, mode: str) -> tuple[Any, tuple[str, str]]:
        here = _period_text(flt.period)
        if mode == COMPARE_PREVIOUS:
            other = flt.previous()
            return other, (here, _period_text(other.period))
        if mode == COMPARE_PERIOD:
            start, end = self.other_period.period()
            other = replace(flt, period=Period(start, end))
            return other, (here, _period_text(other.period))
        ids = tuple(int(str(i)) for i in self.other_group.selected())
        other = replace(flt, pillar_ids=ids)
        return other, (self._group_text(flt.pillar_ids), self._group_text(ids))

    def _group_text(self, ids: tuple[int, ...]) -> str:
        if not ids:
            return self.tr("All videos")
        names = dict(self.scope.pillars) if self.scope else {}
        names[NO_LABEL] = self.tr("No pillar")
        return ", ".join(names.get(i, str(i)) for i in ids)

    def _fill_table(self, titles: tuple[str, ...]) -> None:
        names = self.step_names()
        two = len(self.funnels) == 2
        rows = []
        for number, key in enumerate(names):
            row: dict[str, Any] = {"step": names[key], "hint": self.hint(key)}
            for suffix, found in zip(("a", "b"), self.funnels, strict=False):
                step = found.steps[number]
                row[f"value_{suffix}"] = _step_text(found, step.key, step.value)
                row[f"rate_{suffix}"] = step.rate
            if two:
                row["change"] = _change(
                    self.funnels[0].steps[number].value, self.funnels[1].steps[number].value
                )
            rows.append(row)
        self.model.set_columns(self._columns(two, titles))
        self.model.set_frame(pd.DataFrame(rows))
        fit_columns(self.table)

    def _draw_chart(self, names: tuple[str, ...]) -> None:
        from app.conversion_charts import funnel_chart

        figure = funnel_chart(
            self.funnels, self.step_names(), names, empty_label=self.tr("No orders or views")
        )
        self.chart.show_figure(figure)

    def _show_note(self, scope: ConversionScope) -> None:
        main = self.funnels[0].currency
        text = self.tr(
            "Orders are order lines paid in the period, as in the monthly figures. The bars and "
            "the net GMV rate use %1; other currencies are listed, never added."
        ).replace("%1", currency_name(main))
        if scope.flt.pillar_ids or self.compare.value() == COMPARE_GROUP:
            text += " " + self.tr(
                "A content group only has the orders whose lines name one of its videos."
            )
        self.note.setText(text)

    # Controls ---------------------------------------------------------------------------------

    def _offer_choices(self, scope: ConversionScope) -> None:
        """The content groups and months of the scope for the second funnel (no signal)."""
        with QSignalBlocker(self.other_group):
            self.other_group.set_options([*scope.pillars, (NO_LABEL, self.tr("No pillar"))])
        with QSignalBlocker(self.other_period):
            fresh = self.other_period.presets.count() == 0
            self.other_period.set_months(scope.today, scope.months)
            if fresh:
                self.other_period.set_preset("last_month")

    def _show_controls(self) -> None:
        mode = self.compare.value()
        self.other_period.setVisible(mode == COMPARE_PERIOD)
        self.other_group.setVisible(mode == COMPARE_GROUP)

    def _on_compare_value_changed(self, _value: str) -> None:
        self._show_controls()
        self.redraw()

    def _on_other_changed(self, *_args: object) -> None:
        self.redraw()


def _step_text(found: Funnel, key: str, value: float | None) -> str:
    if key == "net_gmv":
        return money_by_currency(found.net_cents) if value is not None else UNKNOWN
    return UNKNOWN if value is None else f"{value:,.0f}"


def _change(a: float | None, b: float | None) -> float | None:
    return (b - a) / a if a and b is not None else None


def _period_text(period: Period) -> str:
    return format_period(period.start, period.end)
