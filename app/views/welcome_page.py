"""What a new user sees on an empty store: where to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """The empty state of the whole window.

    Signals:
        demo_requested(): the user wants to look around the demo shop.
        profile_requested(): the user wants to describe their shop.
    """

    demo_requested = Signal()
    profile_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to ShopReel"))
        title.setObjectName("WelcomeTitle")
        intro = QLabel(
            self.tr(
                "One picture of your short-video shop: content, traffic, customers and revenue "
                "from Douyin, Kuaishou, WeChat Channels, Xiaohongshu and TikTok, kept on this "
                "computer."
            )
        )
        intro.setObjectName("WelcomeText")
        intro.setWordWrap(True)
        zone = QFrame()
        zone.setObjectName("DropZone")
        zone_text = QLabel(
            self.tr(
                "Drop your platform exports here\n\n"
                "(order lists, video lists, ad reports: Excel or CSV files as you downloaded them)"
            )
        )
        zone_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        zone_text.setWordWrap(True)
        zone_layout = QVBoxLayout(zone)
        zone_layout.addWidget(zone_text)
        zone.setMinimumHeight(180)
        self.demo_button = QPushButton(self.tr("Open the demo shop"))
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)
        self.profile_button = QPushButton(self.tr("Set up my shop…"))
        self.profile_button.clicked.connect(self.profile_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.profile_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(intro)
        column.addSpacing(16)
        column.addWidget(zone)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)
