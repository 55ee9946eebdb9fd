"""Two-rate statistics against published worked examples."""

from __future__ import annotations

import math

import pytest

from app.analytics.proportions import compare_proportions, sample_size_per_group, z_critical


def test_z_test_matches_the_statsmodels_documentation_example() -> None:
    # statsmodels proportions_ztest docs: count=[5, 12], nobs=[83, 99] -> p-value 0.159
    result = compare_proportions(5, 83, 12, 99)
    assert result.p_value == pytest.approx(0.15918, abs=1e-5)
    assert result.z == pytest.approx(1.40783, abs=1e-5)  # statsmodels: -1.408 (A - B)
    assert not result.significant


def test_wald_interval_of_the_difference_by_hand() -> None:
    result = compare_proportions(5, 83, 12, 99)
    se = math.sqrt((5 / 83) * (78 / 83) / 83 + (12 / 99) * (87 / 99) / 99)
    assert result.difference == pytest.approx(12 / 99 - 5 / 83)
    assert result.ci_low == pytest.approx(result.difference - 1.959964 * se, abs=1e-6)
    assert result.ci_high == pytest.approx(result.difference + 1.959964 * se, abs=1e-6)


def test_a_large_clear_difference_is_significant() -> None:
    result = compare_proportions(200, 1000, 260, 1000)
    assert result.significant
    assert result.ci_low > 0


@pytest.mark.parametrize(
    ("rate_a", "rate_b", "expected"),
    [(0.2, 0.3, 294), (0.1, 0.15, 686)],  # Fleiss (no continuity correction), alpha .05, power .8
)
def test_sample_size_matches_textbook_tables(rate_a: float, rate_b: float, expected: int) -> None:
    assert sample_size_per_group(rate_a, rate_b) == expected
    assert sample_size_per_group(rate_b, rate_a) == expected


def test_critical_values() -> None:
    assert z_critical(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_critical(0.99) == pytest.approx(2.575829, abs=1e-6)


def test_degenerate_inputs() -> None:
    same = compare_proportions(0, 10, 0, 12)
    assert same.z is None
    assert same.p_value is None
    assert not same.significant
    with pytest.raises(ValueError, match="no trials"):
        compare_proportions(0, 0, 1, 10)
    with pytest.raises(ValueError, match="successes"):
        compare_proportions(11, 10, 1, 10)
    with pytest.raises(ValueError, match="equal"):
        sample_size_per_group(0.2, 0.2)
