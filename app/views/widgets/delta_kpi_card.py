"""A key figure with its change against the previous period and a mark when it is partial."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.views.formatting import UNKNOWN

UP, DOWN = "▲", "▼"
TREND_COLORS = {"up": "#1a7f37", "down": "#cf222e", "": "palette(placeholder-text)"}
PARTIAL_STYLE = (
    "color: #7d4e00; background: #fff8c5; border: 1px solid #d4a72c;"
    " border-radius: 3px; padding: 0 4px; font-size: 11px;"
)


class DeltaKpiCard(QFrame):
    """Caption (and a "partial" mark) over the figure and its ▲/▼ change, coloured green when the
    change is good (up, or down for a figure where lower is better, as a refund rate) and red
    when it is bad.

    Attributes:
        caption: the figure's name.
        value: the figure ("—" when unknown).
        delta: the change against the previous period ("" when not computable).
        partial: the "partial" mark, shown when some platforms do not export the figure.
        trend: ``up``, ``down`` or "" (the change's direction).
        lower_is_better: a fall is good news (the arrow then shows green).
    """

    def __init__(
        self,
        caption: str,
        definition: str = "",
        parent: QWidget | None = None,
        *,
        lower_is_better: bool = False,
    ) -> None:
        super().__init__(parent)
        self.lower_is_better = lower_is_better
        self.setObjectName("KpiCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.definition = definition
        self.trend = ""
        self.caption = QLabel(caption)
        self.caption.setObjectName("KpiCaption")
        self.partial = QLabel(self.tr("partial"))
        self.partial.setObjectName("KpiPartial")
        self.partial.setStyleSheet(PARTIAL_STYLE)
        self.partial.setVisible(False)
        self.value = QLabel(UNKNOWN)
        self.value.setObjectName("KpiValue")
        self.delta = QLabel()
        self.delta.setObjectName("KpiDelta")
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.caption)
        top.addStretch(1)
        top.addWidget(self.partial)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.value)
        bottom.addWidget(self.delta, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.setToolTip(definition)

    def set_figure(
        self,
        value: str,
        change: float | None,
        previous: str = "",
        missing: tuple[str, ...] = (),
    ) -> None:
        """Show a figure.

        Args:
            value: the figure's text ("—" when unknown).
            change: relative change against the previous period; None when not computable.
            previous: the previous period's figure as text, for the tooltip.
            missing: display names of the platforms that do not export this figure; the card is
                marked partial when there are some and the figure is known.
        """
        self.value.setText(value)
        self.trend = ""
        if change is None:
            self.delta.setText("")
        else:
            self.trend = "up" if change > 0 else "down" if change < 0 else ""
            arrow = UP if change > 0 else DOWN if change < 0 else "±"
            self.delta.setText(f"{arrow}{abs(change):.1%}")
        self.delta.setStyleSheet(f"color: {TREND_COLORS[self.good_news]}; font-size: 12px;")
        names = self.tr(", ").join(missing)
        is_partial = bool(missing) and value != UNKNOWN
        self.partial.setVisible(is_partial)
        self.partial.setToolTip(self.tr("Not exported by %1").replace("%1", names))
        lines = [self.definition] if self.definition else []
        if previous:
            lines.append(self.tr("Previous period: %1").replace("%1", previous))
        if is_partial:
            lines.append(
                self.tr("Partial: %1 do not export this figure; the total leaves them out").replace(
                    "%1", names
                )
            )
        elif value == UNKNOWN and missing:
            lines.append(self.tr("Not exported by %1").replace("%1", names))
        self.setToolTip("\n".join(lines))

    @property
    def good_news(self) -> str:
        """``up`` (coloured green) when the change is good, ``down`` (red) when bad, else ""."""
        if not self.lower_is_better or not self.trend:
            return self.trend
        return "down" if self.trend == "up" else "up"
