"""Traffic analytics on small hand-computed frames: periods, filters, KPIs, comparisons."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest

from app.analytics.traffic import (
    KPI_KEYS,
    LENGTH_BUCKETS,
    NO_LABEL,
    VIDEO_COLUMNS,
    Period,
    TrafficFilter,
    comparison,
    completion_histogram,
    interaction_rates,
    kpis,
    length_buckets,
    outliers,
    per_platform_kpis,
    top_bottom,
)

TEXT = ("platform", "title", "tags", "format", "pillar", "template", "gmv_currency")
IDS = ("account_id", "pillar_id", "template_id", "orders", "gmv_cents")


def make_videos(*rows: dict[str, Any]) -> pd.DataFrame:
    """A frame shaped like ``load_videos``: unknown metrics NaN, interaction rate computed."""
    records = []
    for number, row in enumerate(rows, start=1):
        record: dict[str, Any] = dict.fromkeys(VIDEO_COLUMNS, np.nan)
        record.update(
            {c: None for c in TEXT}
            | {"video_id": number, "platform": "douyin", "title": "", "tags": ""}
        )
        record.update(row)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(VIDEO_COLUMNS))
    frame["video_id"] = frame["video_id"].astype("int64")
    for column in ("published_at", "snapshot_at"):
        frame[column] = pd.to_datetime(frame[column], format="ISO8601").astype("datetime64[us]")
    for column in IDS:
        frame[column] = frame[column].astype("Int64")
    numeric = [c for c in VIDEO_COLUMNS if c not in (*TEXT, *IDS, "video_id")]
    for column in numeric:
        if column not in ("published_at", "snapshot_at"):
            frame[column] = frame[column].astype(float)
    given = [r.get("interaction_rate") for r in rows]
    computed = interaction_rates(frame)
    frame["interaction_rate"] = [
        c if g is None else g for g, c in zip(given, computed, strict=True)
    ]
    return frame


OCTOBER = Period.month("2026-10")


def october_videos() -> pd.DataFrame:
    """Three October videos on two platforms, one September video, two outside any period."""
    return make_videos(
        {
            "published_at": "2026-10-03 20:00",
            "account_id": 1,
            "pillar_id": 1,
            "views": 1000,
            "likes": 100,
            "comments": 10,
            "shares": 5,
            "favorites": 5,
            "completion_rate": 0.2,
            "completion_5s_rate": 0.5,
            "avg_watch_s": 10,
            "followers_gained": 3,
            "profile_visits": 7,
        },
        {
            "published_at": "2026-10-31 23:59:59",
            "account_id": 1,
            "template_id": 4,
            "views": 3000,
            "likes": 200,
            "comments": 20,
            "shares": 10,
            "favorites": 10,
            "completion_rate": 0.4,
            "avg_watch_s": 20,
            "followers_gained": 5,
            "profile_visits": 3,
        },
        {
            "platform": "kuaishou",
            "published_at": "2026-10-01 00:00",
            "account_id": 2,
            "pillar_id": 2,
            "views": 1000,
            "likes": 50,
            "comments": 5,
            "favorites": 20,
            "completion_rate": 0.1,
            "followers_gained": 2,
        },
        {"published_at": "2026-09-15 12:00", "views": 2000, "likes": 100, "comments": 0},
        {"published_at": "2026-11-01 00:00", "views": 99999},
        {"published_at": None, "views": 77777},
    )


# --- Periods and filters ------------------------------------------------------------------------


def test_periods_count_days_and_step_back_by_their_own_length() -> None:
    today = date(2026, 11, 28)
    assert Period.last_days(7, today) == Period(date(2026, 11, 22), today)
    assert Period.last_days(7, today).days() == 7
    assert Period.last_days(7, today).previous() == Period(date(2026, 11, 15), date(2026, 11, 21))
    assert Period.this_month(today) == Period(date(2026, 11, 1), today)
    assert Period.this_month(today).previous() == Period(date(2026, 10, 4), date(2026, 10, 31))
    assert Period.last_month(date(2026, 1, 15)) == Period(date(2025, 12, 1), date(2025, 12, 31))
    assert Period.month("2028-02") == Period(date(2028, 2, 1), date(2028, 2, 29))
    assert OCTOBER.previous() == Period(date(2026, 8, 31), date(2026, 9, 30))
    assert date(2026, 10, 31) in OCTOBER
    assert date(2026, 11, 1) not in OCTOBER
    assert len(OCTOBER.day_index()) == 31


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "26-10", "october", "2026/10"])
def test_a_month_must_be_written_like_2026_10(text: str) -> None:
    with pytest.raises(ValueError, match="month"):
        Period.month(text)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before"):
        Period(date(2026, 10, 2), date(2026, 10, 1))
    with pytest.raises(ValueError, match="one day"):
        Period.last_days(0, date(2026, 10, 1))


def test_the_filter_selects_by_publish_day_and_labels() -> None:
    videos = october_videos()
    ids = lambda flt: list(flt.select(videos)["video_id"])  # noqa: E731
    assert ids(TrafficFilter(OCTOBER)) == [1, 2, 3]  # the last second of the 31st is in October
    assert ids(TrafficFilter(OCTOBER, platforms=("kuaishou",))) == [3]
    assert ids(TrafficFilter(OCTOBER, account_ids=(1,))) == [1, 2]
    assert ids(TrafficFilter(OCTOBER, pillar_ids=(2,))) == [3]
    assert ids(TrafficFilter(OCTOBER, pillar_ids=(NO_LABEL,))) == [2]
    assert ids(TrafficFilter(OCTOBER, pillar_ids=(1, NO_LABEL))) == [1, 2]
    assert ids(TrafficFilter(OCTOBER, template_ids=(4,))) == [2]
    assert ids(TrafficFilter(OCTOBER, template_ids=(NO_LABEL,))) == [1, 3]
    assert ids(TrafficFilter(OCTOBER).previous()) == [4]
    assert TrafficFilter(OCTOBER, template_ids=(4,)).narrows_content
    assert not TrafficFilter(OCTOBER, platforms=("douyin",)).narrows_content


# --- KPIs ---------------------------------------------------------------------------------------


def test_kpis_sum_what_is_known_and_weight_rates_by_views() -> None:
    figures = {k.key: k for k in kpis(october_videos(), TrafficFilter(OCTOBER))}
    assert tuple(figures) == KPI_KEYS
    assert figures["videos"].value == 3
    assert figures["views"].value == 5000
    assert figures["likes"].value == 350
    assert figures["comments"].value == 35
    assert figures["favorites"].value == 35
    assert figures["followers_gained"].value == 10
    # (120 + 240 + 75) / 5000: kuaishou's interactions count without its (unexported) shares
    assert figures["interaction_rate"].value == pytest.approx(435 / 5000)
    # (0.2·1000 + 0.4·3000 + 0.1·1000) / 5000, not the plain mean 0.233
    assert figures["completion_rate"].value == pytest.approx(0.3)
    assert figures["completion_5s_rate"].value == pytest.approx(0.5)  # only video 1 has it
    assert figures["avg_watch_s"].value == pytest.approx((10 * 1000 + 20 * 3000) / 4000)


def test_a_figure_a_platform_does_not_export_is_partial_not_zero() -> None:
    figures = {k.key: k for k in kpis(october_videos(), TrafficFilter(OCTOBER))}
    shares = figures["shares"]
    assert shares.value == 15
    assert shares.missing_platforms == ("kuaishou",)
    assert shares.partial
    assert figures["interaction_rate"].missing_platforms == ("kuaishou",)
    assert figures["profile_visits"].missing_platforms == ("kuaishou",)
    assert figures["completion_5s_rate"].missing_platforms == ("kuaishou",)
    assert figures["views"].missing_platforms == ()
    assert not figures["views"].partial
    only_kuaishou = {
        k.key: k for k in kpis(october_videos(), TrafficFilter(OCTOBER, platforms=("kuaishou",)))
    }
    assert only_kuaishou["shares"].value is None  # unknown, never 0
    assert not only_kuaishou["shares"].partial
    assert only_kuaishou["avg_watch_s"].value is None


def test_kpis_compare_with_the_previous_period_of_the_same_length() -> None:
    figures = {k.key: k for k in kpis(october_videos(), TrafficFilter(OCTOBER))}
    assert figures["videos"].previous == 1
    assert figures["videos"].change == pytest.approx(2.0)
    assert figures["views"].previous == 2000
    assert figures["views"].change == pytest.approx(1.5)
    assert figures["comments"].previous == 0
    assert figures["comments"].change is None  # no change from nothing
    assert figures["shares"].previous is None  # the September video's platform gave no shares
    assert figures["shares"].change is None
    assert figures["interaction_rate"].previous == pytest.approx(100 / 2000)
    assert figures["interaction_rate"].change == pytest.approx((435 / 5000 - 0.05) / 0.05)


def test_an_empty_selection_counts_zero_and_has_no_rates() -> None:
    figures = {k.key: k for k in kpis(october_videos(), TrafficFilter(Period.month("2025-01")))}
    assert figures["videos"].value == 0
    assert figures["views"].value == 0
    assert figures["completion_rate"].value is None
    assert figures["views"].change is None


def test_per_platform_kpis_leave_unexported_figures_unknown() -> None:
    table = per_platform_kpis(october_videos(), TrafficFilter(OCTOBER))
    assert list(table.index) == ["douyin", "kuaishou"]
    assert list(table.columns) == list(KPI_KEYS)
    assert table.loc["douyin", "views"] == 4000
    assert table.loc["douyin", "completion_rate"] == pytest.approx(0.35)
    assert table.loc["kuaishou", "views"] == 1000
    assert math.isnan(table.loc["kuaishou", "shares"])
    assert table.loc["kuaishou", "interaction_rate"] == pytest.approx(0.075)


# --- Comparisons --------------------------------------------------------------------------------


def test_length_buckets_have_closed_lower_edges() -> None:
    seconds = pd.Series([0, 14.9, 15, 29, 30, 59.5, 60, 179, 180, 3600, np.nan])
    assert list(length_buckets(seconds)) == [
        "<15s",
        "<15s",
        "15–30s",
        "15–30s",
        "30–60s",
        "30–60s",
        "1–3 min",
        "1–3 min",
        ">3 min",
        ">3 min",
        "unknown",
    ]


def test_comparison_by_pillar_counts_sums_and_medians() -> None:
    videos = make_videos(
        {"pillar": "测评", "views": 100, "completion_rate": 0.1, "followers_gained": 1},
        {"pillar": "测评", "views": 300, "completion_rate": 0.3, "followers_gained": 3},
        {"pillar": "测评", "views": 1000, "completion_rate": 0.2, "followers_gained": 10},
        {"pillar": "工厂", "views": 5000, "completion_rate": 0.5},
        {"pillar": None, "views": 50_000, "likes": 500},
    )
    table = comparison(videos, "pillar")
    assert list(table["group"]) == ["工厂", "测评", None]  # by views, the unlabelled last
    review = table.iloc[1]
    assert review["videos"] == 3
    assert review["views"] == 1400
    assert review["median_views"] == 300
    assert review["median_completion"] == pytest.approx(0.2)
    assert review["followers_gained"] == 14
    assert review["median_followers"] == 3
    assert math.isnan(table.iloc[0]["followers_gained"])  # unknown, not 0
    assert table.iloc[2]["median_interaction"] == pytest.approx(0.01)


def test_comparison_by_length_and_hour_keeps_the_natural_order() -> None:
    videos = make_videos(
        {"duration_s": 200, "published_at": "2026-10-01 21:00", "views": 10},
        {"duration_s": 10, "published_at": "2026-10-02 08:30", "views": 20},
        {"duration_s": None, "published_at": "2026-10-03 21:59", "views": 30},
        {"platform": "channels", "published_at": "2026-10-03", "views": 40},
        {"platform": "channels", "published_at": "2026-10-04", "views": 50},
    )
    by_length = comparison(videos, "length")
    assert list(by_length["group"]) == ["<15s", ">3 min", "unknown"]
    assert list(by_length["videos"]) == [1, 1, 3]
    by_hour = comparison(videos, "hour")
    # 视频号 exports days without the clock time: its hour is unknown, not midnight
    assert list(by_hour["group"]) == [8, 21, None]
    assert list(by_hour["views"]) == [20, 40, 90]
    by_weekday = comparison(videos, "weekday")
    assert list(by_weekday["group"]) == [3, 4, 5, 6]  # 2026-10-01 is a Thursday
    assert set(LENGTH_BUCKETS) >= set(by_length["group"])


def test_comparison_refuses_an_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="cannot compare by"):
        comparison(make_videos({"views": 1}), "colour")


# --- Top and bottom -----------------------------------------------------------------------------


def test_top_and_bottom_never_share_a_video_and_say_what_differs() -> None:
    videos = make_videos(
        *(
            {
                "views": 100 * i,
                "completion_rate": 0.05 * i,
                "pillar": "测评" if i > 3 else "vlog",
                "published_at": f"2026-10-0{i} {'20' if i > 3 else '09'}:00",
            }
            for i in range(1, 6)
        ),
        {"views": None, "completion_rate": 0.9},
    )
    top, bottom, found = top_bottom(videos, n=10)
    assert list(top["views"]) == [500, 400]
    assert list(bottom["views"]) == [100, 200]
    keys = {f.key: f for f in found}
    assert keys["completion"].top_value == pytest.approx(0.225)
    assert keys["completion"].bottom_value == pytest.approx(0.075)
    assert keys["completion"].gap == pytest.approx((0.225 - 0.075) / 0.225)
    assert (keys["pillar"].top_value, keys["pillar"].bottom_value) == ("测评", "vlog")
    assert keys["pillar"].top_share == 1.0
    assert keys["pillar"].bottom_share == 0.0
    assert (keys["hour"].top_value, keys["hour"].bottom_value) == (20, 9)
    assert "platform" not in keys  # the same on both sides
    assert [f.gap for f in found] == sorted((f.gap for f in found), reverse=True)


def test_top_bottom_takes_n_from_each_end() -> None:
    videos = make_videos(*({"views": v} for v in (5, 1, 9, 3, 7, 2, 8)))
    top, bottom, _ = top_bottom(videos, n=2)
    assert list(top["views"]) == [9, 8]
    assert list(bottom["views"]) == [1, 2]
    top, bottom, found = top_bottom(make_videos({"views": 5}), n=10)
    assert top.empty
    assert bottom.empty
    assert found == []


# --- Distributions ------------------------------------------------------------------------------


def test_completion_histogram_has_equal_bands_and_counts_the_top_edge() -> None:
    videos = make_videos(*({"completion_rate": r} for r in (0.0, 0.05, 0.1, 0.95, 1.0, None)))
    hist = completion_histogram(videos, bins=10)
    assert list(hist["bin_start"]) == pytest.approx([i / 10 for i in range(10)])
    assert list(hist["bin_end"]) == pytest.approx([i / 10 for i in range(1, 11)])
    assert list(hist["videos"]) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]


def test_outliers_are_far_from_the_completion_views_trend_per_platform() -> None:
    rows = []
    for i in range(8):  # log10(views) = 3 + 2·completion, kuaishou ten times smaller
        rate = 0.1 + 0.05 * i
        rows.append({"platform": "douyin", "completion_rate": rate, "views": 10 ** (3 + 2 * rate)})
        rows.append(
            {"platform": "kuaishou", "completion_rate": rate, "views": 10 ** (2 + 2 * rate)}
        )
    rows[3]["views"] *= 1.05  # a little noise is not an outlier
    rows.append({"platform": "douyin", "completion_rate": 0.2, "views": 10 ** (3 + 0.4) * 30})
    found = outliers(make_videos(*rows))
    assert list(found["video_id"]) == [17]
    assert found.iloc[0]["direction"] == "above"
    assert found.iloc[0]["robust_z"] > 2.5
    assert 1000 < found.iloc[0]["expected_views"] < 10**3.4 * 30


def test_too_few_videos_have_no_outliers() -> None:
    found = outliers(make_videos(*({"completion_rate": 0.1, "views": v} for v in (1, 10, 1e6))))
    assert found.empty
    assert {"expected_views", "robust_z", "direction"} <= set(found.columns)
