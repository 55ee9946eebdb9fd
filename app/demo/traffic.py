"""Account days, paid promotion (千川, DOU+, TikTok promote) and viewer comments."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from app.demo import vocab
from app.demo.content import views_share
from app.demo.world import DAYS, VideoInfo, World
from app.models import AccountDaily, AdSpend, Comment

OVERVIEW_EXPORTS = {
    "douyin": ("douyin_account_overview", "demo/抖音账号总览_{d:%Y%m%d}.xlsx"),
    "kuaishou": ("kuaishou_account_overview", "demo/快手账号数据_{d:%Y%m%d}.xlsx"),
    "channels": ("channels_account_overview", "demo/视频号关注者数据_{d:%Y%m%d}.csv"),
    "xiaohongshu": ("xhs_account_trend", "demo/近90日观看数据_{d:%Y%m%d}.xlsx"),
    "tiktok": ("tiktok_studio_overview", "demo/Overview_{d:%Y%m%d}.csv"),
}
QIANCHUAN_DAYS = 40
QIANCHUAN_MATERIALS = 12
DOUPLUS_DAYS = 20
PROMOTE_DAYS = 15
COMMENTS = 600


def make_account_days(world: World) -> None:
    """Each account's 90 days: video views as the videos' view curves say, plus organic views."""
    exported_at = datetime.combine(world.day(DAYS - 1), time(10, 30))
    for platform, (kind, pattern) in OVERVIEW_EXPORTS.items():
        account = world.accounts[platform]
        batch_id = world.batch(
            pattern.format(d=exported_at), platform, kind, exported_at, "account_daily"
        )
        videos = [v for v in world.videos if v.platform == platform]
        followers = vocab.ACCOUNTS[platform][4]
        like_rate = 0.05 if platform == "tiktok" else 0.03
        for index in range(DAYS):
            day = world.day(index)
            views = round(
                _video_views_on(day, videos) + followers * 0.07 * world.rng.uniform(0.7, 1.3)
            )
            gained = round(views * 0.0022 * world.rng.uniform(0.6, 1.4))
            followers += gained
            world.add(
                AccountDaily,
                {
                    "account_id": account["id"],
                    "day": day,
                    "views": views,
                    "followers_total": followers,
                    "followers_gained": gained,
                    "profile_visits": round(views * 0.011 * world.rng.uniform(0.7, 1.3)),
                    "likes": round(views * like_rate * world.rng.uniform(0.7, 1.3)),
                    "batch_id": batch_id,
                },
            )


def _video_views_on(day: date, videos: list[VideoInfo]) -> float:
    start = datetime.combine(day, time())
    end = start + timedelta(days=1)
    total = 0.0
    for video in videos:
        if video.published_at >= end:
            continue
        age_start = max(0.0, (start - video.published_at).total_seconds() / 86400)
        age_end = (end - video.published_at).total_seconds() / 86400
        total += video.reach * (views_share(age_end) - views_share(age_start))
    return total


def make_ad_spend(world: World) -> None:
    """千川 material days, DOU+ boosts (CNY) and TikTok promote (USD)."""
    _qianchuan(world)
    _boosts(
        world,
        "douyin",
        "douplus",
        DOUPLUS_DAYS,
        (100, 600),
        "CNY",
        ("douplus_daily", "demo/DOU+投放明细_{d:%Y%m%d}.xlsx"),
    )
    _boosts(
        world,
        "tiktok",
        "promote",
        PROMOTE_DAYS,
        (20, 80),
        "USD",
        ("tiktok_promote_daily", "demo/Promote_{d:%Y%m%d}.csv"),
    )


def _roas(world: World) -> float:
    """Mostly 1.2-3, now and then a flop."""
    return world.rng.uniform(0.5, 1.2) if world.rng.random() < 0.1 else world.rng.uniform(1.2, 3.0)


def _ad_row(world: World, spend_cents: int, roas: float, order_value_cents: int) -> dict:
    rng = world.rng
    impressions = round(spend_cents / 100 / rng.uniform(25, 60) * 1000)
    gmv = round(spend_cents * roas)
    return {
        "spend_cents": spend_cents,
        "impressions": impressions,
        "clicks": round(impressions * rng.uniform(0.012, 0.035)),
        "orders": round(gmv / (order_value_cents * rng.uniform(0.8, 1.25))),
        "gmv_cents": gmv,
    }


def _qianchuan(world: World) -> None:
    rng = world.rng
    douyin = [v for v in world.videos if v.platform == "douyin"]
    picked = sorted(
        rng.sample(douyin, min(QIANCHUAN_MATERIALS, len(douyin))), key=lambda v: v.published_at
    )
    materials = [(v, world.digits(19, "17")) for v in picked]

    def live_on(day: date) -> list[tuple[VideoInfo, str]]:
        end = datetime.combine(day, time(23, 59))
        return [m for m in materials if timedelta(0) < end - m[0].published_at < timedelta(days=35)]

    days = [world.day(i) for i in range(DAYS) if live_on(world.day(i))]
    for day in sorted(rng.sample(days, min(QIANCHUAN_DAYS, len(days)))):
        live = live_on(day)
        exported = min(
            datetime.combine(day + timedelta(days=1), time(9, rng.randrange(60))), world.cutoff
        )
        name = f"demo/全域数据_素材分析_视频_{day:%Y-%m-%d}.xlsx"
        batch_id = world.batch(name, "douyin", "qianchuan_material_daily", exported, "ad_spend")
        for video, material_key in rng.sample(live, min(len(live), rng.randint(1, 4))):
            spend = rng.randint(200, 2500) * 100 + rng.randrange(100)
            row = _ad_row(world, spend, _roas(world), 16_000)
            row.update(
                {
                    "platform": "douyin",
                    "channel": "qianchuan",
                    "day": day,
                    "material_key": material_key,
                    "video_id": video.id,
                    "currency": "CNY",
                    "batch_id": batch_id,
                }
            )
            world.add(AdSpend, row)


def _boosts(
    world: World,
    platform: str,
    channel: str,
    days: int,
    spend_range: tuple[int, int],
    currency: str,
    export: tuple[str, str],
) -> None:
    """Per-video boosts on ``days`` random days, of videos at most a week old."""
    rng = world.rng
    exported_at = datetime.combine(world.day(DAYS - 1), time(11, rng.randrange(60)))
    kind, pattern = export
    batch_id = world.batch(pattern.format(d=exported_at), platform, kind, exported_at, "ad_spend")
    videos = [v for v in world.videos if v.platform == platform]
    order_value = 16_000 if currency == "CNY" else 4_000
    for index in sorted(rng.sample(range(3, DAYS), days)):
        day = world.day(index)
        end = datetime.combine(day, time(23, 59))
        fresh = [v for v in videos if timedelta(0) < end - v.published_at < timedelta(days=7)]
        for video in rng.sample(fresh, min(len(fresh), rng.randint(1, 2))):
            spend = rng.randint(*spend_range) * 100
            row = _ad_row(world, spend, _roas(world) * 0.85, order_value)
            row.update(
                {
                    "platform": platform,
                    "channel": channel,
                    "day": day,
                    "material_key": video.key,
                    "video_id": video.id,
                    "currency": currency,
                    "batch_id": batch_id,
                }
            )
            world.add(AdSpend, row)


def make_comments(world: World) -> None:
    """About 600 comments, more on videos with more views; some 8 % complaints."""
    rng = world.rng
    weights = [math.sqrt(v.reach) for v in world.videos]
    for number in range(1, COMMENTS + 1):
        video = world.weighted(world.videos, weights)
        english = video.platform == "tiktok"
        negative = rng.random() < 0.08
        if english:
            pool = vocab.COMMENTS_EN_NEGATIVE if negative else vocab.COMMENTS_EN
            author = f"{rng.choice(vocab.EN_FIRST_NAMES)}{rng.randint(1, 999)}"
        else:
            pool = vocab.COMMENTS_CN_NEGATIVE if negative else vocab.COMMENTS_CN
            author = f"{rng.choice(vocab.COMMENT_AUTHORS_CN)}{rng.randint(1, 9999)}"
        at = video.published_at + timedelta(seconds=rng.expovariate(1 / (1.5 * 86400)))
        if at >= world.cutoff:
            at = video.published_at + (world.cutoff - video.published_at) * rng.random()
        age_days = (world.cutoff - at).days
        if video.platform in ("douyin", "tiktok"):
            key = world.digits(19, "72")
        else:
            key = f"{video.key}#{number}"
        world.add(
            Comment,
            {
                "platform": video.platform,
                "comment_key": key,
                "video_id": video.id,
                "author": author,
                "text": rng.choice(pool),
                "commented_at": at.replace(microsecond=0),
                "likes": int(rng.paretovariate(1.3)) - 1 + (rng.randint(0, 40) if negative else 0),
                "negative": negative,
                "handled": rng.random() < (0.85 if age_days > 2 else 0.2)
                if negative
                else rng.random() < 0.35,
                "batch_id": None,
            },
        )
