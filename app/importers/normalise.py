"""A recognised sheet → typed records, or an error naming the row, column and value."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from app.importers import fast, phones, values
from app.importers.context import FileHints, hints_from_name
from app.importers.detect import Detection, detect
from app.importers.errors import BadValue, ImportFileError
from app.importers.kinds import KINDS, ExportKind
from app.importers.reading import Limits, Workbook, read_workbook
from app.importers.yearless import resolve_chronological, resolve_near, resolve_not_after

_TIKTOK_VIDEO = re.compile(r"/video/(\d{8,25})")


def _tiktok_video_id(raw: object) -> str | None:
    text = values.parse_text(raw)
    if text is None:
        return None
    if match := _TIKTOK_VIDEO.search(text):
        return match.group(1)
    raise BadValue(
        "a TikTok video link like https://www.tiktok.com/@shop/video/7312345678901234567"
    )


PARSERS: dict[str, Callable[[object], Any]] = {
    "text": fast.parse_text,
    "id": fast.parse_id,
    "int": fast.parse_int,
    "money": fast.parse_money_cents,
    "rate": lambda raw: values.parse_rate(raw, bare="ratio"),
    "rate_pct": lambda raw: values.parse_rate(raw, bare="percent"),
    "duration": values.parse_duration_s,
    "datetime": fast.parse_datetime,
    "date": values.parse_date,
    "bool": values.parse_bool,
    "phone": phones.parse_phone,  # masked as read: a full number never reaches the store
    "yearless": values.parse_text,  # resolved after all rows are read (needs the file's context)
    "tiktok_video_id": _tiktok_video_id,
}


@dataclass
class ParsedFile:
    """A file read, recognised and normalised; nothing written yet.

    Attributes:
        path: where the file is.
        sha256: the file's hash (re-importing the same bytes changes nothing).
        detection: the recognised kind and layout.
        records: one dict per data row: canonical field → typed value, plus ``_row`` (Excel row).
        rows_total: data rows in the file (skipped ones included).
        skipped: total, description and empty rows left out.
        snapshot_at: the time the data stands for (newer snapshots win over older ones).
        hints: what the file name said.
        notes: assumptions the user should see (e.g. the year of year-less dates).
    """

    path: Path
    sha256: str
    detection: Detection
    records: list[dict[str, Any]]
    rows_total: int
    skipped: int
    snapshot_at: datetime | None
    hints: FileHints
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """The export kind id."""
        return self.detection.kind.kind

    @property
    def platform(self) -> str:
        """The platform the rows belong to."""
        return self.detection.kind.platform

    def date_range(self) -> tuple[date, date] | None:
        """The first and last day the rows speak of."""
        days = [
            v.date() if isinstance(v, datetime) else v
            for r in self.records
            for k, v in r.items()
            if k in DATE_FIELDS and isinstance(v, date)
        ]
        return (min(days), max(days)) if days else None


DATE_FIELDS = ("paid_at", "created_at", "published_at", "day", "reviewed_at", "since")


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file(
    path: Path,
    *,
    reference: date,
    limits: Limits | None = None,
    extra_kinds: Sequence[ExportKind] = (),
) -> ParsedFile:
    """Read, recognise and normalise one file; raise ImportFileError on anything wrong.

    ``extra_kinds`` are recognised besides the built-in ones (the user's mapping templates).
    """
    workbook = read_workbook(path, limits=limits or Limits())
    detection = detect(workbook, (*KINDS, *extra_kinds)) if extra_kinds else detect(workbook)
    try:
        records, total, skipped = _records(detection, path.name)
    except ImportFileError as error:
        error.kind, error.platform = detection.kind.kind, detection.kind.platform
        raise
    # The raw grid is no longer needed; on a 200,000-row file it is a few hundred MB.
    detection.sheet.rows.clear()
    if detection.kind.options.get("all_sheets") == "yes":
        more, more_total, more_skipped = _other_sheets(workbook, detection, records)
        records += more
        total += more_total
        skipped += more_skipped
    hints = hints_from_name(path.name)
    parsed = ParsedFile(
        path=path,
        sha256=file_sha256(path),
        detection=detection,
        records=records,
        rows_total=total,
        skipped=skipped,
        snapshot_at=None,
        hints=hints,
    )
    _resolve_yearless(parsed, reference)
    parsed.snapshot_at = _snapshot_at(parsed)
    return parsed


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/\d{4}")


def infer_day_first(detection: Detection) -> bool | None:
    """Whether a file's d/m/y-or-m/d/y dates put the day first, judged over the whole file.

    A component above 12 decides; all-ambiguous dates with AM/PM read as US (month first).
    None when the file has no such dates.
    """
    positions = [
        detection.positions[c.field]
        for c in detection.kind.columns
        if c.parse == "datetime" and c.field in detection.positions
    ]
    seen = am_pm = False
    for row in detection.sheet.rows[detection.header_index + 1 :]:
        for position in positions:
            cell = row[position] if position < len(row) else None
            match = _SLASH_DATE.match(str(cell)) if isinstance(cell, str) else None
            if not match:
                continue
            seen = True
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                return True
            if second > 12:
                return False
            am_pm = am_pm or cell.strip().upper().endswith(("AM", "PM"))
    return False if seen and am_pm else None


def _records(detection: Detection, file_name: str) -> tuple[list[dict[str, Any]], int, int]:
    kind = detection.kind
    day_first = infer_day_first(detection)
    parsers = dict(PARSERS)
    if day_first is not None:
        parsers["datetime"] = lambda raw: values.parse_datetime(raw, day_first=day_first)
    grid = detection.sheet.rows
    first = detection.header_index + 1
    records: list[dict[str, Any]] = []
    skipped = 0
    skip_missing = kind.options.get("skip_when_missing")
    for offset in range(len(grid) - first):
        row = grid[first + offset]
        grid[first + offset] = []  # free each raw row once read: peak memory is grid or records
        excel_row = detection.header_index + 2 + offset
        if _is_empty(row) or _is_total(row, kind.skip_first_cells):
            skipped += 1
            continue
        if offset == 0 and _is_description(row, kind.description_hints):
            skipped += 1
            continue
        record = _record(detection, row, excel_row, file_name, parsers)
        if skip_missing and record.get(skip_missing) is None:
            skipped += 1
            continue
        records.append(record)
    return records, len(grid) - first, skipped


def _other_sheets(
    workbook: Workbook, detection: Detection, records: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int, int]:
    """For kinds spread over several sheets (小红书 近30日 trends): every sheet of the same table.

    Records carry ``_sheet``, the sheet they came from; sheets of another shape are left out.
    """
    for record in records:
        record["_sheet"] = detection.sheet.name
    more: list[dict[str, Any]] = []
    total = skipped = 0
    for sheet in workbook.sheets:
        if sheet is detection.sheet:
            continue
        single = Workbook(workbook.file_name, workbook.container, workbook.encoding, [sheet])
        try:
            other = detect(single, (detection.kind,))
        except ImportFileError:
            continue  # not this table (a summary sheet, notes …)
        sheet_records, sheet_total, sheet_skipped = _records(other, workbook.file_name)
        for record in sheet_records:
            record["_sheet"] = sheet.name
        more += sheet_records
        total += sheet_total
        skipped += sheet_skipped
    return more, total, skipped


def _record(
    detection: Detection,
    row: list[object],
    excel_row: int,
    file_name: str,
    parsers: dict[str, Callable[[object], Any]],
) -> dict:
    record: dict[str, Any] = {"_row": excel_row}
    for column in detection.kind.columns:
        position = detection.positions.get(column.field)
        raw = row[position] if position is not None and position < len(row) else None
        try:
            value = parsers[column.parse](raw)
        except BadValue as exc:
            raise ImportFileError(
                exc.detail or f"This cell cannot be read as {exc.expected}.",
                file=file_name,
                row=excel_row,
                column=detection.header_of(column.field),
                value="" if raw is None else str(raw),
                expected=exc.expected,
            ) from None
        if value is None and column.required:
            raise ImportFileError(
                "A required cell is empty.",
                file=file_name,
                row=excel_row,
                column=detection.header_of(column.field),
                expected=f"a value for {column.headers[0]}",
            )
        record[column.field] = value
    return record


def _is_empty(row: list[object]) -> bool:
    for cell in row:
        if cell is None:
            continue
        if type(cell) is not str or (cell.strip() and not values.is_null(values.clean_text(cell))):
            return False
    return True


def _is_total(row: list[object], markers: tuple[str, ...]) -> bool:
    if not markers:
        return False
    first = next((values.clean_text(c) for c in row if c not in (None, "")), "")
    return first in markers


def _is_description(row: list[object], hints: tuple[str, ...]) -> bool:
    if not hints:
        return False
    text = " ".join(str(c) for c in row if c is not None).casefold()
    return any(h in text for h in hints)


# --- Year-less dates (TikTok Studio) ------------------------------------------------------------


def _resolve_yearless(parsed: ParsedFile, reference: date) -> None:
    columns = [c.field for c in parsed.detection.kind.columns if c.parse == "yearless"]
    if not columns:
        return
    context = parsed.hints.exported_at.date() if parsed.hints.exported_at else None
    context = context or parsed.hints.dated or reference
    try:
        if "snapshot" in columns:
            _resolve_content(parsed, context)
        else:
            _resolve_daily(parsed, context)
    except BadValue as exc:
        raise ImportFileError(
            exc.detail or "A date cannot be read.", file=parsed.path.name, expected=exc.expected
        ) from None
    years = sorted({v.year for r in parsed.records for k, v in r.items() if k in columns and v})
    if years:
        span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
        parsed.notes.append(
            f"Dates in this file have no year; ShopReel read them as {span} "
            f"(judged from {context.isoformat()})."
        )


def _resolve_content(parsed: ParsedFile, context: date) -> None:
    for record in parsed.records:
        snapshot = resolve_near(record.get("snapshot"), context)
        record["snapshot"] = datetime.combine(snapshot, time()) if snapshot else None
        limit = snapshot or context
        posted = resolve_not_after(record.get("published_at"), limit)
        record["published_at"] = datetime.combine(posted, time()) if posted else None


def _resolve_daily(parsed: ParsedFile, context: date) -> None:
    days = resolve_chronological([r.get("day") for r in parsed.records], context)
    for record, day in zip(parsed.records, days, strict=True):
        record["day"] = day


# --- Snapshot time ------------------------------------------------------------------------------


def _snapshot_at(parsed: ParsedFile) -> datetime | None:
    snapshots = [r["snapshot"] for r in parsed.records if r.get("snapshot")]
    if snapshots:
        return max(snapshots)
    if parsed.hints.exported_at:
        return parsed.hints.exported_at
    if parsed.hints.dated:
        return datetime.combine(parsed.hints.dated, time(23, 59, 59))
    newest = [
        v if isinstance(v, datetime) else datetime.combine(v, time())
        for r in parsed.records
        for k, v in r.items()
        if k in DATE_FIELDS and isinstance(v, date)
    ]
    return max(newest) if newest else None
