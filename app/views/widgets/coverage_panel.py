"""Data coverage: which days the store holds per platform and export, gaps highlighted."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.db import Reader
from app.services.coverage import Coverage, data_coverage
from app.services.tables import Table
from app.views.formatting import format_date, format_period
from app.views.table_models.table_model import ColumnSpec, TableModel
from app.views.widgets.record_table import record_table


def _data_name(data: str) -> str:
    return {
        "orders": QCoreApplication.translate("CoveragePanel", "Orders"),
        "ads": QCoreApplication.translate("CoveragePanel", "Ad spend"),
        "account_days": QCoreApplication.translate("CoveragePanel", "Account days"),
        "reviews": QCoreApplication.translate("CoveragePanel", "Reviews"),
        "videos": QCoreApplication.translate("CoveragePanel", "Videos published"),
    }.get(data, data)


def describe_gaps(gaps: tuple[tuple[date, date], ...]) -> str:
    """“2026-10-09 至 2026-10-14；2026-10-20” / “Oct 9, 2026 – Oct 14, 2026; Oct 20, 2026”."""
    parts = [
        format_date(start) if start == end else format_period(start, end) for start, end in gaps
    ]
    return "; ".join(parts)


class CoveragePanel(QWidget):
    """A table of coverage rows and the button to the export guide.

    Signals:
        guide_requested(): the user wants to know where to download exports.
    """

    guide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Data coverage"))
        title.setObjectName("SectionTitle")
        self.guide_button = QPushButton(self.tr("Where do I get these files?"))
        self.guide_button.clicked.connect(self.guide_requested)
        self.model = TableModel(
            [
                ColumnSpec("platform", self.tr("Platform"), "platform"),
                ColumnSpec("data", self.tr("Data")),
                ColumnSpec("first", self.tr("From")),
                ColumnSpec("last", self.tr("To")),
                ColumnSpec("days", self.tr("Days")),
                ColumnSpec("gaps", self.tr("Missing days")),
            ],
            self,
        )
        self.table = record_table(self.model)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setObjectName("GapWarning")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.guide_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.gap_label)
        layout.addWidget(self.table, 1)

    def load(self, reader: Reader) -> list[Coverage]:
        """Read coverage from the store and show it."""
        coverage = data_coverage(reader)
        rows = [
            (c.platform, _data_name(c.data), c.first, c.last, c.days, describe_gaps(c.gaps))
            for c in coverage
        ]
        self.model.set_table(Table(("platform", "data", "first", "last", "days", "gaps"), rows))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):  # long gap lists get a tooltip instead
            header.resizeSection(column, min(header.sectionSize(column), 480))
        # Days without orders or account data are almost always a missed download; days
        # without ad reports may just be days without ads, so they come last and say so.
        with_gaps = sorted((c for c in coverage if c.gaps), key=lambda c: c.data == "ads")
        if with_gaps:
            first = with_gaps[0]
            text = (
                self.tr("No %1 ad report for %2. Import those days if ads ran then.")
                if first.data == "ads"
                else self.tr(
                    "Missing data: %1 %2 for %3. Import those days to complete the picture."
                )
            )
            if first.data == "ads":
                text = text.replace("%2", describe_gaps(first.gaps[:3]))
            else:
                text = text.replace("%2", _data_name(first.data)).replace(
                    "%3", describe_gaps(first.gaps[:3])
                )
            self.gap_label.setText(text.replace("%1", self._platform(first.platform)))
        self.gap_label.setVisible(bool(with_gaps))
        return coverage

    @staticmethod
    def _platform(code: str) -> str:
        from app.views.formatting import platform_names

        return platform_names().get(code, code)
