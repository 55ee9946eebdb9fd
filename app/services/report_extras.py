"""Data of the report sections the Conversion, Customers and Retention tabs added (#6, #7, #8).

Each loader reads through :class:`~app.services.reports.ReportSources`, which loads the
conversion data and the customer ledger once however many sections use them, and returns plain
values the sections in :mod:`app.reports.conversion_sections` and
:mod:`app.reports.customer_sections` lay out. The figures are the tabs' own (their analytics and
services, never re-derived here). Customers are named only by :func:`customer_label` (phones
masked, names as the Privacy setting asks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.services.reports import EXTRA_LOADERS, ReportSources, customer_label

if TYPE_CHECKING:
    import pandas as pd

ATTRIBUTION_VIEWS = ("format", "platform", "path")
TOP_SLIPPING = 5
BEST_SLOT_MIN_VIDEOS = 2


def loader(key: str) -> Any:
    """Decorator: the function loads the data of the report section ``key``."""

    def register(load: Any) -> Any:
        EXTRA_LOADERS[key] = load
        return load

    return register


@loader("funnel")
def load_funnel(sources: ReportSources) -> dict[str, Any]:
    """The month's funnel, attribution by format, platform and path, and the match counts."""
    from app.analytics.conversion import funnel
    from app.analytics.conversion_attribution import attribution, match_summary

    data, flt = sources.conversion, sources.conversion_filter
    return {
        "funnel": funnel(data, flt),
        "attribution": {by: attribution(data, flt, by) for by in ATTRIBUTION_VIEWS},
        "match": match_summary(data, flt),
    }


@loader("ads")
def load_ads(sources: ReportSources) -> dict[str, Any]:
    """Ad spend per channel (without the reports that repeat the 素材 spend) and the ledger of
    the videos published in the month."""
    from app.analytics.conversion import OVERLAPPING_AD_CHANNELS
    from app.analytics.conversion_ads import ad_report

    channels = ad_report(sources.conversion, sources.conversion_filter, by="channel")
    channels = channels[~channels["key"].isin(OVERLAPPING_AD_CHANNELS)].reset_index(drop=True)
    return {"channels": channels, "ledger": sources.video_ledger}


@loader("customers")
def load_customers(sources: ReportSources) -> dict[str, Any]:
    """Customers per tier at the month's end and how they moved during the month."""
    from app.services.tiers import tier_counts, tier_movement

    movement = tier_movement(sources.reader, sources.as_of, months=1)
    month = sources.as_of.strftime("%Y-%m")
    return {
        "counts": tier_counts(sources.reader, sources.as_of, sources.ledger),
        "movement": movement[movement["month"] == month].reset_index(drop=True),
    }


@loader("churn")
def load_churn(sources: ReportSources) -> dict[str, Any]:
    """The churn warning at the month's end: how many, how many valuable, the most valuable."""
    churn = sources.churn
    top = churn[churn["valuable"]].head(TOP_SLIPPING)
    return {
        "total": len(churn),
        "valuable": int(churn["valuable"].sum()),
        "by_tier": churn.groupby("value_tier").size().sort_values(ascending=False).to_dict(),
        "top": [
            {
                "customer": customer_label(
                    row.display_name, row.masked_phone, mask_names=sources.mask_names
                ),
                "tier": row.value_tier,
                "days_silent": row.days_silent,
                "window_days": row.window_days,
                "net_cents": row.net_cents,
                "currency": row.currency,
            }
            for row in top.itertuples(index=False)
        ],
    }


@loader("campaigns")
def load_campaigns(sources: ReportSources) -> pd.DataFrame:
    """The campaigns sent in the month, measured up to the month's end (or today)."""
    from app.services.campaigns import campaign_history

    history = campaign_history(sources.reader, sources.as_of)
    if history.empty:
        return history
    from app.services.privacy import mask_phones_in

    sent = history[history["status"] == "sent"]
    when = sent["when"].astype("datetime64[us]")
    month = when.dt.strftime("%Y-%m") == str(sources.month)
    found = sent[month.to_numpy(dtype=bool)].reset_index(drop=True)
    found["name"] = found["name"].map(lambda name: mask_phones_in(str(name)))
    return found


@loader("reviews")
def load_review_alerts(sources: ReportSources) -> pd.DataFrame:
    """The crisis alerts (negative reviews and comments) opened in the month."""
    from app.services.retention import crisis_alerts

    alerts = crisis_alerts(sources.reader)
    month = alerts["opened_at"].dt.strftime("%Y-%m") == str(sources.month)
    return alerts[month.to_numpy(dtype=bool)].reset_index(drop=True)


@loader("recommendations")
def load_recommendation_inputs(sources: ReportSources) -> dict[str, Any]:
    """What the recommendations draw on besides the month's figures: the worst video below
    break-even, the slipping valuable customers, the best-converting time slot."""
    from app.analytics.conversion_slots import best_slots, time_slots

    ledger = sources.video_ledger
    below = ledger[ledger["below_break_even"].fillna(False).astype(bool)]
    worst = below.sort_values("profit_cents").head(1)
    slots = time_slots(sources.conversion, sources.conversion_filter)
    best = best_slots(slots, 1, by="conversion", min_videos=BEST_SLOT_MIN_VIDEOS)
    churn = sources.churn
    return {
        "below_break_even": len(below),
        "worst": None if worst.empty else worst.iloc[0].to_dict(),
        "slipping_valuable": int(churn["valuable"].sum()),
        "slipping": len(churn),
        "best_conversion_slot": best[0] if best else None,
        "slot_videos": _slot_videos(slots, best[0]) if best else 0,
    }


def _slot_videos(slots: pd.DataFrame, slot: Any) -> int:
    cell = slots[(slots["weekday"] == slot.weekday) & (slots["hour"] == slot.hour)]
    return int(cell["videos"].iloc[0]) if len(cell) else 0
