"""The Traffic service over real stores: the video frame, sales, choices, labels, and totals that
equal ``shopreel stats`` on the demo shop and truth.json on the samples."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import select

from app.analytics.traffic import VIDEO_COLUMNS, Period, TrafficFilter, kpis, per_platform_kpis
from app.db import Reader, Store
from app.models.content import ContentPillar, Template
from app.models.orders import Order
from app.models.shop import Account, Shop
from app.models.traffic import AccountDaily, Video, VideoSnapshot
from app.services.imports import import_files
from app.services.stats import Month, month_stats
from app.services.traffic import (
    UNCHANGED,
    label_videos,
    load_trend_inputs,
    load_videos,
    snapshot_history,
    traffic_choices,
)
from tests import pg
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8")) if SAMPLES.is_dir() else {}
TOTALS = {"videos": "videos_published", "views": "video_views", "likes": "likes"}
TOTALS |= {"comments": "comments", "shares": "shares"}


def line(
    key: str, video: Video | None, cents: int, currency: str = "CNY", **extra: object
) -> Order:
    """A paid order line (override paid_at / cancelled to make it something else)."""
    values = {
        "platform": "douyin",
        "line_key": key,
        "order_no": key.split("-")[0],
        "payable_cents": cents,
        "currency": currency,
        "paid_at": datetime(2026, 10, 5, 12),
        "video": video,
    } | extra
    video = values.pop("video")
    return Order(**values, video_id=video.id if video else None)


@pytest.fixture
def small_store(store: Store) -> Store:
    """Two accounts, a pillar and a template, five videos with snapshots, a few order lines."""
    with store.session_scope() as session:
        shop = Shop(name="棉里")
        douyin = Account(platform="douyin", handle="棉里女装", currency="CNY")
        tiktok = Account(platform="tiktok", handle="ml.studio", currency="USD")
        shop.accounts += [douyin, tiktok]
        pillar = ContentPillar(name="好物测评", color="#4e79a7")
        template = Template(name="15秒快剪")
        session.add_all([shop, pillar, template])
        session.flush()
        review = Video(
            platform="douyin",
            video_key="a",
            account_id=douyin.id,
            title="=HYPERLINK(1) 显瘦 #穿搭",
            published_at=datetime(2026, 10, 3, 20, 15),
            duration_s=42,
            pillar_id=pillar.id,
            template_id=template.id,
            tags="#穿搭",
        )
        unsold = Video(platform="douyin", video_key="b", account_id=douyin.id, title="b")
        silent = Video(platform="kuaishou", video_key="c", title="no snapshot yet")
        abroad = Video(platform="tiktok", video_key="d", account_id=tiktok.id, title="d")
        session.add_all([review, unsold, silent, abroad])
        session.flush()
        session.add_all(
            [
                VideoSnapshot(video_id=review.id, snapshot_at=datetime(2026, 10, 10), views=50),
                VideoSnapshot(
                    video_id=review.id,
                    snapshot_at=datetime(2026, 10, 20),
                    views=1000,
                    likes=60,
                    comments=20,
                    shares=None,
                    favorites=20,
                    completion_rate=0.25,
                    followers_gained=7,
                ),
                VideoSnapshot(video_id=review.id, snapshot_at=datetime(2026, 10, 15), views=700),
                VideoSnapshot(video_id=unsold.id, snapshot_at=datetime(2026, 10, 20), views=0),
                VideoSnapshot(video_id=abroad.id, snapshot_at=datetime(2026, 10, 20), views=10),
                AccountDaily(account_id=douyin.id, day=date(2026, 10, 1), views=123),
            ]
        )
        session.add_all(
            [
                line("o1-1", review, 10000),
                line("o1-2", review, 2500),  # a second line of the same order
                line("o2-1", review, 3000),
                line("o3-1", review, 999, paid_at=None),  # never paid
                line("o4-1", review, 777, cancelled=True),
                line("o5-1", None, 5000),  # not attributed to a video
                line("t1-1", abroad, 1999, "USD", platform="tiktok"),
                line("t2-1", abroad, 2999, "USD", platform="tiktok"),
                line("t3-1", abroad, 500, "CNY", platform="tiktok"),  # a stray CNY line
            ]
        )
    return store


@pytest.fixture
def reader(small_store: Store) -> Iterator[Reader]:
    opened = small_store.reader()
    yield opened
    opened.close()


def test_load_videos_gives_every_video_its_newest_snapshot(reader: Reader) -> None:
    videos = load_videos(reader)
    assert tuple(videos.columns) == VIDEO_COLUMNS
    assert len(videos) == 4
    review = videos.iloc[0]
    assert review["views"] == 1000  # the 20th, not the last inserted (15th)
    assert review["snapshot_at"] == pd.Timestamp("2026-10-20")
    assert review["published_at"] == pd.Timestamp("2026-10-03 20:15")
    assert review["pillar"] == "好物测评"
    assert review["template"] == "15秒快剪"
    assert review["duration_s"] == 42
    assert math.isnan(review["shares"])  # not exported, not 0
    assert review["interaction_rate"] == pytest.approx(100 / 1000)
    silent = videos[videos["platform"] == "kuaishou"].iloc[0]
    assert math.isnan(silent["views"])
    assert pd.isna(silent["snapshot_at"])
    assert pd.isna(silent["pillar_id"])
    unsold = videos.iloc[1]
    assert unsold["views"] == 0
    assert math.isnan(unsold["interaction_rate"])  # no rate over zero views
    assert str(videos["pillar_id"].dtype) == "Int64"
    assert str(videos["published_at"].dtype).startswith("datetime64")


def test_attributed_sales_count_paid_orders_in_one_currency(reader: Reader) -> None:
    review, unsold, silent, abroad = (row for _, row in load_videos(reader).iterrows())
    assert review["orders"] == 2  # o1 (two lines) and o2; unpaid and cancelled lines left out
    assert review["gmv_cents"] == 15500
    assert review["gmv_currency"] == "CNY"
    assert unsold["orders"] == 0  # 抖店 orders name videos: none named this one
    assert unsold["gmv_cents"] == 0
    assert unsold["gmv_currency"] == "CNY"
    assert pd.isna(silent["orders"])  # no 快手 order names a video: unknown
    assert pd.isna(silent["gmv_cents"])
    assert silent["gmv_currency"] is None
    assert abroad["orders"] == 3
    assert abroad["gmv_cents"] == 4998  # the USD lines; the stray CNY line is not added to them
    assert abroad["gmv_currency"] == "USD"


def test_a_tie_between_currencies_keeps_the_account_currency(small_store: Store) -> None:
    with small_store.session_scope() as session:
        unsold = session.get(Video, 2)
        session.add_all([line("x1-1", unsold, 800, "USD"), line("x2-1", unsold, 300, "CNY")])
    reader = small_store.reader()
    try:
        unsold = load_videos(reader).iloc[1]
    finally:
        reader.close()
    assert unsold["orders"] == 2
    assert (unsold["gmv_cents"], unsold["gmv_currency"]) == (300, "CNY")  # 抖音 account: CNY


def test_the_choices_list_what_the_store_has(reader: Reader) -> None:
    choices = traffic_choices(reader)
    assert choices.platforms == ("douyin", "kuaishou", "tiktok")
    assert [a[1:] for a in choices.accounts] == [("douyin", "棉里女装"), ("tiktok", "ml.studio")]
    assert [p[1:] for p in choices.pillars] == [("好物测评", "#4e79a7")]
    assert [t[1] for t in choices.templates] == ["15秒快剪"]
    assert choices.first_day == date(2026, 10, 3)
    assert choices.last_day == date(2026, 10, 3)


def test_an_empty_store_loads_empty_frames(store: Store) -> None:
    reader = store.reader()
    try:
        assert load_videos(reader).empty
        choices = traffic_choices(reader)
        assert choices.platforms == ()
        assert choices.first_day is None
        daily, shots = load_trend_inputs(reader)
        assert daily.empty
        assert shots.empty
    finally:
        reader.close()


def test_snapshot_history_and_trend_inputs(reader: Reader) -> None:
    history = snapshot_history(reader, 1)
    assert list(history["views"]) == [50, 700, 1000]
    assert list(history["snapshot_at"]) == list(
        pd.to_datetime(["2026-10-10", "2026-10-15", "2026-10-20"])
    )
    assert math.isnan(history["shares"].iloc[-1])
    daily, shots = load_trend_inputs(reader)
    assert daily[["platform", "views"]].values.tolist() == [["douyin", 123.0]]
    assert list(shots["video_id"]) == [1, 1, 1, 2, 4]
    assert list(shots[shots["video_id"] == 1]["views"]) == [50, 700, 1000]  # oldest first


def pillars_and_templates(store: Store) -> list[tuple[int | None, int | None]]:
    with store.session_scope() as session:
        return list(session.execute(select(Video.pillar_id, Video.template_id).order_by(Video.id)))


def test_label_videos_sets_clears_and_counts_real_changes(small_store: Store) -> None:
    assert label_videos(small_store, [1, 2, 3], pillar_id=1) == 2  # video 1 already had it
    assert pillars_and_templates(small_store) == [(1, 1), (1, None), (1, None), (None, None)]
    assert label_videos(small_store, [1, 4], pillar_id=None, template_id=1) == 2
    assert pillars_and_templates(small_store) == [(None, 1), (1, None), (1, None), (None, 1)]
    assert label_videos(small_store, [2], pillar_id=UNCHANGED) == 0
    assert label_videos(small_store, [], pillar_id=1) == 0


def test_label_videos_refuses_an_unknown_label_and_changes_nothing(small_store: Store) -> None:
    before = pillars_and_templates(small_store)
    with pytest.raises(ValueError, match="no template with id 99"):
        label_videos(small_store, [1, 2], pillar_id=1, template_id=99)
    with pytest.raises(ValueError, match="no content pillar with id 42"):
        label_videos(small_store, [2], pillar_id=42)
    assert pillars_and_templates(small_store) == before


# --- Totals equal shopreel stats ----------------------------------------------------------------


def assert_totals_match(videos: pd.DataFrame, reader: Reader, month: str) -> None:
    """KPI totals of a calendar month equal month_stats, overall and per platform."""
    stats = month_stats(reader, Month.parse(month))
    flt = TrafficFilter(Period.month(month))
    figures = {k.key: k for k in kpis(videos, flt)}
    for key, name in TOTALS.items():
        assert figures[key].value == stats[name], (month, key)
    table = per_platform_kpis(videos, flt)
    for platform, expected in stats["by_platform"]["videos"].items():
        if expected["videos_published"] == 0:
            assert platform not in table.index
            continue
        for key, name in TOTALS.items():
            ours = table.loc[platform, key]
            if math.isnan(ours):  # not exported: stats counts 0, the KPI names the platform
                assert expected[name] == 0, (month, platform, key)
                assert platform in figures[key].missing_platforms
            else:
                assert ours == expected[name], (month, platform, key)


@pytest.mark.parametrize("month", ["2026-09", "2026-10", "2026-11"])
def test_demo_totals_equal_shopreel_stats(demo_store: Store, month: str) -> None:
    reader = demo_store.reader()
    try:
        assert_totals_match(load_videos(reader), reader, month)
    finally:
        reader.close()


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Every sample imported in truth.json's order (a few seconds, once for this module): a
    SQLite file, or a database on the test server."""
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is absent")
    for opened in pg.scratch_store(tmp_path_factory.mktemp("traffic_samples"), "traffic_samples"):
        import_files(opened, [SAMPLES / name for name in TRUTH["import_order"]])
        yield opened


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
@pytest.mark.parametrize("month", sorted(TRUTH.get("months", {})))
def test_sample_totals_equal_truth(samples_store: Store, month: str) -> None:
    reader = samples_store.reader()
    try:
        videos = load_videos(reader)
    finally:
        reader.close()
    want = TRUTH["months"][month]
    figures = {k.key: k for k in kpis(videos, TrafficFilter(Period.month(month)))}
    for key, name in TOTALS.items():
        assert figures[key].value == want[name], (month, key)
    assert figures["shares"].missing_platforms == ("kuaishou",)  # 快手 exports no shares
    assert figures["shares"].partial
    table = per_platform_kpis(videos, TrafficFilter(Period.month(month)))
    for platform, expected in want["by_platform"]["videos"].items():
        for key, name in TOTALS.items():
            ours = table.loc[platform, key]
            assert (0 if math.isnan(ours) else ours) == expected[name], (month, platform, key)
        assert math.isnan(table.loc[platform, "shares"]) == (platform == "kuaishou")
