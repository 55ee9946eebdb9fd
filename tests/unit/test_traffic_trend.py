"""Daily trends: account days where a platform has them, else differences of video snapshots."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest

from app.analytics.traffic import Period, TrafficFilter, daily_trend

DAILY_METRICS = ("views", "followers_total", "followers_gained", "profile_visits")
DAILY_METRICS += ("likes", "comments", "shares")
SNAPSHOT_METRICS = ("views", "likes", "comments", "shares", "followers_gained", "profile_visits")
NAN = float("nan")


def account_days(*rows: dict[str, Any]) -> pd.DataFrame:
    """Rows shaped like load_trend_inputs' account_daily."""
    frame = pd.DataFrame(
        [
            dict.fromkeys(DAILY_METRICS, np.nan) | {"account_id": 1, "platform": "douyin"} | r
            for r in rows
        ],
        columns=["account_id", "platform", "day", *DAILY_METRICS],
    )
    frame["day"] = pd.to_datetime(frame["day"]).astype("datetime64[us]")
    frame["account_id"] = frame["account_id"].astype("Int64")
    return frame.astype(dict.fromkeys(DAILY_METRICS, float))


def snapshots(*rows: dict[str, Any]) -> pd.DataFrame:
    """Rows shaped like load_trend_inputs' snapshots."""
    base = {"platform": "kuaishou", "account_id": None, "pillar_id": None, "template_id": None}
    frame = pd.DataFrame(
        [dict.fromkeys(SNAPSHOT_METRICS, np.nan) | base | r for r in rows],
        columns=[
            "video_id",
            "platform",
            "account_id",
            "pillar_id",
            "template_id",
            "published_at",
            "snapshot_at",
            *SNAPSHOT_METRICS,
        ],
    )
    for column in ("published_at", "snapshot_at"):
        frame[column] = pd.to_datetime(frame[column], format="ISO8601").astype("datetime64[us]")
    for column in ("video_id", "account_id", "pillar_id", "template_id"):
        frame[column] = frame[column].astype("Int64")
    return frame.astype(dict.fromkeys(SNAPSHOT_METRICS, float))


def days(start: str, end: str) -> TrafficFilter:
    return TrafficFilter(Period(date.fromisoformat(start), date.fromisoformat(end)))


NO_DAYS = account_days()
NO_SNAPSHOTS = snapshots()


def test_account_days_give_the_days_they_have_and_leave_the_others_unknown() -> None:
    daily = account_days(
        {"day": "2026-10-01", "views": 10},
        {"day": "2026-10-02", "views": 20},
        {"day": "2026-10-02", "views": 5, "account_id": 2},  # a second 抖音 account adds up
        {"day": "2026-10-03", "views": None, "followers_gained": 4},
        {"day": "2026-09-30", "views": 999},
    )
    trend = daily_trend(daily, NO_SNAPSHOTS, days("2026-10-01", "2026-10-04"), "views")
    assert list(trend.frame.columns) == ["douyin"]
    assert trend.frame["douyin"].tolist() == pytest.approx([10, 25, NAN, NAN], nan_ok=True)
    assert trend.sources == {"douyin": "account_daily"}
    assert trend.missing == ()
    assert list(trend.frame.index) == list(pd.date_range("2026-10-01", "2026-10-04"))
    only_second = TrafficFilter(days("2026-10-01", "2026-10-02").period, account_ids=(2,))
    assert daily_trend(daily, NO_SNAPSHOTS, only_second, "views").frame["douyin"].tolist() == [
        pytest.approx(NAN, nan_ok=True),
        5,
    ]


def test_snapshots_spread_each_rise_over_the_days_since_the_last_one() -> None:
    shots = snapshots(
        {
            "video_id": 1,
            "published_at": "2026-10-01 10:00",
            "snapshot_at": "2026-10-03 09:00",
            "views": 30,
        },
        {
            "video_id": 1,
            "published_at": "2026-10-01 10:00",
            "snapshot_at": "2026-10-05 09:00",
            "views": 50,
        },
    )
    trend = daily_trend(NO_DAYS, shots, days("2026-10-01", "2026-10-06"), "views")
    # 0 the day before publishing → 30 on the 3rd → 50 on the 5th; the 6th has no export yet
    assert trend.frame["kuaishou"].tolist() == pytest.approx([10, 10, 10, 10, 10, NAN], nan_ok=True)
    assert trend.sources == {"kuaishou": "snapshots"}


def test_a_snapshot_showing_less_adds_nothing_never_a_negative_day() -> None:
    shots = snapshots(
        {"video_id": 1, "published_at": "2026-10-01", "snapshot_at": "2026-10-02", "views": 40},
        {"video_id": 1, "published_at": "2026-10-01", "snapshot_at": "2026-10-04", "views": 30},
        {"video_id": 2, "published_at": "2026-10-03", "snapshot_at": "2026-10-04", "views": 8},
    )
    trend = daily_trend(NO_DAYS, shots, days("2026-10-01", "2026-10-04"), "views")
    assert trend.frame["kuaishou"].tolist() == pytest.approx([20, 20, 4, 4])


def test_a_video_without_publish_time_counts_from_its_first_snapshot_day() -> None:
    shots = snapshots(
        {"video_id": 1, "published_at": None, "snapshot_at": "2026-10-02 08:00", "views": 60},
        {"video_id": 1, "published_at": None, "snapshot_at": "2026-10-02 20:00", "views": 70},
        {"video_id": 1, "published_at": None, "snapshot_at": "2026-10-03", "views": 71},
    )
    trend = daily_trend(NO_DAYS, shots, days("2026-10-01", "2026-10-03"), "views")
    assert trend.frame["kuaishou"].tolist() == pytest.approx([0, 70, 1])  # the day's newest export


def test_old_videos_count_on_the_days_they_gain() -> None:
    shots = snapshots(
        {"video_id": 1, "published_at": "2026-08-01", "snapshot_at": "2026-09-30", "views": 1000},
        {"video_id": 1, "published_at": "2026-08-01", "snapshot_at": "2026-10-10", "views": 1100},
    )
    trend = daily_trend(NO_DAYS, shots, days("2026-10-01", "2026-10-02"), "views")
    assert trend.frame["kuaishou"].tolist() == pytest.approx([10, 10])


def test_account_days_win_unless_the_filter_narrows_the_content() -> None:
    daily = account_days({"day": "2026-10-01", "views": 500, "platform": "kuaishou"})
    shots = snapshots(
        {
            "video_id": 1,
            "pillar_id": 3,
            "published_at": "2026-10-01",
            "snapshot_at": "2026-10-01",
            "views": 7,
        },
        {"video_id": 2, "published_at": "2026-10-01", "snapshot_at": "2026-10-01", "views": 9},
    )
    whole = daily_trend(daily, shots, days("2026-10-01", "2026-10-01"), "views")
    assert whole.frame["kuaishou"].tolist() == [500]
    assert whole.sources == {"kuaishou": "account_daily"}
    pillar = TrafficFilter(Period(date(2026, 10, 1), date(2026, 10, 1)), pillar_ids=(3,))
    narrowed = daily_trend(daily, shots, pillar, "views")
    assert narrowed.frame["kuaishou"].tolist() == [7]
    assert narrowed.sources == {"kuaishou": "snapshots"}


def test_platforms_without_the_metric_are_named_missing() -> None:
    daily = account_days({"day": "2026-10-01", "views": 5, "platform": "tiktok"})
    shots = snapshots(
        {"video_id": 1, "published_at": "2026-10-01", "snapshot_at": "2026-10-02", "views": 3},
        {
            "video_id": 2,
            "platform": "douyin",
            "published_at": "2026-10-01",
            "snapshot_at": "2026-10-02",
            "followers_gained": 2,
        },
    )
    trend = daily_trend(daily, shots, days("2026-10-01", "2026-10-02"), "followers_gained")
    assert list(trend.frame.columns) == ["douyin"]
    assert trend.frame["douyin"].tolist() == pytest.approx([1, 1])
    assert trend.missing == ("kuaishou", "tiktok")
    only = TrafficFilter(days("2026-10-01", "2026-10-02").period, platforms=("kuaishou",))
    trend = daily_trend(daily, shots, only, "views")
    assert list(trend.frame.columns) == ["kuaishou"]


def test_an_unknown_metric_is_refused() -> None:
    with pytest.raises(ValueError, match="no daily trend"):
        daily_trend(NO_DAYS, NO_SNAPSHOTS, days("2026-10-01", "2026-10-02"), "gmv")
    empty = daily_trend(NO_DAYS, NO_SNAPSHOTS, days("2026-10-01", "2026-10-02"), "views")
    assert empty.frame.shape == (2, 0)
    assert empty.missing == ()
