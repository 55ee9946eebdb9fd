"""Date axes for ``app/charts.py`` that stay readable at any width (imports matplotlib)."""

from __future__ import annotations

from typing import Any

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

MAX_DATE_TICKS = 8
# "11-05" ticks with the year once as the offset; numbers read the same in Chinese and English.
TICK_FORMATS = ["%Y", "%Y-%m", "%m-%d", "%H:%M", "%H:%M", "%S.%f"]
ZERO_FORMATS = ["", "%Y", "%m-%d", "%m-%d", "%H:%M", "%H:%M"]
OFFSET_FORMATS = ["", "%Y", "%Y", "%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M"]


class FittingDateLocator(AutoDateLocator):
    """An AutoDateLocator with no more ticks than labels fit across the axis.

    A fixed maxticks crowds a narrow panel ("10-2911-0111-05…" in the 380 px detail panel) or
    leaves a wide chart bare; the axis knows at draw time how many labels fit at its size.
    """

    def __init__(self) -> None:
        super().__init__(minticks=2, maxticks=MAX_DATE_TICKS)

    def __call__(self) -> Any:
        """The tick positions for the axis' current view and width."""
        if self.axis is not None:
            # get_tick_space allows 3 font sizes per label: room for "11-05" and a gap
            fit = max(2, min(MAX_DATE_TICKS, self.axis.get_tick_space()))
            self.maxticks = dict.fromkeys(self.maxticks, fit)
        return super().__call__()


def day_axis(axes: Any) -> None:
    """Date ticks on the x axis that fit its width, as "11-05", the year once at the end."""
    locator = FittingDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(
        ConciseDateFormatter(
            locator, formats=TICK_FORMATS, zero_formats=ZERO_FORMATS, offset_formats=OFFSET_FORMATS
        )
    )
