"""Retention analytics: churn warning, segments, holdout groups, campaign response and uplift.

Pure Python/pandas over the customer ledger (one row per root customer; the columns of
``app.services.customers.load_ledger``) and over order lines. Definitions (DESIGN.md):

- A customer is *slipping* when the days since their last paid order or recorded touch reach
  their warning window: the tier's ``warning_days``, else the shop default (30 days). With the
  "own interval" option, a repeat buyer's window is ``factor`` (1.5) × their median gap between
  orders, so a weekly buyer is flagged after 11 days and a twice-a-year buyer only after 9 months.
- Holdout: exactly ``round(share × n)`` of the segment, drawn with ``random.Random(seed)`` from
  the sorted customer ids, so the draw depends on the seed and the segment only, never on the
  order the rows came in.
- A target responds when they pay an order line in ``[sent, sent + window)``, or pay a line
  carrying the campaign's coupon code (``order_lines.channel_code``) any time after the send (a
  coupon can stay valid past the window). Uplift = treatment rate − control rate, with the
  Wald interval of :func:`app.analytics.proportions.compare_proportions` (A = control,
  B = treatment). Extra orders/revenue = (treatment per head − control per head) × treated.
  ROI = (extra revenue − cost) / cost.
"""

from __future__ import annotations

import json
import math
import random
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.analytics.proportions import ProportionComparison, compare_proportions

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_WARNING_DAYS = 30
INTERVAL_FACTOR = 1.5
PLACEHOLDERS = ("name", "tier", "coupon", "product", "benefit")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- Churn warning ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarningSettings:
    """How long a customer may stay silent before the warning.

    Attributes:
        default_days: the window of customers whose tier has no ``warning_days``.
        tier_days: tier name → its window (TierRule.warning_days).
        own_interval: repeat buyers are judged against ``factor`` × their median order gap.
        factor: the multiple of the median gap (1.5).
    """

    default_days: int = DEFAULT_WARNING_DAYS
    tier_days: Mapping[str, int] = field(default_factory=dict)
    own_interval: bool = False
    factor: float = INTERVAL_FACTOR


def warning_window(
    tier: str | None, median_gap_days: float | None, settings: WarningSettings
) -> int:
    """The days of silence after which this customer is slipping."""
    if settings.own_interval and median_gap_days is not None and not _is_nan(median_gap_days):
        return max(1, math.ceil(settings.factor * median_gap_days))
    if tier and tier in settings.tier_days:
        return int(settings.tier_days[tier])
    return settings.default_days


def churn_warning(
    ledger: pd.DataFrame, as_of: date, settings: WarningSettings | None = None
) -> pd.DataFrame:
    """The buyers past their warning window, most valuable first.

    Adds ``last_active_at`` (last paid order or touch), ``days_silent``, ``window_days`` and
    ``days_over`` (days past the window) to the ledger's columns. The window follows the
    ``value_tier`` column when the frame has one (the tier held before slipping; a 流失预警
    tier says nothing about which window applies), else ``tier``. Customers who never paid are
    not slipping (nothing to lose yet). Sorted by net amount, then days silent, both descending.
    """
    import pandas as pd

    settings = settings or WarningSettings()
    frame = ledger[ledger["last_paid_at"].notna()].copy()
    paid = pd.to_datetime(frame["last_paid_at"])
    touched = pd.to_datetime(frame["last_touch_at"]) if "last_touch_at" in frame else paid
    frame["last_active_at"] = paid.where(touched.isna() | (paid >= touched), touched)
    today = pd.Timestamp(as_of)
    frame["days_silent"] = (today - frame["last_active_at"].dt.normalize()).dt.days.astype(int)
    gaps = frame["median_gap_days"] if "median_gap_days" in frame else [None] * len(frame)
    tiers = frame["value_tier"] if "value_tier" in frame else frame["tier"]
    frame["window_days"] = [
        warning_window(tier, gap, settings)
        for tier, gap in zip(tiers.tolist(), list(gaps), strict=True)
    ]
    frame["days_over"] = frame["days_silent"] - frame["window_days"]
    slipping = frame[frame["days_over"] >= 0]
    return slipping.sort_values(
        ["net_cents", "days_silent", "customer_id"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


# --- Segments -----------------------------------------------------------------------------------


class SegmentError(ValueError):
    """A segment rule that cannot be read."""


SEGMENT_KEYS = frozenset(
    {
        "tiers",
        "min_days_silent",
        "max_days_silent",
        "min_spend_cents",
        "max_spend_cents",
        "min_orders",
        "platforms",
        "private_channel",
        "tags",
        "products",
    }
)


@dataclass(frozen=True)
class SegmentRule:
    """Who a campaign targets; every condition given must hold (an empty rule: every buyer).

    Attributes:
        tiers: current tier names (any of them).
        min_days_silent / max_days_silent: days since the last paid order (inclusive bounds).
        min_spend_cents / max_spend_cents: net amount paid, in the customer's main currency.
        min_orders: at least this many paid orders.
        platforms: platform codes (any of them).
        private_channel: True = only customers in a private channel, False = only those not.
        tags: store tags (any of them).
        products: product names or keys (any bought, substring match on the name).
    """

    tiers: tuple[str, ...] = ()
    min_days_silent: int | None = None
    max_days_silent: int | None = None
    min_spend_cents: int | None = None
    max_spend_cents: int | None = None
    min_orders: int | None = None
    platforms: tuple[str, ...] = ()
    private_channel: bool | None = None
    tags: tuple[str, ...] = ()
    products: tuple[str, ...] = ()

    def to_json(self) -> str:
        """The rule as the JSON text kept in ``Campaign.segment_rule`` (empty parts left out)."""
        data = {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in self.__dict__.items()
            if value not in ((), None)
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> SegmentRule:
        """Read a rule; raises SegmentError for text that is not a rule."""
        if not text or not text.strip():
            return cls()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise SegmentError(f"The segment rule is not valid JSON: {error.msg}") from error
        if not isinstance(data, dict):
            raise SegmentError("The segment rule must be a JSON object.")
        unknown = sorted(set(data) - SEGMENT_KEYS)
        if unknown:
            raise SegmentError(f"Unknown segment condition: {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("tiers", "platforms", "tags", "products"):
                if isinstance(value, str):
                    value = [value]
                values[key] = tuple(str(v) for v in value)
            elif key == "private_channel":
                values[key] = None if value is None else bool(value)
            else:
                values[key] = _whole(key, value)
        return cls(**values)


def _whole(key: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise SegmentError(f"{key} must be a whole number of at least 0, not {value!r}")
    return int(value)


def select_segment(
    ledger: pd.DataFrame,
    rule: SegmentRule,
    as_of: date,
    bought: Mapping[int, Iterable[str]] | None = None,
) -> list[int]:
    """The ids of the buyers (at least one paid order) the rule selects, ascending.

    ``bought`` maps a customer id to the product names (and keys) they paid for; needed only
    when the rule names products.
    """
    import pandas as pd

    frame = ledger[ledger["last_paid_at"].notna()]
    keep = pd.Series(True, index=frame.index)
    if rule.tiers:
        keep &= frame["tier"].isin(rule.tiers)
    silent = (pd.Timestamp(as_of) - pd.to_datetime(frame["last_paid_at"]).dt.normalize()).dt.days
    if rule.min_days_silent is not None:
        keep &= silent >= rule.min_days_silent
    if rule.max_days_silent is not None:
        keep &= silent <= rule.max_days_silent
    if rule.min_spend_cents is not None:
        keep &= frame["net_cents"] >= rule.min_spend_cents
    if rule.max_spend_cents is not None:
        keep &= frame["net_cents"] <= rule.max_spend_cents
    if rule.min_orders is not None:
        keep &= frame["paid_orders"] >= rule.min_orders
    if rule.platforms:
        wanted = set(rule.platforms)
        keep &= frame["platforms"].map(lambda text: bool(wanted & _split(text)))
    if rule.private_channel is not None:
        private = frame["private_channel"].fillna("").astype(str).str.strip() != ""
        keep &= private if rule.private_channel else ~private
    if rule.tags:
        wanted_tags = set(rule.tags)
        keep &= frame["tags"].map(lambda text: bool(wanted_tags & _split(text)))
    if rule.products:
        products = bought or {}
        keep &= frame["customer_id"].map(
            lambda cid: _bought_any(products.get(int(cid), ()), rule.products)
        )
    return sorted(int(c) for c in frame.loc[keep, "customer_id"])


def _split(text: Any) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {part.strip() for part in text.split(",") if part.strip()}


def _bought_any(names: Iterable[str], wanted: tuple[str, ...]) -> bool:
    return any(w and w in name for name in names for w in wanted)


# --- Holdout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Groups:
    """A segment split into who gets the message and who is held out (both ascending)."""

    treatment: tuple[int, ...]
    control: tuple[int, ...]


def draw_holdout(customer_ids: Iterable[int], share: float, seed: int) -> Groups:
    """Hold out exactly ``round(share × n)`` of the distinct ids, reproducibly from ``seed``.

    Raises ValueError for a share outside [0, 1).
    """
    if not 0 <= share < 1:
        raise ValueError(f"The holdout share must be at least 0 and below 1, not {share}")
    ids = sorted(set(int(c) for c in customer_ids))
    n_control = round(share * len(ids))
    control = set(random.Random(seed).sample(ids, n_control))
    return Groups(tuple(c for c in ids if c not in control), tuple(c for c in ids if c in control))


# --- Response and uplift ------------------------------------------------------------------------


def responses(
    targets: pd.DataFrame,
    lines: pd.DataFrame,
    sent_at: datetime,
    window_days: int,
    coupon_code: str = "",
) -> pd.DataFrame:
    """Each target's response: ``responded_at``, ``orders`` (distinct order numbers) and
    ``revenue_cents`` (payable of the responding lines), and ``currency``.

    ``targets`` has ``customer_id`` and ``group``; ``lines`` are paid order lines with
    ``customer_id``, ``order_no``, ``paid_at``, ``payable_cents``, ``currency`` and
    ``channel_code``, customer ids already rolled up to the root customer.
    """
    import pandas as pd

    end = sent_at + timedelta(days=window_days)
    paid = pd.to_datetime(lines["paid_at"])
    inside = (paid >= sent_at) & (paid < end)
    if coupon_code:
        inside |= (lines["channel_code"].fillna("") == coupon_code) & (paid >= sent_at)
    hits = lines[inside & lines["customer_id"].isin(targets["customer_id"])].assign(
        paid_at=paid[inside]
    )
    per_customer = hits.groupby("customer_id").agg(
        responded_at=("paid_at", "min"),
        orders=("order_no", "nunique"),
        revenue_cents=("payable_cents", "sum"),
        currency=("currency", "first"),
    )
    out = targets[["customer_id", "group"]].merge(
        per_customer, left_on="customer_id", right_index=True, how="left"
    )
    out["orders"] = out["orders"].fillna(0).astype(int)
    out["revenue_cents"] = out["revenue_cents"].fillna(0).astype("int64")
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class CampaignResult:
    """What a campaign did against its holdout group.

    Attributes:
        treated / control: group sizes; responders_*: who responded in each.
        comparison: control (A) vs treatment (B), None when a group is empty.
        extra_orders / extra_revenue_cents: attributable to the campaign (may be negative).
        revenue_cents: what the treatment group paid within the window.
        currency: the currency of the amounts (the main one of the responses).
        cost_cents: the campaign's cost, None when not entered; roi None without a cost.
    """

    treated: int
    control: int
    responders_treated: int
    responders_control: int
    comparison: ProportionComparison | None
    extra_orders: float | None
    revenue_cents: int
    extra_revenue_cents: float | None
    currency: str
    cost_cents: int | None
    roi: float | None

    @property
    def treatment_rate(self) -> float | None:
        """Share of the treatment group that responded."""
        return self.responders_treated / self.treated if self.treated else None

    @property
    def control_rate(self) -> float | None:
        """Share of the holdout group that responded."""
        return self.responders_control / self.control if self.control else None

    @property
    def uplift(self) -> float | None:
        """Treatment rate − control rate."""
        return self.comparison.difference if self.comparison else None


def campaign_result(
    answered: pd.DataFrame,
    cost_cents: int | None = None,
    confidence: float = 0.95,
    currency: str = "CNY",
) -> CampaignResult:
    """Rates, uplift with its interval, extra orders and revenue, and ROI from :func:`responses`.

    Only responses in the main currency (the most common among responders, else ``currency``)
    count towards revenue: amounts in two currencies are never added.
    """
    treat = answered[answered["group"] == "treatment"]
    ctrl = answered[answered["group"] == "control"]
    hit_t = int(treat["responded_at"].notna().sum())
    hit_c = int(ctrl["responded_at"].notna().sum())
    comparison = None
    if len(treat) and len(ctrl):
        comparison = compare_proportions(hit_c, len(ctrl), hit_t, len(treat), confidence)
    counted = answered["currency"].dropna()
    main = str(counted.mode().iloc[0]) if len(counted) else currency
    revenue_t = int(treat.loc[treat["currency"] == main, "revenue_cents"].sum())
    revenue_c = int(ctrl.loc[ctrl["currency"] == main, "revenue_cents"].sum())
    extra_orders = extra_revenue = None
    if len(treat) and len(ctrl):
        n = len(treat)
        extra_orders = (treat["orders"].sum() / n - ctrl["orders"].sum() / len(ctrl)) * n
        extra_revenue = (revenue_t / n - revenue_c / len(ctrl)) * n
    roi = None
    if cost_cents and extra_revenue is not None:
        roi = (extra_revenue - cost_cents) / cost_cents
    return CampaignResult(
        len(treat),
        len(ctrl),
        hit_t,
        hit_c,
        comparison,
        None if extra_orders is None else float(extra_orders),
        revenue_t,
        None if extra_revenue is None else float(extra_revenue),
        main,
        cost_cents,
        roi,
    )


# --- Message templates --------------------------------------------------------------------------


class TemplateError(ValueError):
    """A message template with a placeholder ShopReel does not know, or broken braces."""


def placeholders_of(template: str) -> list[str]:
    """The placeholder names in ``template``; raises TemplateError for unknown ones."""
    try:
        names = [f for _t, f, _s, _c in string.Formatter().parse(template) if f is not None]
    except ValueError as error:
        raise TemplateError(f"The template has a lone brace: {error}") from error
    for name in names:
        if name not in PLACEHOLDERS:
            known = " ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise TemplateError(f"Unknown placeholder {{{name}}}: use {known}")
    return names


def render_message(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with each placeholder replaced by the customer's value ("" when missing)."""
    names = placeholders_of(template)
    filled = {name: _text(values.get(name)) for name in names}
    return template.format(**filled)


def _text(value: Any) -> str:
    if value is None or _is_nan(value):
        return ""
    return str(value)


# --- Recurrence ---------------------------------------------------------------------------------


class RecurrenceError(ValueError):
    """A recurrence that is not ``""``, ``daily``, ``weekly:<day>`` or ``monthly:<1-28>``."""


def next_send_dates(
    recurrence: str, first: datetime, after: datetime, count: int = 4
) -> list[datetime]:
    """The next ``count`` send times strictly after ``after`` (a one-off: its time, if later).

    ``weekly:fri`` sends every Friday at ``first``'s time; ``monthly:15`` on the 15th.
    """
    rule = (recurrence or "").strip().lower()
    if not rule:
        return [first] if first > after else []
    step = _stepper(rule)
    moment = max(first, after - timedelta(days=1))
    moment = datetime.combine(moment.date(), first.time())
    found: list[datetime] = []
    for _ in range(count * 40):
        if moment > after and moment >= first and step(moment):
            found.append(moment)
            if len(found) == count:
                break
        moment += timedelta(days=1)
    return found


def _stepper(rule: str) -> Any:
    if rule == "daily":
        return lambda _m: True
    kind, _, arg = rule.partition(":")
    if kind == "weekly" and arg in WEEKDAYS:
        weekday = WEEKDAYS.index(arg)
        return lambda m: m.weekday() == weekday
    if kind == "monthly" and arg.isdigit() and 1 <= int(arg) <= 28:
        day = int(arg)
        return lambda m: m.day == day
    raise RecurrenceError(f"Unknown recurrence {rule!r}: use daily, weekly:fri or monthly:15")
