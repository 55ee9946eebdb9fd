"""需求洞察 Needs insight: what buyers keep saying in reviews and comments, made into ideas."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.views.retention.sub_view import RetentionData, SubView
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table

DEFAULT_DAYS = 90


class NeedsView(SubView):
    """The most repeated words and phrases of a period, per product, with example texts.

    Attributes:
        start, end: the period.
        product: all products or one (reviews only then).
        sources: reviews and comments, reviews, or comments.
        complaints: only the negative texts (pain points).
        model, table: term, mentions, share, examples.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.product = QComboBox()
        self.product.setMinimumContentsLength(16)
        self.product.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sources = QComboBox()
        self.sources.addItem(self.tr("Reviews and comments"), ("review", "comment"))
        self.sources.addItem(self.tr("Reviews"), ("review",))
        self.sources.addItem(self.tr("Comments"), ("comment",))
        self.complaints = QCheckBox(self.tr("Complaints only"))
        self.complaints.setToolTip(self.tr("Reviews scored 2 or less, or with a negative keyword"))
        self.count_button = QPushButton(self.tr("Count"))
        self.count_button.clicked.connect(self.count)
        self.idea_button = QPushButton(self.tr("Add to content plan"))
        self.idea_button.setToolTip(self.tr("Turn the chosen term into a video idea in the plan"))
        self.idea_button.clicked.connect(self.add_idea)
        self.note = QLabel()
        self.model = FrameModel(
            [
                FrameColumn("term", self.tr("Word or phrase")),
                FrameColumn("mentions", self.tr("Texts"), "int"),
                FrameColumn("share", self.tr("Share"), "rate"),
                FrameColumn("examples", self.tr("Examples")),
            ],
            ("term", "examples"),
            self,
        )
        self.table = frame_table(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(self.start)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.end)
        bar.addWidget(self.product)
        bar.addWidget(self.sources)
        bar.addWidget(self.complaints)
        bar.addWidget(self.count_button)
        bar.addStretch(1)
        bar.addWidget(self.idea_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def draw(self, data: RetentionData) -> None:
        """Offer the reviewed products and count the last 90 days."""
        from app.services.retention import reviewed_products

        if self.product.count() == 0:
            self.end.setDate(QDate(data.today))
            self.start.setDate(QDate(data.today - timedelta(days=DEFAULT_DAYS)))
        chosen = self.product.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItem(self.tr("All products"), None)
        for key, name, reviews in reviewed_products(data.reader):
            self.product.addItem(f"{name} ({reviews})", key)
        self.product.setCurrentIndex(max(0, self.product.findData(chosen)))
        self.product.blockSignals(False)
        self.idea_button.setEnabled(data.store is not None)
        self.count()

    def count(self) -> None:
        """Count the terms of the chosen period, product and sources."""
        if self.data is None:
            return
        from app.services.retention import needs_insight

        frame = needs_insight(
            self.data.reader,
            self.start.date().toPython(),
            self.end.date().toPython(),
            self.product.currentData(),
            self.sources.currentData(),
            complaints_only=self.complaints.isChecked(),
        )
        self.model.set_frame(frame)
        fit_columns(self.table, 3, 480)
        self.note.setText(
            self.tr("Counted once per text: how many buyers said it, not how often.")
            if not frame.empty
            else self.tr("No repeated words in this period.")
        )

    def add_idea(self) -> int | None:
        """Add the chosen term to the content plan as an idea; returns the plan item's id."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.data is None or self.data.store is None:
            self.status_reported.emit(self.tr("Choose a word or phrase first"))
            return None
        from app.services.retention import idea_from_term

        values = self.model.row_values(rows[0].row())
        item_id = idea_from_term(
            self.data.store, values["term"], values["examples"], self.product.currentData()
        )
        self.status_reported.emit(
            self.tr("Added “%1” to the content plan").replace("%1", values["term"])
        )
        self.store_changed.emit()
        return item_id
