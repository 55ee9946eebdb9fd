"""The demo shop being built in memory: rows per table, shared facts, seeded helpers.

Every generator reads and extends one :class:`World`. Rows are plain dicts keyed by column name
with explicit integer primary keys, so foreign keys can be set before anything is written and the
whole shop is written in one transaction at the end (see :mod:`app.demo.builder`).
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
    """What later generators need to know about a video beyond its row."""

    id: int
    platform: str
    published_at: datetime
    reach: float
    format: str
    product_id: int
    title: str
    key: str
    pillar: str
    hook: str = ""
    rates: dict[str, float] = field(default_factory=dict)


@dataclass
class ProductInfo:
    """A product with its selling facts."""

    id: int
    platform: str
    key: str
    name: str
    short: str
    price_cents: int
    currency: str
    popularity: int
    variations: tuple[str, ...]


@dataclass
class CustomerInfo:
    """A customer with the facts orders and campaigns use."""

    id: int
    platform: str
    display_name: str
    region: str
    private_channel: str


@dataclass
class World:
    """The shop under construction: a seeded random source, the period and the rows so far."""

    rng: random.Random
    today: date
    rows: dict[type[Base], list[Row]] = field(default_factory=lambda: defaultdict(list))
    accounts: dict[str, Row] = field(default_factory=dict)
    products: list[ProductInfo] = field(default_factory=list)
    pillars: dict[str, int] = field(default_factory=dict)
    templates: dict[str, int] = field(default_factory=dict)
    personas: list[int] = field(default_factory=list)
    videos: list[VideoInfo] = field(default_factory=list)
    customers: list[CustomerInfo] = field(default_factory=list)
    batches: dict[str, Row] = field(default_factory=dict)
    _used_keys: set[str] = field(default_factory=set)

    @property
    def start(self) -> datetime:
        """Midnight of the first day of the period (90 days before today)."""
        return datetime.combine(self.today - timedelta(days=DAYS), time())

    @property
    def cutoff(self) -> datetime:
        """The last export time: every order, refund and review happened before it."""
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

    def digits(self, n: int, prefix: str = "") -> str:
        """A unique numeric id string of ``n`` digits starting with ``prefix``."""
        rest = n - len(prefix)
        return self.unique(lambda: prefix + "".join(self.rng.choices("0123456789", k=rest)))

    def weighted(self, items: Sequence[T], weights: Sequence[float]) -> T:
        """One item picked by weight."""
        return self.rng.choices(items, weights=weights, k=1)[0]

    def moment(self, day: date, hours: Sequence[int] = EVENING_HOURS) -> datetime:
        """A time on ``day`` with the hour drawn from ``hours`` weights, to the second."""
        hour = self.rng.choices(range(24), weights=hours, k=1)[0]
        return datetime.combine(day, time(hour, self.rng.randrange(60), self.rng.randrange(60)))

    def batch(
        self, file_name: str, platform: str, kind: str, snapshot_at: datetime, primary: str
    ) -> int:
        """The id of the import batch for ``file_name``, recorded on first use.

        ``primary`` names the table whose rows the batch counts (its rows_total); the builder
        fills the counts when it writes the batches.
        """
        if file_name not in self.batches:
            digest = hashlib.sha256(f"{file_name}|{snapshot_at.isoformat()}".encode()).hexdigest()
            imported_at = snapshot_at + timedelta(minutes=self.rng.randint(3, 25))
            self.batches[file_name] = {
                "id": len(self.batches) + 1,
                "file_name": file_name,
                "sha256": digest,
                "platform": platform,
                "kind": kind,
                "snapshot_at": snapshot_at,
                "imported_at": min(imported_at, self.cutoff + timedelta(minutes=25)),
                "status": "imported",
                "message": "",
                "undone_at": None,
                "_primary": primary,
            }
        return self.batches[file_name]["id"]


def title_time_key(title: str, published_at: datetime) -> str:
    """The stable key of a video whose export has no id: publish time to the second + title."""
    digest = hashlib.sha1(title.encode()).hexdigest()[:12]
    return f"{published_at:%Y%m%d%H%M%S}-{digest}"


def clamp(value: float, low: float, high: float) -> float:
    """``value`` kept within [low, high]."""
    return max(low, min(high, value))
