"""The metrics a video snapshot holds: one list for the importer, the analytics and the SQL.

Standard library only, so the importer and the Traffic tab's read path can both use it without
pulling in each other's dependencies.
"""

from __future__ import annotations

SNAPSHOT_METRICS = (
    "views",
    "completion_rate",
    "completion_5s_rate",
    "bounce_2s_rate",
    "avg_watch_s",
    "likes",
    "comments",
    "shares",
    "favorites",
    "followers_gained",
    "profile_visits",
    "product_clicks",
)


def snapshot_columns_sql(alias: str) -> str:
    """``alias.views, alias.completion_rate, …`` for a SELECT over video_snapshots."""
    return ", ".join(f"{alias}.{metric}" for metric in SNAPSHOT_METRICS)
