"""The selected video: its key facts, its snapshot history chart, its pillar and template."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app import charts
from app.views.formatting import UNKNOWN, platform_names
from app.views.table_models.frame_model import format_cell
from app.views.traffic.labels import HISTORY_METRICS, format_metric, metric
from app.views.widgets.chart_canvas import ChartCanvas

FACTS = (
    "views",
    "completion_rate",
    "completion_5s_rate",
    "bounce_2s_rate",
    "avg_watch_s",
    "interaction_rate",
    "followers_gained",
    "likes",
    "comments",
    "shares",
    "favorites",
)


class DetailPanel(QWidget):
    """Facts and history of one video; pillar and template combos label the selected videos.

    Signals:
        pillar_chosen(object): a pillar id, or None to clear it, for the selected videos.
        template_chosen(object): a template id, or None to clear it, for the selected videos.
    """

    pillar_chosen = Signal(object)
    template_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: dict[str, Any] | None = None
        self.history: pd.DataFrame | None = None
        self.title = QLabel()
        self.title.setObjectName("DetailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.facts: dict[str, QLabel] = {key: QLabel() for key in FACTS}
        self.sales = QLabel()
        self.sales.setToolTip(
            self.tr("Paid orders the shop's order export attributes to this video")
        )
        self.pillar = QComboBox()
        self.pillar_caption = QLabel(self.tr("Pillar"))
        self.template_caption = QLabel(self.tr("Template"))
        self.template = QComboBox()
        for combo in (self.pillar, self.template):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        self.pillar.activated.connect(self._on_pillar_activated)
        self.template.activated.connect(self._on_template_activated)
        self.metric_choice = QComboBox()
        for key in HISTORY_METRICS:
            self.metric_choice.addItem(metric(key).name, key)
        self.metric_choice.currentIndexChanged.connect(self._on_metric_choice_current_index_changed)
        self.chart = ChartCanvas(min_height=150)
        self.hint = QLabel(self.tr("Select a video to see its history."))
        self.hint.setObjectName("EmptyHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._body = self._build_body()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self._body, 1)
        self.clear()

    def _build_body(self) -> QWidget:
        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(2)
        for number, (key, label) in enumerate(self.facts.items()):
            row, column = divmod(number, 2)  # two figures a row: the chart keeps its room
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            facts.addWidget(QLabel(metric(key).name), row, column * 2)
            facts.addWidget(label, row, column * 2 + 1)
        row = (len(self.facts) + 1) // 2
        self.sales.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        facts.addWidget(QLabel(self.tr("Attributed sales")), row, 0)
        facts.addWidget(self.sales, row, 1, 1, 3)
        facts.addWidget(self.pillar_caption, row + 1, 0)
        facts.addWidget(self.pillar, row + 1, 1, 1, 3)
        facts.addWidget(self.template_caption, row + 2, 0)
        facts.addWidget(self.template, row + 2, 1, 1, 3)
        facts.setColumnStretch(1, 1)
        facts.setColumnStretch(3, 1)
        history_row = QHBoxLayout()
        history_row.addWidget(QLabel(self.tr("History of")))
        history_row.addWidget(self.metric_choice, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(facts)
        layout.addLayout(history_row)
        layout.addWidget(self.chart, 1)
        return body

    def set_label_choices(
        self, pillars: list[tuple[int, str]], templates: list[tuple[int, str]]
    ) -> None:
        """Offer these pillars and templates (plus "none") in the label combos."""
        for combo, options, none in (
            (self.pillar, pillars, self.tr("(no pillar)")),
            (self.template, templates, self.tr("(no template)")),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none, None)
            for ident, name in options:
                combo.addItem(name, ident)
            combo.blockSignals(False)
        if self.record is not None:
            self._show_labels(self.record)

    def clear(self) -> None:
        """Show the hint instead of a video."""
        self.record = None
        self.history = None
        self.hint.setVisible(True)
        self._body.setVisible(False)

    def show_video(self, record: dict[str, Any], history: pd.DataFrame, selected: int) -> None:
        """Show one video's facts and history; ``selected`` videos get the labels picked."""
        self.record, self.history = record, history
        self.hint.setVisible(False)
        self._body.setVisible(True)
        self.title.setText(record.get("title") or self.tr("(untitled)"))
        self.title.setToolTip(record.get("title") or "")
        self.subtitle.setText(self._subtitle(record))
        for key, label in self.facts.items():
            label.setText(format_metric(record.get(key), metric(key).kind))
        self.sales.setText(self._sales(record))
        self._show_labels(record)
        self.set_selected_count(selected)
        self._draw_history()

    def set_selected_count(self, selected: int) -> None:
        """Say how many selected videos the pillar and template combos label."""
        tip = self.tr("Sets the label of every selected video (%1)").replace("%1", str(selected))
        for combo, caption, name in (
            (self.pillar, self.pillar_caption, self.tr("Pillar")),
            (self.template, self.template_caption, self.tr("Template")),
        ):
            combo.setToolTip(tip)
            many = self.tr("%1 (%2 videos)").replace("%1", name).replace("%2", str(selected))
            caption.setText(many if selected > 1 else name)

    def _subtitle(self, record: dict[str, Any]) -> str:
        platform = platform_names().get(record.get("platform") or "", record.get("platform") or "")
        parts = [platform]
        if record.get("account"):
            parts.append(str(record["account"]))
        if record.get("published_at") is not None:
            parts.append(format_cell(record["published_at"], "datetime"))
        if record.get("duration_s") is not None:
            parts.append(format_cell(record["duration_s"], "duration"))
        return " · ".join(p for p in parts if p)

    def _sales(self, record: dict[str, Any]) -> str:
        orders = record.get("orders")
        if orders is None:
            return UNKNOWN
        text = self.tr("%1 orders").replace("%1", f"{int(orders):,}")
        if record.get("gmv_cents") is not None and record.get("gmv_currency"):
            money = format_cell(record["gmv_cents"], "money", record["gmv_currency"])
            text = f"{text} · {money}"
        return text

    def _show_labels(self, record: dict[str, Any]) -> None:
        for combo, key in ((self.pillar, "pillar_id"), (self.template, "template_id")):
            value = record.get(key)
            index = combo.findData(int(value)) if value is not None else 0
            combo.blockSignals(True)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _draw_history(self) -> None:
        history, key = self.history, str(self.metric_choice.currentData())
        if history is None or history.empty or key not in history or history[key].isna().all():
            self.chart.show_message(
                self.tr("No history of this figure: the platform does not export it.")
                if history is not None and not history.empty
                else self.tr("No snapshots of this video yet.")
            )
            return
        known = history[history[key].notna()]
        if len(known) == 1:
            # One export is a value, not a history: a chart of one dot has nothing to show.
            moment = format_cell(known["snapshot_at"].iloc[0], "datetime")
            value = format_metric(float(known[key].iloc[0]), metric(key).kind)
            self.chart.show_message(
                self.tr("One export so far: %1 as of %2.\nImport a newer export to see a trend.")
                .replace("%1", f"{metric(key).name} {value}")
                .replace("%2", moment)
            )
            return
        self.chart.show_figure(charts.snapshot_history_chart(history, key, metric(key).name))

    def _on_metric_choice_current_index_changed(self, _index: int) -> None:
        if self.record is not None:
            self._draw_history()

    def _on_pillar_activated(self, index: int) -> None:
        self.pillar_chosen.emit(self.pillar.itemData(index))

    def _on_template_activated(self, index: int) -> None:
        self.template_chosen.emit(self.template.itemData(index))
