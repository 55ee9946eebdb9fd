"""Conversion analytics speed: a store with N order lines (default 200,000) and M videos (20,000).

Usage: python benchmarks/conversion.py [--lines N] [--videos M] [--keep DIR]

Builds a migrated SQLite store in a temporary folder (videos on five platforms with pillars and
one snapshot each; 抖店 and TikTok Shop order lines over a year with formats, sources, creators,
channel codes and a third naming a video; products with cost prices; 千川/DOU+ days per video and
推商品 days per product), then times, best of 3: ``load_conversion`` and, over the last 30 days
and over the whole year, ``funnel``, ``period_kpis``, ``attribution`` by each grouping,
``ledger`` by video and pillar, ``products`` by product and SKU, ``time_slots``, ``best_slots``,
``weekday_roi``; and ``experiment_result`` for a 2 × 200-video experiment.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.analytics.conversion import ConversionFilter, funnel, period_kpis  # noqa: E402
from app.analytics.conversion_attribution import ATTRIBUTION_BY, attribution  # noqa: E402
from app.analytics.conversion_ledger import ledger  # noqa: E402
from app.analytics.conversion_products import best_and_worst, products  # noqa: E402
from app.analytics.conversion_slots import best_slots, time_slots, weekday_roi  # noqa: E402
from app.analytics.periods import Period  # noqa: E402
from app.config import PLATFORMS, sqlite_url  # noqa: E402
from app.services.conversion import load_conversion  # noqa: E402
from app.services.experiments import (  # noqa: E402
    ExperimentSpec,
    VariantSpec,
    experiment_result,
    save_experiment,
)
from app.services.store import open_store  # noqa: E402

TODAY = date(2026, 11, 28)
DAYS = 365
PRODUCTS = 300
FORMATS = ["短视频"] * 4 + ["直播"] * 3 + ["商品卡"] * 2 + ["其他", ""]
SOURCES = ["小店自卖", "精选联盟", "搜索", "商品卡", "企业微信社群", "门店核销"]
AUTHORS = ["", "", "", "家纺小王", "好物阿姨", "测评君"]


def build_store(path: Path, lines: int, videos: int, seed: int = 6) -> None:
    """A migrated store with ``videos`` videos and ``lines`` order lines (see the module doc)."""
    open_store(sqlite_url(path)).dispose()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    start = datetime.combine(TODAY - timedelta(days=DAYS), datetime.min.time())
    for number, name in enumerate(["好物测评", "源头工厂", "使用教程", "顾客晒单"], start=1):
        conn.execute(
            "INSERT INTO content_pillars (id, name, description, color, differentiation)"
            " VALUES (?, ?, '', '#4e79a7', '')",
            (number, name),
        )
    products = []
    for number in range(1, PRODUCTS + 1):
        platform = "tiktok" if number % 5 == 0 else "douyin"
        currency = "USD" if platform == "tiktok" else "CNY"
        price = rng.randint(20, 400) * 100 if currency == "CNY" else rng.randint(5, 60) * 100
        products.append((number, platform, str(10**12 + number), price, currency))
        conn.execute(
            "INSERT INTO products (id, platform, product_key, name, sku, price_cents, currency)"
            " VALUES (?, ?, ?, ?, '', ?, ?)",
            (number, platform, str(10**12 + number), f"商品{number}", price, currency),
        )
        if number % 3:
            conn.execute(
                "INSERT INTO product_costs (platform, product_key, sku, cost_cents, currency)"
                " VALUES (?, ?, '', ?, ?)",
                (platform, str(10**12 + number), int(price * rng.uniform(0.3, 0.7)), currency),
            )
    video_rows, snapshot_rows = [], []
    for number in range(1, videos + 1):
        platform = PLATFORMS[number % len(PLATFORMS)]
        published = start + timedelta(minutes=rng.randrange(DAYS * 24 * 60))
        pillar = rng.choice([1, 2, 3, 4, None])
        video_rows.append((number, platform, f"v{number}", f"视频{number}", published, pillar))
        views = int(rng.lognormvariate(8, 1.5))
        snapshot_rows.append(
            (number, published + timedelta(days=7), views, rng.uniform(0.1, 0.6), views // 30)
        )
    conn.executemany(
        "INSERT INTO videos (id, platform, video_key, title, published_at, pillar_id, tags)"
        " VALUES (?, ?, ?, ?, ?, ?, '')",
        video_rows,
    )
    conn.executemany(
        "INSERT INTO video_snapshots (video_id, snapshot_at, views, completion_rate, likes)"
        " VALUES (?, ?, ?, ?, ?)",
        snapshot_rows,
    )
    selling = [v for v in video_rows if v[1] in ("douyin", "tiktok")]
    order_rows = []
    for number in range(lines):
        product_id, platform, _key, price, currency = rng.choice(products)
        created = start + timedelta(minutes=rng.randrange(DAYS * 24 * 60))
        paid = created + timedelta(minutes=2) if rng.random() > 0.05 else None
        fmt = rng.choice(FORMATS) if platform == "douyin" else ""
        video = rng.choice(selling)[0] if fmt == "短视频" or rng.random() < 0.1 else None
        refund = price if paid and rng.random() < 0.06 else 0
        order_rows.append(
            (platform, f"L{number}", f"O{number // 2}", product_id, f"商品{product_id}", "",
             1 + (rng.random() < 0.2), price, refund, currency, created, paid, paid is None,
             rng.choice(SOURCES), fmt, video, rng.choice(AUTHORS),
             f"DYHX{number:06d}" if rng.random() < 0.02 else "")
        )  # fmt: skip
    conn.executemany(
        "INSERT INTO order_lines (platform, line_key, order_no, product_id, product_name, sku,"
        " quantity, payable_cents, refund_cents, currency, created_at, paid_at, cancelled,"
        " traffic_source, traffic_format, video_id, author, channel_code, status,"
        " after_sale_status, cancel_reason, region)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '')",
        order_rows,
    )
    ad_rows = []
    for day in range(DAYS):
        when = TODAY - timedelta(days=day)
        for video in rng.sample(selling, 20):
            channel = "qianchuan" if video[1] == "douyin" else "promote"
            spend = rng.randint(50, 2000) * 100
            ad_rows.append(
                (video[1], channel, when, f"m{video[0]}", video[0], spend,
                 int(spend * rng.uniform(0.5, 4)), "CNY" if video[1] == "douyin" else "USD")
            )  # fmt: skip
        for product in rng.sample(products[:50], 5):
            spend = rng.randint(50, 2000) * 100
            ad_rows.append(
                (product[1], "qianchuan_product", when, product[2], None, spend,
                 int(spend * rng.uniform(0.5, 4)), product[4])
            )  # fmt: skip
    conn.executemany(
        "INSERT INTO ad_spend (platform, channel, day, material_key, video_id, spend_cents,"
        " gmv_cents, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ad_rows,
    )
    conn.execute(
        "INSERT INTO channel_codes (code, label, path, prefix)"
        " VALUES ('DYHX', '门店券', 'indirect', 1)"
    )
    conn.commit()
    conn.close()


def best_of(label: str, action: Callable[[], Any], runs: int = 3) -> Any:
    """Run ``action`` ``runs`` times and print the fastest wall time."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    print(f"{label:<44} {min(times) * 1000:8.1f} ms")
    return result


def main() -> None:
    """Build the store, then time each analytic."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--videos", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="conversion-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "shop.db"
    if not path.exists():
        started = time.perf_counter()
        build_store(path, args.lines, args.videos)
        print(f"built {args.lines:,} lines, {args.videos:,} videos in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    store = open_store(sqlite_url(path))
    reader = store.reader()
    data = best_of("load_conversion", lambda: load_conversion(reader))
    for name, period in (
        ("30 days", Period.last_days(30, TODAY)),
        ("year", Period(TODAY - timedelta(days=DAYS), TODAY)),
    ):
        flt = ConversionFilter(period)
        print(f"-- {name}")
        best_of("funnel", lambda f=flt: funnel(data, f))
        best_of("period_kpis", lambda f=flt: period_kpis(data, f))
        for by in ATTRIBUTION_BY:
            best_of(f"attribution by {by}", lambda f=flt, b=by: attribution(data, f, b))
        best_of("ledger by video", lambda f=flt: ledger(data, f))
        best_of("ledger by pillar", lambda f=flt: ledger(data, f, by="pillar"))
        frame = best_of("products", lambda f=flt: products(data, f))
        best_of("products by sku", lambda f=flt: products(data, f, by="sku"))
        best_of("best_and_worst", lambda p=frame: best_and_worst(p))
        slots = best_of("time_slots", lambda f=flt: time_slots(data, f))
        best_of("best_slots", lambda s=slots: best_slots(s))
        best_of("weekday_roi", lambda f=flt: weekday_roi(data, f))
    douyin = [int(v) for v in data.videos.loc[data.videos["platform"] == "douyin", "video_id"]]
    spec = ExperimentSpec(
        "bench",
        "orders_per_view",
        (VariantSpec("A", "a", tuple(douyin[:200])), VariantSpec("B", "b", tuple(douyin[200:400]))),
    )
    experiment = save_experiment(store, spec)
    print("--")
    best_of("experiment_result (2 x 200 videos)", lambda: experiment_result(reader, experiment))
    reader.close()
    store.dispose()


if __name__ == "__main__":
    main()
