"""When buyers buy and which posting hours sell: orders, payment rate and video conversion by
weekday (0 = Monday) × hour, and ad ROI by weekday (ad reports are daily: no hourly ROI).

- orders: paid lines by their paid time; gmv_cents: their amount in the main currency.
- pay_rate: of the lines created in the slot, the share paid.
- conversion: paid lines credited to the videos published in the slot ÷ those videos' views
  (platforms whose order exports name videos only; videos published "day only", at exactly
  00:00:00, have no hour and are left out, as in the content tab's heatmap).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.analytics.conversion import (
    ConversionData,
    ConversionFilter,
    main_currency,
    period_ads,
)

SLOT_COLUMNS = (
    "weekday",
    "hour",
    "orders",
    "gmv_cents",
    "created",
    "pay_rate",
    "videos",
    "views",
    "video_orders",
    "conversion",
)
SLOT_BY = ("orders", "conversion", "pay_rate")


def _cells(weekdays: pd.Series, hours: pd.Series, values: pd.Series) -> np.ndarray:
    """Σ values per weekday × hour as a 168-vector (index weekday * 24 + hour)."""
    index = (weekdays.to_numpy(dtype=np.int64) * 24 + hours.to_numpy(dtype=np.int64)).astype(int)
    return np.bincount(index, weights=values.to_numpy(dtype=float), minlength=168)


def time_slots(data: ConversionData, flt: ConversionFilter) -> pd.DataFrame:
    """168 rows (weekday, hour) of :data:`SLOT_COLUMNS`; NaN where a rate is unknown."""
    paid = flt.paid_lines(data)
    currency = main_currency(paid)
    at = paid["paid_at"].dt
    ones = pd.Series(np.ones(len(paid)))
    orders = _cells(at.day_of_week, at.hour, ones)
    money = paid["payable_cents"].where(paid["currency"] == currency, 0)
    gmv = _cells(at.day_of_week, at.hour, money)
    created = flt.created_lines(data)
    made = created["created_at"].dt
    created_count = _cells(made.day_of_week, made.hour, pd.Series(np.ones(len(created))))
    created_paid = _cells(made.day_of_week, made.hour, created["paid"].astype(float))
    videos, views, video_orders = _video_cells(data, flt)
    with np.errstate(divide="ignore", invalid="ignore"):
        pay_rate = np.where(created_count > 0, created_paid / created_count, np.nan)
        conversion = np.where(views > 0, video_orders / views, np.nan)
    frame = pd.DataFrame(
        {
            "weekday": np.repeat(np.arange(7), 24),
            "hour": np.tile(np.arange(24), 7),
            "orders": orders.astype(np.int64),
            "gmv_cents": gmv.astype(np.int64),
            "created": created_count.astype(np.int64),
            "pay_rate": pay_rate,
            "videos": videos.astype(np.int64),
            "views": views,
            "video_orders": video_orders,
            "conversion": conversion,
        }
    )
    frame.attrs["currency"] = currency
    return frame


def _video_cells(
    data: ConversionData, flt: ConversionFilter
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Videos, views and credited paid lines by publish slot (credited platforms only)."""
    videos = flt.select_videos(data.videos)
    published = videos["published_at"]
    timed = published.notna() & (published != published.dt.normalize())
    videos = videos[timed.to_numpy(dtype=bool)]
    when = videos["published_at"].dt
    count = _cells(when.day_of_week, when.hour, pd.Series(np.ones(len(videos))))
    credited = videos[
        videos["platform"].isin(list(data.attributing_platforms)).to_numpy(dtype=bool)
        & videos["views"].notna().to_numpy(dtype=bool)
    ]
    lines = data.lines[data.lines["paid"].to_numpy(dtype=bool)]
    sold = lines["video_id"].value_counts()
    per_video = credited["video_id"].map(sold).fillna(0).astype(float)
    at = credited["published_at"].dt
    views = _cells(at.day_of_week, at.hour, credited["views"].astype(float))
    orders = _cells(at.day_of_week, at.hour, per_video)
    return count, views, orders


@dataclass(frozen=True)
class SalesSlot:
    """One weekday × hour cell worth posting or spending in."""

    weekday: int
    hour: int
    orders: int
    conversion: float | None
    pay_rate: float | None


def best_slots(
    slots: pd.DataFrame, n: int = 3, by: str = "orders", min_videos: int = 2
) -> list[SalesSlot]:
    """The ``n`` best slots of a :func:`time_slots` frame by ``by`` (:data:`SLOT_BY`).

    By orders: slots with at least one order. By conversion: slots backed by at least
    ``min_videos`` videos with known conversion. Ties: more orders, then earlier in the week.
    """
    if by not in SLOT_BY:
        raise ValueError(f"best slots are by one of {SLOT_BY}, not {by!r}")
    if by == "orders":
        eligible = slots[slots["orders"] > 0]
    elif by == "conversion":
        eligible = slots[(slots["videos"] >= min_videos) & slots["conversion"].notna()]
    else:
        eligible = slots[slots["pay_rate"].notna()]
    ranked = eligible.sort_values(
        [by, "orders", "weekday", "hour"], ascending=[False, False, True, True], kind="stable"
    )
    return [
        SalesSlot(
            int(r.weekday),
            int(r.hour),
            int(r.orders),
            None if pd.isna(r.conversion) else float(r.conversion),
            None if pd.isna(r.pay_rate) else float(r.pay_rate),
        )
        for r in ranked.head(n).itertuples()
    ]


def weekday_roi(
    data: ConversionData, flt: ConversionFilter, currency: str | None = None
) -> pd.DataFrame:
    """7 rows (weekday 0 = Monday): spend_cents, ad_gmv_cents, roas and roi of the period's ad
    days in ``currency`` (default: the one with the most spend), NaN without spend."""
    ads = period_ads(data, flt)
    if currency is None:
        by_currency = ads.groupby("currency")["spend_cents"].sum()
        currency = str(by_currency.idxmax()) if len(by_currency) else "CNY"
    ads = ads[ads["currency"] == currency]
    day = ads["day"].dt.day_of_week
    spend = ads.groupby(day)["spend_cents"].sum().reindex(range(7), fill_value=0)
    gmv = ads.groupby(day)["gmv_cents"].sum().reindex(range(7), fill_value=0)
    has = spend > 0
    return pd.DataFrame(
        {
            "weekday": range(7),
            "currency": currency,
            "spend_cents": spend.to_numpy(dtype=np.int64),
            "ad_gmv_cents": gmv.to_numpy(dtype=np.int64),
            "roas": (gmv / spend).where(has).to_numpy(dtype=float),
            "roi": ((gmv - spend) / spend).where(has).to_numpy(dtype=float),
        }
    )


# --- The content tab's scheduling suggestion ----------------------------------------------------

MIN_SALES_FOR_A_PEAK = 3  # fewer paid lines in a weekday's best hour say nothing about it


def orders_by_slot(paid_at: pd.Series, lines: pd.Series | None = None) -> pd.DataFrame:
    """Paid order lines by weekday (rows 0-6, Monday first) × hour (columns 0-23): one line per
    ``paid_at`` moment, or ``lines`` lines (aligned with it) per moment."""
    moments = pd.to_datetime(paid_at)
    weights = pd.Series(np.ones(len(moments))) if lines is None else lines.astype(float)
    known = moments.notna().to_numpy(dtype=bool)
    moments, weights = moments[known], weights[known]
    cells = _cells(moments.dt.day_of_week, moments.dt.hour, weights)
    return pd.DataFrame(cells.reshape(7, 24).astype(np.int64), index=range(7), columns=range(24))


def best_sales_hour(grid: pd.DataFrame | None, weekday: int) -> tuple[int, int] | None:
    """(hour, paid lines) of the weekday's busiest buying hour (earliest on a tie); None when
    the grid is missing or the hour has fewer than :data:`MIN_SALES_FOR_A_PEAK` lines."""
    if grid is None:
        return None
    row = grid.loc[weekday]
    hour = int(row.idxmax())
    orders = int(row[hour])
    return (hour, orders) if orders >= MIN_SALES_FOR_A_PEAK else None
