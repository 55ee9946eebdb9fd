"""How fast the content tab's readers are: on the demo shop, and the pure analytics at scale.

python benchmarks/content_plan.py [--db .demo/shop.db] [--runs 5] [--videos 20000 --items 2000]

Without --db the demo shop is built into a temporary store first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from app.analytics import content
from app.config import PLATFORMS, sqlite_url
from app.db import Reader
from app.demo import build_demo
from app.services import plan
from app.services.store import open_store

TODAY = date(2026, 11, 28)
WORDS = ("实测", "四件套", "到底值不值", "源头工厂", "一分钟学会", "套被套", "直播间", "福利价")


def timed(runs: int, work: Callable[[], Any]) -> float:
    """Median milliseconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def on_store(reader: Reader, runs: int, folder: Path) -> None:
    """The service calls the tab makes, through the store's reader."""
    month = (TODAY - timedelta(days=30), TODAY)
    calls: dict[str, Callable[[], Any]] = {
        "list_plan_items": lambda: plan.list_plan_items(reader),
        "list_templates + pillars + personas": lambda: (
            plan.list_templates(reader),
            plan.list_pillars(reader),
            plan.list_personas(reader),
        ),
        "match_suggestions": lambda: plan.match_suggestions(reader),
        "planned_vs_actual (60 days)": lambda: plan.planned_vs_actual(
            reader, TODAY - timedelta(days=60), TODAY
        ),
        "posting_heatmap": lambda: plan.posting_heatmap(reader, "views", 3),
        "leaderboard pillar (month)": lambda: plan.leaderboard(reader, "pillar", *month),
        "fission_comparison": lambda: plan.fission_comparison(reader),
        "export_plan (all items)": lambda: plan.export_plan(
            reader, folder / "plan.xlsx", {f: f for f in plan.EXPORT_FIELDS}
        ),
    }
    for name, work in calls.items():
        print(f"  {name:<38} {timed(runs, work):8.1f} ms")


def synthetic(videos: int, items: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A large shop's video frame and plan items (titles from a small vocabulary, so many
    candidate pairs are alike)."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1)

    def title() -> str:
        return "".join(rng.sample(WORDS, 4)) + str(rng.randint(1, 9))

    rows = [
        {
            "video_id": n,
            "platform": rng.choice(PLATFORMS),
            "title": title(),
            "published_at": start + timedelta(minutes=rng.randrange(700 * 24 * 60)),
            "pillar_id": rng.randint(1, 8),
            "template_id": rng.randint(1, 12),
            "plan_item_id": pd.NA,
            "kind": rng.choice(("original", "challenge", "duet", None)),
            "views": rng.lognormvariate(8, 1.2),
            "completion_rate": rng.random() * 0.6,
            "likes": rng.randint(0, 500),
            "comments": rng.randint(0, 50),
            "shares": rng.randint(0, 50),
            "favorites": rng.randint(0, 80),
            "followers_gained": rng.randint(0, 40),
            "orders": rng.randint(0, 20),
        }
        for n in range(videos)
    ]
    frame = pd.DataFrame(rows)
    plan_items = pd.DataFrame(
        {
            "item_id": range(items),
            "title": [title() for _ in range(items)],
            "platforms": [tuple(rng.sample(PLATFORMS, 2)) for _ in range(items)],
            "planned_at": [start + timedelta(hours=rng.randrange(700 * 24)) for _ in range(items)],
        }
    )
    return frame, plan_items


def at_scale(videos: int, items: int, runs: int) -> None:
    """The pure analytics on a synthetic shop of ``videos`` videos and ``items`` plan items."""
    frame, plan_items = synthetic(videos, items)
    unlinked = frame[["video_id", "platform", "title", "published_at"]]
    calls: dict[str, Callable[[], Any]] = {
        "match_videos": lambda: content.match_videos(plan_items, unlinked),
        "posting_heatmap": lambda: content.posting_heatmap(frame, "views", 3),
        "leaderboard by template": lambda: content.leaderboard(frame, "template_id"),
        "fission_comparison": lambda: content.fission_comparison(frame),
    }
    for name, work in calls.items():
        print(f"  {name:<38} {timed(runs, work):8.1f} ms")


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--videos", type=int, default=20_000)
    parser.add_argument("--items", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db
        if path is None:
            path = Path(folder) / "demo.db"
            built = open_store(sqlite_url(path))
            build_demo(built, today=TODAY)
            built.dispose()
        store = open_store(sqlite_url(path))
        reader = store.reader()
        try:
            print(f"demo shop ({path.name}), median of {args.runs} runs:")
            on_store(reader, args.runs, Path(folder))
        finally:
            reader.close()
            store.dispose()
    print(f"pure analytics, {args.videos:,} videos and {args.items:,} plan items:")
    at_scale(args.videos, args.items, max(1, args.runs // 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
