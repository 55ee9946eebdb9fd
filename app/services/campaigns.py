"""Campaigns: build a segment, hold a control group out, export the send list, read the uplift.

ShopReel never sends messages itself: the owner exports the treatment group's send list (one
rendered message per customer, phones masked, formula-safe) for WeCom mass-send or an SMS tool,
then marks the campaign as sent. Results are computed from the order lines paid after the send
(see :mod:`app.analytics.retention` for the definitions), so they grow as new orders are imported.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.analytics.retention import (
    CampaignResult,
    Groups,
    SegmentRule,
    campaign_result,
    draw_holdout,
    next_send_dates,
    placeholders_of,
    render_message,
    responses,
    select_segment,
)
from app.db import Reader, Store
from app.services import edits

if TYPE_CHECKING:
    import pandas as pd

GOALS = ("win_back", "live_preview", "festival", "new_product", "ugc")
CHANNELS = ("sms", "wecom", "wechat_group", "dm", "app_push")
MAX_HOLDOUT_SHARE = 0.5
SEND_LIST_HEADERS = {
    "customer_id": "customer_id",
    "display_name": "display_name",
    "masked_phone": "phone",
    "private_channel": "private_channel",
    "tier": "tier",
    "last_product": "last_product",
    "message": "message",
}
CAMPAIGN_SQL = """
SELECT id, name, goal, segment_rule, channel, message_template, scheduled_at, sent_at,
       recurrence, coupon_code, cost_cents, holdout_seed, holdout_share, response_window_days,
       status, version, changed_by, changed_at
FROM campaigns
"""
TARGETS_SQL = 'SELECT customer_id, "group" FROM campaign_targets WHERE campaign_id = :id'
LINES_SQL = """
SELECT o.customer_id, o.platform || ':' || o.order_no, o.paid_at, o.payable_cents, o.currency,
       o.channel_code
FROM order_lines o
WHERE o.paid_at IS NOT NULL AND NOT o.cancelled AND o.customer_id IS NOT NULL
  AND o.paid_at >= :start
"""
BOUGHT_SQL = """
SELECT DISTINCT o.customer_id, COALESCE(p.name, o.product_name), COALESCE(p.product_key, '')
FROM order_lines o LEFT JOIN products p ON p.id = o.product_id
WHERE o.paid_at IS NOT NULL AND NOT o.cancelled AND o.customer_id IS NOT NULL
"""
BENEFITS_SQL = "SELECT name, benefit_note FROM tier_rules"


class CampaignError(ValueError):
    """A campaign that cannot be saved, drawn, exported or marked as it was asked."""


@dataclass(frozen=True)
class CampaignSpec:
    """A campaign as the builder edits it (``id`` None for a new one)."""

    name: str
    goal: str = "win_back"
    segment_rule: str = ""
    channel: str = "wecom"
    message_template: str = ""
    scheduled_at: datetime | None = None
    recurrence: str = ""
    coupon_code: str = ""
    cost_cents: int | None = None
    holdout_share: float = 0.1
    holdout_seed: int = 0
    response_window_days: int = 14
    id: int | None = None
    status: str = "draft"
    sent_at: datetime | None = None
    # The row version it was read at (None: not read, no check) and its last hand edit.
    version: int | None = field(default=None, compare=False)
    changed_by: str = field(default="", compare=False)
    changed_at: datetime | None = field(default=None, compare=False)


# --- Reading ------------------------------------------------------------------------------------


def get_campaign(reader: Reader, campaign_id: int) -> CampaignSpec:
    """The campaign with this id; raises CampaignError when there is none."""
    _cols, rows = reader.query(CAMPAIGN_SQL + " WHERE id = :id", {"id": campaign_id})
    if not rows:
        raise CampaignError(f"There is no campaign #{campaign_id}.")
    return _spec(rows[0])


def _spec(row: tuple[Any, ...]) -> CampaignSpec:
    (cid, name, goal, rule, channel, template, scheduled, sent, recurrence, coupon, cost, seed) = (
        row[:12]
    )
    share, window, status, version, changed_by, changed_at = row[12:]
    return CampaignSpec(
        name=name,
        goal=goal,
        segment_rule=rule or "",
        channel=channel,
        message_template=template or "",
        scheduled_at=_moment(scheduled),
        recurrence=recurrence or "",
        coupon_code=coupon or "",
        cost_cents=cost,
        holdout_share=float(share),
        holdout_seed=int(seed or 0),
        response_window_days=int(window),
        id=int(cid),
        status=status,
        sent_at=_moment(sent),
        version=int(version or 1),
        changed_by=changed_by or "",
        changed_at=_moment(changed_at),
    )


def _moment(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def campaign_history(reader: Reader, as_of: date) -> pd.DataFrame:
    """Every campaign, newest first, with its groups and (once sent) its measured result.

    Columns: id, name, goal, channel, status, when (sent or scheduled), next_send, treated,
    control, treatment_rate, control_rate, uplift, ci_low, ci_high, p_value, revenue_cents,
    extra_orders, extra_revenue_cents, currency, cost_cents, roi, version (the row's, for an
    edit, a send or a delete to name).
    """
    import pandas as pd

    _cols, rows = reader.query(CAMPAIGN_SQL)
    records = []
    for spec in (_spec(r) for r in rows):
        result = _result_or_none(reader, spec, as_of)
        records.append(_history_row(spec, result, as_of))
    frame = pd.DataFrame(records, columns=HISTORY_COLUMNS)
    if frame.empty:
        return frame
    return frame.sort_values(
        ["when", "id"], ascending=False, na_position="first", ignore_index=True
    )


HISTORY_COLUMNS = (
    "id",
    "name",
    "goal",
    "channel",
    "status",
    "when",
    "next_send",
    "treated",
    "control",
    "treatment_rate",
    "control_rate",
    "uplift",
    "ci_low",
    "ci_high",
    "p_value",
    "revenue_cents",
    "extra_orders",
    "extra_revenue_cents",
    "currency",
    "cost_cents",
    "roi",
    "version",
)


def _history_row(spec: CampaignSpec, result: CampaignResult | None, as_of: date) -> tuple:
    when = spec.sent_at or spec.scheduled_at
    upcoming = None
    if spec.scheduled_at is not None and spec.recurrence:
        dates = next_send_dates(spec.recurrence, spec.scheduled_at, _end(as_of), 1)
        upcoming = dates[0] if dates else None
    elif spec.status != "sent":
        upcoming = spec.scheduled_at
    if result is None:
        return (spec.id, spec.name, spec.goal, spec.channel, spec.status, when, upcoming) + (
            (None,) * 11 + ("", spec.cost_cents, None, spec.version)
        )
    comparison = result.comparison
    return (
        spec.id,
        spec.name,
        spec.goal,
        spec.channel,
        spec.status,
        when,
        upcoming,
        result.treated,
        result.control,
        result.treatment_rate,
        result.control_rate,
        result.uplift,
        comparison.ci_low if comparison else None,
        comparison.ci_high if comparison else None,
        comparison.p_value if comparison else None,
        result.revenue_cents,
        result.extra_orders,
        None if result.extra_revenue_cents is None else round(result.extra_revenue_cents),
        result.currency,
        result.cost_cents,
        result.roi,
        spec.version,
    )


def _end(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59)


def _result_or_none(reader: Reader, spec: CampaignSpec, as_of: date) -> CampaignResult | None:
    if spec.sent_at is None or spec.id is None:
        return None
    return measure(reader, spec, as_of)


def campaign_results(reader: Reader, campaign_id: int, as_of: date) -> CampaignResult:
    """The measured result of a sent campaign; raises CampaignError before it is sent."""
    spec = get_campaign(reader, campaign_id)
    if spec.sent_at is None:
        raise CampaignError("The campaign has not been sent yet: mark it as sent first.")
    return measure(reader, spec, as_of)


def measure(reader: Reader, spec: CampaignSpec, as_of: date) -> CampaignResult:
    """Response of the campaign's targets to the send, up to the end of ``as_of``."""
    from app.services.customers import root_map

    assert spec.sent_at is not None
    assert spec.id is not None
    targets = _targets(reader, spec.id)
    roots = root_map(reader)
    targets["customer_id"] = targets["customer_id"].map(lambda c: roots.get(c, c))
    targets = targets.drop_duplicates("customer_id")
    lines = _lines_since(reader, spec.sent_at, as_of, roots)
    answered = responses(targets, lines, spec.sent_at, spec.response_window_days, spec.coupon_code)
    return campaign_result(answered, spec.cost_cents)


def _targets(reader: Reader, campaign_id: int) -> pd.DataFrame:
    import pandas as pd

    _cols, rows = reader.query(TARGETS_SQL, {"id": campaign_id})
    return pd.DataFrame(rows, columns=["customer_id", "group"])


def _lines_since(
    reader: Reader, start: datetime, as_of: date, roots: dict[int, int]
) -> pd.DataFrame:
    import pandas as pd

    _cols, rows = reader.query(LINES_SQL, {"start": start.isoformat(sep=" ")})
    columns = ["customer_id", "order_no", "paid_at", "payable_cents", "currency", "channel_code"]
    lines = pd.DataFrame(rows, columns=columns)
    lines["customer_id"] = lines["customer_id"].map(lambda c: roots.get(c, c))
    lines["paid_at"] = pd.to_datetime(lines["paid_at"], format="ISO8601")
    lines["payable_cents"] = lines["payable_cents"].fillna(0).astype("int64")
    return lines[lines["paid_at"] <= pd.Timestamp(_end(as_of))]


# --- Segments and messages ----------------------------------------------------------------------


def bought_products(reader: Reader) -> dict[int, list[str]]:
    """Root customer id → the names and keys of the products they paid for."""
    from app.services.customers import root_map

    roots = root_map(reader)
    bought: dict[int, list[str]] = {}
    for cid, name, key in reader.query(BOUGHT_SQL)[1]:
        names = bought.setdefault(roots.get(cid, cid), [])
        names.extend(n for n in (name, key) if n)
    return bought


def segment_ids(
    reader: Reader, rule: SegmentRule, as_of: date, ledger: pd.DataFrame | None = None
) -> list[int]:
    """The root customer ids the rule selects today (the builder's live count is its length)."""
    from app.services.customers import load_ledger

    ledger = load_ledger(reader, as_of) if ledger is None else ledger
    bought = bought_products(reader) if rule.products else None
    return select_segment(ledger, rule, as_of, bought)


def message_values(ledger: pd.DataFrame, benefits: dict[str, str], coupon: str) -> pd.DataFrame:
    """Per customer the placeholder values: name, tier, coupon, product, benefit.

    The tier is ``value_tier`` when the ledger has it (a slipping VIP is told "VIP", not 流失预警).
    """
    import pandas as pd

    tiers = (
        ledger["value_tier"].where(ledger["value_tier"] != "", ledger["tier"])
        if ("value_tier" in ledger)
        else ledger["tier"]
    )
    return pd.DataFrame(
        {
            "customer_id": ledger["customer_id"],
            "name": ledger["display_name"].where(ledger["display_name"] != "", "亲"),
            "tier": tiers,
            "coupon": coupon,
            "product": ledger["last_product"],
            "benefit": tiers.map(lambda t: benefits.get(t, "")),
        }
    )


def tier_benefits(reader: Reader) -> dict[str, str]:
    """Tier name → the benefit note the {benefit} placeholder shows."""
    return {name: note or "" for name, note in reader.query(BENEFITS_SQL)[1]}


def preview_messages(
    reader: Reader,
    template: str,
    coupon: str,
    customer_ids: list[int],
    as_of: date,
    ledger: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The rendered message for each of ``customer_ids`` (customer_id, display_name, message).

    Raises TemplateError for an unknown placeholder.
    """
    from app.services.customers import load_ledger
    from app.services.retention import with_value_tiers

    placeholders_of(template)
    ledger = load_ledger(reader, as_of) if ledger is None else ledger
    if "value_tier" not in ledger:
        ledger = with_value_tiers(reader, ledger, as_of)
    chosen = ledger[ledger["customer_id"].isin(customer_ids)].set_index("customer_id")
    chosen = chosen.reindex([c for c in customer_ids if c in chosen.index]).reset_index()
    values = message_values(chosen, tier_benefits(reader), coupon)
    chosen["message"] = [render_message(template, row) for row in values.to_dict(orient="records")]
    return chosen


# --- Writing ------------------------------------------------------------------------------------


def validate(spec: CampaignSpec) -> CampaignSpec:
    """The spec cleaned (trimmed text, a seed); raises CampaignError with a readable reason."""
    from app.analytics.retention import RecurrenceError, SegmentError, TemplateError

    name = spec.name.strip()
    if not name:
        raise CampaignError("Give the campaign a name.")
    if spec.goal not in GOALS:
        raise CampaignError(f"Unknown goal {spec.goal!r}.")
    if spec.channel not in CHANNELS:
        raise CampaignError(f"Unknown channel {spec.channel!r}.")
    if not 0 <= spec.holdout_share <= MAX_HOLDOUT_SHARE:
        raise CampaignError("The holdout share must be between 0 % and 50 %.")
    if not 1 <= spec.response_window_days <= 90:
        raise CampaignError("The response window must be 1 to 90 days.")
    if spec.cost_cents is not None and spec.cost_cents < 0:
        raise CampaignError("The cost cannot be negative.")
    try:
        SegmentRule.from_json(spec.segment_rule)
        placeholders_of(spec.message_template)
        if spec.recurrence:
            first = spec.scheduled_at or datetime(2000, 1, 1)
            next_send_dates(spec.recurrence, first, first, 1)
    except (SegmentError, TemplateError, RecurrenceError) as error:
        raise CampaignError(str(error)) from error
    seed = spec.holdout_seed or secrets.randbelow(2**31 - 1) + 1
    return replace(spec, name=name, coupon_code=spec.coupon_code.strip(), holdout_seed=seed)


def save_campaign(store: Store, spec: CampaignSpec) -> int:
    """Create or update a draft campaign; returns its id. A sent campaign cannot be edited.

    An update is written only while the campaign still has ``spec.version`` (None: no check);
    else ConcurrentEditError says who changed it.
    """
    from app.models import Campaign

    clean = validate(spec)
    fields = {
        "name": clean.name,
        "goal": clean.goal,
        "segment_rule": clean.segment_rule,
        "channel": clean.channel,
        "message_template": clean.message_template,
        "scheduled_at": clean.scheduled_at,
        "recurrence": clean.recurrence,
        "coupon_code": clean.coupon_code,
        "cost_cents": clean.cost_cents,
        "holdout_share": clean.holdout_share,
        "holdout_seed": clean.holdout_seed,
        "response_window_days": clean.response_window_days,
    }
    user = store.user_name
    with store.session_scope() as session:
        if clean.id is None:
            row = Campaign(status="draft", changed_by=user, changed_at=edits.now(), **fields)
            session.add(row)
            session.flush()
            logged = edits.row_fields(fields)
            edits.log_change(session, user, "campaigns", row.id, "create", clean.name, logged)
            return int(row.id)
        if _existing(session, clean.id, clean.version).status == "sent":
            raise CampaignError("A sent campaign cannot be edited: copy it into a new one.")
        changes = edits.update_versioned(
            session, "campaigns", clean.id, clean.version, fields, user
        )
        if changes:
            edits.log_change(session, user, "campaigns", clean.id, "update", clean.name, changes)
        return clean.id


def _existing(session: Any, campaign_id: int, version: int | None = None) -> Any:
    """The campaign; when gone, DeletedMeanwhileError if it was read (``version``), else
    CampaignError."""
    from app.models import Campaign

    row = session.get(Campaign, campaign_id)
    if row is None:
        if version is not None:
            raise edits.deleted_error(session, "campaigns", campaign_id)
        raise CampaignError(f"There is no campaign #{campaign_id}.")
    return row


def delete_campaign(store: Store, campaign_id: int, version: int | None = None) -> None:
    """Delete a campaign with its targets (their touches stay, unlinked); ``version``: the one
    it was read at (ConcurrentEditError when someone changed it since; None: no check)."""
    from sqlalchemy import delete

    from app.models import Campaign, CampaignTarget

    with store.session_scope() as session:
        _existing(session, campaign_id, version)
        edits.check_version(session, "campaigns", campaign_id, version)
        row = _existing(session, campaign_id)
        values = {c.name: getattr(row, c.name) for c in Campaign.__table__.columns}
        session.execute(delete(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id))
        session.delete(row)
        fields = edits.row_fields(values)
        edits.log_change(
            session, store.user_name, "campaigns", campaign_id, "delete", row.name, fields
        )


def draw_targets(store: Store, campaign_id: int, as_of: date) -> Groups:
    """Select the segment now and split it into treatment and holdout (replacing a draft's draw).

    Raises CampaignError for a sent campaign or an empty segment.
    """
    from sqlalchemy import delete, insert

    from app.models import CampaignTarget

    reader = store.reader()
    try:
        spec = get_campaign(reader, campaign_id)
        if spec.status == "sent":
            raise CampaignError("The campaign was sent: its groups are fixed.")
        ids = segment_ids(reader, SegmentRule.from_json(spec.segment_rule), as_of)
    finally:
        reader.close()
    if not ids:
        raise CampaignError("The segment is empty: no customer matches its rules.")
    groups = draw_holdout(ids, spec.holdout_share, spec.holdout_seed)
    rows = [
        {"campaign_id": campaign_id, "customer_id": cid, "group": group, "revenue_cents": 0}
        for group, members in (("treatment", groups.treatment), ("control", groups.control))
        for cid in members
    ]
    with store.session_scope() as session:
        session.execute(delete(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id))
        session.execute(insert(CampaignTarget), rows)
    return groups


def send_list(reader: Reader, campaign_id: int, as_of: date) -> pd.DataFrame:
    """The treatment group with the rendered message each gets; control customers never appear.

    Raises CampaignError before the targets are drawn.
    """
    spec = get_campaign(reader, campaign_id)
    targets = _targets(reader, campaign_id)
    if targets.empty:
        raise CampaignError("Draw the target groups first.")
    treated = targets.loc[targets["group"] == "treatment", "customer_id"].tolist()
    return preview_messages(reader, spec.message_template, spec.coupon_code, treated, as_of)


def export_send_list(
    reader: Reader,
    campaign_id: int,
    path: Path,
    as_of: date,
    *,
    mask_names: bool = False,
    titles: Mapping[str, str] | None = None,
) -> int:
    """Write the send list to ``path`` (.xlsx, else CSV); returns how many customers it lists.

    ``titles`` replaces the column titles of :data:`SEND_LIST_HEADERS` (the views translate them).
    """
    from app.services.export import export_frame, export_frame_csv

    frame = send_list(reader, campaign_id, as_of)
    headers = {
        column: (titles or {}).get(column, title) for column, title in SEND_LIST_HEADERS.items()
    }
    write = export_frame if path.suffix.lower() == ".xlsx" else export_frame_csv
    write(frame, headers, path, mask_names=mask_names)
    return len(frame)


def mark_sent(store: Store, campaign_id: int, sent_at: datetime, version: int | None = None) -> int:
    """Record the send: the campaign's date, each treated target's, and a touch per customer.

    Returns how many customers were marked. Raises CampaignError without drawn targets or when
    the campaign was already sent; ConcurrentEditError when ``version`` (the one it was read at;
    None: no check) is not the campaign's any more.
    """
    from sqlalchemy import insert, select, update

    from app.models import CampaignTarget, Touch

    treated_only = (CampaignTarget.campaign_id == campaign_id) & (
        CampaignTarget.group == "treatment"
    )
    with store.session_scope() as session:
        row = _existing(session, campaign_id, version)
        if row.status == "sent":
            raise CampaignError("The campaign is already marked as sent.")
        edits.check_version(session, "campaigns", campaign_id, version)
        drawn = session.scalars(
            select(CampaignTarget.id).where(CampaignTarget.campaign_id == campaign_id).limit(1)
        ).first()
        if drawn is None:
            raise CampaignError("Draw the target groups first.")
        name, channel = row.name, row.channel
        changes = edits.update_versioned(
            session,
            "campaigns",
            campaign_id,
            version,
            {"status": "sent", "sent_at": sent_at},
            store.user_name,
        )
        edits.log_change(session, store.user_name, "campaigns", campaign_id, "sent", name, changes)
        treated = list(session.scalars(select(CampaignTarget.customer_id).where(treated_only)))
        session.execute(update(CampaignTarget).where(treated_only).values(sent_at=sent_at))
        if treated:
            session.execute(
                insert(Touch),
                [
                    {
                        "customer_id": cid,
                        "channel": channel,
                        "touched_at": sent_at,
                        "note": name,
                        "campaign_id": campaign_id,
                    }
                    for cid in treated
                ],
            )
    record_responses(store, max(sent_at.date(), date.today()))  # orders already imported count
    return len(treated)


def record_responses(store: Store, as_of: date) -> int:
    """Write each sent campaign's measured responses onto its target rows; returns rows changed.

    ``campaign_targets.responded_at`` and ``revenue_cents`` are what the customer detail shows;
    they follow the orders imported since (a target merged into another customer answers with
    that customer's orders).
    """
    from sqlalchemy import select

    from app.models import CampaignTarget
    from app.services.customers import root_map

    reader = store.reader()
    try:
        roots = root_map(reader)
        sent = [_spec(r) for r in reader.query(CAMPAIGN_SQL + " WHERE sent_at IS NOT NULL")[1]]
        answers = {spec.id: _answers(reader, spec, as_of, roots) for spec in sent}
    finally:
        reader.close()
    changed = 0
    with store.session_scope() as session:
        for campaign_id, answered in answers.items():
            targets = session.scalars(
                select(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id)
            )
            for target in targets:
                moment, revenue, currency = answered.get(
                    roots.get(target.customer_id, target.customer_id), (None, 0, None)
                )
                if (target.responded_at, target.revenue_cents) != (moment, revenue):
                    target.responded_at, target.revenue_cents = moment, revenue
                    target.currency = currency or target.currency
                    changed += 1
    return changed


def _answers(
    reader: Reader, spec: CampaignSpec, as_of: date, roots: dict[int, int]
) -> dict[int, tuple[datetime | None, int, str | None]]:
    assert spec.sent_at is not None
    assert spec.id is not None
    targets = _targets(reader, spec.id)
    targets["customer_id"] = targets["customer_id"].map(lambda c: roots.get(c, c))
    targets = targets.drop_duplicates("customer_id")
    lines = _lines_since(reader, spec.sent_at, as_of, roots)
    answered = responses(targets, lines, spec.sent_at, spec.response_window_days, spec.coupon_code)
    found = answered[answered["responded_at"].notna()]
    return {
        int(cid): (at.to_pydatetime(), int(revenue), currency)
        for cid, at, revenue, currency in zip(
            found["customer_id"],
            found["responded_at"],
            found["revenue_cents"],
            found["currency"],
            strict=True,
        )
    }
