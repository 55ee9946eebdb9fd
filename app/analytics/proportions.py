"""Comparing two rates (proportions): the statistics behind A/B tests and campaign uplift.

Standard library only (``statistics.NormalDist``): these formulas run in the GUI on small inputs.

- Test: two-proportion z-test, two-sided, with the pooled standard error under H0 (p_a = p_b),
  as ``statsmodels.stats.proportion.proportions_ztest``.
- Interval for the difference p_b - p_a: Wald interval with the unpooled standard error, as
  ``statsmodels.stats.proportion.confint_proportions_2indep(method="wald", compare="diff")``.
- Sample size per group for a two-sided test at ``alpha`` with ``power`` (Fleiss, without
  continuity correction).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

_NORMAL = NormalDist()


@dataclass(frozen=True)
class ProportionComparison:
    """Two rates and how sure we are that they differ.

    ``difference`` is ``rate_b - rate_a``; ``ci_low``/``ci_high`` bound it at ``confidence``;
    ``z``/``p_value`` are None when the test is undefined (an empty group, or both rates 0 or 1).
    """

    successes_a: float
    trials_a: float
    successes_b: float
    trials_b: float
    rate_a: float
    rate_b: float
    difference: float
    ci_low: float
    ci_high: float
    z: float | None
    p_value: float | None
    confidence: float

    @property
    def significant(self) -> bool:
        """The p-value is below 1 - confidence."""
        return self.p_value is not None and self.p_value < 1 - self.confidence


def compare_proportions(
    successes_a: float,
    trials_a: float,
    successes_b: float,
    trials_b: float,
    confidence: float = 0.95,
) -> ProportionComparison:
    """Compare ``successes_b / trials_b`` with ``successes_a / trials_a``.

    Raises ValueError for a group without trials, negative counts, more successes than trials,
    or a confidence outside (0, 1).
    """
    _check_group(successes_a, trials_a, "A")
    _check_group(successes_b, trials_b, "B")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    rate_a = successes_a / trials_a
    rate_b = successes_b / trials_b
    difference = rate_b - rate_a
    half_width = z_critical(confidence) * math.sqrt(
        rate_a * (1 - rate_a) / trials_a + rate_b * (1 - rate_b) / trials_b
    )
    pooled = (successes_a + successes_b) / (trials_a + trials_b)
    pooled_se = math.sqrt(pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b))
    z = difference / pooled_se if pooled_se > 0 else None
    p_value = 2 * _NORMAL.cdf(-abs(z)) if z is not None else None
    return ProportionComparison(
        successes_a,
        trials_a,
        successes_b,
        trials_b,
        rate_a,
        rate_b,
        difference,
        difference - half_width,
        difference + half_width,
        z,
        p_value,
        confidence,
    )


def sample_size_per_group(
    rate_a: float, rate_b: float, alpha: float = 0.05, power: float = 0.8
) -> int:
    """Trials each group needs so a two-sided test at ``alpha`` detects rate_a vs rate_b.

    Raises ValueError when the rates are equal (no finite size detects no difference) or a
    rate, ``alpha`` or ``power`` is outside (0, 1).
    """
    for name, value in (("rate_a", rate_a), ("rate_b", rate_b), ("alpha", alpha), ("power", power)):
        if not 0 < value < 1:
            raise ValueError(f"{name} must be between 0 and 1, not {value}")
    if rate_a == rate_b:
        raise ValueError("the two rates are equal: no sample size detects a zero difference")
    mean = (rate_a + rate_b) / 2
    numerator = z_critical(1 - alpha) * math.sqrt(2 * mean * (1 - mean)) + _NORMAL.inv_cdf(
        power
    ) * math.sqrt(rate_a * (1 - rate_a) + rate_b * (1 - rate_b))
    return math.ceil(numerator**2 / (rate_a - rate_b) ** 2)


def z_critical(confidence: float) -> float:
    """The two-sided critical value: 1.96 for 0.95."""
    return _NORMAL.inv_cdf(1 - (1 - confidence) / 2)


def _check_group(successes: float, trials: float, name: str) -> None:
    if trials <= 0:
        raise ValueError(f"group {name} has no trials")
    if successes < 0 or successes > trials:
        raise ValueError(f"group {name}: {successes} successes out of {trials} trials")
