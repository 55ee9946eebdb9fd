"""A key figure: a caption above a large number."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class KpiCard(QFrame):
    """Shows one figure; ``set_value`` updates the number."""

    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KpiCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.caption.setObjectName("KpiCaption")
        self.value = QLabel("—")
        self.value.setObjectName("KpiValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        if tooltip:
            self.setToolTip(tooltip)

    def set_value(self, text: str) -> None:
        """Show ``text`` as the figure."""
        self.value.setText(text)
