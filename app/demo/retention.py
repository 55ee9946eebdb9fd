"""Retention: campaigns with holdout groups, and customer tiers with their history.

Campaign responses follow DESIGN.md: a target responded iff the customer paid an order line within
``response_window_days`` after the campaign's send (``sent_at <= paid_at < sent_at + window``), and
the revenue is the sum of those lines' payable amounts. The campaign itself makes a few extra
treatment customers buy, so the uplift (treatment rate - control rate) is clearly positive.

Current tiers are computed as of ``today`` with this precedence (first match wins):
已流失 (no paid order or touch for 90 days) > 流失预警 (30 days) > VIP (5+ paid orders, or
¥3000+ net for CNY buyers) > 高价值 (top 20 % by net amount within the currency) > 老客
(2+ paid orders) > 新客 (first paid order within 30 days); a buyer none of them fits today (one
old order, but touched lately) keeps the 新客 row of its first order, as a recompute leaves the
last tier of a customer no rule fits. These are the rules ``app.services.tiers`` applies, so
recomputing the demo's tiers as of ``today`` changes nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from app.analytics.retention import WEEKDAYS
from app.demo.sales import OrderBook
from app.demo.world import World
from app.models import Campaign, CampaignTarget, CustomerTier, TierRule, Touch

VIP_ORDERS = 5
VIP_SPEND_CENTS = 300_000
TOP_SHARE = 0.2
AT_RISK_DAYS = 30
LOST_DAYS = 90


@dataclass(frozen=True)
class CampaignSpec:
    """A campaign to send: who it targets, when, and how much it really moves people."""

    name: str
    goal: str
    segment_rule: str
    channel: str
    message_template: str
    days_ago: int
    holdout_share: float
    window_days: int
    uplift: float
    coupon_code: str = ""
    cost_cents: int | None = None


WIN_BACK = CampaignSpec(
    "沉睡老客唤回：¥20回归券",
    "win_back",
    '{"min_days_silent": 30, "platforms": ["douyin"]}',
    "sms",
    "{name}您好，好久不见！云朵小屋送您一张¥20回归券（券码{coupon}），7天内有效，回复TD退订",
    40,
    0.2,
    14,
    0.07,
    coupon_code="HUIGUI20",
    cost_cents=60_000,
)
FESTIVAL = CampaignSpec(
    "换季焕新会员日",
    "festival",
    '{"min_orders": 2, "platforms": ["douyin"]}',
    "sms",
    "{name}您好，云朵小屋换季焕新会员日开启：四件套第二件半价，老客再享9折，{product}回购价直播间见",
    15,
    0.1,
    10,
    0.06,
    cost_cents=300_000,
)


def make_campaigns(world: World, book: OrderBook) -> None:
    """The win-back and festival sends with their targets, and one draft for next week."""
    for spec in (WIN_BACK, FESTIVAL):
        _send(world, book, spec)
    scheduled = datetime.combine(world.today + timedelta(days=5), time(19, 30))
    world.add(
        Campaign,
        {
            "name": "直播预告：周末源头工厂专场",
            "goal": "live_preview",
            "segment_rule": '{"private_channel": true}',
            "channel": "wecom",
            "message_template": "{name}，周六晚8点工厂直播，福利价只在直播间，{tier}专享{benefit}",
            "recurrence": "weekly:" + WEEKDAYS[scheduled.weekday()],
            "coupon_code": "",
            "holdout_seed": 20261128,
            "cost_cents": 0,
            "scheduled_at": scheduled,
            "sent_at": None,
            "holdout_share": 0.1,
            "response_window_days": 7,
            "status": "draft",
            "created": world.cutoff - timedelta(days=2, hours=5),
        },
    )
    _record_responses(world, book)


def _send(world: World, book: OrderBook, spec: CampaignSpec) -> None:
    rng = world.rng
    sent = datetime.combine(world.today - timedelta(days=spec.days_ago), time(10, 0))
    campaign_id = world.add(
        Campaign,
        {
            "name": spec.name,
            "goal": spec.goal,
            "segment_rule": spec.segment_rule,
            "channel": spec.channel,
            "message_template": spec.message_template,
            "scheduled_at": sent,
            "sent_at": sent,
            "holdout_share": spec.holdout_share,
            "response_window_days": spec.window_days,
            "coupon_code": spec.coupon_code,
            "cost_cents": spec.cost_cents,
            "holdout_seed": 0,  # drawn by the demo's own generator, over its customer ids
            "recurrence": "",
            "status": "sent",
            "created": sent - timedelta(days=2, hours=3),
        },
    )
    targets = sorted(_segment(world, book, spec, sent))
    rng.shuffle(targets)
    n_control = round(len(targets) * spec.holdout_share)
    groups = {cid: ("control" if i < n_control else "treatment") for i, cid in enumerate(targets)}
    for customer_id in sorted(groups):
        treated = groups[customer_id] == "treatment"
        world.add(
            CampaignTarget,
            {
                "campaign_id": campaign_id,
                "customer_id": customer_id,
                "group": groups[customer_id],
                "sent_at": sent if treated else None,
                "responded_at": None,
                "revenue_cents": 0,
                "currency": "CNY",
            },
        )
        if treated:
            customer = world.customers[customer_id - 1]
            world.add(
                Touch,
                {
                    "customer_id": customer_id,
                    "channel": customer.private_channel or spec.channel,
                    "touched_at": sent,
                    "note": f"活动触达：{spec.name}",
                    "campaign_id": campaign_id,
                },
            )
    _make_some_respond(world, book, spec, sent, groups)


def _segment(world: World, book: OrderBook, spec: CampaignSpec, sent: datetime) -> list[int]:
    last_touch: dict[int, datetime] = {}
    for touch in world.rows[Touch]:
        if touch["touched_at"] < sent:
            cid = touch["customer_id"]
            last_touch[cid] = max(last_touch.get(cid, touch["touched_at"]), touch["touched_at"])
    chosen = []
    for customer in world.customers:
        if customer.platform != "douyin":
            continue
        paid = [ln for ln in book.lines_of.get(customer.id, ()) if _paid_before(ln, sent)]
        if not paid:
            continue
        if spec.goal == "win_back":
            last = max(
                [ln["paid_at"] for ln in paid]
                + [last_touch.get(customer.id, sent - timedelta(days=999))]
            )
            if sent - last >= timedelta(days=AT_RISK_DAYS):
                chosen.append(customer.id)
        elif len({ln["order_no"] for ln in paid}) >= 2:
            chosen.append(customer.id)
    return chosen


def _paid_before(line: dict, moment: datetime) -> bool:
    return line["paid_at"] is not None and line["paid_at"] < moment


def response(lines: list[dict], sent: datetime, window_days: int) -> tuple[datetime | None, int]:
    """First paid time and revenue of the lines paid within the window after ``sent``."""
    end = sent + timedelta(days=window_days)
    inside = [ln for ln in lines if ln["paid_at"] is not None and sent <= ln["paid_at"] < end]
    if not inside:
        return None, 0
    return min(ln["paid_at"] for ln in inside), sum(ln["payable_cents"] for ln in inside)


def _make_some_respond(
    world: World, book: OrderBook, spec: CampaignSpec, sent: datetime, groups: dict[int, str]
) -> None:
    """Extra orders from treatment customers, so treatment beats control by about ``uplift``."""
    rng = world.rng
    responded = {
        cid: response(book.lines_of.get(cid, []), sent, spec.window_days)[0] is not None
        for cid in groups
    }
    control = [cid for cid, g in groups.items() if g == "control"]
    treatment = sorted(cid for cid, g in groups.items() if g == "treatment")
    control_rate = sum(responded[c] for c in control) / len(control) if control else 0.0
    wanted = math.ceil((control_rate + spec.uplift) * len(treatment))
    idle = [cid for cid in treatment if not responded[cid]]
    need = max(0, min(len(idle), wanted - (len(treatment) - len(idle))))
    for cid in sorted(rng.sample(idle, need)):
        created = sent + timedelta(days=rng.uniform(0.05, spec.window_days - 1))
        book.add_order(
            world.customers[cid - 1],
            created.replace(microsecond=0),
            source=rng.choice(("商品卡", "橱窗")),
            paid=True,
        )


def _record_responses(world: World, book: OrderBook) -> None:
    campaigns = {c["id"]: c for c in world.rows[Campaign]}
    for target in world.rows[CampaignTarget]:
        campaign = campaigns[target["campaign_id"]]
        lines = book.lines_of.get(target["customer_id"], [])
        first, revenue = response(lines, campaign["sent_at"], campaign["response_window_days"])
        target["responded_at"] = first
        target["revenue_cents"] = revenue


@dataclass
class _Buyer:
    customer_id: int
    currency: str
    orders: list[tuple[datetime, int]]  # (paid time, net cents) per paid order, in time order
    last_active: datetime

    @property
    def monetary(self) -> int:
        return sum(net for _, net in self.orders)


def make_tiers(world: World, book: OrderBook) -> None:
    """One current tier per buyer as of today, and an earlier tier for many of them."""
    rule_ids = {r["name"]: r["id"] for r in world.rows[TierRule]}
    buyers = _buyers(world, book)
    top = _top_by_monetary(buyers)
    rows = []
    for buyer in buyers:
        current = _current_tier(world, buyer, buyer.customer_id in top)
        if current is None:  # fits no rule today: keeps the 新客 row of its first order
            rows.append(_tier_row(buyer, rule_ids["新客"], buyer.orders[0][0], "首单"))
            continue
        tier, at, reason = current
        rows.append(_tier_row(buyer, rule_ids[tier], at, reason))
        for earlier, earlier_at, why in _history(buyer, tier):
            if earlier_at < at and world.rng.random() < 0.7:
                rows.append(_tier_row(buyer, rule_ids[earlier], earlier_at, why))
    for row in sorted(rows, key=lambda r: (r["customer_id"], r["assigned_at"])):
        world.add(CustomerTier, row)


def _buyers(world: World, book: OrderBook) -> list[_Buyer]:
    last_touch: dict[int, datetime] = defaultdict(lambda: datetime.min)
    for touch in world.rows[Touch]:
        cid = touch["customer_id"]
        last_touch[cid] = max(last_touch[cid], touch["touched_at"])
    buyers = []
    for customer in world.customers:
        paid = [ln for ln in book.lines_of.get(customer.id, ()) if ln["paid_at"] is not None]
        if not paid:
            continue
        orders: dict[str, list] = {}
        for line in sorted(paid, key=lambda ln: ln["paid_at"]):
            entry = orders.setdefault(line["order_no"], [line["paid_at"], 0])
            entry[1] += line["payable_cents"] - line["refund_cents"]
        history = [(at, net) for at, net in orders.values()]
        last = max(history[-1][0], last_touch[customer.id])
        buyers.append(_Buyer(customer.id, paid[0]["currency"], history, last))
    return buyers


def _top_by_monetary(buyers: list[_Buyer]) -> set[int]:
    """The top 20 % by net amount within each currency; ties with the last one stay in."""
    top: set[int] = set()
    for currency in sorted({b.currency for b in buyers}):
        ranked = sorted((b for b in buyers if b.currency == currency), key=lambda b: -b.monetary)
        threshold = ranked[max(0, math.ceil(len(ranked) * TOP_SHARE) - 1)].monetary
        top |= {b.customer_id for b in ranked if b.monetary >= threshold}
    return top


def _current_tier(world: World, buyer: _Buyer, is_top: bool) -> tuple[str, datetime, str] | None:
    silent = (world.today - buyer.last_active.date()).days
    count, monetary = len(buyer.orders), buyer.monetary
    if silent >= LOST_DAYS:
        at = min(buyer.last_active + timedelta(days=LOST_DAYS), world.cutoff)
        return "已流失", at, f"{silent}天无下单或触达"
    if silent >= AT_RISK_DAYS:
        at = min(buyer.last_active + timedelta(days=AT_RISK_DAYS), world.cutoff)
        return "流失预警", at, f"{silent}天无下单或触达"
    vip_by_spend = buyer.currency == "CNY" and monetary >= VIP_SPEND_CENTS
    if count >= VIP_ORDERS or vip_by_spend:
        return "VIP", _vip_since(buyer), f"累计{count}单，实付{monetary / 100:.2f}"
    if is_top:
        return "高价值", buyer.orders[-1][0], f"实付{monetary / 100:.2f}，位列前20%"
    if count >= 2:
        return "老客", buyer.orders[1][0], f"累计{count}单"
    if (world.today - buyer.orders[0][0].date()).days < 30:
        return "新客", buyer.orders[0][0], "首单在30天内"
    return None


def _vip_since(buyer: _Buyer) -> datetime:
    total = 0
    for number, (at, net) in enumerate(buyer.orders, start=1):
        total += net
        if number >= VIP_ORDERS or (buyer.currency == "CNY" and total >= VIP_SPEND_CENTS):
            return at
    return buyer.orders[-1][0]


def _history(buyer: _Buyer, tier: str) -> list[tuple[str, datetime, str]]:
    """Tiers held before the current one: 新客 at the first order, 老客 at the second."""
    if tier == "新客":
        return []
    earlier = [("新客", buyer.orders[0][0], "首单")]
    if len(buyer.orders) >= 2 and tier != "老客":
        earlier.append(("老客", buyer.orders[1][0], "第2单"))
    return earlier


def _tier_row(buyer: _Buyer, rule_id: int, at: datetime, reason: str) -> dict:
    orders = [net for paid_at, net in buyer.orders if paid_at <= at]
    return {
        "customer_id": buyer.customer_id,
        "tier_rule_id": rule_id,
        "assigned_at": at,
        "reason": reason,
        "monetary_cents": sum(orders),
        "paid_orders": len(orders),
    }
