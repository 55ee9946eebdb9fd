"""The demo shop being built in memory: facts, rows of the tables no export fills, and helpers.

Every generator reads and extends one :class:`World`. What the platforms export (videos and their
metrics, orders, customers, products, reviews, 千川 days, TikTok account days) is kept as facts
that :mod:`app.demo.exports` writes into export files for the importer; what no export carries
(plan, experiments, campaigns, tiers, touches, comments …) is kept as rows keyed by column name
with world-internal integer ids, which the builder maps onto the rows the importer created.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from app.models import Base

DAYS = 90
T = TypeVar("T")
Row = dict[str, Any]

# Posting and buying peak in the evening (hour -> weight).
EVENING_HOURS = (1, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 5, 4, 3, 3, 3, 4, 7, 9, 11, 11, 8, 4)
LIVE_HOURS = (2, 1, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 2, 2, 2, 3, 5, 9, 14, 15, 12, 6)


@dataclass
class VideoInfo:
    """A video as the platform knows it, and what later generators need to know about it.

    Attributes:
        title: the caption as the platform exports it (may end in ``#tags``).
        headline: the caption without its tags (what the plan calls the video).
        key: the store's key of the video (see ``app.importers.writers.videos.video_key``).
        platform_id: the id the platform shows for it (视频号 视频ID, TikTok id), if any.
    """

    id: int
    platform: str
    published_at: datetime
    reach: float
    format: str
    product_id: int
    title: str
    key: str
    pillar: str
    duration_s: int
    headline: str = ""
    hook: str = ""
    rates: dict[str, float] = field(default_factory=dict)


@dataclass
class ProductInfo:
    """A product with its selling facts; TikTok Shop lists each variation as its own SKU."""

    id: int
    platform: str
    key: str
    name: str
    short: str
    price_cents: int
    currency: str
    popularity: int
    variations: tuple[str, ...]
    seller_code: str = ""
    skus: dict[str, tuple[str, str]] = field(default_factory=dict)  # variation -> (id, code)


@dataclass
class CustomerInfo:
    """A buyer with the facts orders, exports and campaigns use.

    Attributes:
        identity: how the platform's export identifies the buyer, as the importer stores it:
            (platform, kind, value), e.g. ("douyin", "name_phone", "王**|151****1822").
        contact: recipient name, masked phone and address parts as the order export prints them.
    """

    id: int
    platform: str
    display_name: str
    region: str
    private_channel: str
    identity: tuple[str, str, str] = ("", "", "")
    contact: dict[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class OrderExport:
    """One order-list download: the orders created in [start, exported_at) as they stood then."""

    platform: str
    start: datetime
    exported_at: datetime


@dataclass(frozen=True)
class ReviewExport:
    """One 商品评价 download: the reviews written in [start, end)."""

    start: datetime
    end: datetime
    exported_at: datetime


@dataclass
class VideoExport:
    """One per-video export of a platform: each video carried and its cumulative metrics.

    Attributes:
        exported_at: when the file was downloaded.
        snapshot_at: the moment its figures stand for.
        order: 0 for the first download of the platform's list, 1 for the second.
    """

    platform: str
    exported_at: datetime
    snapshot_at: datetime
    order: int
    rows: list[tuple[VideoInfo, dict[str, Any]]] = field(default_factory=list)


@dataclass
class AdDownload:
    """One 千川 素材 daily report as downloaded (a re-download carries the revised figures)."""

    day: date
    exported_at: datetime
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class World:
    """The shop under construction: a seeded random source, the period and the facts so far."""

    rng: random.Random
    today: date
    rows: dict[type[Base], list[Row]] = field(default_factory=lambda: defaultdict(list))
    accounts: dict[str, Row] = field(default_factory=dict)
    author_ids: dict[str, str] = field(default_factory=dict)
    products: list[ProductInfo] = field(default_factory=list)
    pillars: dict[str, int] = field(default_factory=dict)
    templates: dict[str, int] = field(default_factory=dict)
    template_steps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    template_lengths: dict[str, int | None] = field(default_factory=dict)
    personas: list[int] = field(default_factory=list)
    videos: list[VideoInfo] = field(default_factory=list)
    customers: list[CustomerInfo] = field(default_factory=list)
    order_exports: list[OrderExport] = field(default_factory=list)
    review_exports: list[ReviewExport] = field(default_factory=list)
    video_exports: list[VideoExport] = field(default_factory=list)
    ad_downloads: list[AdDownload] = field(default_factory=list)
    overview_exported_at: datetime | None = None
    _used_keys: set[str] = field(default_factory=set)

    @property
    def start(self) -> datetime:
        """Midnight of the first day of the period (90 days before today)."""
        return datetime.combine(self.today - timedelta(days=DAYS), time())

    @property
    def cutoff(self) -> datetime:
        """The last order export: every order, refund and review happened before it."""
        return datetime.combine(self.today, time()) - timedelta(minutes=30)

    def day(self, index: int) -> date:
        """Day ``index`` of the period (0 = 90 days before today, 89 = yesterday)."""
        return self.today - timedelta(days=DAYS - index)

    def add(self, model: type[Base], row: Row) -> int:
        """Append ``row`` to ``model``'s rows with the next integer id; return the id."""
        rows = self.rows[model]
        row["id"] = len(rows) + 1
        rows.append(row)
        return row["id"]

    def unique(self, make: Any) -> str:
        """Call ``make()`` until it returns a string not handed out before (ids, keys)."""
        while True:
            value = make()
            if value not in self._used_keys:
                self._used_keys.add(value)
                return value

    def claim(self, value: str) -> bool:
        """Record ``value`` as handed out; False when it already was."""
        if value in self._used_keys:
            return False
        self._used_keys.add(value)
        return True

    def digits(self, n: int, prefix: str = "") -> str:
        """A unique numeric id string of ``n`` digits starting with ``prefix``."""
        rest = n - len(prefix)
        return self.unique(lambda: prefix + "".join(self.rng.choices("0123456789", k=rest)))

    def fork(self, label: str) -> random.Random:
        """A random source of its own, seeded from this one's state without drawing from it:
        generators added later use one, so the data drawn before stays as it was."""
        return random.Random(f"{label}:{self.rng.getstate()}")

    def weighted(self, items: Sequence[T], weights: Sequence[float]) -> T:
        """One item picked by weight."""
        return self.rng.choices(items, weights=weights, k=1)[0]

    def moment(self, day: date, hours: Sequence[int] = EVENING_HOURS) -> datetime:
        """A time on ``day`` with the hour drawn from ``hours`` weights, to the second."""
        hour = self.rng.choices(range(24), weights=hours, k=1)[0]
        return datetime.combine(day, time(hour, self.rng.randrange(60), self.rng.randrange(60)))

    def exported_videos(self) -> list[VideoInfo]:
        """The videos some export carries (the only ones the store will know), in world order."""
        carried = {v.id for export in self.video_exports for v, _ in export.rows}
        return [v for v in self.videos if v.id in carried]

    def known_until(self, platform: str, created: datetime) -> datetime:
        """When the last order export carrying an order created at ``created`` was downloaded.

        The store learns an order's state only from exports: whatever happens to it after the
        last download that carries it (a late refund) never reaches the store, so the demo
        lets nothing happen after it.
        """
        found = [
            e.exported_at
            for e in self.order_exports
            if e.platform == platform and e.start <= created < e.exported_at
        ]
        return max(found, default=self.cutoff)


def title_time_key(title: str, published_at: datetime) -> str:
    """The importer's key of a video whose export has no id: publish time to the second + title."""
    digest = hashlib.sha1(title.encode()).hexdigest()[:12]  # noqa: S324 - a key, not security
    return f"{published_at:%Y%m%d%H%M%S}-{digest}"


def clamp(value: float, low: float, high: float) -> float:
    """``value`` kept within [low, high]."""
    return max(low, min(high, value))
