"""A/B 测试 Experiments: the list, a create/edit dialog and each experiment's statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.views.conversion.base import ConversionScope, ConversionSubView, fit_height
from app.views.conversion.experiment_dialog import (
    ExperimentDialog,
    experiment_candidates,
    metric_names,
)
from app.views.formatting import UNKNOWN
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from app.analytics.abtest import ExperimentResult
    from app.services.experiments import ExperimentSpec

WARNING_STYLE = (
    "color: #7d4e00; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px;"
    " padding: 6px;"
)
VERDICT_STYLE = "font-weight: 600; padding: 4px 0;"


class ExperimentsView(ConversionSubView):
    """The experiments on the left; the chosen one's rates, intervals and warnings on the right.

    Attributes:
        list_model: one row per experiment.
        result_model: one row per variant of the chosen experiment.
        verdict: what the numbers say, in words.
        peeking_label: the warning against calling a winner before the planned size.
        result: the chosen experiment's result (None before one is chosen).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs: list[ExperimentSpec] = []
        self.result: ExperimentResult | None = None
        self.list_model = FrameModel(
            [
                FrameColumn("name", self.tr("Experiment")),
                FrameColumn("metric_name", self.tr("Metric")),
                FrameColumn("status_name", self.tr("Status")),
                FrameColumn("variants", self.tr("Variants"), "int"),
                FrameColumn("planned", self.tr("Planned views / variant"), "int"),
            ],
            ("name",),
            self,
        )
        self.list_table = frame_table(self.list_model)
        self.list_table.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        self.list_table.doubleClicked.connect(lambda _index: self.edit_current())
        self.new_button = QPushButton(self.tr("New test…"))
        self.new_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_current())
        self.finish_button = QPushButton(self.tr("Mark finished"))
        self.finish_button.clicked.connect(self._on_finish_button_clicked)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.title.setWordWrap(True)
        self.hypothesis = QLabel()
        self.hypothesis.setWordWrap(True)
        self.result_model = FrameModel(self._result_columns(), ("name",), self)
        self.result_table = frame_table(self.result_model)
        self.result_table.setSortingEnabled(False)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet(VERDICT_STYLE)
        self.needed_label = QLabel()
        self.needed_label.setWordWrap(True)
        self.peeking_label = QLabel()
        self.peeking_label.setWordWrap(True)
        self.peeking_label.setStyleSheet(WARNING_STYLE)
        self.peeking_label.setVisible(False)
        self.chart = ChartCanvas(min_height=180)
        self._build_layout()
        self._update_buttons()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.finish_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.list_table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.hypothesis)
        right_layout.addWidget(self.result_table)
        right_layout.addWidget(self.verdict)
        right_layout.addWidget(self.needed_label)
        right_layout.addWidget(self.peeking_label)
        right_layout.addWidget(self.chart, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([470, 690])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split, 1)

    def _result_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("key", self.tr("Variant")),
            FrameColumn("name", self.tr("Name")),
            FrameColumn("videos", self.tr("Videos"), "int"),
            FrameColumn("trials", self.tr("n (views)"), "int"),
            FrameColumn("successes", self.tr("Successes"), "int"),
            FrameColumn("rate", self.tr("Rate"), "rate"),
            FrameColumn("difference", self.tr("vs A"), tooltip=self.tr("Rate minus A's rate")),
            FrameColumn(
                "interval",
                self.tr("95% interval"),
                tooltip=self.tr("Where the true difference lies, at the test's confidence"),
            ),
            FrameColumn(
                "p_value",
                self.tr("p-value"),
                tooltip=self.tr(
                    "Two-proportion z-test: the chance of a difference this large if the "
                    "variants were really alike"
                ),
            ),
            FrameColumn(
                "remaining",
                self.tr("Views still needed"),
                "int",
                tooltip=self.tr("More views this variant needs to reach the planned size"),
            ),
        ]

    # Drawing ----------------------------------------------------------------------------------

    def draw(self, scope: ConversionScope) -> None:
        """List the experiments (they do not depend on the tab's filter); keep the choice."""
        from app.services.experiments import list_experiments

        chosen = self.current_id()
        self.specs = list_experiments(scope.reader)
        names = metric_names()
        statuses = self.status_names()
        rows = [
            {
                "id": spec.id,
                "name": spec.name,
                "metric_name": names.get(spec.metric, spec.metric),
                "status_name": statuses.get(spec.status, spec.status),
                "variants": len(spec.variants),
                "planned": spec.planned_sample_size,
            }
            for spec in self.specs
        ]
        frame = pd.DataFrame(
            rows, columns=["id", "name", "metric_name", "status_name", "variants", "planned"]
        )
        self.list_model.set_frame(frame)
        fit_columns(self.list_table, 0, 220)
        if self.specs:
            self.select_experiment(chosen if chosen is not None else self.specs[0].id)
        else:
            self.show_result(None)
        self._update_buttons()

    def status_names(self) -> dict[str, str]:
        """Display names of experiment statuses."""
        return {
            "running": self.tr("Running"),
            "finished": self.tr("Finished"),
            "draft": self.tr("Draft"),
        }

    def select_experiment(self, experiment_id: int | None) -> bool:
        """Choose an experiment in the list (its result shows); False when it is not listed."""
        row = self.list_model.row_of("id", experiment_id) if experiment_id is not None else -1
        if row < 0:
            row = 0 if self.list_model.rowCount() else -1
        if row < 0:
            return False
        self.list_table.selectRow(row)
        self.list_table.setCurrentIndex(self.list_model.index(row, 0))
        self._show_current()
        return True

    def current_id(self) -> int | None:
        """The chosen experiment's id."""
        rows = self.list_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.list_model.value(rows[0].row(), "id")
        return None if value is None else int(value)

    def current_spec(self) -> ExperimentSpec | None:
        """The chosen experiment."""
        chosen = self.current_id()
        return next((s for s in self.specs if s.id == chosen), None)

    def _show_current(self) -> None:
        from app.services.experiments import experiment_result

        spec = self.current_spec()
        if spec is None or self.scope is None or spec.id is None:
            self.show_result(None)
            return
        self.show_result(spec, experiment_result(self.scope.reader, spec.id))

    def show_result(
        self, spec: ExperimentSpec | None, result: ExperimentResult | None = None
    ) -> None:
        """Show an experiment's statistics (or nothing)."""
        self.result = result
        if spec is None or result is None:
            self.title.setText(self.tr("No A/B test yet: create one with “New test…”."))
            self.hypothesis.clear()
            self.result_model.set_frame(
                pd.DataFrame(columns=[c.id for c in self._result_columns()])
            )
            for label in (self.verdict, self.needed_label):
                label.clear()
            self.peeking_label.setVisible(False)
            self.chart.show_message(self.tr("Pick or create an experiment"))
            return
        metric = metric_names().get(spec.metric, spec.metric)
        self.title.setText(f"{spec.name} · {metric}")
        self.hypothesis.setText(
            self.tr("Hypothesis: %1").replace("%1", spec.hypothesis) if spec.hypothesis else ""
        )
        self.hypothesis.setVisible(bool(spec.hypothesis))
        self.result_model.set_columns(self._result_columns_for(result.confidence))
        self.result_model.set_frame(self._result_frame(result))
        fit_columns(self.result_table)
        fit_height(self.result_table)
        self.verdict.setText(self.verdict_text(result))
        self.needed_label.setText(self.needed_text(result, spec))
        self.peeking_label.setText(self.peeking_text(result))
        self.peeking_label.setVisible(result.peeking and result.unavailable is None)
        self._draw_chart(result)

    def _result_columns_for(self, confidence: float) -> list[FrameColumn]:
        columns = self._result_columns()
        header = self.tr("%1 interval").replace("%1", f"{confidence:.0%}")
        return [
            FrameColumn(c.id, header, c.kind, c.currency, c.tooltip) if c.id == "interval" else c
            for c in columns
        ]

    def _result_frame(self, result: ExperimentResult) -> pd.DataFrame:
        rows = []
        for variant in result.variants:
            counts, versus = variant.counts, variant.vs_a
            rows.append(
                {
                    "key": variant.key,
                    "name": variant.name,
                    "videos": counts.videos,
                    "trials": counts.trials if counts.counted else None,
                    "successes": counts.successes if counts.counted else None,
                    "rate": variant.rate,
                    "difference": self.points(versus.difference, signed=True) if versus else "",
                    "interval": self.interval_text(versus.ci_low, versus.ci_high) if versus else "",
                    "p_value": p_text(versus.p_value) if versus else "",
                    "remaining": variant.remaining,
                }
            )
        return pd.DataFrame(rows)

    def points(self, value: float, signed: bool = False) -> str:
        """A rate difference in percentage points: ``+1.25 pp``."""
        number = f"{value * 100:+.2f}" if signed else f"{value * 100:.2f}"
        return self.tr("%1 pp").replace("%1", number)

    def interval_text(self, low: float, high: float) -> str:
        """``-0.31 to +2.10 pp``."""
        return (
            self.tr("%1 to %2 pp")
            .replace("%1", f"{low * 100:+.2f}")
            .replace("%2", f"{high * 100:+.2f}")
        )

    def verdict_text(self, result: ExperimentResult) -> str:
        """What the test says, without calling a winner too early."""
        if result.unavailable is not None:
            return self.unavailable_text(result.unavailable)
        others = [v for v in result.variants[1:] if v.vs_a is not None]
        significant = [v for v in others if v.vs_a is not None and v.vs_a.significant]
        level = f"{result.confidence:.0%}"
        if not significant:
            return self.tr(
                "No variant differs from A at %1 confidence: the differences may be chance."
            ).replace("%1", level)
        parts = []
        for variant in significant:
            assert variant.vs_a is not None
            text = (
                self.tr("%1 is higher than A")
                if variant.vs_a.difference > 0
                else self.tr("%1 is lower than A")
            )
            parts.append(text.replace("%1", f"{variant.key} ({variant.name})"))
        prefix = self.tr("So far: ") if result.peeking else ""
        suffix = self.tr(" (significant at %1)").replace("%1", level)
        return prefix + "; ".join(parts) + suffix

    def needed_text(self, result: ExperimentResult, spec: ExperimentSpec) -> str:
        """How many views each variant needs, and where that number comes from."""
        if result.needed_per_variant is None:
            return self.tr(
                "No planned sample size: set one (or a minimum effect) before reading the result."
            )
        size = f"{result.needed_per_variant:,}"
        if result.needed_from == "planned":
            text = self.tr("Planned: %1 views per variant.")
        elif result.needed_from == "min_effect":
            text = self.tr("%1 views per variant detect a difference of %2 at %3 power.").replace(
                "%2", self.points(spec.min_effect or 0.0)
            )
        else:
            text = self.tr(
                "About %1 views per variant would confirm the difference seen so far at %3 power "
                "(no plan was set)."
            )
        return text.replace("%1", size).replace("%3", f"{result.power:.0%}")

    def peeking_text(self, result: ExperimentResult) -> str:
        """The warning shown while a variant is below the needed size."""
        short = [v for v in result.variants if v.remaining]
        names = ", ".join(f"{v.key} ({v.remaining:,})" for v in short)
        return self.tr(
            "⚠ Do not call a winner yet: not every variant has reached the planned size "
            "(views still needed: %1). Checking again and again and stopping at the first "
            "“significant” result finds false winners far more often than the confidence says."
        ).replace("%1", names or UNKNOWN)

    def unavailable_text(self, reason: str) -> str:
        """Why an experiment has no statistics."""
        texts = {
            "no_clicks": self.tr(
                "No statistics: no imported export gives product clicks for these videos."
            ),
            "no_orders": self.tr(
                "No statistics: no imported order export names these videos, so orders per "
                "view are unknown."
            ),
            "no_views": self.tr("No statistics: a variant has no video with known views yet."),
            "too_few_variants": self.tr("No statistics: an experiment needs two variants."),
            "invalid_counts": self.tr(
                "No statistics: a variant has more successes than views (check the export)."
            ),
        }
        return texts.get(reason, reason)

    def _draw_chart(self, result: ExperimentResult) -> None:
        from app.conversion_charts import experiment_chart

        if result.unavailable is not None:
            self.chart.show_message(self.unavailable_text(result.unavailable))
            return
        labels = {"rate": self.tr("Rate"), "title": self.tr("Rate per variant, 95% interval")}
        self.chart.show_figure(experiment_chart(result, labels))

    # Editing ----------------------------------------------------------------------------------

    def candidates(self) -> pd.DataFrame:
        """The videos and plan items a variant can hold."""
        from app.services.plan import list_plan_items

        assert self.scope is not None
        return experiment_candidates(self.scope.data.videos, list_plan_items(self.scope.reader))

    def open_dialog(self, spec: ExperimentSpec | None) -> ExperimentDialog | None:
        """Show the create/edit dialog (modal); saved experiments are listed and chosen."""
        if self.scope is None or self.scope.store is None:
            return None
        dialog = self.make_dialog(spec)
        if dialog.exec() == ExperimentDialog.DialogCode.Accepted:
            self.show_saved(dialog.saved_id)
        return dialog

    def make_dialog(self, spec: ExperimentSpec | None) -> ExperimentDialog:
        """The dialog for ``spec`` (None: a new experiment), saving into the store."""
        from app.services.experiments import save_experiment

        assert self.scope is not None
        assert self.scope.store is not None
        store = self.scope.store
        return ExperimentDialog(self.candidates(), lambda s: save_experiment(store, s), spec, self)

    def show_saved(self, experiment_id: int | None) -> None:
        """List the experiments again and choose the one just saved."""
        self.redraw()
        self.select_experiment(experiment_id)
        self.status_reported.emit(self.tr("A/B test saved"))
        self.data_changed.emit()

    def edit_current(self) -> None:
        """Edit the chosen experiment."""
        spec = self.current_spec()
        if spec is not None:
            self.open_dialog(spec)

    def _on_finish_button_clicked(self) -> None:
        from app.services.experiments import set_status

        spec = self.current_spec()
        if spec is None or spec.id is None or self.scope is None or self.scope.store is None:
            return
        set_status(self.scope.store, spec.id, "finished")
        self.show_saved(spec.id)

    def _on_delete_button_clicked(self) -> None:
        from app.services.experiments import delete_experiment

        spec = self.current_spec()
        if spec is None or spec.id is None or self.scope is None or self.scope.store is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete A/B test"),
            self.tr("Delete “%1” and its variants?").replace("%1", spec.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete_experiment(self.scope.store, spec.id)
        self.redraw()
        self.data_changed.emit()

    def _update_buttons(self) -> None:
        spec = self.current_spec()
        writable = self.scope is not None and self.scope.store is not None
        self.new_button.setEnabled(writable)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(writable and spec is not None)
        self.finish_button.setEnabled(writable and spec is not None and spec.status != "finished")

    def _on_list_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_current()
        self._update_buttons()


def p_text(value: Any) -> str:
    """A p-value: three decimals, ``< 0.001`` below that; "—" when the test is undefined."""
    if value is None:
        return UNKNOWN
    return "< 0.001" if value < 0.001 else f"{value:.3f}"
