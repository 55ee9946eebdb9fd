"""合并 Merges: suggested pairs to accept or reject; merges and splits to undo."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.views.customers.labels import MANUAL_MERGE, MANUAL_SPLIT
from app.views.customers.ledger_frame import platforms_text
from app.views.customers.sub_view import CustomersData, SubView
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table


class MergesView(SubView):
    """Suggestions on top (accept / reject), the merge and split history below (undo).

    Attributes:
        suggestions: the suggested pairs' model.
        rejected: the pairs the user rejected, newest first ("Suggest again" brings one back).
        history: the merges' and splits' model, newest first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestions = FrameModel(self._suggestion_columns(), ("a_name", "b_name"), self)
        self.suggestion_table = frame_table(self.suggestions)
        self.suggestion_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.accept_button = QPushButton(self.tr("Merge"))
        self.accept_button.setToolTip(self.tr("They are the same person: make them one customer"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button = QPushButton(self.tr("Not the same person"))
        self.reject_button.setToolTip(self.tr("Never suggest this pair again"))
        self.reject_button.clicked.connect(self.reject_selected)
        self.suggestion_count = QLabel()
        self.rejected = FrameModel(self._rejected_columns(), ("a_name", "b_name"), self)
        self.rejected_table = frame_table(self.rejected)
        self.rejected_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.suggest_again_button = QPushButton(self.tr("Suggest again"))
        self.suggest_again_button.setToolTip(
            self.tr("Put the selected pairs back among the suggestions")
        )
        self.suggest_again_button.clicked.connect(self.suggest_again_selected)
        self.history = FrameModel(self._history_columns(), ("survivor_name", "merged_name"), self)
        self.history_table = frame_table(self.history)
        self.history_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the selected merge or split"))
        self.undo_button.clicked.connect(self.undo_selected)
        self._build_layout()
        self._update_buttons()

    def _build_layout(self) -> None:
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        title = QLabel(self.tr("Suggested merges"))
        title.setObjectName("DetailTitle")
        header.addWidget(title)
        header.addWidget(self.suggestion_count, 1)
        header.addWidget(self.accept_button)
        header.addWidget(self.reject_button)
        top_layout.addLayout(header)
        top_layout.addWidget(self.suggestion_table, 1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        title = QLabel(self.tr("Rejected pairs"))
        title.setObjectName("DetailTitle")
        header.addWidget(title, 1)
        header.addWidget(self.suggest_again_button)
        middle_layout.addLayout(header)
        middle_layout.addWidget(self.rejected_table, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        title = QLabel(self.tr("Merges and splits"))
        title.setObjectName("DetailTitle")
        header.addWidget(title, 1)
        header.addWidget(self.undo_button)
        bottom_layout.addLayout(header)
        bottom_layout.addWidget(self.history_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(middle)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 140, 220])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter, 1)

    def _suggestion_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("a_name", self.tr("Customer")),
            FrameColumn("a_platform_names", self.tr("On")),
            FrameColumn("b_name", self.tr("Same as")),
            FrameColumn("b_platform_names", self.tr("On")),
            FrameColumn("masked_phone", self.tr("Phone")),
            FrameColumn("reason_text", self.tr("Why")),
        ]

    def _rejected_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("a_name", self.tr("Customer")),
            FrameColumn("b_name", self.tr("Not the same as")),
            FrameColumn("masked_phone", self.tr("Phone")),
            FrameColumn("rejected_at", self.tr("Rejected"), "datetime"),
        ]

    def _history_columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("merged_at", self.tr("When"), "datetime"),
            FrameColumn("kind_text", self.tr("What")),
            FrameColumn("survivor_name", self.tr("Customer")),
            FrameColumn("merged_name", self.tr("With")),
            FrameColumn("reason_text", self.tr("Why")),
            FrameColumn("status_text", self.tr("Status")),
        ]

    # Data ---------------------------------------------------------------------------------------

    def draw(self, data: CustomersData) -> None:
        """Read the suggestions and the history again."""
        from app.services.customers import (
            merge_history,
            merge_suggestions,
            rejected_suggestions,
        )

        suggestions = merge_suggestions(data.reader).copy()
        reasons = self.reason_texts()
        suggestions["reason_text"] = suggestions["reason"].map(lambda r: reasons.get(r, r))
        suggestions["a_platform_names"] = suggestions["a_platforms"].map(platforms_text)
        suggestions["b_platform_names"] = suggestions["b_platforms"].map(platforms_text)
        self.suggestions.set_frame(suggestions)
        history = merge_history(data.reader).copy()
        history["reason_text"] = history["reason"].fillna("").map(lambda r: reasons.get(r, r))
        history["kind_text"] = history["kind"].map(
            lambda k: self.tr("Split") if k == "split" else self.tr("Merge")
        )
        history["status_text"] = history["undone_at"].map(
            lambda u: self.tr("Undone") if _known(u) else self.tr("In effect")
        )
        self.history.set_frame(history)
        self.rejected.set_frame(rejected_suggestions(data.reader))
        self.suggestion_count.setText(
            self.tr("%1 pairs to check").replace("%1", f"{len(suggestions):,}")
        )
        for table in (self.suggestion_table, self.rejected_table, self.history_table):
            fit_columns(table)
        self._update_buttons()

    def reason_texts(self) -> dict[str, str]:
        """Why a pair was suggested or merged: stored codes → words in the UI language."""
        return {
            "name_phone": self.tr("Same name and phone"),
            "crm": self.tr("Same name and phone on a Youzan / CRM list"),
            "wecom": self.tr("Same WeCom contact"),
            "wechat": self.tr("Same WeChat contact"),
            MANUAL_MERGE: self.tr("Merged by hand"),
            MANUAL_SPLIT: self.tr("Split by hand"),
        }

    def _selected_rows(self, table_model: FrameModel, selected: list[int]) -> list[dict]:
        return [table_model.row_values(r) for r in selected]

    def _rows(self, which: str) -> list[int]:
        table = {
            "suggestions": self.suggestion_table,
            "rejected": self.rejected_table,
        }.get(which, self.history_table)
        return sorted({i.row() for i in table.selectionModel().selectedRows()})

    def _update_buttons(self, *_args: object) -> None:
        writable = self.data is not None and self.data.store is not None
        picked = bool(self._rows("suggestions"))
        self.accept_button.setEnabled(writable and picked)
        self.reject_button.setEnabled(writable and picked)
        self.suggest_again_button.setEnabled(writable and bool(self._rows("rejected")))
        undoable = [
            r for r in self._rows("history") if not _known(self.history.value(r, "undone_at"))
        ]
        self.undo_button.setEnabled(writable and len(undoable) == 1)

    # Writing ------------------------------------------------------------------------------------

    def accept_selected(self) -> int:
        """Merge every selected pair (the first customer survives); returns how many."""
        from app.services.customers import merge_customers

        if self.data is None or self.data.store is None:
            return 0
        done = 0
        for record in self._selected_rows(self.suggestions, self._rows("suggestions")):
            try:
                merge_customers(
                    self.data.store,
                    int(record["a_id"]),
                    int(record["b_id"]),
                    reason=str(record["reason"]),
                )
            except ValueError as exc:
                QMessageBox.warning(self, self.tr("Merge customers"), error_text(exc))
                break
            done += 1
        self._report(self.tr("Merged %1 pairs").replace("%1", str(done)), done)
        return done

    def reject_selected(self) -> int:
        """Never suggest the selected pairs again; returns how many."""
        from app.services.customers import reject_suggestion

        if self.data is None or self.data.store is None:
            return 0
        rows = self._selected_rows(self.suggestions, self._rows("suggestions"))
        for record in rows:
            reject_suggestion(self.data.store, int(record["a_id"]), int(record["b_id"]))
        self._report(
            self.tr("%1 pairs will not be suggested again").replace("%1", str(len(rows))), len(rows)
        )
        return len(rows)

    def suggest_again_selected(self) -> int:
        """Let the selected rejected pairs be suggested again; returns how many."""
        from app.services.customers import unreject_suggestion

        if self.data is None or self.data.store is None:
            return 0
        rows = self._selected_rows(self.rejected, self._rows("rejected"))
        done = sum(
            unreject_suggestion(self.data.store, int(record["a_id"]), int(record["b_id"]))
            for record in rows
        )
        self._report(self.tr("%1 pairs may be suggested again").replace("%1", str(done)), done)
        return done

    def undo_selected(self) -> bool:
        """Undo the selected merge or split; False when it could not be undone (says why)."""
        from app.services.customers import undo_merge

        rows = self._rows("history")
        if self.data is None or self.data.store is None or len(rows) != 1:
            return False
        record = self.history.row_values(rows[0])
        try:
            undo_merge(self.data.store, int(record["id"]))
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Undo"), error_text(exc))
            return False
        message = self.tr("Undid the %1 of %2 and %3")
        self._report(
            message.replace("%1", str(record["kind_text"]).lower())
            .replace("%2", str(record["survivor_name"]))
            .replace("%3", str(record["merged_name"])),
            1,
        )
        return True

    def _report(self, message: str, changed: int) -> None:
        self.status_reported.emit(message)
        if changed:
            self.store_changed.emit()


def _known(value: object) -> bool:
    return value is not None and not pd.isna(value)
