"""Traffic tab speed with 100,000 videos: the video table model, its sort and search, and the
in-memory filtering the tab does on every filter change.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/views.py [--videos N] [--repeat R]

Builds a synthetic frame with the columns of ``load_videos`` (five platforms, Chinese and Latin
titles with hashtags, unknown metrics where a platform does not export them), then times (best of
R, wall clock): loading it into the FrameModel behind a shown QTableView (reset + first paint),
sorting by views (descending) and by title, searching titles, and selecting this month's videos
with their twelve KPIs (``TrafficFilter.select`` + ``kpis``) and the platform comparison.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PLATFORMS = ("douyin", "kuaishou", "channels", "xiaohongshu", "tiktok")
WORDS = ("冰丝四件套", "纯棉毛巾", "羽绒枕", "收纳", "直播预告", "开箱", "测评", "工厂直击")
PILLARS = ("好物测评", "日常vlog", "直播预告", "使用教程", "顾客晒单")
TAGS = ("#穿搭", "#ootd", "#好物推荐", "#家纺", "#homefinds", "#cozy", "")


def video_frame(count: int, seed: int = 5) -> pd.DataFrame:
    """``count`` videos shaped like ``app.services.traffic.load_videos``'s frame."""
    from app.analytics.traffic import VIDEO_COLUMNS

    rng = np.random.default_rng(seed)
    platform = rng.choice(PLATFORMS, count)
    views = np.floor(10 ** rng.normal(3.5, 0.8, count))
    titles = [
        f"{WORDS[i % len(WORDS)]} 第{i}期 {TAGS[i % len(TAGS)]}"
        if i % 3
        else f"Episode {i}: {WORDS[i % len(WORDS)]} {TAGS[(i + 1) % len(TAGS)]}"
        for i in range(count)
    ]
    no_completion = platform == "tiktok"
    frame = pd.DataFrame(
        {
            "video_id": np.arange(1, count + 1),
            "platform": platform,
            "account_id": pd.array(rng.integers(1, 6, count), dtype="Int64"),
            "title": titles,
            "published_at": pd.Timestamp("2026-06-01")
            + pd.to_timedelta(rng.integers(0, 180 * 86400, count), unit="s"),
            "duration_s": rng.integers(5, 300, count).astype(float),
            "format": "video",
            "pillar_id": pd.array(rng.integers(1, 6, count), dtype="Int64"),
            "pillar": rng.choice(PILLARS, count),
            "template_id": pd.array([pd.NA] * count, dtype="Int64"),
            "template": None,
            "tags": "",
            "views": views,
            "completion_rate": np.where(no_completion, np.nan, rng.uniform(0.05, 0.6, count)),
            "completion_5s_rate": np.where(no_completion, np.nan, rng.uniform(0.3, 0.9, count)),
            "bounce_2s_rate": np.where(no_completion, np.nan, rng.uniform(0.1, 0.5, count)),
            "avg_watch_s": rng.uniform(3, 60, count),
            "likes": np.floor(views * 0.04),
            "comments": np.floor(views * 0.004),
            "shares": np.where(platform == "kuaishou", np.nan, np.floor(views * 0.003)),
            "favorites": np.floor(views * 0.006),
            "followers_gained": np.floor(views * 0.003),
            "profile_visits": np.floor(views * 0.01),
            "product_clicks": np.floor(views * 0.02),
            "orders": pd.array([pd.NA] * count, dtype="Int64"),
            "gmv_cents": pd.array([pd.NA] * count, dtype="Int64"),
            "gmv_currency": None,
            "snapshot_at": pd.Timestamp("2026-11-27 23:59:59"),
        }
    )
    parts = frame[["likes", "comments", "shares", "favorites"]].sum(axis=1, min_count=1)
    frame["interaction_rate"] = parts / frame["views"].where(frame["views"] > 0)
    frame["account"] = "@shop" + frame["account_id"].astype(str)
    return frame[[*VIDEO_COLUMNS, "account"]]


def timed_ms(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The first and the fastest of ``repeat`` runs of ``action``, in milliseconds.

    The first run is the one a user waits for (caches cold); later runs reuse the model's
    cached sort orders and search text.
    """
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], min(times)


def table_figures(app: QApplication, frame: pd.DataFrame, repeat: int) -> dict:
    """The video table model on its own: load, sorts, search (each with a repaint)."""
    from app.views.table_models.frame_model import FrameModel
    from app.views.traffic.labels import VIDEO_SEARCH_COLUMNS, video_columns
    from app.views.widgets.record_table import record_table

    model = FrameModel(video_columns(), VIDEO_SEARCH_COLUMNS)
    table = record_table(model)
    table.resize(1400, 700)
    table.show()

    def paint() -> None:
        app.processEvents()
        table.viewport().grab()

    def load() -> None:
        model.set_frame(frame)
        paint()

    def sort(column: str, order: Qt.SortOrder) -> Callable[[], None]:
        def run() -> None:
            model.sort(model.column_of(column), order)
            paint()

        return run

    def search() -> None:
        model.set_search("")
        model.set_search("穿搭")
        paint()

    figures = {
        "load into the model + first paint": timed_ms(load, repeat),
        "sort by views, descending": timed_ms(sort("views", Qt.SortOrder.DescendingOrder), repeat),
        "sort by title": timed_ms(sort("title", Qt.SortOrder.AscendingOrder), repeat),
        "search '穿搭', sorted by title": timed_ms(search, repeat),
    }
    figures["(rows found by the search)"] = (model.rowCount(), model.rowCount())
    table.close()
    return figures


class HistoryOnlyReader:
    """Stands in for the store: every video has an empty snapshot history (not timed here)."""

    def query(self, sql: str, params: dict[str, Any] | None = None) -> tuple[list, list]:
        """No rows, under the columns ``snapshot_history`` reads."""
        from app.analytics.traffic import SNAPSHOT_METRICS

        return ["snapshot_at", *SNAPSHOT_METRICS], []

    def close(self) -> None:
        """Nothing to close."""


def tab_figures(app: QApplication, frame: pd.DataFrame, repeat: int) -> dict:
    """The whole Traffic tab body (1400×900) over the frame: show, filter, each sub-view."""
    from app.services.traffic import TrafficChoices
    from app.views.traffic.traffic_view import TrafficView

    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        view = TrafficView(settings)
        view.resize(1400, 900)
        view.show()
        choices = TrafficChoices(
            platforms=PLATFORMS,
            accounts=tuple((i, PLATFORMS[i - 1], f"@shop{i}") for i in range(1, 6)),
            pillars=tuple((i, name, "#4e79a7") for i, name in enumerate(PILLARS, start=1)),
            templates=(),
            first_day=date(2026, 6, 1),
            last_day=date(2026, 11, 27),
        )
        today = date(2026, 11, 28)

        def settle() -> None:
            app.processEvents()
            view.grab()

        def show() -> None:
            # No store: the reader serves only the detail panel and the trends (not timed here).
            view.show_videos(frame.copy(), choices, HistoryOnlyReader(), today)  # type: ignore[arg-type]
            view.filter_bar.period.set_preset("last_90")
            settle()

        def narrow() -> None:
            view.filter_bar.platforms.set_selected(["douyin"])
            settle()
            view.filter_bar.platforms.set_selected([])
            settle()

        def page(widget: object, prepare: Callable[[], None] | None = None) -> Callable[[], None]:
            def run() -> None:
                view.views.setCurrentWidget(view.videos_view)
                if prepare:
                    prepare()
                for sub_view in view.sub_views():
                    sub_view.stale = True
                counted: list[bool] = []
                view.topics_view.counted.connect(lambda: counted.append(True))
                view.views.setCurrentWidget(widget)
                # Topics of many videos are counted on a worker: wait until they show.
                while widget is view.topics_view and not counted:
                    app.processEvents()
                    time.sleep(0.002)
                view.topics_view.counted.disconnect()
                settle()

            return run

        figures = {
            "tab: show 100k videos, last 90 days": timed_ms(show, 1),
            "tab: one platform, then all again": timed_ms(narrow, repeat),
            "tab: comparisons by platform": timed_ms(page(view.comparisons_view), repeat),
            "tab: topics, hashtags (worker)": timed_ms(page(view.topics_view), repeat),
            "tab: topics, title keywords (worker)": timed_ms(
                page(view.topics_view, lambda: view.topics_view.kind.set_value("keyword")), 1
            ),
            "tab: distribution": timed_ms(page(view.distribution_view), repeat),
        }
        figures["(videos in the last 90 days)"] = (len(view.data.selected),) * 2  # type: ignore[union-attr]
        view.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])

    from app.analytics.traffic import Period, TrafficFilter, comparison, kpis

    started = time.perf_counter()
    frame = video_frame(args.videos)
    built_ms = (time.perf_counter() - started) * 1000
    flt = TrafficFilter(Period.this_month(date(2026, 11, 28)))
    figures = table_figures(app, frame, args.repeat)
    figures["filter this month + 12 KPIs"] = timed_ms(lambda: kpis(frame, flt), args.repeat)
    figures["compare by platform (whole frame)"] = timed_ms(
        lambda: comparison(frame, "platform"), args.repeat
    )
    figures.update(tab_figures(app, frame, args.repeat))
    print(f"{args.videos:,} videos (frame built in {built_ms:.0f} ms).")
    print(f"First run / best of {args.repeat}, each including the repaint of what changed:")
    for name, (first, best) in figures.items():
        if name.startswith("("):
            print(f"  {name:<40} {first:>11,}")
        else:
            print(f"  {name:<40} {first:8.1f} ms {best:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
