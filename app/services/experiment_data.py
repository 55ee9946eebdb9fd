"""The figures behind an experiment's result: its member videos (plan items resolved to their
linked videos), their newest snapshots and the paid order lines credited to them.

Loads pandas: imported lazily by :mod:`app.services.experiments`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from app.analytics import abtest
from app.db import Reader

if TYPE_CHECKING:
    from app.services.experiments import ExperimentSpec

MEMBER_VIDEOS_SQL = """
SELECT v.id AS video_id, v.platform, s.views, s.completion_rate, s.likes, s.comments, s.shares,
       s.favorites, s.followers_gained, s.product_clicks,
       (SELECT COUNT(*) FROM order_lines o
        WHERE o.video_id = v.id AND o.paid_at IS NOT NULL AND NOT o.cancelled) AS orders
FROM videos v
LEFT JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
WHERE v.id IN ({ids})
"""
CREDITING_SQL = "SELECT DISTINCT platform FROM order_lines WHERE video_id IS NOT NULL"
METRIC_COLUMNS = (
    "views",
    "completion_rate",
    "likes",
    "comments",
    "shares",
    "favorites",
    "followers_gained",
    "product_clicks",
    "orders",
)


def member_frame(reader: Reader, spec: ExperimentSpec) -> pd.DataFrame:
    """variant, video_id: each variant's videos, its plan items counted through their videos."""
    rows = [(v.key, video) for v in spec.variants for video in v.video_ids]
    items = {item: v.key for v in spec.variants for item in v.plan_item_ids}
    if items:
        ids = ", ".join(str(int(i)) for i in items)
        linked = reader.query(
            f"SELECT plan_item_id, id FROM videos WHERE plan_item_id IN ({ids}) ORDER BY id"
        )[1]
        rows += [(items[int(item)], int(video)) for item, video in linked]
    frame = pd.DataFrame(rows, columns=["variant", "video_id"])
    return frame.drop_duplicates().reset_index(drop=True)


def video_figures(reader: Reader, video_ids: list[int]) -> pd.DataFrame:
    """The newest snapshot metrics and credited paid lines of the given videos."""
    columns = ["video_id", "platform", *METRIC_COLUMNS]
    if not video_ids:
        return pd.DataFrame({c: [] for c in columns})
    ids = ", ".join(str(int(i)) for i in sorted(set(video_ids)))
    names, rows = reader.query(MEMBER_VIDEOS_SQL.format(ids=ids))
    frame = pd.DataFrame(rows, columns=names)
    frame[list(METRIC_COLUMNS)] = frame[list(METRIC_COLUMNS)].astype(float)
    return frame


def result_of(reader: Reader, spec: ExperimentSpec) -> abtest.ExperimentResult:
    """The experiment's statistics over its members' current figures."""
    members = member_frame(reader, spec)
    videos = video_figures(reader, [int(v) for v in members["video_id"]])
    credited = {str(p) for (p,) in reader.query(CREDITING_SQL)[1]}
    names = {v.key: v.name for v in spec.variants}
    counts = abtest.variant_counts(spec.metric, members, videos, names, credited)
    return abtest.analyse(
        spec.metric,
        counts,
        confidence=spec.confidence,
        power=spec.power,
        planned_sample_size=spec.planned_sample_size,
        min_effect=spec.min_effect,
    )
