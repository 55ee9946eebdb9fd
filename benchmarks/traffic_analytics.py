"""Traffic analytics speed: a store with N videos (default 100,000), each with two snapshots.

Usage: python benchmarks/traffic_analytics.py [--videos N] [--export-rows N] [--keep DIR]

Builds a migrated SQLite store in a temporary folder (videos on five platforms with pillars,
templates, hashtags and Chinese titles; two snapshots each; paid order lines naming a tenth of the
抖音 videos; a year of account days), then times, best of 3: ``load_videos``, ``kpis`` over the
last 30 days and over everything, ``comparison`` by each grouping, ``top_bottom``, ``topics``,
the completion histogram, ``outliers``, ``load_trend_inputs`` + ``daily_trend``, and the xlsx
and CSV exports of the first ``--export-rows`` rows.
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

from app.analytics.traffic import (  # noqa: E402
    COMPARE_BY,
    Period,
    TrafficFilter,
    comparison,
    completion_histogram,
    daily_trend,
    kpis,
    outliers,
    top_bottom,
    topics,
)
from app.config import PLATFORMS, sqlite_url  # noqa: E402
from app.services.export import export_frame, export_frame_csv  # noqa: E402
from app.services.store import open_store  # noqa: E402
from app.services.traffic import load_trend_inputs, load_videos  # noqa: E402

TODAY = date(2026, 11, 28)
ITEMS = ["阔腿裤", "防晒衣", "针织开衫", "吊带背心", "中筒袜", "连衣裙", "风衣", "衬衫", "丝巾"]
HOOKS = ["一衣三穿超实用", "小个子也能穿", "秋季通勤穿搭", "真实测评", "工厂直发", "显瘦"]
TAGS = ["#穿搭", "#ootd", "#小个子穿搭", "#通勤穿搭", "#好物分享", "#源头工厂", "#fashion"]
NULL_BY_PLATFORM = {  # what each platform does not export, as in the real files
    "kuaishou": {"shares", "avg_watch_s", "completion_5s_rate", "profile_visits"},
    "channels": {"favorites", "completion_5s_rate", "profile_visits"},
    "xiaohongshu": {"completion_rate", "completion_5s_rate", "profile_visits"},
    "tiktok": {"completion_rate", "completion_5s_rate", "favorites", "followers_gained"},
}
SNAPSHOT_COLUMNS = (
    "views, completion_rate, completion_5s_rate, avg_watch_s, likes, comments, shares, "
    "favorites, followers_gained, profile_visits"
)


def build_store(path: Path, videos: int, seed: int = 5) -> None:
    """A migrated store holding ``videos`` synthetic videos and their snapshots and sales."""
    open_store(sqlite_url(path)).dispose()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO shops (id, name) VALUES (1, '基准店')")
    for number, platform in enumerate(PLATFORMS, start=1):
        currency = "USD" if platform == "tiktok" else "CNY"
        conn.execute(
            "INSERT INTO accounts (id, shop_id, platform, handle, display_name, currency, timezone)"
            " VALUES (?, 1, ?, ?, '', ?, 'Asia/Shanghai')",
            (number, platform, f"{platform}-main", currency),
        )
    for number, name in enumerate(["好物测评", "源头工厂", "使用教程", "顾客晒单"], start=1):
        conn.execute(
            "INSERT INTO content_pillars (id, name, description, color, differentiation)"
            " VALUES (?, ?, '', '#4e79a7', '')",
            (number, name),
        )
    for number, name in enumerate(["15秒快剪", "口播", "剧情植入"], start=1):
        conn.execute(
            "INSERT INTO templates (id, name, steps, notes) VALUES (?, ?, '', '')", (number, name)
        )
    conn.executemany(
        "INSERT INTO videos (id, platform, video_key, account_id, title, published_at, duration_s,"
        " pillar_id, template_id, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_video(rng, i) for i in range(1, videos + 1)),
    )
    conn.executemany(
        f"INSERT INTO video_snapshots (video_id, snapshot_at, {SNAPSHOT_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row for i in range(1, videos + 1) for row in _snapshots(rng, i)),
    )
    conn.executemany(
        "INSERT INTO order_lines (platform, line_key, order_no, product_name, sku, quantity,"
        " payable_cents, refund_cents, currency, status, paid_at, cancelled, traffic_source,"
        " traffic_format, author, region, channel_code, video_id)"
        " VALUES ('douyin', ?, ?, '', '', 1, ?, 0, 'CNY', '', ?, 0, '', '', '', '', '', ?)",
        (
            (f"L{i}", f"O{i // 2}", rng.randint(2900, 49900), "2026-11-01 10:00:00", i)
            for i in range(1, videos + 1, 10)
        ),
    )
    conn.executemany(
        "INSERT INTO account_daily (account_id, day, views, followers_gained) VALUES (?, ?, ?, ?)",
        (
            (account, (TODAY - timedelta(days=d)).isoformat(), rng.randint(1000, 90000), 5)
            for account in (1, 5)
            for d in range(365)
        ),
    )
    conn.commit()
    conn.close()


def _platform(i: int) -> str:
    return PLATFORMS[i % len(PLATFORMS)]


def _video(rng: random.Random, i: int) -> tuple[Any, ...]:
    platform = _platform(i)
    published = datetime(2025, 12, 1) + timedelta(minutes=rng.randint(0, 360 * 24 * 60))
    tags = " ".join(rng.sample(TAGS, 2))
    title = f"{rng.choice(HOOKS)}｜{rng.choice(ITEMS)}{rng.randint(1, 9)}种穿法 {tags}"
    pillar = rng.choice([1, 2, 3, 4, None])
    template = rng.choice([1, 2, 3, None])
    account = PLATFORMS.index(platform) + 1
    moment = published.isoformat(" ")
    length = rng.randint(8, 240)
    return (i, platform, f"k{i}", account, title, moment, length, pillar, template, tags)


def _snapshots(rng: random.Random, i: int) -> list[tuple[Any, ...]]:
    missing = NULL_BY_PLATFORM.get(_platform(i), set())
    views = int(10 ** rng.uniform(2, 5.5))
    rows = []
    for step, share in ((1, 0.7), (2, 1.0)):
        seen = int(views * share)
        values = {
            "views": seen,
            "completion_rate": rng.uniform(0.05, 0.6),
            "completion_5s_rate": rng.uniform(0.3, 0.8),
            "avg_watch_s": rng.uniform(3, 30),
            "likes": seen // 20,
            "comments": seen // 200,
            "shares": seen // 150,
            "favorites": seen // 100,
            "followers_gained": seen // 300,
            "profile_visits": seen // 50,
        }
        moment = datetime(2026, 11, 27 - 20 * (2 - step))
        rows.append(
            (
                i,
                moment.isoformat(" "),
                *(None if k in missing else v for k, v in values.items()),
            )
        )
    return rows


def timed(label: str, action: Callable[[], Any], runs: int = 3) -> Any:
    """Print the fastest of ``runs`` runs of ``action`` in milliseconds; its result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<44} {min(times):9.1f} ms")
    return result


def main() -> None:
    """Build the store, time each step, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=100_000)
    parser.add_argument("--export-rows", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="shopreel-traffic-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "traffic.db"
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    build_store(path, args.videos)
    print(f"store with {args.videos:,} videos built in {time.perf_counter() - start:.1f} s")

    store = open_store(sqlite_url(path))
    reader = store.reader()
    videos = timed("load_videos", lambda: load_videos(reader))
    month = TrafficFilter(Period.last_days(30, TODAY))
    everything = TrafficFilter(Period(date(2025, 1, 1), TODAY))
    timed("kpis, last 30 days (with previous period)", lambda: kpis(videos, month))
    timed("kpis, every video", lambda: kpis(videos, everything))
    selection = everything.select(videos)
    for by in COMPARE_BY:
        timed(f"comparison by {by}", lambda by=by: comparison(selection, by))
    timed("top_bottom", lambda: top_bottom(selection))
    timed("topics by hashtag", lambda: topics(selection, "hashtag"))
    timed("topics by keyword", lambda: topics(selection, "keyword"))
    timed("completion_histogram", lambda: completion_histogram(selection))
    timed("outliers", lambda: outliers(selection))
    daily, shots = timed("load_trend_inputs", lambda: load_trend_inputs(reader))
    print(f"({len(videos):,} videos, {len(shots):,} snapshots, {len(daily):,} account days)")
    timed("daily_trend views, 30 days", lambda: daily_trend(daily, shots, month, "views"))
    pillar = TrafficFilter(month.period, pillar_ids=(1,))
    timed(
        "daily_trend views, 30 days, one pillar", lambda: daily_trend(daily, shots, pillar, "views")
    )
    reader.close()
    store.dispose()
    rows = videos.head(args.export_rows)
    columns = ("video_id", "platform", "title", "published_at", "views", "completion_rate")
    columns += ("likes", "comments", "shares", "favorites", "followers_gained")
    columns += ("interaction_rate", "orders", "gmv_cents")
    headers = {c: c for c in columns}
    size = f"{len(rows):,} rows × {len(headers)}"
    timed(f"export_frame xlsx ({size})", lambda: export_frame(rows, headers, folder / "v.xlsx"), 1)
    timed(
        f"export_frame_csv ({size})", lambda: export_frame_csv(rows, headers, folder / "v.csv"), 1
    )


if __name__ == "__main__":
    main()
