"""The best time to post, from the shop's own history, as the editor and the week view show it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale

from app.db import Reader
from app.views.content.frame_model import compact_number

if TYPE_CHECKING:
    from app.analytics.content import Heatmap


def load_best_times(reader: Reader, metric: str = "views") -> Heatmap:
    """The weekday × hour heatmap of the shop's videos (loads pandas)."""
    from app.services.plan_insights import posting_heatmap

    return posting_heatmap(reader, metric)


def best_slot_per_weekday(heatmap: Heatmap | None) -> dict[int, Any]:
    """The best recommendable slot of each weekday that has one."""
    best: dict[int, Any] = {}
    for slot in heatmap.slots() if heatmap is not None else []:
        best.setdefault(slot.weekday, slot)
    return best


def best_slots(heatmap: Heatmap | None) -> set[tuple[int, int]]:
    """(weekday, hour) of each weekday's best slot, for the week view's shading."""
    return {(s.weekday, s.hour) for s in best_slot_per_weekday(heatmap).values()}


def metric_text(metric: str, value: float) -> str:
    """A slot's median in words: "median 1.2万 views", "median completion 32.1%"."""
    if metric == "completion":
        return QCoreApplication.translate("BestTime", "median completion %1").replace(
            "%1", f"{value:.1%}"
        )
    if metric == "orders":
        return QCoreApplication.translate("BestTime", "median %1 orders").replace(
            "%1", f"{value:g}"
        )
    return QCoreApplication.translate("BestTime", "median %1 views").replace(
        "%1", compact_number(value)
    )


def sales_peak(heatmap: Heatmap | None, weekday: int) -> tuple[int, int] | None:
    """(hour, paid order lines) when buyers pay most on that weekday, or None."""
    if heatmap is None or heatmap.sales is None:
        return None
    from app.analytics.conversion_slots import best_sales_hour

    return best_sales_hour(heatmap.sales, weekday)


def suggestion_for(heatmap: Heatmap | None, day: date) -> tuple[int, str] | None:
    """The best hour to post on ``day``'s weekday and why, or None when neither the videos nor
    the orders say. The hour when buyers pay most on that weekday (the Conversion tab's time
    slots) is added to the reason, and suggested itself when too few videos say."""
    slot = best_slot_per_weekday(heatmap).get(day.weekday())
    peak = sales_peak(heatmap, day.weekday())
    weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.LongFormat)
    if slot is None or heatmap is None:
        if peak is None:
            return None
        text = QCoreApplication.translate(
            "BestTime", "Best time on %1: %2 — buyers paid %3 orders at that hour"
        )
        text = text.replace("%1", weekday).replace("%2", f"{peak[0]:02d}:00")
        return peak[0], text.replace("%3", str(peak[1]))
    text = QCoreApplication.translate("BestTime", "Best time on %1: %2 — %3 over %4 videos")
    text = text.replace("%1", weekday).replace("%2", f"{slot.hour:02d}:00")
    text = text.replace("%3", metric_text(heatmap.metric, slot.value))
    text = text.replace("%4", str(slot.videos))
    if peak is not None:
        extra = QCoreApplication.translate("BestTime", "; buyers pay most at %1 (%2 orders)")
        text += extra.replace("%1", f"{peak[0]:02d}:00").replace("%2", str(peak[1]))
    return slot.hour, text
