"""商品 Products: per product or SKU what sold, what came back, what it cost; best and worst."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.views.conversion.base import (
    ConversionModel,
    ConversionScope,
    ConversionSubView,
)
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.table_exporter import TableExporter

BY_PRODUCT, BY_SKU = "product", "sku"
COSTS_DIR_KEY = "conversion/costs_dir"
AMOUNT = re.compile(r"^[¥$￥]?\s*(\d{1,9}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?$")


def parse_cents(text: str) -> int | None:
    """``12.5`` / ``¥1,299.00`` → cents; None for an empty text; ValueError otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    found = AMOUNT.match(cleaned)
    if found is None:
        raise ValueError(cleaned)
    whole = int(found.group(1).replace(",", ""))
    part = (found.group(2) or "0").ljust(2, "0")
    return whole * 100 + int(part)


class ProductsView(ConversionSubView):
    """The products (or SKUs) sold in the period with an editable unit cost price.

    Attributes:
        by: per product | per SKU.
        model: one row per product (and currency); the unit cost column can be edited.
        best_model, worst_model: the period's best and worst sellers by GMV.
        import_button: reads cost prices from a CSV/xlsx file.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = Segmented([(BY_PRODUCT, self.tr("Per product")), (BY_SKU, self.tr("Per SKU"))])
        self.by.value_changed.connect(lambda _value: self.redraw())
        self.model = ConversionModel(
            self._columns(BY_PRODUCT),
            ("product_name", "sku", "product_key"),
            self,
            editable_column="unit_cost_cents",
        )
        self.model.cell_edited.connect(self._on_model_cell_edited)
        self.table = frame_table(self.model)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Search products"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.model.set_search)
        self.import_button = QPushButton(self.tr("Import costs…"))
        self.import_button.setToolTip(
            self.tr("Read cost prices from a CSV or Excel file: 商品ID, 规格 (optional), 成本价")
        )
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.exporter = TableExporter(self.model, self.tr("products"))
        self.exporter.status_reported.connect(self.status_reported)
        self.best_model = FrameModel(self._rank_columns(), ("product_name",), self)
        self.worst_model = FrameModel(self._rank_columns(), ("product_name",), self)
        self.best_table = frame_table(self.best_model)
        self.worst_table = frame_table(self.worst_model)
        hint = QLabel(
            self.tr(
                "Double-click a unit cost to enter it (e.g. 12.50); an empty cost removes it. "
                "Costs give margin, profit and break-even ROAS."
            )
        )
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(self.by)
        tools.addWidget(self.filter_box, 1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.exporter.note)
        tools.addWidget(self.exporter.button)
        ranks = QSplitter(Qt.Orientation.Horizontal)
        for title, table in (
            (self.tr("Best sellers (GMV)"), self.best_table),
            (self.tr("Weakest sellers (GMV)"), self.worst_table),
        ):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title)
            label.setStyleSheet("font-weight: 600;")
            box_layout.addWidget(label)
            box_layout.addWidget(table, 1)
            ranks.addWidget(box)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(hint)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(ranks)
        split.setSizes([380, 190])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        self.settings = QSettings()

    def _columns(self, by: str) -> list[FrameColumn]:
        money = "currency"
        sku = [FrameColumn("sku", self.tr("SKU"))] if by == BY_SKU else []
        return [
            FrameColumn("product_name", self.tr("Product")),
            *sku,
            FrameColumn("platform", self.tr("Platform"), "platform"),
            FrameColumn("units", self.tr("Units"), "int"),
            FrameColumn("orders", self.tr("Orders"), "int"),
            FrameColumn("gmv_cents", self.tr("GMV"), "money", money),
            FrameColumn("refund_cents", self.tr("Refunds"), "money", money),
            FrameColumn("refund_rate", self.tr("Refund rate"), "rate"),
            FrameColumn(
                "unit_cost_cents",
                self.tr("Unit cost ✎"),
                "money",
                money,
                tooltip=self.tr("Your cost price per unit: double-click to edit"),
            ),
            FrameColumn("cost_cents", self.tr("Cost of goods"), "money", money),
            FrameColumn("margin", self.tr("Margin"), "rate"),
            FrameColumn("ad_spend_cents", self.tr("Ad spend"), "money", money),
            FrameColumn("videos", self.tr("Videos that sold it"), "int"),
        ]

    def _rank_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("product_name", self.tr("Product")),
            FrameColumn("platform", self.tr("Platform"), "platform"),
            FrameColumn("units", self.tr("Units"), "int"),
            FrameColumn("gmv_cents", self.tr("GMV"), "money", "currency"),
            FrameColumn("refund_rate", self.tr("Refund rate"), "rate"),
        ]

    # Drawing ----------------------------------------------------------------------------------

    def draw(self, scope: ConversionScope) -> None:
        """The products sold in the scope, with their entered unit costs."""
        from app.analytics.conversion_products import best_and_worst, products
        from app.services.costs import list_costs

        by = self.by.value()
        frame = products(scope.data, scope.flt, by=by).copy()
        frame["unit_cost_cents"] = _unit_costs(frame, list_costs(scope.reader), by)
        self.model.set_columns(self._columns(by))
        self.model.set_frame(frame)
        fit_columns(self.table, 0, 240)
        best, worst = best_and_worst(frame, n=5)
        self.best_model.set_frame(best)
        self.worst_model.set_frame(worst)
        fit_columns(self.best_table, 0, 200)
        fit_columns(self.worst_table, 0, 200)
        period = scope.flt.period
        stem = self.tr("products")
        self.exporter.file_stem = f"{stem}_{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        self.import_button.setEnabled(scope.store is not None)

    # Costs --------------------------------------------------------------------------------------

    def set_unit_cost(self, record: dict[str, Any], text: str) -> bool:
        """Store the unit cost typed for a row (empty: remove it); False when refused."""
        from app.services.costs import delete_cost, set_cost

        if self.scope is None or self.scope.store is None:
            return False
        sku = str(record.get("sku") or "") if self.by.value() == BY_SKU else ""
        # A Tmall/JD/store line may sell a 抖店 product: its cost belongs to the product's platform.
        platform = str(record.get("product_platform") or record["platform"])
        key = str(record["product_key"])
        try:
            cents = parse_cents(text)
            if cents is None:
                delete_cost(self.scope.store, platform, key, sku)
            else:
                set_cost(self.scope.store, platform, key, sku, cents, str(record["currency"]))
        except ValueError as exc:
            QMessageBox.warning(
                self,
                self.tr("Unit cost"),
                self.tr("“%1” is not a price (e.g. 12.50): %2")
                .replace("%1", text)
                .replace("%2", error_text(exc)),
            )
            return False
        name = str(record.get("product_name") or key)
        self.status_reported.emit(self.tr("Cost of %1 saved").replace("%1", name))
        self.data_changed.emit()
        return True

    def import_costs_from(self, path: Path) -> bool:
        """Read cost prices from ``path``; say what changed, or why nothing did."""
        from app.services.costs import import_costs

        if self.scope is None or self.scope.store is None:
            return False
        try:
            done = import_costs(self.scope.store, path)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(
                self,
                self.tr("Import costs"),
                self.tr("No cost was imported: %1").replace("%1", error_text(exc)),
            )
            return False
        self.status_reported.emit(
            self.tr("Costs imported: %1 new, %2 changed, %3 unchanged")
            .replace("%1", str(done.inserted))
            .replace("%2", str(done.updated))
            .replace("%3", str(done.unchanged))
        )
        self.data_changed.emit()
        return True

    def _on_model_cell_edited(self, record: dict, _column: str, text: str) -> None:
        self.set_unit_cost(record, text)

    def _on_import_button_clicked(self) -> None:
        folder = str(
            self.settings.value(COSTS_DIR_KEY, "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("Import cost prices"),
            folder,
            self.tr("Tables (*.csv *.xlsx *.xls)"),
        )
        if path:
            self.settings.setValue(COSTS_DIR_KEY, str(Path(path).parent))
            self.import_costs_from(Path(path))


def _unit_costs(frame: pd.DataFrame, costs: list[dict[str, Any]], by: str) -> pd.Series:
    """Each row's entered unit cost in its currency: the SKU's, else the product's (NaN: none)."""
    table = {
        (str(c["platform"]), str(c["product_key"]), str(c["sku"] or ""), str(c["currency"])): float(
            c["cost_cents"]
        )
        for c in costs
    }
    values = []
    for row in frame.itertuples():
        sku = str(getattr(row, "sku", "") or "") if by == BY_SKU else ""
        platform = getattr(row, "product_platform", None) or row.platform
        key = (str(platform), str(row.product_key), sku, str(row.currency))
        general = (key[0], key[1], "", key[3])
        values.append(table.get(key, table.get(general, float("nan"))))
    return pd.Series(values, index=frame.index, dtype=float)
