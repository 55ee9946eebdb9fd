"""流量数据 Traffic: every video with its newest exported metrics."""

from __future__ import annotations

from app.views.table_models.table_model import ColumnSpec
from app.views.tabs.overview_tab import KpiSpec, OverviewTab


class TrafficTab(OverviewTab):
    """Per-video reach and engagement across platforms."""

    tab_id = "traffic"

    def kpis(self) -> list[KpiSpec]:
        """Reach and engagement over all videos."""
        return [
            KpiSpec("videos", self.tr("Videos")),
            KpiSpec("views", self.tr("Views")),
            KpiSpec(
                "interaction_rate",
                self.tr("Interaction rate"),
                "rate",
                self.tr("(likes + comments + shares + favorites) / views"),
            ),
            KpiSpec(
                "completion_rate",
                self.tr("Completion rate"),
                "rate",
                self.tr("View-weighted mean of the videos' completion rates"),
            ),
            KpiSpec(
                "follower_conversion",
                self.tr("Follower conversion"),
                "rate",
                self.tr("Followers gained / views"),
            ),
        ]

    def columns(self) -> list[ColumnSpec]:
        """Per-video columns; a dash marks a metric the platform does not export."""
        return [
            ColumnSpec("published_at", self.tr("Published")),
            ColumnSpec("platform", self.tr("Platform"), "platform"),
            ColumnSpec("title", self.tr("Title")),
            ColumnSpec("format", self.tr("Format")),
            ColumnSpec("pillar", self.tr("Pillar")),
            ColumnSpec("views", self.tr("Views")),
            ColumnSpec("likes", self.tr("Likes")),
            ColumnSpec("comments", self.tr("Comments")),
            ColumnSpec("shares", self.tr("Shares")),
            ColumnSpec("favorites", self.tr("Favorites")),
            ColumnSpec("interaction_rate", self.tr("Interaction"), "rate"),
            ColumnSpec("completion_rate", self.tr("Completion"), "rate"),
            ColumnSpec("followers_gained", self.tr("New followers")),
            ColumnSpec("product_clicks", self.tr("Product clicks")),
        ]

    def empty_text(self) -> str:
        """No videos yet."""
        return self.tr(
            "No videos yet.\n\nDrop the video lists you export from each platform "
            "(作品列表, 视频号 动态数据, 笔记列表, TikTok Content) on this window."
        )
