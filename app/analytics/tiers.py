"""Tier rules: an ordered list, first match wins, evaluated on per-customer facts as of a day.

A rule's conditions (those that are set) must all hold, or any one of them with ``match_any``:

* ``min_orders``: at least that many paid orders;
* ``min_spend_cents``: at least that net paid amount, in :data:`SPEND_CURRENCY` (a customer who
  pays in another currency never meets it: amounts are never converted);
* ``top_share``: among the top share of buyers by net amount within their currency (0.2 = top
  20 %; ties with the last one in stay in);
* ``first_order_within_days``: the first paid order less than that many days before the day;
* ``silent_days``: no paid order and no touch for at least that many days;
* ``channel``: the customer's private channel is that one (``private``: any private channel).

A rule with no condition matches every buyer (a catch-all at the end of the list). Only buyers
(one paid order or more by the day) get a tier; a buyer no rule matches gets none.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

SPEND_CURRENCY = "CNY"
ANY_PRIVATE = "private"
CHANNELS = ("", ANY_PRIVATE, "wechat", "wecom", "group")
CONDITIONS = (
    "min_orders",
    "min_spend_cents",
    "top_share",
    "first_order_within_days",
    "silent_days",
    "channel",
)
BOOKKEEPING = ("id", "version")
FACT_COLUMNS = (
    "customer_id",
    "paid_orders",
    "net_cents",
    "currency",
    "first_paid_at",
    "silent_days",
    "private_channel",
)


@dataclass(frozen=True)
class TierRuleSpec:
    """One tier rule as the user edits it (``id`` None: not saved yet)."""

    name: str
    position: int = 0
    min_orders: int | None = None
    min_spend_cents: int | None = None
    top_share: float | None = None
    first_order_within_days: int | None = None
    silent_days: int | None = None
    channel: str = ""
    match_any: bool = False
    warning_days: int | None = None
    discount_pct: float = 0.0
    priority_shipping: bool = False
    gift: str = ""
    benefit_note: str = ""
    active: bool = True
    id: int | None = None
    # The stored row's version when it was read (None: not read); a save names it back.
    version: int | None = field(default=None, compare=False)

    def conditions(self) -> dict[str, Any]:
        """The conditions that are set, by name."""
        values = {name: getattr(self, name) for name in CONDITIONS}
        return {k: v for k, v in values.items() if v is not None and v != ""}

    def as_row(self) -> dict[str, Any]:
        """The rule's fields as a ``tier_rules`` row (without its id and version)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in BOOKKEEPING}


def validate_rules(rules: list[TierRuleSpec]) -> list[TierRuleSpec]:
    """The rules, numbered 1.. in list order; ValueError on a name or value the user must fix."""
    seen: set[str] = set()
    checked = []
    for position, rule in enumerate(rules, start=1):
        name = rule.name.strip()
        if not name:
            raise ValueError(f"Tier rule {position} needs a name.")
        if name in seen:
            raise ValueError(f"Two tier rules are called {name!r}; tier names must differ.")
        seen.add(name)
        _check_values(name, rule)
        checked.append(replace(rule, name=name, position=position))
    return checked


def _check_values(name: str, rule: TierRuleSpec) -> None:
    for field_name in (
        "min_orders",
        "min_spend_cents",
        "first_order_within_days",
        "silent_days",
        "warning_days",
    ):
        value = getattr(rule, field_name)
        if value is not None and (int(value) != value or value < 0):
            raise ValueError(f"{name}: {field_name} must be a whole number ≥ 0, not {value!r}.")
    if rule.top_share is not None and not 0 < rule.top_share <= 1:
        raise ValueError(f"{name}: top share must be above 0 and at most 1 (0.2 = top 20 %).")
    if not 0 <= rule.discount_pct < 100:
        raise ValueError(f"{name}: discount must be from 0 to under 100 %.")
    if rule.channel not in CHANNELS:
        raise ValueError(f"{name}: unknown channel {rule.channel!r} ({', '.join(CHANNELS[1:])}).")


def top_share_members(facts: pd.DataFrame, share: float) -> pd.Series:
    """True for buyers in the top ``share`` by net amount within their currency (ties stay in)."""
    import numpy as np

    result = np.zeros(len(facts), dtype=bool)
    for _currency, group in facts.groupby("currency", sort=False):
        ranked = np.sort(group["net_cents"].to_numpy())[::-1]
        cut = ranked[max(0, int(np.ceil(len(ranked) * share - 1e-9)) - 1)]
        result[facts.index.get_indexer(group.index)] = group["net_cents"].to_numpy() >= cut
    return result


def rule_matches(
    facts: pd.DataFrame, rule: TierRuleSpec, as_of_days: pd.Series, top: dict[float, Any]
) -> Any:
    """A boolean array: which customers the rule's conditions select."""
    import numpy as np

    tests = []
    conditions = rule.conditions()
    if "min_orders" in conditions:
        tests.append(facts["paid_orders"].to_numpy() >= rule.min_orders)
    if "min_spend_cents" in conditions:
        in_currency = facts["currency"].to_numpy() == SPEND_CURRENCY
        tests.append(in_currency & (facts["net_cents"].to_numpy() >= rule.min_spend_cents))
    if "top_share" in conditions:
        share = float(rule.top_share or 0)
        if share not in top:
            top[share] = top_share_members(facts, share)
        tests.append(top[share])
    if "first_order_within_days" in conditions:
        tests.append(as_of_days.to_numpy() < rule.first_order_within_days)
    if "silent_days" in conditions:
        tests.append(facts["silent_days"].to_numpy() >= rule.silent_days)
    if "channel" in conditions:
        channels = facts["private_channel"].astype(object).fillna("").to_numpy()
        tests.append(channels != "" if rule.channel == ANY_PRIVATE else channels == rule.channel)
    if not tests:
        return np.ones(len(facts), dtype=bool)
    combine = np.logical_or if rule.match_any else np.logical_and
    return combine.reduce(tests)


def assign_tiers(facts: pd.DataFrame, rules: list[TierRuleSpec], as_of: Any) -> pd.DataFrame:
    """Each buyer's tier: the first active rule (by position) whose conditions it meets.

    ``facts``: :data:`FACT_COLUMNS`, one row per buyer (``first_paid_at`` a datetime,
    ``silent_days`` days since the last paid order or touch). Returns customer_id, tier_rule_id
    (NA: no rule matched), tier ("" none), in the facts' order.
    """
    import numpy as np
    import pandas as pd

    facts = facts.reset_index(drop=True)
    active = sorted((r for r in rules if r.active), key=lambda r: r.position)
    first_paid = pd.to_datetime(facts["first_paid_at"]).astype("datetime64[ns]")
    first_days = (pd.Timestamp(as_of) - first_paid.dt.normalize()).dt.days
    rule_index = np.full(len(facts), -1)
    top: dict[float, Any] = {}
    for index, rule in enumerate(active):
        open_rows = rule_index < 0
        if not open_rows.any():
            break
        rule_index[open_rows & rule_matches(facts, rule, first_days, top)] = index
    ids = [r.id for r in active]
    names = [r.name for r in active]
    return pd.DataFrame(
        {
            "customer_id": facts["customer_id"].to_numpy(),
            "tier_rule_id": pd.array(
                [ids[i] if i >= 0 else None for i in rule_index], dtype="Int64"
            ),
            "tier": [names[i] if i >= 0 else "" for i in rule_index],
        }
    )


def reason_of(fact: dict[str, Any]) -> str:
    """Why a customer got its tier, in plain figures (kept with the tier row)."""
    net = int(fact["net_cents"])
    return (
        f"{int(fact['paid_orders'])} paid orders · net {net / 100:.2f} {fact['currency']} · "
        f"silent {int(fact['silent_days'])} d"
    )


def default_rules() -> list[TierRuleSpec]:
    """DESIGN.md's default tiers in precedence order (first match wins), with plain benefits.

    已流失 (no order or touch for 90 days) > 流失预警 (30 days) > VIP (5+ paid orders or ¥3000+)
    > 高价值 (top 20 % by net amount) > 老客 (2+ paid orders) > 新客 (first order within 30 days).
    """
    specs = [
        TierRuleSpec("已流失", silent_days=90, discount_pct=15.0),
        TierRuleSpec("流失预警", silent_days=30, discount_pct=10.0),
        TierRuleSpec(
            "VIP",
            min_orders=5,
            min_spend_cents=300_000,
            match_any=True,
            discount_pct=12.0,
            priority_shipping=True,
        ),
        TierRuleSpec("高价值", top_share=0.2, discount_pct=8.0, priority_shipping=True),
        TierRuleSpec("老客", min_orders=2, discount_pct=5.0),
        TierRuleSpec("新客", first_order_within_days=30),
    ]
    return [replace(rule, position=i) for i, rule in enumerate(specs, start=1)]
