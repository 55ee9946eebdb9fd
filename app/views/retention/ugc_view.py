"""晒单 UGC: posts by buyers tied to the campaign that asked for them, counted with their buyers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.retention import UgcSpec
from app.views.retention.labels import name_of
from app.views.retention.sub_view import RetentionData, SubView
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table


class UgcView(SubView):
    """Posts per campaign (posts, buyers) beside the list of posts; match or record posts.

    Attributes:
        summary_model, posts_model: the two tables' models.
        total_label: "N posts by M buyers".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_model = FrameModel(
            [
                FrameColumn("campaign_text", self.tr("Campaign")),
                FrameColumn("posts", self.tr("Posts"), "int"),
                FrameColumn("buyers", self.tr("Buyers"), "int"),
            ],
            ("campaign_text",),
            self,
        )
        self.posts_model = FrameModel(
            [
                FrameColumn("posted_on", self.tr("Posted"), "date"),
                FrameColumn("kind", self.tr("Kind")),
                FrameColumn("source_text", self.tr("Found")),
                FrameColumn("platform", self.tr("Platform"), "platform"),
                FrameColumn("display_name", self.tr("Buyer")),
                FrameColumn("campaign", self.tr("Campaign")),
                FrameColumn("text", self.tr("Text")),
                FrameColumn("order_no", self.tr("Order")),
            ],
            ("text", "campaign", "display_name"),
            self,
        )
        self.summary_table = frame_table(self.summary_model)
        self.posts_table = frame_table(self.posts_model)
        self.total_label = QLabel()
        self.match_button = QPushButton(self.tr("Match reviews to campaigns"))
        self.match_button.setToolTip(
            self.tr(
                "Reviews with photos or video whose order answered a campaign, or that name "
                "its coupon code"
            )
        )
        self.match_button.clicked.connect(self.match_reviews)
        self.record_button = QPushButton(self.tr("Record a post…"))
        self.record_button.clicked.connect(self._on_record_button_clicked)
        bar = QHBoxLayout()
        bar.addWidget(self.total_label, 1)
        bar.addWidget(self.match_button)
        bar.addWidget(self.record_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.summary_table)
        splitter.addWidget(self.posts_table)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def draw(self, data: RetentionData) -> None:
        """Read the posts and count them per campaign."""
        from app.services.retention import ugc_by_campaign, ugc_posts

        posts = ugc_posts(data.reader)
        posts["source_text"] = posts["source"].map(name_of)
        summary = ugc_by_campaign(posts)
        summary["campaign_text"] = summary["campaign"].replace("", self.tr("No campaign"))
        self.posts_model.set_frame(posts)
        self.summary_model.set_frame(summary)
        fit_columns(self.summary_table)
        fit_columns(self.posts_table, 6, 320)
        self.total_label.setText(
            self.tr("%1 posts by %2 buyers")
            .replace("%1", f"{len(posts):,}")
            .replace("%2", f"{posts['customer_id'].nunique():,}")
        )
        writable = data.store is not None
        self.match_button.setEnabled(writable)
        self.record_button.setEnabled(writable)

    def match_reviews(self) -> int:
        """Record the reviews that answer a campaign as its posts; returns how many."""
        if self.data is None or self.data.store is None:
            return 0
        from app.services.retention import match_ugc

        added = match_ugc(self.data.store)
        self.status_reported.emit(self.tr("%1 posts found in reviews").replace("%1", str(added)))
        if added:
            self.store_changed.emit()
        return added

    def _on_record_button_clicked(self) -> None:
        if self.data is None or self.data.store is None:
            return
        dialog = UgcDialog(self.data, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from app.services.retention import record_ugc

        try:
            record_ugc(self.data.store, dialog.spec())
        except ValueError as error:
            self.warn(error_text(error))
            return
        self.store_changed.emit()


class UgcDialog(QDialog):
    """A post recorded by hand: when, where, its text or link, its order and campaign."""

    def __init__(self, data: RetentionData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a post"))
        self.posted_on = QDateEdit(QDate(data.today))
        self.posted_on.setDisplayFormat("yyyy-MM-dd")
        self.posted_on.setCalendarPopup(True)
        self.kind = QComboBox()
        for kind in ("晒单", "笔记", "视频", "评论"):
            self.kind.addItem(kind, kind)
        self.platform = QLineEdit()
        self.text = QLineEdit()
        self.url = QLineEdit()
        self.order_no = QLineEdit()
        self.campaign = QComboBox()
        self.campaign.addItem(self.tr("No campaign"), None)
        for cid, name in data.reader.query("SELECT id, name FROM campaigns ORDER BY id DESC")[1]:
            self.campaign.addItem(name, cid)
        form = QFormLayout(self)
        form.addRow(self.tr("Posted on"), self.posted_on)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Link"), self.url)
        form.addRow(self.tr("Order number"), self.order_no)
        form.addRow(self.tr("Campaign"), self.campaign)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def spec(self) -> UgcSpec:
        """The post as the service records it."""
        posted: date = self.posted_on.date().toPython()
        return UgcSpec(
            posted_on=posted,
            platform=self.platform.text().strip(),
            kind=self.kind.currentData(),
            text=self.text.text(),
            url=self.url.text(),
            order_no=self.order_no.text(),
            campaign_id=self.campaign.currentData(),
        )
