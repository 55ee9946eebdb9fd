"""Customers, their identities and touches, order lines on every sales channel, and reviews.

Most buyers order once; a Pareto tail comes back 2-10 times. Because nobody is made to come back,
early one-time buyers end up silent for 30+ days: the at-risk customers the retention tab watches.

抖店 and TikTok Shop lines are facts the order exports print: each line has a timeline (paid,
shipped, delivered, completed, refund asked, refunded) and :func:`order_state` tells what a
download at a given moment shows. 抖店 is downloaded once a month, each file reaching three days
back into the previous one (newer states win); TikTok Shop once, at the end. Nothing happens to
a line after the last download that carries it, so the store ends up knowing what the world knows.
Tmall, JD and in-store lines have no export the importer knows and are written directly.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from app.demo import vocab
from app.demo.world import (
    DAYS,
    LIVE_HOURS,
    CustomerInfo,
    OrderExport,
    ProductInfo,
    ReviewExport,
    VideoInfo,
    World,
)
from app.models import AdSpend, CustomerIdentity, Order, Review, Touch

DOUYIN_CUSTOMERS = 2500
TIKTOK_CUSTOMERS = 500
PRIVATE_SHARE_OF_ALL = 0.15
# orders per customer -> weight (the Pareto tail)
DOUYIN_ORDER_COUNTS = {1: 42, 2: 20, 3: 12, 4: 8, 5: 5, 6: 4, 7: 3, 8: 2, 9: 2, 10: 2}
TIKTOK_ORDER_COUNTS = {1: 45, 2: 22, 3: 13, 4: 9, 5: 6, 6: 5}
SOURCES = {
    "douyin": {"短视频": 35, "直播": 30, "商品卡": 20, "搜索": 10, "橱窗": 5},
    "tiktok": {"短视频": 45, "直播": 10, "商品卡": 30, "搜索": 15},
}
# Where a 抖店 order came from -> (流量来源 for the shop's own / an affiliate's content, 流量体裁,
# 流量渠道 for own / affiliate), as the order export prints them.
DOUYIN_TRAFFIC = {
    "短视频": ("小店自卖", "精选联盟", "短视频", "短视频推荐", "短视频推荐"),
    "直播": ("小店自卖", "精选联盟", "直播", "店铺自播", "达人直播间"),
    "商品卡": ("小店自卖", "小店自卖", "商品卡", "商城推荐", "商城推荐"),
    "搜索": ("小店自卖", "小店自卖", "商品卡", "搜索", "搜索"),
    "橱窗": ("小店自卖", "小店自卖", "其他", "其他", "其他"),
}
PENDING_TRAFFIC = timedelta(hours=24)  # 流量体裁 arrives the day after the order
ECOSYSTEM = {  # channel -> (lines, order number prefix, digits, status)
    "tmall": (90, "3", 18, "交易成功"),
    "jd": (60, "2", 12, "已完成"),
    "store": (50, "MD", 14, "已核销"),
}
OVERLAP = timedelta(days=3)  # each 抖店 download reaches this far back into the previous month
MIN_FIRST_FILE = timedelta(days=10)  # a shorter first month is downloaded with the next one
CANCEL_RATE = 0.05
REFUND_RATE = 0.065
REVIEW_RATE = 0.23
CUSTOMER_NOTES = ("偏好纯棉，怕起球", "给父母买，要发顺丰", "老顾客，回购多次", "宝妈，关注A类面料")


# --- The download schedule -----------------------------------------------------------------------


def plan_order_exports(world: World) -> None:
    """When 抖店 orders and reviews and TikTok Shop orders are downloaded, and what each covers.

    抖店: on the 1st of each month, the month so far (from three days before it began) up to the
    download; the last file at the end of yesterday. Reviews: the same months, without overlap.
    TikTok Shop: one file of the whole period, downloaded last.
    """
    rng = world.rng
    firsts: list[datetime] = []
    month = (world.start.date().replace(day=28) + timedelta(days=4)).replace(day=1)
    while month < world.today:
        firsts.append(datetime.combine(month, time()))
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    if firsts and firsts[0] - world.start < MIN_FIRST_FILE:
        firsts.pop(0)
    starts = [world.start, *firsts]
    for index, begin in enumerate(starts):
        last = index + 1 == len(starts)
        end = world.cutoff if last else starts[index + 1]
        exported = world.cutoff if last else end + timedelta(hours=9, seconds=rng.randrange(3600))
        window = begin if index == 0 else begin - OVERLAP
        world.order_exports.append(OrderExport("douyin", window, exported))
        reviews_at = (
            world.cutoff + timedelta(minutes=rng.randint(8, 20))
            if last
            else end + timedelta(hours=14, seconds=rng.randrange(3600))
        )
        world.review_exports.append(ReviewExport(begin, end, reviews_at))
    tiktok_at = world.cutoff + timedelta(minutes=rng.randint(5, 25), seconds=rng.randrange(60))
    world.order_exports.append(OrderExport("tiktok", world.start, tiktok_at))


# --- Customers -----------------------------------------------------------------------------------


def make_customers(world: World) -> None:
    """2500 抖店 buyers (name + masked phone) and 500 TikTok buyers (username)."""
    private_quota = round(PRIVATE_SHARE_OF_ALL * (DOUYIN_CUSTOMERS + TIKTOK_CUSTOMERS))
    private_ids = set(world.rng.sample(range(1, DOUYIN_CUSTOMERS + 1), private_quota))
    for number in range(1, DOUYIN_CUSTOMERS + 1):
        _add_douyin_customer(world, number in private_ids)
    for _ in range(TIKTOK_CUSTOMERS):
        _add_tiktok_customer(world)


def split_region(region: str) -> tuple[str, str]:
    """``广东省广州市`` → (``广东省``, ``广州市``); a municipality is its own province."""
    for mark in ("省", "自治区"):
        if mark in region:
            head, _, tail = region.partition(mark)
            return head + mark, tail
    return region, region


def _add_douyin_customer(world: World, private: bool) -> None:
    rng = world.rng
    regions, weights = zip(*vocab.CN_REGIONS, strict=True)

    def name_phone() -> str:
        name = rng.choice(vocab.SURNAMES) + "*" * (2 if rng.random() < 0.7 else 1)
        phone = f"{rng.choice(vocab.PHONE_PREFIXES)}****{rng.randrange(10000):04d}"
        return f"{name}|{phone}"

    identity = world.unique(name_phone)
    name, phone = identity.split("|")
    province, city = split_region(world.weighted(regions, weights))
    channel = world.weighted(*zip(*vocab.PRIVATE_CHANNELS, strict=True)) if private else ""
    contact = {
        "recipient": name,
        "phone": phone,
        "province": province,
        "city": city,
        "district": rng.choice(vocab.DISTRICTS[city]),
        "street": rng.choice(vocab.STREETS),
        "address": f"{rng.choice(vocab.ROADS)}***号",
    }
    customer = _add_customer(world, "douyin", name, f"{province} {city}", channel, contact)
    customer.identity = ("douyin", "name_phone", identity)
    if channel == "wechat":
        _identity(
            world,
            customer.id,
            "wechat",
            "wechat",
            world.unique(lambda: "wxid_" + _alnum(world, 14)),
        )
    elif channel == "wecom":
        _identity(
            world, customer.id, "wecom", "wecom", world.unique(lambda: "wm" + _alnum(world, 22))
        )
    elif channel == "group":
        value = world.unique(lambda: f"{rng.choice(vocab.GROUP_NAMES)}|{name}{rng.randrange(1000)}")
        _identity(world, customer.id, "wecom", "group", value)


def _add_tiktok_customer(world: World) -> None:
    rng = world.rng
    states, weights = zip(*vocab.US_STATES, strict=True)

    def username() -> str:
        sep = rng.choice((".", "_", ""))
        word = rng.choice(vocab.EN_HANDLE_WORDS)
        return f"{rng.choice(vocab.EN_FIRST_NAMES)}{sep}{word}{rng.randint(1, 999)}"

    handle = world.unique(username)
    first = handle.split(".")[0].split("_")[0].rstrip("0123456789")
    first = next((n for n in vocab.EN_FIRST_NAMES if first.startswith(n)), first)
    state = world.weighted(states, weights)
    cities, zips = vocab.US_CITIES[state]
    initial = rng.choice("ABCDEGHJKLMNPRSTW")
    contact = {
        "recipient": f"{first.capitalize()} {initial}{'*' * rng.randint(2, 8)}",
        "phone": f"(+1){rng.randint(201, 989)}*****{rng.randrange(100):02d}",
        "province": state,
        "city": rng.choice(cities),
        "zipcode": f"{rng.choice(zips)}{rng.randrange(100):02d}",
        "address": f"{rng.randint(10, 99)}** {rng.choice(vocab.US_STREETS)}",
    }
    customer = _add_customer(
        world, "tiktok", contact["recipient"], f"{state} {contact['city']}", "", contact
    )
    customer.identity = ("tiktok", "buyer_id", handle)


def _add_customer(
    world: World, platform: str, name: str, region: str, channel: str, contact: dict[str, str]
) -> CustomerInfo:
    note = world.rng.choice(CUSTOMER_NOTES) if world.rng.random() < 0.05 else ""
    customer = CustomerInfo(
        len(world.customers) + 1, platform, name, region, channel, contact=contact, note=note
    )
    world.customers.append(customer)
    return customer


def _identity(world: World, customer_id: int, platform: str, kind: str, value: str) -> None:
    world.add(
        CustomerIdentity,
        {"customer_id": customer_id, "platform": platform, "kind": kind, "value": value},
    )


def _alnum(world: World, n: int) -> str:
    return "".join(world.rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=n))


# --- Order lines ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderState:
    """What an order export shows of a line at one moment (platform words).

    Attributes:
        status: 订单状态 / Order Status.
        substatus: TikTok's Order Substatus ('' for 抖店).
        after_sale: 售后状态 ('-' when none) / Cancelation/Return Type ('' when none).
        cancel_reason: 取消原因 / Cancel Reason, for a cancelled unpaid line.
        paid, shipped, delivered, completed, refunded: which steps the line has reached.
    """

    status: str
    substatus: str
    after_sale: str
    cancel_reason: str
    paid: bool
    shipped: bool
    delivered: bool
    completed: bool
    refunded: bool


def order_state(line: dict[str, Any], at: datetime) -> OrderState:
    """The state of a 抖店 or TikTok Shop line as a download at ``at`` shows it."""
    douyin = line["platform"] == "douyin"
    paid_at = line["paid_at"]
    if paid_at is None or at < paid_at:
        cancelled = paid_at is None and at >= line["_cancelled_at"]
        reason = line["_cancel_reason"] if cancelled else ""
        if douyin:
            return OrderState("已关闭" if cancelled else "待支付", "", "-", reason, *(False,) * 5)
        words = ("Cancelled", "Cancelled", "Cancel") if cancelled else ("Unpaid", "Unpaid", "")
        return OrderState(*words, reason, *(False,) * 5)
    refunded = line["refunded_at"] is not None and at >= line["refunded_at"]
    asked = line["_refund_asked"] is not None and at >= line["_refund_asked"]
    shipped, delivered = at >= line["_shipped_at"], at >= line["_delivered_at"]
    completed = at >= line["_completed_at"]
    steps = (True, shipped, delivered, completed, refunded)
    if douyin:
        status = (
            "已关闭" if refunded else "已完成" if completed else "已发货" if shipped else "待发货"
        )
        after = "同意退款，退款成功" if refunded else "售后处理中" if asked else "-"
        return OrderState(status, "", after, "", *steps)
    if refunded or completed:
        words = ("Completed", "Completed")
    elif delivered:
        words = ("Shipped", "Delivered")
    elif shipped:
        words = ("Shipped", "In transit")
    else:
        words = ("To ship", "Awaiting shipment")
    return OrderState(*words, "Return/Refund" if refunded else "", "", *steps)


class OrderBook:
    """Writes order lines: ids, prices, discounts, timelines, refunds and video attribution."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.products = {
            p: [x for x in world.products if x.platform == p] for p in ("douyin", "tiktok")
        }
        self.videos = {
            p: sorted((v for v in world.videos if v.platform == p), key=lambda v: v.published_at)
            for p in ("douyin", "tiktok")
        }
        self.video_times = {p: [v.published_at for v in vs] for p, vs in self.videos.items()}
        self.advertised = {
            (r["video_id"], r["day"]) for r in world.rows[AdSpend] if r["channel"] == "qianchuan"
        }
        self.lines_of: dict[int, list[dict]] = defaultdict(list)

    def add_order(
        self,
        customer: CustomerInfo,
        created: datetime,
        *,
        source: str | None = None,
        paid: bool | None = None,
    ) -> list[dict]:
        """One order of ``customer`` at ``created`` (1-3 lines); ``paid=True`` never cancels."""
        world, rng = self.world, self.world.rng
        platform = customer.platform
        source = source or world.weighted(list(SOURCES[platform]), list(SOURCES[platform].values()))
        if source == "直播":  # live orders come when the live room is on, in the evening
            live = created.replace(hour=world.weighted(range(24), LIVE_HOURS))
            created = live if live < world.cutoff - timedelta(minutes=20) else created
        video, author, own = self._attribution(platform, source, created)
        if source == "短视频" and video is None and not author:
            source = "商品卡"
        products = self._products(platform, video)
        cancelled = not paid and rng.random() < CANCEL_RATE
        paid_at = None if cancelled else created + timedelta(seconds=rng.randint(10, 900))
        known = world.known_until(platform, created)
        order_no = world.digits(19, "69") if platform == "douyin" else world.digits(18, "57")
        facts = self._order_facts(platform, created, paid_at, known, len(products))
        facts["video"] = video
        facts["author_id"] = world.author_ids.get(author, "")
        facts["ad"] = video is not None and (video.id, created.date()) in self.advertised
        if platform == "douyin":
            traffic_source, fmt, channel = _douyin_traffic(source, own)
            # In the last download carrying it the line may still say 数据将于第二天更新.
            traffic_format = "" if created >= known - PENDING_TRAFFIC else fmt
        else:
            traffic_source = fmt = traffic_format = channel = ""
            author = "" if own else author  # Creator Handle names affiliates only
        facts["channel"], facts["format"] = channel, fmt
        lines = []
        for product in products:
            line = self._line(product, order_no, created, paid_at, customer, facts)
            line.update(
                {
                    "traffic_source": traffic_source,
                    "traffic_format": traffic_format,
                    "video_id": video.id if video else None,
                    "author": author,
                }
            )
            state = order_state(line, known)
            line["status"] = state.status
            line["after_sale_status"] = state.after_sale
            line["cancel_reason"] = state.cancel_reason
            lines.append(line)
            world.add(Order, line)
            self.lines_of[customer.id].append(line)
        return lines

    def _attribution(
        self, platform: str, source: str, created: datetime
    ) -> tuple[VideoInfo | None, str, bool]:
        """The video (short-video orders), the author (达人昵称) and whether it is the shop's."""
        world, rng = self.world, self.world.rng
        own = (
            vocab.ACCOUNTS[platform][1]
            if platform == "douyin"
            else "@" + vocab.ACCOUNTS[platform][0]
        )
        affiliates = vocab.AFFILIATE_AUTHORS if platform == "douyin" else vocab.TIKTOK_CREATORS
        if source == "直播":
            return (
                (None, own, True) if rng.random() < 0.8 else (None, rng.choice(affiliates), False)
            )
        if source != "短视频":
            return None, "", True
        if rng.random() < 0.2:
            return None, rng.choice(affiliates), False
        times = self.video_times[platform]
        hi = bisect.bisect_left(times, created)
        lo = bisect.bisect_left(times, created - timedelta(days=21))
        candidates = self.videos[platform][lo:hi]
        if not candidates:
            return None, "", True
        weights = [v.reach / (1 + (created - v.published_at).days) for v in candidates]
        return world.weighted(candidates, weights), own, True

    def _products(self, platform: str, video: VideoInfo | None) -> list[ProductInfo]:
        """1-3 distinct products; a short video's own product first, most of the time."""
        rng = self.world.rng
        pool = self.products[platform]
        count = self.world.weighted(
            (1, 2, 3), (60, 28, 12) if platform == "douyin" else (75, 25, 0)
        )
        chosen: list[ProductInfo] = []
        if video is not None and rng.random() < 0.7:
            chosen.append(next(p for p in pool if p.id == video.product_id))
        while len(chosen) < count:
            product = self.world.weighted(pool, [p.popularity for p in pool])
            if product not in chosen:
                chosen.append(product)
        return chosen

    def _order_facts(
        self,
        platform: str,
        created: datetime,
        paid_at: datetime | None,
        known: datetime,
        lines: int,
    ) -> dict[str, Any]:
        """What an order's lines share: its package's timeline, payment, refund and cancel."""
        world, rng = self.world, self.world.rng
        douyin = platform == "douyin"
        facts: dict[str, Any] = {
            "cancelled_at": created + timedelta(seconds=rng.randint(180, 900)),
            "cancel_reason": "",
            "cancel_by": "",
            "refunded_at": None,
            "refund_asked": None,
        }
        if paid_at is None:
            if douyin:
                facts["cancel_reason"] = world.weighted(*zip(*vocab.CANCEL_REASONS_CN, strict=True))
            else:
                reason, by, _ = world.weighted(
                    vocab.CANCEL_REASONS_EN, [w for *_, w in vocab.CANCEL_REASONS_EN]
                )
                facts["cancel_reason"], facts["cancel_by"] = reason, by
            start = created
        else:
            start = paid_at
        ship_hours = rng.uniform(6, 36) if douyin else rng.uniform(20, 50)
        shipped = start + timedelta(hours=ship_hours, seconds=rng.randrange(60))
        delivered = shipped + timedelta(days=rng.uniform(2, 5))
        completed = delivered + timedelta(days=rng.uniform(0.5, 4))
        facts.update(
            {
                "shipped_at": shipped.replace(microsecond=0),
                "delivered_at": delivered.replace(microsecond=0),
                "completed_at": completed.replace(microsecond=0),
                "payment": world.weighted(
                    *zip(*(vocab.PAYMENT_CN if douyin else vocab.PAYMENT_EN), strict=True)
                ),
                "app": world.weighted(*zip(*vocab.APP_CHANNELS, strict=True)),
                "message": rng.choice(vocab.BUYER_MESSAGES) if rng.random() < 0.06 else "",
                "note": vocab.SELLER_NOTE if rng.random() < 0.03 else "",
                "assured": rng.random() < 0.18,
                "carrier": world.weighted(*zip(*vocab.EXPRESS, strict=True))
                if douyin
                else rng.choice(vocab.CARRIERS_EN),
                "tracking": world.digits(15, "8") if douyin else world.digits(22, "94"),
                "package": "" if douyin else world.digits(19, "115"),
            }
        )
        # TikTok returns are whole single-SKU orders; 抖店 refunds a line.
        rate = REFUND_RATE if douyin else (REFUND_RATE * 1.25 if lines == 1 else 0.0)
        if paid_at is not None and rng.random() < rate:
            refunded = (paid_at + timedelta(hours=rng.uniform(8, 240))).replace(microsecond=0)
            asked = max(
                (refunded - timedelta(hours=rng.uniform(6, 48))).replace(microsecond=0), paid_at
            )
            if refunded < known - timedelta(minutes=1):
                facts["refunded_at"], facts["refund_asked"] = refunded, asked
            elif asked < known and douyin:
                facts["refund_asked"] = asked  # still 售后处理中 when last downloaded
        return facts

    def _line(
        self,
        product: ProductInfo,
        order_no: str,
        created: datetime,
        paid_at: datetime | None,
        customer: CustomerInfo,
        facts: dict[str, Any],
    ) -> dict:
        world, rng = self.world, self.world.rng
        quantity = world.weighted((1, 2, 3), (85, 12, 3))
        variation = rng.choice(product.variations)
        gross = product.price_cents * quantity
        discount, discount_kind = 0, ""
        if rng.random() < 0.25:
            discount, discount_kind = gross // 10, "platform"  # 平台惊喜9折券
        elif gross > 10_000 and rng.random() < 0.15:
            discount = 1000 if product.currency == "CNY" else 300
            discount_kind = "seller"
        if product.platform == "douyin":
            line_key = world.digits(19, "69")
            sku_id = ""
        else:
            sku_id = product.skus[variation][0]
            line_key = f"{order_no}:{sku_id}"
        refunded_at = facts["refunded_at"]
        payable = gross - discount
        return {
            "platform": product.platform,
            "line_key": line_key,
            "order_no": order_no,
            "product_id": product.id,
            "product_name": product.name,
            "sku": variation,
            "quantity": quantity,
            "payable_cents": payable,
            "refund_cents": payable if refunded_at else 0,
            "currency": product.currency,
            "created_at": created,
            "paid_at": paid_at,
            "cancelled": paid_at is None,
            "refunded_at": refunded_at,
            "region": customer.contact["province"],
            "channel_code": "",
            "customer_id": customer.id,
            "_product": product,
            "_sku_id": sku_id,
            "_unit_cents": product.price_cents,
            "_discount_cents": discount,
            "_discount_kind": discount_kind,
            "_cancelled_at": facts["cancelled_at"],
            "_cancel_reason": facts["cancel_reason"],
            "_refund_asked": facts["refund_asked"],
            "_shipped_at": facts["shipped_at"],
            "_delivered_at": facts["delivered_at"],
            "_completed_at": facts["completed_at"],
            "_order": facts,
        }


def _douyin_traffic(source: str, own: bool) -> tuple[str, str, str]:
    """(流量来源, 流量体裁, 流量渠道) of a 抖店 order from ``source``."""
    own_source, affiliate_source, fmt, own_channel, affiliate_channel = DOUYIN_TRAFFIC[source]
    if own:
        return own_source, fmt, own_channel
    return affiliate_source, fmt, affiliate_channel


def make_orders(world: World, book: OrderBook) -> None:
    """Every customer's orders: a first day drawn from the daily demand, then repeat gaps."""
    day_weights = _demand_by_day(world)
    for customer in world.customers:
        counts = DOUYIN_ORDER_COUNTS if customer.platform == "douyin" else TIKTOK_ORDER_COUNTS
        wanted = world.weighted(list(counts), list(counts.values()))
        day = world.weighted(range(DAYS), day_weights)
        created = world.moment(world.day(day))
        if created >= world.cutoff - timedelta(minutes=20):
            created -= timedelta(hours=3)  # a first order late on the last evening: earlier
        for _ in range(wanted):
            if created >= world.cutoff - timedelta(minutes=20):
                break
            book.add_order(customer, created)
            gap_days = 3 + world.rng.expovariate(1 / 11)
            created = world.moment((created + timedelta(days=gap_days)).date())


def _demand_by_day(world: World) -> list[float]:
    """Growing demand, busier weekends, and a bump after each viral 抖音 video."""
    weights = []
    for index in range(DAYS):
        day = world.day(index)
        weight = (0.75 + 0.5 * index / DAYS) * (1.15 if day.weekday() >= 5 else 1.0)
        for video in world.videos:
            if video.platform == "douyin" and 0 <= (day - video.published_at.date()).days < 4:
                weight += min(video.reach / 150_000, 1.0)
        weights.append(weight)
    return weights


def make_ecosystem_orders(world: World) -> None:
    """About 200 lines from Tmall, JD and the offline store (抖音 coupons redeemed there)."""
    rng = world.rng
    products = [p for p in world.products if p.platform == "douyin"]
    regions, weights = zip(*vocab.CN_REGIONS, strict=True)
    for channel, (count, prefix, digits, status) in ECOSYSTEM.items():
        for _ in range(count):
            product = world.weighted(products, [p.popularity for p in products])
            created = world.moment(world.day(rng.randrange(DAYS - 1)))
            paid_at = created + timedelta(seconds=rng.randint(5, 300))
            order_no = world.digits(digits, prefix)
            refunded = rng.random() < 0.03 and paid_at + timedelta(days=2) < world.cutoff
            region = (
                "江苏省"
                if channel == "store"
                else split_region(world.weighted(regions, weights))[0]
            )
            world.add(
                Order,
                {
                    "platform": channel,
                    "line_key": f"{order_no}-1",
                    "order_no": order_no,
                    "product_id": product.id,
                    "product_name": product.name,
                    "sku": rng.choice(product.variations),
                    "quantity": 1,
                    "payable_cents": product.price_cents,
                    "currency": "CNY",
                    "refund_cents": product.price_cents if refunded else 0,
                    "status": "退款成功" if refunded else status,
                    "created_at": created,
                    "paid_at": paid_at,
                    "cancelled": False,
                    "refunded_at": paid_at + timedelta(days=2) if refunded else None,
                    "traffic_source": "门店核销"
                    if channel == "store"
                    else rng.choice(("搜索", "商品卡")),
                    "traffic_format": "",
                    "video_id": None,
                    "author": "",
                    "region": region,
                    "channel_code": _channel_code(world, channel),
                    "customer_id": None,
                },
            )


def _channel_code(world: World, channel: str) -> str:
    rng = world.rng
    if channel == "store":
        return f"DYHX{rng.randrange(10**8):08d}"  # a 抖音 group-buy coupon redeemed in the store
    if rng.random() < 0.4:
        return ""
    return f"{'TM' if channel == 'tmall' else 'JD'}-YD-{rng.choice(('NEW10', 'VIP15', 'FANS20'))}"


def make_touches(world: World, book: OrderBook) -> None:
    """Messages, calls and group posts to some customers in private channels."""
    rng = world.rng
    for customer in world.customers:
        lines = book.lines_of.get(customer.id)
        if not customer.private_channel or not lines or rng.random() > 0.6:
            continue
        first = min(line["created_at"] for line in lines)
        for _ in range(rng.randint(1, 4)):
            at = first + (world.cutoff - first) * rng.random()
            world.add(
                Touch,
                {
                    "customer_id": customer.id,
                    "channel": customer.private_channel,
                    "touched_at": at.replace(microsecond=0),
                    "note": rng.choice(vocab.TOUCH_NOTES),
                    "campaign_id": None,
                },
            )


def make_reviews(world: World) -> None:
    """Reviews of about a fifth of the paid 抖店 lines, mostly five stars, some with photos."""
    rng = world.rng
    for line in world.rows[Order]:
        if line["platform"] != "douyin" or line["paid_at"] is None or rng.random() > REVIEW_RATE:
            continue
        at = (line["paid_at"] + timedelta(days=rng.uniform(2, 15))).replace(microsecond=0)
        if at >= world.cutoff:
            continue
        weights = (20, 15, 15, 15, 35) if line["refunded_at"] else (1.5, 2, 6, 13, 77.5)
        score = world.weighted((1, 2, 3, 4, 5), weights)
        customer = world.customers[line["customer_id"] - 1]
        follow_up = ""
        if score >= 4 and rng.random() < 0.08:
            follow_up = rng.choice(vocab.REVIEW_FOLLOW_UPS)
        world.add(
            Review,
            {
                "platform": "douyin",
                "order_no": line["order_no"],
                "product_key": line["_product"].key,
                "reviewed_on": at.date(),
                "score": score,
                "text": rng.choice(vocab.REVIEW_TEXTS[score]),
                "has_media": rng.random() < (0.18 if score >= 4 else 0.05),
                "customer_id": line["customer_id"],
                "_at": at,
                "_line": line,
                "_nickname": customer.display_name
                if rng.random() < 0.7
                else f"用户{rng.randrange(1000, 9999)}***",
                "_follow_up": follow_up,
                "_follow_up_at": at + timedelta(days=rng.uniform(7, 20)) if follow_up else None,
                "_replied": score <= 3 or rng.random() < 0.4,
            },
        )


def review_export_of(world: World, at: datetime) -> ReviewExport | None:
    """The 商品评价 download that carries a review written at ``at``."""
    return next((e for e in world.review_exports if e.start <= at < e.end), None)
