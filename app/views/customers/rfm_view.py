"""RFM: an R × F grid and the named segments as of any day; a click lists those customers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QDate, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.tables import Money
from app.views.customers.heat_model import HeatModel
from app.views.customers.labels import segment_name, segment_rule
from app.views.customers.sub_view import CustomersData, SubView
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import fit_columns, frame_table

if TYPE_CHECKING:
    from app.analytics.rfm import RfmSettings

SCORES = (5, 4, 3, 2, 1)
GRID_ROW_HEIGHT = 44
GRID_COLUMN_WIDTH = 120


def _numbers(text: str) -> tuple[int, ...]:
    """ "30, 60, 90, 180" → (30, 60, 90, 180); ValueError for anything else."""
    parts = [p for p in text.replace("，", ",").replace(" ", ",").split(",") if p]
    return tuple(int(float(p)) for p in parts)


def grid_frames(scored: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Customers, revenue text and CNY-or-main revenue per R (rows 5→1) × F (columns 1→5)."""
    from app.analytics.rfm import rfm_grid

    grid = rfm_grid(scored)
    counts = pd.DataFrame(0, index=list(SCORES), columns=list(SCORES[::-1]), dtype="int64")
    revenue = pd.DataFrame(0, index=counts.index, columns=counts.columns, dtype="int64")
    money: dict[tuple[int, int], list[Money]] = {}
    main = grid.groupby("currency")["customers"].sum().idxmax() if len(grid) else "CNY"
    for row in grid.itertuples():
        key = (int(row.r_score), int(row.f_score))
        counts.loc[key] += int(row.customers)
        money.setdefault(key, []).append(Money(int(row.net_cents), str(row.currency)))
        if row.currency == main:
            revenue.loc[key] = int(row.net_cents)
    texts = counts.astype(object).copy()
    for r in counts.index:
        for f in counts.columns:
            amounts = " · ".join(str(m) for m in money.get((r, f), []))
            texts.loc[r, f] = f"{counts.loc[r, f]:,}\n{amounts}" if amounts else "0"
    return counts, texts, revenue


class RfmView(SubView):
    """As-of day and scoring mode on top; the R × F grid beside the named segments.

    Attributes:
        scored: the scored buyers as last drawn (``score_rfm``'s frame).
        grid: the R × F heat model; segments: the segment table's model.

    Signals:
        customers_chosen(list, str): show these customer ids in the ledger; why (e.g. "R5 · F4").
    """

    customers_chosen = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scored = pd.DataFrame()
        self._settings_read = False
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.dateChanged.connect(self._on_inputs_changed)
        self.mode = QComboBox()
        for value, text in (
            ("auto", self.tr("Automatic")),
            ("quintile", self.tr("Quintiles (ranked 1–5)")),
            ("threshold", self.tr("Thresholds (small shop)")),
        ):
            self.mode.addItem(text, value)
        self.mode.setToolTip(
            self.tr(
                "Quintiles rank buyers against each other; with fewer than 200 buyers "
                "fixed thresholds say more. Automatic picks for you."
            )
        )
        self.mode.currentIndexChanged.connect(self._on_inputs_changed)
        self.recency_edit = QLineEdit()
        self.orders_edit = QLineEdit()
        self.spend_edit = QLineEdit()
        for edit in (self.recency_edit, self.orders_edit, self.spend_edit):
            edit.editingFinished.connect(self._on_inputs_changed)
        self.apply_button = QPushButton(self.tr("Save as the shop's default"))
        self.apply_button.clicked.connect(self.save_settings)
        self.mode_note = QLabel()
        self.mode_note.setObjectName("ExportNote")
        self.mode_note.setWordWrap(True)
        self.colour_by = Segmented(
            [("customers", self.tr("Customers")), ("revenue", self.tr("Revenue"))]
        )
        self.colour_by.value_changed.connect(self._on_colour_by_changed)
        self.grid = HeatModel(self)
        self.grid_table = self._make_grid_table()
        self.segments = FrameModel(self._segment_columns(), (), self)
        self.segment_table = frame_table(self.segments)
        self.segment_table.clicked.connect(self._on_segment_clicked)
        self._counts = self._texts = self._revenue = pd.DataFrame()
        self._build_layout()

    def _make_grid_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.grid)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(True)
        table.verticalHeader().setDefaultSectionSize(GRID_ROW_HEIGHT)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMinimumSize(5 * GRID_COLUMN_WIDTH // 2, 5 * GRID_ROW_HEIGHT + 30)
        table.setToolTip(self.tr("Click a cell to list its customers in the ledger"))
        table.clicked.connect(self._on_grid_clicked)
        return table

    def _segment_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("segment_name", self.tr("Segment")),
            FrameColumn("customers", self.tr("Customers"), "int"),
            FrameColumn("share", self.tr("Share"), "rate"),
            FrameColumn("revenue", self.tr("Revenue")),
            FrameColumn("rule", self.tr("Who")),
        ]

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("As of"), self.as_of)
        form.addRow(self.tr("Scores"), self.mode)
        form.addRow(self.tr("Days since order (R 5/4/3/2)"), self.recency_edit)
        form.addRow(self.tr("Paid orders (F 2/3/4/5)"), self.orders_edit)
        form.addRow(self.tr("Spend in ¥ (M 2/3/4/5)"), self.spend_edit)
        controls = QVBoxLayout()
        controls.addLayout(form)
        controls.addWidget(self.mode_note)
        controls.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignLeft)
        controls.addStretch(1)
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_head = QHBoxLayout()
        caption = QLabel(self.tr("Recency (rows, 5 = most recent) × frequency (columns)"))
        caption.setObjectName("DetailTitle")
        grid_head.addWidget(caption, 1)
        grid_head.addWidget(self.colour_by)
        grid_layout.addLayout(grid_head)
        grid_layout.addWidget(self.grid_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(grid_box)
        splitter.addWidget(self.segment_table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

    # Settings -------------------------------------------------------------------------------

    def _read_settings(self, data: CustomersData) -> None:
        from app.services.customers import rfm_settings

        self._settings_read = True
        settings = rfm_settings(data.reader)
        with QSignalBlocker(self.mode), QSignalBlocker(self.as_of):
            self.mode.setCurrentIndex(max(self.mode.findData(settings.mode), 0))
            self.as_of.setDate(QDate(data.today.year, data.today.month, data.today.day))
            self.as_of.setMaximumDate(QDate(data.today.year, data.today.month, data.today.day))
        cuts = settings.thresholds
        self.recency_edit.setText(", ".join(str(v) for v in cuts.recency_days))
        self.orders_edit.setText(", ".join(str(v) for v in cuts.orders))
        self.spend_edit.setText(", ".join(f"{v // 100}" for v in cuts.spend_cents))

    def settings(self) -> RfmSettings:
        """The mode and thresholds typed; ValueError (readable) when a list is not valid."""
        from app.analytics.rfm import RfmSettings, RfmThresholds

        try:
            recency, orders = _numbers(self.recency_edit.text()), _numbers(self.orders_edit.text())
            spend = tuple(v * 100 for v in _numbers(self.spend_edit.text()))
        except ValueError as exc:
            raise ValueError(self.tr("Thresholds are four numbers, e.g. 30, 60, 90, 180")) from exc
        thresholds = RfmThresholds(recency, orders, spend)  # type: ignore[arg-type]
        return RfmSettings(str(self.mode.currentData()), thresholds)

    def as_of_date(self) -> date:
        """The day the scores are as of."""
        return self.as_of.date().toPython()  # type: ignore[return-value]

    def save_settings(self) -> bool:
        """Store the mode and thresholds as the shop's (the ledger's segments follow them)."""
        from app.services.customers import save_rfm_settings

        if self.data is None or self.data.store is None:
            return False
        try:
            save_rfm_settings(self.data.store, self.settings())
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("RFM"), error_text(exc))
            return False
        self.status_reported.emit(self.tr("Saved the RFM settings"))
        self.store_changed.emit()
        return True

    # Drawing --------------------------------------------------------------------------------

    def draw(self, data: CustomersData) -> None:
        """Score the ledger as of the chosen day and show the grid and segments."""
        from app.analytics.rfm import resolved_mode, score_rfm, segment_summary
        from app.services.customers import load_ledger

        if not self._settings_read:
            self._read_settings(data)
        try:
            settings = self.settings()
        except ValueError as exc:
            self.mode_note.setText(error_text(exc))
            return
        as_of = self.as_of_date()
        ledger = data.ledger if as_of == data.today else load_ledger(data.reader, as_of)
        self.scored = score_rfm(ledger, settings)
        buyers = len(self.scored)
        mode = resolved_mode(settings.mode, buyers)
        for edit in (self.recency_edit, self.orders_edit, self.spend_edit):
            edit.setEnabled(mode == "threshold")
        self.mode_note.setText(self._mode_text(mode, buyers))
        self._counts, self._texts, self._revenue = grid_frames(self.scored)
        self._show_grid()
        self.segments.set_frame(self._segment_frame(segment_summary(self.scored), buyers))
        fit_columns(self.segment_table)

    def _segment_frame(self, summary: pd.DataFrame, buyers: int) -> pd.DataFrame:
        """One row per segment: customers over every currency, revenue per currency."""
        rows = []
        for segment, group in summary.groupby("segment", sort=False):
            customers = int(group["customers"].sum())
            money = [
                Money(int(cents), str(currency))
                for cents, currency in zip(group["net_cents"], group["currency"], strict=True)
            ]
            rows.append(
                {
                    "segment": segment,
                    "segment_name": segment_name(str(segment)),
                    "customers": customers,
                    "share": customers / buyers if buyers else None,
                    "revenue": " · ".join(str(m) for m in money),
                    "rule": segment_rule(str(segment)),
                }
            )
        return pd.DataFrame(rows, columns=[c.id for c in self._segment_columns()] + ["segment"])

    def _mode_text(self, mode: str, buyers: int) -> str:
        text = (
            self.tr("%1 buyers scored by quintile (ties share a score).")
            if mode == "quintile"
            else self.tr("%1 buyers scored by the thresholds on the left.")
        )
        return text.replace("%1", f"{buyers:,}")

    def _show_grid(self) -> None:
        values = self._revenue if self.colour_by.value() == "revenue" else self._counts
        self.grid.set_frames(
            values,
            self._texts,
            row_name=lambda r: f"R{r}",
            column_name=lambda f: f"F{f}",
        )

    def grid_count(self, r_score: int, f_score: int) -> int:
        """Customers in a cell of the grid as shown."""
        return int(self._counts.loc[r_score, f_score])

    def cell_customers(self, r_score: int, f_score: int) -> list[int]:
        """The ids of the customers of an R × F cell."""
        scored = self.scored
        hit = (scored["r_score"] == r_score) & (scored["f_score"] == f_score)
        return [int(c) for c in scored.loc[hit, "customer_id"]]

    # Signals --------------------------------------------------------------------------------

    def _on_inputs_changed(self, *_args: Any) -> None:
        self.stale = True
        if self.isVisible():
            self.refresh()

    def _on_colour_by_changed(self, _value: str) -> None:
        if not self._counts.empty:
            self._show_grid()

    def _on_grid_clicked(self, index: QModelIndex) -> None:
        r, f = int(self.grid.row_key(index.row())), int(self.grid.column_key(index.column()))
        self.customers_chosen.emit(self.cell_customers(r, f), f"R{r} · F{f}")

    def _on_segment_clicked(self, index: QModelIndex) -> None:
        segment = self.segments.value(index.row(), "segment")
        ids = self.scored.loc[self.scored["segment"] == segment, "customer_id"]
        self.customers_chosen.emit([int(c) for c in ids], segment_name(segment))
