"""The Traffic tab's words: figure names, their definitions, groups and the "what sets them apart"
sentences, in the UI language. The core hands over ids and numbers; this module words them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.views.formatting import UNKNOWN, platform_names
from app.views.table_models.frame_model import FrameColumn, format_cell

CONTEXT = "TrafficLabels"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Metric:
    """A figure of a video or a period: its id, name, definition and how to show it."""

    key: str
    name: str
    definition: str
    kind: str


# key: (name, definition, kind); kinds as in FrameColumn.
_METRICS: dict[str, tuple[str, str, str]] = {
    "videos": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Videos published"),
        QT_TRANSLATE_NOOP("TrafficLabels", "Videos published in the period (by publish time)"),
        "int",
    ),
    "views": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Views"),
        QT_TRANSLATE_NOOP(
            "TrafficLabels",
            "Views of the videos published in the period, as their newest export shows them",
        ),
        "int",
    ),
    "likes": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Likes"),
        QT_TRANSLATE_NOOP("TrafficLabels", "Likes of the videos published in the period"),
        "int",
    ),
    "comments": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Comments"),
        QT_TRANSLATE_NOOP("TrafficLabels", "Comments on the videos published in the period"),
        "int",
    ),
    "shares": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Shares"),
        QT_TRANSLATE_NOOP("TrafficLabels", "Shares of the videos published in the period"),
        "int",
    ),
    "favorites": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Favorites"),
        QT_TRANSLATE_NOOP("TrafficLabels", "Times the videos published in the period were saved"),
        "int",
    ),
    "interaction_rate": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Interaction rate"),
        QT_TRANSLATE_NOOP("TrafficLabels", "(likes + comments + shares + favorites) / views"),
        "rate",
    ),
    "completion_rate": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Completion rate"),
        QT_TRANSLATE_NOOP(
            "TrafficLabels",
            "Share of views watched to the end: view-weighted mean of the videos' completion rates",
        ),
        "rate",
    ),
    "completion_5s_rate": (
        QT_TRANSLATE_NOOP("TrafficLabels", "5 s completion"),
        QT_TRANSLATE_NOOP(
            "TrafficLabels",
            "Share of views that lasted 5 seconds: view-weighted mean over the videos",
        ),
        "rate",
    ),
    "bounce_2s_rate": (
        QT_TRANSLATE_NOOP("TrafficLabels", "2 s bounce"),
        QT_TRANSLATE_NOOP("TrafficLabels", "Share of views that left within 2 seconds"),
        "rate",
    ),
    "avg_watch_s": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Avg. watch time"),
        QT_TRANSLATE_NOOP(
            "TrafficLabels", "Average seconds watched per view: view-weighted mean over the videos"
        ),
        "seconds",
    ),
    "followers_gained": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Followers gained"),
        QT_TRANSLATE_NOOP(
            "TrafficLabels", "New followers the videos published in the period brought"
        ),
        "int",
    ),
    "profile_visits": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Profile visits"),
        QT_TRANSLATE_NOOP(
            "TrafficLabels",
            "Profile visits from the videos published in the period",
        ),
        "int",
    ),
    "product_clicks": (
        QT_TRANSLATE_NOOP("TrafficLabels", "Product clicks"),
        QT_TRANSLATE_NOOP("TrafficLabels", "Clicks on the product card in the videos"),
        "int",
    ),
}

KPI_ORDER = (
    "videos",
    "views",
    "likes",
    "comments",
    "shares",
    "favorites",
    "interaction_rate",
    "completion_rate",
    "completion_5s_rate",
    "avg_watch_s",
    "followers_gained",
    "profile_visits",
)
TREND_METRICS = ("views", "followers_gained", "likes", "comments", "shares", "profile_visits")
HISTORY_METRICS = (
    "views",
    "likes",
    "comments",
    "shares",
    "favorites",
    "followers_gained",
    "completion_rate",
)


def metric(key: str) -> Metric:
    """A figure's name, definition and kind in the UI language."""
    name, definition, kind = _METRICS[key]
    return Metric(key, _t(name), _t(definition), kind)


def format_metric(value: Any, kind: str) -> str:
    """A KPI value's text; "—" when unknown."""
    if value is None or (isinstance(value, float) and value != value):
        return UNKNOWN
    return format_cell(value, kind)


# Video table ------------------------------------------------------------------------------------

VIDEO_SEARCH_COLUMNS = ("title", "tags", "pillar", "template", "platform")
HIDDEN_BY_DEFAULT = ("account", "format", "tags", "profile_visits", "product_clicks")


def video_columns() -> list[FrameColumn]:
    """The video table's columns (every one the user can show)."""

    def figure(key: str, header: str | None = None) -> FrameColumn:
        found = metric(key)
        return FrameColumn(key, header or found.name, found.kind, tooltip=found.definition)

    return [
        FrameColumn("title", QCoreApplication.translate("TrafficLabels", "Title")),
        FrameColumn(
            "platform", QCoreApplication.translate("TrafficLabels", "Platform"), "platform"
        ),
        FrameColumn("account", QCoreApplication.translate("TrafficLabels", "Account")),
        FrameColumn(
            "published_at", QCoreApplication.translate("TrafficLabels", "Published"), "datetime"
        ),
        FrameColumn(
            "duration_s", QCoreApplication.translate("TrafficLabels", "Length"), "duration"
        ),
        FrameColumn("format", QCoreApplication.translate("TrafficLabels", "Format")),
        FrameColumn("pillar", QCoreApplication.translate("TrafficLabels", "Pillar")),
        FrameColumn("template", QCoreApplication.translate("TrafficLabels", "Template")),
        FrameColumn("tags", QCoreApplication.translate("TrafficLabels", "Tags")),
        figure("views"),
        figure("completion_rate", QCoreApplication.translate("TrafficLabels", "Completion")),
        figure("completion_5s_rate"),
        figure("bounce_2s_rate"),
        figure("avg_watch_s"),
        figure("likes"),
        figure("comments"),
        figure("shares"),
        figure("favorites"),
        figure("followers_gained", QCoreApplication.translate("TrafficLabels", "Followers")),
        figure("profile_visits"),
        figure("product_clicks"),
        figure("interaction_rate", QCoreApplication.translate("TrafficLabels", "Interaction")),
        FrameColumn(
            "orders",
            QCoreApplication.translate("TrafficLabels", "Orders"),
            "int",
            tooltip=QCoreApplication.translate(
                "TrafficLabels", "Orders the shop export attributes to it"
            ),
        ),
        FrameColumn(
            "gmv_cents",
            QCoreApplication.translate("TrafficLabels", "GMV"),
            "money",
            currency="gmv_currency",
            tooltip=QCoreApplication.translate(
                "TrafficLabels", "Paid amount of the attributed orders, in their currency"
            ),
        ),
    ]


# Groups -----------------------------------------------------------------------------------------

GROUP_BYS = ("platform", "pillar", "template", "length", "hour", "weekday")
_GROUP_BY_NAMES = {
    "platform": QT_TRANSLATE_NOOP("TrafficLabels", "Platform"),
    "pillar": QT_TRANSLATE_NOOP("TrafficLabels", "Pillar"),
    "template": QT_TRANSLATE_NOOP("TrafficLabels", "Template"),
    "length": QT_TRANSLATE_NOOP("TrafficLabels", "Length"),
    "hour": QT_TRANSLATE_NOOP("TrafficLabels", "Publish hour"),
    "weekday": QT_TRANSLATE_NOOP("TrafficLabels", "Weekday"),
}
_BUCKETS = {
    "<15s": QT_TRANSLATE_NOOP("TrafficLabels", "under 15 s"),
    "15–30s": QT_TRANSLATE_NOOP("TrafficLabels", "15–30 s"),
    "30–60s": QT_TRANSLATE_NOOP("TrafficLabels", "30–60 s"),
    "1–3 min": QT_TRANSLATE_NOOP("TrafficLabels", "1–3 min"),
    ">3 min": QT_TRANSLATE_NOOP("TrafficLabels", "over 3 min"),
    "unknown": QT_TRANSLATE_NOOP("TrafficLabels", "length unknown"),
}
_WEEKDAYS = (
    QT_TRANSLATE_NOOP("TrafficLabels", "Monday"),
    QT_TRANSLATE_NOOP("TrafficLabels", "Tuesday"),
    QT_TRANSLATE_NOOP("TrafficLabels", "Wednesday"),
    QT_TRANSLATE_NOOP("TrafficLabels", "Thursday"),
    QT_TRANSLATE_NOOP("TrafficLabels", "Friday"),
    QT_TRANSLATE_NOOP("TrafficLabels", "Saturday"),
    QT_TRANSLATE_NOOP("TrafficLabels", "Sunday"),
)
NO_PILLAR = QT_TRANSLATE_NOOP("TrafficLabels", "No pillar")
UNKNOWN_TIME = QT_TRANSLATE_NOOP("TrafficLabels", "time unknown")
NO_TEMPLATE = QT_TRANSLATE_NOOP("TrafficLabels", "No template")


def group_by_name(by: str) -> str:
    """The name of a way to group videos (``platform`` → "Platform")."""
    return _t(_GROUP_BY_NAMES[by])


def group_label(by: str, value: Any) -> str:
    """How a group of a comparison reads (platform names, length buckets, "08:00" …)."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        unlabelled = {"pillar": NO_PILLAR, "template": NO_TEMPLATE, "hour": UNKNOWN_TIME}
        return _t(unlabelled[by]) if by in unlabelled else UNKNOWN
    if by == "platform":
        return platform_names().get(str(value), str(value))
    if by == "length":
        return _t(_BUCKETS[str(value)]) if str(value) in _BUCKETS else str(value)
    if by == "hour" and str(value).lstrip("-").isdigit():
        return f"{int(value):02d}:00"
    if by == "weekday" and str(value).isdigit() and 0 <= int(value) < len(_WEEKDAYS):
        return _t(_WEEKDAYS[int(value)])
    return str(value)


def _median_columns() -> list[FrameColumn]:
    """Videos, views and the medians every grouped table shows."""
    return [
        FrameColumn("videos", QCoreApplication.translate("TrafficLabels", "Videos"), "int"),
        FrameColumn("views", QCoreApplication.translate("TrafficLabels", "Views"), "int"),
        FrameColumn(
            "median_views", QCoreApplication.translate("TrafficLabels", "Median views"), "int"
        ),
        FrameColumn(
            "median_completion",
            QCoreApplication.translate("TrafficLabels", "Median completion"),
            "rate",
        ),
        FrameColumn(
            "median_interaction",
            QCoreApplication.translate("TrafficLabels", "Median interaction"),
            "rate",
        ),
    ]


def comparison_columns(by: str) -> list[FrameColumn]:
    """Columns of a comparison table grouped ``by``."""
    return [
        FrameColumn("label", group_by_name(by)),
        *_median_columns(),
        FrameColumn(
            "followers_gained",
            QCoreApplication.translate("TrafficLabels", "Followers gained"),
            "int",
        ),
        FrameColumn(
            "median_followers",
            QCoreApplication.translate("TrafficLabels", "Median followers"),
            "number",
        ),
    ]


def topic_columns(kind: str) -> list[FrameColumn]:
    """Columns of the topics table (``hashtag`` or ``keyword``)."""
    name = (
        QCoreApplication.translate("TrafficLabels", "Hashtag")
        if kind == "hashtag"
        else QCoreApplication.translate("TrafficLabels", "Keyword")
    )
    return [FrameColumn("topic", name), *_median_columns()]


# Findings ---------------------------------------------------------------------------------------

_FINDING_TEXTS = {
    "completion": QT_TRANSLATE_NOOP(
        "TrafficLabels", "Completion: the top videos keep %1 of viewers to the end, the bottom %2."
    ),
    "completion_5s": QT_TRANSLATE_NOOP(
        "TrafficLabels",
        "First 5 seconds: %1 of viewers stay on the top videos, %2 on the bottom.",
    ),
    "interaction": QT_TRANSLATE_NOOP(
        "TrafficLabels", "Interaction rate: %1 for the top videos against %2 for the bottom."
    ),
    "avg_watch": QT_TRANSLATE_NOOP(
        "TrafficLabels", "Average watch time: %1 for the top videos against %2 for the bottom."
    ),
    "length": QT_TRANSLATE_NOOP(
        "TrafficLabels", "Length: the top videos run %1 (median), the bottom ones %2."
    ),
    "followers": QT_TRANSLATE_NOOP(
        "TrafficLabels", "Followers: a top video brings %1 new followers (median), a bottom one %2."
    ),
}
# Most-common values: %1 top's value, %2 bottom's, %3 share of top videos with %1, %4 of bottom.
_MODE_TEXTS = {
    "pillar": QT_TRANSLATE_NOOP(
        "TrafficLabels",
        "Pillar: %3 of the top videos are “%1” (%4 of the bottom ones, mostly “%2”).",
    ),
    "template": QT_TRANSLATE_NOOP(
        "TrafficLabels",
        "Template: %3 of the top videos follow “%1” (%4 of the bottom ones, mostly “%2”).",
    ),
    "platform": QT_TRANSLATE_NOOP(
        "TrafficLabels", "Platform: %3 of the top videos are on %1 (%4 of the bottom, mostly %2)."
    ),
    "hour": QT_TRANSLATE_NOOP(
        "TrafficLabels",
        "Publish time: %3 of the top videos went out around %1 (%4 of the bottom, mostly %2).",
    ),
    "weekday": QT_TRANSLATE_NOOP(
        "TrafficLabels",
        "Weekday: %3 of the top videos went out on %1 (%4 of the bottom, mostly %2).",
    ),
}
_GENERIC_FINDING = QT_TRANSLATE_NOOP(
    "TrafficLabels", "%3: %1 for the top videos, %2 for the bottom."
)


def _finding_value(key: str, value: Any) -> str:
    formats: dict[str, Callable[[Any], str]] = {
        "completion": lambda v: format_cell(v, "rate"),
        "completion_5s": lambda v: format_cell(v, "rate"),
        "interaction": lambda v: format_cell(v, "rate"),
        "avg_watch": lambda v: format_cell(v, "seconds"),
        "length": lambda v: format_cell(v, "duration"),
        "followers": lambda v: format_cell(v, "int"),
    }
    if value is None or (isinstance(value, float) and value != value):
        return UNKNOWN
    if key in formats:
        return formats[key](value)
    if key in _MODE_TEXTS:
        return group_label(key, value)
    return str(value)


def finding_sentence(finding: Any) -> str:
    """One "what sets the top videos apart" sentence in the UI language.

    ``finding`` is an :class:`app.analytics.traffic.Finding` (key, top_value, bottom_value,
    top_share, bottom_share).
    """
    key = finding.key
    top, bottom = _finding_value(key, finding.top_value), _finding_value(key, finding.bottom_value)
    if key in _MODE_TEXTS and finding.top_share is not None:
        text = _t(_MODE_TEXTS[key]).replace("%3", f"{finding.top_share:.0%}")
        text = text.replace("%4", f"{finding.bottom_share or 0:.0%}")
    elif key in _FINDING_TEXTS:
        text = _t(_FINDING_TEXTS[key])
    else:
        text = _t(_GENERIC_FINDING).replace("%3", key)
    return text.replace("%1", top).replace("%2", bottom)
