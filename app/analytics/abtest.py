"""A/B tests on a rate: each variant's successes and trials, the comparison with variant A, the
sample size still needed and the peeking warning.

The statistics themselves live in :mod:`app.analytics.proportions` (two-proportion z-test, Wald
interval, Fleiss sample size); this module turns an experiment's member videos into the counts
those functions take. Every metric's trials are views (the newest snapshot of each video):

- ``completion_rate``: successes = Σ completion_rate × views (the views that watched to the end),
  so the rate is the view-weighted completion of the variant's videos.
- ``interaction_rate``: likes + comments + shares + favorites (the known ones) over views.
- ``follow_rate``: followers gained over views.
- ``click_rate``: product clicks over views, only over videos whose export gives product clicks.
- ``orders_per_view``: paid order lines credited to the video over views, only on platforms
  whose order exports name the video.

A video counts only where the metric's numerator and its views are both known.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.analytics.proportions import (
    ProportionComparison,
    compare_proportions,
    sample_size_per_group,
)

METRICS = ("completion_rate", "interaction_rate", "click_rate", "follow_rate", "orders_per_view")
INTERACTIONS = ("likes", "comments", "shares", "favorites")
# Why a result has no statistics (the views word these).
NO_CLICKS = "no_clicks"  # click_rate: no export provides product clicks for these videos
NO_ORDERS = "no_orders"  # orders_per_view: no order export names these videos
NO_VIEWS = "no_views"  # a variant has no video with known views (and metric)
TOO_FEW_VARIANTS = "too_few_variants"
INVALID_COUNTS = "invalid_counts"  # more successes than views (an export error)


@dataclass(frozen=True)
class VariantCounts:
    """What one variant's member videos add up to.

    Attributes:
        key: ``A``, ``B`` …
        name: the variant's name.
        videos: member videos (after plan items are resolved to their videos).
        counted: videos whose metric and views are known (the ones summed).
        successes: the metric's numerator summed over the counted videos.
        trials: their views.
    """

    key: str
    name: str
    videos: int
    counted: int
    successes: float
    trials: float

    @property
    def rate(self) -> float | None:
        """successes / trials; None without trials."""
        return self.successes / self.trials if self.trials > 0 else None


@dataclass(frozen=True)
class VariantResult:
    """One variant's rate and its comparison with variant A (None for A itself).

    ``remaining`` is how many more views the variant needs to reach the size the test needs
    (0 once reached; None when that size is unknown).
    """

    counts: VariantCounts
    vs_a: ProportionComparison | None
    remaining: int | None

    @property
    def key(self) -> str:
        """The variant's key."""
        return self.counts.key

    @property
    def name(self) -> str:
        """The variant's name."""
        return self.counts.name

    @property
    def rate(self) -> float | None:
        """The variant's rate (None without views)."""
        return self.counts.rate


@dataclass(frozen=True)
class ExperimentResult:
    """The statistics of an experiment.

    Attributes:
        metric: one of :data:`METRICS`.
        confidence: of the intervals and the test (0.95).
        power: the chance to detect ``min_effect`` the sample size is computed for.
        variants: A first, then the others in key order.
        needed_per_variant: views each variant needs; None when unknown.
        needed_from: ``planned`` (the experiment's planned size), ``min_effect`` (computed from
            the smallest effect worth detecting and A's rate) or ``observed`` (from A's and the
            best other variant's rates), None when unknown.
        peeking: some variant is still below the needed size: calling a winner now is peeking.
        unavailable: why there are no statistics (:data:`NO_CLICKS` …), None when there are.
    """

    metric: str
    confidence: float
    power: float
    variants: tuple[VariantResult, ...]
    needed_per_variant: int | None
    needed_from: str | None
    peeking: bool
    unavailable: str | None

    @property
    def reached_plan(self) -> bool:
        """Every variant has the views the test needs (a known size): a winner may be called."""
        return self.needed_per_variant is not None and not self.peeking

    def to_json(self) -> dict:
        """The result as plain numbers (stored in ``experiments.result``)."""
        return {
            "metric": self.metric,
            "confidence": self.confidence,
            "power": self.power,
            "needed_per_variant": self.needed_per_variant,
            "needed_from": self.needed_from,
            "peeking": self.peeking,
            "unavailable": self.unavailable,
            "variants": [_variant_json(v) for v in self.variants],
        }


def _variant_json(result: VariantResult) -> dict:
    c, vs = result.counts, result.vs_a
    out = {"key": c.key, "name": c.name, "videos": c.videos, "counted": c.counted}
    out |= {"successes": c.successes, "trials": c.trials, "rate": c.rate}
    out["remaining"] = result.remaining
    if vs is not None:
        out |= {"diff": vs.difference, "ci_low": vs.ci_low, "ci_high": vs.ci_high}
        out |= {"z": vs.z, "p_value": vs.p_value, "significant": vs.significant}
    return out


def metric_parts(metric: str, videos: pd.DataFrame, credited: Collection[str]) -> pd.DataFrame:
    """Per video: ``successes`` and ``trials`` (views) of ``metric``, NaN where not known.

    ``videos`` holds video_id, platform, views and the snapshot metrics (and ``orders``: paid
    lines credited to the video); ``credited`` names the platforms whose order exports credit
    orders to videos (elsewhere orders_per_view is unknown).
    """
    if metric not in METRICS:
        raise ValueError(f"unknown experiment metric {metric!r}")
    views = videos["views"].astype(float)
    if metric == "completion_rate":
        successes = videos["completion_rate"].astype(float) * views
    elif metric == "interaction_rate":
        successes = videos[list(INTERACTIONS)].astype(float).sum(axis=1, min_count=1)
    elif metric == "follow_rate":
        successes = videos["followers_gained"].astype(float)
    elif metric == "click_rate":
        successes = videos["product_clicks"].astype(float)
    else:
        orders = videos["orders"].astype(float).fillna(0.0)
        successes = orders.where(videos["platform"].isin(list(credited)), np.nan)
    known = successes.notna() & views.notna()
    return pd.DataFrame(
        {
            "video_id": videos["video_id"].to_numpy(),
            "successes": successes.where(known, np.nan).to_numpy(dtype=float),
            "trials": views.where(known, np.nan).to_numpy(dtype=float),
        }
    )


def variant_counts(
    metric: str,
    members: pd.DataFrame,
    videos: pd.DataFrame,
    names: Mapping[str, str],
    credited: Collection[str] = (),
) -> list[VariantCounts]:
    """Each variant's counts (in key order); ``members`` has columns variant and video_id.

    A video in two variants counts in both (the user put it there); a video listed twice in one
    variant counts once.
    """
    parts = metric_parts(metric, videos, credited).set_index("video_id")
    out = []
    for key in sorted(names):
        ids = pd.unique(members.loc[members["variant"] == key, "video_id"].dropna())
        mine = parts.reindex([int(i) for i in ids])
        counted = mine.dropna()
        out.append(
            VariantCounts(
                key=key,
                name=names[key],
                videos=len(ids),
                counted=len(counted),
                successes=float(counted["successes"].sum()),
                trials=float(counted["trials"].sum()),
            )
        )
    return out


def analyse(
    metric: str,
    counts: Sequence[VariantCounts],
    *,
    confidence: float = 0.95,
    power: float = 0.8,
    planned_sample_size: int | None = None,
    min_effect: float | None = None,
) -> ExperimentResult:
    """Compare every variant with A (the first by key) and say how far the test still is."""
    ordered = sorted(counts, key=lambda c: c.key)
    reason = _unavailable(metric, ordered)
    if reason is not None:
        needed, source = (planned_sample_size, "planned") if planned_sample_size else (None, None)
        results = tuple(VariantResult(c, None, _remaining(c, needed)) for c in ordered)
        peeking = needed is not None and any(r.remaining for r in results)
        return ExperimentResult(metric, confidence, power, results, needed, source, peeking, reason)
    base = ordered[0]
    comparisons = [
        compare_proportions(base.successes, base.trials, c.successes, c.trials, confidence)
        for c in ordered[1:]
    ]
    needed, source = needed_views(
        base.rate, [c.rate for c in ordered[1:]], confidence, power, planned_sample_size, min_effect
    )
    results = tuple(
        VariantResult(c, vs, _remaining(c, needed))
        for c, vs in zip(ordered, [None, *comparisons], strict=True)
    )
    peeking = needed is None or any(r.remaining for r in results)
    return ExperimentResult(metric, confidence, power, results, needed, source, peeking, None)


def _unavailable(metric: str, ordered: Sequence[VariantCounts]) -> str | None:
    if len(ordered) < 2:
        return TOO_FEW_VARIANTS
    if all(c.counted == 0 for c in ordered) and metric == "click_rate":
        return NO_CLICKS
    if all(c.counted == 0 for c in ordered) and metric == "orders_per_view":
        return NO_ORDERS
    if any(c.trials <= 0 for c in ordered):
        return NO_VIEWS
    if any(c.successes > c.trials or c.successes < 0 for c in ordered):
        return INVALID_COUNTS
    return None


def needed_views(
    rate_a: float | None,
    other_rates: Sequence[float | None],
    confidence: float,
    power: float,
    planned_sample_size: int | None = None,
    min_effect: float | None = None,
) -> tuple[int | None, str | None]:
    """Views each variant needs, and where the number comes from.

    The planned size wins; else the size that detects ``min_effect`` (an absolute difference in
    the rate) from A's rate at ``power``; else the size that would confirm the largest observed
    difference. None when none applies (equal or unknown rates, a rate of 0 or 1).
    """
    if planned_sample_size:
        return int(planned_sample_size), "planned"
    alpha = 1 - confidence
    if rate_a is None or not 0 < rate_a < 1:
        return None, None
    if min_effect:
        target = rate_a + abs(min_effect) if rate_a + abs(min_effect) < 1 else rate_a - min_effect
        if 0 < target < 1:
            return sample_size_per_group(rate_a, target, alpha, power), "min_effect"
        return None, None
    others = [r for r in other_rates if r is not None and 0 < r < 1 and r != rate_a]
    if not others:
        return None, None
    farthest = max(others, key=lambda r: abs(r - rate_a))
    return sample_size_per_group(rate_a, farthest, alpha, power), "observed"


def _remaining(counts: VariantCounts, needed: int | None) -> int | None:
    if needed is None:
        return None
    return max(0, int(np.ceil(needed - counts.trials)))
