"""Which 抖音 video a 千川 material promotes, so a video's ad spend is known.

The 千川 素材 report names a material (素材名称, usually the title of the 抖音号视频 it was made
from) and says when it was created (素材创建时间), but not which video it is. The rule:

- a material matches a 抖音 video of the shop when its name equals the video's title, both
  compared without hashtags, spaces and the difference between full- and half-width forms
  (``今天上新｜连衣裙`` = ``今天上新|连衣裙 #穿搭``), case-folded;
- when several videos bear that title (a re-post), the one published closest to the material's
  creation time (千川 materials of the samples are created hours before the post goes out, so
  "closest", not "closest before"); without a creation time such a material stays unmatched;
- a material whose name no video bears (a 本地上传 file name) stays unmatched: its spend counts
  in the totals, never for a video.

:func:`match_material_videos` applies the rule to every stored material row after each import,
so a video list imported after the ad reports links the materials already stored. The link is
derived data: it is not logged for undo (undoing a video import clears it through the foreign
key, and the next import or undo matches again).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.models import AdSpend, Video

AD_SPEND = AdSpend.__table__
VIDEOS = Video.__table__
MATCHED_PLATFORM = "douyin"
MATCHED_CHANNEL = "qianchuan"  # the 素材 report; 推商品 / 推抖音号 rows name products, accounts
_HASHTAG_RE = re.compile(r"#[^\s#]*")


def title_key(text: str | None) -> str:
    """What a material name and a video title are compared on (see the module's rule)."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(_HASHTAG_RE.sub(" ", text).split()).casefold()


def closest_video(
    candidates: list[tuple[int, datetime | None]], created_at: datetime | None
) -> int | None:
    """The id of the video (id, published_at) the material belongs to, or None when unsure."""
    if len(candidates) == 1:
        return candidates[0][0]
    dated = [(vid, published) for vid, published in candidates if published is not None]
    if created_at is None or not dated:
        return None
    return min(dated, key=lambda c: (abs((c[1] - created_at).total_seconds()), c[1]))[0]


def match_material_videos(session: Session) -> int:
    """Point every named 千川 material row at its video by the rule; returns rows changed."""
    by_title: dict[str, list[tuple[int, datetime | None]]] = defaultdict(list)
    for vid, title, published in session.execute(
        select(VIDEOS.c.id, VIDEOS.c.title, VIDEOS.c.published_at).where(
            VIDEOS.c.platform == MATCHED_PLATFORM
        )
    ):
        if key := title_key(title):
            by_title[key].append((vid, published))
    rows = session.execute(
        select(
            AD_SPEND.c.id,
            AD_SPEND.c.material_name,
            AD_SPEND.c.material_created_at,
            AD_SPEND.c.video_id,
        ).where(
            (AD_SPEND.c.platform == MATCHED_PLATFORM)
            & (AD_SPEND.c.channel == MATCHED_CHANNEL)
            & (AD_SPEND.c.material_name != "")
        )
    )
    changes = []
    for row_id, name, created_at, video_id in rows:
        wanted = closest_video(by_title.get(title_key(name), []), created_at)
        if wanted != video_id:
            changes.append({"row_id": row_id, "wanted": wanted})
    if changes:
        session.execute(
            update(AD_SPEND)
            .where(AD_SPEND.c.id == bindparam("row_id"))
            .values(video_id=bindparam("wanted")),
            changes,
        )
    return len(changes)
