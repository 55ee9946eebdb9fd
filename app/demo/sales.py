"""Customers, their identities and touches, order lines on every sales channel, and reviews.

Most buyers order once; a Pareto tail comes back 2-10 times. Because nobody is made to come back,
early one-time buyers end up silent for 30+ days: the at-risk customers the retention tab watches.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from app.demo import vocab
from app.demo.world import DAYS, LIVE_HOURS, CustomerInfo, ProductInfo, VideoInfo, World
from app.models import Customer, CustomerIdentity, Order, Review, Touch

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
FORMAT_OF_SOURCE = {"短视频": "短视频", "直播": "直播"}
ECOSYSTEM = {  # channel -> (lines, kind, file name, order number prefix, digits, status)
    "tmall": (90, "tmall_orders", "demo/天猫订单_{d:%Y%m%d}.xlsx", "3", 18, "交易成功"),
    "jd": (60, "jd_orders", "demo/京东订单_{d:%Y%m%d}.xlsx", "2", 12, "已完成"),
    "store": (50, "store_redemptions", "demo/门店核销记录_{d:%Y%m%d}.xlsx", "MD", 14, "已核销"),
}
CANCEL_RATE = 0.05
REFUND_RATE = 0.065
REVIEW_RATE = 0.23
CUSTOMER_NOTES = ("偏好纯棉，怕起球", "给父母买，要发顺丰", "老顾客，回购多次", "宝妈，关注A类面料")


def make_customers(world: World) -> None:
    """2500 抖店 buyers (name + masked phone) and 500 TikTok buyers (username)."""
    private_quota = round(PRIVATE_SHARE_OF_ALL * (DOUYIN_CUSTOMERS + TIKTOK_CUSTOMERS))
    private_ids = set(world.rng.sample(range(1, DOUYIN_CUSTOMERS + 1), private_quota))
    for number in range(1, DOUYIN_CUSTOMERS + 1):
        _add_douyin_customer(world, number in private_ids)
    for _ in range(TIKTOK_CUSTOMERS):
        _add_tiktok_customer(world)


def _add_customer(
    world: World, platform: str, name: str, phone: str, region: str, channel: str
) -> int:
    note = world.rng.choice(CUSTOMER_NOTES) if world.rng.random() < 0.05 else ""
    customer_id = world.add(
        Customer,
        {
            "display_name": name,
            "masked_phone": phone,
            "region": region,
            "note": note,
            "private_channel": channel,
            "merged_into_id": None,
            "created": None,  # the first order's time, filled by finish_customers
            "batch_id": None,
        },
    )
    world.customers.append(CustomerInfo(customer_id, platform, name, region, channel))
    return customer_id


def _add_douyin_customer(world: World, private: bool) -> None:
    rng = world.rng
    regions, weights = zip(*vocab.CN_REGIONS, strict=True)

    def name_phone() -> str:
        name = rng.choice(vocab.SURNAMES) + "*" * (2 if rng.random() < 0.7 else 1)
        phone = f"{rng.choice(vocab.PHONE_PREFIXES)}****{rng.randrange(10000):04d}"
        return f"{name}|{phone}"

    name, phone = world.unique(name_phone).split("|")
    channel = world.weighted(*zip(*vocab.PRIVATE_CHANNELS, strict=True)) if private else ""
    customer_id = _add_customer(
        world, "douyin", name, phone, world.weighted(regions, weights), channel
    )
    _identity(world, customer_id, "douyin", "name_phone", f"{name}|{phone}")
    if channel == "wechat":
        _identity(
            world,
            customer_id,
            "wechat",
            "wechat",
            world.unique(lambda: "wxid_" + _alnum(world, 14)),
        )
    elif channel == "wecom":
        _identity(
            world, customer_id, "wecom", "wecom", world.unique(lambda: "wm" + _alnum(world, 22))
        )
    elif channel == "group":
        value = world.unique(lambda: f"{rng.choice(vocab.GROUP_NAMES)}|{name}{rng.randrange(1000)}")
        _identity(world, customer_id, "wecom", "group", value)


def _add_tiktok_customer(world: World) -> None:
    rng = world.rng
    states, weights = zip(*vocab.US_STATES, strict=True)

    def username() -> str:
        sep = rng.choice((".", "_", ""))
        word = rng.choice(vocab.EN_HANDLE_WORDS)
        return f"{rng.choice(vocab.EN_FIRST_NAMES)}{sep}{word}{rng.randint(1, 999)}"

    handle = world.unique(username)
    phone = f"(+1){rng.randint(201, 989)}*****{rng.randrange(100):02d}"
    customer_id = _add_customer(world, "tiktok", handle, phone, world.weighted(states, weights), "")
    _identity(world, customer_id, "tiktok", "buyer_id", handle)


def _identity(world: World, customer_id: int, platform: str, kind: str, value: str) -> None:
    world.add(
        CustomerIdentity,
        {"customer_id": customer_id, "platform": platform, "kind": kind, "value": value},
    )


def _alnum(world: World, n: int) -> str:
    return "".join(world.rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=n))


class OrderBook:
    """Writes order lines: ids, prices, discounts, statuses, refunds and video attribution."""

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
        self.sku_ids: dict[tuple[int, str], str] = {}
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
        video, author = self._attribution(platform, source, created)
        if source == "短视频" and video is None and not author:
            source = "商品卡"
        products = self._products(platform, video)
        cancelled = not paid and rng.random() < CANCEL_RATE
        paid_at = None if cancelled else created + timedelta(seconds=rng.randint(10, 900))
        order_no = world.digits(19, "69") if platform == "douyin" else world.digits(18, "57")
        lines = []
        for product in products:
            line = self._line(product, order_no, created, paid_at, customer)
            line.update(
                {
                    "traffic_source": source,
                    "traffic_format": FORMAT_OF_SOURCE.get(source, "商品卡"),
                    "video_id": video.id if video else None,
                    "author": author,
                }
            )
            lines.append(line)
            world.add(Order, line)
            self.lines_of[customer.id].append(line)
        return lines

    def _attribution(
        self, platform: str, source: str, created: datetime
    ) -> tuple[VideoInfo | None, str]:
        """The video (short-video orders) and the author (达人昵称) an order is credited to."""
        world, rng = self.world, self.world.rng
        own = (
            vocab.ACCOUNTS[platform][1]
            if platform == "douyin"
            else "@" + vocab.ACCOUNTS[platform][0]
        )
        affiliates = vocab.AFFILIATE_AUTHORS if platform == "douyin" else vocab.TIKTOK_CREATORS
        if source == "直播":
            return None, own if rng.random() < 0.8 else rng.choice(affiliates)
        if source != "短视频":
            return None, ""
        if rng.random() < 0.2:
            return None, rng.choice(affiliates)
        times = self.video_times[platform]
        hi = bisect.bisect_left(times, created)
        lo = bisect.bisect_left(times, created - timedelta(days=21))
        candidates = self.videos[platform][lo:hi]
        if not candidates:
            return None, ""
        weights = [v.reach / (1 + (created - v.published_at).days) for v in candidates]
        return world.weighted(candidates, weights), own

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

    def _line(
        self,
        product: ProductInfo,
        order_no: str,
        created: datetime,
        paid_at: datetime | None,
        customer: CustomerInfo,
    ) -> dict:
        world, rng = self.world, self.world.rng
        quantity = world.weighted((1, 2, 3), (85, 12, 3))
        variation = rng.choice(product.variations)
        gross = product.price_cents * quantity
        discount = 0
        if rng.random() < 0.25:
            discount = gross // 10  # 平台惊喜9折券 / seller discount
        elif gross > 10_000 and rng.random() < 0.15:
            discount = 1000 if product.currency == "CNY" else 300
        payable = gross - discount
        if product.platform == "douyin":
            line_key = world.digits(19, "69")
        else:
            if (product.id, variation) not in self.sku_ids:
                self.sku_ids[product.id, variation] = world.digits(19, "17")
            sku_id = self.sku_ids[product.id, variation]
            line_key = f"{order_no}:{sku_id}"
        refunded_at = None
        if paid_at is not None and rng.random() < REFUND_RATE:
            refunded_at = paid_at + timedelta(hours=rng.uniform(8, 240))
            if refunded_at >= world.cutoff:
                refunded_at = None
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
            "status": self._status(product.platform, paid_at, refunded_at),
            "created_at": created,
            "paid_at": paid_at,
            "cancelled": paid_at is None,
            "refunded_at": refunded_at.replace(microsecond=0) if refunded_at else None,
            "region": customer.region,
            "channel_code": "",
            "customer_id": customer.id,
            "batch_id": None,
        }

    def _status(
        self,
        platform: str,
        paid_at: datetime | None,
        refunded_at: datetime | None,
    ) -> str:
        douyin = platform == "douyin"
        if paid_at is None:
            return "已关闭" if douyin else "Cancelled"
        if refunded_at is not None:
            return "退款成功" if douyin else "Refunded"
        age = self.world.cutoff - paid_at
        if age > timedelta(days=7):
            return "已完成" if douyin else "Completed"
        if age > timedelta(hours=36):
            return "已发货" if douyin else "Shipped"
        return "待发货" if douyin else "Awaiting Shipment"


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
    exported_at = datetime.combine(world.day(DAYS - 1), time(16, rng.randrange(60)))
    products = [p for p in world.products if p.platform == "douyin"]
    regions, weights = zip(*vocab.CN_REGIONS, strict=True)
    for channel, (count, kind, pattern, prefix, digits, status) in ECOSYSTEM.items():
        batch_id = world.batch(
            pattern.format(d=exported_at), channel, kind, exported_at, "order_lines"
        )
        for _ in range(count):
            product = world.weighted(products, [p.popularity for p in products])
            created = world.moment(world.day(rng.randrange(DAYS - 1)))
            paid_at = created + timedelta(seconds=rng.randint(5, 300))
            order_no = world.digits(digits, prefix)
            refunded = rng.random() < 0.03 and paid_at + timedelta(days=2) < world.cutoff
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
                    "region": "江苏省南通市"
                    if channel == "store"
                    else world.weighted(regions, weights),
                    "channel_code": _channel_code(world, channel),
                    "customer_id": None,
                    "batch_id": batch_id,
                },
            )


def _channel_code(world: World, channel: str) -> str:
    rng = world.rng
    if channel == "store":
        return f"DYHX{rng.randrange(10**8):08d}"  # a 抖音 group-buy coupon redeemed in the store
    if rng.random() < 0.4:
        return ""
    return f"{'TM' if channel == 'tmall' else 'JD'}-YD-{rng.choice(('NEW10', 'VIP15', 'FANS20'))}"


def tag_order_batches(world: World) -> None:
    """Each platform's monthly order export brought in its month's lines (by creation time)."""
    exports = {
        "douyin": ("douyin_shop_orders", "demo/抖店订单_{m}.csv"),
        "tiktok": ("tiktok_shop_orders", "demo/OrderSKUList_{m}.csv"),
    }
    for line in world.rows[Order]:
        if line["platform"] not in exports:
            continue
        kind, pattern = exports[line["platform"]]
        month = line["created_at"].strftime("%Y-%m")
        exported_at = _month_export_time(world, line["created_at"].date())
        line["batch_id"] = world.batch(
            pattern.format(m=month), line["platform"], kind, exported_at, "order_lines"
        )


def _month_export_time(world: World, day: date) -> datetime:
    """The morning after the month ends, or the last export time for the running month."""
    first_next = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return min(datetime.combine(first_next, time(9, 12)), world.cutoff + timedelta(minutes=5))


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
    keys = {p.id: p.key for p in world.products}
    for line in world.rows[Order]:
        if line["platform"] != "douyin" or line["paid_at"] is None or rng.random() > REVIEW_RATE:
            continue
        at = line["paid_at"] + timedelta(days=rng.uniform(2, 15))
        if at >= world.cutoff:
            continue
        weights = (20, 15, 15, 15, 35) if line["refunded_at"] else (1.5, 2, 6, 13, 77.5)
        score = world.weighted((1, 2, 3, 4, 5), weights)
        exported_at = _month_export_time(world, at.date())
        batch_id = world.batch(
            f"demo/商品评价_{at:%Y-%m}.xlsx",
            "douyin",
            "douyin_shop_reviews",
            exported_at,
            "reviews",
        )
        world.add(
            Review,
            {
                "platform": "douyin",
                "order_no": line["order_no"],
                "product_key": keys[line["product_id"]],
                "reviewed_on": at.date(),
                "score": score,
                "text": rng.choice(vocab.REVIEW_TEXTS[score]),
                "has_media": rng.random() < (0.18 if score >= 4 else 0.05),
                "customer_id": line["customer_id"],
                "batch_id": batch_id,
            },
        )


def finish_customers(world: World, book: OrderBook) -> None:
    """A customer was created by the import that brought their first order."""
    rows = world.rows[Customer]
    for customer in world.customers:
        lines = book.lines_of.get(customer.id)
        row = rows[customer.id - 1]
        if lines:
            first = min(lines, key=lambda line: line["created_at"])
            row["created"] = first["created_at"]
            row["batch_id"] = first["batch_id"]
        else:
            row["created"] = world.start
