"""Videos and the metric snapshots each export carries (newest snapshot is the video's state)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.importers.writers.base import Counts, WriteContext, fetch_existing, update_rows, upsert
from app.metrics import SNAPSHOT_METRICS
from app.models import Video, VideoSnapshot

VIDEOS = Video.__table__
SNAPSHOTS = VideoSnapshot.__table__
METRICS = SNAPSHOT_METRICS
ATTRIBUTES = ("title", "published_at", "duration_s", "format")


def video_key(record: dict[str, Any]) -> str:
    """The platform id, else a stable key from publish time (to the second) and title."""
    if record.get("video_key"):
        return str(record["video_key"])
    published: datetime = record["published_at"]
    title = record.get("title") or ""
    digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]  # noqa: S324 - a key, not security
    return f"{published:%Y%m%d%H%M%S}-{digest}"


def write_videos(
    session: Session, records: list[dict[str, Any]], context: WriteContext, snapshots: dict
) -> Counts:
    """Upsert the videos, then add (or refresh) this file's snapshot of each.

    Counts are per video: new, updated (its metrics moved), unchanged, or skipped (the store
    already holds a newer export of it; the older snapshot is still kept for history).
    """
    snapshot_at = context.snapshot_at or datetime.now().replace(microsecond=0)
    by_key = {video_key(r): r for r in records}
    counts = Counts(skipped=len(records) - len(by_key))
    existing_before = fetch_existing(
        session, VIDEOS, ("platform", "video_key"), [(context.platform, k) for k in by_key], []
    )
    ids = _video_ids(session, by_key, context, snapshot_at)
    latest = _latest_metrics(session, list(ids.values()))
    rows = []
    for key, record in by_key.items():
        metrics = {m: record.get(m) for m in METRICS}
        rows.append({"video_id": ids[key], "snapshot_at": snapshot_at, **metrics})
        stored = latest.get(ids[key])
        if (context.platform, key) not in existing_before:
            counts.inserted += 1
        elif stored is not None and stored[0] > snapshot_at:
            counts.skipped += 1
        elif stored is not None and all(stored[1].get(m) == v for m, v in metrics.items()):
            counts.unchanged += 1
        else:
            counts.updated += 1
    upsert(session, SNAPSHOTS, ("video_id", "snapshot_at"), rows, context, {})
    return counts


def _latest_metrics(
    session: Session, video_ids: list[int]
) -> dict[int, tuple[datetime, dict[str, Any]]]:
    """Each video's newest snapshot time and metrics (before this file is written)."""
    newest = _newest_snapshots(session, video_ids)
    found: dict[int, tuple[datetime, dict[str, Any]]] = {}
    keys = [(vid, moment) for vid, moment in newest.items()]
    rows = fetch_existing(session, SNAPSHOTS, ("video_id", "snapshot_at"), keys, METRICS)
    for (vid, moment), row in rows.items():
        found[vid] = (moment, {m: row[m] for m in METRICS})
    return found


def _video_ids(
    session: Session,
    by_key: dict[str, dict[str, Any]],
    context: WriteContext,
    snapshot_at: datetime,
) -> dict[str, int]:
    """Create missing videos; refresh the attributes of videos this file is the newest for."""
    keys = [(context.platform, key) for key in by_key]
    existing = fetch_existing(session, VIDEOS, ("platform", "video_key"), keys, ATTRIBUTES)
    new = [
        {"platform": context.platform, "video_key": key, **_attributes(by_key[key])}
        for key in by_key
        if (context.platform, key) not in existing
    ]
    if new:
        upsert(session, VIDEOS, ("platform", "video_key"), new, context, {})
        existing = fetch_existing(session, VIDEOS, ("platform", "video_key"), keys, ATTRIBUTES)
    newest = _newest_snapshots(session, [row["id"] for row in existing.values()])
    stale = []
    for (_, key), row in existing.items():
        attributes = _attributes(by_key[key])
        latest = newest.get(row["id"])
        if latest is not None and latest > snapshot_at:
            continue  # a newer export already described this video
        if any(attributes[a] is not None and attributes[a] != row[a] for a in ATTRIBUTES):
            stale.append((row, attributes))
    if stale:
        from app.importers.writers.base import log_changes

        log_changes(
            session,
            context.batch_id,
            VIDEOS,
            "update",
            [{c: row[c] for c in ("id", "batch_id", *ATTRIBUTES)} for row, _ in stale],
        )
        update_rows(
            session,
            VIDEOS,
            [
                {"_id": row["id"], "batch_id": context.batch_id, **_keep(row, attrs)}
                for row, attrs in stale
            ],
        )
    return {key: row["id"] for (_, key), row in existing.items()}


def _attributes(record: dict[str, Any]) -> dict[str, Any]:
    return {a: record.get(a) for a in ATTRIBUTES} | {"title": record.get("title") or ""}


def _keep(row: dict[str, Any], attributes: dict[str, Any]) -> dict[str, Any]:
    return {a: attributes[a] if attributes[a] is not None else row[a] for a in ATTRIBUTES}


def _newest_snapshots(session: Session, video_ids: list[int]) -> dict[int, datetime]:
    newest: dict[int, datetime] = {}
    for start in range(0, len(video_ids), 500):
        chunk = video_ids[start : start + 500]
        query = (
            select(VideoSnapshot.video_id, func.max(VideoSnapshot.snapshot_at))
            .where(VideoSnapshot.video_id.in_(chunk))
            .group_by(VideoSnapshot.video_id)
        )
        for video_id, moment in session.execute(query):
            newest[video_id] = moment if isinstance(moment, datetime) else _dt(moment)
    return newest


def _dt(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))
