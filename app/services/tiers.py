"""Tier rules in the store: edit, preview, recompute, and how customers moved month by month.

The current tier of a customer is its newest ``customer_tiers`` row (by ``assigned_at``, then
id). A recompute writes a row only for a customer whose tier changed, so the rows are the tier
history. Only root customers (not merged into another) get tiers; a merge rolls orders up.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.analytics.tiers import FACT_COLUMNS, TierRuleSpec, assign_tiers, reason_of, validate_rules
from app.db import Reader, Store
from app.services import edits
from app.services.customers import (
    current_tiers,
    customer_facts,
    end_of,
    paid_lines,
    roots_of,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd
    from sqlalchemy.orm import Session

RULE_FIELDS = tuple(f.name for f in fields(TierRuleSpec))
RULES_SQL = f"SELECT {', '.join(RULE_FIELDS)} FROM tier_rules ORDER BY position, id"
TOUCHES_SQL = "SELECT customer_id, MAX(touched_at) FROM touches WHERE touched_at < :end GROUP BY 1"
ROOTS_SQL = "SELECT id, private_channel FROM customers WHERE merged_into_id IS NULL"
CUSTOMERS_SQL = "SELECT id, merged_into_id, private_channel FROM customers"
HISTORY_SQL = """
SELECT ct.customer_id, tr.name, ct.assigned_at FROM customer_tiers ct
JOIN tier_rules tr ON tr.id = ct.tier_rule_id
ORDER BY ct.assigned_at, ct.id
"""


# Set once a store has had tier rules (seeded or the user's): defaults are never seeded again,
# so a user who deleted every rule keeps none.
DEFAULTS_SEEDED = "customers.default_tiers_seeded"


@dataclass(frozen=True)
class RecomputeResult:
    """What a recompute did: buyers given a tier, and how many got a new one."""

    customers: int
    changed: int


def list_rules(reader: Reader, *, include_inactive: bool = False) -> list[TierRuleSpec]:
    """The tier rules by position (first match wins); inactive ones only when asked."""
    rules = []
    for row in reader.query(RULES_SQL)[1]:
        values = dict(zip(RULE_FIELDS, row, strict=True))
        for flag in ("match_any", "priority_shipping", "active"):
            values[flag] = bool(values[flag])
        values["channel"] = values["channel"] or ""
        values["gift"] = values["gift"] or ""
        values["benefit_note"] = values["benefit_note"] or ""
        rule = TierRuleSpec(**values)
        if rule.active or include_inactive:
            rules.append(rule)
    return rules


def seed_default_rules(store: Store) -> bool:
    """Give a store that never had tier rules DESIGN.md's defaults (新客 … 已流失), once, when
    it has paid orders (so a store built from imports has tiers without a click).

    Returns True when it seeded them. A store that has rules, or whose rules were seeded or
    saved before (see :data:`DEFAULTS_SEEDED`), is left as it is.
    """
    from sqlalchemy import func, select

    from app.analytics.tiers import default_rules
    from app.models import Order, TierRule

    with store.session_scope() as session:
        if session.scalar(select(func.count()).select_from(TierRule)):
            return False  # rules of its own (saving them marks the store)
        if not session.scalar(select(func.count(Order.id)).where(Order.paid_at.is_not(None))):
            return False  # nobody to give a tier yet: an ad or video import seeds nothing
        if _mark_seeded(session):
            return False  # seeded before: the user has since removed them all
        session.add_all(TierRule(**rule.as_row()) for rule in default_rules())
        return True


def _mark_seeded(session: Session) -> bool:
    """Record that the store has had tier rules; True when that was already recorded."""
    from sqlalchemy import select

    from app.models import StoreSetting

    row = session.scalars(select(StoreSetting).where(StoreSetting.key == DEFAULTS_SEEDED)).first()
    if row is not None and row.value == "true":
        return True
    if row is None:
        session.add(StoreSetting(key=DEFAULTS_SEEDED, value="true"))
    else:
        row.value = "true"
    return False


def tier_facts(reader: Reader, as_of: date) -> pd.DataFrame:
    """Per root buyer: :data:`FACT_COLUMNS` as of the end of ``as_of``."""
    import pandas as pd

    people = reader.query(CUSTOMERS_SQL)[1]
    roots = roots_of({cid: up for cid, up, _channel in people})
    facts = customer_facts(paid_lines(reader, as_of, details=False, roots=roots), as_of)
    channels = {cid: channel for cid, up, channel in people if up is None}
    facts = facts[facts["customer_id"].isin(channels.keys())].reset_index(drop=True)
    touches = pd.DataFrame(
        reader.query(TOUCHES_SQL, {"end": end_of(as_of).isoformat(sep=" ")})[1],
        columns=["customer_id", "touched_at"],
    )
    last_touch = pd.Series(dtype="datetime64[ns]")
    if not touches.empty:
        touches["customer_id"] = touches["customer_id"].map(roots).astype("int64")
        touches["touched_at"] = pd.to_datetime(touches["touched_at"], format="ISO8601")
        last_touch = touches.groupby("customer_id")["touched_at"].max().astype("datetime64[ns]")
    last_paid = facts["last_paid_at"].astype("datetime64[ns]")
    touched = pd.Series(last_touch.reindex(facts["customer_id"]).to_numpy(), index=facts.index)
    active = last_paid.where(touched.isna() | (last_paid >= touched), touched)
    facts["silent_days"] = (pd.Timestamp(as_of) - active.dt.normalize()).dt.days
    facts["private_channel"] = facts["customer_id"].map(channels).astype(object).fillna("")
    return facts[list(FACT_COLUMNS)]


def compute_tiers(
    reader: Reader, as_of: date, rules: list[TierRuleSpec] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(facts, assignment) as of a day under ``rules`` (default: the stored ones)."""
    facts = tier_facts(reader, as_of)
    rules = list_rules(reader) if rules is None else rules
    return facts, assign_tiers(facts, rules, as_of)


def preview_rules(reader: Reader, rules: list[TierRuleSpec], as_of: date) -> pd.DataFrame:
    """How many customers would move from which tier to which under edited rules (not saved).

    Returns from_tier, to_tier, customers; only moves, largest first. As in a recompute, a
    customer no rule fits keeps its tier (from_tier "" = had none yet).
    """
    import pandas as pd

    checked = validate_rules(rules)
    _facts, assigned = compute_tiers(reader, as_of, checked)
    now = {cid: name for cid, (_rid, name) in current_tiers(reader, as_of).items()}
    assigned["from_tier"] = [now.get(cid, "") for cid in assigned["customer_id"].tolist()]
    # A customer no rule fits keeps its last tier (a recompute has no "no tier" row to write).
    kept = assigned["tier"] == ""
    assigned.loc[kept, "tier"] = assigned.loc[kept, "from_tier"]
    moved = assigned[assigned["from_tier"] != assigned["tier"]]
    if moved.empty:
        return pd.DataFrame(columns=["from_tier", "to_tier", "customers"])
    return (
        moved.groupby(["from_tier", "tier"])
        .size()
        .rename("customers")
        .reset_index()
        .rename(columns={"tier": "to_tier"})
        .sort_values(["customers", "from_tier", "to_tier"], ascending=[False, True, True])
        .reset_index(drop=True)
    )


def recompute_tiers(store: Store, as_of: date, at: datetime | None = None) -> RecomputeResult:
    """Assign every root buyer its tier as of ``as_of``; a row only where the tier changed.

    ``at``: the time the new rows carry (default: now's clock time on ``as_of``).
    """
    import numpy as np

    from app.models import CustomerTier

    seed_default_rules(store)  # a store built from imports gets the default tiers, once
    reader = store.reader()
    try:
        rules = list_rules(reader)
        if not rules:
            return RecomputeResult(0, 0)
        facts, assigned = compute_tiers(reader, as_of, rules)
        current = {cid: rid for cid, (rid, _name) in current_tiers(reader).items()}
    finally:
        reader.close()
    at = at or datetime.combine(as_of, datetime.now().time().replace(microsecond=0))
    # assign_tiers keeps the facts' order: compare plain arrays (-1: no tier).
    new = assigned["tier_rule_id"].to_numpy(dtype="int64", na_value=-1)
    ids = facts["customer_id"].to_numpy(dtype="int64")
    old = np.fromiter((current.get(c, -1) for c in ids.tolist()), dtype="int64", count=len(ids))
    changed = (new >= 0) & (new != old)
    picked = facts[changed]
    rows = [
        {
            "customer_id": cid,
            "tier_rule_id": rule_id,
            "assigned_at": at,
            "reason": reason_of(
                {"paid_orders": orders, "net_cents": net, "currency": cur, "silent_days": silent}
            ),
            "monetary_cents": net,
            "paid_orders": orders,
        }
        for cid, rule_id, orders, net, cur, silent in zip(
            ids[changed].tolist(),
            new[changed].tolist(),
            picked["paid_orders"].astype("int64").tolist(),
            picked["net_cents"].astype("int64").tolist(),
            picked["currency"].tolist(),
            picked["silent_days"].tolist(),
            strict=True,
        )
    ]
    if rows:
        from app.importers.writers.base import bulk_insert

        with store.session_scope() as session:
            bulk_insert(session, CustomerTier.__table__, rows)  # the driver's own executemany
    return RecomputeResult(int((new >= 0).sum()), len(rows))


def save_rules(
    store: Store,
    rules: list[TierRuleSpec],
    as_of: date,
    *,
    loaded: Mapping[int, int] | None = None,
) -> RecomputeResult:
    """Replace the rule list with ``rules`` (in order) and recompute the tiers.

    New rules have ``id`` None; a stored rule missing from the list is deleted, or deactivated
    when customers' tier history points at it (the history stays readable). A new rule named
    like a deactivated one takes its place. A rule with a ``version`` is saved only while the
    stored one still has it; ``loaded`` (rule id → version, the list as the editor read it) also
    guards the rules the list drops, and refuses when someone added a rule since.

    Raises:
        ValueError: a rule the user must fix.
        ConcurrentEditError: someone else changed, added or deleted a rule since it was read.
    """
    from sqlalchemy import delete, func, select

    from app.models import CustomerTier, TierRule

    checked = validate_rules(rules)
    user = store.user_name
    with store.session_scope() as session:
        _mark_seeded(session)  # the user's list from now on, even an empty one
        stored = {r.id: r for r in session.scalars(select(TierRule).with_for_update())}
        by_name = {r.name: r for r in stored.values()}
        kept = {r.id for r in checked if r.id is not None}
        _check_rule_versions(session, checked, stored, kept, loaded)
        unknown = kept - stored.keys()
        if unknown:
            raise ValueError(f"Tier rule {min(unknown)} no longer exists; reload the rules.")
        before = {rid: _rule_values(row) for rid, row in stored.items()}
        # Free every position and name first: the new order may swap them.
        for row in stored.values():
            row.position = -row.id
            if row.id not in kept:
                row.active = False
        session.flush()
        created = []
        for rule in checked:
            target = stored.get(rule.id) if rule.id is not None else by_name.get(rule.name)
            if target is None:
                new = TierRule(**rule.as_row(), changed_by=user, changed_at=edits.now())
                session.add(new)
                created.append(new)
                continue
            clash = by_name.get(rule.name)
            if clash is not None and clash is not target and clash.id not in kept:
                clash.name = f"{clash.name} (#{clash.id})"
                session.flush()
            for key, value in rule.as_row().items():
                setattr(target, key, value)
            kept.add(target.id)
        session.flush()
        _log_rule_edits(session, user, stored, before, kept, created)
        for rule_id in stored.keys() - kept:
            used = session.scalar(select(func.count()).where(CustomerTier.tier_rule_id == rule_id))
            if not used:
                session.execute(delete(TierRule).where(TierRule.id == rule_id))
    return recompute_tiers(store, as_of)


def _rule_values(row: object) -> dict[str, object]:
    return {name: getattr(row, name) for name in RULE_FIELDS if name not in ("id", "version")}


def _check_rule_versions(
    session: Session,
    checked: list[TierRuleSpec],
    stored: dict[int, object],
    kept: set[int],
    loaded: Mapping[int, int] | None,
) -> None:
    """ConcurrentEditError for the first rule someone else changed, added or deleted since."""
    expected = {r.id: r.version for r in checked if r.id is not None and r.version is not None}
    if loaded is not None:
        for rule_id, row in stored.items():
            if rule_id not in kept and row.active:  # type: ignore[attr-defined]
                expected[rule_id] = loaded.get(rule_id, -1)  # -1: added since it was read
    for rule_id, version in expected.items():
        row = stored.get(rule_id)
        if row is None:
            raise edits.deleted_error(session, "tier_rules", rule_id)
        if row.version != version:  # type: ignore[attr-defined]
            raise edits.conflict_error(session, "tier_rules", rule_id)


def _log_rule_edits(
    session: Session,
    user: str,
    stored: dict[int, object],
    before: dict[int, dict[str, object]],
    kept: set[int],
    created: list[object],
) -> None:
    """Stamp and log each rule the save changed: created, updated, reordered or deleted."""
    at = edits.now()
    for row in created:
        fields = edits.row_fields(_rule_values(row))
        edits.log_change(session, user, "tier_rules", row.id, "create", row.name, fields)  # type: ignore[attr-defined]
    for rule_id, row in stored.items():
        if rule_id not in kept:
            if before[rule_id]["active"]:  # deleted (or kept inactive for the tier history)
                row.version += 1  # type: ignore[attr-defined]
                row.changed_by, row.changed_at = user, at  # type: ignore[attr-defined]
                fields = edits.row_fields(before[rule_id])
                name = str(before[rule_id]["name"])
                edits.log_change(session, user, "tier_rules", rule_id, "delete", name, fields)
            continue
        changes = edits.changed_fields(before[rule_id], _rule_values(row))
        if not changes:
            continue
        row.version += 1  # type: ignore[attr-defined]
        row.changed_by, row.changed_at = user, at  # type: ignore[attr-defined]
        action = "reorder" if set(changes) == {"position"} else "update"
        edits.log_change(session, user, "tier_rules", rule_id, action, row.name, changes)  # type: ignore[attr-defined]


def tier_counts(reader: Reader, as_of: date, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Customers and net amount per current tier and currency, in rule order.

    ``ledger``: :func:`~app.services.customers.load_ledger` as of ``as_of`` when the caller
    already has it (the monthly report), else it is loaded.
    """
    import pandas as pd

    from app.services.customers import load_ledger

    ledger = load_ledger(reader, as_of) if ledger is None else ledger
    ledger = ledger[ledger["tier"] != ""]
    order = {r.name: r.position for r in list_rules(reader, include_inactive=True)}
    if ledger.empty:
        return pd.DataFrame(columns=["tier", "currency", "customers", "net_cents"])
    counts = (
        ledger.groupby(["tier", "currency"])
        .agg(customers=("customer_id", "size"), net_cents=("net_cents", "sum"))
        .reset_index()
    )
    counts["order"] = counts["tier"].map(order).fillna(10**6)
    return counts.sort_values(["order", "currency"]).drop(columns="order").reset_index(drop=True)


def month_ends(as_of: date, months: int) -> list[date]:
    """The last days of the ``months`` months up to ``as_of``'s (its own month ends at as_of)."""
    ends = [as_of]
    first = as_of.replace(day=1)
    for _ in range(months):
        first = first - timedelta(days=1)
        ends.append(first)
        first = first.replace(day=1)
    return sorted(ends)


def tier_movement(reader: Reader, as_of: date, months: int = 6) -> pd.DataFrame:
    """Customers per (month, tier at the previous month end → tier at this month end).

    The current month ends at ``as_of``. ``from_tier`` "" = no tier yet. Rows where the tier
    stayed the same are included (``moved`` False) so the table shows the whole picture.
    ``direction``: ``same``, ``new`` (had no tier), ``slipped`` (into a silence tier, or a
    longer silence), ``returned`` (out of a silence tier, or a shorter one), else ``up`` /
    ``down`` by rule position (earlier rules are the more valuable ones: VIP before 老客).
    """
    import pandas as pd

    roots = set(dict(reader.query(ROOTS_SQL)[1]))
    columns, rows = reader.query(HISTORY_SQL)
    history = pd.DataFrame(rows, columns=["customer_id", "tier", "assigned_at"])
    history = history[history["customer_id"].isin(roots)]
    history["assigned_at"] = pd.to_datetime(history["assigned_at"], format="ISO8601")
    ends = month_ends(as_of, months)
    snapshots = [_tiers_at(history, end) for end in ends]
    frames = []
    for end, before, after in zip(ends[1:], snapshots, snapshots[1:], strict=False):
        pair = pd.concat([before.rename("from_tier"), after.rename("to_tier")], axis=1)
        pair = pair[pair["to_tier"].notna()].astype(object).fillna("")
        counted = pair.groupby(["from_tier", "to_tier"]).size().rename("customers").reset_index()
        counted.insert(0, "month", end.strftime("%Y-%m"))
        frames.append(counted)
    if not frames:
        columns = ["month", "from_tier", "to_tier", "customers", "moved", "direction"]
        return pd.DataFrame(columns=columns)
    movement = pd.concat(frames, ignore_index=True)
    movement["moved"] = movement["from_tier"] != movement["to_tier"]
    rules = {r.name: r for r in list_rules(reader, include_inactive=True)}
    movement["direction"] = [
        _direction(rules.get(a), rules.get(b), a, b)
        for a, b in zip(movement["from_tier"], movement["to_tier"], strict=True)
    ]
    return movement.sort_values(
        ["month", "moved", "customers"], ascending=[True, False, False]
    ).reset_index(drop=True)


def _direction(
    before: TierRuleSpec | None, after: TierRuleSpec | None, from_tier: str, to_tier: str
) -> str:
    if from_tier == to_tier:
        return "same"
    if not from_tier or before is None or after is None:
        return "new"
    silent_before, silent_after = before.silent_days, after.silent_days
    if silent_after is not None and (silent_before is None or silent_after > silent_before):
        return "slipped"
    if silent_before is not None and (silent_after is None or silent_after < silent_before):
        return "returned"
    return "up" if after.position < before.position else "down"


def _tiers_at(history: pd.DataFrame, day: date) -> pd.Series:
    """Each customer's tier as of the end of ``day`` (customer_id → name)."""
    import pandas as pd

    upto = history[history["assigned_at"] < pd.Timestamp(end_of(day))]
    return upto.drop_duplicates("customer_id", keep="last").set_index("customer_id")["tier"]
