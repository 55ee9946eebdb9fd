"""RFM as of a date: recency, frequency and monetary scores 1–5, an R × F grid and named segments.

Definitions (DESIGN.md): recency = days since the last paid order, frequency = paid orders,
monetary = net paid amount (payable − refunded). Only buyers (one paid order or more) are scored.

Two ways to score:

* ``quintile``: a customer's score is 1 + ⌊5 × (share of buyers with a strictly worse value)⌋, so
  equal values always get the same score (ties are kept together, never split at a boundary).
  Monetary is ranked within each currency (CNY and USD are never compared).
* ``threshold``: plain cut-offs (:class:`RfmThresholds`), for a small shop where quintiles of
  80 buyers mean little. Spend thresholds are in cents of the customer's own currency.

``auto`` uses thresholds below :data:`AUTO_QUINTILE_MIN_BUYERS` buyers, quintiles from there on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

MODES = ("auto", "quintile", "threshold")
AUTO_QUINTILE_MIN_BUYERS = 200
SEGMENTS = ("champions", "loyal", "new", "needs_attention", "at_risk", "lost")
SCORED_COLUMNS = (
    "customer_id",
    "recency_days",
    "frequency",
    "monetary_cents",
    "currency",
    "r_score",
    "f_score",
    "m_score",
    "segment",
)
# First matching rule wins; plain-language rules shown to the user.
SEGMENT_RULES = {
    "champions": "R ≥ 4 and F ≥ 4: bought recently and often",
    "loyal": "R ≥ 3 and F ≥ 3: buys regularly",
    "new": "R ≥ 4 and one paid order: just arrived",
    "at_risk": "R ≤ 2 and F ≥ 3: used to buy often, quiet for a while",
    "lost": "R = 1: the longest silence",
    "needs_attention": "everyone else: average recency and frequency",
}


@dataclass(frozen=True)
class RfmThresholds:
    """Cut-offs for the threshold mode: each list's i-th value is where score i + 2 starts.

    ``recency_days``: a last order at most 30 days ago scores R 5, at most 60 → 4, 90 → 3,
    180 → 2, older → 1. ``orders`` and ``spend_cents``: at least the value scores 2, 3, 4, 5.
    """

    recency_days: tuple[int, int, int, int] = (30, 60, 90, 180)
    orders: tuple[int, int, int, int] = (2, 3, 5, 8)
    spend_cents: tuple[int, int, int, int] = (10_000, 30_000, 80_000, 200_000)

    def __post_init__(self) -> None:
        for name in ("recency_days", "orders", "spend_cents"):
            values = getattr(self, name)
            if len(values) != 4 or any(int(v) < 0 for v in values):
                raise ValueError(f"RFM {name} needs four non-negative numbers")
            if list(values) != sorted(values) or len(set(values)) != 4:
                raise ValueError(f"RFM {name} thresholds must increase: {list(values)}")

    def as_json(self) -> dict[str, list[int]]:
        """The thresholds as a JSON-ready dict (the store setting's value)."""
        return {
            "recency_days": list(self.recency_days),
            "orders": list(self.orders),
            "spend_cents": list(self.spend_cents),
        }

    @classmethod
    def from_json(cls, value: dict | None) -> RfmThresholds:
        """Thresholds from a stored dict; missing keys keep their defaults."""
        value = value or {}
        defaults = cls()
        return cls(
            **{
                name: tuple(int(v) for v in value.get(name, getattr(defaults, name)))
                for name in ("recency_days", "orders", "spend_cents")
            }
        )


@dataclass(frozen=True)
class RfmSettings:
    """How the shop scores RFM: the mode and the threshold mode's cut-offs."""

    mode: str = "auto"
    thresholds: RfmThresholds = field(default_factory=RfmThresholds)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"RFM mode must be one of {', '.join(MODES)}, not {self.mode!r}")


def quintile_scores(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Scores 1–5 by quintile with ties kept together (equal values, equal score)."""
    import numpy as np

    if values.empty:
        return values.astype("int64")
    ranked = values if higher_is_better else -values
    worse = ranked.rank(method="min") - 1  # how many values are strictly worse
    return (1 + np.floor(5 * worse / len(values))).clip(1, 5).astype("int64")


def threshold_scores(values: pd.Series, cuts: tuple[int, ...], lower_is_better: bool) -> pd.Series:
    """Scores 1–5 against four cut-offs (see :class:`RfmThresholds`)."""
    import numpy as np

    if lower_is_better:
        passed = sum((values <= cut).astype("int64") for cut in cuts)
        return (1 + passed).astype("int64")
    passed = sum((values >= cut).astype("int64") for cut in cuts)
    return np.clip(1 + passed, 1, 5).astype("int64")


def resolved_mode(mode: str, buyers: int) -> str:
    """``auto`` → ``threshold`` for fewer than 200 buyers, else ``quintile``."""
    if mode == "auto":
        return "threshold" if buyers < AUTO_QUINTILE_MIN_BUYERS else "quintile"
    return mode


def score_rfm(ledger: pd.DataFrame, settings: RfmSettings | None = None) -> pd.DataFrame:
    """R, F, M scores and the named segment of every buyer in a ledger frame.

    ``ledger`` needs customer_id, recency_days, paid_orders, net_cents and currency (the
    customer ledger has them, as of its date). Returns :data:`SCORED_COLUMNS`, one row per
    customer with a paid order.
    """
    import pandas as pd

    settings = settings or RfmSettings()
    buyers = ledger[ledger["paid_orders"] > 0]
    scored = pd.DataFrame(
        {
            "customer_id": buyers["customer_id"].to_numpy(),
            "recency_days": buyers["recency_days"].to_numpy(),
            "frequency": buyers["paid_orders"].to_numpy(),
            "monetary_cents": buyers["net_cents"].to_numpy(),
            "currency": buyers["currency"].to_numpy(),
        }
    )
    if resolved_mode(settings.mode, len(scored)) == "quintile":
        scored["r_score"] = quintile_scores(scored["recency_days"], higher_is_better=False)
        scored["f_score"] = quintile_scores(scored["frequency"])
        scored["m_score"] = scored.groupby("currency")["monetary_cents"].transform(quintile_scores)
    else:
        cuts = settings.thresholds
        scored["r_score"] = threshold_scores(scored["recency_days"], cuts.recency_days, True)
        scored["f_score"] = threshold_scores(scored["frequency"], cuts.orders, False)
        scored["m_score"] = threshold_scores(scored["monetary_cents"], cuts.spend_cents, False)
    for column in ("r_score", "f_score", "m_score"):
        scored[column] = scored[column].astype("int64")
    scored["segment"] = segments(scored)
    return scored[list(SCORED_COLUMNS)]


def segments(scored: pd.DataFrame) -> pd.Series:
    """The named segment of each scored row (:data:`SEGMENT_RULES`, first match wins)."""
    import numpy as np
    import pandas as pd

    r, f = scored["r_score"], scored["f_score"]
    conditions = [
        (r >= 4) & (f >= 4),
        (r >= 3) & (f >= 3),
        (r >= 4) & (scored["frequency"] == 1),
        (r <= 2) & (f >= 3),
        r == 1,
    ]
    names = ["champions", "loyal", "new", "at_risk", "lost"]
    return pd.Series(
        np.select(conditions, names, default="needs_attention"), index=scored.index, dtype=object
    )


def rfm_grid(scored: pd.DataFrame) -> pd.DataFrame:
    """Customers and net revenue per (R score, F score, currency) cell; empty cells left out."""
    return (
        scored.groupby(["r_score", "f_score", "currency"])
        .agg(customers=("customer_id", "size"), net_cents=("monetary_cents", "sum"))
        .reset_index()
        .sort_values(["r_score", "f_score", "currency"], ascending=[False, False, True])
        .reset_index(drop=True)
    )


def segment_summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Customers and net revenue per named segment and currency, in :data:`SEGMENTS` order."""
    summary = (
        scored.groupby(["segment", "currency"])
        .agg(customers=("customer_id", "size"), net_cents=("monetary_cents", "sum"))
        .reset_index()
    )
    summary["order"] = summary["segment"].map(SEGMENTS.index)
    return summary.sort_values(["order", "currency"]).drop(columns="order").reset_index(drop=True)
