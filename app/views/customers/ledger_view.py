"""客户台账 Ledger: every customer (merged ones rolled up), filtered, with the detail beside it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QModelIndex, QSettings, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.views.customers.detail_panel import CustomerDetailPanel
from app.views.customers.labels import (
    HIDDEN_BY_DEFAULT,
    LEDGER_SEARCH_COLUMNS,
    MANUAL_MERGE,
    NO_CHANNEL,
    NO_TAG,
    PRIVATE_CHANNELS,
    channel_name,
    ledger_columns,
    segment_name,
)
from app.views.customers.ledger_export import LedgerExporter
from app.views.customers.ledger_frame import prepare_ledger, select_customers, split_tags
from app.views.customers.sub_view import CustomersData, SubView
from app.views.formatting import platform_names
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.column_chooser import ColumnChooser
from app.views.widgets.multi_select import MultiSelectButton

if TYPE_CHECKING:
    from app.services.customers import PrivateListResult
    from app.tasks import Task

NAME_WIDTH = 140
EXPORT_COLUMNS_ALWAYS = ("customer_id",)


class LedgerView(SubView):
    """Filters and tools above the customer table; the current customer's detail beside it.

    Attributes:
        model: the table model (customers passing the filters and the search).
        table: the table view.
        filter_box: the search field.
        tiers, segments, platforms, channels, tags: the filter lists.
        count_label: "N rows" / "N of M rows".
        detail: the detail panel.

    Signals:
        exported(str, int): written to this path, with this many rows.
        export_failed(str): an export failed (the message says why).
    """

    exported = Signal(str, int)
    export_failed = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.frame = pd.DataFrame()
        self._ids: tuple[list[int], str] | None = None
        self.model = FrameModel(ledger_columns(), LEDGER_SEARCH_COLUMNS, self)
        self.table = self._make_table()
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Search names, phones, tags, notes…"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._on_find_activated)
        all_text = self.tr("all")
        self.tiers = MultiSelectButton(self.tr("Tier"), all_text)
        self.segments = MultiSelectButton(self.tr("Segment"), all_text)
        self.platforms = MultiSelectButton(self.tr("Platform"), all_text)
        self.channels = MultiSelectButton(self.tr("Private channel"), all_text)
        self.tags = MultiSelectButton(self.tr("Tag"), all_text)
        for button in self._lists():
            button.selection_changed.connect(self._on_filters_changed)
        self.ids_note = QLabel()
        self.ids_note.setObjectName("ExportNote")
        self.ids_clear = QPushButton(self.tr("Show all"))
        self.ids_clear.clicked.connect(self.clear_ids)
        self.count_label = QLabel()
        self.columns = ColumnChooser(
            self.table,
            [c.id for c in self.model.columns()],
            "customers_ledger",
            self.settings,
            HIDDEN_BY_DEFAULT,
        )
        self.private_button = self._menu_button(self.tr("Move to private…"), self._private_menu())
        self.private_button.setToolTip(
            self.tr("Mark the selected customers as added on WeChat, WeCom or to a group")
        )
        self.import_button = QPushButton(self.tr("Import list…"))
        self.import_button.setToolTip(
            self.tr(
                "Mark the customers of a list as private: one per line, an order number, "
                "a buyer ID, or a name and phone"
            )
        )
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setToolTip(self.tr("Make the two selected customers one person"))
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.export_button = self._menu_button(self.tr("Export…"), self._export_menu())
        self.export_label = QLabel()
        self.export_label.setObjectName("ExportNote")
        self.export_label.setVisible(False)
        self.exporter = LedgerExporter(self.settings, self)
        self.exporter.note.connect(self._on_exporter_note)
        self.exporter.finished.connect(self._on_exporter_finished)
        self.exporter.exported.connect(self.exported)
        self.exporter.failed.connect(self.export_failed)
        self.detail = CustomerDetailPanel()
        self.detail.store_changed.connect(self._on_detail_store_changed)
        self.detail.status_reported.connect(self.status_reported)
        self.splitter = self._make_splitter()
        self._build_layout()
        self._sized = False
        self._update_actions()

    def _lists(self) -> tuple[MultiSelectButton, ...]:
        return (self.tiers, self.segments, self.platforms, self.channels, self.tags)

    def _make_table(self) -> QTableView:
        table = frame_table(self.model, row_height=26)
        table.sortByColumn(self.model.column_of("net_cents"), Qt.SortOrder.DescendingOrder)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        return table

    def _make_splitter(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        area = QScrollArea()
        area.setWidget(self.detail)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 420])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 1)
        for button in self._lists():
            filters.addWidget(button)
        tools = QHBoxLayout()
        tools.addWidget(self.count_label)
        tools.addSpacing(12)
        tools.addWidget(self.ids_note)
        tools.addWidget(self.ids_clear)
        tools.addStretch(1)
        for widget in (
            self.private_button,
            self.import_button,
            self.merge_button,
            self.columns,
            self.export_button,
        ):
            tools.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.export_label)
        self.ids_note.setVisible(False)
        self.ids_clear.setVisible(False)

    def _menu_button(self, text: str, menu: QMenu) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(menu)
        return button

    def _private_menu(self) -> QMenu:
        menu = QMenu(self)
        for code in PRIVATE_CHANNELS:
            action = QAction(channel_name(code), menu)
            action.triggered.connect(lambda _c=False, code=code: self.mark_private(code))
            menu.addAction(action)
        menu.addSeparator()
        leave = QAction(self.tr("Not in a private channel"), menu)
        leave.triggered.connect(lambda: self.mark_private(""))
        menu.addAction(leave)
        return menu

    def _export_menu(self) -> QMenu:
        menu = QMenu(self)
        shown = QAction(self.tr("The customers shown (filters and search)…"), menu)
        shown.triggered.connect(lambda: self._ask_export(selected_only=False))
        selection = QAction(self.tr("The selected customers…"), menu)
        selection.triggered.connect(lambda: self._ask_export(selected_only=True))
        menu.addAction(shown)
        menu.addAction(selection)
        return menu

    # Data ---------------------------------------------------------------------------------------

    def draw(self, data: CustomersData) -> None:
        """Show the ledger under the filters; the current customer stays current."""
        current = self.current_customer_id()
        from app.services.tiers import list_rules

        self.frame = prepare_ledger(data.ledger)
        self._offer_choices([rule.name for rule in list_rules(data.reader)])
        self._apply(current)

    def _offer_choices(self, rule_order: list[str]) -> None:
        from app.analytics.rfm import SEGMENTS

        frame = self.frame
        names = platform_names()
        held = set(frame["tier"]) - {""}
        tiers = [t for t in rule_order if t in held] + sorted(held - set(rule_order))
        codes = sorted(
            {c.strip() for t in frame["platforms"].fillna("") for c in t.split(",") if c}
        )
        tags = sorted({tag for text in frame["tags"] for tag in split_tags(text)})
        present = set(frame["segment"]) - {""}
        segments = [s for s in SEGMENTS if s in present] + sorted(present - set(SEGMENTS))
        for button in self._lists():
            button.blockSignals(True)
        self.tiers.set_options([(t, t) for t in tiers])
        self.segments.set_options([(s, segment_name(s)) for s in segments])
        self.platforms.set_options([(c, names.get(c) or channel_name(c)) for c in codes])
        self.channels.set_options(
            [(c, channel_name(c)) for c in PRIVATE_CHANNELS]
            + [(NO_CHANNEL, self.tr("Not in a private channel"))]
        )
        self.tags.set_options([(t, t) for t in tags] + [(NO_TAG, self.tr("No tag"))])
        for button in self._lists():
            button.blockSignals(False)

    def _apply(self, current: int | None = None) -> None:
        shown = select_customers(
            self.frame,
            tiers=self.tiers.selected(),
            segments=self.segments.selected(),
            platforms=self.platforms.selected(),
            channels=self.channels.selected(),
            tags=self.tags.selected(),
            ids=self._ids[0] if self._ids else None,
        )
        self.model.set_frame(shown)
        if not self._sized and self.model.rowCount():
            self._sized = True
            fit_columns(self.table, self.model.column_of("display_name"), NAME_WIDTH)
        self._update_count()
        row = self.model.row_of("customer_id", current) if current is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.detail.clear()
        self._update_actions()

    def show_customers(self, ids: list[int], why: str) -> None:
        """Show only the customers ``ids`` (from an RFM cell or segment); ``why`` says which."""
        self._ids = (list(ids), why)
        for button in self._lists():
            with QSignalBlocker(button):
                button.set_selected(())
        self.ids_note.setText(
            self.tr("%1 customers: %2").replace("%1", f"{len(ids):,}").replace("%2", why)
        )
        self.ids_note.setVisible(True)
        self.ids_clear.setVisible(True)
        self._apply(self.current_customer_id())

    def show_filtered(self, *, tiers: Iterable[str] = (), segments: Iterable[str] = ()) -> None:
        """Show the customers of these tiers or segments (every other filter cleared)."""
        self._ids = None
        self.ids_note.setVisible(False)
        self.ids_clear.setVisible(False)
        for button, values in (
            (self.tiers, tiers),
            (self.segments, segments),
            (self.platforms, ()),
            (self.channels, ()),
            (self.tags, ()),
        ):
            with QSignalBlocker(button):
                button.set_selected(list(values))
        self._apply(self.current_customer_id())

    def clear_ids(self) -> None:
        """Drop the "only these customers" filter."""
        self._ids = None
        self.ids_note.setVisible(False)
        self.ids_clear.setVisible(False)
        self._apply(self.current_customer_id())

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.frame)
        if shown != total:
            text = self.tr("%1 of %2 customers")
        else:
            text = self.tr("1 customer") if total == 1 else self.tr("%1 customers")
        self.count_label.setText(text.replace("%1", f"{shown:,}").replace("%2", f"{total:,}"))

    def current_customer_id(self) -> int | None:
        """The customer in the detail panel (the current row), if any."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.rowCount():
            return None
        return int(self.model.value(index.row(), "customer_id"))

    def selected_customer_ids(self) -> list[int]:
        """The selected rows' customers (the current one when none is selected)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [int(self.model.value(r, "customer_id")) for r in rows]

    def select_customers(self, ids: Iterable[int]) -> int:
        """Select the rows of ``ids`` that show; returns how many."""
        self.table.clearSelection()
        selection = self.table.selectionModel()
        found = 0
        for cid in ids:
            row = self.model.row_of("customer_id", cid)
            if row >= 0:
                flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
                selection.select(self.model.index(row, 0), flags)
                if not found:
                    self.table.setCurrentIndex(self.model.index(row, 0))
                    self.table.selectionModel().select(self.model.index(row, 0), flags)
                found += 1
        return found

    def _update_actions(self) -> None:
        writable = self.data is not None and self.data.store is not None
        count = len(self.selected_customer_ids()) if self.model.rowCount() else 0
        self.private_button.setEnabled(writable and count > 0)
        self.merge_button.setEnabled(writable and count == 2)
        self.import_button.setEnabled(writable)

    # Detail ---------------------------------------------------------------------------------

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.data is None:
            self.detail.clear()
            return
        record = self.model.row_values(current.row())
        self.detail.show_customer(record, self.data)

    def _on_selection_changed(self, *_args: object) -> None:
        self._update_actions()

    def _on_detail_store_changed(self) -> None:
        self.store_changed.emit()

    # Writing --------------------------------------------------------------------------------

    def mark_private(self, channel: str) -> int:
        """Mark the selected customers as in ``channel`` ("" = in none); returns how many."""
        from app.services.customers import mark_private

        ids = self.selected_customer_ids()
        if self.data is None or self.data.store is None or not ids:
            return 0
        try:
            changed = mark_private(self.data.store, ids, channel, self.data.today)
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Private channel"), error_text(exc))
            return 0
        name = channel_name(channel) or self.tr("no private channel")
        self.status_reported.emit(
            self.tr("%1 customers moved to %2").replace("%1", str(changed)).replace("%2", name)
        )
        self.store_changed.emit()
        return changed

    def merge_selected(self) -> int | None:
        """Merge the two selected customers (the bigger spender survives); the merge's id."""
        from app.services.customers import merge_customers

        ids = self.selected_customer_ids()
        if self.data is None or self.data.store is None or len(ids) != 2:
            return None
        rows = self.frame.set_index("customer_id").loc[ids]
        survivor, merged = rows.sort_values("paid_orders", ascending=False).index[:2]
        try:
            merge_id = merge_customers(
                self.data.store, int(survivor), int(merged), reason=MANUAL_MERGE
            )
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Merge customers"), error_text(exc))
            return None
        self.status_reported.emit(
            self.tr("Merged %1 into %2")
            .replace("%1", str(rows.loc[merged, "display_name"]))
            .replace("%2", str(rows.loc[survivor, "display_name"]))
        )
        self.store_changed.emit()
        return int(merge_id)

    def _on_merge_button_clicked(self) -> None:
        ids = self.selected_customer_ids()
        if len(ids) != 2:
            return
        names = self.frame.set_index("customer_id").loc[ids, "display_name"].tolist()
        answer = QMessageBox.question(
            self,
            self.tr("Merge customers"),
            self.tr(
                "Make %1 and %2 one customer? Their orders, tiers and tags are combined; "
                "the merge can be undone under Merges."
            )
            .replace("%1", str(names[0]))
            .replace("%2", str(names[1])),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.merge_selected()

    def import_list(self, path: Path, channel: str) -> PrivateListResult | None:
        """Mark the customers listed in ``path`` as in ``channel`` (None: nothing changed)."""
        from app.services.customers import import_private_list

        if self.data is None or self.data.store is None:
            return None
        try:
            result = import_private_list(self.data.store, path, channel, self.data.today)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Import list"), error_text(exc))
            return None
        message = (
            self.tr("%1 customers marked as %2 (%3 already were); %4 lines not found")
            .replace("%1", str(result.matched))
            .replace("%2", channel_name(channel))
            .replace("%3", str(result.already))
            .replace("%4", str(len(result.unmatched)))
        )
        self.status_reported.emit(message)
        if result.unmatched:
            lines = "\n".join(f"{n}: {text}" for n, text in result.unmatched[:20])
            QMessageBox.information(self, self.tr("Import list"), f"{message}\n\n{lines}")
        self.store_changed.emit()
        return result

    def _on_import_button_clicked(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a list of private-channel customers"),
            "",
            self.tr("Lists (*.csv *.txt)"),
        )
        if not path:
            return
        names = [channel_name(c) for c in PRIVATE_CHANNELS]
        name, ok = QInputDialog.getItem(
            self, self.tr("Import list"), self.tr("They are now in:"), names, 1, False
        )
        if ok:
            self.import_list(Path(path), PRIVATE_CHANNELS[names.index(name)])

    # Export ---------------------------------------------------------------------------------

    def export_snapshot(self, selected_only: bool = False) -> tuple[pd.DataFrame, dict[str, str]]:
        """The shown (or selected) rows with the shown columns, and headers in the UI language."""
        specs = {c.id: c for c in self.model.columns()}
        ids = self.columns.visible_ids()
        wanted = [*EXPORT_COLUMNS_ALWAYS, *ids]
        if "net_cents" in ids:
            wanted.append("currency")
        frame = self.model.visible_frame(wanted).copy()
        if selected_only:
            frame = frame[frame["customer_id"].isin(self.selected_customer_ids())]
        headers = {"customer_id": self.tr("Customer ID")}
        for column in ids:
            headers[column] = specs[column].header
        if "net_cents" in ids:
            headers["currency"] = self.tr("Currency")
        return frame, headers

    def start_export(self, path: Path, selected_only: bool = False) -> Task:
        """Write the shown (or selected) customers to ``path`` (.csv or .xlsx), off-thread."""
        frame, headers = self.export_snapshot(selected_only)
        self.export_button.setEnabled(False)
        return self.exporter.start(frame, headers, path)

    def _ask_export(self, selected_only: bool) -> None:
        name = self.tr("customers")
        if tiers := self.tiers.selected():
            name += "_" + "_".join(str(t) for t in tiers)
        if (target := self.exporter.ask_path(self, name)) is not None:
            self.start_export(target, selected_only)

    def _on_exporter_note(self, message: str) -> None:
        self.export_label.setText(message)
        self.export_label.setVisible(True)
        self.status_reported.emit(message)

    def _on_exporter_finished(self) -> None:
        self.export_button.setEnabled(True)

    # Signals --------------------------------------------------------------------------------

    def _on_find_activated(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def _on_filter_box_text_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._update_count()

    def _on_filters_changed(self) -> None:
        self._apply(self.current_customer_id())
