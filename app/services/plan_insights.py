"""What the plan learns from the store: match suggestions, planned vs actual, the best time to
post, the pillar and template leaderboards, challenge/duet reach, and the plan as an Excel file.

Each function reads through the :class:`~app.db.Reader` protocol (portable SQL) and hands plain
DataFrames to :mod:`app.analytics.content`. pandas loads with this module, never on the start-up
path: :mod:`app.services.plan` forwards these names lazily.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from app.analytics import content
from app.analytics.content import Heatmap
from app.db import Reader
from app.services.plan import PlanItemRow, list_plan_items
from app.services.tables import as_datetime

# How far back a pillar's median reaches for planned vs actual (the owner's "usual video").
BASELINE_DAYS = 90

VIDEO_FRAME_SQL = """
SELECT v.id AS video_id, v.platform, v.title, v.published_at,
       COALESCE(v.pillar_id, p.pillar_id) AS pillar_id,
       COALESCE(v.template_id, p.template_id) AS template_id,
       v.plan_item_id, p.kind,
       s.views, s.completion_rate, s.likes, s.comments, s.shares, s.favorites,
       s.followers_gained, o.orders
FROM videos v
LEFT JOIN plan_items p ON p.id = v.plan_item_id
LEFT JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
LEFT JOIN (
    SELECT video_id, COUNT(DISTINCT order_no) AS orders FROM order_lines
    WHERE video_id IS NOT NULL AND paid_at IS NOT NULL AND NOT cancelled
    GROUP BY video_id) o ON o.video_id = v.id
ORDER BY v.id
"""
# Platforms whose order exports credit orders to videos: there, a video without orders sold 0.
CREDITING_PLATFORMS_SQL = """
SELECT DISTINCT v.platform FROM order_lines o JOIN videos v ON v.id = o.video_id
"""


def video_frame(reader: Reader, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Every video with its newest metrics and credited paid orders (see
    :data:`app.analytics.content.VIDEO_COLUMNS`), published between the inclusive days."""
    columns, rows = reader.query(VIDEO_FRAME_SQL)
    frame = pd.DataFrame(rows, columns=columns)
    frame["published_at"] = pd.to_datetime(frame["published_at"].map(as_datetime))
    numeric = ["views", "completion_rate", *content.INTERACTIONS, "followers_gained", "orders"]
    frame[numeric] = frame[numeric].apply(pd.to_numeric).astype(float)
    crediting = {p for (p,) in reader.query(CREDITING_PLATFORMS_SQL)[1]}
    frame["orders"] = frame["orders"].where(
        frame["orders"].notna() | ~frame["platform"].isin(crediting), 0.0
    )
    for key in ("pillar_id", "template_id", "plan_item_id"):
        frame[key] = frame[key].astype("Int64")
    return _published_within(frame, start, end)


def _published_within(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    day = frame["published_at"].dt.date
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= day >= start
    if end is not None:
        keep &= day <= end
    return frame[keep & (frame["published_at"].notna() | (start is None and end is None))]


# --- Matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchSuggestion:
    """A published video that looks like the video of a plan item (the user confirms it)."""

    video_id: int
    item_id: int
    platform: str
    video_title: str
    item_title: str
    published_at: datetime
    planned_at: datetime
    similarity: float
    hours_apart: float
    score: float


def match_suggestions(reader: Reader) -> list[MatchSuggestion]:
    """Unlinked videos paired with the plan items they most likely are, best score first
    (rules and score: :func:`app.analytics.content.match_videos`)."""
    items = list_plan_items(reader)
    videos = video_frame(reader)
    taken: dict[int, set[str]] = {}
    for row in videos[videos["plan_item_id"].notna()].itertuples():
        taken.setdefault(int(row.plan_item_id), set()).add(row.platform)
    item_frame = pd.DataFrame(
        {
            "item_id": [i.id for i in items],
            "title": [i.title for i in items],
            "platforms": [i.platforms for i in items],
            "planned_at": [i.planned_at for i in items],
            "taken": [taken.get(i.id, set()) for i in items],
        }
    )
    unlinked = videos[videos["plan_item_id"].isna()]
    pairs = content.match_videos(item_frame, unlinked)
    by_item = {i.id: i for i in items}
    by_video = unlinked.set_index("video_id")
    return [
        MatchSuggestion(
            video_id=int(p.video_id),
            item_id=int(p.item_id),
            platform=p.platform,
            video_title=str(by_video.at[p.video_id, "title"]),
            item_title=by_item[p.item_id].title,
            published_at=by_video.at[p.video_id, "published_at"].to_pydatetime(),
            planned_at=by_item[p.item_id].planned_at,
            similarity=round(float(p.similarity), 4),
            hours_apart=round(float(p.hours_apart), 2),
            score=round(float(p.score), 4),
        )
        for p in pairs.itertuples()
    ]


# --- Planned vs actual ------------------------------------------------------------------------


def planned_vs_actual(
    reader: Reader, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """One row per plan item planned between the inclusive days, with what its linked videos
    did (videos, views, completion_rate, interaction_rate, orders; NaN before it is published)
    and its pillar's per-video median of each over the :data:`BASELINE_DAYS` before ``end``
    (``pillar_views`` …), plus ``views_vs_pillar``. Other columns: item_id, title, planned_at,
    status, kind, pillar_id, template_id, platforms (comma-separated)."""
    items = list_plan_items(reader, start, end)
    everything = video_frame(reader)
    last = end or _last_day(everything)
    baseline = _published_within(everything, last - timedelta(days=BASELINE_DAYS - 1), last)
    item_frame = pd.DataFrame(
        [_item_record(i) for i in items],
        columns=[
            "item_id",
            "title",
            "planned_at",
            "status",
            "kind",
            "pillar_id",
            "template_id",
            "platforms",
        ],
    )
    item_frame["pillar_id"] = item_frame["pillar_id"].astype("Int64")
    linked = everything[everything["plan_item_id"].isin([i.id for i in items])]
    return content.planned_vs_actual(item_frame, linked, baseline)


def _item_record(item: PlanItemRow) -> dict[str, Any]:
    return {
        "item_id": item.id,
        "title": item.title,
        "planned_at": item.planned_at,
        "status": item.status,
        "kind": item.kind,
        "pillar_id": item.pillar_id,
        "template_id": item.template_id,
        "platforms": ",".join(item.platforms),
    }


def _last_day(videos: pd.DataFrame) -> date:
    newest = videos["published_at"].max()
    return newest.date() if pd.notna(newest) else date.today()


# --- Best time, leaderboards, fission ------------------------------------------------------------


def posting_heatmap(
    reader: Reader,
    metric: str = "views",
    min_videos: int = 3,
    period: tuple[date | None, date | None] | None = None,
) -> Heatmap:
    """The weekday x hour heatmap of the shop's own videos (``period``: inclusive days), with
    the paid order lines by paid hour of the same days (``Heatmap.sales``)."""
    from dataclasses import replace

    start, end = period or (None, None)
    heatmap = content.posting_heatmap(video_frame(reader, start, end), metric, min_videos)
    return replace(heatmap, sales=sales_by_slot(reader, start, end))


# Paid lines per calendar hour ('2026-10-06 20'): at most 24 rows a day, whatever the sales.
PAID_HOURS_SQL = """
SELECT substr(CAST(paid_at AS TEXT), 1, 13) AS paid_hour, COUNT(*) AS lines
FROM order_lines WHERE paid_at IS NOT NULL AND NOT cancelled
GROUP BY substr(CAST(paid_at AS TEXT), 1, 13)
"""


def sales_by_slot(
    reader: Reader, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Paid order lines by weekday x hour of payment (7 x 24), between the inclusive days."""
    from app.analytics.conversion_slots import orders_by_slot

    rows = reader.query(PAID_HOURS_SQL)[1]
    hours = pd.to_datetime(pd.Series([f"{h}:00" for h, _ in rows], dtype=object))
    counts = pd.Series([int(n) for _, n in rows], dtype="int64")
    keep = pd.Series(True, index=hours.index)
    if start is not None:
        keep &= hours >= pd.Timestamp(start)
    if end is not None:
        keep &= hours < pd.Timestamp(end + timedelta(days=1))
    return orders_by_slot(hours[keep], counts[keep])


def leaderboard(
    reader: Reader, by: str = "pillar", start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Pillars or templates ranked by median views over the videos published between the
    inclusive days: ``id``, ``name`` ("" for videos without one), ``color`` (pillars; "" for
    templates), videos, median_views, completion_rate, interaction_rate, orders_per_1k_views."""
    if by not in ("pillar", "template"):
        raise ValueError(f"a leaderboard is by pillar or template, not {by!r}")
    key = f"{by}_id"
    table = "content_pillars" if by == "pillar" else "templates"
    color = "color" if by == "pillar" else "''"
    names = {i: (n, c) for i, n, c in reader.query(f"SELECT id, name, {color} FROM {table}")[1]}
    board = content.leaderboard(video_frame(reader, start, end), key)
    ids = board.pop(key)
    board.insert(0, "id", ids.astype("Int64"))
    board.insert(1, "name", [names.get(i, ("", ""))[0] if pd.notna(i) else "" for i in ids])
    board.insert(2, "color", [names.get(i, ("", ""))[1] if pd.notna(i) else "" for i in ids])
    return board


def fission_comparison(
    reader: Reader, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Challenge and duet videos against the originals, published between the inclusive days
    (columns: :data:`app.analytics.content.FISSION_COLUMNS`)."""
    return content.fission_comparison(video_frame(reader, start, end))


# --- Export -------------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "planned_at",
    "status",
    "title",
    "kind",
    "pillar",
    "persona",
    "template",
    "platforms",
    "product",
    "ab_group",
    "target_length_s",
    "hook",
    "outline",
    "notes",
    "views",
    "created",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_plan(
    reader: Reader,
    path: Path | str,
    headers: Mapping[str, str],
    start: date | None = None,
    end: date | None = None,
    *,
    item_ids: Sequence[int] | None = None,
    labels: Mapping[str, str] | None = None,
) -> int:
    """Write the plan to an .xlsx file; return the number of items written.

    ``headers`` maps fields (:data:`EXPORT_FIELDS`) to column headers and gives the columns in
    its order. ``item_ids`` exports exactly those items in that order (what the list view
    shows); otherwise the items planned between the inclusive days, or all. ``labels`` turns
    stored codes (stages, kinds, platforms) into the owner's words. Text that a spreadsheet would
    run as a formula gets a leading apostrophe and stays text; phone numbers in it are masked.
    The file appears whole or not at all (written beside it, then moved into place); OSError
    when it cannot be written.
    """
    unknown = [f for f in headers if f not in EXPORT_FIELDS]
    if unknown:
        raise ValueError(f"unknown export field {unknown[0]!r}")
    if item_ids is None:
        items = list_plan_items(reader, start, end)
    else:
        by_id = {i.id: i for i in list_plan_items(reader)}
        items = [by_id[i] for i in item_ids if i in by_id]
    names = _names(reader)
    words = dict(labels or {})
    rows = [[_export_value(item, f, names, words) for f in headers] for item in items]
    _write_xlsx(Path(path), list(headers.values()), rows)
    return len(rows)


def _names(reader: Reader) -> dict[str, dict[int, str]]:
    tables = {
        "pillar": "content_pillars",
        "persona": "personas",
        "template": "templates",
        "product": "products",
    }
    return {
        key: dict(reader.query(f"SELECT id, name FROM {table}")[1]) for key, table in tables.items()
    }


def _export_value(
    item: PlanItemRow, name: str, names: dict[str, dict[int, str]], words: dict[str, str]
) -> Any:
    if name in names:
        ref = getattr(item, f"{name}_id")
        return names[name].get(ref, "") if ref is not None else ""
    if name in ("status", "kind"):
        return words.get(getattr(item, name), getattr(item, name))
    if name == "platforms":
        return "、".join(words.get(p, p) for p in item.platforms)
    return getattr(item, name)


def formula_safe(value: Any) -> Any:
    """Text a spreadsheet would evaluate (= + - @, tab, CR first) with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _without_phones(value: Any) -> Any:
    """Text with its phone numbers masked (a note may hold a creator's number), else as is."""
    from app.services.privacy import mask_phones_in

    return mask_phones_in(value) if isinstance(value, str) else value


def _write_xlsx(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """One sheet: a bold, frozen header row, then the rows; text always stays text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([formula_safe(_without_phones(v)) for v in values])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl guessed
                if "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    for index, title in enumerate(header, start=1):
        longest = max([len(str(title))] + [_width(r[index - 1]) for r in rows])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, longest + 4)
    _save_atomically(book, path)


def _width(value: Any) -> int:
    if isinstance(value, datetime):
        return 16
    lines = str(value if value is not None else "").splitlines() or [""]
    # CJK characters are about two columns wide.
    return max(sum(2 if ord(c) > 0x2E80 else 1 for c in line) for line in lines)


def _save_atomically(book: Any, path: Path) -> None:
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
