"""Shows a matplotlib Figure from ``app/charts.py`` in a widget, or a note when there is none.

Imports matplotlib's Qt backend: only lazily built views import this module (start-up stays light).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class ChartCanvas(QWidget):
    """One chart at a time; ``show_figure`` swaps it, ``show_message`` says why there is none.

    Attributes:
        figure: the Figure shown, or None while a message shows.
        message: the label shown instead of a chart.
    """

    def __init__(self, parent: QWidget | None = None, min_height: int = 220) -> None:
        super().__init__(parent)
        self.figure: Figure | None = None
        self._canvas: FigureCanvasQTAgg | None = None
        self.message = QLabel()
        self.message.setObjectName("EmptyHint")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.message)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Ask for the minimum height only: layouts give charts the room that is left.

        The canvas would ask for its figure's size (e.g. 8 × 4.5 in), which makes a scroll area
        holding the chart scroll even when everything fits at the minimum.
        """
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def show_figure(self, figure: Figure) -> None:
        """Show ``figure`` (the previous chart is released)."""
        old = self._canvas
        self._canvas = FigureCanvasQTAgg(figure)
        self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._canvas.setMinimumSize(10, 10)  # the figure follows the widget, not the other way
        self._stack.addWidget(self._canvas)
        self._stack.setCurrentWidget(self._canvas)
        self.figure = figure
        if old is not None:
            self._stack.removeWidget(old)
            old.deleteLater()

    def show_message(self, text: str) -> None:
        """Show ``text`` instead of a chart."""
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)
        if self._canvas is not None:
            self._stack.removeWidget(self._canvas)
            self._canvas.deleteLater()
            self._canvas = None
        self.figure = None
