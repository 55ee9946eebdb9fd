"""Account days, paid promotion (千川, DOU+, TikTok promote) and viewer comments.

TikTok's account days and the 千川 material days are exported (TikTok Studio Overview.csv, one
千川 素材 report per day); the other accounts' days, DOU+ and TikTok promote have no export the
importer knows, so the builder writes them directly.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from app.demo import vocab
from app.demo.content import views_share
from app.demo.world import DAYS, AdDownload, VideoInfo, World
from app.models import AccountDaily, AdSpend, Comment

QIANCHUAN_DAYS = 40
QIANCHUAN_REDOWNLOADS = 3  # days the owner downloads again after the platform revised them
QIANCHUAN_MATERIALS = 12
DOUPLUS_DAYS = 20
PROMOTE_DAYS = 15
COMMENTS = 600


def make_account_days(world: World) -> None:
    """Each account's 90 days: video views as the videos' view curves say, plus organic views."""
    world.overview_exported_at = datetime.combine(
        world.day(DAYS - 1), time(22, world.rng.randrange(60))
    )
    for platform in vocab.ACCOUNTS:
        account = world.accounts[platform]
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
            likes = round(views * like_rate * world.rng.uniform(0.7, 1.3))
            row = {
                "account_id": account["id"],
                "day": day,
                "views": views,
                "followers_total": followers,
                "followers_gained": gained,
                "profile_visits": round(views * 0.011 * world.rng.uniform(0.7, 1.3)),
                "likes": likes,
                "comments": None,
                "shares": None,
            }
            if platform == "tiktok":  # TikTok Studio reports them (deleted comments net out)
                row["comments"] = round(likes * world.rng.uniform(0.02, 0.08)) - (
                    world.rng.random() < 0.05
                )
                row["shares"] = round(likes * world.rng.uniform(0.03, 0.1))
            world.add(AccountDaily, row)


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
    _boosts(world, "douyin", "douplus", DOUPLUS_DAYS, (100, 600), "CNY")
    _boosts(world, "tiktok", "promote", PROMOTE_DAYS, (20, 80), "USD")


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
    """千川 material days: each day's report is downloaded the next morning.

    The platform revises recent days (late attribution), so the first day and a few others are
    downloaded again later with higher GMV: the re-download replaces the day whole.
    """
    rng = world.rng
    douyin = sorted(
        (v for v in world.videos if v.platform == "douyin"), key=lambda v: v.published_at
    )
    picked = [douyin[0], *rng.sample(douyin[1:], min(QIANCHUAN_MATERIALS, len(douyin)) - 1)]
    materials = [
        (v, world.digits(19, "7"), v.published_at + timedelta(minutes=rng.randint(20, 600)))
        for v in sorted(picked, key=lambda v: v.published_at)
    ]
    grades = {
        v.id: world.weighted(("优质素材", "潜力素材", "普通素材"), (2, 3, 5)) for v, *_ in materials
    }

    def live_on(day: date) -> list[tuple[VideoInfo, str, datetime]]:
        end = datetime.combine(day, time(23, 59))
        return [m for m in materials if timedelta(0) < end - m[0].published_at < timedelta(days=35)]

    # Days up to the day before yesterday: a day's report is downloaded the next morning.
    days = [world.day(i) for i in range(DAYS - 1) if live_on(world.day(i))]
    chosen = [days[0], *rng.sample(days[1:], min(QIANCHUAN_DAYS, len(days)) - 1)]
    again = {days[0], *rng.sample(chosen[1:], min(QIANCHUAN_REDOWNLOADS, len(chosen) - 1))}
    for day in sorted(chosen):
        rows = []
        for video, material_key, created in rng.sample(
            live_on(day), min(len(live_on(day)), rng.randint(1, 4))
        ):
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
                    "_video": video,
                    "_created": created,
                    "_grade": grades[video.id],
                    "_refund_1h": rng.uniform(0.01, 0.08),
                    "_settled": rng.uniform(0.85, 0.98),
                }
            )
            rows.append(row)
        first = datetime.combine(day + timedelta(days=1), time(9)) + timedelta(
            minutes=rng.randrange(90), seconds=rng.randrange(60)
        )
        world.ad_downloads.append(AdDownload(day, first, [dict(r) for r in rows]))
        if day in again:
            later = (
                first.replace(hour=rng.randint(20, 21))  # the owner looked again that evening
                if day == days[0]
                else first + timedelta(days=1, hours=1, minutes=rng.randrange(60))
            )
            for row in rows:  # late attribution: a few more orders and their GMV
                row["gmv_cents"] = round(row["gmv_cents"] * rng.uniform(1.02, 1.08))
                row["orders"] += rng.randint(0, 2)
            world.ad_downloads.append(AdDownload(day, later, [dict(r) for r in rows]))
        for row in rows:
            world.add(AdSpend, {k: v for k, v in row.items() if not k.startswith("_")})


def _boosts(
    world: World,
    platform: str,
    channel: str,
    days: int,
    spend_range: tuple[int, int],
    currency: str,
) -> None:
    """Per-video boosts on ``days`` random days, of videos at most a week old."""
    rng = world.rng
    videos = [v for v in world.exported_videos() if v.platform == platform]
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
                }
            )
            world.add(AdSpend, row)


def make_comments(world: World) -> None:
    """About 600 comments, more on videos with more views; some 8 % complaints."""
    rng = world.rng
    videos = world.exported_videos()
    weights = [math.sqrt(v.reach) for v in videos]
    for number in range(1, COMMENTS + 1):
        video = world.weighted(videos, weights)
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
            },
        )
