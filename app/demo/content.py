"""Videos, the per-video exports of their metrics and the A/B experiments.

Format drives the rates (剧情植入 earns more interaction than 口播种草, 15秒快剪 the best
completion) and a result-first hook (B) beats a pain-point hook (A) on completion, so the
experiments have a real signal to find.

Each platform's video list is exported twice, a month before today and yesterday evening; the
importer turns each file into one snapshot per video. Videos are keyed as the importer keys them:
视频号 and TikTok by their platform id, the others by publish time (as the export prints it) and
caption.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, time, timedelta

from app.demo import vocab
from app.demo.world import DAYS, VideoExport, VideoInfo, World, clamp, title_time_key
from app.models import Experiment, ExperimentMember, ExperimentVariant, Video

VIDEOS_PER_PLATFORM = {
    "douyin": 72,
    "kuaishou": 24,
    "channels": 20,
    "xiaohongshu": 20,
    "tiktok": 14,
}
MEDIAN_REACH = {
    "douyin": 4000,
    "kuaishou": 1800,
    "channels": 900,
    "xiaohongshu": 1300,
    "tiktok": 2500,
}
LIKE_RATE = {
    "douyin": 0.035,
    "kuaishou": 0.03,
    "channels": 0.02,
    "xiaohongshu": 0.045,
    "tiktok": 0.06,
}
PILLAR_WEIGHTS = (5, 3, 3, 2, 2, 2)
POSTING_TREND = [1 + index / 60 for index in range(DAYS - 1)]

# Experiment windows in day indices of the period: 口播 vs 剧情 (finished), hook A vs B (running).
FORMAT_TEST_DAYS = (15, 43)
HOOK_TEST_DAYS = (64, DAYS - 1)
# The two downloads of every platform's video list: a month before today, and yesterday.
EXPORT_DAYS_BEFORE_TODAY = (30, 1)
NOTABLE_VIDEOS = 15  # TikTok Studio's Content.csv lists only about 15 "notable" videos
# How often a caption carries its hashtags in the export (抖音 on a new line, the others inline).
TAGGED_CAPTIONS = {"douyin": 0.6, "kuaishou": 0.4, "tiktok": 1.0}

COUNT_METRICS = (
    "likes",
    "comments",
    "shares",
    "favorites",
    "followers_gained",
    "profile_visits",
    "product_clicks",
)


def views_share(age_days: float) -> float:
    """Share of a video's lifetime views reached ``age_days`` after publishing (increasing)."""
    return 0.85 * (1 - math.exp(-age_days / 2.0)) + 0.15 * (1 - math.exp(-age_days / 25.0))


def make_videos(world: World) -> None:
    """About 150 videos over the five platforms, published across the period, evenings first."""
    for platform, count in VIDEOS_PER_PLATFORM.items():
        # The shop posts more as it grows: later days are likelier.
        days = sorted(world.rng.choices(range(DAYS - 1), weights=POSTING_TREND, k=count))
        if platform == "douyin" and days[0] > 2:
            days[0] = world.rng.randint(0, 2)  # 抖音 is the shop's home: it posts from day one
            days.sort()
        hook_turn = 0
        for index in days:
            published = world.moment(world.day(index))
            if platform == "kuaishou":
                published = published.replace(second=0)  # 快手 exports the minute only
            fmt, hook = _pick_format(world, platform, index, hook_turn)
            hook_turn += hook != ""
            _add_video(world, platform, published, fmt, hook)


def _pick_format(world: World, platform: str, index: int, hook_turn: int) -> tuple[str, str]:
    rng = world.rng
    format_test = FORMAT_TEST_DAYS[0] <= index < FORMAT_TEST_DAYS[1]
    hook_test = HOOK_TEST_DAYS[0] <= index < HOOK_TEST_DAYS[1]
    if platform == "douyin" and format_test and rng.random() < 0.75:
        return rng.choice(("口播种草", "剧情植入")), ""
    if platform == "douyin" and hook_test and rng.random() < 0.9:
        return "问题-解决方案-效果对比", "AB"[hook_turn % 2]
    return rng.choice(vocab.TEMPLATE_NAMES), ""


def _add_video(world: World, platform: str, published: datetime, fmt: str, hook: str) -> None:
    rng = world.rng
    pillar = world.weighted([p[0] for p in vocab.PILLARS], PILLAR_WEIGHTS)
    shop_platform = "tiktok" if platform == "tiktok" else "douyin"
    products = [p for p in world.products if p.platform == shop_platform]
    product = world.weighted(products, [p.popularity for p in products])
    headline = _title(world, platform, pillar, product.short, hook)
    tags = rng.choice(vocab.EN_TAGS if platform == "tiktok" else vocab.CN_TAGS)
    title = headline
    if rng.random() < TAGGED_CAPTIONS.get(platform, 0.0):
        title = f"{headline}{chr(10) if platform == 'douyin' else ' '}{tags}"
    completion, interaction, clicks, (low, high) = vocab.FORMAT_EFFECTS[fmt]
    duration = rng.randint(low, high)
    if platform == "tiktok":
        key = world.digits(19, "74")  # the id in Video link
    elif platform == "channels":
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        key = world.unique(
            lambda: "export/UzFfAgtgekIEAQAAAAAA" + "".join(rng.choices(alphabet, k=36))
        )
    else:  # no id in the export: the importer keys the video by publish time and caption
        while not world.claim(key := title_time_key(title, published)):
            published += timedelta(minutes=1)
    row = {
        "platform": platform,
        "video_key": key,
        "account_id": world.accounts[platform]["id"],
        "title": title,
        "published_at": published,
        "duration_s": duration,
        "format": fmt,
        "pillar_id": world.pillars[pillar],
        "tags": tags,
        "plan_item_id": None,
    }
    video_id = world.add(Video, row)
    reach = MEDIAN_REACH[platform] * math.exp(rng.gauss(0, 1.1)) * (0.8 + 0.2 * interaction)
    if rng.random() < 0.04:
        reach *= rng.uniform(15, 60)  # the odd viral hit
    info = VideoInfo(
        video_id,
        platform,
        published,
        reach,
        fmt,
        product.id,
        title,
        key,
        pillar,
        duration,
        headline=headline,
        hook=hook,
    )
    info.rates = _rates(
        world, platform, completion + (0.06 if hook == "B" else 0.0), interaction, clicks
    )
    world.videos.append(info)


def _title(world: World, platform: str, pillar: str, short: str, hook: str) -> str:
    rng = world.rng
    n = rng.randint(2, 9)
    if platform == "tiktok":
        return rng.choice(vocab.EN_TITLES).format(p=short, n=n)
    title = rng.choice(vocab.CN_TITLES[pillar]).format(p=short, n=n)
    return f"{vocab.HOOKS[hook][1]} {title}" if hook else title


def _rates(
    world: World, platform: str, completion: float, interaction: float, clicks: float
) -> dict[str, float]:
    rng = world.rng

    def noisy(value: float, spread: float = 0.25) -> float:
        return value * math.exp(rng.gauss(0, spread))

    like = noisy(LIKE_RATE[platform] * interaction)
    return {
        "completion_rate": clamp(noisy(completion, 0.12), 0.05, 0.85),
        "likes": like,
        "comments": noisy(like * 0.1),
        "shares": noisy(like * 0.08),
        "favorites": noisy(like * (0.4 if platform == "xiaohongshu" else 0.15)),
        "followers_gained": noisy(0.0025),
        "profile_visits": noisy(0.012),
        "product_clicks": noisy(0.02 * clicks),
        "cover_ctr": clamp(noisy(0.045 * interaction, 0.3), 0.005, 0.2),
    }


def make_snapshots(world: World) -> None:
    """Each platform's video list downloaded twice; each download carries the videos so far.

    Metrics are cumulative (views grow along :func:`views_share`, counts are views x a fixed rate),
    so a later download never shows less than an earlier one. TikTok Studio's Content.csv gives
    its figures as of the day it names (midnight) and lists only the notable videos posted before.
    """
    rng = world.rng
    for platform in VIDEOS_PER_PLATFORM:
        videos = [v for v in world.videos if v.platform == platform]
        for order, days_before in enumerate(EXPORT_DAYS_BEFORE_TODAY):
            day = world.today - timedelta(days=days_before)
            if platform == "tiktok":
                exported_at = datetime.combine(day, time(8, rng.randrange(60)))
                at = snapshot_at = datetime.combine(day, time())
                carried = [v for v in videos if v.published_at.date() < day]
                carried = sorted(carried, key=lambda v: -v.reach)[:NOTABLE_VIDEOS]
            else:
                exported_at = datetime.combine(day, time(rng.randint(20, 22), rng.randrange(60)))
                at = exported_at
                snapshot_at = datetime.combine(day, time(23, 59, 59))  # the day in its file name
                carried = [
                    v for v in videos if (at - v.published_at).total_seconds() >= 0.25 * 86400
                ]
            export = VideoExport(platform, exported_at, snapshot_at, order)
            for video in carried:
                age = (at - video.published_at).total_seconds() / 86400
                export.rows.append((video, _metrics(world, video, age)))
            if export.rows:
                world.video_exports.append(export)


def _metrics(world: World, video: VideoInfo, age: float) -> dict[str, float | int]:
    """A video's cumulative figures ``age`` days after publishing, and what the files add."""
    rng = world.rng
    views = round(video.reach * views_share(age))
    drift = 1 - 0.04 * min(age, 30) / 30  # a wider, less loyal audience later on
    completion = clamp(video.rates["completion_rate"] * drift, 0.05, 0.85)
    values: dict[str, float | int] = {
        "views": views,
        "completion_rate": round(completion, 6),
        "completion_5s_rate": round(clamp(completion + rng.uniform(0.22, 0.32), 0, 0.95), 6),
        "bounce_2s_rate": round(
            clamp(0.62 - 0.8 * completion + rng.uniform(-0.04, 0.04), 0.05, 0.9), 6
        ),
        "avg_watch_s": round(video.duration_s * clamp(0.22 + 0.7 * completion, 0.05, 0.98), 1),
        "cover_ctr": round(video.rates["cover_ctr"], 4),
        "impressions": round(views / clamp(video.rates["cover_ctr"] * 2.2, 0.02, 0.6)),
        "recommendations": round(views * rng.uniform(0.004, 0.012)),
        "reshares": round(views * rng.uniform(0.001, 0.004)),
    }
    for metric in COUNT_METRICS:
        values[metric] = round(views * video.rates[metric])
    return values


def make_experiments(world: World) -> None:
    """口播种草 vs 剧情植入 on interaction (finished) and hook A vs B on completion (running)."""
    latest = latest_metrics(world)
    known = world.exported_videos()
    lo, hi = (world.start + timedelta(days=d) for d in FORMAT_TEST_DAYS)
    format_members = {
        v.id: "A" if v.format == "口播种草" else "B"
        for v in known
        if v.platform == "douyin"
        and lo <= v.published_at < hi
        and v.format in ("口播种草", "剧情植入")
    }
    first = {
        "name": "口播种草 vs 剧情植入：互动率",
        "hypothesis": "剧情植入的互动率高于口播种草",
        "metric": "interaction_rate",
        "window_days": FORMAT_TEST_DAYS[1] - FORMAT_TEST_DAYS[0],
        "status": "finished",
        "started_at": lo,
        "ended_at": hi,
        "result": _interaction_result(format_members, latest),
    }
    hook_start = world.start + timedelta(days=HOOK_TEST_DAYS[0])
    second = {
        "name": "开头钩子 A/B：痛点开头 vs 结果开头",
        "hypothesis": "先给结果的开头能提高完播率",
        "metric": "completion_rate",
        "window_days": 21,
        "status": "running",
        "started_at": hook_start,
        "ended_at": None,
        "result": "",
    }
    hook_members = {v.id: v.hook for v in known if v.hook}
    variants = (("口播种草", "剧情植入"), (vocab.HOOKS["A"][0], vocab.HOOKS["B"][0]))
    for experiment, members, names in zip(
        (first, second), (format_members, hook_members), variants, strict=True
    ):
        experiment.update(
            {
                "confidence": 0.95,
                "power": 0.8,
                "planned_sample_size": None,
                "min_effect": None,
                "created": experiment["started_at"] - timedelta(days=1),
            }
        )
        experiment_id = world.add(Experiment, experiment)
        for key, name in zip("AB", names, strict=True):
            world.add(ExperimentVariant, {"experiment_id": experiment_id, "key": key, "name": name})
        for video_id, variant in sorted(members.items()):
            world.add(
                ExperimentMember,
                {
                    "experiment_id": experiment_id,
                    "variant": variant,
                    "video_id": video_id,
                    "plan_item_id": None,
                },
            )


def latest_metrics(world: World) -> dict[int, dict]:
    """Each video's figures in the newest export that carries it, by world video id."""
    latest: dict[int, dict] = {}
    for export in sorted(world.video_exports, key=lambda e: e.snapshot_at):
        for video, metrics in export.rows:
            latest[video.id] = metrics
    return latest


def _interaction_result(members: dict[int, str], latest: dict[int, dict]) -> str:
    """The two-proportion z-test of the finished experiment, as the app would store it."""
    totals = {"A": [0, 0], "B": [0, 0]}
    for video_id, variant in members.items():
        snap = latest.get(video_id)
        if snap is None:
            continue
        totals[variant][0] += sum(snap[m] for m in ("likes", "comments", "shares", "favorites"))
        totals[variant][1] += snap["views"]
    (xa, na), (xb, nb) = totals["A"], totals["B"]
    if not na or not nb:
        return ""
    pa, pb = xa / na, xb / nb
    pooled = (xa + xb) / (na + nb)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb)) or 1e-12
    se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    z = (pb - pa) / se_pooled
    result = {
        "rate_a": round(pa, 5),
        "rate_b": round(pb, 5),
        "diff": round(pb - pa, 5),
        "ci_low": round(pb - pa - 1.96 * se, 5),
        "ci_high": round(pb - pa + 1.96 * se, 5),
        "z": round(z, 3),
        "p_value": round(math.erfc(abs(z) / math.sqrt(2)), 6),
        "n_a": na,
        "n_b": nb,
        "videos_a": sum(1 for v in members.values() if v == "A"),
        "videos_b": sum(1 for v in members.values() if v == "B"),
    }
    return json.dumps(result, ensure_ascii=False)
