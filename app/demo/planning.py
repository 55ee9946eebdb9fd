"""The demo shop's content plan: about two months of plan items in every stage.

- Published items linked from their videos: the hook A/B test's videos and others of the last
  five weeks, and a month of earlier ones (some challenges and duets among them).
- Three videos of the last week were posted from a plan item but are not linked yet: their
  captions were reworded a little on posting, so the 复盘 view has matches to confirm.
- Two items planned before today are still in production (overdue), and the rest are still to
  come: scheduled and edited ones this week, ideas (half of them not dated yet) further out.

The first two bullets' draws come from the world's random source, in the order the demo always
drew them (so the rest of the shop stays as it was); everything added later draws from a fork.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, time, timedelta

from app.demo import vocab
from app.demo.content import PILLAR_WEIGHTS
from app.demo.world import DAYS, VideoInfo, World
from app.models import PlanItem, Video

PLAN_STATUS_COUNTS = {"idea": 6, "scripted": 5, "shot": 4, "edited": 4, "scheduled": 5}
PUBLISHED_PLAN_ITEMS = 16
EARLIER_PLAN_ITEMS = 10
EARLIER_DAYS = (30, 63)  # day indices of the period the earlier published items come from
MATCHABLE_ITEMS = 3
MATCHABLE_DAYS = 7  # the unlinked-but-planned videos were posted in the last week
UNDATED_IDEAS = 3
# platforms that print a publish time (视频号 and TikTok print the day only)
TIMED_PLATFORMS = ("douyin", "kuaishou", "xiaohongshu")
KINDS = ("original", "challenge", "duet")


def hook_of(title: str) -> str:
    """The opening line of a title: up to its first question mark, comma or bar."""
    return re.split(r"(?<=[？！])|[，｜]", title, maxsplit=1)[0]


def make_plan(world: World) -> None:
    """About 55 plan items from two months ago to three weeks ahead."""
    known = world.exported_videos()
    hooked = [v for v in known if v.hook][:PUBLISHED_PLAN_ITEMS]
    others = [v for v in known if not v.hook and v.platform in ("douyin", "kuaishou")]
    picked = hooked + world.rng.sample(others, max(0, PUBLISHED_PLAN_ITEMS - len(hooked)))
    for video in sorted(picked, key=lambda v: v.published_at):
        _add_published_item(world, video, world.rng)
    for status, count in PLAN_STATUS_COUNTS.items():
        for _ in range(count):
            _add_future_item(world, status)
    extra = world.fork("plan")
    free = [v for v in known if v not in picked and not v.hook and v.platform in TIMED_PLATFORMS]
    earlier = _earlier(world, extra, free)
    for video in earlier:
        _add_published_item(world, video, extra, kinds=(6, 2, 2))
    recent = [v for v in free if v not in earlier]
    for index, video in enumerate(_recent(world, extra, recent)):
        _add_matchable_item(world, extra, video, index)
    _add_overdue_items(world, extra)
    _finish(world, extra)


def _earlier(world: World, rng: random.Random, free: list[VideoInfo]) -> list[VideoInfo]:
    lo, hi = (world.start + timedelta(days=d) for d in EARLIER_DAYS)
    pool = [v for v in free if lo <= v.published_at < hi]
    return sorted(
        rng.sample(pool, min(EARLIER_PLAN_ITEMS, len(pool))), key=lambda v: v.published_at
    )


def _recent(world: World, rng: random.Random, free: list[VideoInfo]) -> list[VideoInfo]:
    since = datetime.combine(world.today - timedelta(days=MATCHABLE_DAYS), time())
    pool = [v for v in free if v.published_at >= since]
    return sorted(rng.sample(pool, min(MATCHABLE_ITEMS, len(pool))), key=lambda v: v.published_at)


def _plan_row(
    world: World,
    rng: random.Random,
    title: str,
    pillar: str,
    fmt: str,
    product_id: int,
    kinds: tuple[int, int, int] = (8, 1, 1),
) -> dict:
    return {
        "title": title,
        "kind": rng.choices(KINDS, weights=kinds, k=1)[0],
        "pillar_id": world.pillars[pillar],
        "persona_id": rng.choice(world.personas),
        "template_id": world.templates[fmt],
        "product_id": product_id,
        "outline": "\n".join(world.template_steps[fmt]),
        "ab_group": "",
    }


def _add_published_item(
    world: World, video: VideoInfo, rng: random.Random, kinds: tuple[int, int, int] = (8, 1, 1)
) -> None:
    row = _plan_row(world, rng, video.headline, video.pillar, video.format, video.product_id, kinds)
    row.update(
        {
            "hook": vocab.HOOKS[video.hook][1] if video.hook else hook_of(video.headline),
            "platforms": "douyin,kuaishou" if rng.random() < 0.5 else video.platform,
            "status": "published",
            "planned_at": video.published_at.replace(minute=0, second=0),
            "ab_group": video.hook,
            "created": video.published_at - timedelta(days=rng.randint(3, 10), hours=5),
        }
    )
    plan_id = world.add(PlanItem, row)
    world.rows[Video][video.id - 1]["plan_item_id"] = plan_id


def _add_future_item(world: World, status: str) -> None:
    rng = world.rng
    pillar = world.weighted([p[0] for p in vocab.PILLARS], PILLAR_WEIGHTS)
    product = rng.choice([p for p in world.products if p.platform == "douyin"])
    fmt = rng.choice(vocab.TEMPLATE_NAMES)
    title = rng.choice(vocab.CN_TITLES[pillar]).format(p=product.short, n=rng.randint(2, 9))
    ahead = rng.randint(1, 7) if status in ("scheduled", "edited") else rng.randint(3, 21)
    row = _plan_row(world, rng, title, pillar, fmt, product.id)
    row.update(
        {
            "hook": hook_of(title),
            "platforms": rng.choice(("douyin", "douyin,kuaishou", "douyin,channels,xiaohongshu")),
            "status": status,
            "planned_at": datetime.combine(
                world.today + timedelta(days=ahead), time(rng.choice((12, 19, 20, 21)))
            ),
            "created": world.start
            + timedelta(days=rng.randint(60, DAYS - 1), hours=rng.randint(9, 22)),
        }
    )
    world.add(PlanItem, row)


def reworded(headline: str, variant: int) -> str:
    """How the owner's plan named a video whose caption was changed a little when posting."""
    parts = [p for p in re.split(r"[？！，｜]", headline) if p]
    if variant % 3 == 0 or len(parts) < 2:
        return re.sub(r"[？！，｜]", " ", headline).strip()  # punctuation only
    if variant % 3 == 1:
        return parts[0]  # the plan had the first half only
    return f"{parts[1]}，{parts[0]}"  # the halves the other way round


def _add_matchable_item(world: World, rng: random.Random, video: VideoInfo, index: int) -> None:
    planned = video.published_at.replace(minute=0, second=0) - timedelta(
        hours=(0, 3, 22)[index % 3]
    )
    title = reworded(video.headline, index)
    row = _plan_row(world, rng, title, video.pillar, video.format, video.product_id)
    row.update(
        {
            "hook": hook_of(video.headline),
            "platforms": video.platform,
            "status": "edited" if index == 1 else "scheduled",
            "planned_at": planned,
            "created": planned - timedelta(days=rng.randint(4, 9), hours=3),
        }
    )
    world.add(PlanItem, row)


def _add_overdue_items(world: World, rng: random.Random) -> None:
    for index, (title, status, days_late, hour) in enumerate(vocab.OVERDUE_PLAN_ITEMS):
        pillar = rng.choices([p[0] for p in vocab.PILLARS], weights=PILLAR_WEIGHTS, k=1)[0]
        fmt = vocab.TEMPLATE_NAMES[index % len(vocab.TEMPLATE_NAMES)]
        product = rng.choice([p for p in world.products if p.platform == "douyin"])
        planned = datetime.combine(world.today - timedelta(days=days_late), time(hour))
        row = _plan_row(world, rng, title, pillar, fmt, product.id)
        row.update(
            {
                "hook": hook_of(title),
                "platforms": "douyin",
                "status": status,
                "planned_at": planned,
                "created": planned - timedelta(days=rng.randint(5, 12), hours=2),
            }
        )
        world.add(PlanItem, row)


def _finish(world: World, rng: random.Random) -> None:
    """Target lengths from the templates, a few notes, and ideas not dated yet."""
    lengths = {world.templates[name]: n for name, n in world.template_lengths.items()}
    undated = 0
    for row in world.rows[PlanItem]:
        row["target_length_s"] = lengths.get(row["template_id"])
        row["notes"] = rng.choice(vocab.PLAN_NOTES) if rng.random() < 0.4 else ""
        if row["status"] == "idea" and undated < UNDATED_IDEAS:
            row["planned_at"] = None
            undated += 1
