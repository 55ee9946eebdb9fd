"""What the content plan learns from the shop's own videos: pure functions over DataFrames.

The video frame the functions take has one row per video, with the columns of
:data:`VIDEO_COLUMNS`: its platform, title, publish time, pillar, template, plan item and kind
(``original`` / ``challenge`` / ``duet`` from the plan item; NaN when unplanned) and the current
metrics (the newest snapshot's). A metric the platform does not export is NaN, never 0; ``orders``
(paid orders credited to the video) is NaN on platforms whose orders are never credited to videos.

Some exports give a video's publish day without its time (视频号, TikTok Studio): the store holds
midnight. A publish time of exactly 00:00:00 is read as "day only": such a video has no hour on
the heatmap, and matching measures its distance to a plan item in whole days.

Group figures follow DESIGN.md: completion rate of a group is the view-weighted mean of its videos'
rates; interaction rate is (likes + comments + shares + favorites) / views; orders per 1k views is
1000 x orders / views, each over the videos that have the figure. Per-video figures (views, the
heatmap cells, the pillar medians of planned vs actual) are medians, which one viral hit cannot
drag.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import numpy as np
import pandas as pd

VIDEO_COLUMNS = (
    "video_id",
    "platform",
    "title",
    "published_at",
    "pillar_id",
    "template_id",
    "plan_item_id",
    "kind",
    "views",
    "completion_rate",
    "likes",
    "comments",
    "shares",
    "favorites",
    "followers_gained",
    "orders",
)
INTERACTIONS = ("likes", "comments", "shares", "favorites")
KINDS = ("challenge", "duet", "original")
HEATMAP_METRICS = {"views": "views", "completion": "completion_rate", "orders": "orders"}

# Matching a published video to a plan item.
MATCH_WINDOW = timedelta(days=2)
# difflib ratio of the normalised titles. 0.5 keeps a caption the owner reworded on posting (the
# demo's: halves swapped 0.67, second half dropped 0.8) and drops most other videos (0.2-0.45).
# Captions built on the same pattern with another product reach 0.55-0.65; time and platform
# narrow those down, and the owner confirms every suggestion.
MIN_TITLE_SIMILARITY = 0.5
# An item that already has a video takes another platform's video only as a cross-post, which
# carries (nearly) the same caption; a shop's captions reuse patterns ("周末直播{p}限量秒杀")
# that score 0.55-0.65 between different videos.
CROSS_POST_SIMILARITY = 0.8
SIMILARITY_WEIGHT, TIME_WEIGHT, PLATFORM_WEIGHT = 0.6, 0.3, 0.1

_TAG = re.compile(r"[#＃][^\s#＃]+|@[^\s@]+")


# --- Titles -----------------------------------------------------------------------------------


def normalise_title(title: str | None) -> str:
    """A caption reduced to what says what the video is: no #hashtags or @mentions, no emoji,
    punctuation or spaces, full-width folded to half-width, case-folded."""
    text = unicodedata.normalize("NFKC", title or "")
    text = _TAG.sub(" ", text)
    kept = (c for c in text if unicodedata.category(c)[0] in "LN")
    return "".join(kept).casefold()


def title_similarity(a: str | None, b: str | None) -> float:
    """difflib's ratio (0-1) of the normalised titles; 0 when either is empty."""
    return _ratio_of(normalise_title(a), normalise_title(b))


def _ratio_of(left: str, right: str) -> float:
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(right)
    return _ratio_against(matcher, left)


def _ratio_against(matcher: difflib.SequenceMatcher, left: str, at_least: float = 0.0) -> float:
    """The ratio of ``left`` against the matcher's second sequence (set once per plan item:
    difflib caches its index), or 0 as soon as the cheap upper bounds fall below ``at_least``."""
    if not left or not matcher.b:
        return 0.0
    matcher.set_seq1(left)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


# --- Matching ---------------------------------------------------------------------------------

MATCH_COLUMNS = ("video_id", "item_id", "platform", "similarity", "hours_apart", "score")


def match_videos(
    items: pd.DataFrame,
    videos: pd.DataFrame,
    *,
    window: timedelta = MATCH_WINDOW,
    min_similarity: float = MIN_TITLE_SIMILARITY,
) -> pd.DataFrame:
    """The best one-to-one pairs of unlinked videos and plan items, best score first.

    ``items``: item_id, title, platforms (tuple of platform ids; empty = not decided yet),
    planned_at, and optionally ``taken`` (the platforms the item already has a video on).
    ``videos``: video_id, platform, title, published_at (only videos not linked yet).

    A pair is a candidate when the video's platform is one of the item's (or the item names
    none), it was published within ``window`` of the planned time, and the normalised titles
    are at least ``min_similarity`` alike (:data:`CROSS_POST_SIMILARITY` when the item already
    has a video on another platform). Its score (0-1) is 0.6 x title similarity + 0.3 x
    time closeness (1 at the planned minute, 0 at the window's edge) + 0.1 when the item names
    the platform. Pairs are then taken greedily by score: each video goes to one item, and an
    item takes at most one video per platform (a plan item posted on 抖音 and 快手 is two
    videos of the same plan).
    """
    taken = {
        int(i): set(t) for i, t in zip(items["item_id"], _column(items, "taken", ()), strict=True)
    }
    candidates = _candidates(items, videos, window, min_similarity)
    candidates = [c for c in candidates if not taken[c[1]] or c[3] >= CROSS_POST_SIMILARITY]
    candidates.sort(key=lambda c: (-c[5], c[4], c[0], c[1]))
    used_videos: set[int] = set()
    chosen = []
    for candidate in candidates:
        video_id, item_id, platform = candidate[:3]
        if video_id in used_videos or platform in taken[item_id]:
            continue
        used_videos.add(video_id)
        taken[item_id].add(platform)
        chosen.append(candidate)
    return pd.DataFrame(chosen, columns=list(MATCH_COLUMNS))


def _column(frame: pd.DataFrame, name: str, default: object) -> list:
    return list(frame[name]) if name in frame else [default] * len(frame)


def _candidates(
    items: pd.DataFrame, videos: pd.DataFrame, window: timedelta, min_similarity: float
) -> list[tuple]:
    """Every (video, item) pair that passes the platform, time and title rules, with its
    similarity, hours apart and score."""
    timed = sorted(
        (pd.Timestamp(at).to_pydatetime(), int(v), p, normalise_title(t))
        for v, p, t, at in zip(
            videos["video_id"],
            videos["platform"],
            videos["title"],
            videos["published_at"],
            strict=True,
        )
        if pd.notna(at)
    )
    moments = [t[0] for t in timed]
    reach = window + timedelta(days=1)  # a day-only video sits up to a day before its time
    out = []
    for item_id, title, platforms, planned in zip(
        items["item_id"], items["title"], items["platforms"], items["planned_at"], strict=True
    ):
        if pd.isna(planned):
            continue
        planned = pd.Timestamp(planned).to_pydatetime()
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(normalise_title(title))
        lo = bisect.bisect_left(moments, planned - reach)
        hi = bisect.bisect_right(moments, planned + window)
        for published, video_id, platform, video_title in timed[lo:hi]:
            if platforms and platform not in platforms:
                continue
            apart = _apart(published, planned)
            if apart > window:
                continue
            similarity = _ratio_against(matcher, video_title, min_similarity)
            if similarity < min_similarity:
                continue
            score = (
                SIMILARITY_WEIGHT * similarity
                + TIME_WEIGHT * (1 - apart / window)
                + (PLATFORM_WEIGHT if platforms else 0.0)
            )
            hours = apart.total_seconds() / 3600
            out.append((video_id, int(item_id), platform, similarity, hours, score))
    return out


def day_only(moment: datetime) -> bool:
    """True for a publish time an export gave as a day (exactly midnight)."""
    return moment.time() == time()


def _apart(published: datetime, planned: datetime) -> timedelta:
    if day_only(published):
        return abs(published - datetime.combine(planned.date(), time()))
    return abs(published - planned)


# --- Per-video and group figures ----------------------------------------------------------------


def with_video_rates(videos: pd.DataFrame) -> pd.DataFrame:
    """``videos`` plus ``interactions`` (known counts summed; NaN when none is known) and
    ``interaction_rate`` (NaN without views)."""
    frame = videos.copy()
    frame["interactions"] = frame[list(INTERACTIONS)].sum(axis=1, min_count=1)
    views = frame["views"].where(frame["views"] > 0)
    frame["interaction_rate"] = frame["interactions"] / views
    return frame


def group_figures(videos: pd.DataFrame) -> dict[str, float]:
    """Count, median views and the group rates of a set of videos (see the module docstring)."""
    frame = with_video_rates(videos)
    viewed = frame[frame["views"] > 0]
    return {
        "videos": len(frame),
        "median_views": _median(frame["views"]),
        "total_views": float(frame["views"].sum(min_count=1)),
        "completion_rate": _weighted(viewed, "completion_rate"),
        "interaction_rate": _ratio(viewed, "interactions"),
        "orders_per_1k_views": _ratio(viewed, "orders") * 1000,
        "shares_per_1k_views": _ratio(viewed, "shares") * 1000,
        "followers_per_1k_views": _ratio(viewed, "followers_gained") * 1000,
    }


def _median(values: pd.Series) -> float:
    known = values.dropna()
    return float(known.median()) if len(known) else np.nan


def _weighted(viewed: pd.DataFrame, column: str) -> float:
    known = viewed[viewed[column].notna()]
    total = known["views"].sum()
    return float((known[column] * known["views"]).sum() / total) if total else np.nan


def _ratio(viewed: pd.DataFrame, column: str) -> float:
    known = viewed[viewed[column].notna()]
    total = known["views"].sum()
    return float(known[column].sum() / total) if total else np.nan


# --- Best time to post ------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One weekday (0 = Monday) x hour cell: its median and the number of videos behind it."""

    weekday: int
    hour: int
    value: float
    videos: int


@dataclass(frozen=True)
class Heatmap:
    """Medians of a metric by publish weekday (rows 0-6, Monday first) and hour (columns 0-23).

    Attributes:
        metric: ``views``, ``completion`` or ``orders``.
        min_videos: how many videos a cell needs before it may be recommended.
        values: 7 x 24 medians, NaN where no video with a known value was posted.
        counts: 7 x 24 numbers of videos behind each median.
        sales: 7 x 24 paid order lines by the hour they were paid (the conversion tab's time
            slots), None when not loaded.
    """

    metric: str
    min_videos: int
    values: pd.DataFrame
    counts: pd.DataFrame
    sales: pd.DataFrame | None = None

    @property
    def eligible(self) -> pd.DataFrame:
        """7 x 24 booleans: cells backed by at least ``min_videos`` videos."""
        return self.counts >= self.min_videos

    def slots(self) -> list[Slot]:
        """The eligible cells, best median first (more videos, then earlier, break ties)."""
        found = [
            Slot(day, hour, float(self.values.iat[day, hour]), int(self.counts.iat[day, hour]))
            for day in range(7)
            for hour in range(24)
            if self.counts.iat[day, hour] >= self.min_videos
        ]
        return sorted(found, key=lambda s: (-s.value, -s.videos, s.weekday, s.hour))


def posting_heatmap(videos: pd.DataFrame, metric: str = "views", min_videos: int = 3) -> Heatmap:
    """The weekday x hour heatmap of a per-video metric (``views``, ``completion``, ``orders``)
    over the videos' publish times; videos without the metric or a publish hour (day-only
    exports) are left out."""
    if metric not in HEATMAP_METRICS:
        raise ValueError(f"unknown heatmap metric {metric!r}")
    if min_videos < 1:
        raise ValueError("min_videos must be at least 1")
    column = HEATMAP_METRICS[metric]
    published = pd.to_datetime(videos["published_at"])
    timed = published.notna() & (published != published.dt.normalize())
    known = videos[timed & videos[column].notna()]
    published = published[known.index]
    cells = pd.DataFrame(
        {"weekday": published.dt.day_of_week, "hour": published.dt.hour, "value": known[column]}
    )
    grouped = cells.groupby(["weekday", "hour"])["value"]
    full = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday", "hour"])
    values = grouped.median().reindex(full).unstack("hour").astype(float)
    counts = grouped.size().reindex(full, fill_value=0).unstack("hour").astype(int)
    return Heatmap(metric, min_videos, values, counts)


def best_slots(heatmap: Heatmap, n: int = 3, weekday: int | None = None) -> list[Slot]:
    """The ``n`` best recommendable slots (optionally on one weekday, to suggest a time when
    scheduling on that day); empty when no cell has enough videos behind it."""
    slots = heatmap.slots()
    if weekday is not None:
        slots = [s for s in slots if s.weekday == weekday]
    return slots[:n]


# --- What works ---------------------------------------------------------------------------------

LEADERBOARD_COLUMNS = (
    "videos",
    "median_views",
    "completion_rate",
    "interaction_rate",
    "orders_per_1k_views",
)


def leaderboard(videos: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per value of ``by`` (``pillar_id`` or ``template_id``; videos without one form a
    NaN row), best median views first, with the columns of :data:`LEADERBOARD_COLUMNS`."""
    if by not in ("pillar_id", "template_id"):
        raise ValueError(f"a leaderboard is by pillar_id or template_id, not {by!r}")
    rows = []
    for key, group in videos.groupby(by, dropna=False, sort=True):
        figures = group_figures(group)
        rows.append({by: key, **{c: figures[c] for c in LEADERBOARD_COLUMNS}})
    frame = pd.DataFrame(rows, columns=[by, *LEADERBOARD_COLUMNS])
    frame = frame.sort_values(["median_views", "videos"], ascending=False, na_position="last")
    return frame.reset_index(drop=True)


FISSION_COLUMNS = (
    "kind",
    "videos",
    "median_views",
    "total_views",
    "interaction_rate",
    "shares_per_1k_views",
    "followers_per_1k_views",
    "reach_vs_original",
)


def fission_comparison(videos: pd.DataFrame) -> pd.DataFrame:
    """Challenge and duet videos against the originals (unplanned videos count as original):
    one row per kind, with ``reach_vs_original`` = the kind's median views / the originals'."""
    kind = videos["kind"].fillna("original")
    rows = [{"kind": k, **group_figures(videos[kind == k])} for k in KINDS]
    frame = pd.DataFrame(rows)
    original = frame.loc[frame["kind"] == "original", "median_views"].iat[0]
    frame["reach_vs_original"] = frame["median_views"] / original if original else np.nan
    return frame[list(FISSION_COLUMNS)]


# --- Planned vs actual --------------------------------------------------------------------------

ACTUAL_METRICS = ("views", "completion_rate", "interaction_rate", "orders")


def planned_vs_actual(
    items: pd.DataFrame, videos: pd.DataFrame, baseline: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each plan item (``items``: item_id, pillar_id and any columns to keep) with what its
    linked videos did and its pillar's per-video medians next to it.

    ``videos`` holds the items' linked videos (``plan_item_id``): ``views`` and ``orders`` are
    summed over an item's videos, its completion rate is their view-weighted mean and its
    interaction rate their interactions / views. ``pillar_<metric>`` is the median over the
    ``baseline`` videos (default: ``videos``) of the item's pillar, and ``views_vs_pillar`` the
    item's views per video over the pillar's median views.
    """
    frame = with_video_rates(videos)
    base = frame if baseline is None else with_video_rates(baseline)
    actual = {
        int(item_id): _item_figures(group)
        for item_id, group in frame[frame["plan_item_id"].notna()].groupby("plan_item_id")
    }
    medians = {
        pillar: {m: _median(group[m]) for m in ACTUAL_METRICS}
        for pillar, group in base[base["pillar_id"].notna()].groupby("pillar_id")
    }
    empty = dict.fromkeys((*ACTUAL_METRICS, "videos"), np.nan) | {"videos": 0}
    rows = []
    for item in items.to_dict("records"):
        figures = actual.get(int(item["item_id"]), empty)
        pillar = medians.get(item["pillar_id"], {}) if pd.notna(item["pillar_id"]) else {}
        rows.append(
            {
                **item,
                **figures,
                **{f"pillar_{m}": pillar.get(m, np.nan) for m in ACTUAL_METRICS},
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[*items.columns, "videos", *ACTUAL_METRICS]
        + [f"pillar_{m}" for m in ACTUAL_METRICS],
    )
    per_video = out["views"] / out["videos"].where(out["videos"] > 0)
    out["views_vs_pillar"] = per_video / out["pillar_views"].where(out["pillar_views"] > 0)
    return out


def _item_figures(group: pd.DataFrame) -> dict[str, float]:
    viewed = group[group["views"] > 0]
    return {
        "videos": len(group),
        "views": float(group["views"].sum(min_count=1)),
        "completion_rate": _weighted(viewed, "completion_rate"),
        "interaction_rate": _ratio(viewed, "interactions"),
        "orders": float(group["orders"].sum(min_count=1)),
    }
