"""归因 Attribution: where buyers came from, by format, source, code, path, creator or platform."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.views.conversion.base import ConversionModel, ConversionScope, ConversionSubView
from app.views.formatting import platform_names
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.segmented import Segmented
from app.views.traffic.sub_view import fit_columns, frame_table
from app.views.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from app.analytics.conversion import ChannelCodeRow
    from app.analytics.conversion_attribution import MatchSummary
    from app.db import Reader, Store


class AttributionView(ConversionSubView):
    """Orders and GMV grouped one way at a time, as a chart and a table, with the match rule.

    Attributes:
        by: how orders are grouped (format, source, channel code, path, creator, platform).
        model: one row per group and currency.
        chart: orders per group.
        match_label: how many order lines name a video, and the rule behind it.
        codes_button: opens the channel/coupon code editor.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = Segmented(
            [
                ("format", self.tr("Traffic format")),
                ("source", self.tr("Traffic source")),
                ("channel", self.tr("Channel codes")),
                ("path", self.tr("Direct / indirect")),
                ("author", self.tr("Creator (达人)")),
                ("platform", self.tr("Platform")),
                ("video", self.tr("Video")),
            ]
        )
        self.by.value_changed.connect(lambda _value: self.redraw())
        self.codes_button = QPushButton(self.tr("Channel codes…"))
        self.codes_button.setToolTip(
            self.tr("Your coupon and channel codes, e.g. an offline-store QR coupon")
        )
        self.codes_button.clicked.connect(self._on_codes_button_clicked)
        self.chart = ChartCanvas(min_height=200)
        self.model = ConversionModel(self._columns(), ("label",), self)
        self.table = frame_table(self.model)
        self.match_label = QLabel()
        self.match_label.setWordWrap(True)
        self.match_label.setObjectName("Hint")
        tools = QHBoxLayout()
        tools.addWidget(self.by)
        tools.addStretch(1)
        tools.addWidget(self.codes_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([260, 260])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        layout.addWidget(self.match_label)

    def _columns(self) -> list[FrameColumn]:
        money = "currency"
        return [
            FrameColumn("label", self.tr("Group")),
            FrameColumn("orders", self.tr("Orders"), "int", tooltip=self.tr("Paid order lines")),
            FrameColumn("share", self.tr("Share of orders"), "rate"),
            FrameColumn("gmv_cents", self.tr("GMV"), "money", money),
            FrameColumn("refund_cents", self.tr("Refunds"), "money", money),
            FrameColumn("net_cents", self.tr("Net GMV"), "money", money),
            FrameColumn("currency", self.tr("Currency"), "currency"),
        ]

    def key_labels(self) -> dict[str, dict[str, str]]:
        """Display names of the groups that are codes (formats, paths, platforms)."""
        return {
            "format": {
                "short_video": self.tr("Short video"),
                "live": self.tr("Live"),
                "product_card": self.tr("Product card"),
                "other": self.tr("Other"),
                "pending": self.tr("Pending (next-day update)"),
                "unknown": self.tr("Not in the export"),
            },
            "path": {
                "direct": self.tr("Direct: cart or link in a video, live"),
                "indirect": self.tr("Indirect: private domain, coupons and channel codes"),
                "other": self.tr("Other / not known"),
            },
            "platform": platform_names(),
        }

    def draw(self, scope: ConversionScope) -> None:
        """Group the scope's paid lines the chosen way and show them."""
        from app.analytics.conversion_attribution import attribution, match_summary
        from app.conversion_charts import attribution_chart

        by = self.by.value()
        frame = attribution(scope.data, scope.flt, by).copy()
        frame["label"] = self._labels(frame, by)
        self.model.set_frame(frame)
        fit_columns(self.table, 0, 320)
        labels = {"orders": self.tr("Orders"), "title": self.tr("Paid order lines per group")}
        self.chart.show_figure(
            attribution_chart(frame, labels, value="orders", empty_label=self.tr("No paid orders"))
        )
        self.match_label.setText(self.match_text(match_summary(scope.data, scope.flt)))
        self.codes_button.setEnabled(scope.store is not None)

    def _labels(self, frame: pd.DataFrame, by: str) -> list[str]:
        names = self.key_labels().get(by, {})
        missing = self.tr("(not given)")
        out = []
        for key, label in zip(frame["key"], frame["label"], strict=True):
            text = names.get(str(key)) or (str(label) if label else "")
            out.append(text or missing)
        return out

    def match_text(self, summary: MatchSummary) -> str:
        """The video match rule in words, with this period's counts."""
        platforms = platform_names()
        where = ", ".join(platforms.get(p, p) for p in sorted(summary.attributing_platforms))
        text = self.tr(
            "How orders are matched to videos: an order line counts for a video only when the "
            "order export names the video. 抖店 and TikTok Shop order exports do not today (抖店 "
            "gives 流量体裁, 流量来源 and 达人昵称; TikTok only the creator), so per-video orders "
            "are unknown there, never guessed."
        )
        counts = self.tr(
            "This period: %1 of %2 paid lines name a video; %3 short-video lines name none; "
            "%4 lines name a creator; %5 wait for the next day's update."
        )
        for number, value in enumerate(
            (
                summary.with_video,
                summary.lines,
                summary.short_video_without_video,
                summary.with_author,
                summary.pending,
            ),
            start=1,
        ):
            counts = counts.replace(f"%{number}", f"{int(value):,}")
        if where:
            counts += " " + self.tr("Matched on: %1.").replace("%1", where)
        return f"{text}\n{counts}\n{self.material_text(summary)}"

    def material_text(self, summary: MatchSummary) -> str:
        """The 千川 material → video rule in words, with this period's counts."""
        rule = self.tr(
            "How ad spend is matched to videos: a 千川 material counts for a 抖音 video when "
            "its name (素材名称) equals the video's title, ignoring hashtags, spaces and "
            "full/half-width forms; when several videos share the title, the one published "
            "closest to the material's creation time (素材创建时间). Materials no title "
            "matches (e.g. 本地上传 files) count in the totals only."
        )
        if not summary.materials:
            return rule
        counts = self.tr("This period: %1 of %2 materials matched a video (%3 of their spend).")
        share = summary.material_spend_with_video
        for number, value in enumerate(
            (
                f"{summary.materials_with_video:,}",
                f"{summary.materials:,}",
                "—" if share is None else f"{share:.0%}",
            ),
            start=1,
        ):
            counts = counts.replace(f"%{number}", value)
        return f"{rule} {counts}"

    def _on_codes_button_clicked(self) -> None:
        if self.scope is None or self.scope.store is None:
            return
        dialog = ChannelCodesDialog(self.scope.reader, self.scope.store, self)
        dialog.exec()
        if dialog.changed:
            self.status_reported.emit(self.tr("Channel codes saved"))
            self.data_changed.emit()


class ChannelCodesDialog(QDialog):
    """The user's coupon and channel codes: add, edit, remove.

    Attributes:
        model: one row per code.
        changed: a code was saved or removed.
    """

    def __init__(self, reader: Reader, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Channel and coupon codes"))
        self.resize(620, 380)
        self._reader, self._store = reader, store
        self.changed = False
        self.codes: list[ChannelCodeRow] = []
        self.model = FrameModel(
            [
                FrameColumn("code", self.tr("Code")),
                FrameColumn("label", self.tr("Label")),
                FrameColumn("path_name", self.tr("Path")),
                FrameColumn("prefix_name", self.tr("Match")),
            ],
            ("code", "label"),
            self,
        )
        self.table = frame_table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(lambda: self.edit_code(None))
        edit = QPushButton(self.tr("Edit…"))
        edit.clicked.connect(lambda: self.edit_current())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._on_remove_clicked)
        note = QLabel(
            self.tr(
                "Orders whose channel or coupon code equals a code (or starts with it) are "
                "counted for its label, e.g. STORE-QR → 门店扫码券 (indirect)."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (add, edit, remove):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """List the stored codes."""
        from app.services.costs import list_channel_codes

        self.codes = list_channel_codes(self._reader)
        paths = path_names()
        rows = [
            {
                "id": c.id,
                "code": c.code,
                "label": c.label,
                "path_name": paths.get(c.path, c.path),
                "prefix_name": self.tr("starts with") if c.prefix else self.tr("exactly"),
            }
            for c in self.codes
        ]
        self.model.set_frame(
            pd.DataFrame(rows, columns=["id", "code", "label", "path_name", "prefix_name"])
        )
        fit_columns(self.table)

    def edit_current(self) -> None:
        """Edit the chosen code."""
        index = self.table.currentIndex()
        if index.isValid():
            chosen = self.model.value(index.row(), "id")
            self.edit_code(next((c for c in self.codes if c.id == chosen), None))

    def edit_code(self, code: ChannelCodeRow | None) -> None:
        """Ask for a code's fields and save them."""
        editor = ChannelCodeEditor(code, self)
        while editor.exec() == QDialog.DialogCode.Accepted:
            if self.save(editor.row()):
                return

    def save(self, row: ChannelCodeRow) -> bool:
        """Store ``row``; say why when it is refused (the store is unchanged)."""
        from app.services.costs import save_channel_code

        try:
            save_channel_code(self._store, row)
        except ValueError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return False
        self.changed = True
        self.reload()
        return True

    def _on_remove_clicked(self) -> None:
        from app.services.costs import delete_channel_code

        index = self.table.currentIndex()
        if not index.isValid():
            return
        delete_channel_code(self._store, int(self.model.value(index.row(), "id")))
        self.changed = True
        self.reload()


class ChannelCodeEditor(QDialog):
    """The fields of one channel code."""

    def __init__(self, code: ChannelCodeRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Channel code"))
        self._id = code.id if code else None
        self.code_edit = QLineEdit(code.code if code else "")
        self.code_edit.setPlaceholderText(self.tr("e.g. STORE-QR"))
        self.label_edit = QLineEdit(code.label if code else "")
        self.label_edit.setPlaceholderText(self.tr("e.g. 门店扫码券"))
        self.path_box = QComboBox()
        for key, name in path_names().items():
            self.path_box.addItem(name, key)
        self.path_box.setCurrentIndex(
            max(self.path_box.findData(code.path if code else "indirect"), 0)
        )
        self.prefix_box = QCheckBox(self.tr("Also every code that starts with it"))
        self.prefix_box.setChecked(bool(code and code.prefix))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Code"), self.code_edit)
        form.addRow(self.tr("Label"), self.label_edit)
        form.addRow(self.tr("Path"), self.path_box)
        form.addRow("", self.prefix_box)
        form.addRow(buttons)

    def row(self) -> ChannelCodeRow:
        """The code as edited."""
        from app.analytics.conversion import ChannelCodeRow

        return ChannelCodeRow(
            id=self._id,
            code=self.code_edit.text().strip(),
            label=self.label_edit.text().strip(),
            path=str(self.path_box.currentData()),
            prefix=self.prefix_box.isChecked(),
        )


def path_names() -> dict[str, str]:
    """Display names of the two paths a channel code can belong to."""
    return {
        "indirect": QCoreApplication.translate(
            "ChannelCodeEditor", "Indirect (private domain, offline)"
        ),
        "direct": QCoreApplication.translate("ChannelCodeEditor", "Direct (video, live)"),
    }
