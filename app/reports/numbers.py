"""How the report prints numbers: in full in tables (¥356,549.39, 2,462), abbreviated (35.7万,
356.5k) only in the cover's headlines and in charts."""

from __future__ import annotations

import math

from app.locale_formats import compact_count

CURRENCY_SIGNS = {"CNY": "¥", "USD": "$"}
UNKNOWN = "—"


def known(value: float | None) -> bool:
    """True for a number that is neither None nor NaN."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def money(amount: float | None, currency: str) -> str:
    """An amount in full with its currency: ¥356,549.39, $10,215.54, EUR 12.00."""
    if not known(amount):
        return UNKNOWN
    sign = CURRENCY_SIGNS.get(currency)
    body = f"{abs(amount):,.2f}"
    minus = "-" if amount < 0 else ""
    return f"{minus}{sign}{body}" if sign else f"{minus}{currency} {body}"


def count(value: float | None) -> str:
    """A whole number in full: 2,462."""
    return f"{round(value):,}" if known(value) else UNKNOWN


def rate(value: float | None, decimals: int = 1) -> str:
    """A share of 1 as a percentage: 0.1234 → 12.3%."""
    return f"{value * 100:.{decimals}f}%" if known(value) else UNKNOWN


def ratio(value: float | None) -> str:
    """A ratio with two decimals (ROAS): 1.97."""
    return f"{value:.2f}" if known(value) else UNKNOWN


def relative_change(value: float | None, base: float | None) -> str:
    """(value − base) / base as a signed percentage; — when not computable."""
    if not known(value) or not known(base) or base == 0:
        return UNKNOWN
    change = (value - base) / base
    return f"{change * 100:+.1f}%"


def point_change(value: float | None, base: float | None, lang: str) -> str:
    """The difference of two rates in percentage points: +1.2 pp / +1.2个百分点."""
    if not known(value) or not known(base):
        return UNKNOWN
    points = (value - base) * 100
    return f"{points:+.1f}个百分点" if lang == "zh_CN" else f"{points:+.1f} pp"


def abbreviated(value: float | None, lang: str) -> str:
    """A headline number as the app's cards show it: 35.7万 / 1.2亿 in Chinese, 356.5k / 1.2M in
    English; below 10,000 in full (9,876, 12.34)."""
    if not known(value):
        return UNKNOWN
    size = abs(value)
    if size >= 10_000:
        return compact_count(value, lang)
    return f"{value:,.0f}" if float(value).is_integer() or size >= 100 else f"{value:,.2f}"


def abbreviated_money(amount: float | None, currency: str, lang: str) -> str:
    """A headline amount: ¥35.7万, $10.2k."""
    if not known(amount):
        return UNKNOWN
    sign = CURRENCY_SIGNS.get(currency, f"{currency} ")
    return f"{sign}{abbreviated(amount, lang)}"
