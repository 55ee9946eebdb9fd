"""The ledger frame as the table shows it: names added, filters applied (pure pandas)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import pandas as pd

from app.views.customers.labels import NO_TAG, channel_name, segment_name
from app.views.formatting import platform_names


def split_tags(text: object) -> list[str]:
    """A stored tag text ("a, b") as its tags, trimmed, empty ones dropped."""
    return [t.strip() for t in str(text or "").split(",") if t.strip()]


def platforms_text(codes: object) -> str:
    """ "douyin, wecom" → "抖音, 企业微信": platforms and private channels by name."""
    names = platform_names()
    parts = [c.strip() for c in str(codes or "").split(",") if c.strip()]
    return ", ".join(names.get(c) or channel_name(c) for c in parts)


def prepare_ledger(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger with the names the table shows (platforms, channel, segment) added."""
    frame = ledger.copy()
    frame["platform_names"] = frame["platforms"].fillna("").map(platforms_text)
    frame["channel_name"] = frame["private_channel"].fillna("").map(channel_name)
    if "segment" not in frame:
        frame["segment"] = ""
    frame["segment_name"] = frame["segment"].fillna("").map(segment_name)
    for column in ("tier", "tags", "note", "private_channel"):
        frame[column] = frame[column].fillna("")
    return frame


def select_customers(
    frame: pd.DataFrame,
    *,
    tiers: Iterable[Hashable] = (),
    segments: Iterable[Hashable] = (),
    platforms: Iterable[Hashable] = (),
    channels: Iterable[Hashable] = (),
    tags: Iterable[Hashable] = (),
    ids: Iterable[int] | None = None,
) -> pd.DataFrame:
    """The rows that pass every filter; an empty choice passes everything."""
    keep = pd.Series(True, index=frame.index)
    if tiers := set(tiers):
        keep &= frame["tier"].isin(tiers)
    if segments := set(segments):
        keep &= frame["segment"].isin(segments)
    if platforms := set(platforms):
        codes = frame["platforms"].fillna("").map(lambda t: {c.strip() for c in t.split(",")})
        keep &= codes.map(lambda have: bool(have & platforms))
    if channels := set(channels):
        keep &= frame["private_channel"].isin(channels)
    if tags := set(tags):
        have = frame["tags"].map(lambda t: set(split_tags(t)) or {NO_TAG})
        keep &= have.map(lambda mine: bool(mine & tags))
    if ids is not None:
        keep &= frame["customer_id"].isin(set(ids))
    return frame[keep]
